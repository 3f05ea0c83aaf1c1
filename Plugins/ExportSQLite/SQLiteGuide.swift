import Foundation
import RenkeiModel
import RenkeiTabular

/// What a person querying the SQLite export needs to know, in one place: the search tables and
/// the one way to ask them, the views, the descriptions of every column, ten example queries,
/// and the Datasette metadata and `docs/exporters/sqlite.md` generated from all of it.
public enum SQLiteGuide {
    /// The one documented way to search the export, for a query of any length on SQLite 3.40
    /// and newer: three characters or more go through the trigram index `search`; shorter ones
    /// (演習, 協議) scan `search_text` with `instr()`, since trigrams need three characters and
    /// `LIKE` on an FTS5 table finds nothing on SQLite 3.40. Bind `:q` to the text.
    public static let searchSQL = """
        SELECT t.collection, t.record, t.field, t.language, t.text
        FROM search_text t
        WHERE CASE WHEN length(:q) >= 3
              THEN t.rowid IN (SELECT rowid FROM search WHERE search MATCH '"' || replace(:q, '"', '""') || '"')
              ELSE instr(lower(t.text), lower(:q)) > 0 END
        ORDER BY t.collection, t.record, t.rowid
        """

    /// The views of the export, with what each is for.
    /// What `event_partners` holds: the one definition of a cooperation partner, applied per event.
    static let eventPartnersDescription =
        "Japan's cooperation partners at each event, by the dataset's one definition (`renkei stats` and the report use it too): states, economies, organisations and forums taking part with Japan in any role but target; a body of another state counts as that state, a partner set as each member; Japan's own bodies, threat groups and companies are not partners."

    public static let views: [(name: String, description: String)] = [
        ("event_participants_named", "Each participant of each event with the actor's names and kind, ready to filter by name."),
        ("events_flat", "One row per event with its participants (`actor:role; …`), themes and sources (`source (locator); …`) joined in."),
        ("events_per_year", "Events per calendar year and kind; the row with an empty year counts the events that lie in no single calendar year (a fiscal year, a span, a bound, or undated), never guessed into one."),
        ("events_per_fiscal_year", "Events per fiscal year (April–March) and kind; the row with an empty fiscal year counts the events that lie in no single fiscal year (a calendar year straddles two, a span, a bound, or undated)."),
        ("partners_per_year", "For each calendar year and cooperation partner (`event_partners`), the number of live events the partner shared with Japan; the row with an empty year counts the events that lie in no single year."),
    ]

    /// Descriptions for columns the tabular layout leaves undescribed, by column name.
    static let columnDescriptions: [String: String] = [
        "actor": "An actor's id (table `actors`).", "actual": "The value computed from the records.",
        "agenda": "The agenda item's id within the event.", "alias": "Another name or code for the actor (米国, USA).",
        "amount": "The amount, in `currency`.", "assessor": "The actor that made the assessment.",
        "attribution": "An attribution's id.", "basis": "What the amount is: budget, expenditure, contract.",
        "budget": "A budget's id.", "code": "The theme's code in the source's own scheme.",
        "collection": "The collection of the record: events, actors, …", "comparison": "How actual is compared with expected.",
        "contract_amount": "The contracted amount, when the source gives one.", "country": "The country (an actor id) where it took place.",
        "currency": "ISO 4217 code.", "date": "ISO 8601 at the precision the source gives (`2017`, `2017-12`, `2017-12-05`, `2023-04/2024-03`).",
        "date_note": "How a relative date (本年, 先月) was resolved.", "end": "The last day, when the event lasted several days.",
        "event": "An event's id (table `events`).", "expected": "The value the source states.",
        "file": "The source document's file name.", "fiscal_year": "The fiscal year (April–March) by the year it starts in; empty when the date cannot decide it.",
        "founded": "When the actor was founded.", "framework": "The forum the proposal was made in (an actor id).",
        "holds": "1 when the records bear the statement out, 0 when not.", "id": "Stable, unique id.",
        "indicator": "An indicator's id.", "issuer": "The actor that issued it.",
        "kind": "The kind (see docs/DATA-FORMAT.md for the vocabulary).", "locator": "Where in the source: a section, table or page.",
        "member": "The member's actor id.", "ordinal": "The number of the event in its series (第32回 → 32).",
        "organization": "The organisation (an actor id).", "output": "The logic model's output the indicator measures.",
        "owner": "The actor that holds the budget.", "parent": "The parent's id.",
        "period": "`2018` for a calendar year, `FY2018` for a fiscal year.", "person": "A person's id.",
        "position": "The order given in the source, from 0.", "precision": "year, month, day or fiscal-year.",
        "proposal": "A proposal's id.", "query": "The records counted, as JSON (docs/DATA-FORMAT.md).",
        "rank": "The rank given.", "record": "The id of the record.", "role": "The part taken: host, participant, chair, …",
        "series": "The series' id (table `series`).", "size_as_of": "When the size was given.", "size_value": "The size, in `size_unit`.",
        "source": "A source's id (table `sources`).", "start": "When the post or membership began.",
        "subject": "The actor assessed.", "theme": "A theme's id (table `themes`).", "url": "Where the document is published.",
        "value": "The value.", "year": "The calendar year; empty when the date cannot decide it (a fiscal year).",
    ]

