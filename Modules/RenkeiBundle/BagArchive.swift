import Crypto
import Foundation

/// A payload file of a bag: its path under `data/` and the file on disk holding it; or a
/// payload folder: every regular file below `source`, under `path/`.
public struct BagPayloadFile: Sendable {
    public let path: String
    public let source: String
    public let isFolder: Bool

    public init(path: String, source: String) {
        self.init(path: path, source: source, isFolder: false)
    }

    private init(path: String, source: String, isFolder: Bool) {
        self.path = path
        self.source = source
        self.isFolder = isFolder
    }

    /// Every regular file below the folder `source`, under `path/` in the bag. The folder is
    /// walked when the archive is written, and its files are never all listed in memory.
    public static func folder(_ path: String, source: String) -> BagPayloadFile {
        BagPayloadFile(path: path, source: source, isFolder: true)
    }
}

/// What `bag-info.txt` says, besides the payload's size.
public struct BagMetadata: Sendable {
    public var baggingDate: String
    /// Further `Label: value` lines, in order.
    public var fields: [(String, String)]
    public init(baggingDate: String, fields: [(String, String)]) {
        self.baggingDate = baggingDate
        self.fields = fields
    }
}

/// Progress of writing or checking an archive.
public struct BundleProgress: Sendable {
    public var bytesDone: UInt64
    public var bytesTotal: UInt64
    public var filesDone: Int
    public var filesTotal: Int
}

/// Writes a BagIt bag (RFC 8493) as a reproducible, gzip-compressed tar archive: sorted entries,
/// fixed times and owners, checksums in `manifest-sha256.txt` and `tagmanifest-sha256.txt`, and
/// optionally an Ed25519 signature of the tag manifest.
public enum BagArchiveWriter {
    public static let signatureFile = "signature-ed25519.txt"

