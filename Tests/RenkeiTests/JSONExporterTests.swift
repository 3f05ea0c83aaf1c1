import ExportJSON
import Foundation
import RenkeiExport
import RenkeiModel
import RenkeiTesting
import Testing

@Suite("Exporter: json (the canonical document)")
struct JSONExporterTests {
    let entry = ExporterRegistry.Entry(JSONExporter.self)

    @Test("Passes the conformance kit")
    func conformance() {
        let kit = ExporterConformance(entry: entry, markup: .json) { files in
            let document = try JSONSerialization.jsonObject(with: files["renkei.json"]!) as! [String: Any]
            var counts: [Collection: Int] = [:]
            for c in Collection.allCases { counts[c] = (document[c.rawValue] as? [Any])?.count }
            return counts
        }
        let problems = kit.run()
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("Follows the contract: header with counts, collections in order and sorted by id")
    func contract() throws {
        let files = try ExporterHarness.run(entry, on: TestDatasets.minimal())
        let data = try #require(files["renkei.json"])
        let document = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let header = document["dataset"] as! [String: Any]
        #expect(header["name"] as? String == "test")
        #expect((header["counts"] as! [String: Int])["events"] == 3)
        let text = String(decoding: data, as: UTF8.self)
        let positions = ["\"dataset\"", "\"sources\"", "\"actors\"", "\"persons\"", "\"memberships\"", "\"themes\"", "\"series\"", "\"events\"", "\"attributions\"", "\"proposals\"", "\"budgets\"", "\"indicators\"", "\"claims\"", "\"assessments\""]
            .map { text.range(of: "\n  \($0): ")!.lowerBound }
        #expect(positions == positions.sorted())
        let events = document["events"] as! [[String: Any]]
        let ids = events.map { $0["id"] as! String }
        #expect(ids == ids.sorted())
        let fy = events.first { $0["id"] as? String == "ev-2017-test-exercise" }!
        #expect(fy["date"] as? String == "2017-04/2018-03")
        #expect(fy["precision"] as? String == "fiscal-year")
        let claim = (document["claims"] as! [[String: Any]])[0]
        #expect(claim["holds"] as? Bool == true)
        #expect(claim["verdict"] as? String == "holds")
        #expect(text.hasSuffix("\n}\n"))
    }

    @Test("An empty dataset still has every collection, empty")
    func empty() throws {
        let files = try ExporterHarness.run(entry, on: TestDatasets.empty())
        let document = try JSONSerialization.jsonObject(with: files["renkei.json"]!) as! [String: Any]
        for c in Collection.allCases { #expect((document[c.rawValue] as? [Any])?.isEmpty == true) }
    }

    @Test("The export validates against docs/schema/renkei.schema.json (python jsonschema)")
    func schema() throws {
        guard let python = TestSupport.checkerPython else {
            print("SKIPPED schema check: no Python with jsonschema (run .ci/run, or set RENKEI_PYTHON)")
            return
        }
        let directory = ExporterHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for (name, dataset) in StandardCheck.datasets() {
            let files = try ExporterHarness.run(entry, on: dataset)
            let path = directory + "/\(name).json"
            _ = FileManager.default.createFile(atPath: path, contents: files["renkei.json"])
            let result = try TestSupport.run(python, [TestSupport.root + "/Tests/checkers/check_json_schema.py", TestSupport.root + "/docs/schema/renkei.schema.json", path])
            #expect(result.code == 0, "\(name): \(result.out)\(result.err)")
        }
    }

    @Test("The schema rejects impossible dates and empty bilingual text", arguments: [
        ("date", "2021-02-30"), ("date", "2021-13"), ("date", "2021-02-29"), ("date", "1900-02-29"), ("date", "2021-04-31"),
        ("ja", ""), ("en", ""),
    ])
    func schemaRejects(field: String, value: String) throws {
        guard let python = TestSupport.checkerPython else {
            print("SKIPPED schema check: no Python with jsonschema (run .ci/run, or set RENKEI_PYTHON)")
            return
        }
        let files = try ExporterHarness.run(entry, on: TestDatasets.minimal())
        var document = try JSONSerialization.jsonObject(with: try #require(files["renkei.json"])) as! [String: Any]
        var sources = document["sources"] as! [[String: Any]]
        if field == "date" {
            sources[0]["date"] = value
        } else {
            var title = sources[0]["title"] as! [String: Any]
            title[field] = value
            sources[0]["title"] = title
        }
        document["sources"] = sources
        let directory = ExporterHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/changed.json"
        _ = FileManager.default.createFile(atPath: path, contents: try JSONSerialization.data(withJSONObject: document))
        let result = try TestSupport.run(python, [TestSupport.root + "/Tests/checkers/check_json_schema.py", TestSupport.root + "/docs/schema/renkei.schema.json", path])
        #expect(result.code == 1, "\(field) = '\(value)' passed the schema")
        if field == "date" {
            sources[0]["date"] = "2020-02-29"
            document["sources"] = sources
            _ = FileManager.default.createFile(atPath: path, contents: try JSONSerialization.data(withJSONObject: document))
            let leap = try TestSupport.run(python, [TestSupport.root + "/Tests/checkers/check_json_schema.py", TestSupport.root + "/docs/schema/renkei.schema.json", path])
            #expect(leap.code == 0, "29 February of a leap year: \(leap.out)")
        }
    }
}
