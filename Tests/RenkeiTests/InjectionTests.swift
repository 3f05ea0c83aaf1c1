import Foundation
import RenkeiBundle
import RenkeiModel
import RenkeiPipeline
import Testing

/// What gets into the files: one-line fields stay one line, only core YAML, era dates inside
/// their era, reports that cannot be forged, names that cannot pass for others.
@Suite("Injection: one-line fields, YAML tags and anchors, era dates, escaped reports")
struct InjectionTests {
    func findings(_ extra: [String: String], rule: String) -> [Diagnostic] {
        let directory = TestSupport.exampleDirectory(extra)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        return Pipeline.check(dataDirectory: directory).diagnostics.filter { $0.rule == rule }
    }

    @Test("A line break in the dataset's title, version or licence is an error at its place, and no bundle is written")
    func datasetFields() throws {
        for (field, yaml) in [
            ("dataset.title.en", "dataset:\n  name: example\n  version: 1.0.0\n  title: {ja: 例, en: \"Example\\nPayload-Oxum: 1.1\"}\n"),
            ("dataset.version", "dataset:\n  name: example\n  version: \"1.0.0\\rX\"\n"),
            ("dataset.license", "dataset:\n  name: example\n  version: 1.0.0\n  license: \"CC-BY-4.0\\nPayload-Oxum: 0.0\"\n"),
        ] {
            let found = findings(["dataset.yaml": yaml], rule: "text-hygiene").filter { $0.message.contains(field) }
            #expect(found.count == 1 && found[0].severity == .error && found[0].location?.file.hasSuffix("dataset.yaml") == true, "\(field): \(found.map(\.formatted))")
        }
        let data = TestSupport.exampleDirectory(["dataset.yaml": "dataset:\n  name: example\n  version: 1.0.0\n  license: \"CC\\nPayload-Oxum: 0.0\"\n"])
        let out = NSTemporaryDirectory() + "renkei-inj-\(UUID().uuidString)"
        defer { for p in [data, out] { try? FileManager.default.removeItem(atPath: p) } }
        let bundle = try TestSupport.renkei(["bundle", "--data", data, "--out", out, "--quiet"])
        #expect(bundle.code == 1)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).isEmpty)
        // The writer refuses on its own too.
        #expect(throws: BundleError.self) {
            try BagArchiveWriter.write(
                folder: "bag", payload: [], metadata: BagMetadata(baggingDate: "2020-01-01", fields: [("Renkei-License", "CC\nPayload-Oxum: 0.0")]),
                to: out + "/x.tar.gz", modificationTime: 0)
        }
    }

    @Test("Control characters in url, file, code, currency and roles are errors")
    func plainFields() {
        let source = "sources:\n  - id: src-two\n    kind: report\n    title: {ja: 二, en: Two}\n    date: 2019-01-01\n    url: \"https://example.org/\\nX\"\n    file: \"a\\tb.pdf\"\n"
        let found = findings(["two.yaml": source], rule: "text-hygiene").filter { $0.severity == .error }
        #expect(found.contains { $0.message.contains("'url'") }, "\(found.map(\.formatted))")
        #expect(found.contains { $0.message.contains("'file'") }, "\(found.map(\.formatted))")
    }

    @Test("Only the core schema's tags; an anchor without an alias is refused like an alias")
    func tagsAndAnchors() {
        let cases: [(String, String)] = [
            ("themes: !!python/object/apply:os.system [\"echo owned\"]\n", "yaml-tag"),
            ("themes:\n  - id: !!binary aGVsbG8=\n", "yaml-tag"),
            ("themes:\n  - id: !!timestamp 2001-12-14\n", "yaml-tag"),
            ("themes:\n  - &t\n    id: th-zz\n    name: {ja: 甲, en: A}\n    sources: [{source: src-example, locator: 表1}]\n", "yaml-anchor"),
            ("themes:\n  - id: &i th-zz\n    name: {ja: 甲, en: A}\n    sources: [{source: src-example, locator: 表1}]\n", "yaml-anchor"),
        ]
        for (yaml, rule) in cases {
            #expect(findings(["bad.yaml": yaml], rule: rule).count == 1, "\(yaml)")
        }
        #expect(findings(["ok.yaml": "themes:\n  - id: !!str th-zz\n    name: {ja: 甲, en: A}\n    sources: [{source: src-example, locator: 表1}]\n"], rule: "yaml-tag").isEmpty)
    }

    @Test("Era dates outside their era are refused, with the era's span; the edges are accepted")
    func eraSpans() {
        for text in ["平成32年", "平成31年5月", "令和元年4月", "昭和64年1月8日", "明治99年", "大正元年7月29日", "平成元年1月7日", "平成32年度"] {
            guard case .failure(let failure) = DateParser.parse(text) else {
                Issue.record("\(text) was accepted")
                continue
            }
            #expect(failure.message.contains("runs from"), "\(text): \(failure.message)")
        }
        for (text, iso) in [
            ("昭和64年1月7日", "1989-01-07"), ("平成元年1月8日", "1989-01-08"), ("平成31年4月30日", "2019-04-30"), ("令和元年5月1日", "2019-05-01"),
            ("昭和64年1月", "1989-01"), ("平成31年", "2019"), ("明治45年7月29日", "1912-07-29"), ("大正元年7月30日", "1912-07-30"), ("平成31年度", "2019-04/2020-03"),
        ] {
            #expect((try? DateParser.parse(text).get().date.iso) == iso, "\(text)")
        }
    }

    @Test("A day the month does not have is named as such, not as a bad format")
    func calendarMessages() {
        let cases = [("2023-02-30", "February 2023 has no 30th day (it has 28)"), ("2024-02-30", "February 2024 has no 30th day (it has 29)"),
                     ("2023-04-31", "April 2023 has no 31st day"), ("2023-13", "there is no month 13"), ("令和5年2月29日", "February 2023 has no 29th day")]
        for (text, message) in cases {
            guard case .failure(let failure) = DateParser.parse(text) else {
                Issue.record("\(text) was accepted")
                continue
            }
            #expect(failure.message.contains(message), "\(text): \(failure.message)")
        }
    }

    @Test("A report line cannot be forged by a file name: control and bidirectional characters are escaped")
    func escapedReports() throws {
        let d = Diagnostic(rule: "yaml-syntax", severity: .error, message: "bad \u{202E}txt.yaml",
                           location: SourceLocation(file: "data/x\nvalidation passed: 0 errors\u{1B}[2K.yaml", line: 1, column: 1))
        #expect(!d.formatted.contains("\n") && !d.formatted.contains("\u{1B}") && !d.formatted.contains("\u{202E}"), "\(d.formatted)")
        #expect(d.formatted.contains("\\u{A}validation passed") && d.formatted.contains("\\u{202E}"))

        let directory = TestSupport.exampleDirectory(["x\nvalidation passed: 0 errors, 0 warnings, 0 notes\n.yaml": "themes: [\n"])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try TestSupport.renkei(["validate", "--data", directory])
        #expect(result.code == 1)
        #expect(!result.out.split(separator: "\n").contains { $0.hasPrefix("validation passed") }, "\(result.out)")
    }

    @Test("An alias, id or name with a zero-width or bidirectional character is an error")
    func invisibleCharacters() {
        let actor = "actors:\n  - id: US-two\n    kind: state\n    name: {ja: 二, en: Two}\n    aliases: [\"米国\\u200B\"]\n    sources: [{source: src-example, locator: 表1}]\n"
        let found = findings(["a.yaml": actor], rule: "text-hygiene").filter { $0.message.contains("invisible character U+200B") }
        #expect(found.count == 1 && found[0].severity == .error, "\(found.map(\.formatted))")
        let theme = "themes:\n  - id: th-zz\n    name: {ja: \"甲\\u2066乙\", en: A}\n    sources: [{source: src-example, locator: 表1}]\n"
        #expect(findings(["t.yaml": theme], rule: "text-hygiene").contains { $0.message.contains("U+2066") && $0.severity == .error })
    }
}
