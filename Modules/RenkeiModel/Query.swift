/// A definition evaluated over the events: what to count, which events qualify, and
/// whether to group the count by calendar or fiscal year.
///
/// Indicators and claims carry a query, so their values are computed, never typed in.
public struct Query: Codable, Hashable, Sendable {
    /// What is counted.
    public enum Count: String, Codable, Hashable, Sendable, CaseIterable {
        /// Matching events.
        case events
        /// Distinct actors taking part in matching events, less `exclude`.
        case partners
        /// Distinct series of matching events.
        case series
    }

    public var count: Count
    public var kinds: [String]
    public var series: [String]
    public var with: [String]
    public var withAny: [String]
    public var roles: [String]
    public var themes: [String]
    public var citedBy: [String]
    public var from: PartialDate?
    public var until: PartialDate?
    public var exclude: [String]
    public var per: Period?

    enum CodingKeys: String, CodingKey {
        case count, kinds, series, with, roles, themes, from, until, exclude, per
        case withAny = "with_any"
        case citedBy = "cited_by"
    }

    public init(
        count: Count, kinds: [String] = [], series: [String] = [], with: [String] = [], withAny: [String] = [],
        roles: [String] = [], themes: [String] = [], citedBy: [String] = [], from: PartialDate? = nil,
        until: PartialDate? = nil, exclude: [String] = [], per: Period? = nil
    ) {
        self.count = count
        self.kinds = kinds
        self.series = series
        self.with = with
        self.withAny = withAny
        self.roles = roles
        self.themes = themes
        self.citedBy = citedBy
        self.from = from
        self.until = until
        self.exclude = exclude
        self.per = per
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        count = try c.decode(Count.self, forKey: .count)
        kinds = try c.decodeIfPresent([String].self, forKey: .kinds) ?? []
        series = try c.decodeIfPresent([String].self, forKey: .series) ?? []
        with = try c.decodeIfPresent([String].self, forKey: .with) ?? []
        withAny = try c.decodeIfPresent([String].self, forKey: .withAny) ?? []
        roles = try c.decodeIfPresent([String].self, forKey: .roles) ?? []
        themes = try c.decodeIfPresent([String].self, forKey: .themes) ?? []
        citedBy = try c.decodeIfPresent([String].self, forKey: .citedBy) ?? []
        from = try c.decodeIfPresent(PartialDate.self, forKey: .from)
        until = try c.decodeIfPresent(PartialDate.self, forKey: .until)
        exclude = try c.decodeIfPresent([String].self, forKey: .exclude) ?? []
        per = try c.decodeIfPresent(Period.self, forKey: .per)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(count, forKey: .count)
        for (key, list) in [
            (CodingKeys.kinds, kinds), (.series, series), (.with, with), (.withAny, withAny), (.roles, roles),
            (.themes, themes), (.citedBy, citedBy), (.exclude, exclude),
        ] where !list.isEmpty {
            try c.encode(list, forKey: key)
        }
        try c.encodeIfPresent(from, forKey: .from)
        try c.encodeIfPresent(until, forKey: .until)
        try c.encodeIfPresent(per, forKey: .per)
    }

    /// Whether an event qualifies.
    public func matches(_ event: Event) -> Bool {
        if !kinds.isEmpty && !kinds.contains(event.kind) { return false }
        if !series.isEmpty && !series.contains(event.series ?? "") { return false }
        let actors = Set(event.participants.map(\.actor))
        if !with.allSatisfy(actors.contains) { return false }
        if !withAny.isEmpty && !withAny.contains(where: actors.contains) { return false }
        if !themes.isEmpty && !themes.contains(where: event.themes.contains) { return false }
        if !citedBy.isEmpty && !event.sources.contains(where: { citedBy.contains($0.source) }) { return false }
        if let from, event.date.firstDay < from.firstDay { return false }
        if let until, event.date.firstDay > until.lastDay { return false }
        return true
    }
}

/// How a count is grouped in time.
public enum Period: String, Codable, Hashable, Sendable, CaseIterable {
    case year
    case fiscalYear = "fiscal-year"

    /// The label of the period an event falls in (`2018`, `FY2018`), or nil when the event's
    /// date is too coarse to say (a year-precision date has no single fiscal year).
    public func label(of date: PartialDate) -> String? {
        switch self {
        case .year: date.calendarYear.map { String($0) }
        case .fiscalYear: date.fiscalYear.map { "FY\($0)" }
        }
    }

    /// Normalises a period key written in a source file (`2018`, `FY2018`, `2018年度`).
    public func normalize(_ key: String) -> String? {
        let digits = key.filter(\.isASCIIDigit)
        guard digits.count == 4 else { return nil }
        switch self {
        case .year: return key == digits ? digits : nil
        case .fiscalYear:
            return key == digits || key == "FY\(digits)" || key == "\(digits)年度" ? "FY\(digits)" : nil
        }
    }
}

/// A count per period, with the events whose period could not be decided kept apart.
public struct PeriodCounts: Codable, Hashable, Sendable {
    public var values: [String: Int]
    public var undetermined: Int
    public init(values: [String: Int] = [:], undetermined: Int = 0) {
        self.values = values
        self.undetermined = undetermined
    }
}

/// Evaluates a query over events fed one at a time, so it works over a cursor.
public struct QueryEvaluator: Sendable {
    public let query: Query
    private var total = 0
    private var distinct: Set<String> = []
    private var byPeriod: [Period: [String: Int]] = [:]
    private var distinctByPeriod: [Period: [String: Set<String>]] = [:]
    private var undetermined: [Period: Int] = [:]

    public init(_ query: Query) { self.query = query }

    /// Counts `event` if it qualifies; retired events (deprecated or replaced) never count.
    public mutating func add(_ event: Event) {
        guard !event.isRetired, query.matches(event) else { return }
        let keys = keys(of: event)
        total += 1
        distinct.formUnion(keys)
        for period in Period.allCases {
            guard let label = period.label(of: event.date) else {
                undetermined[period, default: 0] += 1
                continue
            }
            byPeriod[period, default: [:]][label, default: 0] += 1
            distinctByPeriod[period, default: [:]][label, default: []].formUnion(keys)
        }
    }

    private func keys(of event: Event) -> [String] {
        switch query.count {
        case .events: return []
        case .series: return event.series.map { [$0] } ?? []
        case .partners:
            return event.participants
                .filter { query.roles.isEmpty || query.roles.contains($0.role) }
                .map(\.actor)
                .filter { !query.exclude.contains($0) }
        }
    }

    /// The count over every qualifying event.
    public var totalValue: Int { query.count == .events ? total : distinct.count }

    /// The count per period of the given grouping.
    public func counts(per period: Period) -> PeriodCounts {
        let values: [String: Int] =
            query.count == .events
            ? byPeriod[period] ?? [:]
            : (distinctByPeriod[period] ?? [:]).mapValues(\.count)
        return PeriodCounts(values: values, undetermined: undetermined[period] ?? 0)
    }
}
