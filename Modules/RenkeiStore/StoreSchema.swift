import GRDB

/// The store's migrations, registered by name. A migration is never edited once it has
/// shipped: a change to the schema is a new migration appended here.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-records") { db in
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) STRICT;
                CREATE TABLE sources (
                    id TEXT PRIMARY KEY NOT NULL, kind TEXT NOT NULL, date TEXT NOT NULL,
                    title_ja TEXT NOT NULL, title_en TEXT NOT NULL, doc TEXT NOT NULL) STRICT;
                CREATE TABLE actors (
                    id TEXT PRIMARY KEY NOT NULL, kind TEXT NOT NULL, name_ja TEXT NOT NULL, name_en TEXT NOT NULL,
                    parent TEXT REFERENCES actors(id), doc TEXT NOT NULL) STRICT;
                CREATE TABLE actor_aliases (
                    alias TEXT NOT NULL, actor TEXT NOT NULL REFERENCES actors(id),
                    PRIMARY KEY (alias, actor)) STRICT;
                CREATE TABLE actor_members (
                    actor TEXT NOT NULL REFERENCES actors(id), member TEXT NOT NULL REFERENCES actors(id),
                    PRIMARY KEY (actor, member)) STRICT;
                CREATE TABLE persons (
                    id TEXT PRIMARY KEY NOT NULL, name_ja TEXT NOT NULL, name_en TEXT NOT NULL, doc TEXT NOT NULL) STRICT;
                CREATE TABLE memberships (
                    id TEXT PRIMARY KEY NOT NULL, person TEXT NOT NULL REFERENCES persons(id),
                    organization TEXT NOT NULL REFERENCES actors(id), role_ja TEXT NOT NULL, role_en TEXT NOT NULL,
                    start TEXT, "end" TEXT, doc TEXT NOT NULL) STRICT;
                CREATE TABLE themes (
                    id TEXT PRIMARY KEY NOT NULL, parent TEXT REFERENCES themes(id),
                    name_ja TEXT NOT NULL, name_en TEXT NOT NULL, doc TEXT NOT NULL) STRICT;
                CREATE TABLE series (
                    id TEXT PRIMARY KEY NOT NULL, kind TEXT NOT NULL, name_ja TEXT NOT NULL, name_en TEXT NOT NULL,
                    doc TEXT NOT NULL) STRICT;
                CREATE TABLE events (
                    id TEXT PRIMARY KEY NOT NULL, kind TEXT NOT NULL, title_ja TEXT NOT NULL, title_en TEXT NOT NULL,
                    series TEXT REFERENCES series(id), ordinal INTEGER, date TEXT NOT NULL, "end" TEXT,
                    precision TEXT NOT NULL, first_day TEXT NOT NULL, year INTEGER, fiscal_year INTEGER,
                    country TEXT REFERENCES actors(id), summary_ja TEXT, summary_en TEXT, doc TEXT NOT NULL) STRICT;
                CREATE INDEX events_by_date ON events(first_day);
                CREATE INDEX events_by_series ON events(series);
                CREATE TABLE event_participants (
                    event TEXT NOT NULL REFERENCES events(id), actor TEXT NOT NULL REFERENCES actors(id),
                    role TEXT NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (event, actor, role)) STRICT;
                CREATE INDEX participants_by_actor ON event_participants(actor);
                CREATE TABLE event_themes (
                    event TEXT NOT NULL REFERENCES events(id), theme TEXT NOT NULL REFERENCES themes(id),
                    PRIMARY KEY (event, theme)) STRICT;
                CREATE TABLE event_persons (
                    event TEXT NOT NULL REFERENCES events(id), person TEXT NOT NULL REFERENCES persons(id),
                    role TEXT NOT NULL, PRIMARY KEY (event, person, role)) STRICT;
                CREATE TABLE attributions (
                    id TEXT PRIMARY KEY NOT NULL, event TEXT NOT NULL REFERENCES events(id),
                    issuer TEXT NOT NULL REFERENCES actors(id), doc TEXT NOT NULL) STRICT;
                CREATE TABLE attribution_targets (
                    attribution TEXT NOT NULL REFERENCES attributions(id), actor TEXT NOT NULL REFERENCES actors(id),
                    PRIMARY KEY (attribution, actor)) STRICT;
                CREATE TABLE proposals (id TEXT PRIMARY KEY NOT NULL, framework TEXT NOT NULL, doc TEXT NOT NULL) STRICT;
                CREATE TABLE proposal_proposers (
                    proposal TEXT NOT NULL REFERENCES proposals(id), actor TEXT NOT NULL REFERENCES actors(id),
                    PRIMARY KEY (proposal, actor)) STRICT;
                CREATE TABLE budgets (
                    id TEXT PRIMARY KEY NOT NULL, fiscal_year INTEGER NOT NULL, amount INTEGER NOT NULL,
                    currency TEXT NOT NULL, basis TEXT NOT NULL, owner TEXT NOT NULL REFERENCES actors(id),
                    doc TEXT NOT NULL) STRICT;
                CREATE TABLE indicators (
                    id TEXT PRIMARY KEY NOT NULL, budget TEXT REFERENCES budgets(id), doc TEXT NOT NULL) STRICT;
                CREATE TABLE indicator_values (
                    indicator TEXT NOT NULL REFERENCES indicators(id), period TEXT NOT NULL, value INTEGER NOT NULL,
                    PRIMARY KEY (indicator, period)) STRICT;
                CREATE TABLE claims (
                    id TEXT PRIMARY KEY NOT NULL, source TEXT NOT NULL REFERENCES sources(id), holds INTEGER,
                    doc TEXT NOT NULL) STRICT;
                CREATE TABLE assessments (
                    id TEXT PRIMARY KEY NOT NULL, assessor TEXT NOT NULL REFERENCES actors(id),
                    subject TEXT NOT NULL REFERENCES actors(id), year INTEGER NOT NULL, rank INTEGER NOT NULL,
                    doc TEXT NOT NULL) STRICT;
                CREATE TABLE citations (
                    record TEXT NOT NULL, collection TEXT NOT NULL, position INTEGER NOT NULL,
                    source TEXT NOT NULL REFERENCES sources(id), locator TEXT NOT NULL,
                    PRIMARY KEY (record, position)) STRICT;
                CREATE INDEX citations_by_source ON citations(source);
                """)
            try db.create(virtualTable: "search", using: FTS5()) { t in
                t.tokenizer = FTS5TokenizerDescriptor(components: ["trigram"])
                t.column("record").notIndexed()
                t.column("collection").notIndexed()
                t.column("text")
            }
        }
        migrator.registerMigration("v2-release-history") { db in
            try db.execute(sql: """
                CREATE TABLE record_history (
                    collection TEXT NOT NULL, id TEXT NOT NULL,
                    first_release TEXT NOT NULL, first_released TEXT NOT NULL,
                    last_release TEXT NOT NULL, last_changed TEXT NOT NULL, changes INTEGER NOT NULL,
                    PRIMARY KEY (collection, id)) STRICT;
                CREATE TABLE release_changes (
                    position INTEGER PRIMARY KEY NOT NULL, op TEXT NOT NULL, collection TEXT NOT NULL,
                    id TEXT NOT NULL, fields TEXT NOT NULL) STRICT;
                """)
        }
        // A claim's verdict (holds, fails, unverifiable) beside `holds`, which is null when the
        // records cannot decide.
        migrator.registerMigration("v3-claim-verdict") { db in
            try db.execute(sql: "ALTER TABLE claims ADD COLUMN verdict TEXT")
        }
        migrator.registerMigration("v4-search-fields") { db in
            // One row per searchable field of a record, in plain text, so that a query of any
            // length finds it: `instr()` here answers the 1–2 character queries that the trigram
            // table `search` cannot (and that `LIKE` on an FTS5 table misses on SQLite 3.40).
            // Each row's rowid is the rowid of the same text in `search`.
            try db.execute(sql: """
                CREATE TABLE search_fields (
                    rowid INTEGER PRIMARY KEY, record TEXT NOT NULL, collection TEXT NOT NULL,
                    field TEXT NOT NULL, lang TEXT NOT NULL, text TEXT NOT NULL) STRICT;
                CREATE INDEX search_fields_by_record ON search_fields(record, collection);
                """)
        }
        migrator.registerMigration("v5-date-knowledge") { db in
            // An event's date may be a bound, a span or unknown: `date` (EDTF) is null when
            // undated; `earliest`/`latest` are the first and last day it allows (null: open);
            // `sort_day` orders events as the model does (undated last); `year` and
            // `fiscal_year` are set only when every day allowed lies in one. An assessment's year
            // may be unknown too (a rank cited without the index's year).
            try db.execute(sql: """
                CREATE TABLE events_v5 (
                    id TEXT PRIMARY KEY NOT NULL, kind TEXT NOT NULL, title_ja TEXT NOT NULL, title_en TEXT NOT NULL,
                    series TEXT REFERENCES series(id), ordinal INTEGER, date TEXT, "end" TEXT,
                    precision TEXT NOT NULL, sort_day TEXT NOT NULL, earliest TEXT, latest TEXT,
                    year INTEGER, fiscal_year INTEGER,
                    country TEXT REFERENCES actors(id), summary_ja TEXT, summary_en TEXT, doc TEXT NOT NULL) STRICT;
                INSERT INTO events_v5
                    SELECT id, kind, title_ja, title_en, series, ordinal, date, "end", precision, first_day, first_day,
                           NULL, year, fiscal_year, country, summary_ja, summary_en, doc
                    FROM events;
                DROP TABLE events;
                ALTER TABLE events_v5 RENAME TO events;
                CREATE INDEX events_by_date ON events(sort_day, id);
                CREATE INDEX events_by_series ON events(series);
                CREATE TABLE assessments_v5 (
                    id TEXT PRIMARY KEY NOT NULL, assessor TEXT NOT NULL REFERENCES actors(id),
                    subject TEXT NOT NULL REFERENCES actors(id), year INTEGER, rank INTEGER NOT NULL,
                    doc TEXT NOT NULL) STRICT;
                INSERT INTO assessments_v5 SELECT id, assessor, subject, year, rank, doc FROM assessments;
                DROP TABLE assessments;
                ALTER TABLE assessments_v5 RENAME TO assessments;
                """)
        }
        return migrator
    }
}
