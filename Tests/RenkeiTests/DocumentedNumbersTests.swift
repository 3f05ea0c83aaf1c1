import ExportHTML
import ExportIATI
import ExportICal
import ExportPopolo
import ExportSTIX
import Foundation
import RenkeiExport
import RenkeiModel
import RenkeiPipeline
import RenkeiTesting
import Testing

/// The numbers the exporters' documents quote about the current data are the ones the exports
/// of `data/` give: a change of data or mapping that moves them fails here until the page says
/// the new number.
@Suite("Docs: the numbers quoted in docs/exporters match the export of data/")
struct DocumentedNumbersTests {
    static func page(_ name: String) throws -> String {
        let text = try String(contentsOfFile: TestSupport.root + "/docs/exporters/\(name)", encoding: .utf8)
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func export<E: Exporter>(_ type: E.Type, _ path: String) throws -> Data {
        let dataset = try #require(Pipeline.check(dataDirectory: TestSupport.root + "/data").dataset)
        return try #require(try ExporterHarness.run(ExporterRegistry.Entry(type), on: dataset)[path])
    }

    /// `{"a": 1, "b": 2}` in the given order, as the checkers print counts.
    static func counts(_ pairs: [(String, Int)]) -> String {
        "{" + pairs.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }

    @Test("ical.md: the number of VEVENTs")
    func ical() throws {
        let text = String(decoding: try Self.export(ICalExporter.self, "calendar/renkei.ics"), as: UTF8.self)
        let events = text.components(separatedBy: "\r\nBEGIN:VEVENT\r\n").count - 1
        #expect(try Self.page("ical.md").contains("On the current data it prints `\(events) VEVENTs`"))
    }

    @Test("iati.md: the number of activities, events and budget lines")
    func iati() throws {
        let text = String(decoding: try Self.export(IATIExporter.self, "iati/renkei-iati-activities.xml"), as: UTF8.self)
        let activities = text.components(separatedBy: "<iati-activity ").count - 1
        let budgets = text.components(separatedBy: "<legacy-data name=\"fiscal_year\"").count - 1
        let page = try Self.page("iati.md")
        #expect(budgets == 1, "iati.md speaks of one budget line")
        #expect(page.contains("gives \(activities) activities: \(activities - budgets) events and the Ministry of Defense's FY2023 budget line"))
        #expect(page.contains("renkei-iati-activities.xml \(activities) "), "the count given to check_iati.py")
    }

    @Test("stix.md: the objects per type")
    func stix() throws {
        let bundle = try JSONSerialization.jsonObject(with: try Self.export(STIXExporter.self, "stix/renkei-stix.json")) as! [String: Any]
        let types = (bundle["objects"] as? [[String: Any]] ?? []).map { $0["type"] as! String }
        let counts = Dictionary(types.map { ($0, 1) }, uniquingKeysWith: +).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        #expect(try Self.page("stix.md").contains("On the current data it prints `\(Self.counts(counts))`"))
    }

    @Test("html.md: the pages and the records they carry")
    func html() throws {
        let dataset = try #require(Pipeline.check(dataDirectory: TestSupport.root + "/data").dataset)
        let files = try ExporterHarness.run(ExporterRegistry.Entry(HTMLExporter.self), on: dataset)
        let pages = files.keys.filter { $0.hasSuffix(".html") }.count
        let collections: [Collection] = [.sources, .actors, .memberships, .series, .events, .attributions, .proposals, .budgets, .indicators]
        let carried = collections.map { "\($0.rawValue) \(dataset.counts[$0] ?? 0)" }.joined(separator: ", ")
        #expect(try Self.page("html.md").contains("On the dataset: \(pages) pages, records carried \(carried) — all equal"))
    }

    @Test("popolo.md: the objects per collection")
    func popolo() throws {
        let document = try JSONSerialization.jsonObject(with: try Self.export(PopoloExporter.self, "popolo/renkei-popolo.json")) as! [String: Any]
        let counts = ["persons", "organizations", "memberships", "posts", "events"].map { ($0, (document[$0] as? [Any])?.count ?? 0) }
        #expect(try Self.page("popolo.md").contains("On the current data it prints `\(Self.counts(counts))`"))
    }
}
