import Foundation
import RenkeiModel

/// The formats a release diff is written in.
public enum DiffFormat: String, CaseIterable, Sendable {
    /// For people at a terminal (colour only on a terminal).
    case text
    /// For a pull-request comment or a changelog, with bilingual headings.
    case markdown
    /// One JSON document: old, new, summary, changes.
    case json
    /// One change per line, for pipelines.
    case jsonl
}

/// Writes a finished diff — the two sides, the summary, the release notes if any, then every
/// change streamed from the spool — in one of the ``DiffFormat``s.
public struct DiffReport {
    public let old: ReleaseSide
    public let new: ReleaseSide
    public let summary: ReleaseSummary
    public let spool: ChangeSpool
    /// The new release's notes, shown first in markdown and text.
    public var notes: ReleaseNotes?
    public var colour = false

    public init(old: ReleaseSide, new: ReleaseSide, summary: ReleaseSummary, spool: ChangeSpool, notes: ReleaseNotes? = nil) {
        self.old = old
        self.new = new
        self.summary = summary
        self.spool = spool
        self.notes = notes
    }

    /// Writes the report in `format` through `write`.
    public func write(_ format: DiffFormat, to write: (String) throws -> Void) throws {
        switch format {
        case .text: try text(write)
        case .markdown: try markdown(write)
        case .json: try json(write)
        case .jsonl: try spool.forEachLine { try write($0 + "\n") }
        }
    }

    /// The report as one string (for files that are written whole, like a changelog).
    public func rendered(_ format: DiffFormat) throws -> String {
        var out = ""
        try write(format) { out += $0 }
        return out
    }

    // MARK: JSON

    struct SideInfo: Encodable {
        let label: String
        let name: String
        let version: String
        let released: String?
        let records: [String: Int]
    }

    func sideInfo(_ side: ReleaseSide) -> SideInfo {
        SideInfo(
            label: side.label, name: side.info.name, version: side.info.version,
            released: side.info.released.map { $0.firstDay.description },
            records: Dictionary(uniqueKeysWithValues: side.counts.map { ($0.key.rawValue, $0.value) }))
    }

    func json(_ write: (String) throws -> Void) throws {
        let oldText = try CanonicalJSON.compact(sideInfo(old))
        let newText = try CanonicalJSON.compact(sideInfo(new))
        let summaryText = try CanonicalJSON.compact(summary)
        try write("{\"old\":\(oldText),\n\"new\":\(newText),\n\"summary\":\(summaryText),\n\"changes\":[")
        var first = true
        try spool.forEachLine { line in
            try write((first ? "\n" : ",\n") + line)
            first = false
        }
        try write("\n]}\n")
    }

    // MARK: Text

