import Foundation
import RenkeiModel

/// Renders findings for people (text, like a compiler) and for machines (one JSON document,
/// JSON Lines, GitHub annotations, JUnit XML, SARIF 2.1.0).
public struct DiagnosticReport: Sendable {
    public enum Format: String, CaseIterable, Sendable {
        case text, json, jsonl, github, junit, sarif
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
        case .jsonl: renderJSONLines()
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

    /// One finding as the JSON and JSON Lines reports give it.
    struct JSONEntry: Encodable {
        let rule: String, severity: String, message: String
        let file: String?, line: Int?, column: Int?, record: String?, suppression: String?

        init(_ d: Diagnostic) {
            rule = d.rule
            severity = d.severity.rawValue
            message = d.message
            file = d.location?.file
            line = d.location?.line
            column = d.location?.column
            record = d.record
            suppression = d.suppression
        }
    }

    static func jsonEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// One JSON document: the findings, their counts and the verdict.
    func renderJSON() -> String {
        struct Document: Encodable {
            let tool: String, version: String
            let diagnostics: [JSONEntry]
            let errors: Int, warnings: Int, notes: Int
            let strict: Bool, failed: Bool
        }
        let document = Document(
            tool: ToolInfo.name, version: ToolInfo.version, diagnostics: diagnostics.map(JSONEntry.init),
            errors: errorCount, warnings: warningCount, notes: noteCount, strict: strict, failed: failed)
        return String(decoding: (try? Self.jsonEncoder().encode(document)) ?? Data(), as: UTF8.self) + "\n"
    }

    /// JSON Lines: one finding per line, nothing else.
    func renderJSONLines() -> String {
        let encoder = Self.jsonEncoder()
        return diagnostics.map { d in
            String(decoding: (try? encoder.encode(JSONEntry(d))) ?? Data(), as: UTF8.self) + "\n"
        }.joined()
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

    /// JUnit XML valid against the strict Apache Ant schema (`JUnit.xsd`): one test case per
    /// rule, at most one `<failure>` each (all of the rule's failing findings in its text, one a
    /// line), and the counts on the one `<testsuite>` — the schema gives `<testsuites>` no
    /// attributes. Findings that do not fail (notes, suppressed findings, warnings without
    /// `--strict`) go to the suite's `<system-out>`.
    func renderJUnit(timestamp: String = Self.junitTimestamp(), hostname: String = ProcessInfo.processInfo.hostName) -> String {
        let byRule = Dictionary(grouping: diagnostics, by: \.rule)
        let ruleIDs = Set(RuleCatalog.builtIn.map(\.id)).union(byRule.keys).sorted()
        let failing = { (d: Diagnostic) in d.severity == .error || (strict && d.severity == .warning) }
        let failedRules = ruleIDs.filter { byRule[$0]?.contains(where: failing) ?? false }
        let host = hostname.isEmpty ? "localhost" : hostname
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
        xml += "  <testsuite package=\"renkei\" id=\"0\" name=\"renkei validate\" timestamp=\"\(timestamp)\" hostname=\"\(xmlAttribute(host))\""
        xml += " tests=\"\(ruleIDs.count)\" failures=\"\(failedRules.count)\" errors=\"0\" skipped=\"0\" time=\"0\">\n"
        xml += "    <properties>\n"
        xml += "      <property name=\"tool\" value=\"\(xmlAttribute(ToolInfo.agent))\"/>\n"
        xml += "      <property name=\"strict\" value=\"\(strict)\"/>\n"
        xml += "    </properties>\n"
        for rule in ruleIDs {
            xml += "    <testcase classname=\"renkei.rules\" name=\"\(xmlAttribute(rule))\" time=\"0\""
            let failures = (byRule[rule] ?? []).filter(failing)
            guard let first = failures.first else {
                xml += "/>\n"
                continue
            }
            let message = failures.count == 1 ? first.message : "\(failures.count) findings; the first: \(first.message)"
            let type = failures.contains { $0.severity == .error } ? "error" : "warning"
            xml += ">\n      <failure type=\"\(type)\" message=\"\(xmlAttribute(message))\">"
            xml += xmlEscape(failures.map(\.unescaped).joined(separator: "\n"))
            xml += "</failure>\n    </testcase>\n"
        }
        let others = diagnostics.filter { !failing($0) }.map(\.unescaped)
        xml += "    <system-out>\(xmlEscape(others.joined(separator: "\n")))</system-out>\n"
        xml += "    <system-err></system-err>\n"
        xml += "  </testsuite>\n</testsuites>\n"
        return xml
    }

    /// The current time in UTC as the Ant schema wants it: `2026-12-06T05:40:00`, no zone.
    static func junitTimestamp() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        return formatter.string(from: Date())
    }

    /// SARIF 2.1.0, valid against the official schema: columns counted in Unicode code points,
    /// file locations as percent-encoded URIs relative to the `SRCROOT` base (the directory
    /// the command runs in), and suppressed findings as results with a `suppressions` entry
    /// that carries the reason, at their rule's own level.
    func renderSARIF() -> String {
        let rules = RuleCatalog.builtIn.map { ["id": $0.id, "shortDescription": ["text": $0.summary]] as [String: Any] }
            + RuleCatalog.readingErrors.map { ["id": $0.id, "shortDescription": ["text": $0.summary]] as [String: Any] }
        let severities = Dictionary(RuleCatalog.builtIn.map { ($0.id, $0.severity) }, uniquingKeysWith: { first, _ in first })
        func level(_ severity: Severity) -> String { severity == .error ? "error" : (severity == .warning ? "warning" : "note") }
        let results: [[String: Any]] = diagnostics.map { d in
            var result: [String: Any] = ["ruleId": d.rule, "message": ["text": d.message]]
            if let reason = d.suppression {
                result["level"] = level(severities[d.rule] ?? .warning)
                result["suppressions"] = [["kind": "inSource", "justification": reason]]
            } else {
                result["level"] = level(d.severity)
            }
            if let l = d.location {
                result["locations"] = [[
                    "physicalLocation": [
                        "artifactLocation": Self.sarifArtifact(l.file),
                        "region": ["startLine": l.line, "startColumn": l.column],
                    ]
                ]]
            }
            return result
        }
        var driver: [String: Any] = ["name": ToolInfo.name, "version": ToolInfo.version, "semanticVersion": ToolInfo.version, "rules": rules]
        if let uri = ToolInfo.informationURI { driver["informationUri"] = uri }
        let log: [String: Any] = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [[
                "tool": ["driver": driver],
                "columnKind": "unicodeCodePoints",
                "originalUriBaseIds": ["SRCROOT": ["description": ["text": "The directory renkei validate ran in."]]],
                "results": results,
            ]],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: log, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A SARIF artifact location: a relative path as a URI relative to `SRCROOT`, an absolute
    /// one as a `file:` URI; every character outside RFC 3986's unreserved set and `/`
    /// percent-encoded (UTF-8).
    static func sarifArtifact(_ path: String) -> [String: Any] {
        if path.hasPrefix("/") { return ["uri": "file://" + percentEncoded(path)] }
        let relative = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        return ["uri": percentEncoded(relative), "uriBaseId": "SRCROOT"]
    }

    static func percentEncoded(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}

/// An attribute value: escaped like content, with line breaks and tabs as character references
/// so that a parser's attribute normalisation keeps them.
func xmlAttribute(_ s: String) -> String {
    xmlEscape(s).replacingOccurrences(of: "\r", with: "&#13;").replacingOccurrences(of: "\n", with: "&#10;")
        .replacingOccurrences(of: "\t", with: "&#9;")
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
