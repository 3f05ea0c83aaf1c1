import Foundation

/// An entry of a tar archive: a regular file or a directory.
public struct TarEntry: Sendable {
    public enum Kind: Sendable { case file, directory }
    public let name: String
    public let kind: Kind
    public let size: UInt64
}

/// Limits that keep a hostile archive from exhausting disk, memory, time or the stack.
/// docs/BUNDLES.md lists them; a bag Renkei writes stays far below each.
public struct ArchiveLimits: Sendable {
    /// Uncompressed bytes in all.
    public var maxTotalBytes: UInt64 = 64 << 30
    /// Uncompressed bytes per compressed byte, checked once the stream is past `ratioGrace`.
    public var maxRatio: UInt64 = 200
    public var ratioGrace: UInt64 = 16 << 20
    /// A pax extended header's size.
    public var maxPaxHeader: UInt64 = 1 << 20
    /// Entries; a verifier keeps about 130 bytes for each (a hash of its name; for a payload
    /// file its path, SHA-256 and size), so this bounds its memory too.
    public var maxEntries = 2_000_000
    /// An entry's full name, in UTF-8 bytes.
    public var maxNameBytes = 1024
    /// Path components of an entry's name (the bag folder counts as one).
    public var maxDepth = 48
    /// One path component, in UTF-8 bytes (NAME_MAX on Linux).
    public var maxComponentBytes = 255
    /// Files outside `data/` (tag files), in number.
    public var maxTagFiles = 16
    /// `manifest-sha256.txt`, copied to a scratch file as it is read and checked a line at a time.
    public var maxManifestBytes: UInt64 = 1 << 30
    /// Any other tag file (`bagit.txt`, `bag-info.txt`, `tagmanifest-sha256.txt`, the
    /// signature), each; these are held in memory.
    public var maxTagFileBytes: UInt64 = 1 << 20

    public init() {}
}

/// Reads a gzip-compressed tar stream entry by entry, refusing what a bundle never holds:
/// absolute or climbing paths, links, devices, duplicate names, oversized headers, truncated
/// data, and decompression bombs.
///
/// Header fields are read only in their canonical form (octal digits, then NUL or space), so
/// no header means one thing here and another to GNU tar or Python's `tarfile`; anything
/// else is refused. Names must be valid UTF-8 in Unicode NFC without control characters,
/// within `ArchiveLimits`' length and depth. `finish()` reads to the end of the stream.
public final class TarReader {
    private let source: GzipReader
    private let limits: ArchiveLimits
    private var remaining: UInt64 = 0
    private var padding: UInt64 = 0
    /// The names read so far, as 128-bit hashes: a million names in a few tens of megabytes.
    private var seen = Set<NameHash>()
    private var entries = 0
    private var ended = false

    public init(source: GzipReader, limits: ArchiveLimits = ArchiveLimits()) {
        self.source = source
        self.limits = limits
    }

