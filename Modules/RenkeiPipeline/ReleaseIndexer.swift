import Crypto
import Foundation
import RenkeiBundle
import RenkeiModel
import RenkeiRelease
import RenkeiStore

/// Builds the index of a folder of bundles: each bundle is verified, its database read, and
/// consecutive releases (by version) compared.
public struct ReleaseIndexer {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// The bundles (`*.tar.gz`) directly in the folder, sorted by name.
    public func bundles() throws -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw ReleaseError.input("\(directory): cannot list the folder")
        }
        return names.filter { !$0.hasPrefix(".") && $0.hasSuffix(".tar.gz") }.sorted()
    }

    /// Reads every bundle and returns the index; files it needs are made under `scratch`.
    public func index(scratch: String) throws -> ReleaseIndex {
        var sides: [(file: String, side: ReleaseSide, bytes: UInt64, sha256: String)] = []
        for (i, name) in try bundles().enumerated() {
            let path = directory + "/" + name
            let folder = scratch + "/\(i)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let input = try ReleaseInput(path)
            guard case .bundle = input.kind else { throw ReleaseError.input("\(path): not a gzip-compressed bundle") }
            let side = try input.open(scratch: folder)
            let (bytes, digest) = try Self.hash(path)
            sides.append((name, side, bytes, digest))
        }
        sides.sort { ReleaseVersion.compare($0.side.info.version, $1.side.info.version) == .ascending }
        for (a, b) in zip(sides, sides.dropFirst()) where ReleaseVersion.compare(a.side.info.version, b.side.info.version) == .same {
            throw ReleaseError.input("\(a.file) and \(b.file) both declare version \(a.side.info.version): a version names one release")
        }
        var entries: [ReleaseIndex.Entry] = []
        for (i, s) in sides.enumerated() {
            let records = Dictionary(uniqueKeysWithValues: s.side.counts.map { ($0.key.rawValue, $0.value) })
            let delta: ReleaseIndex.Delta
            if i == 0 {
                delta = ReleaseIndex.Delta(first: records)
            } else {
                let previous = sides[i - 1].side
                let summary = try ReleaseDiff(old: previous, new: s.side).run(onChange: { _ in })
                delta = ReleaseIndex.Delta(previous: previous.info.version, summary: summary)
            }
            entries.append(ReleaseIndex.Entry(
                version: s.side.info.version, released: s.side.info.released.map { $0.firstDay.description },
                file: s.file, bytes: s.bytes, sha256: s.sha256, records: records, delta: delta))
        }
        return ReleaseIndex(releases: entries)
    }

    /// Writes `index.json` and `index.md` into the folder, each beside its target then renamed.
    public func write(_ index: ReleaseIndex) throws -> [String] {
        var written: [String] = []
        for (name, text) in [("index.json", try index.json()), ("index.md", index.markdown())] {
            let target = directory + "/" + name
            let temporary = directory + "/.\(name).tmp-\(ProcessInfo.processInfo.processIdentifier)"
            TemporaryFiles.shared.register(temporary)
            defer {
                try? FileManager.default.removeItem(atPath: temporary)
                TemporaryFiles.shared.unregister(temporary)
            }
            guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
                throw ReleaseError.io("cannot write \(temporary)")
            }
            guard rename(temporary, target) == 0 else {
                throw ReleaseError.io("cannot move \(name) into place: \(String(cString: strerror(errno)))")
            }
            written.append(target)
        }
        return written
    }

    /// The size and SHA-256 of a file, read in chunks.
    static func hash(_ path: String) throws -> (UInt64, String) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ReleaseError.input("\(path): cannot be read") }
        defer { try? handle.close() }
        var hasher = SHA256()
        var bytes: UInt64 = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            bytes += UInt64(chunk.count)
        }
        return (bytes, hasher.finalize().map { String(format: "%02x", $0) }.joined())
    }
}
