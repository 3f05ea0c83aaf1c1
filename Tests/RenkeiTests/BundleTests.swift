import Crypto
import Foundation
import RenkeiPipeline
import Testing

@testable import RenkeiBundle

/// A sink collecting bytes in memory.
final class MemorySink: ByteSink {
    var bytes: [UInt8] = []
    func write(_ b: UnsafeRawBufferPointer) throws { bytes += b }
}

/// Builds archives by hand, hostile ones included.
enum ArchiveForge {
    static func gzip(_ tar: [UInt8], threads: Int = 2) throws -> [UInt8] {
        let sink = MemorySink()
        let gz = try ParallelGzipWriter(output: sink, threads: threads)
        try gz.write(tar)
        try gz.finish()
        return sink.bytes
    }

    static func entry(_ name: String, type: Character = "0", body: [UInt8] = [], size: UInt64? = nil) -> [UInt8] {
        let size = size ?? UInt64(body.count)
        var out = TarWriter.header(name: Array(name.utf8), size: size, type: type, mode: 0o644, mtime: 0) + body
        out += [UInt8](repeating: 0, count: Int((512 - UInt64(body.count) % 512) % 512))
        return out
    }

    static let end = [UInt8](repeating: 0, count: 1024)

    static func write(_ bytes: [UInt8]) -> String {
        let path = NSTemporaryDirectory() + "renkei-forged-\(UUID().uuidString).tar.gz"
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }
}

