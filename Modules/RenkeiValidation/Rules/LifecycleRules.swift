import RenkeiModel

/// A retired record says how it was retired: `status: deprecated` with a reason in both
/// languages, or `replaced_by`; a live record has no reason.
struct LifecycleStatusRule: RecordRule {
    let id = "lifecycle-status"
    let severity = Severity.error
    let summary = "A record is retired with `status: deprecated` and a bilingual `reason`, or with `replaced_by`; `status` takes no other value and a live record has no `reason`."
    let examples: [RuleExample] = [
        .breaking("""
            themes:
              - id: th-old
                name: {ja: 旧, en: Old}
                status: deprecated
                sources: [{source: src-example, locator: 表1}]
            """),
        .breaking("""
            themes:
              - id: th-old
                name: {ja: 旧, en: Old}
                status: retired
                reason: {ja: 統合, en: Merged}
                sources: [{source: src-example, locator: 表1}]
            """),
        .breaking("""
            themes:
              - id: th-old
                name: {ja: 旧, en: Old}
                reason: {ja: 統合, en: Merged}
                sources: [{source: src-example, locator: 表1}]
            """),
        .passing("""
            themes:
              - id: th-old
                name: {ja: 旧, en: Old}
                status: deprecated
                reason: {ja: 資料に該当なし, en: Not in the source}
                sources: [{source: src-example, locator: 表1}]
            """),
    ]

    func check(_ record: AnyRecord, in data: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let base = record.base
        if let status = base.status, status != "deprecated" {
            out.append(finding("status '\(status)' is not known: write 'status: deprecated' (with a reason) or 'replaced_by: ID'", record: base, path: "status"))
        }
        if base.status == "deprecated" && base.replacedBy == nil {
            if let reason = base.reason {
                if reason.ja.isEmpty || reason.en.isEmpty {
                    out.append(finding("the reason for deprecating '\(base.id)' needs both ja and en", record: base, path: "reason"))
                }
            } else {
                out.append(finding("'\(base.id)' is deprecated without a reason: add 'reason: {ja: …, en: …}'", record: base, path: "status"))
            }
        }
        if base.reason != nil && base.status == nil && base.replacedBy == nil {
            out.append(finding("'\(base.id)' has a reason but is not retired: add 'status: deprecated' or remove the reason", record: base, path: "reason"))
        }
        return out
    }
}

/// `replaced_by` names a live record of the same collection: one step, no chains, no cycles.
struct ReplacedByRule: RecordRule {
    let id = "replaced-by"
    let severity = Severity.error
    let summary = "`replaced_by` names a live record of the same collection: one step only, never a chain or a cycle."
    let examples: [RuleExample] = [
        .breaking("""
            themes:
              - id: th-old
                name: {ja: 旧, en: Old}
                replaced_by: th-missing
                sources: [{source: src-example, locator: 表1}]
            """),
        .breaking("""
            themes:
              - id: th-old
                name: {ja: 旧, en: Old}
                replaced_by: JP
                sources: [{source: src-example, locator: 表1}]
            """),
        .breaking("""
            themes:
              - id: th-a
                name: {ja: 甲, en: A}
                replaced_by: th-b
                sources: [{source: src-example, locator: 表1}]
              - id: th-b
                name: {ja: 乙, en: B}
                replaced_by: th-example
                sources: [{source: src-example, locator: 表1}]
            """),
        .breaking("""
            themes:
              - id: th-a
                name: {ja: 甲, en: A}
                replaced_by: th-b
                sources: [{source: src-example, locator: 表1}]
              - id: th-b
                name: {ja: 乙, en: B}
                replaced_by: th-a
                sources: [{source: src-example, locator: 表1}]
            """),
        .passing("""
            themes:
              - id: th-old
                name: {ja: 旧, en: Old}
                replaced_by: th-example
                sources: [{source: src-example, locator: 表1}]
            """),
    ]

    func check(_ record: AnyRecord, in data: ValidationContext) -> [Diagnostic] {
        guard let successorID = record.base.replacedBy else { return [] }
        guard successorID != record.id else {
            return [finding("'\(record.id)' cannot replace itself", record: record.base, path: "replaced_by")]
        }
        // The first record with that id, in canonical order, as the successor.
        guard let successor = data.records.records(withID: successorID).first, successor.collection == record.collection else {
            return [finding("replaced_by '\(successorID)' is not a \(record.collection.entityType) of this dataset", record: record.base, path: "replaced_by")]
        }
        if let next = successor.base.replacedBy {
            return [finding("'\(successorID)' is itself replaced by '\(next)': point replaced_by at the live record (one step, no chain or cycle)", record: record.base, path: "replaced_by")]
        } else if successor.base.isRetired {
            return [finding("'\(successorID)' is deprecated: replaced_by must name a live record", record: record.base, path: "replaced_by")]
        }
        return []
    }
}

/// A reference to a retired record is a warning that names its successor.
struct RetiredReferenceRule: RecordRule {
    let id = "ref-retired"
    let severity = Severity.warning
    let summary = "A live record does not refer to a retired one; the warning names the successor to refer to instead."
    let examples: [RuleExample] = [
        .breaking("""
            themes:
              - id: th-old
                name: {ja: 旧, en: Old}
                replaced_by: th-example
                sources: [{source: src-example, locator: 表1}]
            events:
              - id: ev-2018-example
                kind: bilateral-consultation
                title: {ja: 例, en: Example}
                date: 2018
                participants: [{actor: JP, role: participant}, {actor: US, role: participant}]
                themes: [th-old]
                sources: [{source: src-example, locator: 表1}]
            """),
        .passing("""
            themes:
              - id: th-old
                name: {ja: 旧, en: Old}
                replaced_by: th-example
                sources: [{source: src-example, locator: 表1}]
            events:
              - id: ev-2018-example
                kind: bilateral-consultation
                title: {ja: 例, en: Example}
                date: 2018
                participants: [{actor: JP, role: participant}, {actor: US, role: participant}]
                themes: [th-example]
                sources: [{source: src-example, locator: 表1}]
            """),
    ]

    func check(_ record: AnyRecord, in data: ValidationContext) -> [Diagnostic] {
        guard !data.retiredIDs.isEmpty, !record.base.isRetired else { return [] }
        var out: [Diagnostic] = []
        for ref in RecordFields.references(record) {
            // The last retired record with that id, in canonical order, speaks for it.
            guard data.retiredIDs.contains(ref.id),
                let target = data.records.records(withID: ref.id).last(where: { $0.base.isRetired })?.base else { continue }
            let advice = target.replacedBy.map { "refer to its successor '\($0)'" } ?? "it is deprecated (\(target.reason?.en ?? "no reason given"))"
            out.append(finding("'\(ref.id)' is retired: \(advice)", record: record.base, path: ref.path))
        }
        return out
    }
}
