/// The bilingual texts of a record that full-text search looks in, each named by its field path
/// (`title`, `summary`, `agenda[2].title`) and its language, so a match can say where it was found.
public struct SearchableField: Hashable, Sendable {
    /// The field path, as in the canonical JSON (`outcomes[0]`, `agenda[1].title`).
    public var name: String
    /// `ja`, `en`, or `und` for text in no one language (aliases, ids of things outside the dataset).
    public var language: String
    public var text: String

    public init(name: String, language: String, text: String) {
        self.name = name
        self.language = language
        self.text = text
    }
}

extension AnyRecord {
    /// What the record is called, in both languages: its name, title, statement or item.
    public var label: LocalizedText {
        switch self {
        case .source(let s): s.title
        case .actor(let a): a.name
        case .person(let p): p.name
        case .membership(let m): m.role
        case .theme(let t): t.name
        case .series(let s): s.name
        case .event(let e): e.title
        case .attribution(let a): a.incident
        case .proposal(let p): p.item
        case .budget(let b): b.title
        case .indicator(let i): i.name
        case .claim(let c): c.statement
        case .assessment(let a): a.index
        }
    }

    /// The record's bilingual texts by field path, in the order of its canonical JSON: names,
    /// titles, summaries, outcomes, agenda, remarks, the logic model's steps, claims' reasons.
    /// Not an actor's unit of size nor a retired record's reason, which each reader adds as it needs.
    public var bilingualFields: [(path: String, text: LocalizedText)] {
        var out: [(path: String, text: LocalizedText)] = []
        func add(_ path: String, _ text: LocalizedText?) { if let text { out.append((path, text)) } }
        switch self {
        case .source(let s):
            add("title", s.title)
            add("summary", s.summary)
        case .actor(let a): add("name", a.name)
        case .person(let p): add("name", p.name)
        case .membership(let m): add("role", m.role)
        case .theme(let t): add("name", t.name)
        case .series(let s): add("name", s.name)
        case .event(let e):
            add("title", e.title)
            add("summary", e.summary)
            for (i, outcome) in e.outcomes.enumerated() { add("outcomes[\(i)]", outcome) }
            add("location.city", e.location?.city)
            for (i, item) in e.agenda.enumerated() {
                add("agenda[\(i)].title", item.title)
                add("agenda[\(i)].outcome", item.outcome)
            }
            for (i, remark) in e.remarks.enumerated() { add("remarks[\(i)].summary", remark.summary) }
        case .attribution(let a): add("incident", a.incident)
        case .proposal(let p):
            add("item", p.item)
            add("content", p.content)
        case .budget(let b):
            add("title", b.title)
            for (i, step) in b.activities.enumerated() { add("activities[\(i)].text", step.text) }
            for (i, output) in b.outputs.enumerated() { add("outputs[\(i)].text", output.text) }
            for (i, outcome) in b.outcomes.enumerated() { add("outcomes[\(i)].text", outcome.text) }
        case .indicator(let i): add("name", i.name)
        case .claim(let c):
            add("statement", c.statement)
            add("unverifiable", c.unverifiable)
            add("discrepancy", c.discrepancy)
        case .assessment(let a):
            add("index", a.index)
            add("scope", a.scope)
        }
        return out
    }

    /// Every bilingual field of the record, Japanese then English for each, in the order of
    /// the record's canonical JSON; aliases follow an actor's name, a retired record's reason comes last.
    public var searchableFields: [SearchableField] {
        var fields: [SearchableField] = []
        func add(_ name: String, _ text: LocalizedText?) {
            guard let text else { return }
            fields.append(SearchableField(name: name, language: "ja", text: text.ja))
            fields.append(SearchableField(name: name, language: "en", text: text.en))
        }
        for (path, text) in bilingualFields { add(path, text) }
        if case .actor(let a) = self {
            for (i, alias) in a.aliases.enumerated() { fields.append(SearchableField(name: "aliases[\(i)]", language: "und", text: alias)) }
        }
        add("reason", base.reason)
        return fields.filter { !$0.text.isEmpty }
    }
}
