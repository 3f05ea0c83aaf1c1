import Foundation
import RenkeiModel

/// Changes kept on disk while a diff runs, one compact JSON object a line, so that the summary
/// can be written before them without holding them in memory.
public final class ChangeSpool {
    public let path: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    public private(set) var count = 0
    private let encoder = CanonicalJSON.compactEncoder()

    /// A new, empty spool file at `path` (replaced if it exists).
    public init(path: String) throws {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw ReleaseError.io("cannot create \(path)")
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }

    deinit {
        try? handle.close()
        try? FileManager.default.removeItem(atPath: path)
    }

    public func append<T: Encodable>(_ value: T) throws {
        buffer += try encoder.encode(value)
        buffer.append(0x0A)
        count += 1
        if buffer.count > 1 << 16 { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Calls `body` with each line written so far, in order.
    public func forEachLine(_ body: (String) throws -> Void) throws {
        try flush()
        var lines = try LinesPuller(path: path)
        while let line = try lines.next() { try body(line) }
    }

    /// Decodes each line as a `T`.
    public func forEach<T: Decodable>(_ type: T.Type, _ body: (T) throws -> Void) throws {
        let decoder = JSONDecoder()
        try forEachLine { line in try body(try decoder.decode(T.self, from: Data(line.utf8))) }
    }
}

/// A problem comparing or recording releases, in words that say what to do.
public enum ReleaseError: Error, CustomStringConvertible, Equatable {
    /// An input that cannot be read or opened (exit 2).
    case input(String)
    case io(String)

    public var description: String {
        switch self {
        case .input(let m), .io(let m): m
        }
    }
}
