import Foundation
import RenkeiExport
import RenkeiModel

/// Writes readable Markdown: an index with counts, a table per collection, and the source
/// documents' own tables regenerated from the records that cite them (consultations per year,
/// capacity-building projects, confidence-building proposals).
public final class MarkdownExporter: Exporter {
    public static let description = ExporterDescription(
        id: "markdown", name: "Markdown tables", files: ["markdown/*.md", "markdown/tables/*.md"], mediaType: "text/markdown",
        summary: "Readable tables per collection and the sources' own tables, regenerated from the records.", version: "1.0.0")

    /// A table of a source document: the records citing a locator that contains `locator`.
    struct SourceTable {
        let file: String
        let title: String
        let locator: String
    }

    static let consultationsTable = SourceTable(
        file: "tables/consultations-per-year.md", title: "Bilateral cyber consultations per year (各年別二国間サイバー協議等の開催実績)",
        locator: ConsultationsPerYear.locator)
    static let projectsTable = SourceTable(
        file: "tables/capacity-building-projects.md", title: "Capacity-building projects (能力構築支援 — 主な取り組み)",
        locator: "昨年の主な取り組み")

    private var context: ExportContext?
    private var files: [Collection: OutputFile] = [:]
    private var consultations = ConsultationsPerYear()
    private var projects: OutputFile?
    private var proposals: OutputFile?

    public init() {}

    static let headers: [Collection: [String]] = [
        .sources: ["id", "kind", "date", "title (ja)", "title (en)"],
        .actors: ["id", "kind", "name (ja)", "name (en)", "parent"],
        .persons: ["id", "name (ja)", "name (en)"],
        .memberships: ["person", "organization", "post (ja)", "post (en)", "start", "end"],
        .themes: ["id", "code", "name (ja)", "name (en)", "parent"],
        .series: ["id", "kind", "name (ja)", "name (en)"],
        .events: ["date", "kind", "title (ja)", "title (en)", "participants", "id"],
        .attributions: ["id", "incident (en)", "attributed to", "issuer", "event"],
        .proposals: ["id", "framework", "item (ja)", "item (en)", "proposers"],
        .budgets: ["id", "fiscal year", "amount", "basis", "owner", "title (ja)"],
        .indicators: ["id", "name (en)", "values"],
        .claims: ["id", "verdict", "expected", "records give", "statement (en)", "why (en)"],
        .assessments: ["assessor", "index (en)", "year", "subject", "rank", "scope (en)"],
    ]

    public func begin(_ context: ExportContext) throws {
        self.context = context
        let index = try context.output.create("markdown/index.md")
        var text = "# \(Self.cell(context.info.title?.en ?? context.info.name))\n\n"
        if let ja = context.info.title?.ja { text += "\(Self.cell(ja))\n\n" }
        text += "Dataset `\(Self.cell(context.info.name))`, version \(Self.cell(context.info.version)).\n\n| collection | records |\n|---|---:|\n"
        for c in Collection.allCases { text += "| [\(c.rawValue)](\(c.rawValue).md) | \(context.counts[c] ?? 0) |\n" }
        text += "\nTables of the source documents, regenerated from the records:\n\n"
        text += "- [\(Self.consultationsTable.title)](\(Self.consultationsTable.file))\n"
        text += "- [\(Self.projectsTable.title)](\(Self.projectsTable.file))\n"
        text += "- [Confidence-building proposals](tables/confidence-building-proposals.md)\n"
        try index.write(text)
        try index.close()
        for c in Collection.allCases {
            let file = try context.output.create("markdown/\(c.rawValue).md")
            let header = Self.headers[c]!
            try file.write("# \(c.rawValue.capitalized)\n\n| \(header.joined(separator: " | ")) |\n|\(header.map { _ in "---" }.joined(separator: "|"))|\n")
            files[c] = file
        }
        projects = try context.output.create("markdown/\(Self.projectsTable.file)")
        try projects?.write("# \(Self.projectsTable.title)\n\n| date | kind | name (ja) | name (en) | implementer | beneficiary |\n|---|---|---|---|---|---|\n")
        proposals = try context.output.create("markdown/tables/confidence-building-proposals.md")
        try proposals?.write("# Confidence-building proposals\n\n| framework | item (ja) | item (en) | proposers |\n|---|---|---|---|\n")
    }

