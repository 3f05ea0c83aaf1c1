import ExportCSV
import ExportHTML
import ExportIATI
import ExportICal
import ExportJSON
import ExportJSONL
import ExportMarkdown
import ExportPopolo
import ExportSQLite
import ExportSTIX
import ExportXLSX
import RenkeiExport

/// The built-in exporters, one line each, sorted by id: registering an exporter is one line here.
public enum BuiltinExporters {
    public static let registry = ExporterRegistry([
        .init(CSVExporter.self),
        .init(HTMLExporter.self),
        .init(IATIExporter.self),
        .init(ICalExporter.self),
        .init(JSONExporter.self),
        .init(JSONLinesExporter.self),
        .init(MarkdownExporter.self),
        .init(PopoloExporter.self),
        .init(SQLiteExporter.self),
        .init(STIXExporter.self),
        .init(XLSXExporter.self),
    ])
}
