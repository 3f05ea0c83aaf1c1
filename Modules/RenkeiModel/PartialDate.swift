/// A date known to the precision a source gives: a year, a month, a day, or a Japanese fiscal year.
///
/// A fiscal year (年度) runs from 1 April to 31 March; `year` is the calendar year it starts in.
public struct PartialDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    public enum Precision: String, Codable, Sendable, CaseIterable {
        case year, month, day
        case fiscalYear = "fiscal-year"
    }

    public let year: Int
    public let month: Int?
    public let day: Int?
    public let precision: Precision

    /// A calendar year, month or day; returns nil when the parts are not a real date.
    public init?(year: Int, month: Int? = nil, day: Int? = nil) {
        guard (1...9999).contains(year) else { return nil }
        if let month {
            guard (1...12).contains(month) else { return nil }
            if let day {
                guard (1...PartialDate.daysIn(month: month, year: year)).contains(day) else { return nil }
            }
        } else if day != nil {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
        self.precision = day != nil ? .day : (month != nil ? .month : .year)
    }

    /// The fiscal year that starts on 1 April of `startYear`.
    public init?(fiscalYear startYear: Int) {
        guard (1...9998).contains(startYear) else { return nil }
        self.year = startYear
        self.month = nil
        self.day = nil
        self.precision = .fiscalYear
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The first day the date can mean, as (year, month, day).
    public var firstDay: Day {
        switch precision {
        case .fiscalYear: return Day(year: year, month: 4, day: 1)
        default: return Day(year: year, month: month ?? 1, day: day ?? 1)
        }
    }

    /// The last day the date can mean.
    public var lastDay: Day {
        switch precision {
        case .fiscalYear: return Day(year: year + 1, month: 3, day: 31)
        case .year: return Day(year: year, month: 12, day: 31)
        case .month: return Day(year: year, month: month!, day: PartialDate.daysIn(month: month!, year: year))
        case .day: return Day(year: year, month: month!, day: day!)
        }
    }

    /// The ISO 8601 text at this date's precision. A fiscal year is the ISO interval of its
    /// months, `2023-04/2024-03`.
    public var iso: String {
        switch precision {
        case .year: return Self.pad(year, 4)
        case .month: return "\(Self.pad(year, 4))-\(Self.pad(month!, 2))"
        case .day: return "\(Self.pad(year, 4))-\(Self.pad(month!, 2))-\(Self.pad(day!, 2))"
        case .fiscalYear: return "\(Self.pad(year, 4))-04/\(Self.pad(year + 1, 4))-03"
        }
    }

    /// How a person would write it: ISO, or `FY2023` for a fiscal year.
    public var description: String { precision == .fiscalYear ? "FY\(year)" : iso }

    /// The fiscal year this date falls in, when the precision decides it.
    public var fiscalYear: Int? {
        switch precision {
        case .fiscalYear: return year
        case .year: return nil
        case .month, .day: return month! >= 4 ? year : year - 1
        }
    }

    /// The calendar year, when the precision decides it.
    public var calendarYear: Int? { precision == .fiscalYear ? nil : year }

    public static func < (a: PartialDate, b: PartialDate) -> Bool {
        if a.firstDay != b.firstDay { return a.firstDay < b.firstDay }
        return a.lastDay < b.lastDay
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// A calendar day, comparable.
    public struct Day: Hashable, Sendable, Comparable, CustomStringConvertible {
        public let year: Int, month: Int, day: Int
        public init(year: Int, month: Int, day: Int) {
            self.year = year
            self.month = month
            self.day = day
        }
        public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
        public var description: String {
            "\(PartialDate.pad(year, 4))-\(PartialDate.pad(month, 2))-\(PartialDate.pad(day, 2))"
        }
    }
}

extension PartialDate: Codable {
    /// Encoded as ISO 8601 (`2018-03`, `2023-04/2024-03` for a fiscal year), decoded by ``DateParser``.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        switch DateParser.parse(text) {
        case .success(let parsed): self = parsed.date
        case .failure(let error):
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}