    /// Writes the archive at `archivePath` through a temporary file beside it, renamed into place
    /// only when complete; returns the archive's SHA-256 (hex), its size, and the number of
    /// payload files.
    public static func write(
        folder: String, payload: [BagPayloadFile], metadata: BagMetadata, signingKey: Curve25519.Signing.PrivateKey? = nil,
        to archivePath: String, modificationTime: Int, progress: ((BundleProgress) -> Void)? = nil
    ) throws -> (sha256: String, bytes: UInt64, files: Int) {
        let files = try PayloadTable(payload, folder: folder)
        let total = files.sizes.reduce(0, +)
        let bagit = Array("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".utf8)
        // One line per field: a control character (a line break above all) could forge another.
        for (label, value) in [("Bagging-Date", metadata.baggingDate)] + metadata.fields
        where (label + value).unicodeScalars.contains(where: BagPaths.isControl) || label.contains(":") {
            throw BundleError.io("the bag-info.txt field '\(TarReader.shown(label))' holds a control character or a colon in its label: '\(TarReader.shown(value))'")
        }
        var info = "Bagging-Date: \(metadata.baggingDate)\n"
        for (label, value) in metadata.fields { info += "\(label): \(value)\n" }
        info += "Payload-Oxum: \(total).\(files.count)\n"
        let bagInfo = Array(info.utf8)

        let directory = (archivePath as NSString).deletingLastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/.\((archivePath as NSString).lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)"
        TemporaryFiles.shared.register(temporary)
        defer {
            try? FileManager.default.removeItem(atPath: temporary)
            TemporaryFiles.shared.unregister(temporary)
        }
        let sink = try FileSink(path: temporary)
        let hashing = HashingSink(sink)
        // RENKEI_THREADS caps the compression threads (for measurements); the output is the same.
        let threads = ProcessInfo.processInfo.environment["RENKEI_THREADS"].flatMap(Int.init) ?? ProcessInfo.processInfo.activeProcessorCount
        let gzip = try ParallelGzipWriter(output: hashing, threads: threads)
        let tar = TarWriter(output: gzip, modificationTime: modificationTime)
        var done = BundleProgress(bytesDone: 0, bytesTotal: total, filesDone: 0, filesTotal: files.count)
        do {
            // Every entry in sorted path order, compared component by component: the tag files
            // that sort before `data/`, the payload with each folder just before what it holds
            // (each file hashed as it passes, so it is read once), then the files that carry
            // those hashes.
            try tar.addDirectory(folder)
            try tar.addFile("\(folder)/bag-info.txt", bytes: bagInfo)
            try tar.addFile("\(folder)/bagit.txt", bytes: bagit)
            try tar.addDirectory("\(folder)/data")
            var digests = [UInt8](repeating: 0, count: files.count * SHA256.byteCount)
            var open: [Substring] = []
            for position in files.sortedIndices(slashFirst: true) {
                let index = Int(position)
                let path = files.path(index)
                let parents = path.split(separator: "/").dropLast()
                var common = 0
                while common < min(open.count, parents.count) && open[common] == parents[common] { common += 1 }
                open.removeLast(open.count - common)
                for part in parents.dropFirst(common) {
                    open.append(part)
                    try tar.addDirectory("\(folder)/data/" + open.joined(separator: "/"))
                }
                var hasher = SHA256()
                try tar.addFile("\(folder)/data/\(path)", size: files.sizes[index]) { out in
                    try streamFile(files.source(index)) { chunk in
                        hasher.update(bufferPointer: chunk)
                        try out.write(chunk)
                        done.bytesDone += UInt64(chunk.count)
                    }
                }
                let digest = Array(hasher.finalize())
                digests.replaceSubrange(index * SHA256.byteCount..<(index + 1) * SHA256.byteCount, with: digest)
                done.filesDone += 1
                progress?(done)
            }

            // The manifest, a line per file in the order of the paths, streamed: a million
            // files make a manifest of a hundred megabytes.
            let order = files.sortedIndices(slashFirst: false).map(Int.init)
            func line(_ index: Int) -> [UInt8] {
                hex(digests[index * SHA256.byteCount..<(index + 1) * SHA256.byteCount]).utf8 + Array("  \(BagPaths.encode("data/" + files.path(index)))\n".utf8)
            }
            let manifestSize = order.reduce(UInt64(0)) { $0 + UInt64(line($1).count) }
            var manifestHash = SHA256()
            try tar.addFile("\(folder)/manifest-sha256.txt", size: manifestSize) { out in
                for index in order {
                    let bytes = line(index)
                    manifestHash.update(data: bytes)
                    try out.write(bytes)
                }
            }
            let tagManifest = Array(
                [("bag-info.txt", hex(SHA256.hash(data: bagInfo))), ("bagit.txt", hex(SHA256.hash(data: bagit))),
                 ("manifest-sha256.txt", hex(manifestHash.finalize()))]
                    .map { "\($0.1)  \($0.0)\n" }.joined().utf8)
            if let key = signingKey {
                let signature = try key.signature(for: tagManifest)
                let text = "Algorithm: Ed25519\nSigned-File: tagmanifest-sha256.txt\nPublic-Key: \(key.publicKey.rawRepresentation.base64EncodedString())\nSignature: \(Data(signature).base64EncodedString())\n"
                try tar.addFile("\(folder)/\(signatureFile)", bytes: Array(text.utf8))
            }
            try tar.addFile("\(folder)/tagmanifest-sha256.txt", bytes: tagManifest)
            try tar.finish()
            try gzip.finish()
            try sink.close()
        } catch {
            try? sink.close()
            throw error
        }
        guard rename(temporary, archivePath) == 0 else {
            throw BundleError.io("cannot move the archive into place at \(archivePath): \(String(cString: strerror(errno)))")
        }
        return (hex(hashing.digest()), hashing.count, files.count)
    }

