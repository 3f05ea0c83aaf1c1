import Foundation
import RenkeiValidation
import RenkeiPipeline
import Testing

/// The `renkei` executable, run as a user would.
@Suite("The renkei command line", .serialized)
struct CommandLineTests {
    @Test("validate lists at most --max-findings findings in text and counts the rest by rule; the summary counts all")
    func maxFindings() throws {
        let directory = NSTemporaryDirectory() + "renkei-flood-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let synth = try TestSupport.renkei(["synth", "200", directory, "--errors", "30"])
        #expect(synth.code == 0, "\(synth.err)")
        func findings(_ out: String) -> Int { out.split(separator: "\n").filter { $0.contains(": error[") || $0.contains(": warning[") }.count }
        let all = try TestSupport.renkei(["validate", "--data", directory])
        let limited = try TestSupport.renkei(["validate", "--data", directory, "--max-findings", "5"])
        #expect(all.code == 1 && limited.code == 1)
        let total = findings(all.out)
        #expect(total >= 30)
        #expect(findings(limited.out) == 5)
        #expect(limited.out.contains("\(total - 5) more findings not listed ("))
        // The summary line counts every finding either way.
        #expect(all.out.split(separator: "\n").last == limited.out.split(separator: "\n").last)
        let unlimited = try TestSupport.renkei(["validate", "--data", directory, "--max-findings", "0"])
        #expect(findings(unlimited.out) == total)
        #expect(try TestSupport.renkei(["validate", "--data", directory, "--max-findings", "-1"]).code == 2)
    }

    func dataDirectory(_ extra: [String: String] = [:]) -> String { TestSupport.exampleDirectory(extra) }

    @Test("validate: exit 0 when clean, 1 on errors, 2 on unreadable input or bad usage")
    func validateExitCodes() throws {
        let clean = dataDirectory()
        let broken = dataDirectory(["bad.yaml": "themes:\n  - id: th-a\n    name: {ja: 甲}\n    sources: [{source: src-example, locator: 表1}]\n"])
        defer { for d in [clean, broken] { try? FileManager.default.removeItem(atPath: d) } }
        #expect(try TestSupport.renkei(["validate", "--data", clean]).code == 0)
        let failed = try TestSupport.renkei(["validate", "--data", broken])
        #expect(failed.code == 1)
        #expect(failed.out.contains("bad.yaml:3:11: error[field-missing]: required field 'name.en' is missing"))
        #expect(failed.out.hasSuffix("validation failed: 1 error, 0 warnings, 0 notes\n"))
        #expect(try TestSupport.renkei(["validate", "--data", "/nonexistent/dir"]).code == 2)
        #expect(try TestSupport.renkei(["validate", "--data", clean, "--format", "xml"]).code == 2)
        let github = try TestSupport.renkei(["validate", "--data", broken, "--format", "github"])
        #expect(github.out.contains("::error file=\(broken)/bad.yaml,line=3,col=11,title=field-missing::"))
    }

    @Test("build: a failed build leaves the database as it was")
    func failedBuildKeepsDatabase() throws {
        let clean = dataDirectory()
        let broken = dataDirectory(["bad.yaml": "events:\n  - id: ev-x\n    kind: exercise\n"])
        let db = NSTemporaryDirectory() + "renkei-cli-\(UUID().uuidString)/renkei.sqlite"
        defer { for d in [clean, broken, (db as NSString).deletingLastPathComponent] { try? FileManager.default.removeItem(atPath: d) } }
        let built = try TestSupport.renkei(["build", "--data", clean, "--db", db])
        #expect(built.code == 0, "\(built.err)")
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let failed = try TestSupport.renkei(["build", "--data", broken, "--db", db])
        #expect(failed.code == 1)
        #expect(failed.err.contains("was not changed"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        let sqlite = try TestSupport.run("/usr/bin/sqlite3", [db, "pragma integrity_check; pragma foreign_key_check;"])
        #expect(sqlite.out == "ok\n")
    }

