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

    /// Whether an event qualifies by everything but its date.
    public func matchesAttributes(_ event: Event) -> Bool {
        if !events.isEmpty && !events.contains(event.id) { return false }
        if !kinds.isEmpty && !kinds.contains(event.kind) { return false }
        if !series.isEmpty && !series.contains(event.series ?? "") { return false }
        let actors = Set(event.participants.map(\.actor))
        if !with.allSatisfy(actors.contains) { return false }
        if !withAny.isEmpty && !withAny.contains(where: actors.contains) { return false }
        if !themes.isEmpty && !themes.contains(where: event.themes.contains) { return false }
        if !citedBy.isEmpty && !event.sources.contains(where: { citedBy.contains($0.source) }) { return false }
        return true
    }

    /// The days `from` and `until` allow, when either is given.
    public var window: DayWindow? {
        from == nil && until == nil ? nil : .between(from, until)
    }

    /// Whether an event qualifies: `.inside` when it does, `.undetermined` when its date is too
    /// coarse to say whether it lies between `from` and `until`.
    public func placement(of event: Event) -> DayWindow.Placement {
        guard matchesAttributes(event) else { return .outside }
        return window?.place(event.date) ?? .inside
    }
}

/// How a count is grouped in time: the period kind of an indicator or a claim.
public enum Period: String, Codable, Hashable, Sendable, CaseIterable {
    case year
    case fiscalYear = "fiscal-year"

    /// The label of the period every day of the date lies in (`2018`, `FY2018`), or nil when
    /// the date allows more than one (a year straddles two fiscal years; a bound or an undated
    /// event may lie in many).
    public func label(of date: EventDate) -> String? {
        switch self {
        case .year: date.calendarYear.map(label(ofYear:))
        case .fiscalYear: date.fiscalYear.map(label(ofYear:))
        }
    }

    /// How the period starting in `year` is written: `2018`, `FY2018`.
    public func label(ofYear year: Int) -> String {
        self == .year ? String(year) : "FY\(year)"
    }

    /// The year of a label written by ``label(ofYear:)``.
    public func year(ofLabel label: String) -> Int? {
        Int(self == .year ? Substring(label) : label.dropFirst(2))
    }

    /// The days of the period starting in `year`.
    public func window(ofYear year: Int) -> DayWindow {
        self == .year ? .calendarYear(year) : .fiscalYear(year)
    }

