import GRDB
import RenkeiModel

/// Writes records into an empty store in one transaction.
enum StoreWriter {
    /// The records each collection by collection, by id (``Dataset/allRecords``' order), handed
    /// one by one to the closure given.
    typealias Records = ((AnyRecord) throws -> Void) throws -> Void

    static func write(_ dataset: Dataset, to writer: any DatabaseWriter) throws {
        try write(info: dataset.info, records: { visit in for record in dataset.allRecords { try visit(record) } }, to: writer)
    }

    static func write(info: DatasetInfo, records: Records, to writer: any DatabaseWriter) throws {
        try StoreSchema.migrator.migrate(writer)
        let encoder = CanonicalJSON.compactEncoder()
        func doc<T: Encodable>(_ value: T) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        try writer.write { db in
            try db.run(sql: "PRAGMA defer_foreign_keys = ON")
            try db.run(sql: "INSERT INTO meta(key, value) VALUES ('dataset', ?), ('schema', 'v1')", arguments: [try doc(info)])
            try records { record in
                let base = record.base
                for (i, c) in base.citations.enumerated() {
                    try db.run(
                        sql: "INSERT INTO citations(record, collection, position, source, locator) VALUES (?, ?, ?, ?, ?)",
                        arguments: [base.id, record.collection.rawValue, i, c.source, c.locator])
                }
                for field in SearchFields.fields(of: record) where !field.text.isEmpty {
                    try db.run(
                        sql: "INSERT INTO search_fields(record, collection, field, lang, text) VALUES (?, ?, ?, ?, ?)",
                        arguments: [base.id, record.collection.rawValue, field.name, field.language, field.text])
                    let rowid = db.lastInsertedRowID
                    try db.run(
                        sql: "INSERT INTO search(rowid, record, collection, text) VALUES (?, ?, ?, ?)",
                        arguments: [rowid, base.id, record.collection.rawValue, field.text])
                    try db.run(
                        sql: "INSERT INTO search_grams(rowid, grams) VALUES (?, ?)",
                        arguments: [rowid, SearchGrams.document(of: field.text)])
                }
                switch record {
                case .source(let s):
                    try db.run(
                        sql: "INSERT INTO sources(id, kind, date, title_ja, title_en, doc) VALUES (?, ?, ?, ?, ?, ?)",
                        arguments: [s.id, s.kind, s.date.iso, s.title.ja, s.title.en, try doc(s)])
                case .actor(let a):
                    try db.run(
                        sql: "INSERT INTO actors(id, kind, name_ja, name_en, parent, doc) VALUES (?, ?, ?, ?, ?, ?)",
                        arguments: [a.id, a.kind, a.name.ja, a.name.en, a.parent, try doc(a)])
                    for alias in Set(a.aliases).sorted() {
                        try db.run(sql: "INSERT INTO actor_aliases(alias, actor) VALUES (?, ?)", arguments: [alias, a.id])
                    }
                    for member in Set(a.members).sorted() {
                        try db.run(sql: "INSERT INTO actor_members(actor, member) VALUES (?, ?)", arguments: [a.id, member])
                    }
                case .person(let p):
                    try db.run(
                        sql: "INSERT INTO persons(id, name_ja, name_en, doc) VALUES (?, ?, ?, ?)",
                        arguments: [p.id, p.name.ja, p.name.en, try doc(p)])
                case .membership(let m):
                    try db.run(
                        sql: """
                            INSERT INTO memberships(id, person, organization, role_ja, role_en, start, "end", doc)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [m.id, m.person, m.organization, m.role.ja, m.role.en, m.start?.iso, m.end?.iso, try doc(m)])
                case .theme(let t):
                    try db.run(
                        sql: "INSERT INTO themes(id, parent, name_ja, name_en, doc) VALUES (?, ?, ?, ?, ?)",
                        arguments: [t.id, t.parent, t.name.ja, t.name.en, try doc(t)])
                case .series(let s):
                    try db.run(
                        sql: "INSERT INTO series(id, kind, name_ja, name_en, doc) VALUES (?, ?, ?, ?, ?)",
                        arguments: [s.id, s.kind, s.name.ja, s.name.en, try doc(s)])
                case .event(let e):
                    try db.run(
                        sql: """
                            INSERT INTO events(id, kind, title_ja, title_en, series, ordinal, date, "end", precision,
                              sort_day, earliest, latest, year, fiscal_year, country, summary_ja, summary_en, doc, retired)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            e.id, e.kind, e.title.ja, e.title.en, e.series, e.ordinal, e.date.edtf, e.end?.iso,
                            e.date.precision, Self.sortDay(e.date), e.date.earliest?.description,
                            e.date.latest?.description, e.date.calendarYear, e.date.fiscalYear, e.location?.country,
                            e.summary?.ja, e.summary?.en, try doc(e), e.isRetired,
                        ])
                    var seen = Set<String>()
                    for (i, p) in e.participants.enumerated() where seen.insert("\(p.actor)|\(p.role)").inserted {
                        try db.run(
                            sql: "INSERT INTO event_participants(event, actor, role, position) VALUES (?, ?, ?, ?)",
                            arguments: [e.id, p.actor, p.role, i])
                    }
                    for theme in Set(e.themes).sorted() {
                        try db.run(sql: "INSERT INTO event_themes(event, theme) VALUES (?, ?)", arguments: [e.id, theme])
                    }
                    for p in e.persons {
                        try db.run(
                            sql: "INSERT OR IGNORE INTO event_persons(event, person, role) VALUES (?, ?, ?)",
                            arguments: [e.id, p.person, p.role])
                    }
                case .attribution(let a):
                    try db.run(
                        sql: "INSERT INTO attributions(id, event, issuer, doc) VALUES (?, ?, ?, ?)",
                        arguments: [a.id, a.event, a.issuer, try doc(a)])
                    for target in Set(a.attributedTo).sorted() {
                        try db.run(sql: "INSERT INTO attribution_targets(attribution, actor) VALUES (?, ?)", arguments: [a.id, target])
                    }
                case .proposal(let p):
                    try db.run(
                        sql: "INSERT INTO proposals(id, framework, doc) VALUES (?, ?, ?)",
                        arguments: [p.id, p.framework, try doc(p)])
                    for proposer in Set(p.proposers).sorted() {
                        try db.run(sql: "INSERT INTO proposal_proposers(proposal, actor) VALUES (?, ?)", arguments: [p.id, proposer])
                    }
                case .budget(let b):
                    try db.run(
                        sql: "INSERT INTO budgets(id, fiscal_year, amount, currency, basis, owner, doc) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        arguments: [b.id, b.fiscalYear, b.amount.value, b.amount.currency, b.basis, b.owner, try doc(b)])
                case .indicator(let ind):
                    try db.run(
                        sql: "INSERT INTO indicators(id, budget, doc) VALUES (?, ?, ?)",
                        arguments: [ind.id, ind.budget, try doc(ind)])
                    for v in ind.values {
                        try db.run(
                            sql: "INSERT INTO indicator_values(indicator, period, value) VALUES (?, ?, ?)",
                            arguments: [ind.id, v.period, v.value])
                    }
                case .claim(let c):
                    try db.run(
                        sql: "INSERT INTO claims(id, source, holds, verdict, doc) VALUES (?, ?, ?, ?, ?)",
                        arguments: [c.id, c.source, c.holds, c.verdict?.rawValue, try doc(c)])
                case .assessment(let a):
                    try db.run(
                        sql: "INSERT INTO assessments(id, assessor, subject, year, rank, doc) VALUES (?, ?, ?, ?, ?, ?)",
                        arguments: [a.id, a.assessor, a.subject, a.year, a.rank, try doc(a)])
                }
            }
        }
    }

    /// The day an event sorts by: the first day its date allows, else the last (an upper bound
    /// alone); undated events sort after every dated one.
    static func sortDay(_ date: EventDate) -> String {
        (date.earliest ?? date.latest)?.description ?? "9999-12-31"
    }
}

extension Database {
    /// Runs one statement through the connection's statement cache: a build compiles each of
    /// its inserts once, not once per row.
    fileprivate func run(sql: String, arguments: StatementArguments = []) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}
