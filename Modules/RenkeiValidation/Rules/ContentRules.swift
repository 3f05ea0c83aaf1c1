import Foundation
import RenkeiModel

/// Fields with a fixed vocabulary hold one of its words.
struct EnumerationRule: RecordRule {
    let id = "enum-value"
    let severity = Severity.error
    let summary = "Kinds, roles, bases, terms and comparisons take one of the values listed in docs/DATA-FORMAT.md."
    let examples: [RuleExample] = [
        .breaking("""
            events:
              - id: ev-2018-example
                kind: consultation
                title: {ja: 例, en: Example}
                date: 2018
                participants: [{actor: JP, role: participant}]
                sources: [{source: src-example, locator: 表1}]
            """),
        .passing("""
            events:
              - id: ev-2018-example
                kind: bilateral-consultation
                title: {ja: 例, en: Example}
                date: 2018
                participants: [{actor: JP, role: host}]
                sources: [{source: src-example, locator: 表1}]
            """),
    ]

    func check(_ record: AnyRecord, in data: ValidationContext) -> [Diagnostic] {
        RecordFields.enumerated(record).compactMap { value in
            value.allowed.contains(value.value)
                ? nil
                : finding("'\(value.value.prefix(60))' is not a valid \(value.path.split(separator: "[").first.map(String.init) ?? value.path)\(Self.hint(value))", record: record.base, path: value.path)
        }
    }

    static func hint(_ value: EnumeratedValue) -> String {
        NameSuggestion.hint(
            value.value, among: value.allowed,
            fallback: value.allowed.count <= 12 ? ": use one of \(value.allowed.joined(separator: ", "))" : " (see docs/DATA-FORMAT.md)")
    }
}

/// Every bilingual text has both its Japanese and its English.
struct BilingualRule: RecordRule {
    let id = "text-bilingual"
    let severity = Severity.error
    let summary = "Every text a person reads has a non-empty 'ja' and 'en'."
    let examples: [RuleExample] = [
        .breaking("""
            themes:
              - id: th-a
                name: {ja: 甲, en: ""}
                sources: [{source: src-example, locator: 表1}]
            """),
        .passing("""
            themes:
              - id: th-a
                name: {ja: 甲, en: A}
                sources: [{source: src-example, locator: 表1}]
            """),
    ]

    func check(_ record: AnyRecord, in data: ValidationContext) -> [Diagnostic] {
        RecordFields.localized(record).flatMap { path, text -> [Diagnostic] in
            var out: [Diagnostic] = []
            if text.ja.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                out.append(finding("'\(path)' has no Japanese text", record: record.base, path: "\(path).ja"))
            }
            if text.en.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                out.append(finding("'\(path)' has no English text", record: record.base, path: "\(path).en"))
            }
            return out
        }
    }
}

/// Text is clean: NFC, no control characters, no stray whitespace.
struct TextHygieneRule: RecordRule {
    let id = "text-hygiene"
    let severity = Severity.warning
    let summary = "Text is in Unicode NFC, has no control characters (errors; one-line fields such as kinds, codes, URLs and aliases not even a line break), no invisible or bidirectional characters in ids, aliases, names and titles (errors), no leading, trailing or doubled spaces, and is at most 20,000 characters."
    let examples: [RuleExample] = [
        .breaking("""
            themes:
              - id: th-a
                name: {ja: "甲 ", en: A}
                sources: [{source: src-example, locator: 表1}]
            """),
        .breaking("""
            themes:
              - id: th-a
                name: {ja: "甲\\u0007", en: A}
                sources: [{source: src-example, locator: 表1}]
            """),
        .breaking("""
            themes:
              - id: th-a
                name: {ja: "\u{30AB}\u{3099}", en: A}
                sources: [{source: src-example, locator: 表1}]
            """),
        .breaking("""
            themes:
              - id: th-a
                name: {ja: 甲, en: A}
                code: "A\\nPayload-Oxum: 1.1"
                sources: [{source: src-example, locator: 表1}]
            """),
        .breaking("""
            actors:
              - id: US-fake
                kind: state
                name: {ja: 偽, en: Fake}
                aliases: ["米国\\u200B"]
                sources: [{source: src-example, locator: 表1}]
            """),
        .breaking("""
            themes:
              - id: th-a
                name: {ja: "甲\\u202E乙", en: A}
                sources: [{source: src-example, locator: 表1}]
            """),
        .passing("""
            themes:
              - id: th-a
                name: {ja: ガ, en: A}
                sources: [{source: src-example, locator: 表1}]
            """),
    ]

    /// Zero-width, joining and bidirectional control characters: invisible, they let one name
    /// pass for another (`米国` followed by U+200B is not the United States).
    static func isInvisible(_ s: Unicode.Scalar) -> Bool {
        (0x200B...0x200F).contains(s.value) || (0x202A...0x202E).contains(s.value) || (0x2060...0x2064).contains(s.value)
            || (0x2066...0x2069).contains(s.value) || s.value == 0x00AD || s.value == 0x061C || s.value == 0x180E || s.value == 0xFEFF
    }

