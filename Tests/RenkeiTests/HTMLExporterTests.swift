@testable import ExportHTML
import Foundation
import RenkeiExport
import RenkeiModel
import RenkeiTesting
import Testing

/// Counts the record markers (`data-collection="…" data-record-id="…"`) the site carries: each
/// record has exactly one, on its home (a timeline row, an actor page, a table row).
func htmlRecordCounts(_ files: [String: Data]) -> [Collection: Int] {
    var counts: [Collection: Int] = [:]
    for (path, data) in files where path.hasSuffix(".html") {
        let text = String(decoding: data, as: UTF8.self)
        var rest = text[...]
        while let range = rest.range(of: "data-collection=\"") {
            rest = rest[range.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            let name = String(rest[..<end])
            if rest[end...].hasPrefix("\" data-record-id=\""), let c = Collection(rawValue: name) {
                counts[c, default: 0] += 1
            }
        }
    }
    return counts
}

/// How many times `needle` occurs in `text`.
func occurrences(of needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
}

@Suite("Exporter: html (the static report site)")
struct HTMLExporterTests {
    let entry = ExporterRegistry.Entry(HTMLExporter.self)

    func page(_ files: [String: Data], _ path: String) throws -> String {
        String(decoding: try #require(files[path], "\(path) was not written"), as: UTF8.self)
    }

    @Test("Passes the conformance kit")
    func conformance() {
        let kit = ExporterConformance(
            entry: entry, markup: .html,
            expectedCounts: { dataset in
                let carried: [Collection] = [.sources, .actors, .memberships, .series, .events, .attributions, .proposals, .budgets, .indicators]
                return dataset.counts.filter { carried.contains($0.key) }
            },
            countRecords: { files in
                var counts = htmlRecordCounts(files)
                for c in [Collection.sources, .actors, .memberships, .series, .events, .attributions, .proposals, .budgets, .indicators]
                where counts[c] == nil {
                    counts[c] = 0
                }
                return counts
            })
        let problems = kit.run()
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("Writes the overview, the summary pages and a page per actor, series and event")
    func pages() throws {
        let files = try ExporterHarness.run(entry, on: TestDatasets.minimal())
        for name in ["index", "years", "timeline", "network", "projects", "proposals", "attributions", "logic-model", "actors", "series"] {
            #expect(files["site/\(name).html"] != nil, "site/\(name).html")
        }
        #expect(files["site/style.css"] != nil && files["site/lang.js"] != nil)
        for id in ["JP", "US", "jp-mod", "apt99"] { #expect(files["site/actors/\(id).html"] != nil) }
        #expect(files["site/series/sr-test-dialogue.html"] != nil)
        for id in ["ev-2018-07-test-dialogue-1", "ev-2018-12-test-attribution", "ev-2017-test-exercise"] {
            #expect(files["site/events/\(id).html"] != nil)
        }
        let counts = htmlRecordCounts(files)
        #expect(counts[.events] == 3 && counts[.actors] == 4 && counts[.memberships] == 1 && counts[.budgets] == 1)

        let overview = try page(files, "site/index.html")
        #expect(overview.contains("<span class=\"n\">3</span>"))
        #expect(overview.contains("data-record-id=\"src-test\""))
        #expect(overview.contains("試験資料") && overview.contains("Test report"))
    }

    @Test("The timeline lists every event in date order; a fiscal year starts in April")
    func timeline() throws {
        let files = try ExporterHarness.run(entry, on: TestDatasets.minimal())
        let text = try page(files, "site/timeline.html")
        let order = ["ev-2017-test-exercise", "ev-2018-07-test-dialogue-1", "ev-2018-12-test-attribution"]
            .map { text.range(of: "data-record-id=\"\($0)\"")!.lowerBound }
        #expect(order == order.sorted())
        #expect(text.contains("<span lang=\"ja\">2017年度</span><span lang=\"en\">FY2017</span>"))
        #expect(text.contains("<tr class=\"year\" id=\"y2018\">"))
    }

    @Test("Per year: the charts are SVG and the consultation table names the partner, not Japan's own bodies")
    func perYear() throws {
        let files = try ExporterHarness.run(entry, on: TestDatasets.minimal())
        let text = try page(files, "site/years.html")
        #expect(occurrences(of: "<svg class=\"chart\"", in: text) == 2)
        let section = String(text[text.range(of: "id=\"consultations-by-year\"")!.lowerBound...])
        let row = String(section[section.range(of: "<tr><th>2018</th>")!.lowerBound...].prefix(while: { $0 != "\n" }))
        #expect(row.contains("<td>1</td>"))
        #expect(row.contains("United States") && row.contains("アメリカ合衆国"))
        #expect(!row.contains("Ministry of Defense"))
        #expect(row.contains("href=\"events/ev-2018-07-test-dialogue-1.html\""))
        // The exercise is dated by fiscal year only (FY2017: April 2017 to March 2018): it is
        // counted in no calendar year, but shown as undetermined in both years it may fall in.
        let rest = text[text.range(of: "id=\"exercises\"")!.lowerBound...]
        let exercises = String(rest[..<rest.range(of: "</section>")!.lowerBound])
        #expect(exercises.contains("<th>2017</th>") && exercises.contains("<th>2018</th>"))
        #expect(exercises.contains("<tr class=\"undetermined\">"))
        #expect(occurrences(of: "<td>+1</td>", in: exercises) == 2)
        #expect(exercises.contains("Events in no single calendar year: 1"))
        #expect(occurrences(of: "<svg class=\"chart\"", in: try page(files, "site/index.html")) == 2)
    }

    @Test("The partner network joins Japan and the United States with one shared event")
    func network() throws {
        let files = try ExporterHarness.run(entry, on: TestDatasets.minimal())
        let text = try page(files, "site/network.html")
        #expect(text.contains("<svg class=\"chart network\" id=\"partner-network\""))
        #expect(occurrences(of: "class=\"edge centre\"", in: text) == 1)
        #expect(text.contains("data-weight=\"1\""))
        #expect(text.contains("<tr data-partner=\"US\">"))
        // The threat group is never a partner.
        #expect(!text.contains("data-partner=\"apt99\""))
        let a = try ExporterHarness.run(entry, on: TestDatasets.minimal())["site/network.html"]
        #expect(a == files["site/network.html"])
    }

    @Test("The logic model shows activities, outputs with computed indicator values, and outcomes")
    func logicModel() throws {
        let files = try ExporterHarness.run(entry, on: TestDatasets.minimal())
        let text = try page(files, "site/logic-model.html")
        let activities = text.range(of: "Consult")!.lowerBound
        let output = text.range(of: "Number of consultations")!.lowerBound
        let indicator = text.range(of: "data-record-id=\"ind-test\"")!.lowerBound
        let outcome = text.range(of: "Short-term outcomes")!.lowerBound
        #expect(activities < output && output < indicator && indicator < outcome)
        // One consultation with the ministry in FY2018; the indicator counts by fiscal year only.
        #expect(text.contains("<th>FY2018</th>") && !text.contains("<th>2018</th>"))
        #expect(text.contains("<td>1</td>"))
        #expect(text.contains("id=\"ind-ind-test-fy\""))
        #expect(text.contains("JPY 200,000,000") && text.contains("200,000,000円"))
    }

    @Test("Actor, series and event pages hold references and the record's own details")
    func recordPages() throws {
        let files = try ExporterHarness.run(entry, on: TestDatasets.minimal())
        let ministry = try page(files, "site/actors/jp-mod.html")
        #expect(ministry.contains("data-collection=\"actors\" data-record-id=\"jp-mod\""))
        #expect(ministry.contains("data-record-id=\"mb-test-taro\""))
        #expect(ministry.contains("href=\"../events/ev-2018-07-test-dialogue-1.html\""))
        #expect(ministry.contains("href=\"../events/ev-2017-test-exercise.html\""))
        #expect(ministry.contains("href=\"../actors/JP.html\""))
        let series = try page(files, "site/series/sr-test-dialogue.html")
        #expect(series.contains("<span lang=\"ja\">第1回</span><span lang=\"en\">1st</span>"))
        let event = try page(files, "site/events/ev-2018-07-test-dialogue-1.html")
        #expect(event.contains("両国が協力を確認した。") && event.contains("The two sides confirmed cooperation."))
        #expect(event.contains("TEST Taro") && event.contains("Continued cooperation"))
        #expect(event.contains("href=\"../index.html#src-test\""))
        #expect(event.contains("href=\"../series/sr-test-dialogue.html\""))
        let proposals = try page(files, "site/proposals.html")
        #expect(proposals.contains("data-record-id=\"pr-test\"") && proposals.contains("href=\"actors/US.html\""))
        let attributions = try page(files, "site/attributions.html")
        #expect(attributions.contains("data-record-id=\"at-2018-test\"") && attributions.contains("APT99"))
    }

    @Test("Hostile text is escaped, both languages come in pairs, and nothing is loaded from the network")
    func escaping() throws {
        let files = try ExporterHarness.run(entry, on: TestDatasets.hostile())
        let all = files.filter { $0.key.hasSuffix(".html") }
        let timeline = try page(files, "site/timeline.html")
        #expect(timeline.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;/p&gt;"))
        #expect(timeline.contains("He said &quot;hi&quot;, then left; &#39;ok&#39;"))
        for (path, data) in all.sorted(by: { $0.key < $1.key }) {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("<script>"), "\(path) has an inline script")
            #expect(occurrences(of: "lang=\"ja\"", in: text) - 1 == occurrences(of: "lang=\"en\"", in: text), "\(path) pairs its languages")
            for remote in ["src=\"http", "href=\"http", "src=\"//", "href=\"//", "@import", "url("] {
                #expect(!text.contains(remote), "\(path) loads \(remote)")
            }
        }
        let css = try page(files, "site/style.css")
        #expect(!css.contains("url(") && !css.contains("@import"))
    }

    @Test("An id that is not plain gives a file name that stays in its folder")
    func fileNames() throws {
        var dataset = TestDatasets.minimal()
        dataset.actors.append(Actor(id: "x/../y", kind: "other", name: LocalizedText(ja: "変", en: "Odd"), sources: dataset.actors[0].sources))
        let files = try ExporterHarness.run(entry, on: dataset)
        #expect(files["site/actors/x_2f_2e_2e_2fy.html"] != nil)
        #expect(files.keys.allSatisfy { $0.hasPrefix("site/") && !$0.contains("..") })
        #expect(try page(files, "site/actors.html").contains("href=\"actors/x_2f_2e_2e_2fy.html\""))
    }

    @Test("A source's web address is a link only when it is http or https")
    func links() throws {
        var dataset = TestDatasets.minimal()
        dataset.sources[0].url = "javascript:alert(1)"
        var files = try ExporterHarness.run(entry, on: dataset)
        #expect(!(try page(files, "site/index.html")).contains("href=\"javascript:"))
        dataset.sources[0].url = "https://example.org/a?b=1&c=2"
        files = try ExporterHarness.run(entry, on: dataset)
        #expect(try page(files, "site/index.html").contains("href=\"https://example.org/a?b=1&amp;c=2\""))
    }

    /// The values of `attribute` in the order they occur in `text`.
    func values(of attribute: String, in text: String) -> [String] {
        text.components(separatedBy: attribute + "=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    @Test("Pages streamed from the index keep the orders of sorting in memory: date (first day, then last), id; series by ordinal; posts by start")
    func streamedOrder() throws {
        var d = TestDatasets.minimal()
        let cite = d.events[0].sources
        // Dates that share a first day but not a last one, and the same date many times.
        let dates = [
            PartialDate(year: 2018)!, PartialDate(fiscalYear: 2018)!, PartialDate(year: 2018, month: 4)!,
            PartialDate(year: 2018, month: 4, day: 1)!, PartialDate(fiscalYear: 2017)!, PartialDate(year: 2019, month: 3, day: 31)!,
            PartialDate(year: 2018, month: 1, day: 1)!,
        ]
        for i in 0..<42 {
            let consultation = i % 2 == 0
            var participants = [Participant(actor: "US", role: "participant"), Participant(actor: "jp-mod", role: "host")]
            if i % 4 == 0 { participants.append(Participant(actor: "US", role: "co-chair")) }
            if i % 3 == 0 { participants.append(Participant(actor: "US", role: "participant")) }
            if !consultation && i % 5 != 0 { participants.append(Participant(actor: "apt99", role: "beneficiary")) }
            d.events.append(Event(
                id: "ev-order-\((i * 17) % 42)", kind: consultation ? "bilateral-consultation" : "training",
                title: LocalizedText(ja: "順序\(i)", en: "Order \(i)"), series: consultation ? "sr-test-dialogue" : nil,
                ordinal: consultation && i % 3 != 0 ? (i * 7) % 5 : nil, date: .on(dates[(i * 5) % dates.count]),
                end: i % 7 == 0 ? PartialDate(year: 2020)! : nil, participants: participants, sources: cite))
        }
        for (i, start) in [nil, PartialDate(year: 2018)!, PartialDate(fiscalYear: 2017)!, nil, PartialDate(year: 2018, month: 1, day: 1)!, PartialDate(year: 9999)!].enumerated() {
            d.memberships.append(Membership(
                id: "mb-order-\(5 - i)", person: "test-taro", organization: "jp-mod", role: LocalizedText(ja: "職\(i)", en: "Post \(i)"),
                start: start, sources: cite))
        }
        d.computeDerivedValues()
        let files = try ExporterHarness.run(entry, on: d)
        func chronological(_ list: [Event]) -> [String] {
            list.sorted { $0.date != $1.date ? $0.date < $1.date : $0.id < $1.id }.map(\.id)
        }

        let timeline = try page(files, "site/timeline.html")
        #expect(values(of: "data-record-id", in: timeline) == chronological(d.events))

        let us = try page(files, "site/actors/US.html")
        let withUS = d.events.filter { $0.participants.contains { $0.actor == "US" } }
        #expect(values(of: "data-event", in: us) == chronological(withUS))
        #expect(us.contains("<small>(\(withUS.count))</small>"))
        // Each role once, in the order of the participants.
        let row = String(us[us.range(of: "data-event=\"ev-order-0\"")!.lowerBound...].prefix { $0 != "\n" })
        #expect(row.contains("<span lang=\"en\">Participant</span><span lang=\"ja\">、</span><span lang=\"en\">, </span><span lang=\"ja\">共同議長</span>"))
        #expect(occurrences(of: "Participant", in: row) == 1 && occurrences(of: "Co-chair", in: row) == 1)

        let rounds = d.events.filter { $0.series == "sr-test-dialogue" }.sorted {
            let a = $0.ordinal ?? Int.max, b = $1.ordinal ?? Int.max
            if a != b { return a < b }
            return $0.date != $1.date ? $0.date < $1.date : $0.id < $1.id
        }
        #expect(values(of: "data-event", in: try page(files, "site/series/sr-test-dialogue.html")) == rounds.map(\.id))

        let projects = d.events.filter { $0.kind == "training" && $0.participants.contains { $0.role == "beneficiary" } }
        #expect(values(of: "data-event", in: try page(files, "site/projects.html")) == chronological(projects))

        // The consultation table: calendar years, then fiscal years, each in date order.
        let years = try page(files, "site/years.html")
        let from = years.range(of: "id=\"consultations-by-year\"")!.lowerBound
        let table = String(years[from..<years[from...].range(of: "</section>")!.lowerBound])
        let consultations = d.events.filter { $0.kind == "bilateral-consultation" }
        func period(_ e: Event) -> String { e.date.calendarYear.map { String($0) } ?? e.date.description }
        let periods = Set(consultations.map(period)).sorted { ($0.hasPrefix("FY") ? 1 : 0, $0) < ($1.hasPrefix("FY") ? 1 : 0, $1) }
        let expected = periods.flatMap { p in chronological(consultations.filter { period($0) == p }) }
        #expect(values(of: "href", in: table).map { String($0.dropFirst("events/".count).dropLast(".html".count)) } == expected)
        for p in periods {
            #expect(table.contains("<tr><th>\(p)</th><td>\(consultations.filter { period($0) == p }.count)</td>"))
        }

        let posts = d.memberships.sorted { x, y in
            let a = x.start ?? PartialDate(year: 9999)!, b = y.start ?? PartialDate(year: 9999)!
            return a != b ? a < b : x.id < y.id
        }
        let ministry = try page(files, "site/actors/jp-mod.html")
        #expect(values(of: "data-record-id", in: ministry).filter { $0.hasPrefix("mb-") } == posts.map(\.id))

        // An attribution's event is found in the index by id.
        #expect(try page(files, "site/attributions.html").contains("href=\"events/ev-2018-12-test-attribution.html\""))
    }

    /// Finds nothing: for running the exporter outside the pipeline.
    final class NoLookup: RecordLookup {
        func record(_ id: String, in collection: Collection) -> AnyRecord? { nil }
    }

    @Test("The index is a scratch database beside the output, deleted at the end and when an export is abandoned or aborted")
    func scratchIndex() throws {
        let out = ExporterHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let dataset = TestDatasets.minimal()
        func context(_ name: String) throws -> ExportContext {
            ExportContext(output: try OutputDirectory(root: out + "/" + name), info: dataset.info, counts: dataset.counts, lookup: NoLookup())
        }
        let exporter = HTMLExporter()
        try exporter.begin(try context("done"))
        let scratch = try #require(exporter.index?.directory)
        // Beside the exporter's folder (in the run's staging), never in it and never in $TMPDIR.
        #expect(scratch == out + "/done.index")
        for record in dataset.allRecords { try exporter.write(record) }
        #expect(FileManager.default.fileExists(atPath: scratch + "/index.sqlite"))
        try exporter.finish()
        #expect(!FileManager.default.fileExists(atPath: scratch))
        #expect(FileManager.default.fileExists(atPath: out + "/done/site/timeline.html"))

        // A failed export never reaches `finish`: letting the exporter go deletes its index.
        var abandoned: HTMLExporter? = HTMLExporter()
        try abandoned?.begin(try context("abandoned"))
        let other = try #require(abandoned?.index?.directory)
        for record in dataset.allRecords.prefix(10) { try abandoned?.write(record) }
        #expect(FileManager.default.fileExists(atPath: other))
        abandoned = nil
        #expect(!FileManager.default.fileExists(atPath: other))

        // The runner aborts a failed export: the index's transaction is rolled back, its folder gone.
        let aborted = HTMLExporter()
        try aborted.begin(try context("aborted"))
        for record in dataset.allRecords.prefix(10) { try aborted.write(record) }
        aborted.abort()
        #expect(!FileManager.default.fileExists(atPath: out + "/aborted.index"))
    }

    /// A Chromium to render the site with: `RENKEI_CHROMIUM`, or one on the PATH.
    static var chromium: String? {
        if let path = ProcessInfo.processInfo.environment["RENKEI_CHROMIUM"], FileManager.default.isExecutableFile(atPath: path) { return path }
        return TestSupport.executable("chromium", "chromium-browser", "google-chrome")
    }

    @Test("The site renders in headless Chromium without errors, with its charts and language switch (Tests/checkers/check_html.py)")
    func browser() throws {
        guard let python = TestSupport.checkerPython else {
            print("SKIPPED html browser check: no checker Python (run .ci/run, or set RENKEI_PYTHON)")
            return
        }
        guard let chromium = Self.chromium else {
            print("SKIPPED html browser check: no Chromium (apt-get install -y chromium, or set RENKEI_CHROMIUM)")
            return
        }
        for (name, dataset) in [("minimal", TestDatasets.minimal()), ("hostile", TestDatasets.hostile()), ("empty", TestDatasets.empty())] {
            let directory = ExporterHarness.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let written = try ExporterRunnerSupport.export(entry, dataset, into: directory)
            #expect(!written.isEmpty)
            let counts = dataset.counts
            let expect = ["sources", "actors", "memberships", "series", "events", "attributions", "proposals", "budgets", "indicators"]
                .flatMap { ["--expect", "\($0)=\(counts[Collection(rawValue: $0)!] ?? 0)"] }
            let result = try TestSupport.run(
                python, [TestSupport.root + "/Tests/checkers/check_html.py", directory + "/site", "--chromium", chromium] + expect)
            #expect(result.code == 0, "\(name): \(result.out)\(result.err)")
        }
    }
}

/// Writes an exporter's files for a dataset into a directory, through the real pipeline.
enum ExporterRunnerSupport {
    static func export(_ entry: ExporterRegistry.Entry, _ dataset: Dataset, into directory: String) throws -> [String] {
        let files = try ExporterHarness.run(entry, on: dataset)
        for (path, data) in files {
            let full = directory + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: full, contents: data) else {
                throw ExportError(exporter: entry.description.id, message: "cannot write \(full)")
            }
        }
        return files.keys.sorted()
    }
}
