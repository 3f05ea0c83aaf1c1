import RenkeiModel

/// The dataset as flat tables: one table per collection and one link table per nested list,
/// so CSV files, SQLite tables and Markdown tables share one layout.
public enum TabularLayout {
    /// A value in a cell.
    public enum Cell: Hashable, Sendable {
        case text(String), integer(Int64), number(Double), boolean(Bool), null

        public init(_ s: String?) { self = s.map { .text($0) } ?? .null }
        public init(_ n: Int?) { self = n.map { .integer(Int64($0)) } ?? .null }
    }

    /// A column's type, as Table Schema and SQLite name it.
    public enum ColumnType: String, Sendable {
        case string, integer, number, boolean
        /// A date at reduced precision (`2018`, `2018-03`, `2018-03-14`, `2023-04/2024-03`), or
        /// for an event what the sources know of its date in EDTF (`[..2016-10]`, `[2016-10..]`,
        /// `[2014..2016]`).
        case date
        /// A calendar day, ISO 8601 (`2018-03-14`).
        case day
        /// JSON text.
        case json
    }

    public struct Column: Sendable {
        public let name: String
        public let type: ColumnType
        public let required: Bool
        public let description: String
    }

    public struct ForeignKey: Sendable {
        public let column: String
        public let table: String
    }

    /// One table: its name, columns, primary key and foreign keys.
    public struct Table: Sendable {
        public let name: String
        public let description: String
        public let columns: [Column]
        public let primaryKey: [String]
        public let foreignKeys: [ForeignKey]
    }

    /// A row destined for a table.
    public struct Row: Sendable {
        public let table: String
        public let cells: [Cell]
    }

    static func col(_ name: String, _ type: ColumnType = .string, required: Bool = false, _ description: String = "") -> Column {
        Column(name: name, type: type, required: required, description: description)
    }

    static let id = col("id", required: true, "Stable, unique id.")
    static func text(_ base: String, _ what: String) -> [Column] {
        [col("\(base)_ja", .string, required: false, "\(what) in Japanese."), col("\(base)_en", .string, required: false, "\(what) in English.")]
    }
    static func fk(_ column: String, _ table: String) -> ForeignKey { ForeignKey(column: column, table: table) }

    /// The lifecycle columns every collection's main table ends with.
    static let lifecycleColumns: [Column] = [
        col("status", required: true, "active, deprecated or replaced."),
        col("replaced_by", .string, required: false, "The record that replaces this one, when replaced."),
    ] + text("status_reason", "Why the record was retired")

    /// Every table, parents before the tables that refer to them; a collection's main table
    /// ends with the lifecycle columns.
    public static let tables: [Table] = baseTables.map { table in
        guard Collection(rawValue: table.name) != nil else { return table }
        return Table(
            name: table.name, description: table.description, columns: table.columns + lifecycleColumns,
            primaryKey: table.primaryKey, foreignKeys: table.foreignKeys)
    }

