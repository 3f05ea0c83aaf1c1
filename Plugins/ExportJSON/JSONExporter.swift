import Foundation
import RenkeiExport
import RenkeiModel

/// Writes the canonical JSON document (`renkei.json`): the dataset's header and counts, then
/// every collection sorted by id, streamed record by record.
public final class JSONExporter: Exporter {
    public static let description = ExporterDescription(
        id: "json", name: "Canonical JSON", files: ["renkei.json"], mediaType: "application/json",
        summary: "The whole dataset as one JSON document, the contract other tools rely on.", version: "1.0.0")

    private var file: OutputFile?
    private var current: Collection?
    private var firstInCollection = true

    public init() {}

    public func begin(_ context: ExportContext) throws {
        let file = try context.output.create("renkei.json")
        self.file = file
        let header = DatasetHeader(info: context.info, counts: context.counts)
        try file.write("{\n  \"dataset\": \(try CanonicalJSON.pretty(header, indent: 2))")
    }

    public func write(_ record: AnyRecord) throws {
        guard let file else { return }
        try advance(to: record.collection, file)
        try file.write(firstInCollection ? "\n    " : ",\n    ")
        firstInCollection = false
        try file.write(try CanonicalJSON.pretty(record.base, indent: 4))
    }

    public func finish() throws {
        guard let file else { return }
        try advance(to: nil, file)
        try file.write("\n}\n")
        try file.close()
    }

    /// Closes the open collection and opens the next, writing empty ones in between.
    private func advance(to next: Collection?, _ file: OutputFile) throws {
        guard next != current || current == nil && next == nil else { return }
        let order = Collection.allCases
        let from = current.flatMap { order.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
        let to = next.flatMap { order.firstIndex(of: $0) } ?? order.count
        if current != nil { try file.write(firstInCollection ? "]" : "\n  ]") }
        for skipped in order[from..<to] { try file.write(",\n  \"\(skipped.rawValue)\": []") }
        if let next {
            try file.write(",\n  \"\(next.rawValue)\": [")
            firstInCollection = true
        }
        current = next
    }
}

/// The `dataset` object at the head of the document.
struct DatasetHeader: Encodable {
    let info: DatasetInfo
    let counts: [Collection: Int]

    enum CodingKeys: String, CodingKey { case name, version, title, license, counts }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(info.name, forKey: .name)
        try c.encode(info.version, forKey: .version)
        try c.encodeIfPresent(info.title, forKey: .title)
        try c.encodeIfPresent(info.license, forKey: .license)
        try c.encode(Dictionary(uniqueKeysWithValues: Collection.allCases.map { ($0.rawValue, counts[$0] ?? 0) }), forKey: .counts)
    }
}
