import Foundation
import RenkeiModel

/// Lists the YAML source files under a data directory, in sorted order, without following
/// symbolic links to directories (so a link loop cannot make it run forever).
///
/// Nothing under the directory is passed over without a finding: a folder that cannot be listed
/// or searched, an entry that cannot be examined, a name that is not UTF-8 or a folder nested
/// deeper than `maxDepth` is an error naming it (rule `file-unreadable`), and a link to a folder
/// is a warning (`link-not-followed`), and so is a YAML file whose name starts with `.`
/// (`file-hidden`). Only other names starting with `.` (`.git`) and files not named `*.yaml` /
/// `*.yml` are left out by rule.
struct SourceFileFinder {
    let root: String
    /// Folders below the data directory, at most.
    var maxDepth = 32

    /// The files found, and every problem met on the way.
    struct Found {
        var files: [String] = []
        var problems: [Diagnostic] = []
    }

    func yamlFiles() throws(LoadError) -> Found {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else {
            let absolute = root.hasPrefix("/") ? root : FileManager.default.currentDirectoryPath + "/" + root
            throw LoadError(
                code: "data-missing",
                message: "no data folder at \(absolute): run renkei from the dataset's folder (the one holding data/), or give --data DIR",
                location: SourceLocation(file: root, line: 1, column: 1))
        }
        guard isDirectory.boolValue else {
            throw LoadError(code: "data-missing", message: "the data path is not a directory", location: SourceLocation(file: root, line: 1, column: 1))
        }
        var found = Found()
        guard let names = list(root, depth: 0, into: &found) else {
            throw LoadError(code: "file-unreadable", message: found.problems.first?.message ?? "cannot list the directory", location: SourceLocation(file: root, line: 1, column: 1))
        }
        walk(root, names: names, depth: 0, into: &found)
        found.files.sort()
        return found
    }

    private func unreadable(_ path: String, _ message: String, _ found: inout Found) {
        found.problems.append(Diagnostic(rule: "file-unreadable", severity: .error, message: message, location: SourceLocation(file: path, line: 1, column: 1)))
    }

    /// The names in `directory` (raw bytes checked as UTF-8), or nil when it cannot be listed.
    private func list(_ directory: String, depth: Int, into found: inout Found) -> [String]? {
        guard let stream = opendir(directory) else {
            unreadable(directory, "cannot list the folder: \(String(cString: strerror(errno))); its files are not read", &found)
            return nil
        }
        defer { closedir(stream) }
        var names: [String] = []
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                if errno != 0 { unreadable(directory, "cannot list the whole folder: \(String(cString: strerror(errno)))", &found) }
                break
            }
            let bytes: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            guard let name = String(validating: bytes, as: UTF8.self) else {
                let shown = bytes.map { $0 < 0x80 && $0 >= 0x20 ? String(UnicodeScalar($0)) : String(format: "\\x%02X", $0) }.joined()
                unreadable(directory + "/" + shown, "the file name is not UTF-8, so it cannot be named in the dataset: rename it", &found)
                continue
            }
            names.append(name)
        }
        return names.sorted()
    }

    private func walk(_ directory: String, names: [String], depth: Int, into found: inout Found) {
        for name in names where name.hasPrefix(".") && (name.hasSuffix(".yaml") || name.hasSuffix(".yml")) {
            found.problems.append(Diagnostic(
                rule: "file-hidden", severity: .warning,
                message: "a file whose name starts with '.' is not read: rename it if it holds records",
                location: SourceLocation(file: (directory.hasSuffix("/") ? directory : directory + "/") + name, line: 1, column: 1)))
        }
        for name in names where !name.hasPrefix(".") {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else {
                unreadable(path, "cannot examine: \(String(cString: strerror(errno))) (is the folder searchable?)", &found)
                continue
            }
            let type = info.st_mode & S_IFMT
            if type == S_IFDIR {
                guard depth + 1 <= maxDepth else {
                    unreadable(path, "the folder is nested more than \(maxDepth) levels deep: its files are not read", &found)
                    continue
                }
                if let children = list(path, depth: depth + 1, into: &found) {
                    walk(path, names: children, depth: depth + 1, into: &found)
                }
            } else if type == S_IFLNK {
                // A link to a directory is not followed; a link to a file is read (a loop fails to read).
                var target = stat()
                if stat(path, &target) == 0, target.st_mode & S_IFMT == S_IFDIR {
                    found.problems.append(Diagnostic(
                        rule: "link-not-followed", severity: .warning,
                        message: "a symbolic link to a folder is not followed: its files are not read",
                        location: SourceLocation(file: path, line: 1, column: 1)))
                } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                    found.files.append(path)
                }
            } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                found.files.append(path)
            }
        }
    }
}
