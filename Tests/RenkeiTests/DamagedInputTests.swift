import Foundation
import RenkeiValidation
import RenkeiModel
import RenkeiPipeline
import Testing

/// One damaged input: files added to a valid dataset, and the finding it must produce.
struct DamagedInput: CustomTestStringConvertible, Sendable {
    let name: String
    /// File name → raw bytes, added to the valid example dataset (nil bytes remove the file).
    let files: [String: [UInt8]?]
    let rule: String
    /// `file:line:column` of the finding, relative to the data directory; nil when it has none.
    let location: String?
    var testDescription: String { name }

    init(_ name: String, _ text: String, rule: String, at location: String?, file: String = "bad.yaml") {
        self.name = name
        self.files = [file: Array(text.utf8)]
        self.rule = rule
        self.location = location
    }

    init(_ name: String, bytes: [String: [UInt8]?], rule: String, at location: String?) {
        self.name = name
        self.files = bytes
        self.rule = rule
        self.location = location
    }
}

let event = """
    events:
      - id: ev-2018-example
        kind: bilateral-consultation
        title: {ja: 例, en: Example}
        date: 2018
        participants: [{actor: JP, role: participant}]
        sources: [{source: src-example, locator: 表1}]
    """

func replacing(_ old: String, _ new: String) -> String { event.replacingOccurrences(of: old, with: new) }

