#!/usr/bin/env python3
"""Write two synthetic releases as Renkei stores, for the release diff benchmark:

    python3 Benchmarks/make-release-pair.py BASE.sqlite N OUT_DIR

BASE.sqlite is a store built by `renkei build` (e.g. of `make-synthetic-data.py 0`); OUT_DIR gets
old.sqlite with N more events, and new.sqlite with 1 % of them differing: a third changed (two
fields), a third removed, a third added. The events are written into the store's tables directly,
in the canonical JSON the store keeps, so the stores can be made quickly at any size."""
import json
import os
import shutil
import sqlite3
import sys

base, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(out, exist_ok=True)
partners = ["US", "GB", "FR", "DE", "AU", "IN", "EE", "IL", "KR", "EU", "VN", "TH", "SG", "MY", "ID", "PH"]
kinds = ["bilateral-consultation", "exercise", "training", "workshop", "seminar", "expert-meeting"]


def event(i, prefix="ev-synthetic", title_suffix=""):
    year, month, day = 2000 + i % 24, 1 + i % 12, 1 + i % 28
    partner, kind = partners[i % len(partners)], kinds[i % len(kinds)]
    doc = {
        "id": f"{prefix}-{i:07d}",
        "kind": kind,
        "title": {"ja": f"合成イベント第{i}号 日本と{partner}のサイバー協力に関する会合{title_suffix}",
                  "en": f"Synthetic event {i} on Japan-{partner} cyber cooperation{title_suffix}"},
        "date": f"{year}-{month:02d}-{day:02d}",
        "precision": "day",
        "location": {"city": {"ja": "東京", "en": "Tokyo"}, "country": "JP"},
        "participants": [{"actor": "jp-nisc", "role": "host"}, {"actor": partner, "role": "participant"}],
        "themes": ["th-cb-incident-response"],
        "summary": {"ja": "両者が脅威情報の共有と人材育成の協力について意見を交換した。",
                    "en": "The two sides exchanged views on sharing threat information and on training."},
        "outcomes": [],
        "sources": [{"source": "src-nisc-2019-status", "locator": "国際戦略推進のための国際会議等"}],
    }
    fiscal = year if month >= 4 else year - 1
    text = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (doc["id"], kind, doc["title"]["ja"], doc["title"]["en"], doc["date"], "day", doc["date"], year, fiscal,
            "JP", doc["summary"]["ja"], doc["summary"]["en"], text)


SQL = """INSERT INTO events(id, kind, title_ja, title_en, date, precision, first_day, year, fiscal_year, country,
         summary_ja, summary_en, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""


def fill(path, rows):
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.executemany(SQL, rows)
    db.commit()
    db.close()


old, new = os.path.join(out, "old.sqlite"), os.path.join(out, "new.sqlite")
for path in (old, new):
    shutil.copyfile(base, path)
fill(old, (event(i) for i in range(n)))


def changed():
    for i in range(n):
        step = i % 300
        if step == 100:
            continue                                      # removed
        if step == 0:
            yield event(i, title_suffix="（改訂）")          # changed: title.ja and title.en
        else:
            yield event(i)
        if step == 200:
            yield event(i, prefix="ev-synthetic-added")   # added


fill(new, changed())
print(f"{old}\n{new}")
