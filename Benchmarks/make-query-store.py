#!/usr/bin/env python3
"""Write a Renkei store with N synthetic events more, for the query benchmark:

    python3 Benchmarks/make-query-store.py BASE.sqlite N OUT.sqlite

BASE.sqlite is a store built by `renkei build` (of `data/`). The events are written into the
store's tables directly, in the canonical JSON the store keeps, with their participants,
citations and search rows (the per-field table, the trigram index and, in stores that have it,
the short-query index, same rowids), so a store of a million events is made in minutes rather
than through the YAML pipeline. The columns and tables written follow the base store's schema,
so a store built by an earlier `renkei` gives the same events for a before/after comparison."""
import json
import shutil
import sqlite3
import sys

base, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
shutil.copyfile(base, out)
partners = ["US", "GB", "FR", "DE", "AU", "IN", "EE", "IL", "KR", "EU", "VN", "TH", "SG", "MY", "ID", "PH"]
kinds = ["bilateral-consultation", "exercise", "training", "workshop", "seminar", "expert-meeting"]
words = ["演習", "協議", "訓練", "支援", "研修", "会合"]

db = sqlite3.connect(out)
db.execute("PRAGMA journal_mode = OFF")
db.execute("PRAGMA synchronous = OFF")
rowid = db.execute("SELECT coalesce(max(rowid), 0) FROM search_fields").fetchone()[0]
columns = {row[1] for row in db.execute("PRAGMA table_info(events)")}
has_retired = "retired" in columns
has_grams = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_grams'").fetchone() is not None


def grams(text):
    """The short-query index's document for a text, as the store writes it (SearchGrams.swift):
    every one- and two-character stretch of the text with A-Z lowered, each written as its code
    points in hexadecimal joined by 'x', once each, in order of first occurrence."""
    lowered = "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in text)
    tokens = {}
    for i, c in enumerate(lowered):
        tokens.setdefault(format(ord(c), "x"), None)
        if i + 1 < len(lowered):
            tokens.setdefault(format(ord(c), "x") + "x" + format(ord(lowered[i + 1]), "x"), None)
    return " ".join(tokens)


def rows(start, stop):
    global rowid
    events, participants, citations, fields = [], [], [], []
    for i in range(start, stop):
        year, month, day = 2000 + i % 24, 1 + i % 12, 1 + i % 28
        partner, kind, word = partners[i % len(partners)], kinds[i % len(kinds)], words[i % len(words)]
        eid = f"ev-synthetic-{i:07d}"
        title = {"ja": f"合成イベント第{i}号 日本と{partner}のサイバー{word}", "en": f"Synthetic event {i}: Japan-{partner} cyber {kind}"}
        summary = {"ja": "両者が脅威情報の共有と人材育成の協力について意見を交換した。",
                   "en": "The two sides exchanged views on sharing threat information and on training."}
        doc = {"id": eid, "kind": kind, "title": title, "date": f"{year}-{month:02d}-{day:02d}", "precision": "day",
               "participants": [{"actor": "jp-nisc", "role": "host"}, {"actor": partner, "role": "participant"}],
               "themes": [], "summary": summary, "outcomes": [],
               "sources": [{"source": "src-nisc-2019-status", "locator": "国際戦略推進のための国際会議等"}]}
        fiscal = year if month >= 4 else year - 1
        event = (eid, kind, title["ja"], title["en"], doc["date"], "day", doc["date"], doc["date"], doc["date"], year, fiscal,
                 summary["ja"], summary["en"], json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")))
        events.append(event + ((0,) if has_retired else ()))
        participants += [(eid, "jp-nisc", "host", 0), (eid, partner, "participant", 1)]
        citations.append((eid, "events", 0, "src-nisc-2019-status", "国際戦略推進のための国際会議等"))
        for field, text in (("title", title), ("summary", summary)):
            for lang in ("ja", "en"):
                rowid += 1
                fields.append((rowid, eid, "events", field, lang, text[lang]))
    return events, participants, citations, fields


event_columns = "id, kind, title_ja, title_en, date, precision, sort_day, earliest, latest, year, fiscal_year, summary_ja, summary_en, doc"
if has_retired:
    event_columns += ", retired"
placeholders = ", ".join("?" * len(event_columns.split(", ")))
step = 50_000
for start in range(0, n, step):
    events, participants, citations, fields = rows(start, min(n, start + step))
    db.executemany(f"INSERT INTO events({event_columns}) VALUES ({placeholders})", events)
    db.executemany("INSERT INTO event_participants(event, actor, role, position) VALUES (?, ?, ?, ?)", participants)
    db.executemany("INSERT INTO citations(record, collection, position, source, locator) VALUES (?, ?, ?, ?, ?)", citations)
    db.executemany("INSERT INTO search_fields(rowid, record, collection, field, lang, text) VALUES (?, ?, ?, ?, ?, ?)", fields)
    db.executemany("INSERT INTO search(rowid, record, collection, text) VALUES (?, ?, 'events', ?)",
                   [(f[0], f[1], f[5]) for f in fields])
    if has_grams:
        db.executemany("INSERT INTO search_grams(rowid, grams) VALUES (?, ?)", [(f[0], grams(f[5])) for f in fields])
    db.commit()
db.execute("INSERT INTO search(search) VALUES ('optimize')")
if has_grams:
    db.execute("INSERT INTO search_grams(search_grams) VALUES ('optimize')")
db.commit()
db.close()