let damagedInputs: [DamagedInput] = [
    // Broken YAML
    DamagedInput("unclosed flow sequence", "events: [\n  {id: a\n", rule: "yaml-syntax", at: "bad.yaml:3:1"),
    DamagedInput("bad indentation", "events:\n  - id: a\n   kind: b\n", rule: "yaml-syntax", at: "bad.yaml:3:4"),
    DamagedInput("tab indentation", "events:\n\t- id: a\n", rule: "yaml-syntax", at: "bad.yaml:2:1"),
    DamagedInput("unclosed quote", "events:\n  - id: \"a\n", rule: "yaml-syntax", at: "bad.yaml:3:1"),
    DamagedInput("mapping where a value ends", "events:\n  - id: a: b\n", rule: "yaml-syntax", at: "bad.yaml:2:10"),
    DamagedInput("two documents in one file", "events: []\n---\nthemes: []\n", rule: "yaml-syntax", at: "bad.yaml:2:1"),
    DamagedInput("duplicate key in a record", replacing("    kind: bilateral-consultation\n", "    kind: bilateral-consultation\n    kind: exercise\n"), rule: "yaml-duplicate-key", at: "bad.yaml:3:5"),
    DamagedInput("duplicate top-level key", "themes: []\nthemes: []\n", rule: "yaml-duplicate-key", at: "bad.yaml:1:1"),
    DamagedInput("anchor and alias", "themes:\n  - &t {id: th-a, name: {ja: 甲, en: A}, sources: [{source: src-example, locator: 表1}]}\n  - *t\n", rule: "yaml-anchor", at: "bad.yaml:2:5"),
    DamagedInput("alias bomb", "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n", rule: "yaml-anchor", at: "bad.yaml:1:4"),
    DamagedInput("deep flow nesting", "themes: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n", rule: "yaml-too-deep", at: "bad.yaml:1:73"),
    DamagedInput("deep block nesting with dashes", "themes:\n" + String(repeating: "- ", count: 5_000) + "x\n", rule: "yaml-too-deep", at: "bad.yaml:2:513"),
    DamagedInput("deep nesting of mappings", "themes:\n" + (1...100).map { String(repeating: "  ", count: $0) + "k\($0):" }.joined(separator: "\n") + " x\n", rule: "yaml-too-deep", at: "bad.yaml:66:131"),
    DamagedInput("custom tag", "themes: !python/object:os.system [x]\n", rule: "yaml-tag", at: "bad.yaml:1:9"),
    DamagedInput("complex key", "? [a, b]\n: c\n", rule: "yaml-complex-key", at: "bad.yaml:1:3"),
    // Encodings and files
    DamagedInput("invalid UTF-8", bytes: ["bad.yaml": Array("themes:\n  - id: th-a\n    name: {ja: ".utf8) + [0xE3, 0x28, 0xA1] + Array(", en: A}\n".utf8)], rule: "text-encoding", at: "bad.yaml:3:16"),
    DamagedInput("truncated UTF-8 at the end", bytes: ["bad.yaml": Array("themes: []\n# ".utf8) + [0xE6, 0x97]], rule: "text-encoding", at: "bad.yaml:2:3"),
    DamagedInput("NUL byte", bytes: ["bad.yaml": Array("themes: []\nx".utf8) + [0] + Array("\n".utf8)], rule: "text-encoding", at: "bad.yaml:2:2"),
    DamagedInput("UTF-16 file", bytes: ["bad.yaml": [0xFF, 0xFE] + Array("themes: []".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })], rule: "text-encoding", at: "bad.yaml:1:1"),
    DamagedInput("empty file", "", rule: "file-empty", at: "bad.yaml:1:1"),
    DamagedInput("only comments", "# nothing here\n# at all\n", rule: "file-empty", at: "bad.yaml:1:1"),
    DamagedInput("no dataset.yaml", bytes: ["dataset.yaml": nil], rule: "dataset-missing", at: nil),
    DamagedInput("dataset given twice", "dataset: {name: x, version: '1'}\n", rule: "dataset-duplicate", at: "dataset.yaml:1:1"),
    // Shapes and types
    DamagedInput("top level is a list", "- id: a\n", rule: "type-mismatch", at: "bad.yaml:1:1"),
    DamagedInput("top level is text", "just some words\n", rule: "type-mismatch", at: "bad.yaml:1:1"),
    DamagedInput("unknown collection", "evnts: []\n", rule: "collection-unknown", at: "bad.yaml:1:1"),
    DamagedInput("collection is a mapping", "events: {id: a}\n", rule: "type-mismatch", at: "bad.yaml:1:9"),
    DamagedInput("record is text", "events:\n  - hello\n", rule: "type-mismatch", at: "bad.yaml:2:5"),
    DamagedInput("missing required field", replacing("    kind: bilateral-consultation\n", ""), rule: "field-missing", at: "bad.yaml:2:5"),
    DamagedInput("misspelled field", replacing("    title:", "    titel:"), rule: "field-unknown", at: "bad.yaml:4:5"),
    DamagedInput("title is text, not ja/en", replacing("{ja: 例, en: Example}", "Example"), rule: "type-mismatch", at: "bad.yaml:4:12"),
    DamagedInput("participants is text", replacing("[{actor: JP, role: participant}]", "JP"), rule: "type-mismatch", at: "bad.yaml:6:19"),
    DamagedInput("huge ordinal", replacing("    date: 2018\n", "    date: 2018\n    ordinal: 99999999999999999999999\n"), rule: "type-mismatch", at: "bad.yaml:6:14"),
    DamagedInput("ordinal in words", replacing("    date: 2018\n", "    date: 2018\n    ordinal: four\n"), rule: "type-mismatch", at: "bad.yaml:6:14"),
    DamagedInput("ordinal below one", replacing("    date: 2018\n", "    date: 2018\n    series: sr-jp-us-dialogue\n    ordinal: -3\n"), rule: "series-ordinal-order", at: "bad.yaml:7:14"),
    DamagedInput("huge amount", "budgets:\n  - id: bg-a\n    title: {ja: 経費, en: Costs}\n    fiscal_year: 2023\n    amount: {value: 1e400, currency: JPY}\n    basis: expenditure\n    owner: JP\n    sources: [{source: src-example, locator: 表1}]\n", rule: "type-mismatch", at: "bad.yaml:5:21"),
    DamagedInput("impossible date", replacing("date: 2018", "date: 2018-02-30"), rule: "date-invalid", at: "bad.yaml:5:11"),
    DamagedInput("date in words", replacing("date: 2018", "date: yesterday"), rule: "date-invalid", at: "bad.yaml:5:11"),
    DamagedInput("relative date without a dated source", replacing("    sources: [{source: src-example, locator: 表1}]", "    sources: []").replacingOccurrences(of: "date: 2018", with: "date: 本年9月"), rule: "date-invalid", at: "bad.yaml:5:11"),
    DamagedInput("relative date too fine for its source", "sources:\n  - id: src-y\n    kind: speech\n    title: {ja: 講演, en: Speech}\n    date: 2021\n    issuers: [JP]\n" + replacing("src-example", "src-y").replacingOccurrences(of: "date: 2018", with: "date: 先月"), rule: "date-invalid", at: "bad.yaml:11:11"),
    DamagedInput("10 MB string", "themes:\n  - id: th-a\n    name: {ja: \"" + String(repeating: "長", count: 3_500_000) + "\", en: A}\n    sources: [{source: src-example, locator: 表1}]\n", rule: "text-hygiene", at: "bad.yaml:3:16"),
    // Records
    DamagedInput("boolean-looking actor", replacing("actor: JP", "actor: yes"), rule: "ref-unknown", at: "bad.yaml:6:28"),
    DamagedInput("unknown participant", replacing("actor: JP", "actor: xx"), rule: "ref-unknown", at: "bad.yaml:6:28"),
    DamagedInput("participant is a theme", replacing("actor: JP", "actor: th-example"), rule: "ref-unknown", at: "bad.yaml:6:28"),
    DamagedInput("unknown source", replacing("source: src-example", "source: src-nowhere"), rule: "ref-unknown", at: "bad.yaml:7:24"),
    DamagedInput("duplicate id across files", replacing("ev-2018-example", "sr-jp-us-dialogue"), rule: "id-unique", at: "bad.yaml:2:9"),
    DamagedInput("id with capitals and underscores", replacing("ev-2018-example", "Ev_2018"), rule: "id-format", at: "bad.yaml:2:9"),
    DamagedInput("unknown event kind", replacing("kind: bilateral-consultation", "kind: consultation"), rule: "enum-value", at: "bad.yaml:3:11"),
    DamagedInput("unknown role", replacing("role: participant", "role: guest"), rule: "enum-value", at: "bad.yaml:6:38"),
    DamagedInput("missing English", replacing("en: Example", "en: \"\""), rule: "text-bilingual", at: "bad.yaml:4:24"),
    DamagedInput("control character", replacing("en: Example", "en: \"Exa\\u0001mple\""), rule: "text-hygiene", at: "bad.yaml:4:24"),
    DamagedInput("bidirectional override", replacing("en: Example", "en: \"Exa\\u202Emple\""), rule: "text-hygiene", at: "bad.yaml:4:24"),
    DamagedInput("not NFC", replacing("ja: 例", "ja: \"\u{30AB}\u{3099}\""), rule: "text-hygiene", at: "bad.yaml:4:17"),
    DamagedInput("trailing space", replacing("en: Example", "en: \"Example \""), rule: "text-hygiene", at: "bad.yaml:4:24"),
    DamagedInput("no sources", replacing("\n    sources: [{source: src-example, locator: 表1}]", ""), rule: "provenance", at: "bad.yaml:2:5"),
    DamagedInput("empty locator", replacing("locator: 表1", "locator: \"\""), rule: "provenance", at: "bad.yaml:7:46"),
    DamagedInput("alias naming two actors", "actors:\n  - id: GB\n    kind: state\n    name: {ja: 英国, en: UK}\n    aliases: [米]\n    sources: [{source: src-example, locator: 表1}]\n", rule: "alias-ambiguous", at: "bad.yaml:5:15"),
    DamagedInput("range ending before it starts", replacing("    date: 2018\n", "    date: 2018-06\n    end: 2018-03\n"), rule: "date-range", at: "bad.yaml:6:10"),
    DamagedInput("ordinals against dates", replacing("    date: 2018\n", "    date: 2018\n    series: sr-jp-us-dialogue\n    ordinal: 2\n") + "\n" + replacing("    date: 2018\n", "    date: 2019\n    series: sr-jp-us-dialogue\n    ordinal: 1\n").replacingOccurrences(of: "events:\n", with: "").replacingOccurrences(of: "ev-2018-example", with: "ev-2019-example"), rule: "series-ordinal-order", at: "bad.yaml:7:14"),
    DamagedInput("claim that does not hold", event + "\nclaims:\n  - id: cl-a\n    source: src-example\n    locator: 表1\n    statement: {ja: 3回, en: Three times}\n    query: {count: events}\n    expected: 3\n", rule: "claim-holds", at: "bad.yaml:14:15"),
    DamagedInput("claim with an exception instead of a verdict's reason", event + "\nclaims:\n  - id: cl-a\n    source: src-example\n    locator: 表1\n    statement: {ja: 1回, en: Once}\n    query: {count: events}\n    expected: 1\n    exception: {ja: 例外, en: Excused}\n", rule: "field-unknown", at: "bad.yaml:15:5"),
    DamagedInput("claim period that is not a year", event + "\nclaims:\n  - id: cl-a\n    source: src-example\n    locator: 表1\n    statement: {ja: 1回, en: Once}\n    query: {count: events, per: year}\n    expected: {twenty: 1}\n", rule: "claim-invalid", at: "bad.yaml:14:24"),
    DamagedInput("suppressing an unknown rule", replacing("    date: 2018\n", "    date: 2018\n    suppress: [{rule: nope, reason: because}]\n"), rule: "suppression-invalid", at: "bad.yaml:6:23"),
    DamagedInput("parent cycle", "themes:\n  - id: th-a\n    name: {ja: 甲, en: A}\n    parent: th-a\n    sources: [{source: src-example, locator: 表1}]\n", rule: "parent-cycle", at: "bad.yaml:4:13"),
    DamagedInput("attribution of an exercise", replacing("bilateral-consultation", "exercise") + "\nattributions:\n  - id: at-a\n    event: ev-2018-example\n    incident: {ja: 攻撃, en: Attack}\n    attributed_to: [US]\n    issuer: JP\n    sources: [{source: src-example, locator: 表1}]\n", rule: "link-kind", at: "bad.yaml:10:12"),
]