    /// Calls `body` with the file's bytes, a chunk at a time, through one reused buffer.
    static func streamFile(_ path: String, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw BundleError.io("cannot read \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer.baseAddress, buffer.count)
            if n < 0 {
                if errno == EINTR { continue }
                throw BundleError.io("cannot read \(path): \(String(cString: strerror(errno)))")
            }
            if n == 0 { return }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
    }
}

func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for byte in digest {
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
}

/// The one rule for names inside a bag, applied when writing and when verifying: a name is
/// valid UTF-8 in Unicode NFC, has no control characters (C0, DEL, C1) and no backslash, no
/// empty, `.` or `..` component, does not start with `/`, and stays within the length and depth
/// limits. The writer stores each source name in NFC and refuses two names that are the same in
/// NFC; the verifier refuses any name, in the archive or in a manifest, that is not NFC.
public enum BagPaths {
    /// Manifest percent-encoding (RFC 8493 §2.1.3): CR, LF and `%`.
    static func encode(_ path: String) -> String {
        guard path.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == 0x0A || $0 == 0x0D }) else { return path }
        return path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\n", with: "%0A").replacingOccurrences(of: "\r", with: "%0D")
    }
    static func decode(_ path: String) -> String {
        path.replacingOccurrences(of: "%0A", with: "\n").replacingOccurrences(of: "%0a", with: "\n")
            .replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%0d", with: "\r")
            .replacingOccurrences(of: "%25", with: "%")
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// The name in Unicode NFC.
    public static func normalized(_ name: String) -> String {
        // ASCII text is its own NFC form.
        name.utf8.allSatisfy { $0 < 0x80 } ? name : name.precomposedStringWithCanonicalMapping
    }

    /// Whether `name` is byte for byte its own NFC form (Swift's `==` would call an NFD name
    /// equal to its NFC form, so the bytes are compared).
    public static func isNFC(_ name: String) -> Bool { Array(name.utf8) == Array(normalized(name).utf8) }

    /// Why `name` may not be a name in a bag, or nil when it may.
    public static func problem(_ name: String, limits: ArchiveLimits = ArchiveLimits()) -> String? {
        let shown = TarReader.shown(name)
        if name.utf8.count > limits.maxNameBytes { return "'\(shown)…' is longer than \(limits.maxNameBytes) bytes" }
        if name.hasPrefix("/") { return "'\(shown)' is an absolute path" }
        if name.unicodeScalars.contains(where: isControl) { return "'\(shown)' has a control character" }
        if name.contains("\\") { return "'\(shown)' has a backslash, which some systems read as a folder separator" }
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        if parts.contains("..") { return "'\(shown)' climbs out with '..'" }
        if parts.contains("") || parts.contains(".") { return "'\(shown)' has an empty or '.' component" }
        if parts.count > limits.maxDepth { return "'\(shown.prefix(60))…' is \(parts.count) folders deep, more than \(limits.maxDepth)" }
        if let long = parts.first(where: { $0.utf8.count > limits.maxComponentBytes }) {
            return "'\(TarReader.shown(String(long.prefix(40))))…' is a name longer than \(limits.maxComponentBytes) bytes"
        }
        if !isNFC(name) { return "'\(shown)' is not in Unicode NFC (bag names are NFC so that one name has one spelling)" }
        return nil
    }
}

/// The files of a bag's payload in compact form: each one's path under `data/` in NFC (its
/// folder, kept once, and its name), its size, and where to read it. Folders are walked one
/// folder's names at a time, so a million files cost a few tens of megabytes.
///
/// Every path is checked as the verifier checks it, and two paths that are one name in NFC
/// (`café.yaml` composed and decomposed) are refused.
struct PayloadTable {
    /// The folders files are in (`exports/site/events`), each once, and each file's folder.
    private var folders = ByteStrings()
    private var folderIndex: [String: UInt32] = [:]
    private var folder: [UInt32] = []
    private var names = ByteStrings()
    private(set) var sizes: [UInt64] = []
    /// Each file's entry in the payload given.
    private var entry: [UInt32] = []
    private let roots: [BagPayloadFile]
    /// The path on disk below its folder, for the rare file whose name is not already NFC.
    private var spelledOnDisk: [Int: String] = [:]

    init(_ payload: [BagPayloadFile], folder bag: String) throws {
        if let problem = BagPaths.problem(bag) ?? (bag.contains("/") ? "'\(bag)' is not one folder name" : nil) {
            throw BundleError.io("cannot name the bag folder: \(problem)")
        }
        roots = payload
        for (rootIndex, root) in payload.enumerated() {
            if root.isFolder {
                try FileTree.walk(root.source) { relative, size in
                    try add(root.path + "/" + relative, size: size, root: rootIndex, onDisk: relative, bag: bag)
                }
            } else {
                var info = stat()
                guard stat(root.source, &info) == 0 else {
                    throw BundleError.io("cannot read \(root.source): \(String(cString: strerror(errno)))")
                }
                try add(root.path, size: UInt64(info.st_size), root: rootIndex, onDisk: nil, bag: bag)
            }
        }
        // Two files of one name sort side by side.
        let order = sortedIndices(slashFirst: false)
        for (a, b) in zip(order, order.dropFirst()) where path(Int(a)) == path(Int(b)) {
            throw BundleError.io("\(source(Int(a))) and \(source(Int(b))) have the same name in Unicode NFC: rename one of them")
        }
    }

