import Foundation
import RenkeiModel

/// Evaluates the assertions of `data/dataset.yaml` over a dataset: the count or fill rate each
/// one measures. Shared by the minimum and maximum rules.
struct AssertionEvaluator {
    let data: ValidationContext

    /// The number of records an assertion counts, or a reason it cannot count.
    func count(_ assertion: CountAssertion) -> Result<Int, AssertionProblem> {
        guard let collection = Collection(rawValue: assertion.collection) else {
            return .failure(AssertionProblem(message: "'\(assertion.collection)' is not a collection"))
        }
        let eventOnly = assertion.partner != nil || assertion.year != nil || assertion.fiscalYear != nil
        if eventOnly && collection != .events {
            return .failure(AssertionProblem(message: "partner, year and fiscal_year narrow events only, not \(collection.rawValue)"))
        }
        let partner = assertion.partner.map { data.actors.resolve($0) ?? $0 }
        var n = 0
        data.records.map([collection], threads: ParallelMap.defaultThreads, { record -> Bool in
            if let kind = assertion.kind {
                guard let own = Self.kind(of: record), own == kind || Event.family(of: own) == kind else { return false }
            }
            if case .event(let e) = record {
                if let partner, !e.participants.contains(where: { $0.actor == partner }) { return false }
                if let year = assertion.year, e.date.calendarYear != year { return false }
                if let fy = assertion.fiscalYear, e.date.fiscalYear != fy { return false }
            }
            return true
        }, consume: { if $0 { n += 1 } })
        return .success(n)
    }

    /// The share of a collection's records whose field is filled, and how many records there are.
    func fill(_ assertion: FillAssertion) -> Result<(rate: Double, total: Int), AssertionProblem> {
        guard let collection = Collection(rawValue: assertion.collection) else {
            return .failure(AssertionProblem(message: "'\(assertion.collection)' is not a collection"))
        }
        guard (0...1).contains(assertion.min) else {
            return .failure(AssertionProblem(message: "min \(assertion.min) is not a fraction between 0 and 1 (0.95 for 95 %)"))
        }
        var total = 0, filled = 0
        let path = assertion.field.split(separator: ".").map(String.init)
        data.records.map([collection], threads: ParallelMap.defaultThreads, { record -> Bool in
            guard let json = try? CanonicalJSON.compact(AnyEncodable(record.base)),
                let object = try? JSONSerialization.jsonObject(with: Data(json.utf8))
            else { return false }
            return Self.isFilled(object, path)
        }, consume: { isFilled in
            total += 1
            if isFilled { filled += 1 }
        })
        return .success((total == 0 ? 1 : Double(filled) / Double(total), total))
    }

    static func isFilled(_ value: Any, _ path: [String]) -> Bool {
        guard let key = path.first else {
            switch value {
            case is NSNull: return false
            case let s as String: return !s.isEmpty
            case let a as [Any]: return !a.isEmpty
            case let d as [String: Any]: return !d.isEmpty
            default: return true
            }
        }
        guard let object = value as? [String: Any], let next = object[key] else { return false }
        return isFilled(next, Array(path.dropFirst()))
    }

    static func kind(of record: AnyRecord) -> String? {
        switch record {
        case .event(let e): e.kind
        case .actor(let a): a.kind
        case .source(let s): s.kind
        case .series(let s): s.kind
        default: nil
        }
    }
}

/// Why an assertion could not be evaluated.
struct AssertionProblem: Error {
    let message: String
}

/// Encodes any record through its own `Encodable` conformance.
struct AnyEncodable: Encodable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}

/// A declared minimum (a count or a fill rate) that the data does not reach is an error.
struct AssertionMinimumRule: SetRule {
    let id = "assertion-min"
    let severity = Severity.error
    let summary = "Each minimum declared under `assertions:` in data/dataset.yaml holds: record counts (per collection, event kind, partner, year or fiscal year) and fill rates of fields."
    let examples: [RuleExample] = [
        .breaking("""
            assertions:
              counts:
                - {collection: events, kind: consultation, min: 1}
            """),
        .breaking("""
            assertions:
              fill:
                - {collection: actors, field: members, min: 0.5}
            """),
        .breaking("""
            assertions:
              counts:
                - {collection: meetings, min: 1}
            """),
        .passing("""
            assertions:
              counts:
                - {collection: actors, kind: state, min: 2}
              fill:
                - {collection: actors, field: aliases, min: 1.0}
            """),
    ]

    func check(_ data: ValidationContext) -> [Diagnostic] {
        guard let assertions = data.assertions else { return [] }
        let evaluator = AssertionEvaluator(data: data)
        var out: [Diagnostic] = []
        for a in assertions.counts {
            switch evaluator.count(a) {
            case .failure(let problem):
                out.append(Diagnostic(rule: id, severity: severity, message: "assertion cannot be evaluated: \(problem.message)", location: a.location))
            case .success(let n):
                if let min = a.min, n < min {
                    out.append(Diagnostic(rule: id, severity: severity, message: "\(a.label): \(n), fewer than the minimum \(min)", location: a.location))
                }
            }
        }
        for a in assertions.fill {
            switch evaluator.fill(a) {
            case .failure(let problem):
                out.append(Diagnostic(rule: id, severity: severity, message: "assertion cannot be evaluated: \(problem.message)", location: a.location))
            case .success(let (rate, total)):
                if rate < a.min {
                    out.append(Diagnostic(
                        rule: id, severity: severity,
                        message: "\(a.collection).\(a.field) is filled in \(Self.percent(rate)) of \(total) records, less than the minimum \(Self.percent(a.min))",
                        location: a.location))
                }
            }
        }
        return out
    }

    static func percent(_ x: Double) -> String {
        let p = (x * 1000).rounded() / 10
        return p == p.rounded() ? "\(Int(p)) %" : "\(p) %"
    }
}

/// A declared maximum count that the data exceeds is a warning: growth is rarely wrong, but worth a look.
struct AssertionMaximumRule: SetRule {
    let id = "assertion-max"
    let severity = Severity.warning
    let summary = "Each maximum count declared under `assertions:` in data/dataset.yaml holds (a warning: the data may simply have grown)."
    let examples: [RuleExample] = [
        .breaking("""
            assertions:
              counts:
                - {collection: actors, max: 1}
            """),
        .passing("""
            assertions:
              counts:
                - {collection: events, partner: US, max: 0}
                - {collection: actors, max: 2}
            """),
    ]

    func check(_ data: ValidationContext) -> [Diagnostic] {
        guard let assertions = data.assertions else { return [] }
        let evaluator = AssertionEvaluator(data: data)
        var out: [Diagnostic] = []
        for a in assertions.counts {
            guard let max = a.max, case .success(let n) = evaluator.count(a), n > max else { continue }
            out.append(Diagnostic(rule: id, severity: severity, message: "\(a.label): \(n), more than the maximum \(max)", location: a.location))
        }
        return out
    }
}