@Suite("Damaged input never crashes and is reported at its place")
struct DamagedInputTests {
    @Test("Each damaged input gets its rule and location", arguments: damagedInputs)
    func damaged(_ input: DamagedInput) throws {
        var files: [String: String] = RuleExample.baseDataset
        var raw: [String: [UInt8]] = [:]
        for (name, bytes) in input.files {
            if let bytes { raw[name] = bytes } else { files[name] = nil }
        }
        let directory = TestSupport.makeDataDirectory(files)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for (name, bytes) in raw { _ = FileManager.default.createFile(atPath: directory + "/" + name, contents: Data(bytes)) }
        let checked = Pipeline.check(dataDirectory: directory)
        let matching = checked.diagnostics.filter { $0.rule == input.rule }
        let where_ = matching.map { d in d.location.map { "\(($0.file as NSString).lastPathComponent):\($0.line):\($0.column)" } ?? "-" }
        #expect(!matching.isEmpty, "expected \(input.rule); got \(checked.diagnostics.map(\.formatted))")
        if let location = input.location {
            #expect(where_.contains(location), "expected \(input.rule) at \(location); got \(where_)")
        }
    }

    @Test("Dangling links, link loops and special files are errors, not hangs")
    func specialFiles() throws {
        let directory = TestSupport.makeDataDirectory(RuleExample.baseDataset)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createSymbolicLink(atPath: directory + "/loop-a.yaml", withDestinationPath: directory + "/loop-b.yaml")
        try FileManager.default.createSymbolicLink(atPath: directory + "/loop-b.yaml", withDestinationPath: directory + "/loop-a.yaml")
        try FileManager.default.createSymbolicLink(atPath: directory + "/dangling.yaml", withDestinationPath: directory + "/nowhere.yaml")
        try FileManager.default.createSymbolicLink(atPath: directory + "/self", withDestinationPath: directory)
        #expect(mkfifo(directory + "/pipe.yaml", 0o644) == 0)
        let checked = Pipeline.check(dataDirectory: directory)
        let unreadable = Set(checked.diagnostics.filter { $0.rule == "file-unreadable" }.compactMap { $0.location.map { ($0.file as NSString).lastPathComponent } })
        #expect(unreadable == ["loop-a.yaml", "loop-b.yaml", "dangling.yaml", "pipe.yaml"])
        #expect(checked.dataset?.actors.count == 2)
    }

    @Test("A missing data directory is unreadable input")
    func missingDirectory() {
        let checked = Pipeline.check(dataDirectory: "/nonexistent/renkei-data")
        #expect(checked.unreadable)
        #expect(checked.diagnostics.first?.rule == "data-missing")
    }

    @Test("The corpus has at least fifty damaged inputs")
    func corpusSize() {
        #expect(damagedInputs.count + 2 >= 50)
        #expect(Set(damagedInputs.map(\.name)).count == damagedInputs.count)
    }
}