    private mutating func add(_ path: String, size: UInt64, root: Int, onDisk: String?, bag: String) throws {
        let normalized = BagPaths.normalized(path)
        if let problem = BagPaths.problem("\(bag)/data/\(normalized)") {
            let shown = onDisk.map { roots[root].source + "/" + $0 } ?? roots[root].source
            throw BundleError.io("cannot put \(shown) in the bag: \(problem)")
        }
        if let onDisk, Array(normalized.utf8) != Array(path.utf8) { spelledOnDisk[count] = onDisk }
        let slash = normalized.utf8.lastIndex(of: UInt8(ascii: "/"))
        let parent = slash.map { String(normalized[..<$0]) } ?? ""
        let name = slash.map { normalized.utf8[normalized.utf8.index(after: $0)...] } ?? normalized.utf8[...]
        if folderIndex[parent] == nil {
            folderIndex[parent] = UInt32(folders.count)
            folders.append(parent.utf8)
        }
        folder.append(folderIndex[parent]!)
        names.append(name)
        sizes.append(size)
        entry.append(UInt32(root))
    }

    var count: Int { sizes.count }

    /// The file's path under `data/`, in NFC.
    func path(_ index: Int) -> String {
        let parent = folders.string(Int(folder[index]))
        return parent.isEmpty ? names.string(index) : parent + "/" + names.string(index)
    }

    /// The file on disk.
    func source(_ index: Int) -> String {
        let root = roots[Int(entry[index])]
        guard root.isFolder else { return root.source }
        if let spelled = spelledOnDisk[index] { return root.source + "/" + spelled }
        return root.source + "/" + String(path(index).utf8.dropFirst(root.path.utf8.count + 1))!
    }

    /// The files in the order of their paths' bytes, or component by component (`slashFirst`).
    func sortedIndices(slashFirst: Bool) -> [UInt32] {
        // A path is its folder, a slash and its name.
        ByteStrings.sorted(count: count, slashFirst: slashFirst) { i, out in
            let parent = folders[Int(folder[i])]
            if !parent.isEmpty {
                out += parent
                out.append(UInt8(ascii: "/"))
            }
            out += names[i]
        }
    }
}

/// Hashes and counts what passes through to another sink.
final class HashingSink: ByteSink {
    let inner: any ByteSink
    var hasher = SHA256()
    var count: UInt64 = 0
    init(_ inner: any ByteSink) { self.inner = inner }
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        hasher.update(bufferPointer: bytes)
        count += UInt64(bytes.count)
        try inner.write(bytes)
    }
    func digest() -> SHA256.Digest { hasher.finalize() }
}

/// Temporary files to remove if the process is interrupted (Ctrl-C, SIGTERM), and the child
/// processes (external exporters) to stop first, so none outlives the run or writes into a
/// folder being removed.
public final class TemporaryFiles: @unchecked Sendable {
    public static let shared = TemporaryFiles()
    private let lock = NSLock()
    private var paths = Set<String>()
    private var children = Set<pid_t>()
    private var interrupting = false

    /// Whether a signal is being handled: the process is about to exit with 128 + the signal.
    public var isInterrupted: Bool { lock.withLock { interrupting } }

    /// Called by code that sees the effect of an interruption (a child stopped by it): waits for
    /// the handler to end the process, so the run's exit status is the signal's, not a failure's.
    public func awaitInterruption() -> Never {
        while true { sleep(1) }
    }
    private var sources: [any DispatchSourceSignal] = []

    /// Removes registered files on SIGINT and SIGTERM, then exits with 128 + the signal.
    public func installSignalHandlers() {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [weak self] in
                self?.lock.withLock { self?.interrupting = true }
                self?.stopChildren()
                self?.removeAll()
                // At once: exit() would run teardown while the main thread goes on writing.
                _exit(128 + sig)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Registers a file or directory to remove on interruption.
    public func register(_ path: String) { lock.withLock { _ = paths.insert(path) } }
    public func unregister(_ path: String) { lock.withLock { _ = paths.remove(path) } }

    /// Registers a running child process to stop on interruption.
    public func register(child pid: pid_t) { lock.withLock { _ = children.insert(pid) } }
    public func unregister(child pid: pid_t) { lock.withLock { _ = children.remove(pid) } }

    /// Sends SIGTERM to every registered child, then SIGKILL to those still running after a moment.
    func stopChildren() {
        let running = lock.withLock { children }
        guard !running.isEmpty else { return }
        for pid in running { kill(pid, SIGTERM) }
        for _ in 0..<20 {
            if running.allSatisfy({ kill($0, 0) != 0 }) { return }
            usleep(50_000)
        }
        for pid in running { kill(pid, SIGKILL) }
    }
    func removeAll() {
        lock.withLock {
            // The main thread may still be writing into a folder while it is removed: try again
            // until it is gone.
            for path in paths.sorted(by: >) {
                for _ in 0..<20 {
                    try? FileTree.remove(path)
                    var info = stat()
                    if lstat(path, &info) != 0 { break }
                }
            }
            paths.removeAll()
        }
    }
}
