import ExportCSV
import ExportHTML
import ExportJSON
import ExportJSONL
import ExportMarkdown
import ExportSQLite
import RenkeiExport

/// The built-in exporters, one line each, sorted by id: registering an exporter is one line here.
public enum BuiltinExporters {
    public static let registry = ExporterRegistry([
        .init(CSVExporter.self),
        .init(HTMLExporter.self),
        .init(JSONExporter.self),
        .init(JSONLinesExporter.self),
        .init(MarkdownExporter.self),
        .init(SQLiteExporter.self),
    ])
}
