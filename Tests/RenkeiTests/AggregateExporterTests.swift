import Foundation
import RenkeiExport
import RenkeiModel
import RenkeiTesting
import Testing

/// An exporter of aggregates, as a new team would write one: events per partner and fiscal
/// year, one CSV row per partner. It writes partners' names as labels and no record's text.
final class PartnerYearMatrixExporter: Exporter {
    static let description = ExporterDescription(
        id: "partner-matrix", name: "Partner × fiscal year", files: ["matrix/partners-by-fiscal-year.csv"],
        mediaType: "text/csv", summary: "Events per partner and fiscal year, for spreadsheets.", version: "1.0.0",
        content: .aggregates)

    private var context: ExportContext?
    private var counts: [String: [Int: Int]] = [:]

    init() {}

    func begin(_ context: ExportContext) throws { self.context = context }

    func write(_ record: AnyRecord) throws {
        guard case .event(let event) = record else { return }
        let day = event.date.earliest!
        let fiscalYear = day.month >= 4 ? day.year : day.year - 1
        for actor in Set(event.participants.map(\.actor)) { counts[actor, default: [:]][fiscalYear, default: 0] += 1 }
    }

    func finish() throws {
        guard let context else { return }
        let file = try context.output.create(Self.description.files[0])
        let years = Set(counts.values.flatMap(\.keys)).sorted()
        try file.write((["partner"] + years.map { "FY\($0)" }).joined(separator: ",") + "\r\n")
        for actor in counts.keys.sorted() {
            let label = MarkupEscaping.csv(context.lookup.actorName(actor))
            try file.write(([label] + years.map { String(counts[actor]?[$0] ?? 0) }).joined(separator: ",") + "\r\n")
        }
        try file.close()
    }
}

@Suite("Exporter platform: an exporter of aggregates")
struct AggregateExporterTests {
    @Test("Passes the checks that apply to aggregates; the others are reported as left out, with reasons")
    func conformance() {
        let kit = ExporterConformance(entry: ExporterRegistry.Entry(PartnerYearMatrixExporter.self), markup: .csv, countRecords: nil)
        let problems = kit.run()
        #expect(problems.isEmpty, "\(problems)")
        #expect(kit.skipped.map(\.check) == ["completeness", "hostile sample texts"])
        #expect(kit.skipped.allSatisfy { !$0.reason.isEmpty })
    }

    @Test("The escaping check still catches a label written without escaping")
    func escapingStillChecked() {
        final class Careless: Exporter {
            static let description = ExporterDescription(
                id: "careless", name: "Careless", files: ["careless.csv"], mediaType: "text/csv",
                summary: "Writes actor names raw.", version: "1.0.0", content: .aggregates)
            private var context: ExportContext?
            private var names: [String] = []
            init() {}
            func begin(_ context: ExportContext) throws { self.context = context }
            func write(_ record: AnyRecord) throws { if case .actor(let a) = record { names.append(a.name.en) } }
            func finish() throws {
                guard let context else { return }
                let file = try context.output.create("careless.csv")
                try file.write(names.joined(separator: "\r\n") + "\r\n")
                try file.close()
            }
        }
        let kit = ExporterConformance(entry: ExporterRegistry.Entry(Careless.self), markup: .csv, countRecords: nil)
        #expect(!kit.escaping().isEmpty, "a hostile actor name starting with = went through unescaped")
    }
}