    /// The next entry, or nil at the end of the archive. Skips what is left of the previous body.
    /// At the end, checks that nothing but zero blocks follows and that the gzip stream ends
    /// there with a matching CRC-32 and length.
    public func next() throws -> TarEntry? {
        guard !ended else { return nil }
        try skipBody()
        var pax: [String: String]?
        while true {
            let block = try readExactly(512, what: "a tar header")
            if block.allSatisfy({ $0 == 0 }) {
                guard pax == nil else { throw BundleError.hostile("a pax header is followed by the end of the archive") }
                try finish()
                return nil
            }
            try verifyChecksum(block)
            try Self.checkMagic(block)
            let type = block[156]
            let headerName = try Self.name(block)
            for (offset, width, field) in [(100, 8, "mode"), (108, 8, "uid"), (116, 8, "gid"), (136, 12, "mtime")] {
                _ = try Self.octal(block, offset, width, field: field, entry: headerName)
            }
            let size = try Self.octal(block, 124, 12, field: "size", entry: headerName)
            switch type {
            case UInt8(ascii: "x"):
                guard pax == nil else { throw BundleError.hostile("two pax headers follow each other before '\(Self.shown(headerName))'") }
                guard size <= limits.maxPaxHeader else { throw BundleError.hostile("a pax header of \(size) bytes is larger than \(limits.maxPaxHeader)") }
                let body = try readExactly(Int(size), what: "a pax header")
                try skipExactly(Self.padding(size))
                pax = try Self.parsePax(body)
                continue
            case UInt8(ascii: "g"):
                throw BundleError.hostile("a global pax header is not allowed")
            case UInt8(ascii: "0"), 0, UInt8(ascii: "5"):
                break
            case UInt8(ascii: "1"): throw BundleError.hostile("'\(Self.shown(headerName))' is a hard link")
            case UInt8(ascii: "2"): throw BundleError.hostile("'\(Self.shown(headerName))' is a symbolic link")
            case UInt8(ascii: "3"), UInt8(ascii: "4"): throw BundleError.hostile("'\(Self.shown(headerName))' is a device file")
            case UInt8(ascii: "6"): throw BundleError.hostile("'\(Self.shown(headerName))' is a FIFO")
            default:
                throw BundleError.hostile("'\(Self.shown(headerName))' has the unsupported entry type '\(Self.shown(String(decoding: [type], as: UTF8.self)))'")
            }
            var name = pax?["path"] ?? headerName
            let realSize = try pax?["size"].map { text -> UInt64 in
                guard !text.isEmpty, text.utf8.count <= 20, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let n = UInt64(text) else {
                    throw BundleError.hostile("the pax size '\(Self.shown(String(text.prefix(30))))' is not a number")
                }
                return n
            } ?? size
            let isDirectory = type == UInt8(ascii: "5")
            if name.hasSuffix("/") {
                // Readers disagree on a regular file named with a trailing slash: refuse it.
                guard isDirectory else { throw BundleError.hostile("the file '\(Self.shown(name))' has a name ending in '/'") }
                name.removeLast()
            }
            try Self.checkName(name, limits: limits)
            guard seen.insert(NameHash(name)).inserted else { throw BundleError.hostile("'\(name)' appears twice in the archive") }
            entries += 1
            guard entries <= limits.maxEntries else { throw BundleError.hostile("more than \(limits.maxEntries) entries") }
            if isDirectory && realSize != 0 { throw BundleError.hostile("the directory '\(name)' has a size") }
            remaining = realSize
            padding = Self.padding(realSize)
            return TarEntry(name: name, kind: isDirectory ? .directory : .file, size: realSize)
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

    /// After the first zero block: a second must follow, then only zero blocks (a tar's record
    /// padding) up to the end of the gzip stream, which must end cleanly.
    private func finish() throws {
        ended = true
        let second = try readExactly(512, what: "the end-of-archive marker")
        guard second.allSatisfy({ $0 == 0 }) else { throw BundleError.hostile("a single zero block is followed by more data") }
        while true {
            let piece = try read(1 << 16)
            if piece.isEmpty { break }
            guard piece.allSatisfy({ $0 == 0 }) else { throw BundleError.hostile("data follows the end-of-archive marker") }
        }
        guard source.uncompressedBytes % 512 == 0 else { throw BundleError.corrupt("the tar stream does not end on a block boundary") }
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

    private func read(_ count: Int) throws -> [UInt8] {
        let piece: [UInt8]
        do {
            piece = try source.read(count)
        } catch let error as GzipError {
            throw BundleError.corrupt(error.message)
        }
        try checkBomb()
        return piece
    }

    private func readExactly(_ count: Int, what: String) throws -> [UInt8] {
        var out: [UInt8] = []
        while out.count < count {
            let piece = try read(count - out.count)
            if piece.isEmpty { throw BundleError.corrupt("the archive is truncated inside \(what)") }
            out += piece
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
        let stored = try Self.octal(block, 148, 8, field: "checksum", entry: nil)
        var sum: UInt64 = 0
        for (i, b) in block.enumerated() { sum += (148..<156).contains(i) ? 32 : UInt64(b) }
        guard sum == stored else { throw BundleError.corrupt("a tar header's checksum does not match") }
    }

    /// A numeric header field in the one form every tar reader reads alike: one or more octal
    /// digits from the field's first byte, then at least one NUL or space, and only NUL or
    /// space to the field's end. Leading spaces, base-256, other bytes or a field filled with
    /// digits to its last byte are refused, because readers disagree on them.
    static func octal(_ block: [UInt8], _ offset: Int, _ width: Int, field: String, entry: String?) throws -> UInt64 {
        let end = offset + width
        var index = offset
        var value: UInt64 = 0
        while index < end, (0x30...0x37).contains(block[index]) {
            value = value << 3 | UInt64(block[index] - 0x30)
            index += 1
        }
        let terminated = index > offset && index < end && block[index..<end].allSatisfy { $0 == 0 || $0 == 0x20 }
        guard terminated else {
            let owner = entry.map { " of '\(shown($0))'" } ?? ""
            throw BundleError.hostile("the tar header field '\(field)'\(owner) is not in canonical form (octal digits, then NUL or space)")
        }
        return value
    }

    /// POSIX ustar ("ustar\0" "00") or GNU ("ustar  \0"); a GNU header may not use the ustar
    /// prefix field, which GNU tar ignores and other readers prepend to the name.
    static func checkMagic(_ block: [UInt8]) throws {
        let magic = Array(block[257..<265])
        let posix = Array("ustar\000".utf8), gnu = Array("ustar  \0".utf8)
        if magic == posix { return }
        guard magic == gnu else { throw BundleError.hostile("a tar header is neither POSIX ustar nor GNU (readers differ on old-style headers)") }
        guard block[345..<500].allSatisfy({ $0 == 0 }) else {
            throw BundleError.hostile("a GNU tar header uses the ustar prefix field (readers differ on it)")
        }
    }

    static func padding(_ size: UInt64) -> UInt64 { (512 - size % 512) % 512 }

    /// The name in the header: `prefix/name` for POSIX ustar, each field up to its first NUL.
    static func name(_ block: [UInt8]) throws -> String {
        let name = Array(block[0..<100].prefix { $0 != 0 })
        let prefix = Array(block[345..<500].prefix { $0 != 0 })
        let bytes = prefix.isEmpty ? name : prefix + [UInt8(ascii: "/")] + name
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw BundleError.hostile("an entry's name is not valid UTF-8")
        }
        return text
    }

    /// A name made safe to print in one line: control characters become `\u{…}`.
    static func shown(_ name: String) -> String {
        var out = ""
        for scalar in name.unicodeScalars.prefix(200) {
            if BagPaths.isControl(scalar) { out += "\\u{\(String(scalar.value, radix: 16))}" } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    /// Refuses names that could write outside the extraction directory, or that a file
    /// system or another reader could take for another name.
    static func checkName(_ name: String, limits: ArchiveLimits) throws {
        guard !name.isEmpty else { throw BundleError.hostile("an entry has an empty name") }
        if let problem = BagPaths.problem(name, limits: limits) { throw BundleError.hostile(problem) }
    }

    static let paxKeys: Set<String> = ["path", "size", "mtime", "atime", "ctime", "uid", "gid", "uname", "gname", "comment"]

    static func parsePax(_ body: [UInt8]) throws -> [String: String] {
        var out: [String: String] = [:]
        var index = 0
        while index < body.count {
            guard let space = body[index...].firstIndex(of: UInt8(ascii: " ")),
                space > index, space - index <= 10, body[index..<space].allSatisfy({ (0x30...0x39).contains($0) }),
                let length = Int(String(decoding: body[index..<space], as: UTF8.self)), length > space - index + 1,
                index + length <= body.count, body[index + length - 1] == UInt8(ascii: "\n")
            else { throw BundleError.corrupt("a pax header record is malformed") }
            let record = Array(body[(space + 1)..<(index + length - 1)])
            guard let equals = record.firstIndex(of: UInt8(ascii: "=")),
                let key = String(validating: record[..<equals], as: UTF8.self),
                let value = String(validating: record[(equals + 1)...], as: UTF8.self)
            else { throw BundleError.corrupt("a pax header record has no '=' or is not UTF-8") }
            guard paxKeys.contains(key) else { throw BundleError.hostile("the pax key '\(shown(key))' is not supported") }
            guard out.updateValue(value, forKey: key) == nil else { throw BundleError.hostile("a pax header sets '\(key)' twice") }
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

/// A name's two 64-bit hashes under different salts. Two names meet by chance about once in
/// 2^128 pairs, so a set of these finds a repeated name without keeping the names.
struct NameHash: Hashable {
    let first: Int
    let second: Int

    init(_ name: String) {
        var a = Hasher(), b = Hasher()
        a.combine(0x5245_4E4B_4549_0001 as UInt64)
        b.combine(0x5245_4E4B_4549_0002 as UInt64)
        a.combine(name)
        b.combine(name)
        first = a.finalize()
        second = b.finalize()
    }
}
