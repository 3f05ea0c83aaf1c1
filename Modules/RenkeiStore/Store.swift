import Foundation
import GRDB
import RenkeiModel

/// The SQLite store built from the source files: normalised tables with foreign keys for
/// queries, each record's canonical JSON for lossless reads, and a trigram full-text index.
///
/// Built in one transaction into a temporary file that replaces the target only on success;
/// read with cursors, so readers never hold the whole dataset.
public final class Store: @unchecked Sendable {
    let db: any DatabaseReader
    public let path: String

    /// Opens an existing store for reading.
    public init(readingAt path: String) throws(StoreError) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(message: "no database at \(path): run 'renkei build' first", path: path, kind: .unreadable)
        }
        guard Self.hasSQLiteHeader(path) else {
            throw StoreError(message: "\(path) is not a Renkei store (not a SQLite database)", path: path, kind: .notAStore)
        }
        do {
            var config = Configuration()
            config.readonly = true
            config.foreignKeysEnabled = true
            db = try DatabaseQueue(path: path, configuration: config)
            let applied = try db.read { db in try StoreSchema.migrator.appliedMigrations(db) }
            guard applied.contains("v1-records") else {
                throw StoreError(message: "\(path) is not a Renkei store", path: path, kind: .notAStore)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(message: "cannot open \(path) as a Renkei store: \(error)", path: path, kind: .unreadable)
        }
        self.path = path
    }

    /// An empty store in memory, for tests and tools that build a dataset on the fly.
    public static func inMemory(_ dataset: Dataset) throws(StoreError) -> Store {
        do {
            let queue = try DatabaseQueue()
            try StoreWriter.write(dataset, to: queue)
            return Store(queue: queue)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(message: "cannot build the in-memory store: \(error)", path: ":memory:")
        }
    }

    init(queue: DatabaseQueue) {
        db = queue
        path = ":memory:"
    }

    /// Builds the store for `dataset` at `path`: written to a temporary file beside it in one
    /// transaction, checked, then renamed over the target. On any failure the target is untouched.
    ///
    /// With `wal` false the file is written in rollback-journal mode, self-contained and
    /// byte-for-byte the same for the same data (as bundles ship it).
    public static func build(_ dataset: Dataset, at path: String, wal: Bool = true) throws(StoreError) {
        try build(info: dataset.info, at: path, wal: wal) { visit in for record in dataset.allRecords { try visit(record) } }
    }

    /// Builds the store at `path` as ``build(_:at:wal:)`` does, from records streamed by
    /// `records`: it calls the closure it is given once per record, collection by collection and
    /// by id within each (the order of ``Dataset/allRecords``), with computed values set.
    public static func build(
        info: DatasetInfo, at path: String, wal: Bool = true,
        records: ((AnyRecord) throws -> Void) throws -> Void
    ) throws(StoreError) {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let temporary = temporaryPath(for: path)
        func removeTemporary() {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: temporary + suffix) }
        }
        removeTemporary()
        do {
            var config = Configuration()
            config.foreignKeysEnabled = true
            // Written in rollback-journal mode whatever the store's final mode: the one transaction
            // of a new file then writes each page once, where a write-ahead log would hold every
            // page until a checkpoint copied it again.
            let writer = try DatabaseQueue(path: temporary, configuration: config)
            try StoreWriter.write(info: info, records: records, to: writer)
            try writer.writeWithoutTransaction { db in
                let problems = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                guard problems == ["ok"] else { throw StoreError(message: "integrity check failed: \(problems.joined(separator: "; "))", path: path) }
                let orphans = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
                guard orphans.isEmpty else { throw StoreError(message: "\(orphans.count) foreign key violations", path: path) }
                if wal { try db.execute(sql: "PRAGMA journal_mode = WAL") }
            }
            try writer.close()
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            if rename(temporary, path) != 0 {
                throw StoreError(message: "cannot move the new database into place: \(String(cString: strerror(errno)))", path: path)
            }
            removeTemporary()
        } catch let error as StoreError {
            removeTemporary()
            throw error
        } catch {
            removeTemporary()
            throw StoreError(message: "cannot write the database: \(error)", path: path)
        }
    }

    /// Where `build` writes the new database before renaming it over `path` (SQLite adds
    /// `-journal`, `-wal` and `-shm` beside it).
    public static func temporaryPath(for path: String) -> String {
        "\(path).tmp-\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// Refuses to let `build` replace a file that is not a Renkei store: an absent or empty file
    /// may be written; anything else must be a SQLite database with the store's first migration.
    public static func checkReplaceable(_ path: String) throws(StoreError) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw StoreError(message: "\(path) is not a regular file: give the path of a database file", path: path, kind: .notAStore)
        }
        guard info.st_size > 0 else { return }
        let refusal = StoreError(
            message: "\(path) is not a Renkei store, and 'build' replaces the file at --db: give another path, or remove the file first if it should be replaced",
            path: path, kind: .notAStore)
        guard hasSQLiteHeader(path) else { throw refusal }
        do {
            _ = try Store(readingAt: path)
        } catch {
            throw refusal
        }
    }

    /// Whether the file starts as every SQLite database does ("SQLite format 3\0").
    static func hasSQLiteHeader(_ path: String) -> Bool {
        let handle = FileHandle(forReadingAtPath: path)
        defer { try? handle?.close() }
        let header = (try? handle?.read(upToCount: 16)).flatMap { $0 }.map { Array($0) } ?? []
        return header == Array("SQLite format 3\0".utf8)
    }

    /// Runs SQLite's integrity and foreign key checks on a database file; throws what they report.
    public static func checkIntegrity(at path: String) throws(StoreError) {
        do {
            var config = Configuration()
            config.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: config)
            try queue.read { db in
                let problems = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                guard problems == ["ok"] else { throw StoreError(message: problems.prefix(5).joined(separator: "; "), path: path) }
                guard try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty else {
                    throw StoreError(message: "foreign key violations", path: path)
                }
            }
            try queue.close()
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(message: "\(error)", path: path)
        }
    }

    /// The dataset's name, version and title, and the number of records per collection.
    public func info() throws(StoreError) -> (info: DatasetInfo, counts: [Collection: Int]) {
        try read { db in
            let json = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'dataset'") ?? "{}"
            let info = try CanonicalJSON.decode(DatasetInfo.self, from: json)
            var counts: [Collection: Int] = [:]
            for c in Collection.allCases {
                counts[c] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(c.rawValue)") ?? 0
            }
            return (info, counts)
        }
    }

    /// Calls `body` with every record, collection by collection in the canonical order, each
    /// collection sorted by id, reading with a cursor.
    public func forEachRecord(_ body: (AnyRecord) throws -> Void) throws {
        for collection in Collection.allCases {
            try forEachRecord(in: collection, body)
        }
    }

    /// Calls `body` with every record of one collection, sorted by id, reading with a cursor.
    public func forEachRecord(in collection: Collection, _ body: (AnyRecord) throws -> Void) throws {
        try db.read { db in
            let cursor = try String.fetchCursor(db, sql: "SELECT doc FROM \(collection.rawValue) ORDER BY id")
            while let doc = try cursor.next() {
                try body(try Self.decode(doc, as: collection))
            }
        }
    }

    /// One record by id, from the collection given. Callable from inside ``forEachRecord(_:)``
    /// (exporters look records up while the cursor is open): the read is reentrant, which is
    /// safe because the store is never written once built.
    public func record(_ id: String, in collection: Collection) throws -> AnyRecord? {
        try db.unsafeReentrantRead { db in
            guard let doc = try String.fetchOne(db, sql: "SELECT doc FROM \(collection.rawValue) WHERE id = ?", arguments: [id]) else { return nil }
            return try Self.decode(doc, as: collection)
        }
    }

    /// Records whose names, titles or summaries contain `text` (either language); a query
    /// under three characters falls back to a plain scan, since trigrams need three.
    public func search(_ text: String, limit: Int = 50) throws -> [(record: String, collection: Collection)] {
        try db.read { db in
            let rows: [Row]
            if text.count >= 3 {
                // One phrase, quotes doubled: FTS5's own syntax, so no word of the query is an operator.
                let pattern = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                rows = try Row.fetchAll(
                    db, sql: "SELECT record, collection FROM search WHERE search MATCH ? ORDER BY record LIMIT ?",
                    arguments: [pattern, limit])
            } else {
                rows = try Row.fetchAll(
                    db, sql: "SELECT record, collection FROM search WHERE instr(text, ?) > 0 ORDER BY record LIMIT ?",
                    arguments: [text, limit])
            }
            return rows.compactMap { row in
                Collection(rawValue: row["collection"]).map { (row["record"], $0) }
            }
        }
    }

    /// Runs a read-only block against the database.
    public func read<T>(_ block: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try db.read(block)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(message: "\(error)", path: path)
        }
    }

    static func decode(_ doc: String, as collection: Collection) throws -> AnyRecord {
        try AnyRecord.decode(collection, from: Data(doc.utf8))
    }
}

/// A problem opening, building or reading the store, naming the database file.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, for the exit code: the file given is not a store (bad usage), or the
    /// store could not be read or written.
    public enum Kind: Sendable, Hashable { case failure, notAStore, unreadable }
    public var message: String
    public var path: String
    public var kind: Kind
    public init(message: String, path: String, kind: Kind = .failure) {
        self.message = message
        self.path = path
        self.kind = kind
    }
    public var description: String { "\(path): error: \(message)" }
}
