import ExportCSV
import ExportJSONL
import ExportMarkdown
import ExportSQLite
import Foundation
import GRDB
import RenkeiExport
import RenkeiModel
import RenkeiTabular
import RenkeiTesting
import Testing

/// Counts CSV data rows (quoted line breaks included) of one file.
func csvRowCount(_ data: Data) -> Int {
    var rows = 0
    var quoted = false
    for byte in data {
        if byte == UInt8(ascii: "\"") { quoted.toggle() }
        if byte == UInt8(ascii: "\n") && !quoted { rows += 1 }
    }
    return rows - 1
}

@Suite("Exporter: jsonl")
struct JSONLinesExporterTests {
    let entry = ExporterRegistry.Entry(JSONLinesExporter.self)

    @Test("Passes the conformance kit")
    func conformance() {
        let problems = ExporterConformance(entry: entry, markup: .jsonLines) { files in
            var counts: [Collection: Int] = [:]
            for line in String(decoding: files["renkei.jsonl"]!, as: UTF8.self).split(separator: "\n") {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                if let c = Collection(entityType: object["type"] as! String) { counts[c, default: 0] += 1 }
            }
            return counts
        }.run()
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("A header line, then one typed record per line, in canonical order")
    func lines() throws {
        let files = try ExporterHarness.run(entry, on: TestDatasets.minimal())
        let lines = String(decoding: files["renkei.jsonl"]!, as: UTF8.self).split(separator: "\n")
        #expect(lines.first?.hasSuffix("\"type\":\"dataset\"}") == true)
        let types = lines.dropFirst().map { line -> String in
            let object = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return object["type"] as! String
        }
        let order = types.map { Collection(entityType: $0)! }
        #expect(order == order.sorted { Collection.allCases.firstIndex(of: $0)! < Collection.allCases.firstIndex(of: $1)! })
        #expect(types.count == TestDatasets.minimal().counts.values.reduce(0, +))
    }
}

@Suite("Exporter: csv")
struct CSVExporterTests {
    let entry = ExporterRegistry.Entry(CSVExporter.self)

    @Test("Passes the conformance kit")
    func conformance() {
        let problems = ExporterConformance(entry: entry, markup: .csv) { files in
            var counts: [Collection: Int] = [:]
            for c in Collection.allCases { counts[c] = files["csv/\(c.rawValue).csv"].map(csvRowCount) }
            return counts
        }.run()
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("Formulas are neutralised and fields quoted")
    func escaping() throws {
        #expect(MarkupEscaping.csv("=SUM(A1)") == "'=SUM(A1)")
        #expect(MarkupEscaping.csv("-3+4") == "'-3+4")
        #expect(MarkupEscaping.csv("-3") == "-3")
        #expect(MarkupEscaping.csv("-1,000") == "\"-1,000\"", "a negative number in a text column is kept")
        #expect(MarkupEscaping.csv("-2.5e3") == "-2.5e3")
        #expect(MarkupEscaping.csv("-5%") == "-5%")
        #expect(MarkupEscaping.csv("+81") == "+81")
        #expect(MarkupEscaping.csv("-1-1") == "'-1-1")
        #expect(MarkupEscaping.csv("-A1") == "'-A1")
        #expect(MarkupEscaping.csv("-") == "'-")
        #expect(MarkupEscaping.csv("a,\"b\"") == "\"a,\"\"b\"\"\"")
        let files = try ExporterHarness.run(entry, on: TestDatasets.hostile())
        let events = String(decoding: files["csv/events.csv"]!, as: UTF8.self)
        #expect(events.contains("'=HYPERLINK"))
        #expect(events.hasPrefix("id,kind,title_ja,title_en,"))
    }

    @Test("bom=true starts every file with a UTF-8 byte-order mark; the data package says so and states the formula guard")
    func byteOrderMark() throws {
        let plain = try ExporterHarness.run(entry, on: TestDatasets.minimal())
        #expect(!plain["csv/events.csv"]!.starts(with: [0xEF, 0xBB, 0xBF]))
        let marked = try ExporterHarness.run(entry, on: TestDatasets.minimal(), options: ["bom": "true"])
        for (path, data) in marked where path.hasSuffix(".csv") {
            #expect(data.starts(with: [0xEF, 0xBB, 0xBF]), "\(path)")
            #expect(data.dropFirst(3) == plain[path]!.dropFirst(0), "\(path): only the mark is added")
        }
        let package = String(decoding: marked["csv/datapackage.json"]!, as: UTF8.self)
        #expect(package.contains("\"encoding\": \"utf-8-sig\""))
        #expect(package.contains("begin with =, +, -, @"))
        #expect(throws: (any Error).self) { try ExporterHarness.run(entry, on: TestDatasets.minimal(), options: ["bom": "yes"]) }
    }

    @Test("The data package describes every file and passes frictionless validate")
    func frictionless() throws {
        let files = try ExporterHarness.run(entry, on: TestDatasets.hostile())
        let package = try JSONSerialization.jsonObject(with: files["csv/datapackage.json"]!) as! [String: Any]
        let resources = package["resources"] as! [[String: Any]]
        #expect(Set(resources.map { "csv/" + ($0["path"] as! String) }) == Set(files.keys.filter { $0.hasSuffix(".csv") }))
        #expect(package["description"] as? String == MarkupEscaping.csvFormulaGuard, "the formula guard is stated in the package")
        guard let python = TestSupport.checkerPython else {
            print("SKIPPED frictionless validate: no checker Python (run .ci/run, or set RENKEI_PYTHON)")
            return
        }
        for (name, dataset) in StandardCheck.datasets() {
            let files = try ExporterHarness.run(entry, on: dataset)
            let directory = ExporterHarness.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            for (path, data) in files {
                try FileManager.default.createDirectory(atPath: directory + "/csv", withIntermediateDirectories: true)
                _ = FileManager.default.createFile(atPath: directory + "/" + path, contents: data)
            }
            let result = try TestSupport.run(python, ["-m", "frictionless", "validate", "--json", directory + "/csv/datapackage.json"])
            let report = try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any]
            #expect(report?["valid"] as? Bool == true, "\(name): \(result.out.prefix(3000))\(result.err.prefix(2000))")
        }
    }
}

@Suite("Exporter: sqlite")
struct SQLiteExporterTests {
    let entry = ExporterRegistry.Entry(SQLiteExporter.self)