    func paint(_ s: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    func text(_ write: (String) throws -> Void) throws {
        try write("\(old.label) (\(old.info.version)) → \(new.label) (\(new.info.version))\n")
        if summary.totalChanges == 0 {
            try write("no differences\n")
            return
        }
        if let summaryText = notes?.summary?.en { try write("\n\(summaryText)\n") }
        try write("\nRecords\n")
        let header = ["collection", "before", "after", "added", "removed", "changed", "deprecated", "replaced"]
        var rows: [[String]] = []
        for c in Collection.allCases {
            guard let s = summary.collections[c.rawValue], s.changes > 0 || s.before != s.after else { continue }
            rows.append([c.rawValue] + [s.before, s.after, s.added, s.removed, s.changed, s.deprecated, s.replaced].map(String.init))
        }
        try write(TextTable.render(header: header, rows: rows, indent: 2))
        if !summary.eventsPerYear.isEmpty {
            try write("\nEvents per year\n")
            for e in summary.eventsPerYear { try write("  " + Self.eventLine(e) + "\n") }
        }
        if !summary.derived.isEmpty {
            try write("\nDerived values\n")
            for d in summary.derived {
                try write("  \(d.collection)/\(d.id) \(d.path): \(Self.show(d.before)) → \(Self.show(d.after))\n")
            }
        }
        try write("\nChanges\n")
        try spool.forEach(RecordChange.self) { change in
            let mark: String
            switch change.op {
            case .add: mark = paint("+", "32")
            case .remove: mark = paint("-", "31")
            case .change: mark = paint("~", "33")
            case .deprecate: mark = paint("!", "35")
            case .replace: mark = paint(">", "36")
            }
            try write("\(mark) \(change.collection.rawValue)/\(change.id)  \(change.op.pastTense)\n")
            for f in change.fields {
                try write("    \(f.path): \(Self.show(f.before)) → \(Self.show(f.after))\n")
            }
        }
    }

    /// `consultation 2017: 8 → 9 (+ Japan–Singapore …)`.
    static func eventLine(_ e: EventCount) -> String {
        var line = "\(e.family) \(e.year.map(String.init) ?? "no single year"): \(e.before) → \(e.after)"
        var parts = e.gained.map { "+ \($0)" } + e.lost.map { "− \($0)" }
        if e.unlisted > 0 { parts.append("\(e.unlisted) more") }
        if !parts.isEmpty { line += " (" + parts.joined(separator: "; ") + ")" }
        return line
    }

    /// A value for people: absent as `(none)`, text quoted, the rest as compact JSON; one line.
    static func show(_ value: JSONValue?) -> String {
        guard let value else { return "(none)" }
        let text: String
        if case .string(let s) = value { text = "\"\(s)\"" } else { text = value.compactText }
        return TextTable.oneLine(text)
    }

    // MARK: Markdown

    func markdown(_ write: (String) throws -> Void) throws {
        try write("# 変更履歴 / Changes: \(Markdown.escape(old.info.version)) → \(Markdown.escape(new.info.version))\n\n")
        try write("- 旧 / Old: `\(Markdown.code(old.label))` (\(Markdown.escape(old.info.version)), \(old.releasedDay))\n")
        try write("- 新 / New: `\(Markdown.code(new.label))` (\(Markdown.escape(new.info.version)), \(new.releasedDay))\n")
        if let notes {
            try write("\n## リリースノート / Release notes\n\n")
            if let s = notes.summary { try write("\(Markdown.escape(s.ja))\n\n\(Markdown.escape(s.en))\n") }
            if !notes.removed.isEmpty {
                try write("\n削除を承認した記録 / Acknowledged removals:\n\n")
                for r in notes.removed {
                    try write("- `\(Markdown.code(r.id))`: \(Markdown.escape(r.reason.ja)) / \(Markdown.escape(r.reason.en))\n")
                }
            }
            if !notes.shrunk.isEmpty {
                try write("\n縮小を承認したコレクション / Acknowledged shrinkage:\n\n")
                for s in notes.shrunk {
                    try write("- `\(Markdown.code(s.collection))`: \(Markdown.escape(s.reason.ja)) / \(Markdown.escape(s.reason.en))\n")
                }
            }
        }
        guard summary.totalChanges > 0 else {
            try write("\n変更なし / No differences.\n")
            return
        }
        try write("\n## 概要 / Summary\n\n")
        try write("| コレクション / collection | 旧 / before | 新 / after | 追加 / added | 削除 / removed | 変更 / changed | 廃止 / deprecated | 置換 / replaced |\n")
        try write("|---|---:|---:|---:|---:|---:|---:|---:|\n")
        for c in Collection.allCases {
            guard let s = summary.collections[c.rawValue], s.changes > 0 || s.before != s.after else { continue }
            try write("| \(c.rawValue) | \(s.before) | \(s.after) | \(s.added) | \(s.removed) | \(s.changed) | \(s.deprecated) | \(s.replaced) |\n")
        }
        if !summary.eventsPerYear.isEmpty {
            try write("\n## 年別の事象数 / Events per year\n\n")
            for e in summary.eventsPerYear { try write("- \(Markdown.escape(Self.eventLine(e)))\n") }
        }
        if !summary.derived.isEmpty {
            try write("\n## 指標と主張の値 / Indicator and claim values\n\n| 記録 / record | 項目 / field | 旧 / before | 新 / after |\n|---|---|---|---|\n")
            for d in summary.derived {
                try write("| `\(Markdown.code(d.collection + "/" + d.id))` | `\(Markdown.code(d.path))` | \(Markdown.escape(Self.show(d.before))) | \(Markdown.escape(Self.show(d.after))) |\n")
            }
        }
        try write("\n## 記録ごとの変更 / Changes by record\n\n")
        try spool.forEach(RecordChange.self) { change in
            try write("- **\(change.op.pastTense)** `\(Markdown.code(change.collection.rawValue + "/" + change.id))`\n")
            for f in change.fields {
                try write("  - `\(Markdown.code(f.path))`: \(Markdown.escape(Self.show(f.before))) → \(Markdown.escape(Self.show(f.after)))\n")
            }
        }
    }
}

/// Escaping for text placed in Markdown: no character of the data can start markup or a link.
enum Markdown {
    static func escape(_ s: String) -> String {
        var out = ""
        for ch in TextTable.oneLine(s) {
            switch ch {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "#", "|", "~", "&":
                out.append("\\")
                out.append(ch)
            default: out.append(ch)
            }
        }
        return out
    }

    /// Text inside a code span: backticks cannot close it early.
    static func code(_ s: String) -> String {
        TextTable.oneLine(s).replacingOccurrences(of: "`", with: "'")
    }
}

/// Aligned plain-text tables.
enum TextTable {
    static func render(header: [String], rows: [[String]], indent: Int) -> String {
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { i, c in
                i == 0 ? c.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[i] - c.count) + c
            }
            return String(repeating: " ", count: indent) + padded.joined(separator: "  ") + "\n"
        }
        return ([line(header)] + rows.map(line)).joined()
    }

    /// The text on one line, control characters shown as U+XXXX so nothing can forge a line.
    static func oneLine(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}" {
                out += String(format: "U+%04X", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
