import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import RenkeiModel
import RenkeiPipeline
import RenkeiTesting
import RenkeiValidation
import Testing

@Suite("Reports: text, JSON, GitHub, JUnit, SARIF")
struct ReportTests {
    let diagnostics = [
        Diagnostic(rule: "ref-unknown", severity: .error, message: "participant 'xx' is not a known actor",
                   location: SourceLocation(file: "data/events/2018.yaml", line: 42, column: 7), record: "ev-a"),
        Diagnostic(rule: "text-hygiene", severity: .warning, message: "a, b: \"quoted\" <tag> & 100%",
                   location: SourceLocation(file: "data/a.yaml", line: 3, column: 1)),
        Diagnostic(rule: "dataset-missing", severity: .error, message: "no dataset", location: nil),
    ]

    /// More findings: two of one rule, a message over two lines, a Japanese file name, a
    /// suppressed finding.
    static let more = [
        Diagnostic(rule: "ref-unknown", severity: .error, message: "another unknown actor",
                   location: SourceLocation(file: "data/日本 資料/events.yaml", line: 5, column: 3), record: "ev-b"),
        Diagnostic(rule: "id-format", severity: .error, message: "first line\nsecond line <b>&</b>",
                   location: SourceLocation(file: "data/c.yaml", line: 1, column: 1), record: "ev-d"),
        Diagnostic(rule: "text-hygiene", severity: .note, message: "suppressed (a reason): a, b",
                   location: SourceLocation(file: "./data/b.yaml", line: 9, column: 2), record: "ev-c", suppression: "a reason"),
    ]

