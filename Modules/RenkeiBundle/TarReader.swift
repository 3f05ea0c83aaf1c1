import Foundation

/// An entry of a tar archive: a regular file or a directory.
public struct TarEntry: Sendable {
    public enum Kind: Sendable { case file, directory }
    public let name: String
    public let kind: Kind
    public let size: UInt64
}

/// Limits that keep a hostile archive from exhausting disk, memory or time.
public struct ArchiveLimits: Sendable {
    /// Uncompressed bytes in all.
    public var maxTotalBytes: UInt64 = 16 << 30
    /// Uncompressed bytes per compressed byte, checked once the stream is past `ratioGrace`.
    public var maxRatio: UInt64 = 200
    public var ratioGrace: UInt64 = 16 << 20
    /// A pax extended header's size.
    public var maxPaxHeader: UInt64 = 1 << 20
    public var maxEntries = 1_000_000

    public init() {}
}

/// Reads a gzip-compressed tar stream entry by entry, refusing what a bundle never holds:
/// absolute or climbing paths, links, devices, duplicate names, oversized headers, truncated
/// data, and decompression bombs.
public final class TarReader {
    private let source: GzipReader
    private let limits: ArchiveLimits
    private var remaining: UInt64 = 0
    private var padding: UInt64 = 0
    private var seen = Set<String>()
    private var entries = 0

    public init(source: GzipReader, limits: ArchiveLimits = ArchiveLimits()) {
        self.source = source
        self.limits = limits
    }

    /// The next entry, or nil at the end of the archive. Skips what is left of the previous body.
    public func next() throws -> TarEntry? {
        try skipBody()
        var pax: [String: String] = [:]
        while true {
            let block = try readExactly(512, what: "a tar header")
            if block.allSatisfy({ $0 == 0 }) {
                // End of archive: a second zero block should follow.
                let second = try source.read(512)
                guard second.isEmpty || second.allSatisfy({ $0 == 0 }) else {
                    throw BundleError.hostile("data follows the end-of-archive marker")
                }
                return nil
            }
            try verifyChecksum(block)
            let type = block[156]
            let size = try octal(block, 124, 12)
            switch type {
            case UInt8(ascii: "x"):
                guard size <= limits.maxPaxHeader else { throw BundleError.hostile("a pax header of \(size) bytes is larger than \(limits.maxPaxHeader)") }
                let body = try readExactly(Int(size), what: "a pax header")
                try skipExactly(Self.padding(size))
                pax = try Self.parsePax(body)
                continue
            case UInt8(ascii: "g"):
                throw BundleError.hostile("a global pax header is not allowed")
            case UInt8(ascii: "0"), 0, UInt8(ascii: "5"):
                break
            case UInt8(ascii: "1"): throw BundleError.hostile("'\(Self.name(block))' is a hard link")
            case UInt8(ascii: "2"): throw BundleError.hostile("'\(Self.name(block))' is a symbolic link")
            case UInt8(ascii: "3"), UInt8(ascii: "4"): throw BundleError.hostile("'\(Self.name(block))' is a device file")
            case UInt8(ascii: "6"): throw BundleError.hostile("'\(Self.name(block))' is a FIFO")
            default: throw BundleError.hostile("'\(Self.name(block))' has the unsupported entry type '\(Character(Unicode.Scalar(type)))'")
            }
            var name = pax["path"] ?? Self.name(block)
            let realSize = try pax["size"].map { text -> UInt64 in
                guard let n = UInt64(text) else { throw BundleError.hostile("the pax size '\(text.prefix(30))' is not a number") }
                return n
            } ?? size
            let kind: TarEntry.Kind = type == UInt8(ascii: "5") || name.hasSuffix("/") ? .directory : .file
            if name.hasSuffix("/") { name.removeLast() }
            try Self.checkName(name)
            guard seen.insert(name).inserted else { throw BundleError.hostile("'\(name)' appears twice in the archive") }
            entries += 1
            guard entries <= limits.maxEntries else { throw BundleError.hostile("more than \(limits.maxEntries) entries") }
            if kind == .directory && realSize != 0 { throw BundleError.hostile("the directory '\(name)' has a size") }
            remaining = realSize
            padding = Self.padding(realSize)
            return TarEntry(name: name, kind: kind, size: realSize)
        }
    }

    /// Calls `chunk` with the current entry's body, piece by piece.
    public func readBody(_ chunk: ([UInt8]) throws -> Void) throws {
        while remaining > 0 {
            let piece = try readExactly(Int(min(remaining, 1 << 16)), what: "file data")
            remaining -= UInt64(piece.count)
            try chunk(piece)
        }
        try skipExactly(padding)
        padding = 0
    }

    private func skipBody() throws {
        if remaining > 0 || padding > 0 { try readBody { _ in } }
    }

