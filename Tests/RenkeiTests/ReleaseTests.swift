import Foundation
import RenkeiModel
import RenkeiPipeline
import RenkeiRelease
import ExportSTIX
import Testing

/// Two real releases made from copies of `data/`: the second adds one record, changes one in
/// two fields, deprecates one, replaces one and removes one (acknowledged in its notes).
final class ReleaseFixture: @unchecked Sendable {
    let root: String = {
        let path = NSTemporaryDirectory() + "renkei-release-\(UUID().uuidString)"
        TestSupport.removeAtExit(path)
        return path
    }()
    var v1: String { root + "/v1" }
    var v2: String { root + "/v2" }
    var out1: String { root + "/out1" }
    var out2: String { root + "/out2" }
    var bundle1: String { out1 + "/renkei-2026.11.0.tar.gz" }
    var bundle2: String { out2 + "/renkei-2026.12.0.tar.gz" }

    static let shared = ReleaseFixture()

    private var made = false
    private let lock = NSLock()
    /// The number of events and of records in the first release (the second has as many).
    private(set) var events = 0
    private(set) var records = 0
    /// The events of the second release a calendar can show (their dates have a start and an end).
    private(set) var calendarEvents = 0

    /// Makes the two data folders and the first bundle (once per test run).
    func make() throws {
        try lock.withLock {
            guard !made else { return }
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            for copy in [v1, v2] { try FileManager.default.copyItem(atPath: TestSupport.root + "/data", toPath: copy) }
            try Self.setVersion(v1, "2026.11.0", released: "2026-11-21")
            try Self.makeSecondRelease(v2)
            let dataset = try #require(Pipeline.check(dataDirectory: v1).dataset)
            events = dataset.events.count
            records = dataset.counts.values.reduce(0, +)
            let second = try #require(Pipeline.check(dataDirectory: v2).dataset)
            calendarEvents = second.events.filter { $0.date.earliest != nil && $0.date.latest != nil }.count
            let first = try TestSupport.renkei(["bundle", "--data", v1, "--out", out1, "--quiet"])
            guard first.code == 0 else { throw FixtureError(message: "first bundle failed: \(first.err)") }
            made = true
        }
    }

    struct FixtureError: Error { let message: String }

