#!/usr/bin/env python3
"""Write a Renkei store with N synthetic events more, for the query benchmark:

    python3 Benchmarks/make-query-store.py BASE.sqlite N OUT.sqlite

BASE.sqlite is a store built by `renkei build` (of `data/`). The events are written into the
store's tables directly, in the canonical JSON the store keeps, with their participants,
citations and search rows (the per-field table and the trigram index, same rowids), so a store
of a million events is made in minutes rather than through the YAML pipeline."""
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
        events.append((eid, kind, title["ja"], title["en"], doc["date"], "day", doc["date"], year, fiscal, summary["ja"], summary["en"],
                       json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))))
        participants += [(eid, "jp-nisc", "host", 0), (eid, partner, "participant", 1)]
        citations.append((eid, "events", 0, "src-nisc-2019-status", "国際戦略推進のための国際会議等"))
        for field, text in (("title", title), ("summary", summary)):
            for lang in ("ja", "en"):
                rowid += 1
                fields.append((rowid, eid, "events", field, lang, text[lang]))
    return events, participants, citations, fields


step = 50_000
for start in range(0, n, step):
    events, participants, citations, fields = rows(start, min(n, start + step))
    db.executemany("""INSERT INTO events(id, kind, title_ja, title_en, date, precision, first_day, year, fiscal_year,
                      summary_ja, summary_en, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", events)
    db.executemany("INSERT INTO event_participants(event, actor, role, position) VALUES (?, ?, ?, ?)", participants)
    db.executemany("INSERT INTO citations(record, collection, position, source, locator) VALUES (?, ?, ?, ?, ?)", citations)
    db.executemany("INSERT INTO search_fields(rowid, record, collection, field, lang, text) VALUES (?, ?, ?, ?, ?, ?)", fields)
    db.executemany("INSERT INTO search(rowid, record, collection, text) VALUES (?, ?, 'events', ?)",
                   [(f[0], f[1], f[5]) for f in fields])
    db.commit()
db.execute("INSERT INTO search(search) VALUES ('optimize')")
db.commit()
db.close()
