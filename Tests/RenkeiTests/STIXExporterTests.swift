import ExportSTIX
import Foundation
import RenkeiExport
import RenkeiModel
import RenkeiTesting
import Testing

@Suite("Exporter: stix (STIX 2.1 bundle of the public attributions)")
struct STIXExporterTests {
    let entry = ExporterRegistry.Entry(STIXExporter.self)
    static let path = "stix/renkei-stix.json"

    /// The bundle's objects, by type.
    static func objects(_ files: [String: Data]) throws -> [String: [[String: Any]]] {
        let bundle = try JSONSerialization.jsonObject(with: try #require(files[path])) as! [String: Any]
        let objects = bundle["objects"] as? [[String: Any]] ?? []
        return Dictionary(grouping: objects) { $0["type"] as! String }
    }

    /// The threat groups an attribution names: each becomes one intrusion set.
    static func groupsNamed(_ dataset: Dataset) -> Int {
        let named = Set(dataset.attributions.flatMap(\.attributedTo))
        return dataset.actors.filter { $0.kind == "threat-group" && named.contains($0.id) }.count
    }

    /// The minimal dataset with a state and an ATT&CK group added to its attribution.
    static func withState() -> Dataset {
        var d = TestDatasets.minimal()
        let cite = d.actors[0].sources
        d.actors.append(Actor(id: "CN", kind: "state", name: LocalizedText(ja: "中華人民共和国", en: "People's Republic of China"), sources: cite))
        d.actors.append(Actor(id: "apt10", kind: "threat-group", name: LocalizedText(ja: "APT10", en: "APT10"), aliases: ["APT 10"], sources: cite))
        d.attributions[0].attributedTo = ["apt99", "apt10", "CN"]
        return d
    }

    @Test("Passes the conformance kit: one report per attribution, one intrusion set per named group")
    func conformance() {
        let kit = ExporterConformance(
            entry: entry, markup: .json,
            expectedCounts: { [.attributions: $0.attributions.count, .actors: Self.groupsNamed($0)] },
            countRecords: { files in
                let objects = try Self.objects(files)
                return [.attributions: objects["report"]?.count ?? 0, .actors: objects["intrusion-set"]?.count ?? 0]
            })
        let problems = kit.run()
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("Maps an attribution to a dated report, a campaign, identities and relationships")
    func mapping() throws {
        let files = try ExporterHarness.run(entry, on: TestDatasets.minimal())
        let objects = try Self.objects(files)
        for list in objects.values { for object in list { #expect(object["spec_version"] as? String == "2.1") } }

        let report = try #require(objects["report"]?.first)
        #expect(report["id"] as? String == STIXExporter.stixID("report", "at-2018-test"))
        #expect(report["published"] as? String == "2018-12-01T00:00:00.000Z")
        #expect(report["created"] as? String == "2018-12-01T00:00:00.000Z")
        #expect(report["name"] as? String == "Statement on APT99 (APT99)")
        #expect((report["description"] as? String)?.contains("month only (2018-12)") == true)
        let refs = report["object_refs"] as! [String]
        for (type, id) in [("campaign", "at-2018-test"), ("intrusion-set", "apt99"), ("identity", "JP"), ("identity", "US")] {
            #expect(refs.contains(STIXExporter.stixID(type, id)), "\(type) \(id)")
        }

        let campaign = try #require(objects["campaign"]?.first)
        #expect(campaign["name"] as? String == "Operation")
        #expect(campaign["lang"] as? String == "en")
        let translation = try #require(objects["language-content"]?.first { $0["object_ref"] as? String == campaign["id"] as? String })
        #expect((translation["contents"] as? [String: [String: String]])?["ja"]?["name"] == "攻撃")

        let identities = Set((objects["identity"] ?? []).compactMap { $0["name"] as? String })
        #expect(identities == ["Government of Japan", "Government of the United States", "test"], "the two states' governments and the dataset as producer")
        #expect(STIXExporter.withArticle("People's Republic of China") == "the People's Republic of China")
        #expect(STIXExporter.withArticle("Japan") == "Japan")
        let producer = STIXExporter.stixID("identity", STIXExporter.producerKey("test"))
        for list in objects.values { for object in list { #expect(object["created_by_ref"] as? String == producer) } }
        let issued = (objects["relationship"] ?? []).filter { $0["relationship_type"] as? String == "related-to" }
        #expect(Set(issued.map { $0["source_ref"] as! String }) == [STIXExporter.stixID("identity", "JP"), STIXExporter.stixID("identity", "US")])
        #expect(issued.allSatisfy { $0["target_ref"] as? String == report["id"] as? String })
        let locations = (objects["location"] ?? []).compactMap { $0["country"] as? String }
        #expect(locations.sorted() == ["JP", "US"], "states as locations their identity is located at")
        #expect(objects["intrusion-set"]?.count == 1)
        #expect(objects["threat-actor"] == nil)
        let relationship = try #require(objects["relationship"]?.first { $0["relationship_type"] as? String == "attributed-to" })
        #expect(relationship["source_ref"] as? String == campaign["id"] as? String)
        #expect(relationship["target_ref"] as? String == STIXExporter.stixID("intrusion-set", "apt99"))
    }

    @Test("A state is a nation-state threat actor behind the group, and ATT&CK ids are referenced")
    func stateAndAttack() throws {
        let objects = try Self.objects(try ExporterHarness.run(entry, on: Self.withState()))
        let apt10 = try #require(objects["intrusion-set"]?.first { $0["name"] as? String == "APT10" })
        let references = apt10["external_references"] as! [[String: String]]
        #expect(references.contains { $0["source_name"] == "mitre-attack" && $0["external_id"] == "G0045" })
        #expect(apt10["aliases"] as? [String] == ["APT 10", "menuPass"], "ATT&CK's name for the group as an alias")
        let apt99 = try #require(objects["intrusion-set"]?.first { $0["name"] as? String == "APT99" })
        #expect(!(apt99["external_references"] as! [[String: String]]).contains { $0["source_name"] == "mitre-attack" })

        let actor = try #require(objects["threat-actor"]?.first)
        #expect(actor["threat_actor_types"] as? [String] == ["nation-state"])
        let links = (objects["relationship"] ?? []).map { ($0["source_ref"] as! String, $0["target_ref"] as! String) }
        let chain = [
            (STIXExporter.stixID("campaign", "at-2018-test"), STIXExporter.stixID("intrusion-set", "apt10")),
            (STIXExporter.stixID("intrusion-set", "apt10"), STIXExporter.stixID("threat-actor", "CN")),
            (STIXExporter.stixID("threat-actor", "CN"), STIXExporter.stixID("identity", "CN")),
        ]
        for link in chain { #expect(links.contains { $0 == link }, "\(link)") }
        #expect(!links.contains { $0.0 == STIXExporter.stixID("campaign", "at-2018-test") && $0.1 == STIXExporter.stixID("threat-actor", "CN") })
    }

    @Test("An empty dataset gives a bundle without objects")
    func empty() throws {
        let files = try ExporterHarness.run(entry, on: TestDatasets.empty())
        let bundle = try JSONSerialization.jsonObject(with: try #require(files[Self.path])) as! [String: Any]
        #expect(bundle["type"] as? String == "bundle")
        #expect(bundle["objects"] == nil)
        #expect((bundle["id"] as? String)?.hasPrefix("bundle--") == true)
    }

    @Test("Ids are version-5 UUIDs (RFC 9562 test vector)")
    func uuid() {
        #expect(NameBasedUUID.v5(namespace: "6ba7b810-9dad-11d1-80b4-00c04fd430c8", name: "python.org") == "886313e1-3b8a-5372-9b90-0c9aee199e5d")
        #expect(NameBasedUUID.v5(namespace: "6ba7b810-9dad-11d1-80b4-00c04fd430c8", name: "www.example.com") == "2ed6657d-e927-568b-95e1-2665a8aea6a2")
        #expect(NameBasedUUID.v5(namespace: "not a uuid", name: "x") == nil)
    }

    @Test("Validates against the OASIS STIX 2.1 schemas and parses strictly with stix2")
    func standard() throws {
        guard let (python, schemas) = StandardCheck.prerequisites("STIX schema check", schemas: "stix-2.1/schemas") else { return }
        for (name, dataset) in StandardCheck.datasets() + [("with-state", Self.withState())] {
            let files = try ExporterHarness.run(entry, on: dataset)
            let result = try StandardCheck.run(
                python, "check_stix.py", "\(name).json", try #require(files[Self.path]),
                [schemas, "{}", dataset.info.name, STIXExporter.namespace])
            #expect(result.code == 0, "\(name): \(result.output)")
        }
    }
}
