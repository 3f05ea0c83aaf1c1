import Foundation
import RenkeiExport

/// One worksheet written row by row into a temporary file (SpreadsheetML `sheetData`), so a
/// large table never sits in memory; ``finish()`` closes it for the zip container.
final class SheetWriter {
    /// A typed cell. Text is written as an inline string: a spreadsheet never reads it as a
    /// formula or a number, whatever it starts with.
    enum Value {
        case text(String), integer(Int64), number(Double), boolean(Bool), date(serial: Int), empty
    }

    /// The cell styles of `styles.xml`: 0 plain, 1 a date (yyyy-mm-dd), 2 the bold header.
    enum Style: Int { case plain = 0, date = 1, header = 2 }

    let name: String
    let url: URL
    private let handle: FileHandle
    private var rows = 0
    private var buffer = ""

    init(name: String, directory: URL, index: Int) throws {
        self.name = name
        url = directory.appendingPathComponent("sheet\(index).xml")
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        handle = try FileHandle(forWritingTo: url)
        buffer = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>\
            <sheetData>
            """
    }

    /// Appends a row; the first row written is the header.
    func add(_ values: [Value], style: Style = .plain) throws {
        rows += 1
        buffer += "<row r=\"\(rows)\">"
        for (i, value) in values.enumerated() {
            let ref = Self.column(i) + String(rows)
            let s = style == .plain ? "" : " s=\"\(style.rawValue)\""
            switch value {
            case .empty: continue
            case .text(let text): buffer += "<c r=\"\(ref)\"\(s) t=\"inlineStr\"><is><t xml:space=\"preserve\">\(MarkupEscaping.xml(text))</t></is></c>"
            case .integer(let n): buffer += "<c r=\"\(ref)\"\(s)><v>\(n)</v></c>"
            case .number(let d): buffer += "<c r=\"\(ref)\"\(s)><v>\(d.isFinite ? String(d) : "0")</v></c>"
            case .boolean(let b): buffer += "<c r=\"\(ref)\"\(s) t=\"b\"><v>\(b ? 1 : 0)</v></c>"
            case .date(let serial): buffer += "<c r=\"\(ref)\" s=\"\(Style.date.rawValue)\"><v>\(serial)</v></c>"
            }
        }
        buffer += "</row>"
        if buffer.utf8.count > 1 << 16 { try flush() }
    }

    func flush() throws {
        try handle.write(contentsOf: Data(buffer.utf8))
        buffer = ""
    }

    func finish() throws {
        buffer += "</sheetData></worksheet>\n"
        try flush()
        try handle.close()
    }

    /// Closes the file without completing it, for a run that failed.
    func close() {
        try? handle.close()
    }

    /// A, B, …, Z, AA, AB, …
    static func column(_ index: Int) -> String {
        var n = index + 1
        var name = ""
        while n > 0 {
            let r = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + r))) + name
            n = (n - 1) / 26
        }
        return name
    }

    /// The spreadsheet serial number of a day (days since 1899-12-30), or nil when `text`
    /// is not a whole ISO day.
    static func serial(ofDay text: String) -> Int? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m), (1...31).contains(d), y >= 1900
        else { return nil }
        return daysFromCivil(y, m, d) - daysFromCivil(1899, 12, 30)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }
}
