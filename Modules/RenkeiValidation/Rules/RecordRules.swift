import Foundation
import RenkeiModel

/// Every aggregate a source states is recomputed from the records and given a verdict: it
/// holds, it fails (an error, unless the claim explains the discrepancy), or the records cannot
/// decide and the claim says why (a note).
struct ClaimHoldsRule: StreamingRule {
    let id = "claim-holds"
    let severity = Severity.error
    let summary = "A claim's query, run over the records, gives the value the source states (holds); a claim that fails is an error unless it explains the 'discrepancy'; one the records cannot decide says why ('unverifiable'), reported as a note."
    let examples: [RuleExample] = [
        .breaking("""
            events:
              - id: ev-2018-example
                kind: bilateral-consultation
                title: {ja: 例, en: Example}
                date: 2018
                participants: [{actor: JP, role: participant}, {actor: US, role: participant}]
                sources: [{source: src-example, locator: 表1}]
            claims:
              - id: cl-two-partners
                source: src-example
                locator: 表1
                statement: {ja: 2か国と協議, en: Consultations with two countries}
                query: {count: partners, kinds: [bilateral-consultation], exclude: [JP]}
                expected: 2
            """),
        .breaking("""
            claims:
              - id: cl-eleven-norms
                source: src-example
                locator: 表1
                statement: {ja: 11の規範, en: Eleven norms}
                expected: 11
            """),
        .passing("""
            events:
              - id: ev-2018-example
                kind: bilateral-consultation
                title: {ja: 例, en: Example}
                date: 2018
                participants: [{actor: JP, role: participant}, {actor: US, role: participant}]
                sources: [{source: src-example, locator: 表1}]
            claims:
              - id: cl-per-year
                source: src-example
                locator: 表1
                statement: {ja: 2018年に1回, en: Once in 2018}
                query: {count: events, kinds: [bilateral-consultation], per: year}
                expected: {2018: 1}
            """),
        .passing("""
            actors:
              - id: forum-example
                kind: forum
                name: {ja: 例会議, en: Example forum}
                members: [JP]
                sources: [{source: src-example, locator: 表1}]
            claims:
              - id: cl-fifteen-members
                source: src-example
                locator: 表1
                statement: {ja: 15か国がメンバー, en: Fifteen member countries}
                query: {count: members, of: forum-example, as_of: 2019-01}
                expected: 15
                unverifiable: {ja: 資料は構成国を挙げていない, en: The source does not list the members}
            """),
    ]

    func tally(for data: ValidationContext) -> any RuleTally { Tally(rule: self, derived: DerivedValues(indicators: [], claims: data.claims)) }

    /// The claims' queries, evaluated as the actors and events stream past.
    final class Tally: RuleTally {
        let rule: ClaimHoldsRule
        var derived: DerivedValues
        init(rule: ClaimHoldsRule, derived: DerivedValues) {
            self.rule = rule
            self.derived = derived
        }
        func add(_ record: AnyRecord) {
            switch record {
            case .actor(let a): derived.add(a)
            case .event(let e): derived.add(e)
            default: break
            }
        }
        func findings() -> [Diagnostic] { rule.verdicts(derived.claims) }
    }

