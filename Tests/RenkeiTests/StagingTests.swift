import Foundation
import GRDB
import RenkeiModel
import RenkeiPipeline
import RenkeiSource
import RenkeiStaging
import RenkeiStore
import RenkeiSynthetic
import RenkeiValidation
import Testing

/// The staging store keeps every record as loaded: what validation and the store build read
/// back from it is what the files said, metadata included.
@Suite("Staging store")
struct StagingTests {
    /// Stages `dataset`'s records as a check does and reads every collection back in load order.
    func roundTrip(_ dataset: Dataset) throws -> Dataset {
        let path = NSTemporaryDirectory() + "renkei-staging-test-\(UUID().uuidString).sqlite"
        let staging = try StagingWriter.stage(dataset.allRecordsInLoadOrder, at: path)
        defer { staging.remove() }
        var back = Dataset(info: dataset.info)
        for collection in Collection.allCases {
            staging.forEachInLoadOrder(collection) { back.append($0) }
            #expect(staging.count(collection) == dataset.counts[collection])
        }
        return back
    }

    /// The first record that differs, and its first differing property, to say what was lost.
    func firstDifference(_ a: [AnyRecord], _ b: [AnyRecord]) -> String? {
        guard a.count == b.count else { return "\(a.count) records, then \(b.count)" }
        for (x, y) in zip(a, b) {
            if x.base.meta != y.base.meta {
                let keys = Set(x.base.meta.fields.keys).union(y.base.meta.fields.keys).filter { x.base.meta.fields[$0] != y.base.meta.fields[$0] }
                return "\(x.id).meta: \(x.base.meta.location.map(String.init(describing:)) ?? "-") \(y.base.meta.location.map(String.init(describing:)) ?? "-") fields \(keys.sorted().prefix(5)) \(x.base.meta.suppressions == y.base.meta.suppressions) \(x.base.meta.dateResolutions == y.base.meta.dateResolutions)"
            }
            let left = Mirror(reflecting: x.base).children, right = Array(Mirror(reflecting: y.base).children)
            for (i, child) in left.enumerated() where child.label != "meta" && String(describing: child.value) != String(describing: right[i].value) {
                return "\(x.id).\(child.label ?? "?"): \(String(describing: child.value).prefix(300)) ≠ \(String(describing: right[i].value).prefix(300))"
            }
        }
        return nil
    }

    func expectSame(_ a: Dataset, _ b: Dataset) {
        #expect(firstDifference(a.allRecordsInLoadOrder, b.allRecordsInLoadOrder) == nil)
        #expect(a.sources == b.sources)
        #expect(a.actors == b.actors)
        #expect(a.persons == b.persons)
        #expect(a.memberships == b.memberships)
        #expect(a.themes == b.themes)
        #expect(a.series == b.series)
        #expect(a.events == b.events)
        #expect(a.attributions == b.attributions)
        #expect(a.proposals == b.proposals)
        #expect(a.budgets == b.budgets)
        #expect(a.indicators == b.indicators)
        #expect(a.claims == b.claims)
        #expect(a.assessments == b.assessments)
    }

    @Test("every record of data/ comes back from the staging store as loaded, with its field locations")
    func projectDataRoundTrips() throws {
        let loaded = try #require(DatasetLoader().load(directory: TestSupport.root + "/data").dataset)
        let back = try roundTrip(loaded)
        expectSame(loaded, back)
        // Locations are kept per field, not only per record.
        let event = try #require(back.events.first { !$0.meta.fields.isEmpty })
        #expect(event.meta.fields == loaded.events.first { $0.id == event.id }!.meta.fields)
    }

    @Test("synthetic records of every collection, with planted errors, round-trip")
    func syntheticDataRoundTrips() throws {
        let directory = NSTemporaryDirectory() + "renkei-staging-synth-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try SyntheticData(events: 300, errors: 12, eventsPerFile: 64).write(to: directory)
        let loaded = try #require(DatasetLoader().load(directory: directory).dataset)
        #expect(loaded.counts.values.allSatisfy { $0 > 0 })
        expectSame(loaded, try roundTrip(loaded))
    }

