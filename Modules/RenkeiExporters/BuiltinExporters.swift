import ExportICal
import ExportJSON
import ExportPopolo
import ExportSTIX
import RenkeiExport

/// The built-in exporters, one line each, sorted by id: registering an exporter is one line here.
public enum BuiltinExporters {
    public static let registry = ExporterRegistry([
        .init(ICalExporter.self),
        .init(JSONExporter.self),
        .init(PopoloExporter.self),
        .init(STIXExporter.self),
    ])
}
