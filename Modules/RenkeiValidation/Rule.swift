import RenkeiModel

/// One check of the data: a stable id, a default severity, a one-line description, and
/// examples of data that breaks it and data that passes — the examples are its tests and
/// the text of `docs/RULES.md`.
///
/// A rule is a ``RecordRule``, a ``StreamingRule`` or a ``SetRule`` (or more than one of them).
///
/// Implementation requirements: `check` reports only findings of this rule's `id`, each
/// with the record's id and the most precise location the record's metadata has; it never
/// throws or traps, whatever the dataset holds.
public protocol Rule: Sendable {
    /// The rule's stable id (`ref-unknown`), used in reports and suppressions.
    var id: String { get }
    /// The severity of its findings unless a finding says otherwise.
    var severity: Severity { get }
    /// One sentence saying what the rule requires.
    var summary: String { get }
    /// Examples: YAML added to ``RuleExample/baseDataset`` that breaks or passes the rule.
    var examples: [RuleExample] { get }
}

/// A rule that looks at one record at a time, with the small collections and id lookups of the
/// context: it runs as the records stream past, on every core.
public protocol RecordRule: Rule {
    /// The rule's findings about `record`.
    func check(_ record: AnyRecord, in data: ValidationContext) -> [Diagnostic]
}

/// A rule that adds every record up as the records stream past once, in canonical order (every
/// actor before any event), and judges the totals at the end: claims and assertions.
public protocol StreamingRule: Rule {
    /// A fresh tally for one run over `data`.
    func tally(for data: ValidationContext) -> any RuleTally
}

/// What a ``StreamingRule`` keeps between records: totals, never the records.
public protocol RuleTally: AnyObject {
    func add(_ record: AnyRecord)
    /// The rule's findings once every record has been added.
    func findings() -> [Diagnostic]
}

/// A rule over several records at once (uniqueness, series, claims, assertions): it asks the
/// context's ``RecordSet`` for what it needs, grouped or counted, never for every record at once.
public protocol SetRule: Rule {
    /// The rule's findings over the dataset.
    func check(_ data: ValidationContext) -> [Diagnostic]
}

/// A YAML fragment (one file's content) added to a small valid dataset, and whether the rule
/// must report it.
public struct RuleExample: Sendable {
    public let yaml: String
    public let breaks: Bool

    public static func breaking(_ yaml: String) -> RuleExample { RuleExample(yaml: yaml, breaks: true) }
    public static func passing(_ yaml: String) -> RuleExample { RuleExample(yaml: yaml, breaks: false) }

    /// The valid dataset every example is added to, by file name.
    public static let baseDataset: [String: String] = [
        "dataset.yaml": """
            dataset:
              name: example
              version: 1.0.0
            """,
        "base.yaml": """
            sources:
              - id: src-example
                kind: report
                title: {ja: 例示資料, en: Example report}
                date: 2019-01
                issuers: [JP]
            actors:
              - id: JP
                kind: state
                name: {ja: 日本国, en: Japan}
                aliases: [日本]
                sources: [{source: src-example, locator: 表1}]
              - id: US
                kind: state
                name: {ja: アメリカ合衆国, en: United States of America}
                aliases: [米国, 米]
                sources: [{source: src-example, locator: 表1}]
            themes:
              - id: th-example
                name: {ja: 例, en: Example}
                sources: [{source: src-example, locator: 表1}]
            series:
              - id: sr-jp-us-dialogue
                kind: bilateral-consultation
                name: {ja: 日米対話, en: Japan-US Dialogue}
                sources: [{source: src-example, locator: 表1}]
            """,
    ]
}

extension Rule {
    /// A finding of this rule about `record`, located at `path` within it when known.
    func finding(
        _ message: String, record: any DatasetRecord, path: String? = nil, severity: Severity? = nil
    ) -> Diagnostic {
        Diagnostic(
            rule: id, severity: severity ?? self.severity, message: message,
            location: path.flatMap { record.meta.location(of: $0) } ?? record.meta.location, record: record.id)
    }
}