    func verdicts(_ claims: [Claim]) -> [Diagnostic] {
        claims.flatMap { claim -> [Diagnostic] in
            guard !claim.isRetired, let verdict = claim.verdict else { return [] }
            let values = "the source states \(claim.expected), the records give \(claim.actual.map(String.init(describing:)) ?? "nothing")"
            var out: [Diagnostic] = []
            switch verdict {
            case .holds:
                if claim.unverifiable != nil {
                    out.append(finding("claim '\(claim.id)' now holds: remove its 'unverifiable'", record: claim, path: "unverifiable", severity: .warning))
                }
            case .fails:
                if let discrepancy = claim.discrepancy {
                    out.append(finding("claim '\(claim.id)' fails (\(values)); the discrepancy is explained: \(discrepancy.en)", record: claim, path: "discrepancy", severity: .note))
                } else {
                    out.append(finding("claim '\(claim.id)' fails: \(values); correct the records, or explain the 'discrepancy', or say why the records cannot decide ('unverifiable')", record: claim, path: "expected"))
                }
            case .unverifiable:
                if let reason = claim.unverifiable {
                    out.append(finding("claim '\(claim.id)' is unverifiable (\(values)): \(reason.en)", record: claim, path: "unverifiable", severity: .note))
                } else if let loose = claim.undetermined {
                    out.append(finding(
                        "claim '\(claim.id)' is unverifiable (\(values)): \(loose) more matching record(s) are dated too coarsely to tell whether they count",
                        record: claim, path: "expected", severity: .note))
                } else {
                    out.append(finding("claim '\(claim.id)' has no query: say why the records cannot decide it in 'unverifiable'", record: claim, path: "query"))
                }
            }
            if claim.discrepancy != nil && verdict != .fails {
                out.append(finding("claim '\(claim.id)' does not fail: remove its 'discrepancy'", record: claim, path: "discrepancy", severity: .warning))
            }
            return out
        }
    }
}

/// An event says who took part.
struct ParticipantsRule: RecordRule {
    let id = "event-participants"
    let severity = Severity.warning
    let summary = "An event lists at least one participant, and no actor twice in the same role."
    let examples: [RuleExample] = [
        .breaking("""
            events:
              - id: ev-2018-example
                kind: exercise
                title: {ja: 例, en: Example}
                date: 2018
                sources: [{source: src-example, locator: 表1}]
            """),
        .passing("""
            events:
              - id: ev-2018-example
                kind: exercise
                title: {ja: 例, en: Example}
                date: 2018
                participants: [{actor: JP, role: participant}]
                sources: [{source: src-example, locator: 表1}]
            """),
    ]

    func check(_ record: AnyRecord, in data: ValidationContext) -> [Diagnostic] {
        guard case .event(let e) = record else { return [] }
        if e.participants.isEmpty { return [finding("the event lists no participants", record: e, path: "participants")] }
        var seen = Set<String>()
        for (i, p) in e.participants.enumerated() where !seen.insert("\(p.actor)|\(p.role)").inserted {
            return [finding("'\(p.actor)' is listed twice as \(p.role)", record: e, path: "participants[\(i)]")]
        }
        return []
    }
}

/// Records that point at events or indicators point at the right ones.
struct LinkRule: RecordRule {
    let id = "link-kind"
    let severity = Severity.error
    let summary = "An attribution points at a public-attribution event; an indicator's 'output' is an output of its budget; a remark's speaker is present at the meeting."
    let examples: [RuleExample] = [
        .breaking("""
            events:
              - id: ev-2018-example
                kind: exercise
                title: {ja: 例, en: Example}
                date: 2018
                participants: [{actor: JP, role: participant}]
                sources: [{source: src-example, locator: 表1}]
            attributions:
              - id: at-example
                event: ev-2018-example
                incident: {ja: 攻撃, en: An operation}
                attributed_to: [US]
                issuer: JP
                sources: [{source: src-example, locator: 表1}]
            """),
        .passing("""
            events:
              - id: ev-2018-example
                kind: public-attribution
                title: {ja: 例, en: Example}
                date: 2018
                participants: [{actor: JP, role: issuer}]
                sources: [{source: src-example, locator: 表1}]
            attributions:
              - id: at-example
                event: ev-2018-example
                incident: {ja: 攻撃, en: An operation}
                attributed_to: [US]
                issuer: JP
                sources: [{source: src-example, locator: 表1}]
            """),
    ]

