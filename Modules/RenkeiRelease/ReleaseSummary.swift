import RenkeiStore
import RenkeiModel

/// What an analyst reads first about a release: counts per collection, event counts per family
/// and year that moved, and derived values (indicators, claims) that moved.
public struct ReleaseSummary: Codable, Hashable, Sendable {
    /// Per collection: records before and after, and the count of each kind of change.
    public var collections: [String: CollectionSummary] = [:]
    /// Live events per kind family and calendar year, where the count or the members changed.
    public var eventsPerYear: [EventCount] = []
    /// Indicator and claim values that moved.
    public var derived: [DerivedChange] = []

    enum CodingKeys: String, CodingKey {
        case collections, derived
        case eventsPerYear = "events_per_year"
    }

    /// The number of record changes of all kinds.
    public var totalChanges: Int { collections.values.reduce(0) { $0 + $1.changes } }

    public init() {}
}

/// One collection's counts in a release diff.
public struct CollectionSummary: Codable, Hashable, Sendable {
    public var before = 0
    public var after = 0
    public var added = 0
    public var removed = 0
    public var changed = 0
    public var deprecated = 0
    public var replaced = 0

    public init() {}

    public var changes: Int { added + removed + changed + deprecated + replaced }

    mutating func count(_ op: ChangeOp) {
        switch op {
        case .add: added += 1
        case .remove: removed += 1
        case .change: changed += 1
        case .deprecate: deprecated += 1
        case .replace: replaced += 1
        }
    }
}

/// Live events of one kind family in one year, before and after, with the titles that came and went.
public struct EventCount: Codable, Hashable, Sendable {
    public var family: String
    /// The calendar year, or nil for events that lie in no single year (a fiscal year, a span, a bound, undated).
    public var year: Int?
    public var before: Int
    public var after: Int
    /// Titles of events that entered this count (added, or revived), at most ``EventCount/listed``.
    public var gained: [String]
    /// Titles of events that left it (removed or retired).
    public var lost: [String]
    /// How many titles were not listed.
    public var unlisted: Int

    public static let listed = 5
}

/// A derived value (an indicator's value per period, a claim's verdict) before and after.
public struct DerivedChange: Codable, Hashable, Sendable {
    public var collection: String
    public var id: String
    public var path: String
    public var before: JSONValue?
    public var after: JSONValue?
}

/// Builds a ``ReleaseSummary`` while the diff streams; memory is bounded by the number of
/// families × years and the derived values that moved, not by the dataset.
struct SummaryBuilder {
    private(set) var summary = ReleaseSummary()
    private var counts: [StoredEvent.Key: EventCount] = [:]
    /// The collection being walked and its counts, folded into the summary when the next begins.
    private var current: Collection?
    private var tally = CollectionSummary()

    mutating func side(_ collection: Collection, before: Bool) {
        if before { tally.before += 1 } else { tally.after += 1 }
    }

    mutating func ensure(_ collection: Collection) {
        fold()
        current = collection
        tally = summary.collections[collection.rawValue] ?? CollectionSummary()
    }

    private mutating func fold() {
        if let current { summary.collections[current.rawValue] = tally }
    }

    mutating func change(_ change: RecordChange) {
        tally.count(change.op)
        guard change.collection == .indicators || change.collection == .claims else { return }
        for field in change.fields where Self.isDerived(field.path) {
            summary.derived.append(DerivedChange(
                collection: change.collection.rawValue, id: change.id, path: field.path, before: field.before, after: field.after))
        }
    }

    static func isDerived(_ path: String) -> Bool {
        ["values", "undetermined", "actual", "holds"].contains { path == $0 || path.hasPrefix($0 + "[") || path.hasPrefix($0 + ".") }
    }

    /// Counts an event pair: the old and new stored forms (either may be nil).
    mutating func event(old: StoredEvent?, new: StoredEvent?) {
        if let old, old.live { bump(old, before: true) }
        if let new, new.live { bump(new, before: false) }
        let oldKey: StoredEvent.Key? = old.flatMap { $0.live ? $0.key : nil }
        let newKey: StoredEvent.Key? = new.flatMap { $0.live ? $0.key : nil }
        if oldKey != newKey {
            if let oldKey, let old { note(oldKey, title: old.title, gained: false) }
            if let newKey, let new { note(newKey, title: new.title, gained: true) }
        }
    }

    private mutating func bump(_ e: StoredEvent, before: Bool) {
        var entry = counts[e.key] ?? EventCount(family: e.family, year: e.year, before: 0, after: 0, gained: [], lost: [], unlisted: 0)
        if before { entry.before += 1 } else { entry.after += 1 }
        counts[e.key] = entry
    }

    private mutating func note(_ key: StoredEvent.Key, title: String, gained: Bool) {
        guard var entry = counts[key] else { return }
        if entry.gained.count + entry.lost.count >= EventCount.listed {
            entry.unlisted += 1
        } else if gained {
            entry.gained.append(title)
        } else {
            entry.lost.append(title)
        }
        counts[key] = entry
    }

    mutating func finish() -> ReleaseSummary {
        fold()
        current = nil
        summary.eventsPerYear = counts.values
            .filter { $0.before != $0.after || !$0.gained.isEmpty || !$0.lost.isEmpty || $0.unlisted > 0 }
            .sorted { ($0.family, $0.year ?? Int.max) < ($1.family, $1.year ?? Int.max) }
        summary.derived.sort { ($0.collection, $0.id, $0.path) < ($1.collection, $1.id, $1.path) }
        return summary
    }
}

/// The parts of a stored event that summaries count by.
struct StoredEvent {
    let family: String
    let year: Int?
    let title: String
    let live: Bool

    /// What events are counted by: their kind family and year.
    struct Key: Hashable {
        let family: String
        let year: Int?
    }

    var key: Key { Key(family: family, year: year) }

    init(_ document: StoredDocument) {
        family = Event.family(of: document.kind ?? "other")
        year = document.year
        title = document.title ?? document.id
        live = !document.retired
    }
}
