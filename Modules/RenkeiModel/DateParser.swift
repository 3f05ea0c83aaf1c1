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

    /// Each era's first and last day (year, month, day); the current era has no last day.
    /// 明治 is counted from the start of 1868, as the era was applied to that whole year.
    static let eraSpans: [String: (first: (Int, Int, Int), last: (Int, Int, Int)?)] = [
        "明治": ((1868, 1, 1), (1912, 7, 29)),
        "大正": ((1912, 7, 30), (1926, 12, 24)),
        "昭和": ((1926, 12, 25), (1989, 1, 7)),
        "平成": ((1989, 1, 8), (2019, 4, 30)),
        "令和": ((2019, 5, 1), nil),
    ]

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    /// A year, month and day that exist in the calendar, or why not ("February 2023 has no 30th day").
    static func calendarDate(_ text: String, year: Int, month: Int?, day: Int?) throws(Failure) -> PartialDate {
        if let month, !(1...12).contains(month) {
            throw Failure(message: "'\(text)' is not a date: there is no month \(month)")
        }
        if let month, let day {
            let days = PartialDate.daysIn(month: month, year: year)
            guard (1...days).contains(day) else {
                let ordinal = day == 0 ? "0th" : "\(day)\(day % 10 == 1 && day != 11 ? "st" : day % 10 == 2 && day != 12 ? "nd" : day % 10 == 3 && day != 13 ? "rd" : "th")"
                throw Failure(message: "'\(text)' is not a date: \(monthNames[month - 1]) \(year) has no \(ordinal) day (it has \(days))")
            }
        }
        guard let date = PartialDate(year: year, month: month, day: day) else {
            throw Failure(message: "'\(text)' is not a date: the year must be between 1 and 9999")
        }
        return date
    }

    /// Refuses an era date outside its era (平成32年, 平成31年5月, 令和元年4月, 昭和64年1月8日).
    static func checkEra(_ text: String, era: String?, year: Int, month: Int?, day: Int?) throws(Failure) {
        guard let era, let span = eraSpans[era] else { return }
        // The date's own first and last day, at its precision.
        let first = (year, month ?? 1, day ?? 1)
        let last = (year, month ?? 12, day ?? (month.map { PartialDate.daysIn(month: $0, year: year) } ?? 31))
        func describe(_ d: (Int, Int, Int)) -> String { "\(d.0)-\(d.1 < 10 ? "0" : "")\(d.1)-\(d.2 < 10 ? "0" : "")\(d.2)" }
        let range = "\(era) runs from \(describe(span.first))" + (span.last.map { " to \(describe($0))" } ?? "")
        if let end = span.last, first > end {
            throw Failure(message: "'\(text)' is after the end of \(era): \(range)")
        }
        if last < span.first {
            throw Failure(message: "'\(text)' is before the start of \(era): \(range)")
        }
    }

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
        do {
            if let date = try parseAbsolute(input) { return .success(Parsed(date: date, resolution: nil)) }
        } catch {
            return .failure(error)
        }
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

    /// A date, nil when `s` has none of the accepted forms, or a failure saying what is wrong
    /// with a date of an accepted form (a day the month does not have, a year outside its era).
    static func parseAbsolute(_ s: String) throws(Failure) -> PartialDate? {
        if let fy = try parseFiscalYear(s) { return fy }
        if let iso = try parseISO(s) { return iso }
        return try parseKanji(s)
    }

    /// `2018`, `2018-03`, `2018-03-14`, and the ISO interval `2023-04/2024-03` of a fiscal year.
    static func parseISO(_ s: String) throws(Failure) -> PartialDate? {
        if s.contains("/") {
            let parts = s.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, let a = try parseISO(parts[0]), let b = try parseISO(parts[1]),
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
        return try calendarDate(s, year: numbers[0], month: numbers.count > 1 ? numbers[1] : nil, day: numbers.count > 2 ? numbers[2] : nil)
    }

    /// `FY2023`, `2023年度`, `令和5年度`.
    static func parseFiscalYear(_ s: String) throws(Failure) -> PartialDate? {
        if s.hasPrefix("FY") {
            let rest = s.dropFirst(2)
            guard rest.count == 4, rest.allSatisfy(\.isASCIIDigit) else { return nil }
            return PartialDate(fiscalYear: Int(rest)!)
        }
        guard s.hasSuffix("年度") else { return nil }
        guard let (year, era) = parseYear(String(s.dropLast(2))) else { return nil }
        try checkEra(s, era: era, year: year, month: nil, day: nil)
        return PartialDate(fiscalYear: year)
    }

    /// `2018年`, `平成30年3月`, `令和元年5月1日`, `2018年3月14日`.
    static func parseKanji(_ s: String) throws(Failure) -> PartialDate? {
        guard let yearEnd = s.firstIndex(of: "年") else { return nil }
        guard let (year, era) = parseYear(String(s[..<yearEnd])) else { return nil }
        var rest = s[s.index(after: yearEnd)...]
        var month: Int?, day: Int?
        if !rest.isEmpty {
            guard let monthEnd = rest.firstIndex(of: "月"), let m = number(rest[..<monthEnd]) else { return nil }
            month = m
            rest = rest[rest.index(after: monthEnd)...]
            if !rest.isEmpty {
                guard rest.last == "日", let d = number(rest.dropLast()) else { return nil }
                day = d
            }
        }
        let date = try calendarDate(s, year: year, month: month, day: day)
        try checkEra(s, era: era, year: year, month: month, day: day)
        return date
    }

    /// A western year (`2018`) or an era year (`平成30`, `令和元`), with the era's name.
    static func parseYear(_ s: String) -> (year: Int, era: String?)? {
        if s.count == 4, let year = number(Substring(s)) { return (year, nil) }
        for era in eras where s.hasPrefix(era.name) {
            let rest = s.dropFirst(era.name.count)
            let n = rest == "元" ? 1 : number(rest)
            guard let n, n >= 1, n <= 99 else { return nil }
            return (era.firstYear + n - 1, era.name)
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
            do {
                resolved = rest.isEmpty ? PartialDate(year: year) : try parseKanji("\(year)年\(rest)")
            } catch {
                return .failure(Failure(message: "'\(original)' → \(year)年\(rest): \(error.message)"))
            }
        }
        guard let date = resolved else {
            return .failure(Failure(message: "'\(original)' is not a date: after \(prefix) write N月 or N月N日"))
        }
        return .success(Parsed(date: date, resolution: "\(original) → \(date.iso), from the source's date \(anchor.iso)"))
    }
}

extension Character {
    /// One ASCII digit alone: a digit with a combining mark ("2" + U+064E) sorts between "0" and
    /// "9" as a Character, so a range check would let it through.
    var isASCIIDigit: Bool { asciiValue.map { (0x30...0x39).contains($0) } ?? false }
}
