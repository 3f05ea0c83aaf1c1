import Foundation
import RenkeiModel

/// How a command prints its answer.
public enum OutputFormat: String, CaseIterable, Sendable {
    case text, csv, json, jsonl, markdown
}

/// An answer as rows of named columns, printable as an aligned table, CSV, JSON, JSON Lines or
/// Markdown. Rows are written one by one, so a long answer streams.
public struct ResultTable: Sendable {
    /// One cell: text, a whole number, a list (joined with `; ` outside JSON) or nothing.
    public enum Cell: Hashable, Sendable {
        case text(String), number(Int), list([String]), null

        var plain: String {
            switch self {
            case .text(let s): s
            case .number(let n): String(n)
            case .list(let l): l.joined(separator: "; ")
            case .null: ""
            }
        }

        var json: JSONValue {
            switch self {
            case .text(let s): .string(s)
            case .number(let n): .int(n)
            case .list(let l): .array(l.map { .string($0) })
            case .null: .null
            }
        }

        var isNumber: Bool { if case .number = self { true } else { false } }
    }

    public var columns: [String]
    public var rows: [[Cell]]

    public init(columns: [String], rows: [[Cell]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// The whole table in `format`, ending with a newline.
    public func rendered(_ format: OutputFormat) -> String {
        switch format {
        case .text: return aligned()
        case .csv:
            return ([columns.map(Self.csv)] + rows.map { $0.map { Self.csv($0.plain) } })
                .map { $0.joined(separator: ",") + "\n" }.joined()
        case .markdown:
            let header = "| " + columns.joined(separator: " | ") + " |\n"
            let rule = "|" + columns.indices.map { i in rows.first.map { $0[i].isNumber } == true ? "---:" : "---" }.joined(separator: "|") + "|\n"
            return header + rule + rows.map { "| " + $0.map { Self.markdown($0.plain) }.joined(separator: " | ") + " |\n" }.joined()
        case .json:
            return ((try? CanonicalJSON.pretty(JSONValue.array(rows.map(object)))) ?? "[]") + "\n"
        case .jsonl:
            return rows.map { object($0).compactText + "\n" }.joined()
        }
    }

    /// What comes before the rows when they are written one by one (all formats but text).
    public func streamHeader(_ format: OutputFormat) -> String {
        switch format {
        case .csv: columns.map(Self.csv).joined(separator: ",") + "\n"
        case .markdown: ResultTable(columns: columns).rendered(.markdown)
        case .json: "["
        case .text, .jsonl: ""
        }
    }

    /// One row written on its own; `index` counts from 0.
    public func streamRow(_ row: [Cell], _ format: OutputFormat, index: Int) -> String {
        switch format {
        case .csv: row.map { Self.csv($0.plain) }.joined(separator: ",") + "\n"
        case .markdown: "| " + row.map { Self.markdown($0.plain) }.joined(separator: " | ") + " |\n"
        case .json: (index > 0 ? "," : "") + "\n  " + object(row).compactText
        case .jsonl: object(row).compactText + "\n"
        case .text: ResultTable(columns: columns, rows: [row]).aligned()
        }
    }

    /// What closes a stream of `count` rows.
    public func streamFooter(_ format: OutputFormat, count: Int) -> String {
        format == .json ? (count == 0 ? "]\n" : "\n]\n") : ""
    }

    func object(_ row: [Cell]) -> JSONValue {
        var fields: [String: JSONValue] = [:]
        for (column, cell) in zip(columns, row) { fields[column] = cell.json }
        return .object(fields)
    }

    /// Columns padded to the widest cell, counting East Asian wide characters as two columns.
    func aligned() -> String {
        let texts = [columns] + rows.map { $0.map(\.plain) }
        var widths = [Int](repeating: 0, count: columns.count)
        for row in texts { for (i, t) in row.enumerated() { widths[i] = max(widths[i], Self.width(t)) } }
        let numeric = columns.indices.map { i in !rows.isEmpty && rows.allSatisfy { $0[i].isNumber || $0[i] == .null } }
        var out = ""
        for (n, row) in texts.enumerated() {
            var line = ""
            for (i, t) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - Self.width(t))
                let cell = numeric[i] ? pad + t : (i == row.count - 1 ? t : t + pad)
                line += (i == 0 ? "" : "  ") + cell
            }
            out += line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
            if n == 0 { out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        }
        return out
    }

    /// The terminal width of `text`: two columns for wide and full-width characters.
    public static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { sum, s in
            let v = s.value
            if s.properties.generalCategory == .nonspacingMark || v == 0x200B { return sum }
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v)
            return sum + (wide ? 2 : 1)
        }
    }

    static func csv(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    static func markdown(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