    /// The period a day lies in.
    public func year(of day: PartialDate.Day) -> Int {
        self == .year || day.month >= 4 ? day.year : day.year - 1
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

/// A count per period, with what could not be placed kept apart: never guessed.
public struct PeriodCounts: Codable, Hashable, Sendable {
    /// Per period, what certainly lies in it.
    public var values: [String: Int]
    /// Per period, how many more could lie in it: records whose dates allow this period and
    /// others (for distinct counts, the actors or series they would add).
    public var undeterminedIn: [String: Int]
    /// The records that lie in no single period.
    public var undetermined: Int
    public init(values: [String: Int] = [:], undeterminedIn: [String: Int] = [:], undetermined: Int = 0) {
        self.values = values
        self.undeterminedIn = undeterminedIn
        self.undetermined = undetermined
    }

    /// Every period with a value or an undetermined count, in order.
    public var periods: [String] { Set(values.keys).union(undeterminedIn.keys).sorted() }
}

/// Evaluates a query over events fed one at a time, so it works over a cursor.
public struct QueryEvaluator: Sendable {
    public let query: Query
    private var total = 0
    private var distinct: Set<String> = []
    /// Records that match but whose dates may or may not lie between `from` and `until`.
    private var looseTotal = 0
    private var looseDistinct: Set<String> = []
    private var byPeriod: [Period: [String: Int]] = [:]
    private var distinctByPeriod: [Period: [String: Set<String>]] = [:]
    /// Per period kind, the spans of the events that lie in no single period, with how many
    /// events share each span and the keys they carry.
    private var looseSpans: [Period: [Span: (events: Int, keys: Set<String>)]] = [:]
    /// With `count: editions`: per series (or event id), the matching events and the highest ordinal.
    private var rounds: [String: (events: Int, ordinal: Int)] = [:]
    /// With `count: members`: the members found so far, and the retired actors left out of them.
    private var members: Set<String> = []
    private var looseMembers: Set<String> = []
    private var retiredActors: Set<String> = []

    private struct Span: Hashable {
        var earliest: PartialDate.Day?
        var latest: PartialDate.Day?
    }

    /// The most periods one bounded span is spread over when telling where it could lie.
    static let spreadLimit = 200

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
        guard !event.isRetired else { return }
        let placement = query.placement(of: event)
        if placement == .outside { return }
        let keys = keys(of: event)
        if placement == .undetermined {
            looseTotal += 1
            looseDistinct.formUnion(keys)
            return
        }
        if query.count == .editions {
            let key = event.series ?? event.id
            let seen = rounds[key] ?? (0, 0)
            rounds[key] = (seen.events + 1, max(seen.ordinal, event.series == nil ? 0 : event.ordinal ?? 0))
        }
        total += 1
        distinct.formUnion(keys)
        for period in Period.allCases {
            guard let label = period.label(of: event.date) else {
                let span = Span(earliest: event.date.earliest, latest: event.date.latest)
                let seen = looseSpans[period, default: [:]][span] ?? (0, [])
                looseSpans[period, default: [:]][span] = (seen.events + 1, seen.keys.union(keys))
                continue
            }
            byPeriod[period, default: [:]][label, default: 0] += 1
            distinctByPeriod[period, default: [:]][label, default: []].formUnion(keys)
        }
    }

    /// A `membership-start` event of the counted actor, dated on or before `as_of`, adds the
    /// actors that joined it (role `member`); one whose date may fall either side of `as_of`
    /// leaves them undetermined.
    private mutating func addMembership(_ event: Event) {
        guard !event.isRetired, event.kind == "membership-start", let of = query.of,
            event.participants.contains(where: { $0.actor == of })
        else { return }
        let joined = event.participants.filter { $0.role == "member" && $0.actor != of }.map(\.actor)
        switch query.asOf.map({ DayWindow(first: nil, last: $0.lastDay).place(event.date) }) ?? .inside {
        case .inside: members.formUnion(joined)
        case .undetermined: looseMembers.formUnion(joined)
        case .outside: return
        }
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
        case .members: countedMembers.count
        case .editions: rounds.values.reduce(0) { $0 + max($1.events, $1.ordinal) }
        }
    }

    private var countedMembers: Set<String> {
        members.subtracting(query.exclude).subtracting(retiredActors)
    }

    /// How many more the total could be: records that match but whose dates may lie outside
    /// `from`/`until` (or after `as_of`).
    public var undeterminedTotal: Int {
        switch query.count {
        case .events, .editions: looseTotal
        case .partners, .series: looseDistinct.subtracting(distinct).count
        case .members: looseMembers.subtracting(query.exclude).subtracting(retiredActors).subtracting(countedMembers).count
        }
    }

    /// The count per period of the given grouping; undetermined counts are told for the periods
    /// with a value, those a bounded date covers, and the `including` labels.
    public func counts(per period: Period, including labels: [String] = []) -> PeriodCounts {
        // Editions per period are the events held in it; members have no period.
        let byEvents = query.count == .events || query.count == .editions
        let counted = distinctByPeriod[period] ?? [:]
        let values: [String: Int] = byEvents ? byPeriod[period] ?? [:] : counted.mapValues(\.count)
        let spans = looseSpans[period] ?? [:]
        // The periods worth telling about: those with a value, and every period a bounded span covers.
        var years = Set((Array(values.keys) + labels).compactMap(period.year(ofLabel:)))
        for span in spans.keys {
            guard let e = span.earliest, let l = span.latest else { continue }
            let a = period.year(of: e), b = period.year(of: l)
            if b - a < Self.spreadLimit { years.formUnion(a...b) }
        }
        var undeterminedIn: [String: Int] = [:]
        for year in years {
            let window = period.window(ofYear: year), label = period.label(ofYear: year)
            let overlapping = spans.filter { window.place(earliest: $0.key.earliest, latest: $0.key.latest) != .outside }
            let n =
                byEvents
                ? overlapping.values.reduce(0) { $0 + $1.events }
                : overlapping.values.reduce(into: Set<String>()) { $0.formUnion($1.keys) }.subtracting(counted[label] ?? []).count
            if n > 0 { undeterminedIn[label] = n }
        }
        let undetermined = spans.values.reduce(0) { $0 + $1.events }
        return PeriodCounts(values: values, undeterminedIn: undeterminedIn, undetermined: undetermined)
    }
}
