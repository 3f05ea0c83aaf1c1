import RenkeiModel

/// Which events a question is about: the filters of `renkei events` and `renkei count`, already
/// checked against the store (partners resolved to ids, kinds known).
public struct EventFilter: Sendable {
    /// Any of these windows (the years and fiscal years asked for); empty means any time.
    public var periods: [QueryPeriod.Window] = []
    /// `--from`/`--until`, applied on top of `periods`.
    public var range: QueryPeriod.Window?
    /// Kinds or kind families (`consultation`); an event matches one of them.
    public var kinds: Set<String> = []
    /// Each entry is one partner as the ids it stands for (a partner set's members, all of
    /// which must take part); an event matches when it has any of the partners.
    public var partners: [[String]] = []
    /// Actors that must all take part, in any role.
    public var actors: [String] = []
    public var series: Set<String> = []
    public var themes: Set<String> = []
    public var sources: Set<String> = []
    /// Words that must all appear in the title or summary, in either language (any case).
    public var text: String?
    /// Also give events whose date is too coarse to say whether they fall in the period.
    public var includeUndetermined = false
    /// Also give retired records (deprecated or replaced), which counts leave out.
    public var includeRetired = false

    public init() {}

    /// The known kinds and kind families, for checking `--kind`.
    public static var knownKinds: [String] {
        Array(Set(Event.kinds + Event.kinds.map(Event.family(of:)))).sorted()
    }

    /// Checks a kind or family, suggesting the nearest when it is unknown.
    public static func checkKind(_ kind: String) throws(QueryError) {
        guard !knownKinds.contains(kind) else { return }
        var nearest = NearestIDs(to: kind)
        for k in knownKinds { nearest.add(k) }
        throw QueryError(.usage, "'\(kind)' is not an event kind: use one of \(knownKinds.joined(separator: ", ")).\(nearest.sentence)")
    }

    /// Whether the event is asked for, ignoring time: the non-period filters and retirement.
    public func matchesAttributes(_ event: Event) -> Bool {
        if !includeRetired && event.isRetired { return false }
        if !kinds.isEmpty && !kinds.contains(event.kind) && !kinds.contains(Event.family(of: event.kind)) { return false }
        let taking = Set(event.participants.map(\.actor))
        if !partners.isEmpty && !partners.contains(where: { $0.allSatisfy(taking.contains) }) { return false }
        if !actors.allSatisfy(taking.contains) { return false }
        if !series.isEmpty && !series.contains(event.series ?? "") { return false }
        if !themes.isEmpty && !event.themes.contains(where: themes.contains) { return false }
        if !sources.isEmpty && !event.sources.contains(where: { sources.contains($0.source) }) { return false }
        if let text, !text.isEmpty {
            let haystack = [event.title.ja, event.title.en, event.summary?.ja ?? "", event.summary?.en ?? ""]
                .joined(separator: "\n").lowercased()
            let words = text.lowercased().split(whereSeparator: \.isWhitespace)
            if !words.allSatisfy({ haystack.contains($0) }) { return false }
        }
        return true
    }

    /// Where the event's date lies against the periods asked for.
    public func placement(of date: EventDate) -> QueryPeriod.Placement {
        var result = QueryPeriod.Placement.inside
        if !periods.isEmpty {
            let placements = periods.map { $0.place(date) }
            if placements.contains(.inside) {
                result = .inside
            } else if placements.contains(.undetermined) {
                result = .undetermined
            } else {
                return .outside
            }
        }
        if let range {
            switch range.place(date) {
            case .outside: return .outside
            case .undetermined: result = .undetermined
            case .inside: break
            }
        }
        return result
    }

    /// Whether the event is given: its attributes match and its date is inside the periods (or
    /// undetermined, when those are asked for too).
    public func matches(_ event: Event) -> QueryPeriod.Placement {
        guard matchesAttributes(event) else { return .outside }
        let placement = placement(of: event.date)
        if placement == .undetermined && !includeUndetermined { return .outside }
        return placement
    }

    /// The ISO days the store may bound its cursor with (loose: the caller still checks each date).
    public var dayBounds: (first: String?, last: String?) {
        var firsts = periods.compactMap(\.first)
        var lasts = periods.compactMap(\.last)
        if firsts.count != periods.count { firsts = [] }
        if lasts.count != periods.count { lasts = [] }
        if let f = range?.first { firsts = [max(firsts.min() ?? f, f)] }
        if let l = range?.last { lasts = [min(lasts.max() ?? l, l)] }
        return (firsts.min()?.description, lasts.max()?.description)
    }
}