    @Test("export: an unknown id lists the known ones; a failing exporter leaves the directory as it was")
    func exportAtomicity() throws {
        let data = dataDirectory()
        let out = NSTemporaryDirectory() + "renkei-out-\(UUID().uuidString)"
        let plugins = NSTemporaryDirectory() + "renkei-plugins-\(UUID().uuidString)"
        defer { for d in [data, out, plugins] { try? FileManager.default.removeItem(atPath: d) } }
        let unknown = try TestSupport.renkei(["export", "--format", "nope", "--data", data, "--out", out])
        #expect(unknown.code == 2)
        #expect(unknown.err.contains("known exporters: \(Pipeline.builtinRegistry.ids.joined(separator: ", "))."))
        #expect(try TestSupport.renkei(["export", "--format", "json", "--data", data, "--out", out]).code == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: out + "/renkei.json"))
        try FileManager.default.createDirectory(atPath: plugins, withIntermediateDirectories: true)
        let failing = plugins + "/renkei-export-fails"
        _ = FileManager.default.createFile(atPath: failing, contents: Data("#!/bin/sh\ncat > /dev/null\necho 'cannot do it' >&2\nexit 3\n".utf8), attributes: [.posixPermissions: 0o755])
        var changed = RuleExample.baseDataset
        changed["more.yaml"] = "themes:\n  - id: th-more\n    name: {ja: 追加, en: More}\n    sources: [{source: src-example, locator: 表1}]\n"
        let data2 = TestSupport.makeDataDirectory(changed)
        defer { try? FileManager.default.removeItem(atPath: data2) }
        let result = try TestSupport.renkei(["export", "--format", "json,fails", "--plugin", failing, "--data", data2, "--out", out])
        #expect(result.code != 0)
        #expect(result.err.contains("cannot do it"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/renkei.json")) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == [".renkei-export", "renkei.json"])
    }

    @Test("export: an external exporter that hangs is stopped at the time limit")
    func pluginTimeLimit() throws {
        let data = dataDirectory()
        let out = NSTemporaryDirectory() + "renkei-out-\(UUID().uuidString)"
        let plugins = NSTemporaryDirectory() + "renkei-plugins-\(UUID().uuidString)"
        defer { for d in [data, out, plugins] { try? FileManager.default.removeItem(atPath: d) } }
        try FileManager.default.createDirectory(atPath: plugins, withIntermediateDirectories: true)
        let hanging = plugins + "/renkei-export-hangs"
        _ = FileManager.default.createFile(atPath: hanging, contents: Data("#!/bin/sh\nexec sleep 60\n".utf8), attributes: [.posixPermissions: 0o755])
        let result = try TestSupport.renkei(["export", "--format", "hangs", "--plugin", hanging, "--plugin-timeout", "1", "--data", data, "--out", out])
        #expect(result.code != 0)
        #expect(result.err.contains("did not finish within 1 s"))
    }

    @Test("The example external exporter in docs/examples works through the contract")
    func exampleExternalExporter() throws {
        let out = NSTemporaryDirectory() + "renkei-out-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let example = TestSupport.root + "/docs/examples/renkei-export-countcsv"
        let data = dataDirectory(["events.yaml": """
            events:
              - id: ev-2018-a
                kind: exercise
                title: {ja: 演習, en: Exercise}
                date: 2018-05
                participants: [{actor: JP, role: participant}]
                sources: [{source: src-example, locator: 表1}]
              - id: ev-2018-b
                kind: exercise
                title: {ja: 演習, en: Exercise}
                date: 2018-09
                participants: [{actor: JP, role: participant}]
                sources: [{source: src-example, locator: 表1}]
            """])
        defer { try? FileManager.default.removeItem(atPath: data) }
        let result = try TestSupport.renkei(["export", "--format", "countcsv", "--plugin", example, "--data", data, "--out", out])
        #expect(result.code == 0, "\(result.err)")
        let csv = try String(contentsOfFile: out + "/events-per-year.csv", encoding: .utf8)
        #expect(csv == "year,kind,events\n2018,exercise,2\n")
    }

    @Test("Every command has --help")
    func help() throws {
        for command in ["validate", "build", "export", "exporters", "indicators", "stats", "rules", "bundle", "verify", "keygen", "events", "count", "show", "search"] {
            let result = try TestSupport.renkei([command, "--help"])
            #expect(result.code == 0, "\(command)")
            #expect(result.out.contains("USAGE: renkei \(command)"), "\(command): \(result.out.prefix(200))")
        }
    }
}
