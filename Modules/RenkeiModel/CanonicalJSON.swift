import Foundation

/// The one JSON encoding of records: keys sorted, slashes and non-ASCII left as they are, so
/// the same record always gives the same bytes.
public enum CanonicalJSON {
    /// A compact encoder (one line per record).
    public static func compactEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// An indented encoder (two spaces), for documents people read.
    public static func prettyEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        return encoder
    }

    /// The record's compact canonical JSON text.
    public static func compact<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try compactEncoder().encode(value), as: UTF8.self)
    }

    /// Decodes a record from its canonical JSON text.
    public static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