@Suite("Bundles: reproducible BagIt archives, streaming verify, signatures", .serialized)
struct BundleTests {
    func bundle(_ data: String, sign: Curve25519.Signing.PrivateKey? = nil) throws -> (BundleJob.Result, String) {
        let out = NSTemporaryDirectory() + "renkei-bundle-\(UUID().uuidString)"
        var job = BundleJob(dataDirectory: data, outputDirectory: out)
        job.signingKey = sign
        let (checked, result) = try job.run()
        return (try #require(result, "\(checked.diagnostics.map(\.formatted))"), out)
    }

    @Test("Parallel gzip is one standard stream, the same for any number of threads")
    func parallelGzip() throws {
        var input: [UInt8] = []
        var x: UInt32 = 12345
        for i in 0..<(ParallelGzipWriter.blockSize * 5 + 777) {
            x = x &* 1_103_515_245 &+ 12345
            input.append(i % 3 == 0 ? UInt8(x >> 24) : UInt8(ascii: "a") + UInt8(i % 7))
        }
        let one = try ArchiveForge.gzip(input, threads: 1)
        let four = try ArchiveForge.gzip(input, threads: 4)
        #expect(one == four)
        #expect(one.count < input.count)
        #expect(Array(one.prefix(10)) == [0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 0xFF])
        let path = ArchiveForge.write(one)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try GzipReader(path: path)
        var back: [UInt8] = []
        while true {
            let piece = try reader.read(100_000)
            if piece.isEmpty { break }
            back += piece
        }
        #expect(back == input)
        #expect(try TestSupport.run("/bin/gzip", ["-t", path]).code == 0)
    }

    @Test("The same data gives a byte-identical archive; tar, gzip and BagIt tools read it")
    func reproducible() throws {
        let data = TestSupport.exampleDirectory(["long/" + String(repeating: "長い名前", count: 15) + ".yaml": "themes: []\n"])
        defer { try? FileManager.default.removeItem(atPath: data) }
        let (a, outA) = try bundle(data)
        let (b, outB) = try bundle(data)
        defer { for d in [outA, outB] { try? FileManager.default.removeItem(atPath: d) } }
        #expect(a.sha256 == b.sha256)
        #expect(try Data(contentsOf: URL(fileURLWithPath: a.archive)) == Data(contentsOf: URL(fileURLWithPath: b.archive)))
        #expect(a.archive.hasSuffix("/example-1.0.0.tar.gz"))
        #expect(try TestSupport.run("/bin/gzip", ["-t", a.archive]).code == 0)
        let listing = try TestSupport.run("/bin/tar", ["--quoting-style=literal", "-tzf", a.archive])
        #expect(listing.code == 0)
        #expect(listing.out.contains("example-1.0.0/bagit.txt"))
        #expect(listing.out.contains("長い名前長い名前"), "a long non-ASCII name survives through a pax header")
        let extracted = NSTemporaryDirectory() + "renkei-x-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: extracted) }
        try FileManager.default.createDirectory(atPath: extracted, withIntermediateDirectories: true)
        #expect(try TestSupport.run("/bin/tar", ["-xzf", a.archive, "-C", extracted]).code == 0)
        let info = try String(contentsOfFile: extracted + "/example-1.0.0/bag-info.txt", encoding: .utf8)
        #expect(info.contains("Payload-Oxum: "))
        #expect(info.contains("Bagging-Date: 2019-01-01"))
        guard let python = TestSupport.checkerPython else {
            print("SKIPPED bagit.py and tarfile checks: no checker Python (run .ci/run, or set RENKEI_PYTHON)")
            return
        }
        let bagit = try TestSupport.run(python, ["-m", "bagit", "--validate", extracted + "/example-1.0.0"])
        #expect(bagit.code == 0, "\(bagit.err)")
        let tarfile = try TestSupport.run(python, ["-c", "import tarfile,sys; t=tarfile.open(sys.argv[1]); m=t.getmembers(); assert all(x.uid==0 and x.gid==0 for x in m); print(len(m))", a.archive])
        #expect(tarfile.code == 0, "\(tarfile.err)")
    }

    @Test("A payload folder is walked: entries in component order, each folder before what it holds, the manifest in path order")
    func payloadFolder() throws {
        let root = NSTemporaryDirectory() + "renkei-payload-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        // Names where byte order and component order differ: '-' and '.' sort before '/'.
        for (name, text) in [("site/a-b.txt", "1"), ("site/a/b.txt", "2"), ("site/a.txt", "3"), ("site/a/b/c.txt", "4"), ("z.txt", "5")] {
            let path = root + "/exports/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }
        try Data("solo".utf8).write(to: URL(fileURLWithPath: root + "/solo.txt"))
        let archive = root + "/bag.tar.gz"
        let written = try BagArchiveWriter.write(
            folder: "bag", payload: [.folder("exports", source: root + "/exports"), BagPayloadFile(path: "solo.txt", source: root + "/solo.txt")],
            metadata: BagMetadata(baggingDate: "2020-01-01", fields: []), to: archive, modificationTime: 0)
        #expect(written.files == 6)
        let report = try BagVerifier().verify(archive)
        #expect(report.payloadFiles == 6)
        let reader = TarReader(source: try GzipReader(path: archive))
        var names: [String] = []
        var manifest = ""
        while let entry = try reader.next() {
            names.append(entry.name)
            var body: [UInt8] = []
            try reader.readBody { body += $0 }
            if entry.name == "bag/manifest-sha256.txt" { manifest = String(decoding: body, as: UTF8.self) }
        }
        #expect(names == [
            "bag", "bag/bag-info.txt", "bag/bagit.txt", "bag/data", "bag/data/exports", "bag/data/exports/site",
            "bag/data/exports/site/a", "bag/data/exports/site/a/b", "bag/data/exports/site/a/b/c.txt", "bag/data/exports/site/a/b.txt",
            "bag/data/exports/site/a-b.txt", "bag/data/exports/site/a.txt", "bag/data/exports/z.txt", "bag/data/solo.txt",
            "bag/manifest-sha256.txt", "bag/tagmanifest-sha256.txt",
        ])
        let listed = manifest.split(separator: "\n").map { String($0.split(separator: " ", maxSplits: 1)[1]).trimmingCharacters(in: .whitespaces) }
        #expect(listed == [
            "data/exports/site/a-b.txt", "data/exports/site/a.txt", "data/exports/site/a/b.txt", "data/exports/site/a/b/c.txt",
            "data/exports/z.txt", "data/solo.txt",
        ])
        let digest = hex(SHA256.hash(data: Data("4".utf8)))
        #expect(manifest.contains("\(digest)  data/exports/site/a/b/c.txt\n"))

        // Two names that are one in NFC, and a link, are refused; nothing is left.
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/exports/caf\u{0065}\u{0301}.txt"))
        try Data("y".utf8).write(to: URL(fileURLWithPath: root + "/exports/caf\u{00E9}.txt"))
        let twice = #expect(throws: BundleError.self) {
            try BagArchiveWriter.write(folder: "bag", payload: [.folder("exports", source: root + "/exports")],
                metadata: BagMetadata(baggingDate: "2020-01-01", fields: []), to: root + "/nfc.tar.gz", modificationTime: 0)
        }
        #expect("\(twice.map { "\($0)" } ?? "")".contains("same name in Unicode NFC"))
        try FileManager.default.removeItem(atPath: root + "/exports/caf\u{0065}\u{0301}.txt")
        try FileManager.default.createSymbolicLink(atPath: root + "/exports/link", withDestinationPath: "/etc/passwd")
        let link = #expect(throws: BundleError.self) {
            try BagArchiveWriter.write(folder: "bag", payload: [.folder("exports", source: root + "/exports")],
                metadata: BagMetadata(baggingDate: "2020-01-01", fields: []), to: root + "/link.tar.gz", modificationTime: 0)
        }
        #expect("\(link.map { "\($0)" } ?? "")".contains("not a regular file"))
        #expect(!FileManager.default.fileExists(atPath: root + "/nfc.tar.gz") && !FileManager.default.fileExists(atPath: root + "/link.tar.gz"))
    }

    @Test("verify reports what it checked; a tampered copy fails with the reason")
    func verifyAndTamper() throws {
        let data = TestSupport.exampleDirectory([:])
        defer { try? FileManager.default.removeItem(atPath: data) }
        let (result, out) = try bundle(data)
        defer { try? FileManager.default.removeItem(atPath: out) }
        let report = try BundleJob.verifier().verify(result.archive)
        #expect(report.lines.contains { $0.contains("SQLite integrity check ok") })
        #expect(report.payloadFiles == result.files)

        // Change one byte of a payload file and repack with valid gzip and tar framing.
        let extracted = out + "/x"
        try FileManager.default.createDirectory(atPath: extracted, withIntermediateDirectories: true)
        #expect(try TestSupport.run("/bin/tar", ["-xzf", result.archive, "-C", extracted]).code == 0)
        let target = extracted + "/example-1.0.0/data/exports/renkei.json"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: target))
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: target))
        let tampered = out + "/tampered.tar.gz"
        #expect(try TestSupport.run("/bin/tar", ["-czf", tampered, "-C", extracted, "example-1.0.0"]).code == 0)
        #expect(throws: BundleError.bag("data/exports/renkei.json does not match its SHA-256 in the manifest")) {
            try BundleJob.verifier().verify(tampered)
        }
        let cli = try TestSupport.renkei(["verify", tampered])
        #expect(cli.code == 1)
        #expect(cli.err.contains("does not match its SHA-256"))

        // Truncate the archive.
        let whole = try Data(contentsOf: URL(fileURLWithPath: result.archive))
        let truncated = ArchiveForge.write([UInt8](whole.prefix(whole.count / 2)))
        defer { try? FileManager.default.removeItem(atPath: truncated) }
        #expect(throws: BundleError.self) { try BundleJob.verifier().verify(truncated) }
    }

    @Test("Signatures: a signed bag verifies with its key and fails with another")
    func signatures() throws {
        let data = TestSupport.exampleDirectory([:])
        defer { try? FileManager.default.removeItem(atPath: data) }
        let key = Curve25519.Signing.PrivateKey()
        let (result, out) = try bundle(data, sign: key)
        defer { try? FileManager.default.removeItem(atPath: out) }
        #expect(try BundleJob.verifier(requiredKey: key.publicKey).verify(result.archive).signed)
        #expect(throws: BundleError.signature("the bag is signed by another key than the one given")) {
            try BundleJob.verifier(requiredKey: Curve25519.Signing.PrivateKey().publicKey).verify(result.archive)
        }
        let (unsigned, out2) = try bundle(data)
        defer { try? FileManager.default.removeItem(atPath: out2) }
        #expect(throws: BundleError.signature("the bag is not signed, but a key was given")) {
            try BundleJob.verifier(requiredKey: key.publicKey).verify(unsigned.archive)
        }
    }

    @Test("A failed bundle leaves an earlier archive as it was and no partial file")
    func atomic() throws {
        let data = TestSupport.exampleDirectory([:])
        defer { try? FileManager.default.removeItem(atPath: data) }
        let (result, out) = try bundle(data)
        defer { try? FileManager.default.removeItem(atPath: out) }
        let before = try Data(contentsOf: URL(fileURLWithPath: result.archive))
        let broken = TestSupport.exampleDirectory(["bad.yaml": "events: [\n"])
        defer { try? FileManager.default.removeItem(atPath: broken) }
        let cli = try TestSupport.renkei(["bundle", "--data", broken, "--out", out, "--quiet"])
        #expect(cli.code == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: result.archive)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == [(result.archive as NSString).lastPathComponent])
    }

    static let hostile: [(String, [UInt8], String)] = [
        ("absolute path", ArchiveForge.entry("/etc/passwd", body: [1]) + ArchiveForge.end, "is an absolute path"),
        ("climbing path", ArchiveForge.entry("bag/../../evil", body: [1]) + ArchiveForge.end, "climbs out with '..'"),
        ("symbolic link", ArchiveForge.entry("bag/link", type: "2") + ArchiveForge.end, "is a symbolic link"),
        ("hard link", ArchiveForge.entry("bag/hard", type: "1") + ArchiveForge.end, "is a hard link"),
        ("device file", ArchiveForge.entry("bag/dev", type: "3") + ArchiveForge.end, "is a device file"),
        ("FIFO", ArchiveForge.entry("bag/fifo", type: "6") + ArchiveForge.end, "is a FIFO"),
        ("duplicate names", ArchiveForge.entry("bag/a", body: [1]) + ArchiveForge.entry("bag/a", body: [2]) + ArchiveForge.end, "appears twice"),
        ("oversized pax header", ArchiveForge.entry("PaxHeaders/x", type: "x", body: [], size: 5 << 20) + ArchiveForge.end, "pax header"),
        ("truncated data", Array(ArchiveForge.entry("bag/a", body: [UInt8](repeating: 7, count: 5000)).prefix(2000)), "truncated"),
        ("global pax header", ArchiveForge.entry("g", type: "g") + ArchiveForge.end, "global pax header"),
    ]

    @Test("Hostile archives are refused with a clear error and nothing written", arguments: hostile.indices)
    func hostileArchive(_ index: Int) throws {
        let (name, tar, reason) = Self.hostile[index]
        let path = ArchiveForge.write(try ArchiveForge.gzip(tar))
        let into = NSTemporaryDirectory() + "renkei-extract-\(UUID().uuidString)"
        defer { for p in [path, into] { try? FileManager.default.removeItem(atPath: p) } }
        do {
            _ = try BundleJob.verifier().extract(path, into: into)
            Issue.record("\(name) was accepted")
        } catch let error as BundleError {
            #expect(error.description.contains(reason), "\(name): \(error)")
        }
        let written = (try? FileManager.default.contentsOfDirectory(atPath: into)) ?? []
        #expect(written.isEmpty, "\(name) wrote \(written)")
    }

    @Test("A decompression bomb is refused by its ratio")
    func bomb() throws {
        let tar = ArchiveForge.entry("bag/zeros", body: [UInt8](repeating: 0, count: 64 << 20)) + ArchiveForge.end
        let path = ArchiveForge.write(try ArchiveForge.gzip(tar))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: BundleError.hostile("the archive expands more than 200 times (a decompression bomb)")) {
            try BundleJob.verifier().verify(path)
        }
    }
}