    static let baseTables: [Table] = [
        Table(name: "sources", description: "Documents the records cite.",
              columns: [id, col("kind", required: true)] + text("title", "Title") + [col("date", .date, required: true), col("file"), col("url")] + text("summary", "Summary"),
              primaryKey: ["id"], foreignKeys: []),
        Table(name: "actors", description: "States, organisations, government bodies, agencies, fora, companies, threat groups.",
              columns: [id, col("kind", required: true)] + text("name", "Name") + [col("parent"), col("founded", .date), col("size_value", .number)] + text("size_unit", "Unit of size") + [col("size_as_of", .date)],
              primaryKey: ["id"], foreignKeys: [fk("parent", "actors")]),
        Table(name: "source_issuers", description: "Who issued each source.",
              columns: [col("source", required: true), col("actor", required: true), col("position", .integer, required: true)],
              primaryKey: ["source", "position"], foreignKeys: [fk("source", "sources"), fk("actor", "actors")]),
        Table(name: "actor_aliases", description: "Other names an actor goes by (米国, USA).",
              columns: [col("actor", required: true), col("alias", required: true)],
              primaryKey: ["actor", "alias"], foreignKeys: [fk("actor", "actors")]),
        Table(name: "actor_members", description: "Members of an organisation or partner set.",
              columns: [col("actor", required: true), col("member", required: true)],
              primaryKey: ["actor", "member"], foreignKeys: [fk("actor", "actors"), fk("member", "actors")]),
        Table(name: "persons", description: "People holding posts or speaking.",
              columns: [id] + text("name", "Name"), primaryKey: ["id"], foreignKeys: []),
        Table(name: "memberships", description: "Posts people held, and when.",
              columns: [id, col("person", required: true), col("organization", required: true)] + text("role", "Post") + [col("start", .date), col("end", .date)],
              primaryKey: ["id"], foreignKeys: [fk("person", "persons"), fk("organization", "actors")]),
        Table(name: "themes", description: "The taxonomy records are tagged with.",
              columns: [id, col("parent"), col("code")] + text("name", "Name"), primaryKey: ["id"], foreignKeys: [fk("parent", "themes")]),
        Table(name: "series", description: "Recurring events.",
              columns: [id, col("kind", required: true)] + text("name", "Name"), primaryKey: ["id"], foreignKeys: []),
        Table(name: "series_partners", description: "The partners of a series.",
              columns: [col("series", required: true), col("actor", required: true)],
              primaryKey: ["series", "actor"], foreignKeys: [fk("series", "series"), fk("actor", "actors")]),
        Table(name: "events", description: "What happened: consultations, exercises, trainings, projects, attributions, meetings.",
              columns: [id, col("kind", required: true)] + text("title", "Title") + [col("series"), col("ordinal", .integer), col("date", .date, required: false, "What the sources know of the date: a date at its precision, a bound ([..2016-10] not later than, [2016-10..] not earlier than), a span ([2014..2016]); empty when undated."), col("end", .date), col("precision", required: true, "day, month, year, fiscal-year, not-after, not-before, between or undated"), col("earliest", .day, required: false, "The first day the event can have happened on; empty when the sources set no lower bound."), col("latest", .day, required: false, "The last day the event can have happened on; empty when the sources set no upper bound."), col("year", .integer, required: false, "The calendar year, when every day the date allows lies in one."), col("fiscal_year", .integer, required: false, "The fiscal year (April to March), when every day the date allows lies in one."), col("date_note")] + text("city", "City") + [col("country")] + text("summary", "Summary"),
              primaryKey: ["id"], foreignKeys: [fk("series", "series"), fk("country", "actors")]),
        Table(name: "event_participants", description: "Who took part in each event, in which role.",
              columns: [col("event", required: true), col("actor", required: true), col("role", required: true), col("position", .integer, required: true)],
              primaryKey: ["event", "position"], foreignKeys: [fk("event", "events"), fk("actor", "actors")]),
        Table(name: "event_themes", description: "The themes of each event.",
              columns: [col("event", required: true), col("theme", required: true)],
              primaryKey: ["event", "theme"], foreignKeys: [fk("event", "events"), fk("theme", "themes")]),
        Table(name: "event_outcomes", description: "What was agreed or decided.",
              columns: [col("event", required: true), col("position", .integer, required: true)] + text("text", "Outcome"),
              primaryKey: ["event", "position"], foreignKeys: [fk("event", "events")]),
        Table(name: "event_persons", description: "People present at an event.",
              columns: [col("event", required: true), col("person", required: true), col("role", required: true), col("position", .integer, required: true)],
              primaryKey: ["event", "position"], foreignKeys: [fk("event", "events"), fk("person", "persons")]),
        Table(name: "event_agenda", description: "Agenda items of meetings.",
              columns: [col("event", required: true), col("id", required: true), col("position", .integer, required: true), col("kind", required: true)] + text("title", "Title") + text("outcome", "Outcome"),
              primaryKey: ["event", "id"], foreignKeys: [fk("event", "events")]),
        Table(name: "event_remarks", description: "What each person said, summarised.",
              columns: [col("event", required: true), col("position", .integer, required: true), col("person", required: true), col("agenda")] + text("summary", "Summary"),
              primaryKey: ["event", "position"], foreignKeys: [fk("event", "events"), fk("person", "persons")]),
        Table(name: "attributions", description: "Public attributions of cyber operations.",
              columns: [id, col("event", required: true)] + text("incident", "Incident") + [col("issuer", required: true), col("date", .date)],
              primaryKey: ["id"], foreignKeys: [fk("event", "events"), fk("issuer", "actors")]),
        Table(name: "attribution_targets", description: "Who an operation was attributed to.",
              columns: [col("attribution", required: true), col("actor", required: true)],
              primaryKey: ["attribution", "actor"], foreignKeys: [fk("attribution", "attributions"), fk("actor", "actors")]),
        Table(name: "attribution_cosigners", description: "Who joined the attribution.",
              columns: [col("attribution", required: true), col("actor", required: true)],
              primaryKey: ["attribution", "actor"], foreignKeys: [fk("attribution", "attributions"), fk("actor", "actors")]),
        Table(name: "proposals", description: "Proposals such as confidence-building measures.",
              columns: [id, col("framework", required: true)] + text("item", "Item") + text("content", "Content"),
              primaryKey: ["id"], foreignKeys: []),
        Table(name: "proposal_proposers", description: "Who proposed each item.",
              columns: [col("proposal", required: true), col("actor", required: true)],
              primaryKey: ["proposal", "actor"], foreignKeys: [fk("proposal", "proposals"), fk("actor", "actors")]),
        Table(name: "budgets", description: "Budget lines.",
              columns: [id] + text("title", "Title") + [col("fiscal_year", .integer, required: true), col("amount", .integer, required: true), col("currency", required: true), col("basis", required: true), col("contract_amount", .integer), col("owner", required: true)],
              primaryKey: ["id"], foreignKeys: [fk("owner", "actors")]),
        Table(name: "budget_logic_model", description: "Activities, outputs and outcomes of each budget line's logic model.",
              columns: [col("budget", required: true), col("id", required: true), col("stage", required: true, "activity, output or outcome"), col("term", .string, required: false, "short, mid or long (outcomes)"), col("position", .integer, required: true)] + text("text", "Text"),
              primaryKey: ["budget", "id"], foreignKeys: [fk("budget", "budgets")]),
        Table(name: "indicators", description: "Indicators defined as queries over the events.",
              columns: [id] + text("name", "Name") + [col("budget"), col("output"), col("query", .json, required: true), col("period_kind", required: true, "year (calendar years, 2018) or fiscal-year (April to March, FY2018)"), col("undetermined", .integer, required: true, "Matching events that lie in no single period (a bound, a span, undated).")],
              primaryKey: ["id"], foreignKeys: [fk("budget", "budgets")]),
        Table(name: "budget_output_indicators", description: "The indicators that measure each output.",
              columns: [col("budget", required: true), col("output", required: true), col("indicator", required: true)],
              primaryKey: ["budget", "output", "indicator"], foreignKeys: [fk("budget", "budgets"), fk("indicator", "indicators")]),
        Table(name: "indicator_values", description: "Indicator values computed per period of the indicator's kind: calendar years (2018) or fiscal years (FY2018).",
              columns: [col("indicator", required: true), col("period", required: true, "2018 for a calendar year, FY2018 for a fiscal year"), col("period_kind", required: true, "year or fiscal-year"), col("value", .integer, required: true, "The events that certainly lie in the period."), col("undetermined", .integer, required: true, "How many more could: events whose dates allow this period and others.")],
              primaryKey: ["indicator", "period"], foreignKeys: [fk("indicator", "indicators")]),
        Table(name: "claims", description: "Aggregate statements of the sources, recomputed from the records.",
              columns: [id, col("source", required: true), col("locator", required: true)] + text("statement", "Statement") + [col("query", .json, required: false, "The query that recomputes the statement; empty when nothing held can count it."), col("expected", .json, required: true), col("comparison", required: true), col("actual", .json), col("holds", .boolean, required: false, "True when the claim holds, false when it fails, empty when unverifiable."), col("verdict", required: true, "holds, fails or unverifiable"), col("undetermined", .integer, required: false, "How many more the records could give: those dated too coarsely to tell whether they count.")] + text("unverifiable", "Why the records cannot decide the claim") + text("discrepancy", "Why the records and the source differ"),
              primaryKey: ["id"], foreignKeys: [fk("source", "sources")]),
        Table(name: "assessments", description: "Index rankings cited by the sources.",
              columns: [id, col("assessor", required: true)] + text("index", "Index") + [col("year", .integer, required: false, "The index's year; empty when the source gives none."), col("subject", required: true), col("rank", .integer, required: true)] + text("scope", "Scope"),
              primaryKey: ["id"], foreignKeys: [fk("assessor", "actors"), fk("subject", "actors")]),
        Table(name: "citations", description: "Which source and heading each record comes from.",
              columns: [col("record", required: true), col("collection", required: true), col("position", .integer, required: true), col("source", required: true), col("locator", required: true)],
              primaryKey: ["record", "collection", "position"], foreignKeys: [fk("source", "sources")]),
    ]

