import RenkeiModel

/// The built-in rules, in one sorted list: adding a rule is one line here.
public enum RuleCatalog {
    public static let builtIn: [any Rule] = [
        AliasAmbiguityRule(),
        AssertionMaximumRule(),
        AssertionMinimumRule(),
        BilingualRule(),
        ClaimHoldsRule(),
        DateAfterSourceRule(),
        DatePrecisionRule(),
        DateStandInRule(),
        DateRangeRule(),
        EnumerationRule(),
        IDFormatRule(),
        IDUniqueRule(),
        LifecycleStatusRule(),
        LinkRule(),
        ParentCycleRule(),
        ParticipantsRule(),
        ProvenanceRule(),
        QueryShapeRule(),
        ReferenceRule(),
        ReplacedByRule(),
        RetiredReferenceRule(),
        SeriesKindRule(),
        SeriesOrdinalGapRule(),
        SeriesOrdinalOrderRule(),
        SuppressionRule(),
        TextHygieneRule(),
    ].sorted { $0.id < $1.id }

    /// Checks of a release against the previous one (`validate --previous`, `bundle --previous`);
    /// they compare two stores, so they live with the release diff, and are listed here for the docs.
    public static let releaseChecks: [(id: String, summary: String)] = [
        ("release-collection-shrunk", "No collection shrinks by more than `assertions.shrink_limit` (default 10 %) against the previous release, unless the release notes acknowledge it under `shrunk:`."),
        ("release-record-vanished", "A record of the previous release is not simply gone: retire it (`status: deprecated` with a reason, or `replaced_by`), or acknowledge its removal under `removed:` in `data/releases/<version>.yaml`."),
        ("release-version", "A release whose records differ from the previous release has a version that sorts after it (`2026.11.0` → `2026.12.0`)."),
    ]

    /// Problems found while reading files, before any rule runs; each is an error with a
    /// location, and reading goes on to report the rest.
    public static let readingErrors: [(id: String, summary: String)] = [
        ("claim-invalid", "A claim's expected value per period needs a query with 'per', and period keys like 2018 or FY2018."),
        ("collection-unknown", "A file's top-level key is a collection name (sources, actors, …, assessments) or 'dataset'."),
        ("data-missing", "The data directory exists and is a directory."),
        ("dataset-duplicate", "The 'dataset' mapping is given once."),
        ("dataset-missing", "A 'dataset' mapping with name and version exists (data/dataset.yaml)."),
        ("date-invalid", "A date is ISO (2018, 2018-03, 2018-03-14), a Japanese era or 年月日 date, a fiscal year (FY2023, 令和5年度), or a relative form resolvable from the cited source's date."),
        ("field-missing", "A required field is present and not empty."),
        ("field-unknown", "Every field is one the format defines: a typo is an error, not a silence."),
        ("file-empty", "A source file holds data (a warning)."),
        ("file-hidden", "A YAML file under data/ whose name starts with '.' is not read (a warning): rename it if it holds records."),
        ("file-too-large", "A source file is at most 64 MiB."),
        ("file-unreadable", "Every file and folder under data/ can be read: listed, searched, opened (not a dangling or looping link), named in UTF-8, at most 32 folders deep."),
        ("link-not-followed", "A symbolic link to a folder inside data/ is not followed, so its files are not read (a warning)."),
        ("text-encoding", "A source file is UTF-8 without NUL bytes (a leading BOM is accepted)."),
        ("type-mismatch", "A field holds the type it needs: text, a whole number in range, a list or a mapping."),
        ("yaml-anchor", "Anchors and aliases (&a, *a) are not used: every value is written out."),
        ("yaml-complex-key", "Mapping keys are plain text."),
        ("yaml-duplicate-key", "A mapping has no key twice."),
        ("yaml-syntax", "The file is well-formed YAML."),
        ("yaml-tag", "No YAML tags other than the core ones (!!str, …)."),
        ("yaml-too-deep", "Nesting is at most 64 levels deep."),
        ("yaml-too-large", "A file has at most two million YAML nodes."),
    ]
}

/// Runs every rule over a dataset, applies per-record suppressions, and sorts the findings.
public struct Validator: Sendable {
    public let rules: [any Rule]
    /// The threads the rules run on. Record rules run on each record as the records stream
    /// past; set rules run side by side. The findings are sorted, so the result is the same for
    /// any number.
    public var threads = ParallelMap.defaultThreads

    public init(rules: [any Rule] = RuleCatalog.builtIn) { self.rules = rules }

    /// The findings of every rule; a suppressed finding becomes a note that names its reason.
    /// `observe`, when given, sees every record once as the record pass goes, in canonical order.
    public func validate(_ context: ValidationContext, observe: ((AnyRecord) -> Void)? = nil) -> [Diagnostic] {
        let recordRules = rules.compactMap { $0 as? any RecordRule }
        let setRules = rules.compactMap { $0 as? any SetRule }
        let tallies = rules.compactMap { ($0 as? any StreamingRule)?.tally(for: context) }
        let keepRecords = !tallies.isEmpty || observe != nil
        var found: [Diagnostic] = []
        // One pass over the records: record rules on every core, tallies in canonical order.
        context.records.map(nil, threads: threads, { record in
            (recordRules.flatMap { $0.check(record, in: context) }, keepRecords ? record : nil)
        }, consume: { findings, record in
            found += findings
            if let record {
                for tally in tallies { tally.add(record) }
                observe?(record)
            }
        })
        for tally in tallies { found += tally.findings() }
        for ruleFindings in ParallelMap.map(setRules.indices.map { $0 }, threads: threads, { i in setRules[i].check(context) }) {
            found += ruleFindings
        }
        let suppressions = context.records.suppressions()
        var out: [Diagnostic] = []
        out.reserveCapacity(found.count)
        for var finding in found {
            if let record = finding.record,
                let s = suppressions[record]?.first(where: { $0.rule == finding.rule }), finding.severity > .note
            {
                finding.message = "suppressed (\(s.reason)): \(finding.message)"
                finding.severity = .note
                finding.suppression = s.reason
            }
            out.append(finding)
        }
        return out.sorted(by: Diagnostic.ordered)
    }
}
