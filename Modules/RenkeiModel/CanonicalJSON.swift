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

    /// The value as indented JSON (two spaces a level, `"key": value`, empty containers as
    /// `[]` and `{}`), every line after the first prefixed with `indent` spaces. The layout is
    /// the project's own, so it does not change with the platform's JSON library.
    public static func pretty<T: Encodable>(_ value: T, indent: Int = 0) throws -> String {
        let compact = try compactEncoder().encode(value)
        return prettyPrint(Array(compact), indent: indent)
    }

    /// Re-indents compact JSON bytes.
    public static func prettyPrint(_ bytes: [UInt8], indent base: Int = 0) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        var depth = 0
        var inString = false
        var escaped = false
        func newline(_ level: Int) {
            out.append(0x0A)
            out.append(contentsOf: repeatElement(0x20, count: base + 2 * level))
        }
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if inString {
                out.append(b)
                if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
                i += 1
                continue
            }
            switch b {
            case 0x22:
                inString = true
                out.append(b)
            case 0x7B, 0x5B:  // { [
                let close: UInt8 = b == 0x7B ? 0x7D : 0x5D
                if i + 1 < bytes.count && bytes[i + 1] == close {
                    out.append(b)
                    out.append(close)
                    i += 2
                    continue
                }
                out.append(b)
                depth += 1
                newline(depth)
            case 0x7D, 0x5D:
                depth -= 1
                newline(depth)
                out.append(b)
            case 0x2C:
                out.append(b)
                newline(depth)
            case 0x3A:
                out.append(b)
                out.append(0x20)
            case 0x20, 0x0A, 0x0D, 0x09:
                break
            default:
                out.append(b)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
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
