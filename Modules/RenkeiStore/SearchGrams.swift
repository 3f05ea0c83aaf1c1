/// The tokens of the store's short-query index (`search_grams`): every one- and two-character
/// stretch of a searchable text, so that a query of one or two characters is a lookup.
///
/// A character here is a Unicode scalar, as SQLite's `instr()` counts them, and the text is
/// lowered as SQLite's `lower()` lowers it (A-Z only): a stretch is in a text's tokens exactly when
/// `instr(lower(text), stretch) > 0`. Each stretch is written as its scalars in hexadecimal joined
/// by `x` (`演習` is `6f14x7fd2`), a token FTS5's `ascii` tokenizer keeps whole whatever the
/// characters (punctuation, spaces and newlines included). `Benchmarks/make-query-store.py`
/// writes the same tokens.
public enum SearchGrams {
    /// The document indexed for `text`: its tokens once each, in order of first occurrence.
    public static func document(of text: String) -> String {
        // A stretch is remembered by its scalars' values: one as itself, two as
        // (first + 1) << 32 | second, so the two kinds never meet.
        var seen = Set<UInt64>()
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 8)
        var previous: UInt32?
        for scalar in text.unicodeScalars {
            let current = lowered(scalar).value
            if let previous, seen.insert(UInt64(previous + 1) << 32 | UInt64(current)).inserted {
                if !out.isEmpty { out.append(UInt8(ascii: " ")) }
                appendHex(previous, to: &out)
                out.append(UInt8(ascii: "x"))
                appendHex(current, to: &out)
            }
            if seen.insert(UInt64(current)).inserted {
                if !out.isEmpty { out.append(UInt8(ascii: " ")) }
                appendHex(current, to: &out)
            }
            previous = current
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `value` in lowercase hexadecimal without leading zeros, as `String(value, radix: 16)`.
    private static func appendHex(_ value: UInt32, to out: inout [UInt8]) {
        let digits: StaticString = "0123456789abcdef"
        var shift = max(0, (32 - value.leadingZeroBitCount + 3) / 4 * 4 - 4)
        while true {
            out.append(digits.utf8Start[Int(value >> UInt32(shift) & 0xF)])
            if shift == 0 { break }
            shift -= 4
        }
    }

    /// The token to look up for a query term, or nil when the term is longer than two
    /// characters once lowered as the search lowers it (the trigram index serves those).
    public static func token(for term: String) -> String? {
        let scalars = Array(term.unicodeScalars)
        switch scalars.count {
        case 1: return hex(scalars[0])
        case 2: return hex(scalars[0]) + "x" + hex(scalars[1])
        default: return nil
        }
    }

    static func lowered(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        (65...90).contains(scalar.value) ? Unicode.Scalar(scalar.value + 32)! : scalar
    }

    static func hex(_ scalar: Unicode.Scalar) -> String { String(scalar.value, radix: 16) }
}
