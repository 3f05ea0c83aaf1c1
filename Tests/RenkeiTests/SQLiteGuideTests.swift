import ExportSQLite
import Foundation
import GRDB
import RenkeiModel
import Testing

/// The SQLite export as analysts use it: `docs/exporters/sqlite.md` is current, its ten example
/// queries give the sources' answers, search works for any length, and Datasette serves it.
@Suite("SQLite export: documentation, example queries, Datasette", .serialized)
struct SQLiteGuideTests {
    /// The export of `data/`, made once.
    static let export: String = {
        let out = NSTemporaryDirectory() + "renkei-sqlite-guide-\(ProcessInfo.processInfo.processIdentifier)"
        TestSupport.removeAtExit(out)
        if !FileManager.default.fileExists(atPath: out + "/sqlite/renkei.sqlite") {
            let result = try? TestSupport.renkei(["export", "--format", "sqlite", "--data", TestSupport.root + "/data", "--out", out])
            precondition(result?.code == 0, "export failed: \(result?.err ?? "")")
        }
        return out + "/sqlite"
    }()

    func open() throws -> DatabaseQueue {
        var config = Configuration()
        config.readonly = true
        return try DatabaseQueue(path: Self.export + "/renkei.sqlite", configuration: config)
    }

    @Test("docs/exporters/sqlite.md documents every table, view and column, and is current")
    func documentation() throws {
        let queue = try open()
        let (viewColumns, tables): ([String: [String]], [String]) = try queue.read { db in
            var columns: [String: [String]] = [:]
            for view in SQLiteGuide.views {
                columns[view.name] = try Row.fetchAll(db, sql: "PRAGMA table_info(\(view.name))").map { $0["name"] }
            }
            let names = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'search\\_%' ESCAPE '\\' ORDER BY name")
            return (columns, names)
        }
        let generated = SQLiteGuide.markdown(viewColumns: viewColumns)
        for name in tables { #expect(generated.contains("### `\(name)`"), "\(name) is not documented") }
        #expect(!generated.contains("|  |\n"), "a column has no description")
        let path = TestSupport.root + "/docs/exporters/sqlite.md"
        let current = try? String(contentsOfFile: path, encoding: .utf8)
        if current != generated, ProcessInfo.processInfo.environment["RENKEI_UPDATE_DOCS"] == "1" {
            try generated.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        #expect(current == generated, "docs/exporters/sqlite.md is out of date: run RENKEI_UPDATE_DOCS=1 swift test --filter SQLiteGuideTests")
    }

    @Test("The ten example queries give the sources' answers")
    func examples() throws {
        #expect(SQLiteGuide.examples.count == 10)
        let queue = try open()
        let answers: [[Row]] = try queue.read { db in try SQLiteGuide.examples.map { try Row.fetchAll(db, sql: $0.sql) } }
        // 2017: seven bilateral consultations and one trilateral (中・韓).
        #expect(answers[0].map { "\($0["kind"] as String):\($0["events"] as Int)" } == ["bilateral-consultation:7", "trilateral-consultation:1"])
        #expect(answers[1].map { $0["actor"] as String } == ["AU", "EE", "EU", "FR", "IL", "IN", "US"])
        #expect(Set(answers[2].map { $0["attribution"] as String }).count == 4)
        #expect(answers[3].first?["attendees"] as Int? == 22)
        #expect(Set(answers[4].map { $0["person"] as String }).count == 22)
        #expect(answers[5].count == 1)
        #expect(!answers[6].isEmpty)
        #expect(!answers[7].isEmpty && answers[7].allSatisfy { ($0["text"] as String).contains("演習") })
        #expect(!answers[8].isEmpty && answers[8].allSatisfy { ($0["text"] as String).lowercased().contains("asean") })
        #expect(answers[9].filter { $0["actor"] as String == "US" }.map { $0["consultations"] as Int } == [1, 1, 1, 1, 1, 1])
    }

    @Test("partners_per_year counts cooperation partners by the dataset's one definition, as renkei stats does")
    func partnersPerYear() throws {
        let rows = try open().read { db in
            try Row.fetchAll(db, sql: "SELECT actor, sum(events) AS events FROM partners_per_year GROUP BY actor")
        }
        let totals = Dictionary(uniqueKeysWithValues: rows.map { (($0["actor"] as String), ($0["events"] as Int)) })
        for notPartner in ["apt10", "apt40", "tick", "JP", "jp-mod", "jp-nisc"] { #expect(totals[notPartner] == nil, "\(notPartner)") }
        let dataset = try #require(DatasetTests.checked.dataset)
        var definition = CooperationPartners()
        for a in dataset.actors { definition.add(a) }
        for partner in ["CN", "US", "GB"] {
            let shared = dataset.events.filter { !$0.isRetired && definition.partners(of: $0.participants).partners.contains(partner) }.count
            #expect(totals[partner] == shared, "\(partner)")
        }
    }

    @Test("Search in the export answers any length of query; the metadata names every table")
    func searchAndMetadata() throws {
        let queue = try open()
        for (query, minimum) in [("協", 1), ("協議", 1), ("演習", 1), ("サイバー協議", 1), ("asean", 1)] {
            let rows = try queue.read { db in try Row.fetchAll(db, sql: SQLiteGuide.searchSQL, arguments: ["q": query]) }
            #expect(rows.count >= minimum, "\(query)")
        }
        let metadata = try JSONValue.parse(String(contentsOfFile: Self.export + "/metadata.json", encoding: .utf8))
        #expect(metadata["license"]?.stringValue == "CC-BY-4.0")
        #expect(metadata["databases"]?["renkei"]?["tables"]?["search_text"]?["fts_table"]?.stringValue == "search")
        #expect(metadata["databases"]?["renkei"]?["tables"]?["events"]?["facets"] != nil)
    }

    @Test("Datasette serves the export: a facet and a search over HTTP")
    func datasette() throws {
        guard let python = TestSupport.checkerPython,
            try TestSupport.run(python, ["-c", "import datasette"]).code == 0
        else {
            print("SKIPPED: Datasette is not installed (run .ci/run, or set RENKEI_PYTHON to a Python with datasette)")
            return
        }
        // A free port on 127.0.0.1, then Datasette started on it and stopped by its pid.
        let port = try TestSupport.run(python, ["-c", "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1]); s.close()"])
            .out.trimmingCharacters(in: .whitespacesAndNewlines)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: python)
        server.arguments = ["-m", "datasette", "serve", Self.export + "/renkei.sqlite", "--metadata", Self.export + "/metadata.json",
                            "--host", "127.0.0.1", "--port", port, "--setting", "sql_time_limit_ms", "5000"]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            // SIGKILL: the server only reads, and a child of the test runner may inherit a mask
            // that blocks SIGTERM.
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        }
        // Python fetches and checks the answers; the whole exchange is bounded in time.
        let check = """
            import json, sys, time, urllib.request, urllib.parse
            base = "http://127.0.0.1:\(port)"
            def get(path):
                with urllib.request.urlopen(base + path, timeout=10) as r:
                    return json.load(r)
            deadline = time.time() + 60
            while True:
                try:
                    get("/-/versions.json"); break
                except Exception:
                    if time.time() > deadline: sys.exit("datasette did not start")
                    time.sleep(0.3)
            facet = get("/renkei/events.json?_facet=kind&year=2017&_size=0")
            kinds = {r["value"]: r["count"] for r in facet["facet_results"]["results"]["kind"]["results"]} if "results" in facet["facet_results"] else {r["value"]: r["count"] for r in facet["facet_results"]["kind"]["results"]}
            assert kinds.get("bilateral-consultation") == 7, kinds
            assert kinds.get("trilateral-consultation") == 1, kinds
            found = get("/renkei/search_text.json?_search=" + urllib.parse.quote("ASEAN") + "&_shape=objects")
            assert found["rows"] and all("asean" in r["text"].lower() for r in found["rows"]), found
            short = get("/renkei/search_any_length.json?_shape=objects&q=" + urllib.parse.quote("演習"))
            assert short["rows"] and all("演習" in r["text"] for r in short["rows"]), short
            print("ok")
            """
        let result = try TestSupport.run("/usr/bin/timeout", ["120", python, "-c", check])
        #expect(result.code == 0 && result.out == "ok\n", "\(result.out)\(result.err.suffix(3000))")
    }
}
