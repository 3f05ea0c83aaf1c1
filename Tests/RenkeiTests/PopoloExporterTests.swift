@testable import ExportPopolo
import Foundation
import RenkeiExport
import RenkeiModel
import RenkeiTesting
import Testing

@Suite("Exporter: popolo (people, posts, organisations and meetings)")
struct PopoloExporterTests {
    let entry = ExporterRegistry.Entry(PopoloExporter.self)
    static let path = "popolo/renkei-popolo.json"

    static func document(_ files: [String: Data]) throws -> [String: [[String: Any]]] {
        try JSONSerialization.jsonObject(with: try #require(files[path])) as! [String: [[String: Any]]]
    }

    @Test("Passes the conformance kit: every person and membership, the organisations and attended meetings")
    func conformance() {
        let kit = ExporterConformance(
            entry: entry, markup: .json,
            expectedCounts: { d in
                [
                    .persons: d.persons.count, .memberships: d.memberships.count,
                    .actors: d.actors.filter { PopoloExporter.isOrganization(kind: $0.kind) }.count,
                    .events: d.events.filter(PopoloExporter.isWritten).count,
                ]
            },
            countRecords: { files in
                let document = try Self.document(files)
                return [
                    .persons: document["persons"]!.count, .memberships: document["memberships"]!.count,
                    .actors: document["organizations"]!.count, .events: document["events"]!.count,
                ]
            })
        let problems = kit.run()
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("Names are Japanese with the English as a multilingual other name; posts carry both labels")
    func mapping() throws {
        let document = try Self.document(try ExporterHarness.run(entry, on: TestDatasets.minimal()))
        #expect(Set(document.keys) == ["persons", "organizations", "memberships", "posts", "events"])

        let person = try #require(document["persons"]?.first)
        #expect(person["id"] as? String == "test-taro")
        #expect(person["name"] as? String == "試験 太郎")
        let english = (person["other_names"] as! [[String: String]]).first
        #expect(english == ["name": "TEST Taro", "lang": "en", "note": "multilingual"])

        let organizations = Dictionary(uniqueKeysWithValues: document["organizations"]!.map { ($0["id"] as! String, $0) })
        #expect(Set(organizations.keys) == ["JP", "US", "jp-mod"], "threat groups are not organisations")
        #expect(organizations["jp-mod"]?["parent_id"] as? String == "JP")
        #expect(organizations["jp-mod"]?["classification"] as? String == "government-body")
        let usNames = organizations["US"]?["other_names"] as! [[String: String]]
        #expect(usNames.contains(["name": "米国", "note": "alias"]))

        let membership = try #require(document["memberships"]?.first)
        #expect(membership["person_id"] as? String == "test-taro")
        #expect(membership["organization_id"] as? String == "jp-mod")
        #expect(membership["role"] as? String == "大臣")
        #expect(membership["start_date"] as? String == "2018-07-01")
        let post = try #require(document["posts"]?.first)
        #expect(post["id"] as? String == membership["post_id"] as? String)
        #expect(post["id"] as? String == "post-jp-mod-minister")
        #expect(post["label"] as? String == "大臣")
        #expect(post["other_label"] as? [String] == ["Minister"])

        let events = try #require(document["events"])
        #expect(events.count == 1, "only the event with people present")
        let event = events[0]
        #expect(event["id"] as? String == "ev-2018-07-test-dialogue-1")
        #expect(event["start_date"] as? String == "2018-07-03")
        #expect(event["organization_id"] as? String == "jp-mod")
        #expect(event["location"] as? String == "東京, 日本国")
        #expect((event["attendees"] as? [[String: String]]) == [["id": "test-taro", "name": "試験 太郎"]])
        let description = event["description"] as! String
        #expect(description.contains("English title: 1st Japan-US Dialogue"))
        #expect(description.contains("試験 太郎 / TEST Taro（議長 / chair）"))
    }

    @Test("A fiscal-year date, which Popolo cannot hold, is left out of the date fields and told in the description")
    func fiscalYear() throws {
        var dataset = TestDatasets.minimal()
        dataset.events[0].date = .on(PartialDate(fiscalYear: 2023)!)
        dataset.memberships[0].start = PartialDate(fiscalYear: 2023)!
        let document = try Self.document(try ExporterHarness.run(entry, on: dataset))
        let event = try #require(document["events"]?.first)
        #expect(event["start_date"] == nil)
        #expect((event["description"] as! String).contains("FY2023 (1 April 2023 – 31 March 2024)"))
        #expect(document["memberships"]?.first?["start_date"] == nil)
    }

    @Test("An empty dataset gives the five arrays, empty")
    func empty() throws {
        let document = try Self.document(try ExporterHarness.run(entry, on: TestDatasets.empty()))
        #expect(Set(document.keys) == ["persons", "organizations", "memberships", "posts", "events"])
        #expect(document.values.allSatisfy { $0.isEmpty })
    }

    @Test("Validates against the Popolo JSON schemas (draft-03) with every reference resolved")
    func standard() throws {
        guard let (python, schemas) = StandardCheck.prerequisites("Popolo schema check", schemas: "popolo") else { return }
        for (name, dataset) in StandardCheck.datasets() {
            let files = try ExporterHarness.run(entry, on: dataset)
            let result = try StandardCheck.run(python, "check_popolo.py", "\(name).json", try #require(files[Self.path]), [schemas, "{}"])
            #expect(result.code == 0, "\(name): \(result.output)")
        }
    }
}

@Suite("Popolo slugs")
struct PopoloSlugTests {
    @Test("A letter with a combining mark is not an ASCII letter: slugs stay ASCII")
    func combiningMarks() {
        #expect(PopoloExporter.slug("Caf\u{0065}\u{0301} Director 2\u{0301}") == "caf-director")
        #expect(PopoloExporter.slug("Minister for Economic Security") == "minister-for-economic-security")
        #expect(PopoloExporter.slug("本部長") == "post")
    }
}
