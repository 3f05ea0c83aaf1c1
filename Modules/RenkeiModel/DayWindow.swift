/// A span of whole days, either end open: a calendar or fiscal year, or a query's `from`/`until`.
///
/// It places an event's date without guessing: inside when every day the date allows lies in
/// the window, outside when none does, undetermined otherwise.
public struct DayWindow: Sendable, Hashable {
    /// Where a date lies against a window.
    public enum Placement: Sendable, Equatable { case inside, outside, undetermined }

    public var first: PartialDate.Day?
    public var last: PartialDate.Day?

    public init(first: PartialDate.Day?, last: PartialDate.Day?) {
        self.first = first
        self.last = last
    }

    /// Calendar year `year`, 1 January to 31 December.
    public static func calendarYear(_ year: Int) -> DayWindow {
        DayWindow(first: .init(year: year, month: 1, day: 1), last: .init(year: year, month: 12, day: 31))
    }

    /// Fiscal year `year` (年度), 1 April `year` to 31 March of the next.
    public static func fiscalYear(_ year: Int) -> DayWindow {
        DayWindow(first: .init(year: year, month: 4, day: 1), last: .init(year: year + 1, month: 3, day: 31))
    }

    /// From the first day of `from` to the last day of `until`.
    public static func between(_ from: PartialDate?, _ until: PartialDate?) -> DayWindow {
        DayWindow(first: from?.firstDay, last: until?.lastDay)
    }

    /// Places the days from `earliest` to `latest` (nil: unbounded on that side).
    public func place(earliest: PartialDate.Day?, latest: PartialDate.Day?) -> Placement {
        if let first, let latest, latest < first { return .outside }
        if let last, let earliest, earliest > last { return .outside }
        if let first, earliest.map({ $0 < first }) ?? true { return .undetermined }
        if let last, latest.map({ $0 > last }) ?? true { return .undetermined }
        return .inside
    }

    /// Places an event's date.
    public func place(_ date: EventDate) -> Placement { place(earliest: date.earliest, latest: date.latest) }

    /// Places a date known to a precision.
    public func place(_ date: PartialDate) -> Placement { place(earliest: date.firstDay, latest: date.lastDay) }
}
