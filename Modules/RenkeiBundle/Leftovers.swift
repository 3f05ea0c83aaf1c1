import Foundation

/// Leftovers of runs that were killed (`kill -9`, a power cut): staging folders and temporary
/// files named with the process id that made them. A later run removes those whose process is
/// gone; a live process's files are never touched.
public enum LeftoverFiles {
    /// The process id in `name` after `prefix` (`.renkei-bundle-123`, `db.sqlite.tmp-123-wal`).
    static func pid(in name: String, after prefix: String) -> pid_t? {
        guard name.hasPrefix(prefix) else { return nil }
        let digits = name.dropFirst(prefix.count).prefix { $0.isASCII && $0.isNumber }
        return digits.isEmpty ? nil : pid_t(digits)
    }

    /// Whether process `pid` still runs (or exists under another user).
    public static func isAlive(_ pid: pid_t) -> Bool {
        pid == getpid() || kill(pid, 0) == 0 || errno == EPERM
    }

    private static let scanned = NSLock()
    nonisolated(unsafe) private static var scannedKeys = Set<String>()

    /// `removeStale`, once per process for each folder and prefix (a large `$TMPDIR` is listed
    /// once, not on every verify).
    public static func removeStaleOnce(in directory: String, prefix: String) {
        let first = scanned.withLock { scannedKeys.insert(directory + "\u{0}" + prefix).inserted }
        if first { removeStale(in: directory, prefix: prefix) }
    }

    /// Removes the entries of `directory` named `<prefix><pid>…` whose process is gone; returns
    /// what it removed.
    @discardableResult
    public static func removeStale(in directory: String, prefix: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var removed: [String] = []
        for name in names.sorted() {
            guard let pid = pid(in: name, after: prefix), pid > 0, !isAlive(pid) else { continue }
            let path = (directory.isEmpty ? "." : directory) + "/" + name
            if (try? FileTree.remove(path)) != nil { removed.append(path) }
        }
        return removed
    }
}

/// Replacing a whole folder in one step, so a reader (or a crash) sees the old tree or the new
/// one, never a mix.
public enum FolderSwap {
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// glibc's `renameat2`, looked up at run time (Swift's Glibc module does not declare it).
    private static let renameat2: RenameAt2? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()

    /// Swaps two existing paths atomically (`RENAME_EXCHANGE`); false when the system or the
    /// file system cannot, with nothing changed.
    public static func exchange(_ a: String, _ b: String) -> Bool {
        guard let renameat2 else { return false }
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */) == 0
    }

    /// Puts the folder `tree` at `target`, replacing the folder there in one atomic step.
    /// Without `RENAME_EXCHANGE` the old folder is first renamed to `aside`, then the new one into
    /// place; a crash between the two leaves `aside`, which `recover` puts back.
    /// Afterwards the old tree is at `tree` (or `aside`), for the caller to remove.
    public static func replace(_ target: String, with tree: String, aside: String) throws {
        var info = stat()
        guard lstat(target, &info) == 0 else {
            guard rename(tree, target) == 0 else { throw failure("cannot move the new folder to \(target)") }
            return
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw BundleError.io("\(target) is not a folder (a file or a symbolic link): give a folder path")
        }
        if exchange(tree, target) { return }
        guard rename(target, aside) == 0 else { throw failure("cannot move the old \(target) aside") }
        guard rename(tree, target) == 0 else {
            let error = failure("cannot move the new folder to \(target)")
            _ = rename(aside, target)
            throw error
        }
    }

    /// After a crash between the two renames of `replace`: puts a dead process's `aside` folder
    /// back when `target` is missing, and removes the others.
    public static func recover(_ target: String, asidePrefix: String, in directory: String) {
        if !FileManager.default.fileExists(atPath: target),
            let names = try? FileManager.default.contentsOfDirectory(atPath: directory),
            let name = names.sorted().last(where: { LeftoverFiles.pid(in: $0, after: asidePrefix).map { !LeftoverFiles.isAlive($0) } ?? false })
        {
            _ = rename(directory + "/" + name, target)
        }
        LeftoverFiles.removeStale(in: directory, prefix: asidePrefix)
    }

    static func failure(_ what: String) -> BundleError { BundleError.io("\(what): \(String(cString: strerror(errno)))") }
}

/// A lock held by one run on a database or an output folder, so two runs never write the same
/// target at once: an exclusive `flock` on a lock file holding the holder's process id. The
/// lock dies with its process (even after `kill -9`); the file is removed on release.
public final class RunLock {
    public let path: String
    private var descriptor: Int32

    /// Takes the lock at `path`, or throws naming the process that holds it.
    public init(path: String, purpose: String) throws {
        self.path = path
        while true {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw BundleError.io("cannot create the lock file \(path): \(String(cString: strerror(errno)))") }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                var text = [UInt8](repeating: 0, count: 32)
                let n = read(fd, &text, 31)
                close(fd)
                let holder = n > 0 ? String(decoding: text[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : "?"
                throw BundleError.io("another renkei (process \(holder)) is writing \(purpose); wait for it to finish (lock file \(path))")
            }
            // The file may have been removed by its last holder between our open and our lock:
            // then the lock is on a file nobody else will see, so start again.
            var held = stat(), current = stat()
            if fstat(fd, &held) == 0, stat(path, &current) == 0, held.st_ino == current.st_ino, held.st_dev == current.st_dev {
                descriptor = fd
                break
            }
            close(fd)
        }
        TemporaryFiles.shared.register(path)
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    /// Removes the lock file and releases the lock.
    public func release() {
        guard descriptor >= 0 else { return }
        TemporaryFiles.shared.unregister(path)
        unlink(path)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
