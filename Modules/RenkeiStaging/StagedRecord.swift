import Foundation
import RenkeiModel
import RenkeiValidation

/// One record as the staging store keeps it: the columns set rules query, its canonical JSON,
/// and its metadata (where each field is written, its suppressions) in a compact form.
///
/// Made from a decoded record on any thread; written in load order by ``StagingWriter``.
public struct StagedRecord: Sendable {
    let collection: Collection
    let id: String
    let file: Int
    let line: Int
    let column: Int
    let retired: Bool
    let suppressed: Bool
    let series: String?
    let soleCitation: String?
    let doc: Data
    let meta: Data
    let definedIDs: [(path: String, value: String)]

    /// `record`, read from the file numbered `file` of the load.
    public init(_ record: AnyRecord, file: Int) throws {
        let base = record.base
        collection = record.collection
        id = record.id
        self.file = file
        line = base.meta.location?.line ?? 0
        column = base.meta.location?.column ?? 0
        retired = base.isRetired
        suppressed = !base.meta.suppressions.isEmpty
        if case .event(let e) = record { series = e.series } else { series = nil }
        let citations = base.citations
        soleCitation = record.collection == .events && citations.count == 1 ? citations[0].source + "\u{0}" + citations[0].locator : nil
        doc = try StagedCoding.encoder.encode(AnyRecordBox(record))
        meta = try StagedCoding.encoder.encode(StagedMeta(base.meta))
        definedIDs = RecordFields.definedIDs(record).map { (path: $0.0, value: $0.1) }
    }
}

/// The JSON coders of staged rows; each call makes its own (coders are not shared across threads).
enum StagedCoding {
    static var encoder: JSONEncoder { JSONEncoder() }
    static var decoder: JSONDecoder { JSONDecoder() }

    /// The record a staged row holds, its metadata restored with `file` as its file.
    static func decode(collection: Collection, doc: Data, meta: Data, file: String) throws -> AnyRecord {
        let decoder = Self.decoder
        var record = try AnyRecordBox.decode(collection, doc, decoder)
        let restored = try decoder.decode(StagedMeta.self, from: meta).meta(file: file)
        switch record {
        case .source(var r): r.meta = restored; record = .source(r)
        case .actor(var r): r.meta = restored; record = .actor(r)
        case .person(var r): r.meta = restored; record = .person(r)
        case .membership(var r): r.meta = restored; record = .membership(r)
        case .theme(var r): r.meta = restored; record = .theme(r)
        case .series(var r): r.meta = restored; record = .series(r)
        case .event(var r): r.meta = restored; record = .event(r)
        case .attribution(var r): r.meta = restored; record = .attribution(r)
        case .proposal(var r): r.meta = restored; record = .proposal(r)
        case .budget(var r): r.meta = restored; record = .budget(r)
        case .indicator(var r): r.meta = restored; record = .indicator(r)
        case .claim(var r): r.meta = restored; record = .claim(r)
        case .assessment(var r): r.meta = restored; record = .assessment(r)
        }
        return record
    }
}

/// Encodes a record through its own `Codable` conformance, and decodes one of a known collection.
struct AnyRecordBox: Encodable {
    let record: AnyRecord
    init(_ record: AnyRecord) { self.record = record }

    func encode(to encoder: any Encoder) throws { try record.base.encode(to: encoder) }

    static func decode(_ collection: Collection, _ data: Data, _ decoder: JSONDecoder) throws -> AnyRecord {
        switch collection {
        case .sources: .source(try decoder.decode(Source.self, from: data))
        case .actors: .actor(try decoder.decode(Actor.self, from: data))
        case .persons: .person(try decoder.decode(Person.self, from: data))
        case .memberships: .membership(try decoder.decode(Membership.self, from: data))
        case .themes: .theme(try decoder.decode(Theme.self, from: data))
        case .series: .series(try decoder.decode(Series.self, from: data))
        case .events: .event(try decoder.decode(Event.self, from: data))
        case .attributions: .attribution(try decoder.decode(Attribution.self, from: data))
        case .proposals: .proposal(try decoder.decode(Proposal.self, from: data))
        case .budgets: .budget(try decoder.decode(Budget.self, from: data))
        case .indicators: .indicator(try decoder.decode(Indicator.self, from: data))
        case .claims: .claim(try decoder.decode(Claim.self, from: data))
        case .assessments: .assessment(try decoder.decode(Assessment.self, from: data))
        }
    }
}

/// A record's metadata without its file name (every location of a record is in its own file):
/// line and column of the record and of each field, suppressions, and relative dates' resolutions.
struct StagedMeta: Codable {
    var l: [Int]?
    var f: [String: [Int]]
    var s: [Suppression]
    var d: [String: String]

    init(_ meta: RecordMeta) {
        l = meta.location.map { [$0.line, $0.column] }
        f = meta.fields.mapValues { [$0.line, $0.column] }
        s = meta.suppressions
        d = meta.dateResolutions
    }

    func meta(file: String) -> RecordMeta {
        func place(_ pair: [Int]) -> SourceLocation { SourceLocation(file: file, line: pair[0], column: pair[1]) }
        return RecordMeta(location: l.map(place), fields: f.mapValues(place), suppressions: s, dateResolutions: d)
    }
}
