import Foundation
import RenkeiExport
import RenkeiModel
import RenkeiTabular
import ZIPFoundation

/// Writes the dataset as one Office Open XML workbook (`xlsx/renkei.xlsx`): a sheet per table of
/// the tabular layout and the source documents' own tables regenerated from the records
/// (consultations per year, capacity-building projects, confidence-building proposals).
///
/// Cells are typed: numbers as numbers, a date of day precision as a date with its precision in
/// the next column (coarser dates stay text: `2017`, `2017-12`, `2023-04/2024-03`), text as
/// inline strings that no spreadsheet runs as a formula. Header rows are frozen. Sheets stream
/// into temporary files, zipped with ZIPFoundation at the end with fixed times, so the same
/// records give the same bytes.
public final class XLSXExporter: Exporter {
    public static let description = ExporterDescription(
        id: "xlsx", name: "Excel workbook", files: ["xlsx/renkei.xlsx"],
        mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        summary: "One workbook: a sheet per table, plus the source documents' tables, with typed cells and frozen headers.",
        version: "1.0.0")

    /// The sheets of the source documents' tables, after the layout's tables.
    static let consultationsSheet = "Consultations per year"
    static let projectsSheet = "Capacity-building projects"
    static let proposalsSheet = "CBM proposals"
    /// Locators of the source tables the first two sheets regenerate.
    static let projectsLocator = "昨年の主な取り組み"

    private var context: ExportContext?
    private var target: String?
    private var scratch: URL?
    private var sheets: [SheetWriter] = []
    private var byTable: [String: (sheet: SheetWriter, dateColumns: Set<Int>, dayColumns: Set<Int>)] = [:]
    private var projects: SheetWriter?
    private var proposals: SheetWriter?
    private var consultations = ConsultationsPerYear()

    public init() {}

    public func begin(_ context: ExportContext) throws {
        self.context = context
        let file = try context.output.create("xlsx/renkei.xlsx")
        try file.close()
        target = file.path
        let scratch = URL(fileURLWithPath: file.path + ".sheets")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        self.scratch = scratch
        for table in TabularLayout.tables {
            let sheet = try addSheet(table.name)
            var header: [SheetWriter.Value] = []
            var dates = Set<Int>(), days = Set<Int>()
            for (i, column) in table.columns.enumerated() {
                header.append(.text(column.name))
                if column.type == .date {
                    dates.insert(i)
                    header.append(.text(column.name + "_precision"))
                }
                if column.type == .day { days.insert(i) }
            }
            try sheet.add(header, style: .header)
            byTable[table.name] = (sheet, dates, days)
        }
        projects = try addSheet(Self.projectsSheet)
        try projects?.add(["date", "kind", "name_ja", "name_en", "implementers", "beneficiaries"].map { .text($0) }, style: .header)
        proposals = try addSheet(Self.proposalsSheet)
        try proposals?.add(["framework", "item_ja", "item_en", "proposers"].map { .text($0) }, style: .header)
    }

    func addSheet(_ name: String) throws -> SheetWriter {
        let sheet = try SheetWriter(name: Self.sheetName(name, taken: sheets.map(\.name)), directory: scratch!, index: sheets.count + 1)
        sheets.append(sheet)
        return sheet
    }

    public func write(_ record: AnyRecord) throws {
        guard let context else { return }
        for row in TabularLayout.rows(for: record) {
            guard let (sheet, dates, days) = byTable[row.table] else { continue }
            var values: [SheetWriter.Value] = []
            for (i, cell) in row.cells.enumerated() {
                let value = Self.value(cell)
                if dates.contains(i) {
                    let (date, precision) = Self.date(cell)
                    values += [date, precision]
                } else if days.contains(i) {
                    values.append(Self.date(cell).0)
                } else {
                    values.append(value)
                }
            }
            try sheet.add(values)
        }
        let names = { (ids: [String]) in ids.map { context.lookup.actorName($0) }.joined(separator: ", ") }
        switch record {
        case .event(let e):
            let locators = e.sources.map(\.locator)
            consultations.add(e) { context.lookup.actor($0)?.name.ja ?? $0 }
            if locators.contains(where: { $0.contains(Self.projectsLocator) }) {
                let implementers = e.participants.filter { $0.role == "implementer" || $0.role == "organiser" }.map(\.actor)
                let beneficiaries = e.participants.filter { $0.role == "beneficiary" }.map(\.actor)
                let (date, _) = Self.date(TabularLayout.Cell(e.date.edtf))
                try projects?.add([date, .text(e.kind), .text(e.title.ja), .text(e.title.en), .text(names(implementers)), .text(names(beneficiaries))])
            }
        case .proposal(let p):
            let framework = context.lookup.series(p.framework)?.name.en ?? context.lookup.actorName(p.framework)
            try proposals?.add([.text(framework), .text(p.item.ja), .text(p.item.en), .text(names(p.proposers))])
        default: break
        }
    }

    public func finish() throws {
        guard let target, let scratch else { return }
        let table = try addSheet(Self.consultationsSheet)
        try table.add(["year", "consultations", "partners"].map { .text($0) }, style: .header)
        for row in consultations.rows {
            let period: SheetWriter.Value = Int64(row.period).map { .integer($0) } ?? .text(row.period)
            try table.add([period, .integer(Int64(row.entries.count)), .text(row.entries.joined(separator: "、"))])
        }
        for sheet in sheets { try sheet.finish() }
        try FileManager.default.removeItem(atPath: target)
        try Workbook.zip(sheets: sheets, to: URL(fileURLWithPath: target), scratch: scratch)
        try? FileManager.default.removeItem(at: scratch)
        self.scratch = nil
    }

    public func abort() {
        for sheet in sheets { sheet.close() }
        sheets = []
        byTable = [:]
        if let scratch { try? FileManager.default.removeItem(at: scratch) }
        scratch = nil
    }

    static func value(_ cell: TabularLayout.Cell) -> SheetWriter.Value {
        switch cell {
        case .null: .empty
        case .text(let s): .text(s)
        case .integer(let n): .integer(n)
        case .number(let d): .number(d)
        case .boolean(let b): .boolean(b)
        }
    }

    /// A date cell and its precision: a day as a spreadsheet date, anything coarser as its text.
    static func date(_ cell: TabularLayout.Cell) -> (SheetWriter.Value, SheetWriter.Value) {
        guard case .text(let text) = cell else { return (.empty, .empty) }
        if let serial = SheetWriter.serial(ofDay: text) { return (.date(serial: serial), .text("day")) }
        let precision =
            text.hasPrefix("[..") ? "not-after"
            : text.hasPrefix("[") && text.hasSuffix("..]") ? "not-before"
            : text.hasPrefix("[") ? "between"
            : text.contains("/") ? "fiscal-year" : (text.count == 7 ? "month" : (text.count == 4 ? "year" : ""))
        return (.text(text), precision.isEmpty ? .empty : .text(precision))
    }

    /// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, not starting or
    /// ending with an apostrophe, unique (case-insensitively) in the workbook.
    public static func sheetName(_ wanted: String, taken: [String]) -> String {
        var name = String(wanted.map { "[]:*?/\\".contains($0) ? "_" : $0 }).trimmingCharacters(in: CharacterSet(charactersIn: "'"))
        if name.isEmpty { name = "Sheet" }
        name = String(name.prefix(31))
        var candidate = name
        var n = 2
        while taken.contains(where: { $0.lowercased() == candidate.lowercased() }) {
            let suffix = " (\(n))"
            candidate = String(name.prefix(31 - suffix.count)) + suffix
            n += 1
        }
        return candidate
    }
}