    @Test("validate and build leave no staging file behind")
    func noLeftovers() throws {
        let scratch = NSTemporaryDirectory() + "renkei-staging-tmp-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let data = TestSupport.exampleDirectory([:])
        defer { try? FileManager.default.removeItem(atPath: data) }
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = scratch + "/"
        for arguments in [["validate", "--data", data], ["build", "--data", data, "--db", scratch + "/out/db.sqlite"]] {
            let result = try TestSupport.renkei(arguments, environment: environment)
            #expect(result.code == 0, "\(arguments[0]): \(result.err.prefix(300))")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).sorted() == ["out"])
    }

    @Test("the store written as the records pass the rules is byte for byte the store of the dataset in memory")
    func storeFromTheRecordPass() throws {
        let directory = NSTemporaryDirectory() + "renkei-staging-store-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try SyntheticData(events: 400, eventsPerFile: 50).write(to: directory + "/data")
        for data in [TestSupport.root + "/data", directory + "/data"] {
            let streamed = directory + "/streamed.sqlite", held = directory + "/held.sqlite"
            let checked = try Pipeline.checkAndWrite(dataDirectory: data, storePath: streamed, wal: false)
            #expect(!checked.report(strict: false).failed)
            let dataset = try #require(Pipeline.check(dataDirectory: data).dataset)
            try Store.build(dataset, at: held, wal: false)
            #expect(try Data(contentsOf: URL(fileURLWithPath: streamed)) == Data(contentsOf: URL(fileURLWithPath: held)), "\(data)")
        }
    }

    @Test("a check that fails writes no store")
    func failedCheckWritesNothing() throws {
        let data = TestSupport.exampleDirectory(["bad.yaml": "events:\n  - {id: ev-bad, kind: workshop}\n"])
        defer { try? FileManager.default.removeItem(atPath: data) }
        let path = NSTemporaryDirectory() + "renkei-staging-none-\(UUID().uuidString).sqlite"
        let checked = try Pipeline.checkAndWrite(dataDirectory: data, storePath: path, wal: false)
        #expect(checked.report(strict: false).failed)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: Store.temporaryPath(for: path)))
    }

    @Test("a staged record that does not read back is a failure of the store, not a record less")
    func unreadableRecordIsReported() throws {
        let loaded = try #require(DatasetLoader().load(directory: TestSupport.root + "/data").dataset)
        let path = NSTemporaryDirectory() + "renkei-staging-test-\(UUID().uuidString).sqlite"
        let staging = try StagingWriter.stage(loaded.allRecordsInLoadOrder, at: path)
        defer { staging.remove() }
        let damage = try DatabaseQueue(path: path)
        try damage.write { db in try db.execute(sql: "UPDATE records SET doc = x'7b' WHERE collection = ? AND rowid = (SELECT min(rowid) FROM records WHERE collection = ?)", arguments: [Collection.events.rank, Collection.events.rank]) }
        try damage.close()
        var events = 0
        staging.forEachInLoadOrder(.events) { _ in events += 1 }
        #expect(events == loaded.events.count - 1)
        #expect(staging.readFailures.first?.contains("does not decode") == true)
    }

    @Test("a record with a relative date citing a source of a later file is decoded once that source is known")
    func relativeDateBeforeItsSource() throws {
        let directory = TestSupport.makeDataDirectory([
            "dataset.yaml": "dataset: {name: t, version: 1.0.0}\n",
            "a-events.yaml": """
                events:
                  - id: ev-later-source
                    kind: workshop
                    title: {ja: 例, en: Example}
                    date: 昨年
                    participants: [{actor: JP, role: host}]
                    sources: [{source: src-z, locator: 表1}]
                """,
            "z-sources.yaml": """
                sources:
                  - {id: src-z, kind: report, title: {ja: 資料, en: Report}, date: 2019-05, issuers: [JP]}
                actors:
                  - {id: JP, kind: state, name: {ja: 日本国, en: Japan}, sources: [{source: src-z, locator: 表1}]}
                """,
        ])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let checked = Pipeline.check(dataDirectory: directory)
        #expect(!checked.diagnostics.contains { $0.rule == "date-invalid" })
        let event = try #require(checked.dataset?.events.first)
        #expect(event.date.calendarYear == 2018)
    }
}