    func check(_ record: AnyRecord, in data: ValidationContext) -> [Diagnostic] {
        oneLineFindings(record) + invisibleFindings(record) + textFindings(record)
    }

    func oneLineFindings(_ record: AnyRecord) -> [Diagnostic] {
        RecordFields.plainFields(record).compactMap { path, text -> Diagnostic? in
            guard let bad = text.unicodeScalars.first(where: { Self.isControl($0) || $0 == "\n" }) else { return nil }
            return finding("'\(path)' contains the control character U+\(String(format: "%04X", bad.value)): it must be one line of text", record: record.base, path: path, severity: .error)
        }
    }

    func invisibleFindings(_ record: AnyRecord) -> [Diagnostic] {
        RecordFields.identifying(record).compactMap { path, text -> Diagnostic? in
            guard let bad = text.unicodeScalars.first(where: Self.isInvisible) else { return nil }
            return finding("'\(path)' contains the invisible character U+\(String(format: "%04X", bad.value)), which makes it look like another name: remove it", record: record.base, path: path, severity: .error)
        }
    }

    func textFindings(_ record: AnyRecord) -> [Diagnostic] {
        RecordFields.texts(record).compactMap { path, text -> Diagnostic? in
            if let bad = text.unicodeScalars.first(where: { Self.isControl($0) }) {
                return finding("'\(path)' contains the control character U+\(String(format: "%04X", bad.value))", record: record.base, path: path, severity: .error)
            }
            if text.unicodeScalars.count > 20_000 {
                return finding("'\(path)' is \(text.unicodeScalars.count) characters long; keep texts under 20,000", record: record.base, path: path)
            }
            if Self.mayChangeUnderNFC(text), !text.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(text.unicodeScalars) {
                return finding("'\(path)' is not in Unicode NFC: normalise it", record: record.base, path: path)
            }
            if text.first?.isWhitespace == true || text.last?.isWhitespace == true {
                return finding("'\(path)' has leading or trailing whitespace", record: record.base, path: path)
            }
            if Self.hasDoubledSpace(text) {
                return finding("'\(path)' has doubled spaces", record: record.base, path: path)
            }
            return nil
        }
    }

    /// False when no scalar can change under NFC (no combining mark, conjoining jamo or
    /// singleton), so the costly normalisation is skipped for almost all text.
    static func mayChangeUnderNFC(_ text: String) -> Bool {
        text.unicodeScalars.contains { s in
            s.properties.canonicalCombiningClass != .notReordered
                || (0x1100...0x11FF).contains(s.value) || (0xF900...0xFAFF).contains(s.value)
                || (0x2F800...0x2FA1F).contains(s.value) || [0x2126, 0x212A, 0x212B, 0x0340, 0x0341, 0x0343, 0x0374, 0x037E, 0x0387].contains(s.value)
                || (0x1F71...0x1FFD).contains(s.value)
        }
    }

    static func hasDoubledSpace(_ text: String) -> Bool {
        var previous: Unicode.Scalar = "x"
        for s in text.unicodeScalars {
            if (s == " " || s == "\u{3000}") && s == previous { return true }
            previous = s
        }
        return false
    }

    static func isControl(_ s: Unicode.Scalar) -> Bool {
        (s.value < 0x20 && s != "\n") || (0x7F...0x9F).contains(s.value) || s.value == 0xFEFF
            || (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
    }
}

/// Every record says where its facts come from.
struct ProvenanceRule: RecordRule {
    let id = "provenance"
    let severity = Severity.error
    let summary = "Every record cites at least one source with a non-empty locator (a source document held in the dataset needs none)."
    let examples: [RuleExample] = [
        .breaking("""
            themes:
              - id: th-a
                name: {ja: 甲, en: A}
            """),
        .breaking("""
            themes:
              - id: th-a
                name: {ja: 甲, en: A}
                sources: [{source: src-example, locator: ""}]
            """),
        .passing("""
            themes:
              - id: th-a
                name: {ja: 甲, en: A}
                sources: [{source: src-example, locator: "第2章 > 表3"}]
            """),
    ]

    func check(_ record: AnyRecord, in data: ValidationContext) -> [Diagnostic] {
        if case .source(let s) = record, s.sources.isEmpty { return [] }
        let citations = record.base.citations
        if citations.isEmpty {
            return [finding("'\(record.id)' cites no source: add sources: [{source: …, locator: …}]", record: record.base, path: "sources")]
        }
        return citations.enumerated().compactMap { i, c in
            c.locator.trimmingCharacters(in: .whitespaces).isEmpty
                ? finding("the citation of '\(c.source)' has no locator (the heading or table the fact comes from)", record: record.base, path: record.collection == .claims ? "locator" : "sources[\(i)].locator")
                : nil
        }
    }
}