    public func write(_ record: AnyRecord) throws {
        guard let context, let file = files[record.collection] else { return }
        let names = { (ids: [String]) in ids.map { context.lookup.actorName($0) }.joined(separator: ", ") }
        let row: [String]
        switch record {
        case .source(let s): row = [s.id, s.kind, s.date.iso, s.title.ja, s.title.en]
        case .actor(let a): row = [a.id, a.kind, a.name.ja, a.name.en, a.parent ?? ""]
        case .person(let p): row = [p.id, p.name.ja, p.name.en]
        case .membership(let m): row = [m.person, m.organization, m.role.ja, m.role.en, m.start?.iso ?? "", m.end?.iso ?? ""]
        case .theme(let t): row = [t.id, t.code ?? "", t.name.ja, t.name.en, t.parent ?? ""]
        case .series(let s): row = [s.id, s.kind, s.name.ja, s.name.en]
        case .event(let e):
            row = [e.date.description + (e.end.map { " – \($0.iso)" } ?? ""), e.kind, e.title.ja, e.title.en,
                   e.participants.map { "\(context.lookup.actorName($0.actor)) (\($0.role))" }.joined(separator: ", "), e.id]
            let locators = e.sources.map(\.locator)
            consultations.add(e) { context.lookup.actor($0)?.name.ja ?? $0 }
            if locators.contains(where: { $0.contains(Self.projectsTable.locator) }) {
                let implementers = e.participants.filter { $0.role == "implementer" || $0.role == "organiser" }.map(\.actor)
                let beneficiaries = e.participants.filter { $0.role == "beneficiary" }.map(\.actor)
                try projects?.write(Self.row([e.date.description, e.kind, e.title.ja, e.title.en, names(implementers), names(beneficiaries)]))
            }
        case .attribution(let a): row = [a.id, a.incident.en, names(a.attributedTo), context.lookup.actorName(a.issuer), a.event]
        case .proposal(let p):
            row = [p.id, p.framework, p.item.ja, p.item.en, names(p.proposers)]
            let framework = context.lookup.series(p.framework)?.name.en ?? context.lookup.actorName(p.framework)
            try proposals?.write(Self.row([framework, p.item.ja, p.item.en, names(p.proposers)]))
        case .budget(let b): row = [b.id, "FY\(b.fiscalYear)", "\(b.amount.value) \(b.amount.currency)", b.basis, context.lookup.actorName(b.owner), b.title.ja]
        case .indicator(let i):
            var values = i.values.map { "\($0.period): \($0.value)" + ($0.undetermined > 0 ? " (+ \($0.undetermined) undetermined)" : "") }
            if i.undetermined > 0 { values.append("\(i.undetermined) in no single \(i.periodKind == .year ? "year" : "fiscal year")") }
            row = [i.id, i.name.en, values.joined(separator: ", ")]
        case .claim(let c):
            let why = c.verdict == .unverifiable ? c.unverifiable : c.verdict == .fails ? c.discrepancy : nil
            row = [c.id, c.verdict?.rawValue ?? "", c.expected.description, c.actual?.description ?? "", c.statement.en, why?.en ?? ""]
        case .assessment(let a): row = [context.lookup.actorName(a.assessor), a.index.en, a.year.map(String.init) ?? "—", context.lookup.actorName(a.subject), String(a.rank), a.scope.en]
        }
        try file.write(Self.row(row))
    }

    public func finish() throws {
        guard let context else { return }
        for file in files.values { try file.close() }
        try projects?.close()
        try proposals?.close()
        let table = try context.output.create("markdown/\(Self.consultationsTable.file)")
        var text = "# \(Self.consultationsTable.title)\n\nRegenerated from the events that cite this table; partners in the order of the events' ids.\n\n| year | consultations | partners |\n|---|---:|---|\n"
        for row in consultations.rows {
            text += Self.row([row.period, String(row.entries.count), row.entries.joined(separator: "、")])
        }
        try table.write(text)
        try table.close()
    }

    /// A table row, every cell escaped.
    static func row(_ cells: [String]) -> String { "| " + cells.map(cell).joined(separator: " | ") + " |\n" }

    /// Text safe inside a Markdown table cell: pipes and markup characters escaped, line breaks
    /// as `<br>`, HTML brackets as entities.
    static func cell(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "|", "\\", "`", "*", "_", "[", "]", "#": out += "\\\(ch)"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\n", "\r\n": out += "<br>"
            case "\r": continue
            default: out.append(ch)
            }
        }
        return out
    }
}
