import Foundation
import GRDB
import RenkeiExport
import RenkeiModel
import RenkeiTabular

/// Writes a standalone SQLite database for analysts (`sqlite/renkei.sqlite`): the tables of the
/// tabular layout with keys, views that flatten events with their participants and themes,
/// full-text search over every bilingual field for any length of query, and the Datasette
/// metadata that describes it all (`sqlite/metadata.json`); see ``SQLiteGuide``.
public final class SQLiteExporter: Exporter {
    public static let description = ExporterDescription(
        id: "sqlite", name: "SQLite database", files: ["sqlite/renkei.sqlite", "sqlite/metadata.json"], mediaType: "application/vnd.sqlite3",
        summary: "A standalone database with views and bilingual full-text search of any length, with its Datasette metadata.", version: "1.1.0")

    private var queue: DatabaseQueue?
    private var statements: [String: Statement] = [:]
    /// Who counts as a cooperation partner, from the actors seen so far.
    private var partners = CooperationPartners()

    public init() {}

    public func begin(_ context: ExportContext) throws {
        let file = try context.output.create("sqlite/renkei.sqlite")
        try file.close()
        try? FileManager.default.removeItem(atPath: file.path)
        var config = Configuration()
        config.foreignKeysEnabled = true
        // One transaction spans begin … finish, across many accesses.
        config.allowsUnsafeTransactions = true
        let metadata = try context.output.create("sqlite/metadata.json")
        try metadata.write(try CanonicalJSON.pretty(SQLiteGuide.datasetteMetadata(info: context.info)) + "\n")
        try metadata.close()
        let queue = try DatabaseQueue(path: file.path, configuration: config)
        self.queue = queue
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA page_size = 4096; PRAGMA journal_mode = DELETE")
            try db.execute(sql: "BEGIN")
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            for table in TabularLayout.tables {
                try db.execute(sql: Self.createTable(table))
                let placeholders = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
                statements[table.name] = try db.makeStatement(sql: "INSERT INTO \(table.name) VALUES (\(placeholders))")
            }
            try db.execute(sql: """
                CREATE TABLE event_partners (
                  event TEXT NOT NULL REFERENCES events(id), partner TEXT NOT NULL REFERENCES actors(id),
                  PRIMARY KEY (event, partner));
                """)
            try db.execute(sql: Self.views)
            try db.execute(sql: """
                CREATE TABLE search_text (
                  rowid INTEGER PRIMARY KEY, record TEXT NOT NULL, collection TEXT NOT NULL, field TEXT NOT NULL,
                  language TEXT NOT NULL, text TEXT NOT NULL);
                CREATE INDEX search_text_by_record ON search_text(record);
                CREATE VIRTUAL TABLE search USING fts5(record UNINDEXED, collection UNINDEXED, language UNINDEXED, text, tokenize = 'trigram');
                CREATE TABLE dataset (name TEXT NOT NULL, version TEXT NOT NULL, title_ja TEXT, title_en TEXT, license TEXT);
                """)
            try db.execute(
                sql: "INSERT INTO dataset VALUES (?, ?, ?, ?, ?)",
                arguments: [context.info.name, context.info.version, context.info.title?.ja, context.info.title?.en, context.info.license])
        }
    }

    public func write(_ record: AnyRecord) throws {
        guard let queue else { return }
        try queue.writeWithoutTransaction { db in
            for row in TabularLayout.rows(for: record) {
                guard let statement = statements[row.table] else { continue }
                try statement.execute(arguments: StatementArguments(row.cells.map(Self.value)))
            }
            // Actors come before events: the one definition of a cooperation partner knows them all.
            switch record {
            case .actor(let a): partners.add(a)
            case .event(let e):
                for partner in partners.partners(of: e.participants).partners {
                    try db.cachedStatement(sql: "INSERT OR IGNORE INTO event_partners VALUES (?, ?)").execute(arguments: [e.id, partner])
                }
            default: break
            }
            // Each field once in the plain table (short queries) and once in the trigram index,
            // under the same rowid (SQLiteGuide.searchSQL asks both).
            for field in record.searchableFields {
                try db.cachedStatement(sql: "INSERT INTO search_text(record, collection, field, language, text) VALUES (?, ?, ?, ?, ?)")
                    .execute(arguments: [record.id, record.collection.rawValue, field.name, field.language, field.text])
                try db.cachedStatement(sql: "INSERT INTO search(rowid, record, collection, language, text) VALUES (?, ?, ?, ?, ?)")
                    .execute(arguments: [db.lastInsertedRowID, record.id, record.collection.rawValue, field.language, field.text])
            }
        }
    }

    public func finish() throws {
        guard let queue else { return }
        statements.removeAll()
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "COMMIT")
            try db.execute(sql: "INSERT INTO search(search) VALUES ('optimize')")
            try db.execute(sql: "VACUUM")
        }
        try queue.close()
        self.queue = nil
    }

    /// Rolls back the open transaction and closes the database, so it is never released with
    /// a transaction open (GRDB's rollback hook would then run on a freed database).
    public func abort() {
        guard let queue else { return }
        statements.removeAll()
        try? queue.writeWithoutTransaction { db in
            if db.isInsideTransaction { try db.execute(sql: "ROLLBACK") }
        }
        try? queue.close()
        self.queue = nil
    }

    static func value(_ cell: TabularLayout.Cell) -> (any DatabaseValueConvertible)? {
        switch cell {
        case .null: nil
        case .text(let s): s
        case .integer(let n): n
        case .number(let d): d
        case .boolean(let b): b
        }
    }

    static func createTable(_ table: TabularLayout.Table) -> String {
        var parts = table.columns.map { column -> String in
            let type: String
            switch column.type {
            case .integer, .boolean: type = "INTEGER"
            case .number: type = "REAL"
            default: type = "TEXT"
            }
            return "\"\(column.name)\" \(type)\(column.required ? " NOT NULL" : "")"
        }
        parts.append("PRIMARY KEY (\(table.primaryKey.map { "\"\($0)\"" }.joined(separator: ", ")))")
        for key in table.foreignKeys {
            parts.append("FOREIGN KEY (\"\(key.column)\") REFERENCES \(key.table)(id)")
        }
        return "CREATE TABLE \(table.name) (\n  \(parts.joined(separator: ",\n  "))\n)"
    }

    static let views = """
        CREATE VIEW event_participants_named AS
          SELECT p.event, e.date, e.kind, e.title_en, e.title_ja, p.actor, a.name_en AS actor_en, a.name_ja AS actor_ja,
                 a.kind AS actor_kind, p.role
          FROM event_participants p JOIN events e ON e.id = p.event JOIN actors a ON a.id = p.actor;
        CREATE VIEW events_flat AS
          SELECT e.id, e.kind, e.date, e."end", e.precision, e.earliest, e.latest, e.year, e.fiscal_year, e.title_ja, e.title_en,
                 e.series, e.ordinal, e.city_en, e.country, e.summary_en, e.summary_ja,
                 (SELECT group_concat(actor || ':' || role, '; ') FROM (SELECT actor, role FROM event_participants WHERE event = e.id ORDER BY position)) AS participants,
                 (SELECT group_concat(theme, '; ') FROM (SELECT theme FROM event_themes WHERE event = e.id ORDER BY theme)) AS themes,
                 (SELECT group_concat(source || ' (' || locator || ')', '; ') FROM (SELECT source, locator FROM citations WHERE record = e.id AND collection = 'events' ORDER BY position)) AS sources
          FROM events e;
        CREATE VIEW events_per_year AS
          SELECT year, kind, count(*) AS events FROM events GROUP BY year, kind;
        CREATE VIEW events_per_fiscal_year AS
          SELECT fiscal_year, kind, count(*) AS events FROM events GROUP BY fiscal_year, kind;
        CREATE VIEW partners_per_year AS
          SELECT e.year, p.partner AS actor, a.name_en, count(*) AS events
          FROM event_partners p JOIN events e ON e.id = p.event JOIN actors a ON a.id = p.partner
          WHERE e.status = 'active' GROUP BY e.year, p.partner;
        """
}
