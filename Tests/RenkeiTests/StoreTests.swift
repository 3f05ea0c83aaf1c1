import Foundation
import GRDB
import RenkeiModel
import RenkeiStore
import RenkeiTesting
import Testing

@Suite("The SQLite store")
struct StoreTests {
    func temporaryPath() -> String { NSTemporaryDirectory() + "renkei-store-\(UUID().uuidString).sqlite" }

    /// Removes a test database with the files SQLite keeps beside it in WAL mode.
    static func removeDatabase(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    @Test("Records round-trip through the store unchanged, in canonical order")
    func roundTrip() throws {
        let dataset = TestDatasets.hostile()
        let path = temporaryPath()
        defer { Self.removeDatabase(path) }
        try Store.build(dataset, at: path)
        let store = try Store(readingAt: path)
        var read: [String] = []
        try store.forEachRecord { read.append(try CanonicalJSON.compact($0.base)) }
        let expected = try dataset.allRecords.map { try CanonicalJSON.compact($0.base) }
        #expect(read == expected)
        let (info, counts) = try store.info()
        #expect(info == dataset.info)
        #expect(counts == dataset.counts)
    }

    @Test("A claim's verdict is a column of the store beside holds, which is null when unverifiable")
    func claimVerdictColumn() throws {
        var dataset = TestDatasets.minimal()
        var unverifiable = dataset.claims[0]
        unverifiable.id = "cl-test-unverifiable"
        unverifiable.expected = .number(15)
        unverifiable.unverifiable = LocalizedText(ja: "資料は構成国を挙げていない", en: "The source does not list them")
        dataset.claims.append(unverifiable)
        dataset.computeDerivedValues()
        let path = temporaryPath()
        defer { Self.removeDatabase(path) }
        try Store.build(dataset, at: path)
        let rows = try Store(readingAt: path).read { db in
            try Row.fetchAll(db, sql: "SELECT id, holds, verdict FROM claims ORDER BY id").map { row -> String in
                let holds: Int? = row["holds"]
                let verdict: String? = row["verdict"]
                return "\(row["id"] as String) \(holds.map(String.init) ?? "null") \(verdict ?? "none")"
            }
        }
        #expect(rows == ["cl-test 1 holds", "cl-test-unverifiable null unverifiable"])
    }

    @Test("Records can be looked up while the cursor is open, as exporters do")
    func lookupDuringCursor() throws {
        let path = temporaryPath()
        defer { Self.removeDatabase(path) }
        try Store.build(TestDatasets.minimal(), at: path)
        for store in [try Store(readingAt: path), try Store.inMemory(TestDatasets.minimal())] {
            var found: [String] = []
            try store.forEachRecord(in: .attributions) { record in
                guard case .attribution(let attribution) = record else { return }
                if case .event(let event)? = try store.record(attribution.event, in: .events) { found.append(event.id) }
            }
            #expect(found == ["ev-2018-12-test-attribution"])
        }
    }

    @Test("The database passes integrity and foreign key checks, and is the same on every build")
    func integrityAndDeterminism() throws {
        let a = temporaryPath(), b = temporaryPath()
        defer { for p in [a, b] { Self.removeDatabase(p) } }
        try Store.build(TestDatasets.minimal(), at: a)
        try Store.build(TestDatasets.minimal(), at: b)
        func dump(_ path: String) throws -> [String] {
            let queue = try DatabaseQueue(path: path)
            return try queue.read { db in
                #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"])
                #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
                var lines: [String] = []
                for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search%' AND name NOT LIKE 'sqlite%' ORDER BY name") {
                    lines += try Row.fetchAll(db, sql: "SELECT * FROM \(table)").map { "\(table) \($0)" }.sorted()
                }
                return lines
            }
        }
        let rows = try dump(a)
        #expect(rows == (try dump(b)))
        #expect(rows.contains { $0.hasPrefix("event_participants") && $0.contains("jp-mod") })
    }

    @Test("A failed build leaves the existing database untouched")
    func atomicBuild() throws {
        let path = temporaryPath()
        defer { Self.removeDatabase(path) }
        try Store.build(TestDatasets.minimal(), at: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        var broken = TestDatasets.minimal()
        broken.events[0].participants.append(Participant(actor: "no-such-actor", role: "host"))
        #expect(throws: StoreError.self) { try Store.build(broken, at: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { $0.hasPrefix((path as NSString).lastPathComponent + ".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test("Full-text search finds Japanese and English, short queries included")
    func search() throws {
        let store = try Store.inMemory(TestDatasets.minimal())
        #expect(try store.search("日米対話").map(\.record).contains("ev-2018-07-test-dialogue-1"))
        #expect(try store.search("japan-us dialogue").map(\.record).contains("sr-test-dialogue"))
        #expect(try store.search("協議").map(\.record).contains("ind-test"))
        #expect(try store.search("no such words anywhere").isEmpty)
    }

    @Test("Indicator values are computed per period of the indicator's kind (fiscal years by default)")
    func indicatorValues() throws {
        let dataset = TestDatasets.minimal()
        let indicator = try #require(dataset.indicators.first)
        #expect(indicator.periodKind == .fiscalYear)
        #expect(indicator.values == [Indicator.Value(period: "FY2018", value: 1)])
        #expect(indicator.undetermined == 0)
        #expect(dataset.claims.first?.holds == true)
        #expect(dataset.claims.first?.verdict == .holds)
    }
}
