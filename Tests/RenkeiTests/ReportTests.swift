import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import RenkeiModel
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

    @Test("Text reads like a compiler's, with a summary line")
    func text() {
        let out = DiagnosticReport(diagnostics: diagnostics, strict: false).render(.text)
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines.contains("data/events/2018.yaml:42:7: error[ref-unknown]: participant 'xx' is not a known actor"))
        #expect(lines.first == "error[dataset-missing]: no dataset")
        #expect(lines.last == "validation failed: 2 errors, 1 warning, 0 notes")
    }

    @Test("JSON is one object per diagnostic")
    func json() throws {
        let out = DiagnosticReport(diagnostics: diagnostics, strict: false).render(.json)
        let objects = try out.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(objects.count == 3)
        #expect(objects.contains { $0["rule"] as? String == "ref-unknown" && $0["line"] as? Int == 42 && $0["column"] as? Int == 7 })
    }

    @Test("GitHub annotations escape their properties and data")
    func github() {
        let out = DiagnosticReport(diagnostics: diagnostics, strict: false).render(.github)
        #expect(out.contains("::error file=data/events/2018.yaml,line=42,col=7,title=ref-unknown::participant 'xx' is not a known actor"))
        #expect(out.contains("::warning file=data/a.yaml,line=3,col=1,title=text-hygiene::a, b: \"quoted\" <tag> & 100%25"))
    }

    @Test("JUnit XML parses and counts failures per rule")
    func junit() throws {
        let out = DiagnosticReport(diagnostics: diagnostics, strict: true).render(.junit)
        let document = try XMLDocument(xmlString: out)
        let failures = try document.nodes(forXPath: "//failure")
        #expect(failures.count == 3)
        let cases = try document.nodes(forXPath: "//testcase")
        #expect(cases.count >= RuleCatalog.builtIn.count)
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
    }
}
