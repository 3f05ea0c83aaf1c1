import Foundation
import RenkeiModel

/// Renders findings for people (text, like a compiler) and for machines (JSON, GitHub
/// annotations, JUnit XML, SARIF 2.1.0).
public struct DiagnosticReport: Sendable {
    public enum Format: String, CaseIterable, Sendable {
        case text, json, github, junit, sarif
    }

    public let diagnostics: [Diagnostic]
    /// Whether warnings count as failures.
    public let strict: Bool

    public init(diagnostics: [Diagnostic], strict: Bool) {
        self.diagnostics = diagnostics.sorted(by: Diagnostic.ordered)
        self.strict = strict
    }

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
    public var noteCount: Int { diagnostics.filter { $0.severity == .note }.count }

    /// Whether the run fails: any error, or any warning under `--strict`.
    public var failed: Bool { errorCount > 0 || (strict && warningCount > 0) }

    /// The summary line of the text report.
    public var summaryLine: String {
        func n(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        let verdict = failed ? "validation failed" : "validation passed"
        return "\(verdict): \(n(errorCount, "error")), \(n(warningCount, "warning")), \(n(noteCount, "note"))\(strict ? " (strict)" : "")"
    }

    public func render(_ format: Format, carets: Bool = false) -> String {
        switch format {
        case .text: renderText(carets: carets)
        case .json: renderJSON()
        case .github: renderGitHub()
        case .junit: renderJUnit()
        case .sarif: renderSARIF()
        }
    }

    func renderText(carets: Bool) -> String {
        var lines: [String] = []
        var cache = SourceLineCache()
        for d in diagnostics {
            lines.append(d.formatted)
            if carets, let l = d.location, let text = cache.line(l.line, of: l.file) {
                lines.append("    " + text)
                let prefix = text.unicodeScalars.prefix(max(0, l.column - 1)).map { $0 == "\t" ? "\t" : (Self.isWide($0) ? "  " : " ") }.joined()
                lines.append("    " + prefix + "^")
            }
        }
        lines.append(summaryLine)
        return lines.joined(separator: "\n") + "\n"
    }

    static func isWide(_ s: Unicode.Scalar) -> Bool {
        (0x1100...0x115F).contains(s.value) || (0x2E80...0xA4CF).contains(s.value) || (0xAC00...0xD7A3).contains(s.value)
            || (0xF900...0xFAFF).contains(s.value) || (0xFE30...0xFE4F).contains(s.value) || (0xFF00...0xFF60).contains(s.value)
            || (0xFFE0...0xFFE6).contains(s.value) || (0x1F300...0x1FAFF).contains(s.value)
    }

    func renderJSON() -> String {
        struct Entry: Encodable {
            let rule: String, severity: String, message: String
            let file: String?, line: Int?, column: Int?, record: String?
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return diagnostics.map { d in
            let entry = Entry(
                rule: d.rule, severity: d.severity.rawValue, message: d.message, file: d.location?.file,
                line: d.location?.line, column: d.location?.column, record: d.record)
            return String(decoding: (try? encoder.encode(entry)) ?? Data(), as: UTF8.self)
        }.map { $0 + "\n" }.joined()
    }

    func renderGitHub() -> String {
        func escapeData(_ s: String) -> String {
            s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
                .replacingOccurrences(of: "\n", with: "%0A")
        }
        func escapeProperty(_ s: String) -> String {
            escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
        }
        var out = diagnostics.map { d -> String in
            let command = d.severity == .error ? "error" : (d.severity == .warning ? "warning" : "notice")
            var props = ["title=\(escapeProperty(d.rule))"]
            if let l = d.location {
                props = ["file=\(escapeProperty(l.file))", "line=\(l.line)", "col=\(l.column)"] + props
            }
            return "::\(command) \(props.joined(separator: ","))::\(escapeData(d.message))"
        }
        out.append(summaryLine)
        return out.joined(separator: "\n") + "\n"
    }

    func renderJUnit() -> String {
        let byRule = Dictionary(grouping: diagnostics, by: \.rule)
        let ruleIDs = Set(RuleCatalog.builtIn.map(\.id)).union(byRule.keys).sorted()
        let failing = { (d: Diagnostic) in d.severity == .error || (strict && d.severity == .warning) }
        let failures = diagnostics.filter(failing).count
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"renkei validate\" tests=\"\(ruleIDs.count)\" failures=\"\(ruleIDs.filter { byRule[$0]?.contains(where: failing) ?? false }.count)\">\n"
        xml += "  <testsuite name=\"rules\" tests=\"\(ruleIDs.count)\" failures=\"\(failures)\" errors=\"0\">\n"
        for rule in ruleIDs {
            let found = byRule[rule] ?? []
            xml += "    <testcase classname=\"renkei.rules\" name=\"\(xmlEscape(rule))\""
            if found.isEmpty {
                xml += "/>\n"
                continue
            }
            xml += ">\n"
            for d in found where failing(d) {
                xml += "      <failure type=\"\(d.severity.rawValue)\" message=\"\(xmlEscape(d.message))\">\(xmlEscape(d.formatted))</failure>\n"
            }
            let others = found.filter { !failing($0) }
            if !others.isEmpty {
                xml += "      <system-out>\(xmlEscape(others.map(\.formatted).joined(separator: "\n")))</system-out>\n"
            }
            xml += "    </testcase>\n"
        }
        xml += "  </testsuite>\n</testsuites>\n"
        return xml
    }

    func renderSARIF() -> String {
        let rules = RuleCatalog.builtIn.map { ["id": $0.id, "shortDescription": ["text": $0.summary]] as [String: Any] }
            + RuleCatalog.readingErrors.map { ["id": $0.id, "shortDescription": ["text": $0.summary]] as [String: Any] }
        let results: [[String: Any]] = diagnostics.map { d in
            var result: [String: Any] = [
                "ruleId": d.rule,
                "level": d.severity == .error ? "error" : (d.severity == .warning ? "warning" : "note"),
                "message": ["text": d.message],
            ]
            if let l = d.location {
                result["locations"] = [[
                    "physicalLocation": [
                        "artifactLocation": ["uri": l.file],
                        "region": ["startLine": l.line, "startColumn": l.column],
                    ]
                ]]
            }
            return result
        }
        let log: [String: Any] = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [[
                "tool": ["driver": ["name": "renkei", "informationUri": "https://example.invalid/renkei", "rules": rules]],
                "results": results,
            ]],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: log, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

func xmlEscape(_ s: String) -> String {
    var out = ""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&apos;"
        case "\n", "\t", "\r": out.unicodeScalars.append(scalar)
        default:
            // Characters XML 1.0 cannot carry are shown as U+XXXX.
            if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) {
                out += "U+\(String(scalar.value, radix: 16, uppercase: true))"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out
}

/// Reads lines of source files for caret lines, each file once.
struct SourceLineCache {
    private var files: [String: [Substring]] = [:]

    mutating func line(_ n: Int, of file: String) -> String? {
        if files[file] == nil {
            guard let data = FileManager.default.contents(atPath: file), data.count < 64 * 1024 * 1024 else { return nil }
            files[file] = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        }
        guard let lines = files[file], n >= 1, n <= lines.count else { return nil }
        return String(lines[n - 1].prefix(300))
    }
}
