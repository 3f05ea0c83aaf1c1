import Foundation
import RenkeiBundle
import RenkeiExport
import RenkeiModel
import RenkeiPipeline
import RenkeiStore
import RenkeiTesting
import Testing

/// A sink that records what the runner asked of it, and fails where it is told to.
final class ProbeSink: RecordSink, @unchecked Sendable {
    enum Step { case none, begin, write, finish }
    let failAt: Step
    private(set) var calls: [String] = []
    init(failAt: Step = .none) { self.failAt = failAt }
    struct Failure: Error, CustomStringConvertible { var description: String { "the probe failed on purpose" } }
    func begin(_ context: ExportContext) throws {
        calls.append("begin")
        _ = try context.output.create("probe.txt")
        if failAt == .begin { throw Failure() }
    }
    func write(_ record: AnyRecord) throws {
        if failAt == .write { throw Failure() }
    }
    func finish() throws {
        calls.append("finish")
        if failAt == .finish { throw Failure() }
    }
    func abort() { calls.append("abort") }
}

/// Runs that fail, are interrupted or collide: nothing half-written, nothing left behind.
@Suite("Interrupted and failing runs", .serialized)
struct InterruptedRunTests {
    static func temporary(_ name: String) -> String { NSTemporaryDirectory() + "renkei-\(name)-\(UUID().uuidString)" }

    /// A data folder with `events` generated events, large enough to interrupt.
    static func largeData(events: Int) -> String {
        var yaml = "events:\n"
        for i in 0..<events {
            yaml += """
                  - id: ev-gen-\(i)
                    kind: exercise
                    title: {ja: 演習\(i), en: Exercise \(i)}
                    date: 2018-05
                    participants: [{actor: JP, role: participant}]
                    sources: [{source: src-example, locator: 表1}]

                """
        }
        return TestSupport.exampleDirectory(["generated.yaml": yaml])
    }

    static func listing(_ directory: String) -> [String] {
        var out: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let name = enumerator?.nextObject() as? String { out.append(name) }
        return out.sorted()
    }

    /// One thread (a store in memory), or exporters spread over two threads (a store on disk).
    @Test("A failing exporter: the first error is reported, every exporter begun and not finished is aborted, nothing published", arguments: [false, true])
    func abortOnFailure(onThreads: Bool) throws {
        let store = onThreads ? try Store(readingAt: ExportFanOutTests.store) : try Store.inMemory(TestDatasets.minimal())
        for step in [ProbeSink.Step.begin, .write, .finish] {
            let before = ProbeSink(), failing = ProbeSink(failAt: step), after = ProbeSink()
            let entries = [before, failing, after].enumerated().map { i, sink in
                ExporterRegistry.Entry(
                    description: ExporterDescription(id: "probe\(i)", name: "probe", files: ["*"], mediaType: "text/plain", summary: "probe", version: "1"),
                    make: { sink })
            }
            let out = Self.temporary("abort")
            defer { try? FileManager.default.removeItem(atPath: out) }
            var runner = ExportRunner(store: store)
            runner.threads = onThreads ? 2 : 1
            let error = #expect(throws: ExportError.self) { try runner.run(entries, into: out) }
            #expect(error?.description == "exporter 'probe1': the probe failed on purpose")
            switch step {
            case .begin:
                #expect(before.calls == ["begin", "abort"])
                #expect(after.calls.isEmpty, "never begun, nothing to abort")
            case .write:
                #expect(before.calls == ["begin", "abort"])
                #expect(failing.calls == ["begin", "abort"])
                #expect(after.calls == ["begin", "abort"])
            case .finish, .none:
                #expect(before.calls == ["begin", "finish"])
                #expect(failing.calls == ["begin", "finish", "abort"])
                // On threads the exporters finish side by side, so the last one completes too.
                #expect(after.calls == (onThreads ? ["begin", "finish"] : ["begin", "abort"]))
            }
            #expect(!FileManager.default.fileExists(atPath: out), "nothing published")
            let parent = (out as NSString).deletingLastPathComponent, base = (out as NSString).lastPathComponent
            let left = try FileManager.default.contentsOfDirectory(atPath: parent).filter { $0.contains(base) }
            #expect(left.isEmpty, "left behind: \(left)")
        }
    }

