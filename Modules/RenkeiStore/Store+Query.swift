import Foundation
import GRDB
import RenkeiModel

/// One searchable field of a record, as the store's search tables hold it.
public struct StoredField: Hashable, Sendable {
    public var record: String
    public var collection: Collection
    public var field: String
    public var language: String
    public var text: String
}

/// A record that refers to another: who refers (`collection`, `id`) and how (`relation`, such as
/// `participant`, `series`, `cites`), with the detail the reference carries (a role, a locator).
public struct StoredLink: Hashable, Sendable {
    public var collection: Collection
    public var id: String
    public var relation: String
    public var detail: String?
}

/// Reads for the query commands (`events`, `count`, `show`, `search`): every one walks a cursor,
/// so what a caller keeps is what it chooses to keep.
extension Store {
    /// The collection that holds a record with this id, or nil.
    public func collection(of id: String) throws(StoreError) -> Collection? {
        try read { db in
            for collection in Collection.allCases {
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM \(collection.rawValue) WHERE id = ?", arguments: [id]) == true {
                    return collection
                }
            }
            return nil
        }
    }

    /// Calls `body` with the id of every record, collection by collection.
    public func forEachID(_ body: (Collection, String) throws -> Void) throws(StoreError) {
        try read { db in
            for collection in Collection.allCases {
                let cursor = try String.fetchCursor(db, sql: "SELECT id FROM \(collection.rawValue) ORDER BY id")
                while let id = try cursor.next() { try body(collection, id) }
            }
        }
    }

    /// Calls `body` with the events whose dates may reach into `firstDay...lastDay` (ISO days, either
    /// end open), in date order; the caller decides what a coarse date that straddles an end means.
    public func forEachEvent(from firstDay: String? = nil, until lastDay: String? = nil, _ body: (Event) throws -> Void) throws(StoreError) {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let lastDay {
            conditions.append("(earliest IS NULL OR earliest <= ?)")
            arguments.append(lastDay)
        }
        if let firstDay {
            conditions.append("(latest IS NULL OR latest >= ?)")
            arguments.append(firstDay)
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        try read { db in
            let cursor = try String.fetchCursor(
                db, sql: "SELECT doc FROM events \(filter) ORDER BY sort_day, id", arguments: StatementArguments(arguments))
            while let doc = try cursor.next() {
                guard case .event(let event) = try Self.decode(doc, as: .events) else { continue }
                try body(event)
            }
        }
    }

    /// Calls `body` with each event the selection takes, in date order, with where its date lies
    /// against the periods asked for. The filters are decided on the `events` table's columns and
    /// the participant, theme and citation tables; only the events given are decoded.
    public func forEachEvent(_ selection: EventSelection, _ body: (Event, DayWindow.Placement) throws -> Void) throws(StoreError) {
        let query = selection.sql(minimum: selection.includeUndetermined ? 1 : 2)
        try read { db in
            try requireQueryColumns(db)
            selection.register(in: db)
            let cursor = try Row.fetchCursor(
                db, sql: "SELECT e.doc, \(query.placement) FROM events e WHERE \(query.conditions) ORDER BY e.sort_day, e.id",
                arguments: StatementArguments(query.arguments))
            while let row = try cursor.next() {
                guard case .event(let event) = try Self.decode(row[0], as: .events) else { continue }
                try body(event, EventSelection.placement(row[1]))
            }
        }
    }

    /// Counts the events the selection takes, undetermined ones included (told apart by their
    /// placement), in groups of events that share their values of `keys`: SQLite counts, and
    /// `body` gets one call per group, so a million events are a few hundred calls.
    public func countEvents(_ selection: EventSelection, by keys: [EventSelection.Key], _ body: (EventSelection.Group) throws -> Void) throws(StoreError) {
        let query = selection.sql(minimum: 1)
        // The keys' arguments come first: their columns precede the conditions in the SQL.
        var arguments: [any DatabaseValueConvertible] = []
        let columns = keys.enumerated().map { i, key in "\(key.sql(&arguments)) AS k\(i)" }
        arguments += query.arguments
        let names = (0..<keys.count).map { "k\($0)" }
        let sql = """
            SELECT placement, \((names + ["count(*)"]).joined(separator: ", ")) FROM (
              SELECT \(([query.placement + " AS placement"] + columns).joined(separator: ", ")) FROM events e WHERE \(query.conditions))
            GROUP BY \((["placement"] + names).joined(separator: ", "))
            """
        try read { db in
            try requireQueryColumns(db)
            selection.register(in: db)
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments))
            while let row = try cursor.next() {
                let values = keys.indices.map { i -> [String] in
                    switch (row[i + 1] as DatabaseValue).storage {
                    case .string(let text): text.split(separator: EventSelection.separator).map(String.init)
                    case .int64(let number): [String(number)]
                    default: []
                    }
                }
                try body(EventSelection.Group(placement: EventSelection.placement(row[0]), values: values, count: row[keys.count + 1]))
            }
        }
    }

    /// Calls `body` with every record that refers to `id`, grouped by relation.
    public func forEachLink(to id: String, _ body: (StoredLink) throws -> Void) throws(StoreError) {
        let queries: [(Collection, String, String)] = [
            (.events, "participant", "SELECT event, role FROM event_participants WHERE actor = ? ORDER BY event"),
            (.events, "person", "SELECT event, role FROM event_persons WHERE person = ? ORDER BY event"),
            (.events, "series", "SELECT id, ordinal FROM events WHERE series = ? ORDER BY sort_day, id"),
            (.events, "theme", "SELECT event, NULL FROM event_themes WHERE theme = ? ORDER BY event"),
            (.events, "location", "SELECT id, NULL FROM events WHERE country = ? ORDER BY id"),
            (.attributions, "event", "SELECT id, NULL FROM attributions WHERE event = ? ORDER BY id"),
            (.attributions, "issuer", "SELECT id, NULL FROM attributions WHERE issuer = ? ORDER BY id"),
            (.attributions, "attributed-to", "SELECT attribution, NULL FROM attribution_targets WHERE actor = ? ORDER BY attribution"),
            (.actors, "parent", "SELECT id, NULL FROM actors WHERE parent = ? ORDER BY id"),
            (.actors, "member", "SELECT actor, NULL FROM actor_members WHERE member = ? ORDER BY actor"),
            (.memberships, "person", "SELECT id, role_en FROM memberships WHERE person = ? ORDER BY start, id"),
            (.memberships, "organization", "SELECT id, role_en FROM memberships WHERE organization = ? ORDER BY id"),
            (.themes, "parent", "SELECT id, NULL FROM themes WHERE parent = ? ORDER BY id"),
            (.proposals, "framework", "SELECT id, NULL FROM proposals WHERE framework = ? ORDER BY id"),
            (.proposals, "proposer", "SELECT proposal, NULL FROM proposal_proposers WHERE actor = ? ORDER BY proposal"),
            (.budgets, "owner", "SELECT id, NULL FROM budgets WHERE owner = ? ORDER BY id"),
            (.indicators, "budget", "SELECT id, NULL FROM indicators WHERE budget = ? ORDER BY id"),
            (.claims, "source", "SELECT id, NULL FROM claims WHERE source = ? ORDER BY id"),
            (.assessments, "assessor", "SELECT id, NULL FROM assessments WHERE assessor = ? ORDER BY id"),
            (.assessments, "subject", "SELECT id, NULL FROM assessments WHERE subject = ? ORDER BY id"),
        ]
        try read { db in
            for (collection, relation, sql) in queries {
                let cursor = try Row.fetchCursor(db, sql: sql, arguments: [id])
                while let row = try cursor.next() {
                    let detail: String? = switch (row[1] as DatabaseValue).storage {
                    case .string(let text): text
                    case .int64(let number): String(number)
                    default: nil
                    }
                    try body(StoredLink(collection: collection, id: row[0], relation: relation, detail: detail))
                }
            }
            let citing = try Row.fetchCursor(
                db, sql: "SELECT collection, record, locator FROM citations WHERE source = ? ORDER BY collection, record, position", arguments: [id])
            while let row = try citing.next() {
                guard let collection = Collection(rawValue: row["collection"]) else { continue }
                try body(StoredLink(collection: collection, id: row["record"], relation: "cites", detail: row["locator"]))
            }
        }
    }

    /// Refuses, saying what to do, a store built before the columns the query commands filter on.
    func requireQueryColumns(_ db: Database) throws {
        guard try db.columns(in: "events").contains(where: { $0.name == "retired" }) else {
            throw StoreError(message: "the store was built before the query indexes (store migration v6-query-indexes): run 'renkei build' again", path: path)
        }
    }

    /// Calls `body` with the events `actor` takes part in, grouped by kind, calendar year (nil
    /// when the date allows several) and date (EDTF, nil when undated): one per participation, so
    /// an actor in two roles at one event counts twice, as its links do.
    public func forEachParticipationGroup(of actor: String, _ body: (_ kind: String, _ year: Int?, _ date: String?, _ count: Int) throws -> Void) throws(StoreError) {
        try read { db in
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT e.kind, e.year, e.date, count(*) FROM event_participants p JOIN events e ON e.id = p.event
                WHERE p.actor = ? GROUP BY e.kind, e.year, e.date
                """, arguments: [actor])
            while let row = try cursor.next() { try body(row[0], row[1], row[2], row[3]) }
        }
    }

    /// Whether the store has the per-field search table (stores built before it lack it).
    public var hasSearchFields: Bool {
        (try? read { db in try db.tableExists("search_fields") }) ?? false
    }

    /// Whether the store has the short-query index (stores built before it scan for 1–2 characters).
    public var hasSearchGrams: Bool {
        (try? read { db in try db.tableExists("search_grams") }) ?? false
    }

    /// Calls `body` with every searchable field containing `term` (case-insensitive for Latin
    /// letters), in the order written (a record's fields one after another), among the collections
    /// given (all when empty). A term of three characters or more goes through the trigram index;
    /// a shorter one through the short-query index `search_grams` (``SearchGrams``), which finds
    /// exactly the fields where `instr(lower(text), term)` would, on every SQLite version. A store
    /// without that index, or a term of two characters written with more than two scalars, scans
    /// the plain field table with `instr()`.
    /// `body` returns false to stop.
    public func forEachField(containing term: String, in collections: [Collection] = [], _ body: (StoredField) throws -> Bool) throws(StoreError) {
        guard !term.isEmpty else { return }
        let restriction = collections.isEmpty
            ? "" : " AND f.collection IN (\(collections.map { "'\($0.rawValue)'" }.joined(separator: ", ")))"
        let sql: String
        let argument: String
        let grams = term.count < 3 ? SearchGrams.token(for: term.lowercased()) : nil
        if term.count >= 3 {
            argument = "\"" + term.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            sql = """
                SELECT f.record, f.collection, f.field, f.lang, f.text FROM search JOIN search_fields f ON f.rowid = search.rowid
                WHERE search MATCH ?\(restriction) ORDER BY f.rowid
                """
        } else if let grams, hasSearchGrams {
            argument = "\"" + grams + "\""
            sql = """
                SELECT f.record, f.collection, f.field, f.lang, f.text FROM search_grams g JOIN search_fields f ON f.rowid = g.rowid
                WHERE search_grams MATCH ?\(restriction) ORDER BY g.rowid
                """
        } else {
            argument = term.lowercased()
            sql = """
                SELECT f.record, f.collection, f.field, f.lang, f.text FROM search_fields f
                WHERE instr(lower(f.text), ?) > 0\(restriction) ORDER BY f.rowid
                """
        }
        try read { db in
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: [argument])
            while let row = try cursor.next() {
                guard let collection = Collection(rawValue: row[1]) else { continue }
                if try !body(StoredField(record: row[0], collection: collection, field: row[2], language: row[3], text: row[4])) { return }
            }
        }
    }

    /// The searchable fields of one record, in the order the record gives them. Callable while
    /// a cursor of ``forEachField(containing:in:_:)`` is open.
    public func fields(of id: String, in collection: Collection) throws -> [StoredField] {
        try db.unsafeReentrantRead { db in
            try Row.fetchAll(
                db, sql: "SELECT field, lang, text FROM search_fields WHERE record = ? AND collection = ? ORDER BY rowid",
                arguments: [id, collection.rawValue]
            ).map { StoredField(record: id, collection: collection, field: $0[0], language: $0[1], text: $0[2]) }
        }
    }
}