    /// The description of a column of the tabular layout.
    public static func describe(_ column: TabularLayout.Column) -> String {
        column.description.isEmpty ? columnDescriptions[column.name] ?? "" : column.description
    }

    /// Ten questions analysts ask, as SQL against the export.
    public static let examples: [(question: String, sql: String)] = [
        ("How many bilateral and trilateral consultations were held in 2017?",
         "SELECT kind, count(*) AS events FROM events WHERE year = 2017 AND kind LIKE '%-consultation' AND status = 'active' GROUP BY kind ORDER BY kind"),
        ("With whom were the 2017 bilateral consultations held?",
         "SELECT p.actor, a.name_en FROM events e JOIN event_participants p ON p.event = e.id JOIN actors a ON a.id = p.actor WHERE e.year = 2017 AND e.kind = 'bilateral-consultation' AND p.actor <> 'JP' ORDER BY p.actor"),
        ("Which public attributions were made, and when?",
         "SELECT e.date, t.attribution, t.actor FROM attributions at JOIN attribution_targets t ON t.attribution = at.id JOIN events e ON e.id = at.event ORDER BY e.date, t.attribution, t.actor"),
        ("Who attended the 32nd Headquarters meeting?",
         "SELECT count(*) AS attendees FROM event_persons ep JOIN events e ON e.id = ep.event WHERE e.series = 'sr-cshq-meetings' AND e.ordinal = 32"),
        ("What posts did the attendees of the 32nd meeting hold on its day?",
         "SELECT ep.person, m.role_en, m.organization FROM event_persons ep JOIN events e ON e.id = ep.event JOIN memberships m ON m.person = ep.person WHERE e.series = 'sr-cshq-meetings' AND e.ordinal = 32 AND (m.start IS NULL OR m.start <= e.date) AND (m.\"end\" IS NULL OR m.\"end\" >= substr(e.date, 1, length(m.\"end\"))) ORDER BY ep.person, m.id"),
        ("What is the FY2023 defence budget for cyber cooperation?",
         "SELECT id, amount, currency, basis FROM budgets WHERE fiscal_year = 2023 AND owner = 'jp-mod'"),
        ("What values do the indicators of that budget take?",
         "SELECT v.indicator, v.period, v.value FROM indicator_values v JOIN indicators i ON i.id = v.indicator WHERE i.budget = 'bg-mod-fy2023-cyber-cooperation' ORDER BY v.indicator, v.period"),
        ("Which records mention 演習 (a two-character word)?",
         searchSQL.replacingOccurrences(of: ":q", with: "'演習'")),
        ("Which records mention ASEAN?",
         searchSQL.replacingOccurrences(of: ":q", with: "'ASEAN'")),
        ("How many consultations were held per partner and year?",
         "SELECT p.actor, e.year, count(DISTINCT e.id) AS consultations FROM events e JOIN event_participants p ON p.event = e.id WHERE e.kind LIKE '%-consultation' AND e.status = 'active' AND e.year BETWEEN 2013 AND 2018 AND p.actor <> 'JP' GROUP BY p.actor, e.year ORDER BY p.actor, e.year"),
    ]

    /// Datasette's metadata for the export: title, licence, source, every table's and column's
    /// description, facets, the search table and a canned query for searches of any length.
    public static func datasetteMetadata(info: DatasetInfo) -> JSONValue {
        let facets: [String: [String]] = [
            "events": ["kind", "year", "fiscal_year", "precision", "status"],
            "actors": ["kind"], "sources": ["kind"], "event_participants": ["role", "actor"],
            "attributions": ["issuer"], "claims": ["holds", "source"], "indicator_values": ["indicator", "period"],
            "memberships": ["organization"],
        ]
        var tables: [String: JSONValue] = [:]
        for table in TabularLayout.tables {
            var entry: [String: JSONValue] = [
                "description": .string(table.description),
                "columns": .object(Dictionary(uniqueKeysWithValues: table.columns.map { ($0.name, JSONValue.string(describe($0))) })),
            ]
            if let f = facets[table.name] { entry["facets"] = .array(f.map { .string($0) }) }
            tables[table.name] = .object(entry)
        }
        for view in views { tables[view.name] = .object(["description": .string(view.description)]) }
        tables["search_text"] = .object([
            "description": .string("Every bilingual field of every record, one row per field and language; searchable (three characters or more through the trigram index)."),
            "fts_table": .string("search"), "fts_pk": .string("rowid"),
            "facets": .array([.string("collection"), .string("language")]),
            "columns": .object([
                "record": .string("The record's id."), "collection": .string("The record's collection."),
                "field": .string("The field path (`title`, `agenda[1].title`)."), "language": .string("ja, en, or und."),
                "text": .string("The text."),
            ]),
        ])
        tables["search"] = .object(["description": .string("The FTS5 trigram index of search_text (same rowids)."), "hidden": .bool(true)])
        tables["event_partners"] = .object([
            "description": .string(Self.eventPartnersDescription),
            "facets": .array([.string("partner")]),
            "columns": .object(["event": .string("The event's id."), "partner": .string("The partner's actor id (a state, economy, organisation or forum).")]),
        ])
        return .object([
            "title": .string(info.title?.en ?? info.name),
            "description": .string((info.title?.ja ?? "") + " — release \(info.version)"),
            "license": .string(info.license ?? "CC-BY-4.0"),
            "license_url": .string("https://creativecommons.org/licenses/by/4.0/"),
            "source": .string("Public documents of the Government of Japan, cited record by record (table sources)"),
            "databases": .object([
                "renkei": .object([
                    "tables": .object(tables),
                    "queries": .object([
                        "search_any_length": .object([
                            "title": .string("Search any length of text"),
                            "description": .string("Finds records by any text, 1–2 character Japanese included (演習, 協議)."),
                            "sql": .string(searchSQL),
                        ])
                    ]),
                ])
            ]),
        ])
    }

