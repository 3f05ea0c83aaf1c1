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

    /// Whether the store has the per-field search table (stores built before it lack it).
    public var hasSearchFields: Bool {
        (try? read { db in try db.tableExists("search_fields") }) ?? false
    }

    /// Calls `body` with every searchable field containing `term` (case-insensitive for Latin
    /// letters), in the order written (a record's fields one after another), among the collections given (all when empty). A term of three
    /// characters or more goes through the trigram index; a shorter one scans the plain field
    /// table with `instr()`, which works for 1–2 character Japanese on every SQLite version.
    /// `body` returns false to stop.
    public func forEachField(containing term: String, in collections: [Collection] = [], _ body: (StoredField) throws -> Bool) throws(StoreError) {
        guard !term.isEmpty else { return }
        let restriction = collections.isEmpty
            ? "" : " AND f.collection IN (\(collections.map { "'\($0.rawValue)'" }.joined(separator: ", ")))"
        let sql: String
        let argument: String
        if term.count >= 3 {
            argument = "\"" + term.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            sql = """
                SELECT f.record, f.collection, f.field, f.lang, f.text FROM search JOIN search_fields f ON f.rowid = search.rowid
                WHERE search MATCH ?\(restriction) ORDER BY f.rowid
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