    @Test("An external exporter failing before the SQLite exporter: exit 1 with its message, never a crash")
    func failingExporterBeforeSQLite() throws {
        let data = TestSupport.exampleDirectory([:])
        let plugins = Self.temporary("plugins"), out = Self.temporary("out")
        defer { for d in [data, plugins, out] { try? FileManager.default.removeItem(atPath: d) } }
        try FileManager.default.createDirectory(atPath: plugins, withIntermediateDirectories: true)
        let failing = plugins + "/renkei-export-afails"
        _ = FileManager.default.createFile(atPath: failing, contents: Data("#!/bin/sh\necho 'cannot do it' >&2\nexit 3\n".utf8), attributes: [.posixPermissions: 0o755])
        // The crash this guards against depended on the order objects were freed: try often.
        for _ in 0..<12 {
            let result = try TestSupport.renkei(["export", "--format", "afails,sqlite", "--plugin", failing, "--data", data, "--out", out])
            #expect(result.code == 1, "\(result.err.prefix(300))")
            #expect(result.err.contains("cannot do it"))
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("A full disk (files over the size limit): export and bundle fail with the reason, the old output intact")
    func fullDisk() throws {
        let data = TestSupport.exampleDirectory([:])
        let out = Self.temporary("out"), bundles = Self.temporary("bundles")
        defer { for d in [data, out, bundles] { try? FileManager.default.removeItem(atPath: d) } }
        #expect(try TestSupport.renkei(["export", "--format", "all", "--data", data, "--out", out]).code == 0)
        #expect(try TestSupport.renkei(["bundle", "--data", data, "--out", bundles, "--quiet"]).code == 0)
        let exported = Self.listing(out), archived = Self.listing(bundles)
        let json = try Data(contentsOf: URL(fileURLWithPath: out + "/renkei.json"))
        // SIGXFSZ ignored: a write past the limit fails with EFBIG, as on a full disk.
        for (command, blocks) in [("export --format all --out", 8), ("export --format all --out", 64), ("bundle --quiet --out", 64)] {
            let target = command.hasPrefix("bundle") ? bundles : out
            let script = "trap '' XFSZ; ulimit -f \(blocks); exec \"$0\" \(command) \"$1\" --data \"$2\""
            let result = try TestSupport.run("/bin/sh", ["-c", script, TestSupport.renkeiExecutable, target, data])
            #expect(result.code == 1, "\(command) \(blocks): \(result.code) \(result.err.prefix(400))")
            #expect(result.err.contains("File too large") || result.err.contains("disk I/O error"), "\(result.err.prefix(400))")
        }
        #expect(Self.listing(out) == exported)
        #expect(Self.listing(bundles) == archived)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/renkei.json")) == json)
    }

    @Test("A re-export replaces the folder as a whole: files no longer written are gone")
    func staleFilesRemoved() throws {
        let large = Self.largeData(events: 30), small = TestSupport.exampleDirectory([:])
        let out = Self.temporary("out")
        defer { for d in [large, small, out] { try? FileManager.default.removeItem(atPath: d) } }
        #expect(try TestSupport.renkei(["export", "--format", "html,json", "--data", large, "--out", out]).code == 0)
        let before = Self.listing(out)
        #expect(before.contains { $0.contains("ev-gen-29") }, "\(before.prefix(20))")
        let result = try TestSupport.renkei(["export", "--format", "html,json", "--data", small, "--out", out])
        #expect(result.code == 0, "\(result.err)")
        let after = Self.listing(out)
        #expect(!after.contains { $0.contains("ev-gen-") })
        #expect(after.contains(".renkei-export"))
        let written = result.out.split(separator: "\n").map { String($0.dropFirst(out.count + 1)) }
        #expect(Set(after.filter { !$0.hasPrefix(".") && FileManager.default.fileExists(atPath: out + "/" + $0) && !Self.isDirectory(out + "/" + $0) }) == Set(written))
        let parent = (out as NSString).deletingLastPathComponent
        let base = (out as NSString).lastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent).filter { $0.hasPrefix(".\(base).") }.isEmpty, "no staging or lock left beside the output")
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    @Test("export refuses --out . and any folder holding the current one; a folder inside it works")
    func exportAndTheCurrentFolder() throws {
        let data = TestSupport.exampleDirectory([:])
        let here = Self.temporary("here")
        defer { for d in [data, here] { try? FileManager.default.removeItem(atPath: d) } }
        try FileManager.default.createDirectory(atPath: here + "/sub", withIntermediateDirectories: true)
        for out in [".", "..", here] {
            let result = try TestSupport.renkei(["export", "--format", "json", "--data", data, "--out", out], in: here + "/sub")
            #expect(result.code == 2 && result.err.contains("holds the current folder"), "\(out): \(result.err)")
        }
        #expect(FileManager.default.fileExists(atPath: here + "/sub"))
        let inside = try TestSupport.renkei(["export", "--format", "json", "--data", data, "--out", "out"], in: here + "/sub")
        #expect(inside.code == 0, "\(inside.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: here + "/sub/out").sorted() == [".renkei-export", "renkei.json"])
    }

    @Test("Killed between the two renames of the fallback swap: the next run puts the old folder back first")
    func swapRecovery() throws {
        let parent = Self.temporary("swap")
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let dead = try TestSupport.run("/bin/sh", ["-c", "echo $$"]).out.trimmingCharacters(in: .whitespacesAndNewlines)
        // The state a kill leaves after the old folder was moved aside and before the new one came.
        try FileManager.default.createDirectory(atPath: "\(parent)/.site.renkei-old-\(dead)", withIntermediateDirectories: true)
        try "old\n".write(toFile: "\(parent)/.site.renkei-old-\(dead)/page.html", atomically: false, encoding: .utf8)
        FolderSwap.recover(parent + "/site", asidePrefix: ".site.renkei-old-", in: parent)
        #expect(try String(contentsOfFile: parent + "/site/page.html", encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["site"])
        // With the folder in place, an aside copy of a dead run is only removed.
        try FileManager.default.createDirectory(atPath: "\(parent)/.site.renkei-old-\(dead)", withIntermediateDirectories: true)
        FolderSwap.recover(parent + "/site", asidePrefix: ".site.renkei-old-", in: parent)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["site"])
        // replace: the new tree takes the place, the old one is left where the caller removes it.
        try FileManager.default.createDirectory(atPath: parent + "/new", withIntermediateDirectories: true)
        try "new\n".write(toFile: parent + "/new/page.html", atomically: false, encoding: .utf8)
        try FolderSwap.replace(parent + "/site", with: parent + "/new", aside: parent + "/.site.renkei-old-\(getpid())")
        #expect(try String(contentsOfFile: parent + "/site/page.html", encoding: .utf8) == "new\n")
        let oldCopy = FileManager.default.fileExists(atPath: parent + "/new/page.html") ? parent + "/new" : parent + "/.site.renkei-old-\(getpid())"
        #expect(try String(contentsOfFile: oldCopy + "/page.html", encoding: .utf8) == "old\n")
        #expect(FolderSwap.exchange(parent + "/site", parent + "/nonexistent") == false)
    }

