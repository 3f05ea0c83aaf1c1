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
        meta = try StagedMeta.encode(base.meta)
        definedIDs = RecordFields.definedIDs(record).map { (path: $0.0, value: $0.1) }
    }
}

/// The JSON coders of staged rows; each call makes its own (coders are not shared across threads).
enum StagedCoding {
    static var encoder: JSONEncoder { JSONEncoder() }
    static var decoder: JSONDecoder { JSONDecoder() }

    /// The record a staged row holds, its metadata restored with `file` as its file.
    static func decode(collection: Collection, doc: Data, meta: Data, file: String) throws -> AnyRecord {
        try AnyRecord.decode(collection, from: doc, using: decoder).settingMeta(try StagedMeta.decode(meta, file: file))
    }
}

/// Encodes a record through its own `Codable` conformance.
struct AnyRecordBox: Encodable {
    let record: AnyRecord
    init(_ record: AnyRecord) { self.record = record }

    func encode(to encoder: any Encoder) throws { try record.base.encode(to: encoder) }
}

/// A record's metadata without its file name (every location of a record is in its own file),
/// as lines of text read back without a JSON decoder: `L line col` for the record, `F line col
/// path` for each field, and `S` / `D` with the suppressions and relative dates' resolutions as
/// JSON when there are any. A path's `\\` and line breaks are escaped.
enum StagedMeta {
    static func encode(_ meta: RecordMeta) throws -> Data {
        var out = ""
        if let l = meta.location { out += "L \(l.line) \(l.column)\n" }
        for (path, l) in meta.fields.sorted(by: { $0.key < $1.key }) {
            out += "F \(l.line) \(l.column) \(escape(path))\n"
        }
        if !meta.suppressions.isEmpty {
            out += "S " + String(decoding: try JSONEncoder().encode(meta.suppressions), as: UTF8.self) + "\n"
        }
        if !meta.dateResolutions.isEmpty {
            out += "D " + String(decoding: try JSONEncoder().encode(meta.dateResolutions), as: UTF8.self) + "\n"
        }
        return Data(out.utf8)
    }

    static func decode(_ data: Data, file: String) throws -> RecordMeta {
        var meta = RecordMeta()
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                defer { start = end + 1 }
                guard end - start >= 2 else { continue }
                let kind = bytes[start]
                var at = start + 2
                func number() throws -> Int {
                    var value = 0, digits = 0
                    while at < end, bytes[at] >= 0x30, bytes[at] <= 0x39 {
                        value = value * 10 + Int(bytes[at] - 0x30)
                        at += 1
                        digits += 1
                    }
                    guard digits > 0 else { throw DecodingFailure() }
                    if at < end { at += 1 }  // the space after it
                    return value
                }
                switch kind {
                case UInt8(ascii: "L"), UInt8(ascii: "F"):
                    let place = SourceLocation(file: file, line: try number(), column: try number())
                    if kind == UInt8(ascii: "L") {
                        meta.location = place
                    } else {
                        let path = UnsafeBufferPointer(rebasing: bytes[at..<end])
                        meta.fields[unescape(String(decoding: path, as: UTF8.self))] = place
                    }
                case UInt8(ascii: "S"):
                    meta.suppressions = try JSONDecoder().decode([Suppression].self, from: Data(bytes[at..<end]))
                case UInt8(ascii: "D"):
                    meta.dateResolutions = try JSONDecoder().decode([String: String].self, from: Data(bytes[at..<end]))
                default:
                    throw DecodingFailure()
                }
            }
        }
        return meta
    }

    struct DecodingFailure: Error {}

    static func escape(_ path: String) -> String {
        guard path.unicodeScalars.contains(where: { $0 == "\\" || $0 == "\n" || $0 == "\r" }) else { return path }
        var out = String.UnicodeScalarView()
        for scalar in path.unicodeScalars {
            switch scalar {
            case "\\": out.append(contentsOf: "\\\\".unicodeScalars)
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\r": out.append(contentsOf: "\\r".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    static func unescape(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "\\")) else { return text }
        var out = String.UnicodeScalarView()
        var escaped = false
        for scalar in text.unicodeScalars {
            if escaped {
                out.append(scalar == "n" ? "\n" : scalar == "r" ? "\r" : scalar)
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
