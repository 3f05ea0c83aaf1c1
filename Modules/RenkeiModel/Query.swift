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
        /// The members of the actor `of` as of `as_of`, less `exclude`: the members its record
        /// lists (none when it was founded after `as_of`) and the actors that joined it in a
        /// `membership-start` event dated on or before `as_of`.
        case members
        /// The rounds of each matching series held up to `until`: the matching events of the
        /// series, or the highest ordinal among them when that is larger (the fourth round says
        /// three came before it, recorded or not). An event outside any series is one round.
        case editions
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
    /// With `count: members`: the actor whose members are counted.
    public var of: String?
    /// With `count: members`: the date the membership is counted at (a source's date).
    public var asOf: PartialDate?
    /// Only these events qualify (ids), when given: the set of events a source summarises.
    public var events: [String]

    enum CodingKeys: String, CodingKey {
        case count, kinds, series, with, roles, themes, from, until, exclude, per, of, events
        case withAny = "with_any"
        case citedBy = "cited_by"
        case asOf = "as_of"
    }

    public init(
        count: Count, kinds: [String] = [], series: [String] = [], with: [String] = [], withAny: [String] = [],
        roles: [String] = [], themes: [String] = [], citedBy: [String] = [], from: PartialDate? = nil,
        until: PartialDate? = nil, exclude: [String] = [], per: Period? = nil, of: String? = nil,
        asOf: PartialDate? = nil, events: [String] = []
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
        self.of = of
        self.asOf = asOf
        self.events = events
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
        of = try c.decodeIfPresent(String.self, forKey: .of)
        asOf = try c.decodeIfPresent(PartialDate.self, forKey: .asOf)
        events = try c.decodeIfPresent([String].self, forKey: .events) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(count, forKey: .count)
        for (key, list) in [
            (CodingKeys.kinds, kinds), (.series, series), (.with, with), (.withAny, withAny), (.roles, roles),
            (.themes, themes), (.citedBy, citedBy), (.exclude, exclude), (.events, events),
        ] where !list.isEmpty {
            try c.encode(list, forKey: key)
        }
        try c.encodeIfPresent(from, forKey: .from)
        try c.encodeIfPresent(until, forKey: .until)
        try c.encodeIfPresent(per, forKey: .per)
        try c.encodeIfPresent(of, forKey: .of)
        try c.encodeIfPresent(asOf, forKey: .asOf)
    }

    /// Whether an event qualifies.
    public func matches(_ event: Event) -> Bool {
        if !events.isEmpty && !events.contains(event.id) { return false }
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
    /// With `count: editions`: per series (or event id), the matching events and the highest ordinal.
    private var rounds: [String: (events: Int, ordinal: Int)] = [:]
    /// With `count: members`: the members found so far, and the retired actors left out of them.
    private var members: Set<String> = []
    private var retiredActors: Set<String> = []

    public init(_ query: Query) { self.query = query }

    /// Takes the members of the actor a `count: members` query names; call it for every actor
    /// before the events. Retired actors never count.
    public mutating func add(_ actor: Actor) {
        guard query.count == .members else { return }
        if actor.isRetired { retiredActors.insert(actor.id) }
        guard !actor.isRetired, actor.id == query.of else { return }
        if let asOf = query.asOf, let founded = actor.founded, founded.firstDay > asOf.lastDay { return }
        members.formUnion(actor.members)
    }

    /// Counts `event` if it qualifies; retired events (deprecated or replaced) never count.
    public mutating func add(_ event: Event) {
        if query.count == .members {
            addMembership(event)
            return
        }
        guard !event.isRetired, query.matches(event) else { return }
        if query.count == .editions {
            let key = event.series ?? event.id
            let seen = rounds[key] ?? (0, 0)
            rounds[key] = (seen.events + 1, max(seen.ordinal, event.series == nil ? 0 : event.ordinal ?? 0))
        }
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

    /// A `membership-start` event of the counted actor, dated on or before `as_of`, adds the
    /// actors that joined it (role `member`).
    private mutating func addMembership(_ event: Event) {
        guard !event.isRetired, event.kind == "membership-start", let of = query.of,
            event.participants.contains(where: { $0.actor == of })
        else { return }
        if let asOf = query.asOf, event.date.firstDay > asOf.lastDay { return }
        members.formUnion(event.participants.filter { $0.role == "member" && $0.actor != of }.map(\.actor))
    }

    private func keys(of event: Event) -> [String] {
        switch query.count {
        case .events, .editions, .members: return []
        case .series: return event.series.map { [$0] } ?? []
        case .partners:
            return event.participants
                .filter { query.roles.isEmpty || query.roles.contains($0.role) }
                .map(\.actor)
                .filter { !query.exclude.contains($0) }
        }
    }

    /// The count over every qualifying event.
    public var totalValue: Int {
        switch query.count {
        case .events: total
        case .partners, .series: distinct.count
        case .members: members.subtracting(query.exclude).subtracting(retiredActors).count
        case .editions: rounds.values.reduce(0) { $0 + max($1.events, $1.ordinal) }
        }
    }

    /// The count per period of the given grouping.
    public func counts(per period: Period) -> PeriodCounts {
        // Editions per period are the events held in it; members have no period.
        let values: [String: Int] =
            query.count == .events || query.count == .editions
            ? byPeriod[period] ?? [:]
            : (distinctByPeriod[period] ?? [:]).mapValues(\.count)
        return PeriodCounts(values: values, undetermined: undetermined[period] ?? 0)
    }
}
