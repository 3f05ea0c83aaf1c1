import ExportTemplate
import Foundation
import RenkeiExport
import RenkeiModel
import RenkeiTesting
import Testing

@Suite("Exporter: template")
struct TemplateExporterTests {
    let entry = ExporterRegistry.Entry(TemplateExporter.self)

    @Test("Passes the conformance kit")
    func conformance() {
        let problems = ExporterConformance(entry: entry, markup: .markdown) { files in
            let lines = String(decoding: files["template/events.txt"]!, as: UTF8.self).split(separator: "\n")
            return [.events: lines.count]
        }.run()
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("Writes one line per event, in id order")
    func lines() throws {
        let files = try ExporterHarness.run(entry, on: TestDatasets.minimal())
        let text = String(decoding: files["template/events.txt"]!, as: UTF8.self)
        #expect(text.split(separator: "\n").count == TestDatasets.minimal().events.count)
    }
}