    /// `docs/exporters/sqlite.md`; `viewColumns` gives each view's columns (read from a built export).
    public static func markdown(viewColumns: [String: [String]]) -> String {
        var out = """
            # The SQLite export

            <!-- Generated from Plugins/ExportSQLite/SQLiteGuide.swift and the tabular layout; a test keeps it current. -->

            `renkei export --format sqlite` writes `sqlite/renkei.sqlite`, a standalone database for
            `sqlite3`, Datasette or any SQLite client, and `sqlite/metadata.json`, its Datasette metadata:

            ```console
            $ datasette serve sqlite/renkei.sqlite --metadata sqlite/metadata.json
            ```

            Every record table ends with `status` (`active`, `deprecated`, `replaced`), `replaced_by` and
            the reason in both languages; counts should keep to `status = 'active'`. Dates are ISO 8601
            at the precision the source gives; `year` and `fiscal_year` are empty when the date cannot
            decide them, so a count by year never guesses.

            ## Searching

            `search_text` holds every bilingual field of every record, one row per field and language;
            `search` is its FTS5 trigram index (the same rowids). A trigram needs three characters, and
            on SQLite 3.40 (Debian 12) `LIKE` on an FTS5 table finds nothing, so the one way to ask that
            works for any length of query, 演習 as well as ASEAN, is this (bind `:q`):

            ```sql
            \(searchSQL)
            ```

            In Datasette the same query is the canned query `search_any_length`; the search box on
            `search_text` uses the trigram index (three characters or more).

            ## Tables


            """
        for table in TabularLayout.tables {
            out += "### `\(table.name)`\n\n\(table.description)"
            out += " Primary key: \(table.primaryKey.map { "`\($0)`" }.joined(separator: ", "))."
            if !table.foreignKeys.isEmpty {
                out += " References: " + table.foreignKeys.map { "`\($0.column)` → `\($0.table)`" }.joined(separator: ", ") + "."
            }
            out += "\n\n| column | type | required | description |\n|---|---|---|---|\n"
            for column in table.columns {
                out += "| `\(column.name)` | \(column.type.rawValue) | \(column.required ? "yes" : "") | \(describe(column).replacingOccurrences(of: "|", with: "\\|")) |\n"
            }
            out += "\n"
        }
        out += """
            ### `event_partners`

            \(Self.eventPartnersDescription) Columns: `event`, `partner`. Primary key: `event`,
            `partner`. References: `event` → `events`, `partner` → `actors`.

            ### `search_text`

            Every bilingual field of every record. Columns: `record` (the record's id), `collection`,
            `field` (the field path, such as `title` or `agenda[1].title`), `language` (`ja`, `en`, or
            `und` for aliases), `text`.

            ### `search`

            FTS5 virtual table, trigram tokenizer, over `search_text.text` with the same rowids
            (columns `record`, `collection`, `language`, `text`).

            ### `dataset`

            One row: `name`, `version`, `title_ja`, `title_en`, `license`.

            ## Views


            """
        for view in views {
            out += "### `\(view.name)`\n\n\(view.description)\n\nColumns: "
            out += (viewColumns[view.name] ?? []).map { "`\($0)`" }.joined(separator: ", ") + ".\n\n"
        }
        out += "## Example queries\n\nEach is run by a test against the export of `data/`.\n\n"
        for (i, example) in examples.enumerated() {
            out += "\(i + 1). \(example.question)\n\n   ```sql\n"
            out += example.sql.split(separator: "\n").map { "   " + $0 }.joined(separator: "\n") + "\n   ```\n\n"
        }
        return out
    }
}
