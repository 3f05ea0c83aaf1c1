import RenkeiModel

/// What a record is called, in both languages: its name, title, statement or item.
public enum RecordLabel {
    public static func of(_ record: AnyRecord) -> LocalizedText {
        switch record {
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
}
