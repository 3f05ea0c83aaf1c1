import Foundation

/// Writes a POSIX tar stream (ustar, with pax extended headers for names that are long or not
/// ASCII), with fixed owner, group, modes and times so the same files give the same bytes.
public final class TarWriter {
    private let output: any ByteSink
    private let modificationTime: Int

    /// - Parameter modificationTime: seconds since 1970 stamped on every entry.
    public init(output: any ByteSink, modificationTime: Int) {
        self.output = output
        self.modificationTime = max(0, modificationTime)
    }

    /// Adds a directory entry (`name` without a trailing slash).
    public func addDirectory(_ name: String) throws {
        try writeHeader(name: name + "/", size: 0, type: "5", mode: 0o755)
    }

    /// Adds a file whose bytes come from `body`, which must write exactly `size` bytes.
    public func addFile(_ name: String, size: UInt64, body: (any ByteSink) throws -> Void) throws {
        try writeHeader(name: name, size: size, type: "0", mode: 0o644)
        let counter = CountingSink(output)
        try body(counter)
        guard counter.count == size else {
            throw BundleError.io("\(name) changed while it was archived (\(counter.count) bytes, expected \(size))")
        }
        try pad(size)
    }

    /// Adds a file held in memory.
    public func addFile(_ name: String, bytes: [UInt8]) throws {
        try addFile(name, size: UInt64(bytes.count)) { try $0.write(bytes) }
    }

    /// Ends the archive with two zero blocks.
    public func finish() throws { try output.write([UInt8](repeating: 0, count: 1024)) }

    private func pad(_ size: UInt64) throws {
        let remainder = Int(size % 512)
        if remainder != 0 { try output.write([UInt8](repeating: 0, count: 512 - remainder)) }
    }

    private func writeHeader(name: String, size: UInt64, type: Character, mode: Int) throws {
        let nameBytes = Array(name.utf8)
        let fitsUstar = nameBytes.allSatisfy { $0 < 0x80 } && (nameBytes.count <= 100 || Self.split(nameBytes) != nil)
        if !fitsUstar || size > 0o77777777777 {
            var records = Self.paxRecord("path", name)
            if size > 0o77777777777 { records += Self.paxRecord("size", String(size)) }
            let paxName = "PaxHeaders/" + String(abs(name.hashValueStable) % 1_000_000_000)
            try output.write(Self.header(name: Array(paxName.utf8), size: UInt64(records.count), type: "x", mode: 0o644, mtime: modificationTime))
            try output.write(records)
            try pad(UInt64(records.count))
            let short = Array(nameBytes.filter { $0 < 0x80 }.suffix(99))
            try output.write(Self.header(name: short, size: min(size, 0o77777777777), type: type, mode: mode, mtime: modificationTime))
        } else {
            try output.write(Self.header(name: nameBytes, size: size, type: type, mode: mode, mtime: modificationTime))
        }
    }

    /// A pax record: `"<length> <key>=<value>\n"`, where the length counts itself.
    static func paxRecord(_ key: String, _ value: String) -> [UInt8] {
        let body = " \(key)=\(value)\n"
        var length = body.utf8.count + 1
        while String(length).count + body.utf8.count != length { length = String(length).count + body.utf8.count }
        return Array((String(length) + body).utf8)
    }

    /// Splits a long ASCII name into ustar's prefix (≤155) and name (≤100) at a slash.
    static func split(_ name: [UInt8]) -> (prefix: [UInt8], name: [UInt8])? {
        guard name.count <= 256 else { return nil }
        for i in stride(from: min(name.count - 1, 155), through: 1, by: -1) where name[i] == UInt8(ascii: "/") {
            let rest = Array(name[(i + 1)...])
            if rest.count <= 100 && !rest.isEmpty { return (Array(name[..<i]), rest) }
        }
        return nil
    }

    static func header(name: [UInt8], size: UInt64, type: Character, mode: Int, mtime: Int) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ bytes: [UInt8], at offset: Int, max: Int) {
            for (i, b) in bytes.prefix(max).enumerated() { block[offset + i] = b }
        }
        func octal(_ value: UInt64, at offset: Int, width: Int) {
            let text = String(value, radix: 8)
            let padded = String(repeating: "0", count: Swift.max(0, width - 1 - text.count)) + text
            put(Array(padded.utf8), at: offset, max: width - 1)
        }
        if name.count > 100, let parts = split(name) {
            put(parts.name, at: 0, max: 100)
            put(parts.prefix, at: 345, max: 155)
        } else {
            put(name, at: 0, max: 100)
        }
        octal(UInt64(mode), at: 100, width: 8)
        octal(0, at: 108, width: 8)  // uid
        octal(0, at: 116, width: 8)  // gid
        octal(size, at: 124, width: 12)
        octal(UInt64(mtime), at: 136, width: 12)
        put(Array(repeating: UInt8(ascii: " "), count: 8), at: 148, max: 8)
        block[156] = type.asciiValue!
        put(Array("ustar\0".utf8), at: 257, max: 6)
        put(Array("00".utf8), at: 263, max: 2)
        let checksum = block.reduce(0) { $0 + UInt64($1) }
        let text = String(checksum, radix: 8)
        put(Array((String(repeating: "0", count: 6 - text.count) + text).utf8) + [0, UInt8(ascii: " ")], at: 148, max: 8)
        return block
    }
}

extension String {
    /// A hash that is the same on every run and machine (FNV-1a), for names that must be stable.
    var hashValueStable: Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return Int(truncatingIfNeeded: hash >> 1)
    }
}

/// Counts the bytes passed through to another sink.
final class CountingSink: ByteSink {
    let inner: any ByteSink
    var count: UInt64 = 0
    init(_ inner: any ByteSink) { self.inner = inner }
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        count += UInt64(bytes.count)
        try inner.write(bytes)
    }
}
