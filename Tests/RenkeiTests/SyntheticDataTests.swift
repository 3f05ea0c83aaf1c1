import Foundation
import RenkeiModel
import RenkeiPipeline
import RenkeiSource
import RenkeiValidation
import RenkeiSynthetic
import Testing

/// The synthetic data generator (`renkei synth`): clean data validates with no finding, planted
/// findings are exactly the ones reported, and the same arguments write the same bytes.
@Suite struct SyntheticDataTests {
    static func write(_ generator: SyntheticData) throws -> (directory: String, summary: SyntheticData.Summary) {
        let directory = NSTemporaryDirectory() + "renkei-synth-\(UUID().uuidString)"
        return (directory, try generator.write(to: directory))
    }

    @Test func cleanDataValidatesWithNoFinding() throws {
        let (directory, summary) = try Self.write(SyntheticData(events: 200, eventsPerFile: 64))
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let checked = Pipeline.check(dataDirectory: directory)
        #expect(checked.diagnostics.map { "\($0.rule) \($0.record ?? "") \($0.message)" } == [])
        let dataset = try #require(checked.dataset)
        #expect(dataset.events.count == 200)
        #expect(summary.records["events"] == 200)
        // Every collection is there, and the cross-record rules have something to check.
        for collection in Collection.allCases {
            #expect((summary.records[collection.rawValue] ?? 0) > 0, "no \(collection.rawValue)")
        }
        #expect(dataset.events.contains { $0.series != nil && $0.ordinal != nil })
        #expect(dataset.events.contains { $0.isRetired })
        #expect(dataset.claims.allSatisfy { $0.verdict == .holds })
        #expect(summary.files.filter { $0.hasPrefix("events/") }.count == 4)
    }

    @Test func plantedFindingsAreTheOnesReported() throws {
        let count = SyntheticData.plantableRules.count + 3
        let (directory, summary) = try Self.write(SyntheticData(events: 200, errors: count))
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(summary.planted.count == count)
        #expect(Set(summary.planted.map(\.rule)) == Set(SyntheticData.plantableRules))
        let checked = Pipeline.check(dataDirectory: directory)
        let found = Set(checked.diagnostics.map { SyntheticData.Planted(rule: $0.rule, record: $0.record ?? "") })
        #expect(found == Set(summary.planted))
    }

    @Test func sameSeedWritesTheSameBytes() throws {
        let first = try Self.write(SyntheticData(events: 200, seed: 7, errors: 5))
        let second = try Self.write(SyntheticData(events: 200, seed: 7, errors: 5))
        let other = try Self.write(SyntheticData(events: 200, seed: 8, errors: 5))
        defer { for d in [first.directory, second.directory, other.directory] { try? FileManager.default.removeItem(atPath: d) } }
        #expect(first.summary.files == second.summary.files)
        func bytes(_ directory: String, _ file: String) -> Data? { FileManager.default.contents(atPath: directory + "/" + file) }
        for file in first.summary.files {
            #expect(bytes(first.directory, file) == bytes(second.directory, file), "\(file) differs")
        }
        #expect(first.summary.files.contains { bytes(first.directory, $0) != bytes(other.directory, $0) })
    }

    /// Files and records are decoded, and rules run, on several threads: the dataset and the
    /// findings are the same for any number of them, bad records and relative dates included.
    @Test func loadingAndRulesGiveTheSameResultOnAnyNumberOfThreads() throws {
        let (directory, _) = try Self.write(SyntheticData(events: 1_200, errors: 30, eventsPerFile: 100))
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A record that fails to decode, and one whose relative date needs its source's date.
        try """
            events:
              - id: ev-bad-date
                kind: workshop
                title: {ja: 例, en: Example}
                date: 2018-13-45
                participants: [{actor: JP, role: host}]
                sources: [{source: src-syn-00020, locator: 表1}]
              - id: ev-relative-date
                kind: workshop
                title: {ja: 例, en: Example}
                date: 昨年
                participants: [{actor: JP, role: host}]
                sources: [{source: src-syn-00020, locator: 表1}]
              - {id: ev-not-decoded, kind: workshop}
            """.write(toFile: directory + "/events/zz-extra.yaml", atomically: true, encoding: .utf8)
        func run(_ threads: Int) -> (events: [Event], claims: [Claim], loading: [Diagnostic], findings: [Diagnostic]) {
            var loader = DatasetLoader()
            loader.threads = threads
            let loaded = loader.load(directory: directory)
            let dataset = loaded.dataset!
            return (dataset.events, dataset.claims, loaded.diagnostics, Pipeline.validate(dataset, threads: threads))
        }
        let one = run(1)
        #expect(one.loading.contains { $0.rule == "date-invalid" })
        #expect(one.events.contains { $0.id == "ev-relative-date" && $0.dateNote != nil })
        for threads in [2, 5] {
            let many = run(threads)
            #expect(many.events == one.events)
            #expect(many.claims == one.claims)
            #expect(many.loading == one.loading)
            #expect(many.findings == one.findings)
        }
    }

    @Test func refusesAFolderThatIsNotEmpty() throws {
        let directory = TestSupport.makeDataDirectory(["keep.yaml": "x: 1\n"])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(throws: SyntheticData.WriteError.self) { try SyntheticData(events: 10).write(to: directory) }
        #expect(throws: SyntheticData.WriteError.self) { try SyntheticData(events: 10, errors: 3).write(to: directory + "/new") }
    }

    @Test func commandWritesAndListsPlantedFindings() throws {
        let directory = NSTemporaryDirectory() + "renkei-synth-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try TestSupport.renkei(["synth", "50", directory, "--errors", "2", "--seed", "3"])
        #expect(result.code == 0)
        #expect(result.out.split(separator: "\n").count == 2)
        let usage = try TestSupport.renkei(["synth", "50", directory + "-x", "--errors", "11"])
        #expect(usage.code == 2)
    }
}
