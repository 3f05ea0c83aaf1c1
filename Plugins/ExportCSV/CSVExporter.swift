import Foundation
import RenkeiExport
import RenkeiModel
import RenkeiTabular

/// Writes one CSV file per table of the tabular layout (collections, with nested lists as
/// link tables) and a Frictionless `datapackage.json` describing them: types, primary keys,
/// foreign keys.
public final class CSVExporter: Exporter {
    public static let description = ExporterDescription(
        id: "csv", name: "CSV and Frictionless data package",
        files: ["csv/*.csv", "csv/datapackage.json"], mediaType: "text/csv",
        summary: "One CSV per collection and link table, described by a Frictionless data package.", version: "1.0.0")

    private var files: [String: OutputFile] = [:]
    private var context: ExportContext?

    public init() {}

    /// With `--option bom=true` every file starts with a UTF-8 byte-order mark, so that
    /// spreadsheets (LibreOffice's and Excel's default import) read the Japanese text as UTF-8.
    private var byteOrderMark = false

    public func begin(_ context: ExportContext) throws {
        self.context = context
        switch context.options["bom"] {
        case nil, "false": byteOrderMark = false
        case "true": byteOrderMark = true
        case let other?: throw ExportError(exporter: Self.description.id, message: "bom=\(other) is not an option value: use bom=true or bom=false")
        }
        for table in TabularLayout.tables {
            let file = try context.output.create("csv/\(table.name).csv")
            try file.write((byteOrderMark ? "\u{FEFF}" : "") + table.columns.map { MarkupEscaping.csv($0.name) }.joined(separator: ",") + "\r\n")
            files[table.name] = file
        }
    }

    public func write(_ record: AnyRecord) throws {
        for row in TabularLayout.rows(for: record) {
            guard let file = files[row.table] else { continue }
            try file.write(row.cells.map(Self.field).joined(separator: ",") + "\r\n")
        }
    }

    /// A cell as CSV text: empty for null, formulas neutralised for text.
    static func field(_ cell: TabularLayout.Cell) -> String {
        switch cell {
        case .null: return ""
        case .text(let s): return MarkupEscaping.csv(s)
        case .integer(let n): return String(n)
        case .number(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .boolean(let b): return b ? "true" : "false"
        }
    }

    public func finish() throws {
        for file in files.values { try file.close() }
        guard let context else { return }
        let package = try context.output.create("csv/datapackage.json")
        try package.write(try DataPackage.document(info: context.info, byteOrderMark: byteOrderMark))
        try package.close()
    }
}

/// The Frictionless data package descriptor for the CSV files.
enum DataPackage {
    static func document(info: DatasetInfo, byteOrderMark: Bool = false) throws -> String {
        var resources: [[String: Any]] = []
        for table in TabularLayout.tables {
            let fields: [[String: Any]] = table.columns.map { column in
                var field: [String: Any] = ["name": column.name]
                switch column.type {
                case .string: field["type"] = "string"
                case .integer: field["type"] = "integer"
                case .number: field["type"] = "number"
                case .boolean: field["type"] = "boolean"
                case .json:
                    field["type"] = "string"
                    field["format"] = "default"
                    field["description"] = "JSON text."
                case .date:
                    let d = "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"
                    field["type"] = "string"
                    field["constraints"] = ["pattern": "(\(d)(/[0-9]{4}-[0-9]{2})?|\\[\\.\\.\(d)\\]|\\[\(d)\\.\\.\\]|\\[\(d)\\.\\.\(d)\\])"]
                    field["description"] = "A date at the precision the source gives: 2018, 2018-03, 2018-03-14, a fiscal year 2023-04/2024-03, or (events) a bound [..2016-10], [2016-10..] or a span [2014..2016] (EDTF)."
                case .day:
                    field["type"] = "date"
                }
                if !column.description.isEmpty && field["description"] == nil { field["description"] = column.description }
                var constraints = field["constraints"] as? [String: Any] ?? [:]
                if column.required { constraints["required"] = true }
                if !constraints.isEmpty { field["constraints"] = constraints }
                return field
            }
            var schema: [String: Any] = ["fields": fields, "primaryKey": table.primaryKey, "missingValues": [""]]
            if !table.foreignKeys.isEmpty {
                schema["foreignKeys"] = table.foreignKeys.map { key -> [String: Any] in
                    ["fields": key.column, "reference": ["resource": key.table == table.name ? "" : key.table, "fields": "id"]]
                }
            }
            resources.append([
                "name": table.name, "path": "\(table.name).csv", "profile": "tabular-data-resource",
                "format": "csv", "mediatype": "text/csv", "encoding": byteOrderMark ? "utf-8-sig" : "utf-8", "description": table.description,
                "schema": schema,
            ])
        }
        var descriptor: [String: Any] = [
            "profile": "tabular-data-package", "name": info.name, "version": info.version, "resources": resources,
            "description": MarkupEscaping.csvFormulaGuard,
        ]
        if let title = info.title { descriptor["title"] = title.en }
        if let license = info.license { descriptor["licenses"] = [["name": license]] }
        let data = try JSONSerialization.data(withJSONObject: descriptor, options: [.sortedKeys, .withoutEscapingSlashes])
        return CanonicalJSON.prettyPrint(Array(data)) + "\n"
    }
}