    @Test("export refuses to replace a folder it did not write")
    func exportOwnership() throws {
        let data = TestSupport.exampleDirectory([:])
        let out = Self.temporary("out")
        defer { for d in [data, out] { try? FileManager.default.removeItem(atPath: d) } }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try "precious\n".write(toFile: out + "/notes.txt", atomically: false, encoding: .utf8)
        let result = try TestSupport.renkei(["export", "--format", "json", "--data", data, "--out", out])
        #expect(result.code == 2)
        #expect(result.err.contains("did not write"), "\(result.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["notes.txt"])
    }

    @Test("build --db refuses a file that is not a Renkei store, and a database another run holds")
    func buildRefusals() throws {
        let data = TestSupport.exampleDirectory([:])
        let work = Self.temporary("db")
        defer { for d in [data, work] { try? FileManager.default.removeItem(atPath: d) } }
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let yaml = work + "/events.yaml"
        try "events: []\n".write(toFile: yaml, atomically: false, encoding: .utf8)
        let refused = try TestSupport.renkei(["build", "--data", data, "--db", yaml])
        #expect(refused.code == 2)
        #expect(refused.err.contains("is not a Renkei store"), "\(refused.err)")
        #expect(try String(contentsOfFile: yaml, encoding: .utf8) == "events: []\n")

        let db = work + "/renkei.sqlite"
        #expect(try TestSupport.renkei(["build", "--data", data, "--db", db]).code == 0)
        #expect(try TestSupport.renkei(["build", "--data", data, "--db", db]).code == 0, "a store is replaced")
        let lock = try RunLock(path: db + ".lock", purpose: db)
        let busy = try TestSupport.renkei(["build", "--data", data, "--db", db])
        #expect(busy.code == 2)
        #expect(busy.err.contains("process \(getpid())"), "\(busy.err)")
        lock.release()
        #expect(!FileManager.default.fileExists(atPath: db + ".lock"))
        #expect(try TestSupport.renkei(["build", "--data", data, "--db", db]).code == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: work).sorted() == ["events.yaml", "renkei.sqlite"])
    }

