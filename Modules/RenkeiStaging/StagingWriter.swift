import Foundation
import GRDB
import RenkeiModel

/// Writes a ``StagingStore``: records are appended as their files are decoded, in any order;
/// ``finish()`` indexes them for the orders and lookups validation asks for.
public final class StagingWriter {
    private let queue: DatabaseQueue
    private let path: String
    private var files: [String] = []

    /// Creates the staging file at `path`, replacing whatever is there.
    public init(path: String) throws {
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
        self.path = path
        var config = Configuration()
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -16384")
        }
        queue = try DatabaseQueue(path: path, configuration: config)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE records(
                  seq INTEGER PRIMARY KEY, collection INTEGER NOT NULL, id TEXT NOT NULL,
                  file INTEGER NOT NULL, line INTEGER NOT NULL, col INTEGER NOT NULL,
                  retired INTEGER NOT NULL, suppressed INTEGER NOT NULL,
                  series TEXT, sole_citation TEXT, doc BLOB NOT NULL, meta BLOB NOT NULL);
                CREATE TABLE defined_ids(value TEXT NOT NULL, record INTEGER NOT NULL, position INTEGER NOT NULL, path TEXT NOT NULL);
                """)
        }
    }

    /// Numbers the files of the load in the order they are read; a record names its file by number.
    public func setFiles(_ files: [String]) { self.files = files }

    /// Appends records, in one transaction.
    public func append(_ records: [StagedRecord]) throws {
        guard !records.isEmpty else { return }
        try queue.inTransaction { db in
            let insert = try db.cachedStatement(sql: """
                INSERT INTO records(collection, id, file, line, col, retired, suppressed, series, sole_citation, doc, meta)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let define = try db.cachedStatement(sql: "INSERT INTO defined_ids(value, record, position, path) VALUES (?, ?, ?, ?)")
            for r in records {
                try insert.execute(arguments: [
                    r.collection.rank, r.id, r.file, r.line, r.column, r.retired, r.suppressed, r.series, r.soleCitation, r.doc, r.meta,
                ])
                let seq = db.lastInsertedRowID
                for (position, defined) in r.definedIDs.enumerated() {
                    try define.execute(arguments: [defined.value, seq, position, defined.path])
                }
            }
            return .commit
        }
    }

    /// Indexes the records and opens the store for reading.
    public func finish() throws -> StagingStore {
        try queue.write { db in
            try db.execute(sql: """
                CREATE INDEX records_canonical ON records(collection, id, file, line, col, seq);
                CREATE INDEX records_load ON records(collection, file, line, col, seq);
                CREATE INDEX records_id ON records(id, collection);
                CREATE INDEX records_series ON records(series, file, line, col, seq) WHERE series IS NOT NULL;
                CREATE INDEX records_passage ON records(sole_citation, file, line, col, seq) WHERE sole_citation IS NOT NULL;
                CREATE INDEX defined_value ON defined_ids(value);
                """)
        }
        try queue.close()
        return try StagingStore(path: path, files: files)
    }

    /// A staging store of records already in memory (a test's or a tool's), numbering their
    /// files in path order.
    public static func stage(_ records: [AnyRecord], at path: String) throws -> StagingStore {
        let files = Set(records.compactMap { $0.base.meta.location?.file }).sorted()
        let numbers = Dictionary(uniqueKeysWithValues: files.enumerated().map { ($1, $0) })
        let writer = try StagingWriter(path: path)
        do {
            writer.setFiles(files)
            try writer.append(try records.map { try StagedRecord($0, file: numbers[$0.base.meta.location?.file ?? ""] ?? 0) })
            return try writer.finish()
        } catch {
            writer.discard()
            throw error
        }
    }

    /// Closes and deletes the file (after a failure).
    public func discard() {
        try? queue.close()
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
    }
}
