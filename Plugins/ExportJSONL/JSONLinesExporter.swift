import Foundation
import RenkeiExport
import RenkeiModel

/// Writes the dataset as JSON Lines (`renkei.jsonl`): a header line, then one line per record
/// with its entity type — `{"record":{…},"type":"event"}` — in the canonical order.
///
/// The same lines are what external exporters read on standard input.
public final class JSONLinesExporter: Exporter {
    public static let description = ExporterDescription(
        id: "jsonl", name: "JSON Lines", files: ["renkei.jsonl"], mediaType: "application/jsonl",
        summary: "One record per line with its entity type; streams in constant memory.", version: "1.0.0")

    private var file: OutputFile?
    private let encoder = CanonicalJSON.compactEncoder()
    /// The file name written, relative to the output directory.
    let fileName: String

    public convenience init() { self.init(fileName: "renkei.jsonl") }

    /// An exporter writing to another file name (the feed of an external exporter).
    public init(fileName: String) { self.fileName = fileName }

    public func begin(_ context: ExportContext) throws {
        file = try context.output.create(fileName)
        let header = Header(name: context.info.name, version: context.info.version, counts: Dictionary(uniqueKeysWithValues: context.counts.map { ($0.key.rawValue, $0.value) }))
        try file?.write(try line(type: "dataset", body: encoder.encode(header)))
    }

    public func write(_ record: AnyRecord) throws {
        try file?.write(try line(type: record.collection.entityType, body: encoder.encode(record.base)))
    }

    public func finish() throws { try file?.close() }

    func line(type: String, body: Data) throws -> String {
        "{\"record\":\(String(decoding: body, as: UTF8.self)),\"type\":\"\(type)\"}\n"
    }

    struct Header: Encodable {
        let name: String
        let version: String
        let counts: [String: Int]
    }
}
