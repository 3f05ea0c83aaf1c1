/// Reads the date forms the source files accept: ISO 8601 with reduced precision, Japanese
/// era (和暦) and western 年月日 dates, fiscal years (年度, `FY2023`), and dates relative to a
/// document's own date (本年, 昨年, 先月, 本年度).
public enum DateParser {
    /// A parsed date, and how a relative form was resolved (nil for an absolute date).
    public struct Parsed: Hashable, Sendable {
        public let date: PartialDate
        public let resolution: String?
    }

    /// Why a text is not a date.
    public struct Failure: Error, Hashable, Sendable {
        public let message: String
    }

    /// The Japanese eras the parser knows, with the western year of their first year.
    public static let eras: [(name: String, firstYear: Int)] = [
        ("令和", 2019), ("平成", 1989), ("昭和", 1926), ("大正", 1912), ("明治", 1868),
    ]

    /// Relative forms, resolved against `anchor` (the citing document's date).
    public static let relativePrefixes = ["本年度", "本年", "今年", "昨年", "先月"]

    /// Parses `text`; a relative form needs `anchor`.
    public static func parse(_ text: String, anchor: PartialDate? = nil) -> Result<Parsed, Failure> {
        let input = normalize(text)
        if input.isEmpty { return .failure(Failure(message: "a date is empty")) }
        if input.count > 40 { return .failure(Failure(message: "'\(text.prefix(40))…' is too long to be a date")) }
        if let prefix = relativePrefixes.first(where: { input.hasPrefix($0) }) {
            return parseRelative(input, prefix: prefix, original: text, anchor: anchor)
        }
        if let date = parseAbsolute(input) { return .success(Parsed(date: date, resolution: nil)) }
        return .failure(Failure(message: "'\(text)' is not a date: write 2018, 2018-03, 2018-03-14, 平成30年3月, FY2023 or 令和5年度"))
    }

    /// Full-width digits and letters to ASCII; spaces removed.
    static func normalize(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A, 0xFF0D, 0xFF0F:
                out.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            case 0x20, 0x3000, 0x09: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func parseAbsolute(_ s: String) -> PartialDate? {
        if let fy = parseFiscalYear(s) { return fy }
        if let iso = parseISO(s) { return iso }
        return parseKanji(s)
    }

    /// `2018`, `2018-03`, `2018-03-14`, and the ISO interval `2023-04/2024-03` of a fiscal year.
    static func parseISO(_ s: String) -> PartialDate? {
        if s.contains("/") {
            let parts = s.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, let a = parseISO(parts[0]), let b = parseISO(parts[1]),
                a.precision == .month, b.precision == .month, a.month == 4, b.month == 3, b.year == a.year + 1
            else { return nil }
            return PartialDate(fiscalYear: a.year)
        }
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count),
            parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) })
        else { return nil }
        let numbers = parts.map { Int($0)! }
        return PartialDate(
            year: numbers[0], month: numbers.count > 1 ? numbers[1] : nil, day: numbers.count > 2 ? numbers[2] : nil)
    }

    /// `FY2023`, `2023年度`, `令和5年度`.
    static func parseFiscalYear(_ s: String) -> PartialDate? {
        if s.hasPrefix("FY") {
            let rest = s.dropFirst(2)
            guard rest.count == 4, rest.allSatisfy(\.isASCIIDigit) else { return nil }
            return PartialDate(fiscalYear: Int(rest)!)
        }
        guard s.hasSuffix("年度") else { return nil }
        guard let year = parseYear(String(s.dropLast(2))) else { return nil }
        return PartialDate(fiscalYear: year)
    }

    /// `2018年`, `平成30年3月`, `令和元年5月1日`, `2018年3月14日`.
    static func parseKanji(_ s: String) -> PartialDate? {
        guard let yearEnd = s.firstIndex(of: "年") else { return nil }
        guard let year = parseYear(String(s[..<yearEnd])) else { return nil }
        var rest = s[s.index(after: yearEnd)...]
        if rest.isEmpty { return PartialDate(year: year) }
        guard let monthEnd = rest.firstIndex(of: "月"), let month = number(rest[..<monthEnd]) else { return nil }
        rest = rest[rest.index(after: monthEnd)...]
        if rest.isEmpty { return PartialDate(year: year, month: month) }
        guard rest.last == "日", let day = number(rest.dropLast()) else { return nil }
        return PartialDate(year: year, month: month, day: day)
    }

    /// A western year (`2018`) or an era year (`平成30`, `令和元`).
    static func parseYear(_ s: String) -> Int? {
        if s.count == 4, let year = number(Substring(s)) { return year }
        for era in eras where s.hasPrefix(era.name) {
            let rest = s.dropFirst(era.name.count)
            let n = rest == "元" ? 1 : number(rest)
            guard let n, n >= 1, n <= 99 else { return nil }
            return era.firstYear + n - 1
        }
        return nil
    }

    static func number(_ s: Substring) -> Int? {
        guard !s.isEmpty, s.count <= 4, s.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int(s)
    }

    static func parseRelative(_ s: String, prefix: String, original: String, anchor: PartialDate?)
        -> Result<Parsed, Failure>
    {
        guard let anchor else {
            return .failure(Failure(message: "'\(original)' is relative, but the record cites no dated source to resolve it from"))
        }
        let rest = String(s.dropFirst(prefix.count))
        let unresolvable = Failure(
            message: "'\(original)' cannot be resolved: the citing source is dated only to \(anchor) ")
        let resolved: PartialDate?
        switch prefix {
        case "本年度":
            guard rest.isEmpty else { return .failure(Failure(message: "'\(original)' is not a date: write 本年度 alone")) }
            guard let fy = anchor.fiscalYear else { return .failure(unresolvable) }
            resolved = PartialDate(fiscalYear: fy)
        case "先月":
            guard let month = anchor.month else { return .failure(unresolvable) }
            let (y, m) = month == 1 ? (anchor.year - 1, 12) : (anchor.year, month - 1)
            if rest.isEmpty {
                resolved = PartialDate(year: y, month: m)
            } else {
                guard rest.last == "日", let day = number(Substring(rest.dropLast())) else {
                    return .failure(Failure(message: "'\(original)' is not a date: write 先月 or 先月N日"))
                }
                resolved = PartialDate(year: y, month: m, day: day)
            }
        default:  // 本年, 今年, 昨年
            guard let calendarYear = anchor.calendarYear else { return .failure(unresolvable) }
            let year = prefix == "昨年" ? calendarYear - 1 : calendarYear
            resolved = rest.isEmpty ? PartialDate(year: year) : parseKanji("\(year)年\(rest)")
        }
        guard let date = resolved else {
            return .failure(Failure(message: "'\(original)' is not a date: after \(prefix) write N月 or N月N日"))
        }
        return .success(Parsed(date: date, resolution: "\(original) → \(date.iso), from the source's date \(anchor.iso)"))
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
