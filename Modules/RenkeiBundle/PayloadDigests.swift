import Crypto
import Foundation

/// What a verifier learns of each payload file as the archive streams past — its path under
/// the bag folder (`data/…`), SHA-256 and size — kept compact: a million files cost about a
/// hundred bytes each, not a dictionary entry of strings.
struct PayloadDigests {
    private var paths = ByteStrings()
    private var digests: [UInt8] = []
    private var sizes: [UInt64] = []

    var count: Int { sizes.count }
    var totalSize: UInt64 { sizes.reduce(0, +) }

    mutating func append(path: String, digest: [UInt8], size: UInt64) {
        paths.append(path.utf8)
        digests += digest
        sizes.append(size)
    }

    /// Reads the manifest at `manifestPath` a line at a time and checks that it lists every
    /// payload file once, with its SHA-256, and nothing else.
    func check(againstManifest manifestPath: String, limits: ArchiveLimits) throws {
        let name = "manifest-sha256.txt"
        let order = paths.sortedIndices(slashFirst: false).map(Int.init)
        var listed = [Bool](repeating: false, count: count)
        var number = 0
        try Self.forEachLine(of: manifestPath) { line in
            number += 1
            guard let text = String(validating: line, as: UTF8.self) else { throw BundleError.bag("\(name) is not UTF-8") }
            let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[0].count == 64, parts[0].allSatisfy(\.isHexDigit) else {
                throw BundleError.bag("\(name) has a malformed line \(number)")
            }
            let path = BagPaths.decode(parts[1].trimmingCharacters(in: .whitespaces))
            // A name in another spelling (NFD for NFC) would match by Swift's string equality.
            if let problem = BagPaths.problem(path, limits: limits) { throw BundleError.bag("\(name), line \(number): \(problem)") }
            guard let index = find(Array(path.utf8), in: order) else { throw BundleError.bag("\(path) is listed in the manifest but missing") }
            guard !listed[index] else { throw BundleError.bag("\(name) lists \(path) twice") }
            listed[index] = true
            guard hex(digests[index * SHA256.byteCount..<(index + 1) * SHA256.byteCount]) == parts[0].lowercased() else {
                throw BundleError.bag("\(path) does not match its SHA-256 in the manifest")
            }
        }
        if let index = order.first(where: { !listed[$0] }) {
            throw BundleError.bag("\(paths.string(index)) is in the payload but not in the manifest")
        }
    }

    /// The payload file whose path is `path`, by binary search in `order` (sorted by bytes).
    private func find(_ path: [UInt8], in order: [Int]) -> Int? {
        var low = 0, high = order.count
        while low < high {
            let middle = (low + high) / 2
            let candidate = paths[order[middle]]
            if candidate.elementsEqual(path) { return order[middle] }
            if candidate.lexicographicallyPrecedes(path) { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// Calls `body` with each non-empty line of a file, without its line break.
    static func forEachLine(of path: String, _ body: ([UInt8]) throws -> Void) throws {
        var line: [UInt8] = []
        try BagArchiveWriter.streamFile(path) { chunk in
            for byte in chunk {
                if byte == UInt8(ascii: "\n") {
                    if !line.isEmpty { try body(line) }
                    line.removeAll(keepingCapacity: true)
                } else {
                    line.append(byte)
                }
            }
        }
        if !line.isEmpty { try body(line) }
    }
}
