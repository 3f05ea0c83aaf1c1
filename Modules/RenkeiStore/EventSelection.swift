import GRDB
import RenkeiModel

/// Which events a read of the store selects, in the store's own terms: the filters of
/// `renkei events` and `renkei count` with partners and kinds already resolved to ids.
///
/// It is decided in SQL on the `events` table's columns (`earliest`, `latest`, `kind`, `series`,
/// `retired`) and on `event_participants`, `event_themes` and `citations`, so that no event's
/// JSON is read to choose it. A date's place in a window is ``DayWindow/place(earliest:latest:)``
/// written in SQL (``placementSQL(_:)``); that Swift function stays the reference.
public struct EventSelection: Sendable {
    /// Any of these windows (years, fiscal years); empty means any time.
    public var periods: [DayWindow] = []
    /// A window applied on top of `periods` (`--from`/`--until`).
    public var range: DayWindow?
    /// The kinds taken, each named exactly (families already expanded); empty means any kind.
    public var kinds: Set<String> = []
    /// Each entry is one partner as the ids it stands for, all of which must take part; an event
    /// is taken when any entry does.
    public var partners: [[String]] = []
    /// Actors that must all take part, in any role.
    public var actors: [String] = []
    public var series: Set<String> = []
    public var themes: Set<String> = []
    /// Sources an event must cite (any of them).
    public var sources: Set<String> = []
    /// Decides the text filter on an event's title and summary (ja, en; a missing summary is
    /// empty): the caller's rule, which SQLite calls for each event the other filters leave.
    public var text: (@Sendable (_ title: LocalizedText, _ summary: LocalizedText?) -> Bool)?
    /// Also take events whose date may or may not lie in the periods.
    public var includeUndetermined = false
    /// Also take retired events (deprecated or replaced).
    public var includeRetired = false

    public init() {}

    /// What events are counted by in ``Store/countEvents(_:by:_:)``.
    public enum Key: Sendable, Hashable {
        /// The calendar year every day of the date lies in (none when it allows several).
        case year
        /// The fiscal year every day of the date lies in (none when it allows several).
        case fiscalYear
        case kind
        case series
        /// The participants, leaving out these ids (Japan's side).
        case partners(excluding: Set<String>)
        case themes
        /// The sources cited.
        case sources

        /// The column, or the list of values (joined by ``EventSelection/separator``), of event `e`.
        func sql(_ arguments: inout [any DatabaseValueConvertible]) -> String {
            switch self {
            case .year: return "e.year"
            case .fiscalYear: return "e.fiscal_year"
            case .kind: return "e.kind"
            case .series: return "e.series"
            case .partners(let excluded):
                arguments += excluded.sorted() as [any DatabaseValueConvertible]
                let list = excluded.isEmpty ? "" : " AND p.actor NOT IN (\(Array(repeating: "?", count: excluded.count).joined(separator: ", ")))"
                return "(SELECT group_concat(p.actor, char(31)) FROM event_participants p WHERE p.event = e.id\(list))"
            case .themes:
                return "(SELECT group_concat(t.theme, char(31)) FROM event_themes t WHERE t.event = e.id)"
            case .sources:
                return "(SELECT group_concat(c.source, char(31)) FROM citations c WHERE c.record = e.id AND c.collection = 'events')"
            }
        }
    }

    /// Events that share where their date lies and their values of each key, and how many they are.
    public struct Group: Sendable, Hashable {
        public var placement: DayWindow.Placement
        /// For each key, the event's values (a year as its number), in no particular order and
        /// possibly repeated (a partner in two roles); empty when it has none.
        public var values: [[String]]
        public var count: Int
    }

    /// Joins the values of a key with several values per event.
    static let separator: Character = "\u{1F}"

    /// Placements as SQL gives them: 0 outside, 1 undetermined, 2 inside.
    static func placement(_ code: Int) -> DayWindow.Placement {
        switch code {
        case 2: .inside
        case 1: .undetermined
        default: .outside
        }
    }

    /// ``DayWindow/place(earliest:latest:)`` in SQL, for the row `e` of `events` (null `earliest`
    /// or `latest`: open on that side): 0 outside, 1 undetermined, 2 inside.
    public static func placementSQL(_ window: DayWindow) -> String {
        func day(_ d: PartialDate.Day) -> String { "'\(d.description)'" }
        var outside: [String] = [], undetermined: [String] = []
        if let first = window.first {
            outside.append("e.latest < \(day(first))")
            undetermined.append("e.earliest IS NULL OR e.earliest < \(day(first))")
        }
        if let last = window.last {
            outside.append("e.earliest > \(day(last))")
            undetermined.append("e.latest IS NULL OR e.latest > \(day(last))")
        }
        if outside.isEmpty { return "2" }
        return "(CASE WHEN \(outside.joined(separator: " OR ")) THEN 0 WHEN \(undetermined.joined(separator: " OR ")) THEN 1 ELSE 2 END)"
    }

