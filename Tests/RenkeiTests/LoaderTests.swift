import Foundation
import RenkeiModel
import RenkeiSource
import Testing

@Suite("Loading source files")
struct LoaderTests {
    let files = [
        "dataset.yaml": "dataset:\n  name: t\n  version: 1.0.0\n",
        "sources.yaml": """
            sources:
              - id: src-minutes
                kind: minutes
                title: {ja: 議事概要, en: Minutes}
                date: 令和3年12月14日
                issuers: [日本]
            """,
        "actors.yaml": """
            actors:
              - id: JP
                kind: state
                name: {ja: 日本国, en: Japan}
                aliases: [日本]
                sources: [{source: src-minutes, locator: 出席者}]
              - id: CN
                kind: state
                name: {ja: 中華人民共和国, en: China}
                aliases: [中]
                sources: [{source: src-minutes, locator: 出席者}]
              - id: KR
                kind: state
                name: {ja: 大韓民国, en: Korea}
                aliases: [韓]
                sources: [{source: src-minutes, locator: 出席者}]
              - id: NO
                kind: state
                name: {ja: ノルウェー王国, en: Norway}
                sources: [{source: src-minutes, locator: 出席者}]
              - id: cn-kr
                kind: partner-set
                name: {ja: 中・韓, en: China and Korea}
                aliases: [中・韓]
                members: [中, 韓]
                sources: [{source: src-minutes, locator: 出席者}]
            """,
        "events.yaml": """
            events:
              - id: ev-2021-11-23-mou
                kind: mou-signing
                title: {ja: 覚書, en: MoU}
                date: 先月23日
                participants: [{actor: 日本, role: participant}, {actor: NO, role: participant}]
                sources: [{source: src-minutes, locator: 討議}]
              - id: ev-2017-trilateral
                kind: trilateral-consultation
                title: {ja: 日中韓サイバー協議, en: Japan-China-ROK Cyber Consultation}
                date: 2017
                participants: [{actor: JP, role: participant}, {actor: 中・韓, role: participant}]
                sources: [{source: src-minutes, locator: 表}]
            """,
    ]

    func load() throws -> (Dataset, [Diagnostic], String) {
        let directory = TestSupport.makeDataDirectory(files)
        let result = DatasetLoader().load(directory: directory)
        return (try #require(result.dataset), result.diagnostics, directory)
    }

    @Test("Aliases resolve to actor ids wherever an actor is referenced")
    func aliases() throws {
        let (dataset, diagnostics, directory) = try load()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.formatted))")
        #expect(dataset.sources[0].issuers == ["JP"])
        let mou = try #require(dataset.events.first { $0.id == "ev-2021-11-23-mou" })
        #expect(mou.participants.map(\.actor) == ["JP", "NO"])
        #expect(dataset.actors.first { $0.id == "cn-kr" }?.members == ["CN", "KR"])
    }

    @Test("A partner set stands for each of its members")
    func partnerSets() throws {
        let (dataset, _, directory) = try load()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let trilateral = try #require(dataset.events.first { $0.id == "ev-2017-trilateral" })
        #expect(trilateral.participants == [
            Participant(actor: "JP", role: "participant"), Participant(actor: "CN", role: "participant"),
            Participant(actor: "KR", role: "participant"),
        ])
    }

    @Test("Relative dates resolve from the first cited source and record how")
    func relativeDates() throws {
        let (dataset, _, directory) = try load()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let mou = try #require(dataset.events.first { $0.id == "ev-2021-11-23-mou" })
        #expect(mou.date.description == "2021-11-23")
        #expect(mou.dateNote == "先月23日 → 2021-11-23, from the source's date 2021-12-14")
        #expect(dataset.sources[0].date.iso == "2021-12-14")
    }

    @Test("Every field's location is kept for diagnostics")
    func locations() throws {
        let (dataset, _, directory) = try load()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let trilateral = try #require(dataset.events.first { $0.id == "ev-2017-trilateral" })
        let here = try #require(trilateral.meta.location(of: "participants[2].actor"))
        #expect(here.file.hasSuffix("events.yaml"))
        #expect(here.line == 12)
        #expect(trilateral.meta.location?.line == 8)
    }

    @Test("Unquoted NO stays the text 'NO' (Norway), not a boolean")
    func yamlBooleans() throws {
        let (dataset, _, directory) = try load()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(dataset.actors.contains { $0.id == "NO" })
    }
}