    /// The table of that name.
    public static func table(_ name: String) -> Table? { tables.first { $0.name == name } }

    static func t(_ text: LocalizedText?) -> [Cell] { [Cell(text?.ja), Cell(text?.en)] }
    static func d(_ date: PartialDate?) -> Cell { Cell(date?.iso) }
    static func json<T: Encodable>(_ value: T?) -> Cell {
        guard let value, let text = try? CanonicalJSON.compact(value) else { return .null }
        return .text(text)
    }

    /// The rows one record becomes, in table order.
    public static func rows(for record: AnyRecord) -> [Row] {
        var out: [Row] = []
        func add(_ table: String, _ cells: [Cell]) { out.append(Row(table: table, cells: cells)) }
        switch record {
        case .source(let s):
            add("sources", [.text(s.id), .text(s.kind)] + t(s.title) + [d(s.date), Cell(s.file), Cell(s.url)] + t(s.summary))
            for (i, a) in s.issuers.enumerated() { add("source_issuers", [.text(s.id), .text(a), Cell(i)]) }
        case .actor(let a):
            add("actors", [.text(a.id), .text(a.kind)] + t(a.name) + [Cell(a.parent), d(a.founded), a.size.map { .number($0.value) } ?? .null] + t(a.size?.unit) + [d(a.size?.asOf)])
            for alias in Set(a.aliases).sorted() { add("actor_aliases", [.text(a.id), .text(alias)]) }
            for m in Set(a.members).sorted() { add("actor_members", [.text(a.id), .text(m)]) }
        case .person(let p):
            add("persons", [.text(p.id)] + t(p.name))
        case .membership(let m):
            add("memberships", [.text(m.id), .text(m.person), .text(m.organization)] + t(m.role) + [d(m.start), d(m.end)])
        case .theme(let th):
            add("themes", [.text(th.id), Cell(th.parent), Cell(th.code)] + t(th.name))
        case .series(let s):
            add("series", [.text(s.id), .text(s.kind)] + t(s.name))
            for p in Set(s.partners).sorted() { add("series_partners", [.text(s.id), .text(p)]) }
        case .event(let e):
            add("events", [.text(e.id), .text(e.kind)] + t(e.title) + [Cell(e.series), Cell(e.ordinal), Cell(e.date.edtf), d(e.end), .text(e.date.precision), Cell(e.date.earliest?.description), Cell(e.date.latest?.description), Cell(e.date.calendarYear), Cell(e.date.fiscalYear), Cell(e.dateNote)] + t(e.location?.city) + [Cell(e.location?.country)] + t(e.summary))
            for (i, p) in e.participants.enumerated() { add("event_participants", [.text(e.id), .text(p.actor), .text(p.role), Cell(i)]) }
            for th in Set(e.themes).sorted() { add("event_themes", [.text(e.id), .text(th)]) }
            for (i, o) in e.outcomes.enumerated() { add("event_outcomes", [.text(e.id), Cell(i)] + t(o)) }
            for (i, p) in e.persons.enumerated() { add("event_persons", [.text(e.id), .text(p.person), .text(p.role), Cell(i)]) }
            for (i, a) in e.agenda.enumerated() { add("event_agenda", [.text(e.id), .text(a.id), Cell(i), .text(a.kind)] + t(a.title) + t(a.outcome)) }
            for (i, r) in e.remarks.enumerated() { add("event_remarks", [.text(e.id), Cell(i), .text(r.person), Cell(r.agenda)] + t(r.summary)) }
        case .attribution(let a):
            add("attributions", [.text(a.id), .text(a.event)] + t(a.incident) + [.text(a.issuer), d(a.date)])
            for x in Set(a.attributedTo).sorted() { add("attribution_targets", [.text(a.id), .text(x)]) }
            for x in Set(a.coSigners).sorted() { add("attribution_cosigners", [.text(a.id), .text(x)]) }
        case .proposal(let p):
            add("proposals", [.text(p.id), .text(p.framework)] + t(p.item) + t(p.content))
            for x in Set(p.proposers).sorted() { add("proposal_proposers", [.text(p.id), .text(x)]) }
        case .budget(let b):
            add("budgets", [.text(b.id)] + t(b.title) + [Cell(b.fiscalYear), .integer(b.amount.value), .text(b.amount.currency), .text(b.basis), b.contractAmount.map { .integer($0.value) } ?? .null, .text(b.owner)])
            var position = 0
            for s in b.activities {
                add("budget_logic_model", [.text(b.id), .text(s.id), .text("activity"), .null, Cell(position)] + t(s.text))
                position += 1
            }
            for s in b.outputs {
                add("budget_logic_model", [.text(b.id), .text(s.id), .text("output"), .null, Cell(position)] + t(s.text))
                position += 1
            }
            for s in b.outcomes {
                add("budget_logic_model", [.text(b.id), .text(s.id), .text("outcome"), .text(s.term), Cell(position)] + t(s.text))
                position += 1
            }
        case .indicator(let ind):
            add("indicators", [.text(ind.id)] + t(ind.name) + [Cell(ind.budget), Cell(ind.output), json(ind.query), .text(ind.periodKind.rawValue), Cell(ind.undetermined)])
            if let budget = ind.budget, let output = ind.output {
                add("budget_output_indicators", [.text(budget), .text(output), .text(ind.id)])
            }
            for v in ind.values { add("indicator_values", [.text(ind.id), .text(v.period), .text(ind.periodKind.rawValue), Cell(v.value), Cell(v.undetermined)]) }
        case .claim(let c):
            add("claims", [.text(c.id), .text(c.source), .text(c.locator)] + t(c.statement) + [json(c.query), json(c.expected), .text(c.comparison), json(c.actual), c.holds.map { .boolean($0) } ?? .null, Cell(c.verdict?.rawValue), Cell(c.undetermined)] + t(c.unverifiable) + t(c.discrepancy))
        case .assessment(let a):
            add("assessments", [.text(a.id), .text(a.assessor)] + t(a.index) + [Cell(a.year), .text(a.subject), Cell(a.rank)] + t(a.scope))
        }
        // The main row (the first, in the collection's own table) ends with the lifecycle cells.
        if let main = out.first, main.table == record.collection.rawValue {
            let base = record.base
            out[0] = Row(table: main.table, cells: main.cells + [.text(base.lifecycle.rawValue), Cell(base.replacedBy)] + t(base.reason))
        }
        for (i, c) in record.base.citations.enumerated() {
            add("citations", [.text(record.id), .text(record.collection.rawValue), Cell(i), .text(c.source), .text(c.locator)])
        }
        return out
    }
}