    func open(_ files: [String: Data]) throws -> (DatabaseQueue, String) {
        let path = NSTemporaryDirectory() + "renkei-sqlite-\(UUID().uuidString).sqlite"
        _ = FileManager.default.createFile(atPath: path, contents: files["sqlite/renkei.sqlite"])
        return (try DatabaseQueue(path: path), path)
    }

    @Test("Passes the conformance kit")
    func conformance() {
        let problems = ExporterConformance(entry: entry, markup: .sqlite) { files in
            let (queue, path) = try self.open(files)
            defer { try? FileManager.default.removeItem(atPath: path) }
            return try queue.read { db in
                var counts: [Collection: Int] = [:]
                for c in Collection.allCases { counts[c] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(c.rawValue)") }
                return counts
            }
        }.run()
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("Views flatten events; search finds both languages; keys hold")
    func analystQueries() throws {
        let files = try ExporterHarness.run(entry, on: TestDatasets.minimal())
        let (queue, path) = try open(files)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try queue.read { db in
            #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"])
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            let flat = try Row.fetchOne(db, sql: "SELECT participants, themes FROM events_flat WHERE id = 'ev-2018-07-test-dialogue-1'")
            #expect(flat?["participants"] as String? == "jp-mod:host; US:participant")
            #expect(flat?["themes"] as String? == "th-test")
            let named = try String.fetchAll(db, sql: "SELECT actor_en FROM event_participants_named WHERE event = 'ev-2018-07-test-dialogue-1' ORDER BY actor_en")
            #expect(named == ["Ministry of Defense", "United States"])
            #expect(try String.fetchAll(db, sql: "SELECT record FROM search WHERE search MATCH '\"日米対話\"'").contains("sr-test-dialogue"))
            #expect(try String.fetchAll(db, sql: "SELECT record FROM search WHERE search MATCH '\"confirmed cooperation\"'") == ["ev-2018-07-test-dialogue-1"])
            #expect(try Int.fetchOne(db, sql: "SELECT value FROM indicator_values WHERE indicator = 'ind-test' AND period = 'FY2018'") == 1)
        }
    }
}

@Suite("Exporter: markdown")
struct MarkdownExporterTests {
    let entry = ExporterRegistry.Entry(MarkdownExporter.self)

    @Test("Passes the conformance kit")
    func conformance() {
        let problems = ExporterConformance(entry: entry, markup: .markdown) { files in
            var counts: [Collection: Int] = [:]
            for c in Collection.allCases {
                let text = String(decoding: files["markdown/\(c.rawValue).md"]!, as: UTF8.self)
                counts[c] = text.split(separator: "\n").filter { $0.hasPrefix("| ") }.count - 1
            }
            return counts
        }.run()
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("Cells escape pipes, markup and line breaks")
    func cells() throws {
        let files = try ExporterHarness.run(entry, on: TestDatasets.hostile())
        let events = String(decoding: files["markdown/events.md"]!, as: UTF8.self)
        #expect(events.contains("&lt;script&gt;"))
        #expect(events.contains("\\|pipes\\|"))
        #expect(events.contains("line one<br>line two<br>line three"))
        for line in events.split(separator: "\n") where line.hasPrefix("| ") {
            #expect(line.hasSuffix(" |"))
        }
    }
}
