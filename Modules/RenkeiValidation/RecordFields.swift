import RenkeiModel

/// A reference from a record to another record, with the field path it sits at.
struct Reference {
    let path: String
    let id: String
    let expected: [Collection]
}

/// A value a rule of enumerations checks: the field path, the value and the allowed values.
struct EnumeratedValue {
    let path: String
    let value: String
    let allowed: [String]
}

/// What rules need to see of each record's fields, written once for every collection.
public enum RecordFields {
    static func references(_ record: AnyRecord) -> [Reference] {
        var refs: [Reference] = []
        func add(_ path: String, _ id: String?, _ expected: Collection...) {
            if let id { refs.append(Reference(path: path, id: id, expected: expected)) }
        }
        func addAll(_ path: String, _ ids: [String], _ expected: Collection...) {
            for (i, id) in ids.enumerated() { refs.append(Reference(path: "\(path)[\(i)]", id: id, expected: expected)) }
        }
        func addQuery(_ q: Query) {
            addAll("query.series", q.series, .series)
            addAll("query.with", q.with, .actors)
            addAll("query.with_any", q.withAny, .actors)
            addAll("query.exclude", q.exclude, .actors)
            addAll("query.themes", q.themes, .themes)
            addAll("query.cited_by", q.citedBy, .sources)
            addAll("query.events", q.events, .events)
            add("query.of", q.of, .actors)
        }
        for (i, c) in record.base.citations.enumerated() {
            add(record.collection == .claims ? "source" : "sources[\(i)].source", c.source, .sources)
        }
        switch record {
        case .source(let s): addAll("issuers", s.issuers, .actors)
        case .actor(let a):
            add("parent", a.parent, .actors)
            addAll("members", a.members, .actors)
        case .person: break
        case .membership(let m):
            add("person", m.person, .persons)
            add("organization", m.organization, .actors)
        case .theme(let t): add("parent", t.parent, .themes)
        case .series(let s): addAll("partners", s.partners, .actors)
        case .event(let e):
            add("series", e.series, .series)
            add("location.country", e.location?.country, .actors)
            for (i, p) in e.participants.enumerated() { add("participants[\(i)].actor", p.actor, .actors) }
            addAll("themes", e.themes, .themes)
            for (i, p) in e.persons.enumerated() { add("persons[\(i)].person", p.person, .persons) }
            let agendaIDs = Set(e.agenda.map(\.id))
            for (i, r) in e.remarks.enumerated() {
                add("remarks[\(i)].person", r.person, .persons)
                if let a = r.agenda, !agendaIDs.contains(a) {
                    refs.append(Reference(path: "remarks[\(i)].agenda", id: a, expected: []))
                }
            }
        case .attribution(let a):
            add("event", a.event, .events)
            addAll("attributed_to", a.attributedTo, .actors)
            add("issuer", a.issuer, .actors)
            addAll("co_signers", a.coSigners, .actors)
        case .proposal(let p):
            add("framework", p.framework, .series, .actors)
            addAll("proposers", p.proposers, .actors)
        case .budget(let b):
            add("owner", b.owner, .actors)
            for (i, o) in b.outputs.enumerated() { addAll("outputs[\(i)].indicators", o.indicators, .indicators) }
        case .indicator(let ind):
            add("budget", ind.budget, .budgets)
            addQuery(ind.query)
        case .claim(let c): if let q = c.query { addQuery(q) }
        case .assessment(let a):
            add("assessor", a.assessor, .actors)
            add("subject", a.subject, .actors)
        }
        return refs
    }

    static func enumerated(_ record: AnyRecord) -> [EnumeratedValue] {
        var out: [EnumeratedValue] = []
        func add(_ path: String, _ value: String?, _ allowed: [String]) {
            if let value { out.append(EnumeratedValue(path: path, value: value, allowed: allowed)) }
        }
        func addQuery(_ q: Query) {
            for (i, k) in q.kinds.enumerated() { add("query.kinds[\(i)]", k, Event.kinds) }
            for (i, r) in q.roles.enumerated() { add("query.roles[\(i)]", r, Event.roles) }
        }
        switch record {
        case .source(let s): add("kind", s.kind, Source.kinds)
        case .actor(let a): add("kind", a.kind, Actor.kinds)
        case .series(let s): add("kind", s.kind, Event.kinds)
        case .event(let e):
            add("kind", e.kind, Event.kinds)
            for (i, p) in e.participants.enumerated() { add("participants[\(i)].role", p.role, Event.roles) }
            for (i, p) in e.persons.enumerated() { add("persons[\(i)].role", p.role, PersonRole.roles) }
            for (i, a) in e.agenda.enumerated() { add("agenda[\(i)].kind", a.kind, AgendaItem.kinds) }
        case .budget(let b):
            add("basis", b.basis, Budget.bases)
            for (i, o) in b.outcomes.enumerated() { add("outcomes[\(i)].term", o.term, Budget.terms) }
        case .indicator(let ind): addQuery(ind.query)
        case .claim(let c):
            add("comparison", c.comparison, Claim.comparisons)
            if let q = c.query { addQuery(q) }
        default: break
        }
        return out
    }

