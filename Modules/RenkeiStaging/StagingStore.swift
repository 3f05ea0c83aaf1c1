import Foundation
import GRDB
import RenkeiModel
import RenkeiValidation

/// A SQLite file holding every record of a load, written as files are decoded and read back
/// as validation and the store build ask: in batches, by id, grouped by series or passage.
///
/// It lives only as long as one run; the owner removes the file (``remove()``).
public final class StagingStore: RecordSet, @unchecked Sendable {
    public let path: String
    private let files: [String]
    private let directory: ActorDirectory
    private let counts: [Collection: Int]
    private let lock = NSLock()
    private var idle: [DatabaseQueue] = []
    private var failures: [String] = []

    /// What could not be read back (a row that does not decode, a query that failed): the run
    /// that staged the records must not trust a validation that missed some of them.
    public var readFailures: [String] { lock.withLock { failures } }

    private func fail(_ what: String) {
        lock.withLock { if failures.count < 10 { failures.append(what) } }
    }

    init(path: String, files: [String]) throws {
        self.path = path
        self.files = files
        let queue = try Self.open(path)
        var counts: [Collection: Int] = [:]
        var actors: [Actor] = []
        try queue.read { db in
            for row in try Row.fetchAll(db, sql: "SELECT collection, count(*) FROM records GROUP BY collection") {
                if let c = Collection.allCases.dropFirst(row[0]).first { counts[c] = row[1] }
            }
            let rows = try Row.fetchCursor(db, sql: "SELECT doc, meta, file FROM records WHERE collection = ? ORDER BY file, line, col, seq", arguments: [Collection.actors.rank])
            while let row = try rows.next() {
                if case .actor(let a) = try StagedCoding.decode(collection: .actors, doc: row[0], meta: row[1], file: files.indices.contains(row[2]) ? files[row[2]] : "") { actors.append(a) }
            }
        }
        self.counts = counts
        directory = ActorDirectory(actors)
        idle = [queue]
    }

    static func open(_ path: String) throws -> DatabaseQueue {
        var config = Configuration()
        config.readonly = true
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -8192") }
        return try DatabaseQueue(path: path, configuration: config)
    }

    /// Runs `body` on a connection of its own: lookups from several threads never wait on each other.
    func reading<T>(_ body: (Database) throws -> T) -> T? {
        lock.lock()
        let queue = idle.popLast()
        lock.unlock()
        guard let connection = queue ?? (try? Self.open(path)) else { return nil }
        defer {
            lock.lock()
            idle.append(connection)
            lock.unlock()
        }
        do {
            return try connection.read(body)
        } catch {
            fail("\(error)")
            return nil
        }
    }

    /// Closes the connections and deletes the file.
    public func remove() {
        lock.lock()
        for queue in idle { try? queue.close() }
        idle = []
        lock.unlock()
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
    }

    func decode(_ row: Row) -> AnyRecord? {
        do {
            guard let collection = Collection.allCases.dropFirst(row["collection"]).first else { throw StagedMeta.DecodingFailure() }
            let record = try StagedCoding.decode(collection: collection, doc: row["doc"], meta: row["meta"], file: file(row["file"]))
            return directory.resolvingReferences(in: record)
        } catch {
            fail("a staged record does not decode: \(error)")
            return nil
        }
    }

    /// Streams the rows of `sql`, decoded, in batches: each batch is decoded and transformed on up
    /// to `threads` threads and consumed in order.
    ///
    /// The next batch is decoded while the current one is consumed (a store being written as the
    /// records pass takes turns with the decoding): at most two batches are in memory, and
    /// `consume` sees every result once, in order, on the calling thread.
    func stream<R: Sendable>(
        _ sql: String, _ arguments: StatementArguments, threads: Int, _ transform: @escaping @Sendable (AnyRecord) -> R,
        consume: (R) -> Void
    ) {
        let batchSize = 256 * max(1, threads)
        let ahead = Prefetch<R>()
        defer { ahead.wait() }
        _ = reading { db in
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            func nextBatch() throws -> [Row] {
                var batch: [Row] = []
                while batch.count < batchSize, let row = try rows.next() { batch.append(row.copy()) }
                return batch
            }
            let decode: @Sendable (RowChunk) -> [[R]] = { [self] batch in
                let chunks = stride(from: 0, to: batch.rows.count, by: 256).map {
                    RowChunk(rows: Array(batch.rows[$0..<min($0 + 256, batch.rows.count)]))
                }
                return ParallelMap.map(chunks, threads: threads) { chunk in chunk.rows.compactMap { self.decode($0) }.map(transform) }
            }
            var current = decode(RowChunk(rows: try nextBatch()))
            while !current.isEmpty {
                let next = RowChunk(rows: try nextBatch())
                if !next.rows.isEmpty { ahead.start { decode(next) } }
                for chunk in current { for result in chunk { consume(result) } }
                current = next.rows.isEmpty ? [] : ahead.wait()
            }
        }
    }

    static let columns = "collection, doc, meta, file"

    /// The path of file number `number` (records made in memory have none).
    func file(_ number: Int) -> String { files.indices.contains(number) ? files[number] : "" }

