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
    /// Every bilingual field of the record, Japanese then English for each, in the order of
    /// the record's canonical JSON; aliases follow an actor's name.
    public var searchableFields: [SearchableField] {
        var fields: [SearchableField] = []
        func add(_ name: String, _ text: LocalizedText?) {
            guard let text else { return }
            fields.append(SearchableField(name: name, language: "ja", text: text.ja))
            fields.append(SearchableField(name: name, language: "en", text: text.en))
        }
        func addAll(_ name: String, _ texts: [LocalizedText]) {
            for (i, t) in texts.enumerated() { add("\(name)[\(i)]", t) }
        }
        switch self {
        case .source(let s):
            add("title", s.title)
            add("summary", s.summary)
        case .actor(let a):
            add("name", a.name)
            for (i, alias) in a.aliases.enumerated() { fields.append(SearchableField(name: "aliases[\(i)]", language: "und", text: alias)) }
        case .person(let p): add("name", p.name)
        case .membership(let m): add("role", m.role)
        case .theme(let t): add("name", t.name)
        case .series(let s): add("name", s.name)
        case .event(let e):
            add("title", e.title)
            add("summary", e.summary)
            addAll("outcomes", e.outcomes)
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
        add("reason", base.reason)
        return fields.filter { !$0.text.isEmpty }
    }
}