    private func skipExactly(_ count: UInt64) throws {
        var left = count
        while left > 0 {
            let piece = try readExactly(Int(min(left, 1 << 16)), what: "padding")
            left -= UInt64(piece.count)
        }
    }

    private func readExactly(_ count: Int, what: String) throws -> [UInt8] {
        var out: [UInt8] = []
        while out.count < count {
            let piece: [UInt8]
            do {
                piece = try source.read(count - out.count)
            } catch let error as GzipError {
                throw BundleError.corrupt(error.message)
            }
            if piece.isEmpty { throw BundleError.corrupt("the archive is truncated inside \(what)") }
            out += piece
            try checkBomb()
        }
        return out
    }

    private func checkBomb() throws {
        let produced = source.uncompressedBytes
        if produced > limits.maxTotalBytes {
            throw BundleError.hostile("the archive expands beyond \(limits.maxTotalBytes) bytes")
        }
        if produced > limits.ratioGrace, produced / max(1, source.compressedBytes) > limits.maxRatio {
            throw BundleError.hostile("the archive expands more than \(limits.maxRatio) times (a decompression bomb)")
        }
    }

    private func verifyChecksum(_ block: [UInt8]) throws {
        let stored = try octal(block, 148, 8)
        var sum: UInt64 = 0
        for (i, b) in block.enumerated() { sum += (148..<156).contains(i) ? 32 : UInt64(b) }
        guard sum == stored else { throw BundleError.corrupt("a tar header's checksum does not match") }
    }

    private func octal(_ block: [UInt8], _ offset: Int, _ width: Int) throws -> UInt64 {
        let field = block[offset..<offset + width]
        if let first = field.first, first & 0x80 != 0 {
            throw BundleError.hostile("a base-256 number field is not supported")
        }
        let text = String(decoding: field.prefix { $0 != 0 && $0 != UInt8(ascii: " ") }.drop { $0 == UInt8(ascii: " ") }, as: UTF8.self)
        if text.isEmpty { return 0 }
        guard let value = UInt64(text, radix: 8) else { throw BundleError.corrupt("a tar header field is not an octal number") }
        return value
    }

    static func padding(_ size: UInt64) -> UInt64 { (512 - size % 512) % 512 }

    static func name(_ block: [UInt8]) -> String {
        let name = block[0..<100].prefix { $0 != 0 }
        let prefix = block[345..<500].prefix { $0 != 0 }
        let text = String(decoding: name, as: UTF8.self)
        return prefix.isEmpty ? text : String(decoding: prefix, as: UTF8.self) + "/" + text
    }

    /// Refuses names that could write outside the extraction directory.
    static func checkName(_ name: String) throws {
        guard !name.isEmpty else { throw BundleError.hostile("an entry has an empty name") }
        guard !name.hasPrefix("/") else { throw BundleError.hostile("'\(name)' is an absolute path") }
        guard !name.contains("\0"), !name.contains("\\") else { throw BundleError.hostile("'\(name.prefix(100))' has a forbidden character") }
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !parts.contains("..") else { throw BundleError.hostile("'\(name)' climbs out with '..'") }
        guard !parts.contains(""), !parts.contains(".") else { throw BundleError.hostile("'\(name)' has an empty or '.' component") }
    }

    static func parsePax(_ body: [UInt8]) throws -> [String: String] {
        var out: [String: String] = [:]
        var index = 0
        while index < body.count {
            guard let space = body[index...].firstIndex(of: UInt8(ascii: " ")),
                let length = Int(String(decoding: body[index..<space], as: UTF8.self)), length > 0,
                index + length <= body.count, body[index + length - 1] == UInt8(ascii: "\n")
            else { throw BundleError.corrupt("a pax header record is malformed") }
            let record = body[(space + 1)..<(index + length - 1)]
            guard let equals = record.firstIndex(of: UInt8(ascii: "=")) else { throw BundleError.corrupt("a pax header record has no '='") }
            out[String(decoding: record[..<equals], as: UTF8.self)] = String(decoding: record[(equals + 1)...], as: UTF8.self)
            index += length
        }
        return out
    }
}

/// Why a bundle could not be written or does not verify.
public enum BundleError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The archive is damaged: truncated, corrupt, or checksums do not match.
    case corrupt(String)
    /// The archive holds something a bundle never does (links, climbing paths, bombs).
    case hostile(String)
    /// A BagIt guarantee does not hold.
    case bag(String)
    /// The signature is missing, malformed, or does not match.
    case signature(String)
    /// Reading or writing files failed.
    case io(String)

    public var description: String {
        switch self {
        case .corrupt(let m): "corrupt archive: \(m)"
        case .hostile(let m): "refused: \(m)"
        case .bag(let m): "BagIt check failed: \(m)"
        case .signature(let m): "signature check failed: \(m)"
        case .io(let m): m
        }
    }
}