    // MARK: RecordSet

    public func count(_ collection: Collection) -> Int { counts[collection] ?? 0 }

    public func map<R: Sendable>(
        _ collections: [Collection]?, threads: Int, _ transform: @escaping @Sendable (AnyRecord) -> R, consume: (R) -> Void
    ) {
        for collection in collections ?? Collection.allCases where count(collection) > 0 {
            stream(
                "SELECT \(Self.columns) FROM records WHERE collection = ? ORDER BY id, file, line, col, seq", [collection.rank],
                threads: threads, transform, consume: consume)
        }
    }

    public func forEachInLoadOrder(_ collection: Collection, _ body: (AnyRecord) -> Void) {
        guard count(collection) > 0 else { return }
        stream(
            "SELECT \(Self.columns) FROM records WHERE collection = ? ORDER BY file, line, col, seq", [collection.rank],
            threads: ParallelMap.defaultThreads, { $0 }, consume: body)
    }

    public func records(withID id: String) -> [AnyRecord] {
        reading { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.columns) FROM records WHERE id = ? ORDER BY collection, file, line, col, seq", arguments: [id])
        }?.compactMap(decode) ?? []
    }

    public func collections(of id: String) -> [Collection] {
        let ranks = reading { db in
            try Int.fetchAll(db, sql: "SELECT collection FROM records WHERE id = ? ORDER BY collection", arguments: [id])
        } ?? []
        return ranks.compactMap { Collection.allCases.dropFirst($0).first }
    }

    public func forEachID(in collections: [Collection], _ body: (String) -> Void) {
        _ = reading { db in
            for c in collections.sorted(by: { $0.rank < $1.rank }) {
                let ids = try String.fetchCursor(db, sql: "SELECT id FROM records WHERE collection = ? ORDER BY id, file, line, col, seq", arguments: [c.rank])
                while let id = try ids.next() { body(id) }
            }
        }
    }

    public func retiredIDs() -> Set<String> {
        Set(reading { db in try String.fetchAll(db, sql: "SELECT id FROM records WHERE retired") } ?? [])
    }

    public func suppressions() -> [String: [Suppression]] {
        var out: [String: [Suppression]] = [:]
        stream(
            "SELECT \(Self.columns) FROM records WHERE suppressed ORDER BY collection, id, file, line, col, seq", [],
            threads: 1, { $0 }, consume: { out[$0.id, default: []] += $0.base.meta.suppressions })
        return out
    }

    public func forEachDefinedIDClash(_ body: (String, [(record: AnyRecord, path: String)]) -> Void) {
        let clashing = reading { db in
            try String.fetchAll(db, sql: "SELECT value FROM defined_ids GROUP BY value HAVING count(*) > 1 ORDER BY value")
        } ?? []
        for value in clashing {
            let uses: [(record: AnyRecord, path: String)] = reading { db in
                try Row.fetchAll(db, sql: """
                    SELECT r.collection, r.doc, r.meta, r.file, d.path FROM defined_ids d JOIN records r ON r.seq = d.record
                    WHERE d.value = ? ORDER BY r.collection, r.id, r.file, r.line, r.col, r.seq, d.position
                    """, arguments: [value])
            }?.compactMap { row in decode(row).map { (record: $0, path: row["path"] as String) } } ?? []
            body(value, uses)
        }
    }

    public func forEachSeries(_ body: (String, [Event]) -> Void) {
        forEachGroup("series", body)
    }

    public func forEachPassage(_ body: ([Event]) -> Void) {
        forEachGroup("sole_citation") { _, events in body(events) }
    }

    /// The events grouped by `column` (not null), groups in the column's order, each in load order.
    private func forEachGroup(_ column: String, _ body: (String, [Event]) -> Void) {
        var key: String?
        var group: [Event] = []
        stream(
            "SELECT \(Self.columns), \(column) AS key FROM records WHERE collection = ? AND \(column) IS NOT NULL ORDER BY \(column), file, line, col, seq",
            [Collection.events.rank], threads: ParallelMap.defaultThreads, { $0 },
            consume: { record in
                guard case .event(let e) = record else { return }
                let k = column == "series" ? e.series : e.sources.first.map { $0.source + "\u{0}" + $0.locator }
                if k != key, let current = key {
                    body(current, group)
                    group = []
                }
                key = k
                group.append(e)
            })
        if let current = key { body(current, group) }
    }
}

/// Rows handed to a worker thread.
private struct RowChunk: @unchecked Sendable {
    let rows: [Row]
}

/// One batch decoded on a thread of its own while the caller consumes the one before.
private final class Prefetch<R>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: [[R]] = []
    private var running = false

    func start(_ work: @escaping @Sendable () -> [[R]]) {
        running = true
        DispatchQueue.global().async {
            self.result = work()
            self.done.signal()
        }
    }

    /// The batch started last (empty when none is running), once it is decoded.
    @discardableResult
    func wait() -> [[R]] {
        guard running else { return [] }
        done.wait()
        running = false
        defer { result = [] }
        return result
    }
}