    @Test("Text reads like a compiler's, with a summary line")
    func text() {
        let out = DiagnosticReport(diagnostics: diagnostics, strict: false).render(.text)
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines.contains("data/events/2018.yaml:42:7: error[ref-unknown]: participant 'xx' is not a known actor"))
        #expect(lines.first == "error[dataset-missing]: no dataset")
        #expect(lines.last == "validation failed: 2 errors, 1 warning, 0 notes")
    }

    @Test("JSON is one document with counts and verdict; JSON Lines is one finding a line")
    func json() throws {
        let out = DiagnosticReport(diagnostics: diagnostics + Self.more, strict: false).render(.json)
        let document = try JSONSerialization.jsonObject(with: Data(out.utf8)) as! [String: Any]
        let objects = document["diagnostics"] as! [[String: Any]]
        #expect(objects.count == 6)
        #expect(document["errors"] as? Int == 4 && document["warnings"] as? Int == 1 && document["notes"] as? Int == 1)
        #expect(document["failed"] as? Bool == true)
        #expect(objects.contains { $0["rule"] as? String == "ref-unknown" && $0["line"] as? Int == 42 && $0["column"] as? Int == 7 })
        #expect(objects.contains { $0["suppression"] as? String == "a reason" })

        let lines = DiagnosticReport(diagnostics: diagnostics, strict: false).render(.jsonl)
        let entries = try lines.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(entries.count == 3)
        #expect(entries.contains { $0["rule"] as? String == "ref-unknown" && $0["line"] as? Int == 42 })
    }

    @Test("GitHub annotations escape their properties and data")
    func github() {
        let out = DiagnosticReport(diagnostics: diagnostics, strict: false).render(.github)
        #expect(out.contains("::error file=data/events/2018.yaml,line=42,col=7,title=ref-unknown::participant 'xx' is not a known actor"))
        #expect(out.contains("::warning file=data/a.yaml,line=3,col=1,title=text-hygiene::a, b: \"quoted\" <tag> & 100%25"))
    }

    @Test("JUnit XML: one failure per failing rule, counts on the suite, line breaks kept")
    func junit() throws {
        let out = DiagnosticReport(diagnostics: diagnostics + Self.more, strict: true).render(.junit)
        let document = try XMLDocument(xmlString: out)
        let failures = try document.nodes(forXPath: "//failure")
        #expect(failures.count == 4, "ref-unknown (twice), id-format, text-hygiene and dataset-missing fail once each")
        let cases = try document.nodes(forXPath: "//testcase")
        #expect(cases.count >= RuleCatalog.builtIn.count)
        let suite = try #require(try document.nodes(forXPath: "//testsuite").first as? XMLElement)
        #expect(suite.attribute(forName: "failures")?.stringValue == "4")
        #expect(suite.attribute(forName: "tests")?.stringValue == String(cases.count))
        let refUnknown = try #require(failures.compactMap { $0 as? XMLElement }.first { ($0.stringValue ?? "").contains("ref-unknown") })
        #expect(refUnknown.stringValue?.components(separatedBy: "\n").count == 2, "both findings of the rule in one failure")
        let twoLines = try #require(failures.compactMap { $0 as? XMLElement }.first { ($0.stringValue ?? "").contains("id-format") })
        #expect(twoLines.attribute(forName: "message")?.stringValue == "first line\nsecond line <b>&</b>")
        #expect(twoLines.stringValue?.contains("first line\nsecond line <b>&</b>") == true)
    }

    /// The reports of these findings and of the project's own data, for the standard checks.
    func reportSets() -> [(name: String, report: DiagnosticReport)] {
        var out = [
            ("findings", DiagnosticReport(diagnostics: diagnostics + Self.more, strict: true)),
            ("none", DiagnosticReport(diagnostics: [], strict: false)),
        ]
        out.append(("data", Pipeline.check(dataDirectory: TestSupport.root + "/data").report(strict: true)))
        for (name, dataset) in [("hostile", TestDatasets.hostile()), ("empty", TestDatasets.empty())] {
            out.append((name, DiagnosticReport(diagnostics: Pipeline.validate(dataset), strict: true)))
        }
        return out
    }

    @Test("JUnit validates against the strict Ant schema (xmllint) and parses with junitparser")
    func junitStandard() throws {
        guard let xsd = StandardCheck.standards.map({ $0 + "/junit/JUnit.xsd" }) else {
            print("SKIPPED JUnit schema check: ../shared/standards/junit is absent")
            return
        }
        for (name, report) in reportSets() {
            let directory = ExporterHarness.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let path = directory + "/\(name).xml"
            _ = FileManager.default.createFile(atPath: path, contents: Data(report.render(.junit).utf8))
            if let xmllint = TestSupport.executable("xmllint") {
                let result = try TestSupport.run(xmllint, ["--noout", "--schema", xsd, path])
                #expect(result.code == 0, "\(name): \(result.err)")
            } else {
                print("SKIPPED xmllint: not on PATH (apt-get install libxml2-utils)")
            }
            guard let (python, _) = StandardCheck.prerequisites("junitparser check") else { continue }
            let rules = Set(RuleCatalog.builtIn.map(\.id)).union(report.diagnostics.map(\.rule)).count
            let failing = Set(report.diagnostics.filter { $0.severity == .error || (report.strict && $0.severity == .warning) }.map(\.rule)).count
            let result = try TestSupport.run(python, [TestSupport.root + "/Tests/checkers/check_reports.py", "junit", xsd, path, String(rules), String(failing)])
            #expect(result.code == 0, "\(name): \(result.out)\(result.err)")
        }
    }

    @Test("SARIF validates against the official SARIF 2.1.0 schema")
    func sarifStandard() throws {
        guard let (python, schema) = StandardCheck.prerequisites("SARIF schema check", schemas: "sarif-2.1.0/sarif-schema-2.1.0.json") else { return }
        for (name, report) in reportSets() {
            let result = try StandardCheck.run(python, "check_reports.py", "\(name).sarif", Data(report.render(.sarif).utf8), ["sarif", schema, "{}"])
            #expect(result.code == 0, "\(name): \(result.output)")
        }
    }

    @Test("SARIF 2.1.0 carries rule ids, levels and regions")
    func sarif() throws {
        let out = DiagnosticReport(diagnostics: diagnostics, strict: false).render(.sarif)
        let log = try JSONSerialization.jsonObject(with: Data(out.utf8)) as! [String: Any]
        #expect(log["version"] as? String == "2.1.0")
        let run = (log["runs"] as! [[String: Any]])[0]
        let results = run["results"] as! [[String: Any]]
        #expect(results.count == 3)
        let first = results.first { $0["ruleId"] as? String == "ref-unknown" }!
        let region = ((first["locations"] as! [[String: Any]])[0]["physicalLocation"] as! [String: Any])["region"] as! [String: Int]
        #expect(region["startLine"] == 42 && region["startColumn"] == 7)
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let driver = (run["tool"] as! [String: Any])["driver"] as! [String: Any]
        #expect(driver["version"] as? String == ToolInfo.version)
    }

    @Test("SARIF: artifact URIs relative to SRCROOT and percent-encoded; suppressed findings carry suppressions")
    func sarifLocations() throws {
        let out = DiagnosticReport(diagnostics: Self.more, strict: false).render(.sarif)
        let log = try JSONSerialization.jsonObject(with: Data(out.utf8)) as! [String: Any]
        let results = (log["runs"] as! [[String: Any]])[0]["results"] as! [[String: Any]]
        func artifact(_ r: [String: Any]) -> [String: String] {
            ((r["locations"] as! [[String: Any]])[0]["physicalLocation"] as! [String: Any])["artifactLocation"] as! [String: String]
        }
        let japanese = try #require(results.first { $0["ruleId"] as? String == "ref-unknown" })
        #expect(artifact(japanese) == ["uri": "data/%E6%97%A5%E6%9C%AC%20%E8%B3%87%E6%96%99/events.yaml", "uriBaseId": "SRCROOT"])
        let suppressed = try #require(results.first { $0["ruleId"] as? String == "text-hygiene" })
        #expect(artifact(suppressed)["uri"] == "data/b.yaml")
        #expect((suppressed["suppressions"] as? [[String: String]]) == [["kind": "inSource", "justification": "a reason"]])
        #expect(suppressed["level"] as? String == "warning", "a suppressed finding keeps its rule's level")
    }
}
