import RenkeiModel

/// Where the query commands place a date in time: inside a window of days, outside it, or
/// undetermined when the date is too coarse to say (a year straddling a fiscal year's edge).
///
/// All period logic of `events` and `count` lives here and uses only the date's public reading
/// (`firstDay`, `lastDay`, `calendarYear`, `fiscalYear`), so a change to how dates are modelled
/// is adapted in this one place.
public enum QueryPeriod {
    /// A date's relation to a window: never guessed.
    public enum Placement: Sendable, Equatable { case inside, outside, undetermined }

    /// A span of whole days, either end open.
    public struct Window: Sendable, Hashable {
        public var first: PartialDate.Day?
        public var last: PartialDate.Day?

        public init(first: PartialDate.Day?, last: PartialDate.Day?) {
            self.first = first
            self.last = last
        }

        /// Calendar year `year`, 1 January to 31 December.
        public static func calendarYear(_ year: Int) -> Window {
            Window(first: .init(year: year, month: 1, day: 1), last: .init(year: year, month: 12, day: 31))
        }

        /// Fiscal year `year` (年度), 1 April `year` to 31 March of the next.
        public static func fiscalYear(_ year: Int) -> Window {
            Window(first: .init(year: year, month: 4, day: 1), last: .init(year: year + 1, month: 3, day: 31))
        }

        /// From the first day of `from` to the last day of `until`.
        public static func between(_ from: PartialDate?, _ until: PartialDate?) -> Window {
            Window(first: from?.firstDay, last: until?.lastDay)
        }

        /// Inside when every day the date can mean is in the window, outside when none is.
        public func place(_ date: PartialDate) -> Placement {
            if let first, date.lastDay < first { return .outside }
            if let last, date.firstDay > last { return .outside }
            if let first, date.firstDay < first { return .undetermined }
            if let last, date.lastDay > last { return .undetermined }
            return .inside
        }
    }

    /// The grouping of a count in time.
    public enum Unit: String, Sendable, CaseIterable {
        case year
        case fiscalYear = "fy"

        /// The year or fiscal year the date falls in, or nil when its precision does not decide it.
        public func bucket(of date: PartialDate) -> Int? {
            switch self {
            case .year: date.calendarYear
            case .fiscalYear: date.fiscalYear
            }
        }

        /// How a bucket is written: `2017`, `FY2023`.
        public func label(_ bucket: Int) -> String {
            self == .year ? String(bucket) : "FY\(bucket)"
        }
    }

    /// Reads `2017`, `2017-12` or `2017-12-05` as a date; nil for anything else.
    public static func parseDate(_ text: String) -> PartialDate? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }) else { return nil }
        let numbers = parts.map { Int($0) }
        guard numbers.allSatisfy({ $0 != nil }) else { return nil }
        return PartialDate(year: numbers[0]!, month: numbers.count > 1 ? numbers[1] : nil, day: numbers.count > 2 ? numbers[2] : nil)
    }

    /// The years the commands accept: those a record of this dataset could carry.
    public static let plausibleYears = 1900...2100
}
