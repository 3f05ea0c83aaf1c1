import Foundation

/// The directory an exporter writes into. It creates files only below its root — a name
/// that is absolute or climbs out with `..` is refused — and closes every file it opened.
public final class OutputDirectory {
    public let root: String
    /// The files opened and not yet closed, so ``closeAll()`` can close them; closed ones are
    /// let go, so an exporter writing a file per record does not hold them all.
    private var open: [OutputFile] = []
    /// Folders known to exist, so a file per record does not ask the file system again.
    private var folders: Set<String> = []

    public init(root: String) throws(ExportError) {
        self.root = root
        do {
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        } catch {
            throw ExportError(exporter: nil, message: "cannot create \(root): \(error.localizedDescription)")
        }
    }

    /// Creates (or truncates) a file at `relativePath` and returns it open for writing.
    public func create(_ relativePath: String) throws(ExportError) -> OutputFile {
        let parts = relativePath.split(separator: "/", omittingEmptySubsequences: false)
        guard !relativePath.isEmpty, !relativePath.hasPrefix("/"),
            parts.allSatisfy({ !$0.isEmpty && $0 != ".." && $0 != "." }), !relativePath.contains("\0")
        else {
            throw ExportError(exporter: nil, message: "'\(relativePath)' is not a path inside the output directory")
        }
        let path = root + "/" + relativePath
        let directory = (path as NSString).deletingLastPathComponent
        if !folders.contains(directory) {
            try makeFolders(below: parts.dropLast())
            folders.insert(directory)
        }
        let file = try OutputFile(path: path)
        open.removeAll { $0.isClosed }
        open.append(file)
        return file
    }

    /// Creates the folders of `components` below the root, one at a time. The root itself is
    /// never made again: once a run that is being interrupted has removed it, an exporter still
    /// writing fails instead of bringing the folder back.
    private func makeFolders(below components: ArraySlice<Substring>) throws(ExportError) {
        var path = root
        for component in components {
            path += "/" + component
            if folders.contains(path) { continue }
            if mkdir(path, 0o755) != 0 && errno != EEXIST {
                throw ExportError(exporter: nil, message: "cannot create \(path): \(String(cString: strerror(errno)))")
            }
            folders.insert(path)
        }
    }

    /// Closes every file still open. Called by the runner whatever happens.
    public func closeAll() {
        for file in open { try? file.close() }
        open.removeAll()
    }
}

/// A file being written, buffered; closed by its exporter's `finish` or by the runner.
public final class OutputFile {
    public let path: String
    private var handle: UnsafeMutablePointer<FILE>?
    private var buffer: [UInt8] = []

    /// Opens `path` for writing directly; exporters use ``OutputDirectory/create(_:)`` instead.
    public init(path: String) throws(ExportError) {
        self.path = path
        guard let handle = fopen(path, "wb") else {
            throw ExportError(exporter: nil, message: "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        self.handle = handle
        buffer.reserveCapacity(1 << 16)
    }

    deinit { try? close() }

    /// Whether ``close()`` has been called.
    var isClosed: Bool { handle == nil }

    public func write(_ text: String) throws(ExportError) { try write(bytes: Array(text.utf8)) }

    public func write<Bytes: Sequence<UInt8>>(bytes: Bytes) throws(ExportError) {
        guard handle != nil else { throw ExportError(exporter: nil, message: "\(path) is already closed") }
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    func flush() throws(ExportError) {
        guard let handle, !buffer.isEmpty else { return }
        let n = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, handle) }
        guard n == buffer.count else {
            throw ExportError(exporter: nil, message: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes the file, and lets its buffer go; closing twice does nothing.
    public func close() throws(ExportError) {
        guard let handle else { return }
        defer {
            self.handle = nil
            buffer = []
        }
        try flush()
        if fclose(handle) != 0 {
            throw ExportError(exporter: nil, message: "cannot close \(path): \(String(cString: strerror(errno)))")
        }
    }
}

/// A failure while exporting, naming the exporter when known.
public struct ExportError: Error, Sendable, CustomStringConvertible {
    /// Whether the export failed, or was refused before it started (an output folder it may not
    /// replace, another run holding it): bad usage, exit code 2.
    public enum Kind: Sendable, Hashable { case failure, refused }
    public var exporter: String?
    public var message: String
    public var kind: Kind
    public init(exporter: String?, message: String, kind: Kind = .failure) {
        self.exporter = exporter
        self.message = message
        self.kind = kind
    }
    public var description: String { exporter.map { "exporter '\($0)': \(message)" } ?? message }
}
