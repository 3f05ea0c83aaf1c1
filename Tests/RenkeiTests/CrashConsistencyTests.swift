import Crypto
import Foundation
import GRDB
import Testing

/// `build`, `export` and `bundle` killed with SIGKILL at many points: every target holds either
/// its old content or its new content, whole; the next run leaves no leftovers and succeeds.
@Suite("Crash consistency: SIGKILL at many points", .serialized)
struct CrashConsistencyTests {
    /// Every regular file below `directory` (hidden ones included) with its SHA-256.
    static func snapshot(_ directory: String) -> [String: String] {
        var out: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let name = enumerator?.nextObject() as? String {
            let path = directory + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                let data = FileManager.default.contents(atPath: path)
            else { continue }
            out[name] = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        }
        return out
    }

    static func records(_ db: String) throws -> Int {
        let queue = try DatabaseQueue(path: db, configuration: { var c = Configuration(); c.readonly = true; return c }())
        defer { try? queue.close() }
        return try queue.read { db in
            #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"])
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? -1
        }
    }

    @Test("Killed at any point, each target is old or new and whole; the next run cleans up and succeeds")
    func killedAtManyPoints() throws {
        let old = InterruptedRunTests.largeData(events: 200), new = InterruptedRunTests.largeData(events: 700)
        let work = NSTemporaryDirectory() + "renkei-crash-\(UUID().uuidString)"
        defer { for d in [old, new, work] { try? FileManager.default.removeItem(atPath: d) } }
        try FileManager.default.createDirectory(atPath: work + "/tmp", withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = work + "/tmp/"
        func arguments(_ command: String, _ data: String, _ target: String) -> [String] {
            switch command {
            case "build": ["build", "--data", data, "--db", target + "/renkei.sqlite"]
            case "export": ["export", "--format", "all", "--data", data, "--out", target]
            default: ["bundle", "--data", data, "--out", target, "--quiet"]
            }
        }
        for command in ["build", "export", "bundle"] {
            // What the target holds after a whole run on the old data, and on the new data.
            let target = "\(work)/\(command)", expected = "\(work)/\(command)-new"
            for (data, into) in [(new, expected), (old, target)] {
                let result = try TestSupport.renkei(arguments(command, data, into), environment: environment)
                try #require(result.code == 0, "\(command): \(result.err.prefix(300))")
            }
            let oldState = Self.snapshot(target), newState = Self.snapshot(expected)
            try #require(oldState != newState)
            let counts = command == "build" ? [try Self.records(target + "/renkei.sqlite"), try Self.records(expected + "/renkei.sqlite")] : []
            for delay in [0.05, 0.2, 0.4, 0.6, 0.8, 1.0, 1.3, 1.7, 2.2] {
                _ = try InterruptedRunTests.interrupt(arguments(command, new, target), signal: SIGKILL, after: delay, environment: environment)
                let now = Self.snapshot(target).filter { !InterruptedRunTests.isLeftover($0.key) }
                if command == "build" {
                    // SQLite may lay out pages differently run to run: compare what the file holds.
                    let count = try Self.records(target + "/renkei.sqlite")
                    #expect(counts.contains(count), "build killed after \(delay) s holds \(count) events, not \(counts)")
                } else {
                    let stripped = { (s: [String: String]) in s.filter { !InterruptedRunTests.isLeftover($0.key) } }
                    #expect(now == stripped(oldState) || now == stripped(newState), "\(command) killed after \(delay) s: a mix of old and new")
                }
            }
            // The next run removes what the killed ones left, and succeeds.
            let result = try TestSupport.renkei(arguments(command, new, target), environment: environment)
            #expect(result.code == 0, "\(command) after the kills: \(result.err.prefix(300))")
            let left = InterruptedRunTests.listing(work).filter(InterruptedRunTests.isLeftover)
            #expect(left.isEmpty, "\(command): leftovers after the next run: \(left.prefix(10))")
            if command != "build" {
                #expect(Self.snapshot(target) == newState, "\(command): the next run's output is the whole new output")
            }
        }
        #expect(InterruptedRunTests.listing(work + "/tmp").isEmpty, "nothing in TMPDIR: \(InterruptedRunTests.listing(work + "/tmp").prefix(10))")
    }
}