    /// Every bilingual text of the record, with its path: the model's list, and an actor's unit of size.
    static func localized(_ record: AnyRecord) -> [(String, LocalizedText)] {
        var out = record.bilingualFields.map { ($0.path, $0.text) }
        if case .actor(let a) = record, let unit = a.size?.unit { out.append(("size.unit", unit)) }
        return out
    }

    /// Every plain text of the record (bilingual texts split by language), with its path.
    static func texts(_ record: AnyRecord) -> [(String, String)] {
        var out: [(String, String)] = []
        for (path, t) in localized(record) {
            out.append(("\(path).ja", t.ja))
            out.append(("\(path).en", t.en))
        }
        for (i, c) in record.base.citations.enumerated() {
            out.append((record.collection == .claims ? "locator" : "sources[\(i)].locator", c.locator))
        }
        if case .actor(let a) = record {
            for (i, alias) in a.aliases.enumerated() { out.append(("aliases[\(i)]", alias)) }
        }
        return out
    }

    /// Every id the record defines (its own, and its agenda items and logic-model steps).
    public static func definedIDs(_ record: AnyRecord) -> [(String, String)] {
        var out = [("id", record.id)]
        if case .event(let e) = record {
            for (i, a) in e.agenda.enumerated() { out.append(("agenda[\(i)].id", a.id)) }
        }
        if case .budget(let b) = record {
            for (i, s) in b.activities.enumerated() { out.append(("activities[\(i)].id", s.id)) }
            for (i, s) in b.outputs.enumerated() { out.append(("outputs[\(i)].id", s.id)) }
            for (i, s) in b.outcomes.enumerated() { out.append(("outcomes[\(i)].id", s.id)) }
        }
        return out
    }

    /// Every one-line field of the record that is not bilingual text (kinds, roles, codes,
    /// currencies, file names, URLs, aliases), with its path: no control character at all,
    /// not even a line break, may stand in one.
    static func plainFields(_ record: AnyRecord) -> [(String, String)] {
        var out: [(String, String)] = []
        func add(_ path: String, _ value: String?) { if let value { out.append((path, value)) } }
        switch record {
        case .source(let s):
            add("kind", s.kind)
            add("file", s.file)
            add("url", s.url)
        case .actor(let a):
            add("kind", a.kind)
            for (i, alias) in a.aliases.enumerated() { add("aliases[\(i)]", alias) }
        case .theme(let t): add("code", t.code)
        case .series(let s): add("kind", s.kind)
        case .event(let e):
            add("kind", e.kind)
            add("location.country", e.location?.country)
            for (i, p) in e.participants.enumerated() { add("participants[\(i)].role", p.role) }
            for (i, p) in e.persons.enumerated() { add("persons[\(i)].role", p.role) }
            for (i, a) in e.agenda.enumerated() { add("agenda[\(i)].kind", a.kind) }
        case .budget(let b):
            add("amount.currency", b.amount.currency)
            add("contract_amount.currency", b.contractAmount?.currency)
            add("basis", b.basis)
        default: break
        }
        return out
    }

    /// The fields where an invisible character could make one name pass for another: ids,
    /// aliases, names and titles.
    static func identifying(_ record: AnyRecord) -> [(String, String)] {
        var out = definedIDs(record)
        if case .actor(let a) = record {
            for (i, alias) in a.aliases.enumerated() { out.append(("aliases[\(i)]", alias)) }
        }
        for (path, text) in localized(record) where path == "name" || path == "title" {
            out.append(("\(path).ja", text.ja))
            out.append(("\(path).en", text.en))
        }
        return out
    }
}
