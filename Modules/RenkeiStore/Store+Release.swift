import Foundation
import GRDB
import RenkeiModel

/// One record as stored: its id and canonical JSON, whether it is retired, and for events the
/// columns a release summary counts by (kind, calendar and fiscal year, English title).
public struct StoredDocument: Sendable {
    public let id: String
    public let doc: String
    public let retired: Bool
    public let kind: String?
    public let year: Int?
    public let fiscalYear: Int?
    public let title: String?
}

extension Store {
    /// Calls `body` with a function that pulls the documents of one collection one at a time,
    /// sorted by id in byte order, and nil at the end. Two stores can be read side by side by
    /// nesting the calls; memory stays bounded by one record.
    public func withDocuments<T>(in collection: Collection, _ body: (() throws -> StoredDocument?) throws -> T) throws -> T {
        try db.read { db in
            // Compact canonical JSON never holds these key sequences inside a string value (quotes
            // are escaped there), so a plain search tells a retired record.
            let retired = #"(instr(doc, '"replaced_by":') > 0 OR instr(doc, '"status":"deprecated"') > 0)"#
            let sql = collection == .events
                ? "SELECT id, doc, \(retired), kind, year, fiscal_year, title_en FROM events ORDER BY id COLLATE BINARY"
                : "SELECT id, doc, \(retired), NULL, NULL, NULL, NULL FROM \(collection.rawValue) ORDER BY id COLLATE BINARY"
            let cursor = try Row.fetchCursor(db, sql: sql)
            return try body {
                guard let row = try cursor.next() else { return nil }
                return StoredDocument(
                    id: row[0], doc: row[1], retired: row[2], kind: row[3], year: row[4], fiscalYear: row[5], title: row[6])
            }
        }
    }

    /// Whether the store has the release tables (stores written before them do not).
    public var hasReleaseTables: Bool {
        (try? db.unsafeReentrantRead { db in try db.tableExists("record_history") }) ?? false
    }

    /// A record's history across releases, when the store was written with a previous release.
    public func history(_ id: String, in collection: Collection) -> RecordHistory? {
        guard hasReleaseTables else { return nil }
        return try? db.unsafeReentrantRead { db in
            guard let row = try Row.fetchOne(
                db, sql: """
                    SELECT first_release, first_released, last_release, last_changed, changes
                    FROM record_history WHERE collection = ? AND id = ?
                    """, arguments: [collection.rawValue, id])
            else { return nil }
            return RecordHistory(
                firstRelease: row[0], firstReleased: row[1], lastRelease: row[2], lastChanged: row[3], changes: row[4])
        }
    }

    /// The version of the release this store was compared with, when it was.
    public var previousRelease: String? {
        try? db.unsafeReentrantRead { db in
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'previous_release'")
        }
    }

    /// Calls `body` with each change recorded against the previous release, in the diff's order.
    public func forEachReleaseChange(_ body: (RecordChange) throws -> Void) throws {
        guard hasReleaseTables else { return }
        try db.unsafeReentrantRead { db in
            let cursor = try Row.fetchCursor(db, sql: "SELECT op, collection, id, fields FROM release_changes ORDER BY position")
            while let row = try cursor.next() {
                guard let op = ChangeOp(rawValue: row[0]), let collection = Collection(rawValue: row[1]) else { continue }
                let fields = try CanonicalJSON.decode([FieldChange].self, from: row[3])
                try body(RecordChange(op: op, collection: collection, id: row[2], fields: fields))
            }
        }
    }

    /// Writes the release tables into the store file at `path` in one transaction: each record's
    /// history and the changes against `previousVersion`, both pulled until nil. The file must
    /// not be open elsewhere for writing; the same input gives the same bytes.
    public static func recordRelease(
        at path: String, previousVersion: String,
        history: () throws -> (Collection, String, RecordHistory)?,
        changes: () throws -> RecordChange?
    ) throws(StoreError) {
        do {
            var config = Configuration()
            config.foreignKeysEnabled = true
            let queue = try DatabaseQueue(path: path, configuration: config)
            try StoreSchema.migrator.migrate(queue)
            let encoder = CanonicalJSON.compactEncoder()
            try queue.write { db in
                try db.execute(sql: "DELETE FROM record_history")
                try db.execute(sql: "DELETE FROM release_changes")
                try db.execute(
                    sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('previous_release', ?)", arguments: [previousVersion])
                let insertHistory = try db.makeStatement(sql: """
                    INSERT INTO record_history(collection, id, first_release, first_released, last_release, last_changed, changes)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
                while let (collection, id, h) = try history() {
                    try insertHistory.execute(arguments: [
                        collection.rawValue, id, h.firstRelease, h.firstReleased, h.lastRelease, h.lastChanged, h.changes,
                    ])
                }
                let insertChange = try db.makeStatement(
                    sql: "INSERT INTO release_changes(position, op, collection, id, fields) VALUES (?, ?, ?, ?, ?)")
                var position = 0
                while let change = try changes() {
                    let fields = String(decoding: try encoder.encode(change.fields), as: UTF8.self)
                    try insertChange.execute(arguments: [position, change.op.rawValue, change.collection.rawValue, change.id, fields])
                    position += 1
                }
            }
            try queue.close()
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(message: "cannot write the release history: \(error)", path: path)
        }
    }
}
