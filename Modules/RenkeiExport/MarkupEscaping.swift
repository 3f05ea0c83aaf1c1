import Foundation

/// Escaping for the text formats exporters write.
public enum MarkupEscaping {
    /// Text for XML and HTML content and attribute values; characters XML 1.0 cannot carry
    /// (most C0 controls, U+FFFE/U+FFFF) are dropped.
    public static func xml(_ s: String) -> String {
        // Most text needs nothing: return it as it is, without building a copy.
        guard s.utf8.contains(where: needsXMLWork) else { return s }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 16)
        var bytes = s.utf8.makeIterator()
        while let byte = bytes.next() {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
            case UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"): out.append(byte)
            case ..<0x20: continue
            case 0xEF:
                // U+FFFE and U+FFFF are EF BF BE and EF BF BF: dropped, like the controls.
                let second = bytes.next(), third = second == nil ? nil : bytes.next()
                if second == 0xBF, let third, third == 0xBE || third == 0xBF { continue }
                out.append(byte)
                if let second { out.append(second) }
                if let third { out.append(third) }
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether a UTF-8 byte may need escaping or dropping in ``xml(_:)``.
    private static func needsXMLWork(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0xEF: true
        case UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"): false
        default: byte < 0x20
        }
    }

    /// A CSV field (RFC 4180): quoted when it holds a comma, quote or line break. With
    /// `neutralizeFormulas`, a field a spreadsheet would run as a formula (starting with `=`,
    /// `+`, `-`, `@`, tab or carriage return) is prefixed with `'` — unless it is a number
    /// (``isPlainNumber(_:)``: `-3`, `-1,000`, `+0.5`, `-2e3`, `-5%`), which a spreadsheet
    /// reads as a number, not a formula.
    public static func csv(_ s: String, neutralizeFormulas: Bool = true) -> String {
        var text = s
        if neutralizeFormulas, let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first),
            !isPlainNumber(text)
        {
            text = "'" + text
        }
        if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }

    /// What ``csv(_:neutralizeFormulas:)`` says about its formula guard, for the data package.
    public static let csvFormulaGuard =
        "Text cells that begin with =, +, -, @, a tab or a carriage return start with an added apostrophe (') so that spreadsheets do not run them as formulas; drop that first apostrophe to get the text. A number in a text column (-3, -1,000, +0.5, -2e3, -5%) is kept as it is."

    /// A sign, digits with optional thousands commas, an optional fraction and exponent, an
    /// optional percent sign: a value a spreadsheet reads as a number.
    public static func isPlainNumber(_ s: String) -> Bool {
        var scalars = Substring(s).unicodeScalars[...]
        if let first = scalars.first, first == "-" || first == "+" { scalars = scalars.dropFirst() }
        func digits(allowCommas: Bool) -> Int {
            var n = 0
            while let c = scalars.first, ("0"..."9").contains(c) || (allowCommas && c == "," && n > 0) {
                scalars = scalars.dropFirst()
                n += 1
            }
            return n
        }
        guard let lead = scalars.first, ("0"..."9").contains(lead), digits(allowCommas: true) > 0 else { return false }
        if scalars.first == "." {
            scalars = scalars.dropFirst()
            guard digits(allowCommas: false) > 0 else { return false }
        }
        if let e = scalars.first, e == "e" || e == "E" {
            scalars = scalars.dropFirst()
            if let sign = scalars.first, sign == "-" || sign == "+" { scalars = scalars.dropFirst() }
            guard digits(allowCommas: false) > 0 else { return false }
        }
        if scalars.first == "%" { scalars = scalars.dropFirst() }
        return scalars.isEmpty && !s.hasSuffix(",")
    }
}
