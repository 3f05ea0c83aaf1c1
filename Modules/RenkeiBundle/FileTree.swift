import Foundation

/// Many short byte strings — file names — in one buffer, so a million of them cost their bytes
/// and a four-byte offset each rather than a heap object each.
struct ByteStrings {
    private(set) var bytes: [UInt8] = []
    private var ends: [UInt32] = []

    var count: Int { ends.count }

    mutating func append<Bytes: Sequence<UInt8>>(_ string: Bytes) {
        bytes.append(contentsOf: string)
        precondition(bytes.count <= UInt32.max, "more than 4 GiB of names")
        ends.append(UInt32(bytes.count))
    }

    func range(_ i: Int) -> Range<Int> { (i == 0 ? 0 : Int(ends[i - 1]))..<Int(ends[i]) }

    subscript(_ i: Int) -> ArraySlice<UInt8> { bytes[range(i)] }

    func string(_ i: Int) -> String { String(decoding: self[i], as: UTF8.self) }

    /// Indices in the order of their strings' bytes; with `slashFirst`, `/` sorts before every
    /// other byte, which orders paths component by component (`a/b/c` before `a/b.txt`).
    func sortedIndices(slashFirst: Bool) -> [UInt32] {
        ByteStrings.sorted(count: count, slashFirst: slashFirst) { i, out in out += self[i] }
    }

    /// `0..<count` sorted by the bytes `key` writes for each index (see
    /// ``sortedIndices(slashFirst:)``).
    static func sorted(count: Int, slashFirst: Bool, key: (Int, inout [UInt8]) -> Void) -> [UInt32] {
        var order = (0..<UInt32(count)).map { $0 }
        var a: [UInt8] = [], b: [UInt8] = []
        order.sort { x, y in
            a.removeAll(keepingCapacity: true)
            b.removeAll(keepingCapacity: true)
            key(Int(x), &a)
            key(Int(y), &b)
            let n = min(a.count, b.count)
            var i = 0
            while i < n {
                var p = a[i], q = b[i]
                if p != q {
                    if slashFirst {
                        if p == UInt8(ascii: "/") { p = 0 }
                        if q == UInt8(ascii: "/") { q = 0 }
                    }
                    return p < q
                }
                i += 1
            }
            return a.count < b.count
        }
        return order
    }
}

/// Walks a folder's regular files in sorted order — each folder's names by their bytes, a
/// sub-folder's files where its name falls — without holding more than one folder's names.
/// Links, devices, FIFOs and sockets are refused: what is walked is written by this program.
public enum FileTree {
    /// Calls `body` with each regular file's path relative to `root` and its size.
    public static func walk(_ root: String, _ body: (String, UInt64) throws -> Void) throws {
        try walk(root: root, relative: "", body)
    }

    private static func walk(root: String, relative: String, _ body: (String, UInt64) throws -> Void) throws {
        let folder = relative.isEmpty ? root : root + "/" + relative
        guard let directory = opendir(folder) else {
            throw BundleError.io("cannot read the folder \(folder): \(String(cString: strerror(errno)))")
        }
        var names = ByteStrings()
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            if name == [UInt8(ascii: ".")] || name == [UInt8(ascii: "."), UInt8(ascii: ".")] { continue }
            names.append(name)
        }
        closedir(directory)
        for index in names.sortedIndices(slashFirst: false) {
            let name = names.string(Int(index))
            let path = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard lstat(root + "/" + path, &info) == 0 else {
                throw BundleError.io("cannot read \(root)/\(path): \(String(cString: strerror(errno)))")
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: try walk(root: root, relative: path, body)
            case S_IFREG: try body(path, UInt64(info.st_size))
            default: throw BundleError.io("'\(root)/\(path)' is not a regular file or a folder")
            }
        }
    }
}

extension FileTree {
    /// Removes a file, or a folder and all it holds, reading at most a few thousand names of one
    /// folder at a time (Foundation's `removeItem` lists a whole folder first: a million pages
    /// would cost a few hundred megabytes). Links are removed, never followed. Does nothing if
    /// `path` is absent; throws what the system says when something cannot be removed.
    public static func remove(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return }
            throw BundleError.io("cannot remove \(path): \(String(cString: strerror(errno)))")
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            guard unlink(path) == 0 || errno == ENOENT else {
                throw BundleError.io("cannot remove \(path): \(String(cString: strerror(errno)))")
            }
            return
        }
        while true {
            // A batch of names, then the folder is closed before they are removed.
            guard let directory = opendir(path) else {
                throw BundleError.io("cannot read the folder \(path): \(String(cString: strerror(errno)))")
            }
            var batch: [String] = []
            while batch.count < 4096, let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name != "." && name != ".." { batch.append(name) }
            }
            closedir(directory)
            if batch.isEmpty { break }
            for name in batch { try remove(path + "/" + name) }
        }
        guard rmdir(path) == 0 || errno == ENOENT else {
            throw BundleError.io("cannot remove \(path): \(String(cString: strerror(errno)))")
        }
    }
}
