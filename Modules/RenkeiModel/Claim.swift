/// An aggregate statement a source makes ("consultations with 13 countries/regions"), with a
/// query that recomputes it from the records, the value the source states, and the verdict.
///
/// The verdict is one of three: the records give the stated value (`holds`); they contradict
/// it (`fails`, with the expected and the actual value); or they cannot decide (`unverifiable`,
/// with the reason the claim gives — the source does not list the members it counts, say).
public struct Claim: DatasetRecord, Hashable {
    public static let collection = Collection.claims
    public static let comparisons = ["equal", "at-least", "at-most"]

    /// What the records say of a claim.
    public enum Verdict: String, Codable, Hashable, Sendable, CaseIterable {
        /// The records give the value the source states.
        case holds
        /// The records contradict the source: they give another value.
        case fails
        /// The records cannot decide; the claim says why.
        case unverifiable
    }

    public var id: String
    public var source: String
    public var locator: String
    public var statement: LocalizedText
    /// How the records recompute the statement; nil when nothing the dataset holds can count
    /// what the source counts (the claim is then `unverifiable` and says why).
    public var query: Query?
    public var expected: ClaimValue
    public var comparison: String
    /// Why the records cannot decide the claim (the source does not list what it counts).
    public var unverifiable: LocalizedText?
    /// Why the records and the source differ, when the claim fails and the difference is known.
    public var discrepancy: LocalizedText?
    /// Computed when the store is built.
    public var actual: ClaimValue?
    /// Computed when the store is built: true when the claim holds, false when it fails, nil
    /// when it is unverifiable.
    public var holds: Bool?
    /// Computed when the store is built.
    public var verdict: Verdict?
    /// Computed when the store is built: how many more the records could give, counting those
    /// whose dates are too coarse to tell whether they fall in the claim's period (nil when none).
    public var undetermined: Int?
    /// Retirement: `deprecated` (with a bilingual `reason`), or nil for a live record.
    public var status: String?
    /// Why the record was retired, in both languages.
    public var reason: LocalizedText?
    /// The record that takes this one's place (a merge or a corrected id).
    public var replacedBy: String?
    public var meta = RecordMeta()

    public var citations: [Citation] { [Citation(source: source, locator: locator)] }

    enum CodingKeys: String, CodingKey {
        case status, reason
        case replacedBy = "replaced_by"
        case id, source, locator, statement, query, expected, comparison, unverifiable, discrepancy, actual, holds, verdict
        case undetermined
    }

    public init(
        id: String, source: String, locator: String, statement: LocalizedText, query: Query?,
        expected: ClaimValue, comparison: String = "equal", unverifiable: LocalizedText? = nil,
        discrepancy: LocalizedText? = nil
    ) {
        self.id = id
        self.source = source
        self.locator = locator
        self.statement = statement
        self.query = query
        self.expected = expected
        self.comparison = comparison
        self.unverifiable = unverifiable
        self.discrepancy = discrepancy
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        source = try c.decode(String.self, forKey: .source)
        locator = try c.decode(String.self, forKey: .locator)
        statement = try c.decode(LocalizedText.self, forKey: .statement)
        query = try c.decodeIfPresent(Query.self, forKey: .query)
        expected = try c.decode(ClaimValue.self, forKey: .expected)
        comparison = try c.decodeIfPresent(String.self, forKey: .comparison) ?? "equal"
        unverifiable = try c.decodeIfPresent(LocalizedText.self, forKey: .unverifiable)
        discrepancy = try c.decodeIfPresent(LocalizedText.self, forKey: .discrepancy)
        actual = try c.decodeIfPresent(ClaimValue.self, forKey: .actual)
        holds = try c.decodeIfPresent(Bool.self, forKey: .holds)
        verdict = try c.decodeIfPresent(Verdict.self, forKey: .verdict)
        undetermined = try c.decodeIfPresent(Int.self, forKey: .undetermined)
        status = try c.decodeIfPresent(String.self, forKey: .status)
        reason = try c.decodeIfPresent(LocalizedText.self, forKey: .reason)
        replacedBy = try c.decodeIfPresent(String.self, forKey: .replacedBy)
    }

    /// The claim with `actual`, `verdict` and `holds` computed from the evaluator that saw
    /// every actor and event. A claim without a query is unverifiable. One whose value differs
    /// is unverifiable when the records' undetermined dates could make up the difference, or
    /// when it says why the records cannot decide; it fails otherwise.
    public func computed(by evaluator: QueryEvaluator) -> Claim {
        var copy = self
        copy.undetermined = nil
        guard let query else {
            copy.actual = nil
            copy.verdict = .unverifiable
            copy.holds = nil
            return copy
        }
        let actual: ClaimValue
        let couldHold: Bool
        if let period = query.per {
            var labels: [String] = []
            if case .perPeriod(let stated) = expected { labels = Array(stated.keys) }
            let counts = evaluator.counts(per: period, including: labels)
            actual = .perPeriod(counts.values)
            let loose = counts.undeterminedIn.values.reduce(0, +)
            copy.undetermined = loose > 0 ? loose : nil
            couldHold = Self.compare(actual: actual, expected: expected, comparison: comparison, slack: counts.undeterminedIn)
        } else {
            actual = .number(evaluator.totalValue)
            let loose = evaluator.undeterminedTotal
            copy.undetermined = loose > 0 ? loose : nil
            couldHold = Self.compare(actual: actual, expected: expected, comparison: comparison, slack: ["": loose])
        }
        copy.actual = actual
        let verdict: Verdict =
            Self.compare(actual: actual, expected: expected, comparison: comparison)
            ? .holds : couldHold || unverifiable != nil ? .unverifiable : .fails
        copy.verdict = verdict
        copy.holds = verdict == .unverifiable ? nil : verdict == .holds
        return copy
    }

    /// Whether the actual value meets the expected one; with `slack`, whether it could, given
    /// that many more records per period (key `""` for a single number) whose dates are undetermined.
    static func compare(actual: ClaimValue, expected: ClaimValue, comparison: String, slack: [String: Int] = [:]) -> Bool {
        func ok(_ a: Int, _ e: Int, _ more: Int) -> Bool {
            switch comparison {
            case "at-least": a + more >= e
            case "at-most": a <= e
            default: a <= e && e <= a + more
            }
        }
        switch (actual, expected) {
        case (.number(let a), .number(let e)): return ok(a, e, slack[""] ?? 0)
        case (.perPeriod(let a), .perPeriod(let e)):
            return Set(a.keys).union(e.keys).union(slack.keys).allSatisfy { ok(a[$0] ?? 0, e[$0] ?? 0, slack[$0] ?? 0) }
        default: return false
        }
    }
}

/// A claim's value: one number, or a number per period.
public enum ClaimValue: Codable, Hashable, Sendable, CustomStringConvertible {
    case number(Int)
    case perPeriod([String: Int])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Int.self) {
            self = .number(n)
        } else {
            self = .perPeriod(try c.decode([String: Int].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .number(let n): try c.encode(n)
        case .perPeriod(let map): try c.encode(map)
        }
    }

    public var description: String {
        switch self {
        case .number(let n): return String(n)
        case .perPeriod(let map):
            return map.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        }
    }
}
