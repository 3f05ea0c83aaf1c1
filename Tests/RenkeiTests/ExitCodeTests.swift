import Foundation
import Testing

/// Exit codes follow the documented table (0 success, 1 bad data or a failed check, 2 bad usage
/// or unreadable input), and messages are sentences that name the path.
@Suite("Exit codes and messages for unreadable input", .serialized)
struct ExitCodeTests {
    @Test("Unreadable input exits 2 with a sentence naming the path, never a raw Foundation error")
    func unreadableInput() throws {
        let work = NSTemporaryDirectory() + "renkei-exit-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: work) }
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        try "events: []\n".write(toFile: work + "/not-a-store.yaml", atomically: false, encoding: .utf8)
        let data = TestSupport.exampleDirectory([:])
        defer { try? FileManager.default.removeItem(atPath: data) }
        let cases: [([String], String)] = [
            (["bundle", "--data", data, "--out", "/proc/renkei-nope", "--quiet"], "/proc/renkei-nope"),
            (["export", "--format", "json", "--db", work + "/missing.sqlite", "--out", work + "/o"], work + "/missing.sqlite"),
            (["stats", "--db", work + "/not-a-store.yaml"], "not-a-store.yaml is not a Renkei store"),
            (["verify", work], "\(work) is a folder, not an archive"),
            (["verify", work + "/missing.tar.gz"], work + "/missing.tar.gz"),
            (["keygen", "--out", work + "/no/such/k"], "there is no folder \(work)/no/such"),
            (["bundle", "--data", data, "--out", work + "/b", "--sign", work + "/missing.key"], work + "/missing.key"),
        ]
        for (arguments, needle) in cases {
            let result = try TestSupport.renkei(arguments)
            #expect(result.code == 2, "\(arguments): \(result.code) \(result.err)")
            #expect(result.err.contains(needle), "\(arguments): \(result.err)")
            #expect(!result.err.contains("NSCocoaErrorDomain") && !result.err.contains("Error Domain="), "\(arguments): \(result.err)")
        }
    }

    @Test("Without data/ the message names the folder looked for and suggests --data")
    func missingDataFolder() throws {
        let empty = NSTemporaryDirectory() + "renkei-empty-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: empty) }
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let result = try TestSupport.renkei(["validate"], in: empty)
        #expect(result.code == 2)
        let real = (try? FileManager.default.destinationOfSymbolicLink(atPath: empty)) ?? empty
        #expect(result.out.contains("/data") && result.out.contains("--data DIR"), "\(result.out)")
        #expect(result.out.contains((real as NSString).lastPathComponent), "\(result.out)")
    }
}
