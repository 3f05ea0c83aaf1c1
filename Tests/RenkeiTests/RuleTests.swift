import Foundation
import RenkeiModel
import RenkeiPipeline
import RenkeiValidation
import Testing

/// A rule and one of its examples, as a test case.
struct RuleCase: CustomTestStringConvertible, Sendable {
    let rule: String
    let index: Int
    var testDescription: String { "\(rule) example \(index + 1)" }
}

let ruleCases: [RuleCase] = RuleCatalog.builtIn.flatMap { rule in
    rule.examples.indices.map { RuleCase(rule: rule.id, index: $0) }
}

@Suite("Validation rules: each rule's examples are its tests")
struct RuleTests {
    @Test("A breaking example is reported by its rule; a passing one by none", arguments: ruleCases)
    func example(_ c: RuleCase) throws {
        let rule = try #require(RuleCatalog.builtIn.first { $0.id == c.rule })
        let example = rule.examples[c.index]
        let directory = TestSupport.exampleDirectory(["example.yaml": example.yaml])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let checked = Pipeline.check(dataDirectory: directory)
        let own = checked.diagnostics.filter { $0.rule == rule.id && $0.severity > .note }
        if example.breaks {
            #expect(!own.isEmpty, "\(rule.id) should report:\n\(example.yaml)\ngot: \(checked.diagnostics.map(\.formatted))")
            #expect(own.contains { $0.location?.file.hasSuffix("example.yaml") == true }, "a finding should point into the example")
        } else {
            let problems = checked.diagnostics.filter { $0.severity > .note }
            #expect(problems.isEmpty, "a passing example should be clean: \(problems.map(\.formatted))")
        }
    }

    @Test("Every rule has at least one breaking and one passing example, and a unique id")
    func catalogue() {
        for rule in RuleCatalog.builtIn {
            #expect(rule.examples.contains { $0.breaks }, "\(rule.id) needs a breaking example")
            #expect(rule.examples.contains { !$0.breaks }, "\(rule.id) needs a passing example")
            #expect(!rule.summary.isEmpty)
        }
        let ids = RuleCatalog.builtIn.map(\.id) + RuleCatalog.readingErrors.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(RuleCatalog.builtIn.map(\.id) == RuleCatalog.builtIn.map(\.id).sorted())
    }

    @Test("docs/RULES.md is the catalogue's current text")
    func rulesPage() throws {
        let page = try String(contentsOfFile: TestSupport.root + "/docs/RULES.md", encoding: .utf8)
        #expect(page == RuleDocumentation.markdown(), "regenerate it: renkei rules --markdown > docs/RULES.md")
    }

    @Test("A suppressed finding becomes a note that gives the reason")
    func suppression() throws {
        let yaml = """
            events:
              - id: ev-2018-dialogue-3
                kind: bilateral-consultation
                title: {ja: 第3回日米対話, en: 3rd Japan-US Dialogue}
                series: sr-jp-us-dialogue
                ordinal: 3
                date: 2018
                participants: [{actor: JP, role: participant}, {actor: US, role: participant}]
                sources: [{source: src-example, locator: 表1}]
                suppress: [{rule: series-ordinal-gap, reason: The first two rounds predate the source.}]
            """
        let directory = TestSupport.exampleDirectory(["example.yaml": yaml])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let checked = Pipeline.check(dataDirectory: directory)
        let gap = try #require(checked.diagnostics.first { $0.rule == "series-ordinal-gap" })
        #expect(gap.severity == .note)
        #expect(gap.message.contains("The first two rounds predate the source."))
        #expect(!checked.report(strict: true).failed)
    }

    @Test("Strict mode fails on warnings; diagnostics are sorted by file and line")
    func strictAndOrder() {
        let directory = TestSupport.exampleDirectory([
            "b.yaml": "themes:\n  - id: th-b\n    name: {ja: \"乙 \", en: B}\n    sources: [{source: src-example, locator: 表1}]\n",
            "a.yaml": "themes:\n  - id: th-a\n    name: {ja: 甲, en: \"A \"}\n    sources: [{source: src-example, locator: 表1}]\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let checked = Pipeline.check(dataDirectory: directory)
        #expect(!checked.report(strict: false).failed)
        #expect(checked.report(strict: true).failed)
        let files = checked.diagnostics.compactMap { $0.location.map { ($0.file as NSString).lastPathComponent } }
        #expect(files == ["a.yaml", "b.yaml"])
    }
}