    static func setVersion(_ data: String, _ version: String, released: String) throws {
        let path = data + "/dataset.yaml"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: #"version: \S+"#, with: "version: \(version)", options: .regularExpression)
        text = text.replacingOccurrences(of: #"released: \S+"#, with: "released: \(released)", options: .regularExpression)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func edit(_ path: String, _ change: (String) throws -> String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let changed = try change(text)
        guard changed != text else { throw FixtureError(message: "\(path) did not change") }
        try changed.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func replace(_ text: String, _ old: String, _ new: String) throws -> String {
        guard text.components(separatedBy: old).count == 2 else { throw FixtureError(message: "'\(old)' is not in the file once") }
        return text.replacingOccurrences(of: old, with: new)
    }

    static let notes = """
        release:
          version: 2026.12.0
          summary:
            ja: 記録の追加と訂正。
            en: Records added and corrected.
          removed:
            - id: ev-2017-08-jp-gb-joint-vision-statement
              reason: {ja: 首脳会談の記録と重複するため, en: It duplicates the summit's record}

        """

    static func makeSecondRelease(_ data: String) throws {
        try setVersion(data, "2026.12.0", released: "2026-12-05")
        try edit(data + "/001-nisc-2019/attributions.yaml") { text in
            var t = try replace(text, "en: Statement condemning cyberattacks by the China-based group known as APT10}", "en: Statement condemning the cyberattacks of the China-based group called APT10}")
            t = try replace(t, "en: Japan issued a statement condemning cyberattacks by the China-based group known as APT10 and called on G20 members, China included, to act responsibly.", "en: Japan condemned the cyberattacks of the China-based group called APT10 and asked the G20 members, China among them, to act responsibly.")
            t = try replace(t, "  - id: at-2017-12-wannacry\n", "  - id: at-2017-12-wannacry\n    status: deprecated\n    reason: {ja: 記録の見直しのため, en: Under review}\n")
            return t
        }
        try edit(data + "/001-nisc-2019/events.yaml") { text in
            var t = try replace(text, "  - id: ev-2018-11-beer-sheva-expert-dispatch\n", "  - id: ev-2018-11-beer-sheva-expert-dispatch\n    replaced_by: ev-2018-06-beer-sheva-expert-dispatch\n")
            guard let start = t.range(of: "  - id: ev-2017-08-jp-gb-joint-vision-statement\n"),
                let end = t.range(of: "  - id: ev-2017-08-jp-gb-joint-declaration-security-cooperation\n")
            else { throw FixtureError(message: "the joint vision statement is not in events.yaml") }
            t.removeSubrange(start.lowerBound..<end.lowerBound)
            return t
        }
        try edit(data + "/001-nisc-2019/consultations.yaml") { text in
            text + """
                  - id: ev-2017-jp-sg-consultation
                    kind: bilateral-consultation
                    title: {ja: 日シンガポールサイバー協議（2017年）, en: Japan-Singapore Cyber Consultation (2017)}
                    date: 2017
                    participants:
                      - {actor: JP, role: participant}
                      - {actor: SG, role: participant}
                    summary:
                      ja: 2017年にシンガポールとの間で行われたとする試験用のサイバー協議。
                      en: A test consultation with Singapore in 2017.
                    sources:
                      - {source: src-nisc-2019-status, locator: "国際戦略推進のための国際会議等 > 二国間サイバー協議 > 各年別二国間サイバー協議等の開催実績"}

                """
        }
        try FileManager.default.createDirectory(atPath: data + "/releases", withIntermediateDirectories: true)
        try notes.write(toFile: data + "/releases/2026.12.0.yaml", atomically: true, encoding: .utf8)
    }

    /// The five changes, one JSON object a line, as `renkei diff --format jsonl` writes them.
    static let expectedJSONL = """
        {"collection":"events","fields":[],"id":"ev-2017-08-jp-gb-joint-vision-statement","op":"remove"}
        {"collection":"events","fields":[],"id":"ev-2017-jp-sg-consultation","op":"add"}
        {"collection":"events","fields":[{"after":"ev-2018-06-beer-sheva-expert-dispatch","before":null,"path":"replaced_by"}],"id":"ev-2018-11-beer-sheva-expert-dispatch","op":"replace"}
        {"collection":"events","fields":[{"after":"Japan condemned the cyberattacks of the China-based group called APT10 and asked the G20 members, China among them, to act responsibly.","before":"Japan issued a statement condemning cyberattacks by the China-based group known as APT10 and called on G20 members, China included, to act responsibly.","path":"summary.en"},{"after":"Statement condemning the cyberattacks of the China-based group called APT10","before":"Statement condemning cyberattacks by the China-based group known as APT10","path":"title.en"}],"id":"ev-2018-12-apt10-attribution","op":"change"}
        {"collection":"attributions","fields":[{"after":{"en":"Under review","ja":"記録の見直しのため"},"before":null,"path":"reason"},{"after":"deprecated","before":null,"path":"status"}],"id":"at-2017-12-wannacry","op":"deprecate"}

        """
}

@Suite("Releases: diff, changelog, lifecycle, history, index and checks", .serialized)
struct ReleaseTests {
    let f = ReleaseFixture.shared

    init() throws { try ReleaseFixture.shared.make() }

    @Test("diff: the exact changes in jsonl, json, text and markdown; exit 1 on differences, 0 on none")
    func diffFormats() throws {
        let jsonl = try TestSupport.renkei(["diff", f.bundle1, f.v2, "--format", "jsonl"])
        #expect(jsonl.code == 1, "\(jsonl.err)")
        #expect(jsonl.out == ReleaseFixture.expectedJSONL)

        let json = try TestSupport.renkei(["diff", f.bundle1, f.v2, "--format", "json"])
        #expect(json.code == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        #expect(Set(document.keys) == ["old", "new", "summary", "changes"])
        #expect((document["old"] as? [String: Any])?["version"] as? String == "2026.11.0")
        #expect((document["new"] as? [String: Any])?["version"] as? String == "2026.12.0")
        let changes = try #require(document["changes"] as? [[String: Any]])
        #expect(changes.map { $0["op"] as? String } == ["remove", "add", "replace", "change", "deprecate"])
        let summary = try #require(document["summary"] as? [String: Any])
        let events = try #require((summary["collections"] as? [String: Any])?["events"] as? [String: Int])
        #expect(events == ["before": f.events, "after": f.events, "added": 1, "removed": 1, "changed": 1, "deprecated": 0, "replaced": 1])

        let text = try TestSupport.renkei(["diff", f.bundle1, f.v2])
        #expect(text.code == 1)
        #expect(!text.out.contains("\u{1B}["), "no colour when the output is not a terminal")
        #expect(text.out.contains("""
            Records
              collection    before  after  added  removed  changed  deprecated  replaced
              events           \(f.events)    \(f.events)      1        1        1           0         1
              attributions       4      4      0        0        0           1         0
            """))
        #expect(text.out.contains("  consultation 2017: 8 → 9 (+ Japan-Singapore Cyber Consultation (2017))\n"))
        #expect(text.out.contains("  expert-dispatch 2018: 2 → 1 (− Dispatch of experts to the cybersecurity centre in Beersheba)\n"))
        #expect(text.out.contains("""
            ~ events/ev-2018-12-apt10-attribution  changed
                summary.en: "Japan issued a statement condemning cyberattacks by the China-based group known as APT10 and called on G20 members, China included, to act responsibly." → "Japan condemned the cyberattacks of the China-based group called APT10 and asked the G20 members, China among them, to act responsibly."
                title.en: "Statement condemning cyberattacks by the China-based group known as APT10" → "Statement condemning the cyberattacks of the China-based group called APT10"
            """))

        let markdown = try TestSupport.renkei(["diff", f.bundle1, f.v2, "--format", "markdown"])
        #expect(markdown.out.hasPrefix("# 変更履歴 / Changes: 2026.11.0 → 2026.12.0\n"))
        for heading in ["## 概要 / Summary", "## 年別の事象数 / Events per year", "## 記録ごとの変更 / Changes by record"] {
            #expect(markdown.out.contains(heading))
        }
        #expect(markdown.out.contains("| events | \(f.events) | \(f.events) | 1 | 1 | 1 | 0 | 1 |"))
        #expect(markdown.out.contains("- **deprecated** `attributions/at-2017-12-wannacry`"))

        // docs/RELEASES.md shows this diff: every line of its example (but the first, which names
        // the files, and lines shortened with …) is a line of the real output.
        let doc = try String(contentsOfFile: TestSupport.root + "/docs/RELEASES.md", encoding: .utf8)
        let example = try #require(doc.components(separatedBy: "```\n").first { $0.contains("\nRecords\n") })
        let printed = Set(text.out.components(separatedBy: "\n"))
        for line in example.components(separatedBy: "\n").dropFirst() where !line.contains("…") && !line.isEmpty {
            #expect(printed.contains(line), "docs/RELEASES.md shows a line renkei diff does not print: \(line)")
        }

        let same = try TestSupport.renkei(["diff", f.bundle1, f.v1])
        #expect(same.code == 0, "\(same.err)")
        #expect(same.out.hasSuffix("no differences\n"))
        // The same data gives the same bytes.
        #expect(try TestSupport.renkei(["diff", f.bundle1, f.v2, "--format", "json"]).out == json.out)
    }

    @Test("bundle --previous: changelog, changes and history inside; STIX, iCalendar, CSV and the report use them")
    func bundleCarriesHistory() throws {
        let made = try TestSupport.renkei(["bundle", "--data", f.v2, "--out", f.out2, "--quiet", "--previous", f.bundle1])
        #expect(made.code == 0, "\(made.err)")
        #expect(try TestSupport.renkei(["verify", f.bundle2]).code == 0)
        let x = f.root + "/x2"
        try FileManager.default.createDirectory(atPath: x, withIntermediateDirectories: true)
        #expect(try TestSupport.run("/usr/bin/env", ["tar", "-xzf", f.bundle2, "-C", x]).code == 0)
        let bag = x + "/renkei-2026.12.0/data"

        let changelog = try String(contentsOfFile: bag + "/CHANGELOG.md", encoding: .utf8)
        #expect(changelog.hasPrefix("# 変更履歴 / Changes: 2026.11.0 → 2026.12.0\n\n- 旧 / Old: `renkei-2026.11.0.tar.gz` (2026.11.0, 2026-11-21)\n"))
        #expect(changelog.contains("記録の追加と訂正。\n\nRecords added and corrected.\n"))
        #expect(changelog.contains("- `ev-2017-08-jp-gb-joint-vision-statement`: 首脳会談の記録と重複するため / It duplicates the summit's record"))
        #expect(try String(contentsOfFile: bag + "/changes.jsonl", encoding: .utf8) == ReleaseFixture.expectedJSONL)

        let history = try TestSupport.run("/usr/bin/sqlite3", [bag + "/renkei.sqlite", """
            SELECT id, first_release, first_released, last_release, last_changed, changes FROM record_history
            WHERE id IN ('ev-2017-jp-sg-consultation', 'ev-2018-12-apt10-attribution', 'ev-2013-09-un-gge-report') ORDER BY id;
            SELECT count(*) FROM record_history; SELECT value FROM meta WHERE key = 'previous_release';
            """])
        #expect(history.out == """
            ev-2013-09-un-gge-report|2026.11.0|2026-11-21|2026.11.0|2026-11-21|0
            ev-2017-jp-sg-consultation|2026.12.0|2026-12-05|2026.12.0|2026-12-05|0
            ev-2018-12-apt10-attribution|2026.11.0|2026-11-21|2026.12.0|2026-12-05|1
            \(f.records)
            2026.11.0

            """)

        if let python = TestSupport.checkerPython {
            let schema = try TestSupport.run(python, [
                TestSupport.root + "/Tests/checkers/check_json_schema.py", TestSupport.root + "/docs/schema/renkei.schema.json",
                bag + "/exports/renkei.json",
            ])
            #expect(schema.code == 0, "retired records fit the JSON Schema: \(schema.out)\(schema.err)")
        } else {
            print("SKIPPED schema check of retired records: no Python with jsonschema (run .ci/run, or set RENKEI_PYTHON)")
        }

        let stix = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: bag + "/exports/stix/renkei-stix.json"))) as? [String: Any])
        let objects = try #require(stix["objects"] as? [[String: Any]])
        let reports = objects.filter { $0["type"] as? String == "report" }
        let apt10 = try #require(reports.first { ($0["name"] as? String)?.contains("APT10") == true })
        #expect(apt10["created"] as? String == "2018-12-01T00:00:00.000Z")
        #expect(apt10["modified"] as? String == "2026-12-05T00:00:00.000Z")
        #expect(apt10["revoked"] == nil)
        let wannacry = try #require(reports.first { ($0["name"] as? String)?.contains("WannaCry") == true })
        #expect(wannacry["revoked"] as? Bool == true)
        #expect(wannacry["modified"] as? String == "2026-12-05T00:00:00.000Z", "revoking is a new version")

        // Revoked and modified objects still pass the standard's strict validator; the calendar
        // with SEQUENCE, LAST-MODIFIED and STATUS still loads in every calendar library.
        if let (python, schemas) = StandardCheck.prerequisites("STIX check of a release", schemas: "stix-2.1/schemas") {
            let result = try TestSupport.run(python, [
                TestSupport.root + "/Tests/checkers/check_stix.py", schemas, bag + "/exports/stix/renkei-stix.json", "renkei", STIXExporter.namespace,
            ])
            #expect(result.code == 0, "\(result.out)\(result.err)")
        }
        if let (python, _) = StandardCheck.prerequisites("iCalendar check of a release") {
            let result = try TestSupport.run(python, [TestSupport.root + "/Tests/checkers/check_ical.py", bag + "/exports/calendar/renkei.ics", String(f.calendarEvents)])
            #expect(result.code == 0, "\(result.out)\(result.err)")
        }

        let ical = try String(contentsOfFile: bag + "/exports/calendar/renkei.ics", encoding: .utf8)
        let apt10Event = try #require(Self.vevent(ical, uid: "ev-2018-12-apt10-attribution@renkei"))
        #expect(apt10Event.contains("SEQUENCE:1\r\n"))
        #expect(apt10Event.contains("LAST-MODIFIED:20261205T000000Z\r\n"))
        let replaced = try #require(Self.vevent(ical, uid: "ev-2018-11-beer-sheva-expert-dispatch@renkei"))
        #expect(replaced.contains("STATUS:CANCELLED\r\n"))
        #expect(replaced.contains("SEQUENCE:1\r\n"))
        let unchanged = try #require(Self.vevent(ical, uid: "ev-2013-09-un-gge-report@renkei"))
        #expect(unchanged.contains("SEQUENCE:0\r\n"))
        #expect(!unchanged.contains("STATUS:"))

        let iati = try String(contentsOfFile: bag + "/exports/iati/renkei-iati-activities.xml", encoding: .utf8)
        #expect(iati.contains("<iati-activity last-updated-datetime=\"2026-12-05T00:00:00Z\">\n    <iati-identifier>renkei-ev-2018-11-beer-sheva-expert-dispatch</iati-identifier>"))
        #expect(iati.contains("<iati-activity last-updated-datetime=\"2026-11-21T00:00:00Z\">"), "unchanged activities date from the release that last changed them")

        let csv = try String(contentsOfFile: bag + "/exports/csv/events.csv", encoding: .utf8)
        let lines = csv.components(separatedBy: .newlines)
        #expect(lines[0].hasSuffix(",status,replaced_by,status_reason_ja,status_reason_en"))
        #expect(lines.contains { $0.hasPrefix("ev-2018-11-beer-sheva-expert-dispatch,") && $0.hasSuffix(",replaced,ev-2018-06-beer-sheva-expert-dispatch,,") })
        #expect(lines.contains { $0.hasPrefix("ev-2013-09-un-gge-report,") && $0.hasSuffix(",active,,,") })

        let page = try String(contentsOfFile: bag + "/exports/site/changes.html", encoding: .utf8)
        #expect(page.contains("2026.11.0"))
        #expect(page.contains("<a href=\"events/ev-2017-jp-sg-consultation.html\">ev-2017-jp-sg-consultation</a>"))
        let timeline = try String(contentsOfFile: bag + "/exports/site/timeline.html", encoding: .utf8)
        #expect(timeline.contains("<del><a href=\"events/ev-2018-11-beer-sheva-expert-dispatch.html\">"))
        #expect(!timeline.contains("<del><a href=\"events/ev-2018-06-beer-sheva-expert-dispatch.html\">"))
        let retired = try String(contentsOfFile: bag + "/exports/site/events/ev-2018-11-beer-sheva-expert-dispatch.html", encoding: .utf8)
        #expect(retired.contains("<h1><del>"))
        #expect(retired.contains("<a href=\"../events/ev-2018-06-beer-sheva-expert-dispatch.html\">"))
    }

    static func vevent(_ ical: String, uid: String) -> String? {
        let unfolded = ical.replacingOccurrences(of: "\r\n ", with: "")
        return unfolded.components(separatedBy: "BEGIN:VEVENT").first { $0.contains("UID:\(uid)\r\n") }
    }

    @Test("The version guard: changed records need a later version; nothing is written when refused")
    func versionGuard() throws {
        let same = f.root + "/same-version"
        try? FileManager.default.removeItem(atPath: same)
        try FileManager.default.copyItem(atPath: f.v2, toPath: same)
        try ReleaseFixture.setVersion(same, "2026.11.0", released: "2026-12-05")
        let out = f.root + "/out-guard"
        let refused = try TestSupport.renkei(["bundle", "--data", same, "--out", out, "--quiet", "--previous", f.bundle1])
        #expect(refused.code == 1)
        #expect(refused.err.contains("error[release-version]: the records differ from release 2026.11.0 but the version is the same: set a later 'version' in data/dataset.yaml (e.g. 2026.11.1)"))
        #expect(refused.err.contains("\(same)/dataset.yaml:3:12"))
        #expect((try? FileManager.default.contentsOfDirectory(atPath: out))?.filter { !$0.hasPrefix(".") } ?? [] == [])

        try ReleaseFixture.setVersion(same, "2026.10.0", released: "2026-12-05")
        let older = try TestSupport.renkei(["validate", "--data", same, "--previous", f.bundle1])
        #expect(older.code == 1)
        #expect(older.out.contains("version 2026.10.0 does not sort after the previous release 2026.11.0"))
        // Without --previous nothing changes for today's users.
        #expect(try TestSupport.renkei(["validate", "--data", same]).code == 0)
    }

    @Test("A record that is simply gone is an error unless the release notes acknowledge it")
    func vanishedRecord() throws {
        let bare = f.root + "/no-notes"
        try? FileManager.default.removeItem(atPath: bare)
        try FileManager.default.copyItem(atPath: f.v2, toPath: bare)
        try FileManager.default.removeItem(atPath: bare + "/releases")
        let result = try TestSupport.renkei(["validate", "--data", bare, "--previous", f.bundle1])
        #expect(result.code == 1)
        #expect(result.out.contains("error[release-record-vanished]: event 'ev-2017-08-jp-gb-joint-vision-statement' was in 2026.11.0 and is gone"))
        #expect(try TestSupport.renkei(["validate", "--data", f.v2, "--previous", f.bundle1]).code == 0)
    }

    @Test("A collection that shrinks past the limit is an error unless acknowledged")
    func shrinkLimit() throws {
        var themes = "themes:\n"
        for i in 0..<10 { themes += "  - {id: th-n\(i), name: {ja: 題\(i), en: Theme \(i)}, sources: [{source: src-example, locator: 表1}]}\n" }
        let old = TestSupport.exampleDirectory(["themes.yaml": themes])
        let smaller = themes.split(separator: "\n").dropLast(2).joined(separator: "\n") + "\n"
        let notes = "release:\n  version: 1.1.0\n  removed:\n    - {id: th-n8, reason: {ja: 重複, en: Duplicate}}\n    - {id: th-n9, reason: {ja: 重複, en: Duplicate}}\n"
        let new = TestSupport.exampleDirectory([
            "themes.yaml": smaller, "notes.yaml": notes,
            "dataset.yaml": "dataset:\n  name: example\n  version: 1.1.0\n",
        ])
        defer { for d in [old, new] { try? FileManager.default.removeItem(atPath: d) } }
        let shrunk = try TestSupport.renkei(["validate", "--data", new, "--previous", old])
        #expect(shrunk.code == 1)
        #expect(shrunk.out.contains("error[release-collection-shrunk]: themes shrank from 11 to 9 (18 %), more than the limit of 10 %"))
        try (notes + "  shrunk:\n    - {collection: themes, reason: {ja: 整理, en: Tidied up}}\n")
            .write(toFile: new + "/notes.yaml", atomically: true, encoding: .utf8)
        #expect(try TestSupport.renkei(["validate", "--data", new, "--previous", old]).code == 0)
        try "dataset:\n  name: example\n  version: 1.1.0\nassertions:\n  shrink_limit: 0.25\n".write(toFile: new + "/dataset.yaml", atomically: true, encoding: .utf8)
        try notes.write(toFile: new + "/notes.yaml", atomically: true, encoding: .utf8)
        #expect(try TestSupport.renkei(["validate", "--data", new, "--previous", old]).code == 0)
    }

    @Test("Assertions: a broken minimum is an error and a broken maximum a warning, each at the assertion's line")
    func assertions() throws {
        let data = TestSupport.exampleDirectory(["dataset.yaml": """
            dataset:
              name: example
              version: 1.0.0
            assertions:
              counts:
                - {collection: actors, kind: state, min: 3}
                - {collection: actors, max: 1}
                - {collection: events, partner: 米国, min: 0, max: 5}
              fill:
                - {collection: actors, field: aliases, min: 1.0}
                - {collection: themes, field: parent, min: 0.5}
            """])
        defer { try? FileManager.default.removeItem(atPath: data) }
        let result = try TestSupport.renkei(["validate", "--data", data])
        #expect(result.code == 1)
        let findings = result.out.components(separatedBy: "\n").filter { $0.contains("[assertion-") }
        #expect(findings == [
            "\(data)/dataset.yaml:6:7: error[assertion-min]: actors of kind state: 2, fewer than the minimum 3",
            "\(data)/dataset.yaml:7:7: warning[assertion-max]: actors: 2, more than the maximum 1",
            "\(data)/dataset.yaml:11:7: error[assertion-min]: themes.parent is filled in 0 % of 1 records, less than the minimum 50 %",
        ])
    }

    @Test("index: each release with its file, size, SHA-256, counts and delta; the same bundles give the same bytes")
    func releaseIndex() throws {
        if !FileManager.default.fileExists(atPath: f.bundle2) {
            _ = try TestSupport.renkei(["bundle", "--data", f.v2, "--out", f.out2, "--quiet", "--previous", f.bundle1])
        }
        let folder = f.root + "/releases"
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for bundle in [f.bundle2, f.bundle1] {
            try FileManager.default.copyItem(atPath: bundle, toPath: folder + "/" + (bundle as NSString).lastPathComponent)
        }
        let run = try TestSupport.renkei(["index", folder])
        #expect(run.code == 0, "\(run.err)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: folder + "/index.json"))
        let index = try JSONDecoder().decode(ReleaseIndex.self, from: bytes)
        #expect(index.releases.map(\.version) == ["2026.11.0", "2026.12.0"])
        #expect(index.releases.map(\.released) == ["2026-11-21", "2026-12-05"])
        #expect(index.releases[0].delta.previous == nil)
        #expect(index.releases[0].delta.added == index.releases[0].records.values.reduce(0, +))
        let second = index.releases[1]
        #expect(second.file == "renkei-2026.12.0.tar.gz")
        let counts: [Int] = [second.delta.added, second.delta.removed, second.delta.changed, second.delta.deprecated, second.delta.replaced]
        #expect(counts == [1, 1, 1, 1, 1])
        #expect(second.delta.previous == "2026.11.0")
        #expect(second.records["events"] == f.events)
        let size = try FileManager.default.attributesOfItem(atPath: f.bundle2)[.size] as? NSNumber
        #expect(second.bytes == size?.uint64Value)
        let sha = try TestSupport.run("/usr/bin/env", ["sha256sum", f.bundle2]).out.prefix(64)
        #expect(second.sha256 == String(sha))
        #expect(try String(contentsOfFile: folder + "/index.md", encoding: .utf8).contains("| 2026.12.0 | 2026-12-05 | renkei-2026.12.0.tar.gz |"))
        #expect(try TestSupport.renkei(["index", folder]).code == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/index.json")) == bytes)

        // A second bundle under the same version with other content is refused, nothing rewritten.
        let clash = f.root + "/clash"
        try? FileManager.default.removeItem(atPath: clash)
        try FileManager.default.copyItem(atPath: f.v2, toPath: clash)
        try ReleaseFixture.setVersion(clash, "2026.11.0", released: "2026-11-21")
        let clashOut = f.root + "/clash-out"
        #expect(try TestSupport.renkei(["bundle", "--data", clash, "--out", clashOut, "--quiet"]).code == 0)
        try FileManager.default.copyItem(atPath: clashOut + "/renkei-2026.11.0.tar.gz", toPath: folder + "/renkei-2026.11.0-again.tar.gz")
        let refused = try TestSupport.renkei(["index", folder])
        #expect(refused.code == 2)
        #expect(refused.err.contains("both declare version 2026.11.0"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/index.json")) == bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(".") } == [])
    }

    @Test("diff git:REV reads the data folder at a revision with git")
    func gitRevision() throws {
        guard let git = TestSupport.executable("git") else {
            Issue.record("git is not installed")
            return
        }
        let repo = f.root + "/repo"
        try? FileManager.default.removeItem(atPath: repo)
        try FileManager.default.createDirectory(atPath: repo, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: f.v1, toPath: repo + "/data")
        let env = ["GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                   "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": f.root, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        for args in [["init", "-q"], ["add", "data"], ["commit", "-qm", "first release"], ["tag", "v2026.11.0"]] {
            let r = try TestSupport.run(git, ["-C", repo] + args, environment: env)
            #expect(r.code == 0, "\(r.err)")
        }
        try FileManager.default.removeItem(atPath: repo + "/data")
        try FileManager.default.copyItem(atPath: f.v2, toPath: repo + "/data")
        let diff = try TestSupport.renkei(["diff", "git:v2026.11.0", "data", "--format", "jsonl"], in: repo)
        #expect(diff.code == 1, "\(diff.err)")
        #expect(diff.out == ReleaseFixture.expectedJSONL)
        let unknown = try TestSupport.renkei(["diff", "git:no-such-tag", "data"], in: repo)
        #expect(unknown.code == 2)
        #expect(unknown.err.contains("git:no-such-tag is not a revision of the repository"))
        #expect(unknown.out.isEmpty)
    }

    @Test("Bad inputs: a damaged bundle, a data folder with errors, a missing file: exit 2, nothing written")
    func badInputs() throws {
        let damaged = f.root + "/damaged.tar.gz"
        let original = try Data(contentsOf: URL(fileURLWithPath: f.bundle1))
        try original.prefix(original.count - 100).write(to: URL(fileURLWithPath: damaged))
        let truncated = try TestSupport.renkei(["diff", damaged, f.v2])
        #expect(truncated.code == 2)
        #expect(truncated.err.contains("damaged.tar.gz: the bundle does not verify"))

        var tampered = original
        tampered[tampered.count / 2] ^= 0xFF
        try tampered.write(to: URL(fileURLWithPath: damaged))
        #expect(try TestSupport.renkei(["diff", damaged, f.v2]).code == 2)

        let broken = TestSupport.exampleDirectory(["bad.yaml": "events:\n  - id: ev-x\n    kind: exercise\n"])
        defer { try? FileManager.default.removeItem(atPath: broken) }
        let errors = try TestSupport.renkei(["diff", f.bundle1, broken])
        #expect(errors.code == 2)
        #expect(errors.err.contains("the data has errors"))
        #expect(try TestSupport.renkei(["diff", f.root + "/missing.tar.gz", f.v2]).code == 2)
        #expect(try TestSupport.renkei(["diff", f.bundle1, f.v2, "--format", "xml"]).code == 2)

        let out = f.root + "/out-bad"
        let refused = try TestSupport.renkei(["bundle", "--data", f.v2, "--out", out, "--quiet", "--previous", damaged])
        #expect(refused.code == 2)
        #expect(refused.err.contains("no bundle written"))
        #expect((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? [] == [])
    }
}

@Suite("Record diff: fields by path, keyed lists as sets")
struct RecordDiffTests {
    func parse(_ s: String) throws -> JSONValue { try JSONValue.parse(s) }

    @Test("Participants are keyed by actor and sources by source: order is no change, a role change has its path")
    func keyedLists() throws {
        let before = try parse(#"{"participants":[{"actor":"JP","role":"host"},{"actor":"US","role":"participant"}],"sources":[{"locator":"表1","source":"src-a"}],"themes":["a","b"]}"#)
        let reordered = try parse(#"{"participants":[{"actor":"US","role":"participant"},{"actor":"JP","role":"host"}],"sources":[{"locator":"表1","source":"src-a"}],"themes":["a","b"]}"#)
        #expect(RecordDiff.fields(before, reordered).isEmpty)
        let after = try parse(#"{"participants":[{"actor":"US","role":"co-chair"},{"actor":"JP","role":"host"},{"actor":"GB","role":"observer"}],"sources":[{"locator":"表2","source":"src-a"}],"themes":["b"]}"#)
        let fields = RecordDiff.fields(before, after)
        #expect(fields.map(\.path) == ["participants[GB]", "participants[US].role", "sources[src-a].locator", "themes"])
        #expect(fields[1].before == .string("participant"))
        #expect(fields[1].after == .string("co-chair"))
        #expect(fields[0].before == nil)
        #expect(fields[3].after == .array([.string("b")]))
    }

    @Test("An actor in two roles is keyed by actor and role")
    func actorInTwoRoles() throws {
        let before = try parse(#"{"participants":[{"actor":"JP","role":"host"},{"actor":"JP","role":"participant"}]}"#)
        let after = try parse(#"{"participants":[{"actor":"JP","role":"host"}]}"#)
        #expect(RecordDiff.fields(before, after).map(\.path) == ["participants[JP/participant]"])
    }

    @Test("Versions sort by their numbers")
    func versions() {
        #expect(ReleaseVersion.compare("2026.9.0", "2026.10.0") == .ascending)
        #expect(ReleaseVersion.compare("2026.11.0", "2026.11.0") == .same)
        #expect(ReleaseVersion.compare("2026.11.1", "2026.11") == .descending)
    }
}