    /// The placement against every window asked for, as ``placementSQL(_:)`` codes: inside any
    /// period wins over undetermined in one, and the range can only lower it.
    var placementSQL: String {
        let periodSQL = periods.map(Self.placementSQL)
        var combined = periodSQL.count > 1 ? "max(\(periodSQL.joined(separator: ", ")))" : periodSQL.first
        if let range {
            let r = Self.placementSQL(range)
            combined = combined.map { "min(\($0), \(r))" } ?? r
        }
        return combined ?? "2"
    }

    /// A condition every event that is not outside the windows meets, written so that SQLite
    /// reads ranges of indexes rather than every event: an event within one calendar year (`year`
    /// set) starts no earlier than the first of January of the first window's year and no later
    /// than the last window's last day, a range of `events_by_date`; the others (`year` null:
    /// bounds, spans across years, undated) are few and have their own index. Each row is then
    /// placed exactly by ``placementSQL``.
    var dateBound: String? {
        var firsts = periods.map(\.first), lasts = periods.map(\.last)
        if let range {
            firsts = firsts.isEmpty ? [range.first] : firsts.map { f in [f, range.first].compactMap { $0 }.max() }
            lasts = lasts.isEmpty ? [range.last] : lasts.map { l in [l, range.last].compactMap { $0 }.min() }
        }
        let first = firsts.contains(where: { $0 == nil }) ? nil : firsts.compactMap { $0 }.min()
        let last = lasts.contains(where: { $0 == nil }) ? nil : lasts.compactMap { $0 }.max()
        var day: [String] = []
        if let first { day.append("sort_day >= '\(PartialDate.Day(year: first.year, month: 1, day: 1).description)'") }
        if let last { day.append("sort_day <= '\(last.description)'") }
        guard !day.isEmpty else { return nil }
        return """
            e.rowid IN (SELECT rowid FROM events WHERE \(day.joined(separator: " AND ")) \
            UNION ALL SELECT rowid FROM events WHERE year IS NULL)
            """
    }

    /// The placement expression and the conditions (with their arguments) of the events taken
    /// with a placement of at least `minimum`.
    func sql(minimum: Int) -> (placement: String, conditions: String, arguments: [any DatabaseValueConvertible]) {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        func list(_ values: Set<String>) -> String {
            arguments += values.sorted() as [any DatabaseValueConvertible]
            return "(" + Array(repeating: "?", count: values.count).joined(separator: ", ") + ")"
        }
        func taking(_ actor: String) -> String {
            arguments.append(actor)
            return "SELECT event FROM event_participants WHERE actor = ?"
        }
        if !includeRetired { conditions.append("e.retired = 0") }
        if !kinds.isEmpty { conditions.append("e.kind IN \(list(kinds))") }
        if !partners.isEmpty {
            let alternatives = partners.map { members in
                "SELECT event FROM (" + members.map(taking).joined(separator: " INTERSECT ") + ")"
            }
            conditions.append("e.id IN (\(alternatives.joined(separator: " UNION ")))")
        }
        for actor in actors { conditions.append("e.id IN (\(taking(actor)))") }
        if !series.isEmpty { conditions.append("e.series IN \(list(series))") }
        if !themes.isEmpty { conditions.append("e.id IN (SELECT event FROM event_themes WHERE theme IN \(list(themes)))") }
        if !sources.isEmpty {
            conditions.append("e.id IN (SELECT record FROM citations WHERE collection = 'events' AND source IN \(list(sources)))")
        }
        if let dateBound { conditions.append(dateBound) }
        let placement = placementSQL
        if placement != "2" { conditions.append("\(placement) >= \(minimum)") }
        if text != nil { conditions.append("renkei_event_text(e.title_ja, e.title_en, e.summary_ja, e.summary_en)") }
        return (placement, conditions.isEmpty ? "1" : conditions.joined(separator: " AND "), arguments)
    }

    /// Makes the text rule callable from SQL on this connection.
    func register(in db: Database) {
        guard let text else { return }
        db.add(function: DatabaseFunction("renkei_event_text", argumentCount: 4, pure: true) { values in
            func string(_ i: Int) -> String? { String.fromDatabaseValue(values[i]) }
            let title = LocalizedText(ja: string(0) ?? "", en: string(1) ?? "")
            let summary = string(2) == nil && string(3) == nil ? nil : LocalizedText(ja: string(2) ?? "", en: string(3) ?? "")
            return text(title, summary)
        })
    }
}