    func check(_ record: AnyRecord, in data: ValidationContext) -> [Diagnostic] {
        switch record {
        case .attribution(let a):
            // The first event with that id, in canonical order, as the one pointed at.
            guard let target = data.records.records(withID: a.event).first(where: { $0.collection == .events }),
                case .event(let e) = target, e.kind != "public-attribution"
            else { return [] }
            return [finding("'\(a.event)' is a '\(e.kind)', not a public-attribution event", record: a, path: "event")]
        case .indicator(let ind):
            guard let output = ind.output else { return [] }
            guard let budget = ind.budget else { return [finding("'output' needs 'budget'", record: ind, path: "output")] }
            if let known = data.budgets.first(where: { $0.id == budget }), !known.outputs.contains(where: { $0.id == output }) {
                return [finding("'\(output)' is not an output of '\(budget)'", record: ind, path: "output")]
            }
            return []
        case .event(let e) where !e.remarks.isEmpty:
            let present = Set(e.persons.map(\.person))
            return e.remarks.enumerated().compactMap { i, r in
                present.contains(r.person) ? nil : finding("'\(r.person)' speaks but is not listed in 'persons'", record: e, path: "remarks[\(i)].person")
            }
        default:
            return []
        }
    }
}

/// A suppression names a rule that exists and gives its reason.
struct SuppressionRule: RecordRule {
    let id = "suppression-invalid"
    let severity = Severity.error
    let summary = "A 'suppress' entry names a known rule and gives a reason."
    let examples: [RuleExample] = [
        .breaking("""
            themes:
              - id: th-a
                name: {ja: 甲, en: A}
                sources: [{source: src-example, locator: 表1}]
                suppress: [{rule: no-such-rule, reason: because}]
            """),
        .passing("""
            themes:
              - id: th-a
                name: {ja: 甲, en: A}
                sources: [{source: src-example, locator: 表1}]
                suppress: [{rule: text-hygiene, reason: The official name has two spaces.}]
            """),
    ]

    func check(_ record: AnyRecord, in data: ValidationContext) -> [Diagnostic] {
        record.base.meta.suppressions.enumerated().compactMap { i, s in
            if !Self.known.contains(s.rule) {
                return finding("'\(s.rule)' is not a rule that can be switched off", record: record.base, path: "suppress[\(i)].rule")
            }
            if s.reason.trimmingCharacters(in: .whitespaces).isEmpty {
                return finding("switching off '\(s.rule)' needs a reason", record: record.base, path: "suppress[\(i)].reason")
            }
            return nil
        }
    }

    static let known = Set(RuleCatalog.builtIn.map(\.id))
}

/// A query's fields fit what it counts: members are counted of one actor, at a date, and not
/// per period; `of` and `as_of` mean nothing to the other counts.
struct QueryShapeRule: RecordRule {
    let id = "query-shape"
    let severity = Severity.error
    let summary = "A query with 'count: members' names the actor in 'of' and has no 'per'; 'of' and 'as_of' are used only with 'count: members'."
    let examples: [RuleExample] = [
        .breaking("""
            claims:
              - id: cl-members
                source: src-example
                locator: 表1
                statement: {ja: 10か国がメンバー, en: Ten members}
                query: {count: members, as_of: 2019-01}
                expected: 10
                unverifiable: {ja: 資料は構成国を挙げていない, en: The source does not list the members}
            """),
        .passing("""
            actors:
              - id: forum-example
                kind: forum
                name: {ja: 例会議, en: Example forum}
                members: [JP, US]
                sources: [{source: src-example, locator: 表1}]
            claims:
              - id: cl-members
                source: src-example
                locator: 表1
                statement: {ja: 2か国がメンバー, en: Two members}
                query: {count: members, of: forum-example, as_of: 2019-01}
                expected: 2
            """),
    ]

    func check(_ record: AnyRecord, in data: ValidationContext) -> [Diagnostic] {
        let query: (any DatasetRecord, Query)
        switch record {
        case .indicator(let i): query = (i, i.query)
        case .claim(let c):
            guard let q = c.query else { return [] }
            query = (c, q)
        default: return []
        }
        let (record, q) = query
        if q.count == .members {
            if q.of == nil { return [finding("a query counting members names the actor in 'of'", record: record, path: "query")] }
            if q.per != nil { return [finding("members are counted at one date ('as_of'), not per period: remove 'per'", record: record, path: "query.per")] }
        } else if q.of != nil || q.asOf != nil {
            return [finding("'of' and 'as_of' belong to 'count: members', not 'count: \(q.count.rawValue)'", record: record, path: q.of != nil ? "query.of" : "query.as_of")]
        }
        return []
    }
}