    @Test("A second run on the same output folder is refused while the first holds it")
    func concurrentExport() throws {
        let data = TestSupport.exampleDirectory([:])
        let out = Self.temporary("out")
        defer { for d in [data, out] { try? FileManager.default.removeItem(atPath: d) } }
        let parent = (out as NSString).deletingLastPathComponent, base = (out as NSString).lastPathComponent
        let lock = try RunLock(path: "\(parent)/.\(base).renkei-lock", purpose: out)
        let busy = try TestSupport.renkei(["export", "--format", "json", "--data", data, "--out", out])
        #expect(busy.code == 2)
        #expect(busy.err.contains("process \(getpid())"), "\(busy.err)")
        lock.release()
        #expect(try TestSupport.renkei(["export", "--format", "json", "--data", data, "--out", out]).code == 0)
    }

    /// Whether a path (relative) is a run's staging folder, temporary file or lock.
    static func isLeftover(_ path: String) -> Bool {
        path.split(separator: "/").contains { part in
            part.hasPrefix(".renkei-") && part != ".renkei-export" || part.contains(".renkei-staging-") || part.contains(".renkei-old-")
                || part.hasSuffix("renkei-lock") || part.hasSuffix(".lock") || part.contains(".tmp-")
                || part.hasPrefix("renkei-html-") || part.hasPrefix("renkei-verify-") || part.hasPrefix("renkei-feed-")
        }
    }

    /// Starts `renkei` with `arguments`, sends `signal` after `delay` seconds, and waits.
    static func interrupt(_ arguments: [String], signal: Int32, after delay: Double, environment: [String: String]? = nil) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestSupport.renkeiExecutable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(UInt32(delay * 1_000_000))
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test("SIGTERM on the driver stops a running external exporter too: no child outlives the run")
    func externalExporterStopped() throws {
        let work = Self.temporary("child")
        defer { try? FileManager.default.removeItem(atPath: work) }
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let plugin = work + "/renkei-export-sleepy"
        let pidFile = work + "/child.pid"
        // Reads its feed, says who it is, then waits far longer than the test.
        try "#!/bin/sh\ncat > /dev/null\necho $$ > \(pidFile)\nexec sleep 60\n".write(toFile: plugin, atomically: true, encoding: .utf8)
        chmod(plugin, 0o755)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestSupport.renkeiExecutable)
        process.arguments = ["export", "--format", "sleepy", "--plugin", plugin, "--data", TestSupport.root + "/data", "--out", work + "/out"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var child: pid_t = 0
        for _ in 0..<600 where child == 0 {
            usleep(50_000)
            child = (try? String(contentsOfFile: pidFile, encoding: .utf8)).flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
        }
        try #require(child > 0, "the external exporter never started")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 128 + SIGTERM)
        var gone = false
        for _ in 0..<40 where !gone {
            gone = kill(child, 0) != 0
            if !gone { usleep(50_000) }
        }
        if !gone { kill(child, SIGKILL) }
        #expect(gone, "the external exporter (pid \(child)) outlived the driver")
    }

    @Test("SIGTERM and SIGINT clean up; after SIGKILL the next run removes the leftovers and succeeds")
    func signals() throws {
        let data = Self.largeData(events: 400)
        let work = Self.temporary("signals")
        defer { for d in [data, work] { try? FileManager.default.removeItem(atPath: d) } }
        try FileManager.default.createDirectory(atPath: work + "/tmp", withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = work + "/tmp/"
        let commands: [(String, [String])] = [
            ("bundle", ["bundle", "--data", data, "--out", work + "/bundles", "--quiet"]),
            ("export", ["export", "--format", "all", "--data", data, "--out", work + "/site"]),
            ("build", ["build", "--data", data, "--db", work + "/db/renkei.sqlite"]),
        ]
        for (name, arguments) in commands {
            for sig in [SIGTERM, SIGINT] {
                _ = try Self.interrupt(arguments, signal: sig, after: 0.8, environment: environment)
                let left = Self.listing(work).filter(Self.isLeftover)
                #expect(left.isEmpty, "\(name) after signal \(sig): \(left)")
            }
            _ = try Self.interrupt(arguments, signal: SIGKILL, after: 0.8, environment: environment)
            let result = try TestSupport.renkei(arguments, environment: environment)
            #expect(result.code == 0, "\(name) after SIGKILL: \(result.err.prefix(300))")
            let left = Self.listing(work).filter(Self.isLeftover)
            #expect(left.isEmpty, "\(name) after SIGKILL and a new run: \(left)")
        }
        #expect(Self.listing(work + "/tmp").isEmpty, "nothing left in TMPDIR: \(Self.listing(work + "/tmp"))")
    }
}
