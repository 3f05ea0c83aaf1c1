import RenkeiModel

/// Where the query commands place a date in time: inside a window of days, outside it, or
/// undetermined when the date allows days on both sides (a year straddling a fiscal year's
/// edge, a bound, an undated event).
///
/// The commands' period logic lives here and in the model's ``DayWindow``, and uses only the
/// date's public reading (`earliest`, `latest`, `calendarYear`, `fiscalYear`).
public enum QueryPeriod {
    /// A date's relation to a window: never guessed.
    public typealias Placement = DayWindow.Placement

    /// A span of whole days, either end open (the model's ``DayWindow``).
    public typealias Window = DayWindow

    /// The grouping of a count in time.
    public enum Unit: String, Sendable, CaseIterable {
        case year
        case fiscalYear = "fy"

        /// The year or fiscal year every day of the date lies in, or nil when it allows more than one.
        public func bucket(of date: EventDate) -> Int? {
            switch self {
            case .year: date.calendarYear
            case .fiscalYear: date.fiscalYear
            }
        }

        /// How a bucket is written: `2017`, `FY2023`.
        public func label(_ bucket: Int) -> String {
            (self == .year ? Period.year : Period.fiscalYear).label(ofYear: bucket)
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
