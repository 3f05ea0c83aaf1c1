import Foundation
import RenkeiModel

/// Lists the YAML source files under a data directory, in sorted order, without following
/// symbolic links to directories (so a link loop cannot make it run forever).
struct SourceFileFinder {
    let root: String

    func yamlFiles() throws(LoadError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else {
            throw LoadError(code: "data-missing", message: "the data directory does not exist", location: SourceLocation(file: root, line: 1, column: 1))
        }
        guard isDirectory.boolValue else {
            throw LoadError(code: "data-missing", message: "the data path is not a directory", location: SourceLocation(file: root, line: 1, column: 1))
        }
        var found: [String] = []
        try walk(root, depth: 0, into: &found)
        return found.sorted()
    }

    private func walk(_ directory: String, depth: Int, into found: inout [String]) throws(LoadError) {
        guard depth < 32 else { return }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw LoadError(code: "file-unreadable", message: "cannot list the directory", location: SourceLocation(file: directory, line: 1, column: 1))
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            let type = info.st_mode & S_IFMT
            if type == S_IFDIR {
                try walk(path, depth: depth + 1, into: &found)
            } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                if type == S_IFLNK {
                    // A link to a directory is not followed; a link to a file is read (a loop fails to read).
                    var target = stat()
                    if stat(path, &target) == 0, target.st_mode & S_IFMT == S_IFDIR { continue }
                }
                found.append(path)
            }
        }
    }
}
