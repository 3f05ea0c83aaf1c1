import Foundation
import RenkeiExport
import RenkeiModel

/// Writes <what the format is for>: one line per event with its date and English title.
///
/// Copy this folder to Plugins/Export<Name>/, rename the type, and fill in the three methods.
public final class TemplateExporter: Exporter {
    public static let description = ExporterDescription(
        id: "template",                       // the --format id: lower case, stable
        name: "Template",                     // for people
        files: ["template/events.txt"],       // every file written, `*` for any name
        mediaType: "text/plain",
        summary: "One line per event: date and English title.",   // one sentence
        version: "1.0.0")
        // An exporter that writes figures computed from the records (a matrix, counts) rather
        // than the records adds `content: .aggregates`: see "An exporter of aggregates" in
        // docs/EXPORTERS.md.

    private var file: OutputFile?

    public init() {}

    /// Open the output. Counts of every collection are in `context.counts`.
    public func begin(_ context: ExportContext) throws {
        file = try context.output.create("template/events.txt")
    }

    /// Take one record. Records come collection by collection, each sorted by id. Keep only
    /// small summaries; look other records up with `context.lookup` (kept from `begin`).
    public func write(_ record: AnyRecord) throws {
        guard case .event(let event) = record else { return }
        try file?.write("\(event.date.iso)\t\(event.title.en.replacingOccurrences(of: "\n", with: " "))\n")
    }

    /// Finish and close every file.
    public func finish() throws {
        try file?.close()
    }
}
