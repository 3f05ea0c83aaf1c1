#!/usr/bin/env python3
"""Write a synthetic data directory of N events (plus the real dataset's shared records) for
scale benchmarks: python3 Benchmarks/make-synthetic-data.py N OUT_DIR.

Kept to repeat the measurements of docs/BENCHMARKS.md that were made with it (events only, beside
the records of data/common). New measurements use `renkei synth N DIR`, which writes records of
every collection that reference each other, and Benchmarks/run."""
import os
import shutil
import sys

n = int(sys.argv[1])
out = sys.argv[2]
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
shutil.rmtree(out, ignore_errors=True)
shutil.copytree(os.path.join(root, "data", "common"), os.path.join(out, "common"))
# The dataset mapping only: the embedded dataset's assertions describe its own records.
with open(os.path.join(root, "data", "dataset.yaml"), encoding="utf-8") as f:
    lines = f.read().split("\n")
keep = []
for line in lines:
    if line and not line.startswith((" ", "dataset:")):
        break
    keep.append(line)
with open(os.path.join(out, "dataset.yaml"), "w", encoding="utf-8") as f:
    f.write("\n".join(keep).rstrip() + "\n")
partners = ["US", "GB", "FR", "DE", "AU", "IN", "EE", "IL", "KR", "EU", "VN", "TH", "SG", "MY", "ID", "PH"]
kinds = ["bilateral-consultation", "exercise", "training", "workshop", "seminar", "expert-meeting"]
per_file = 10_000
for start in range(0, n, per_file):
    path = os.path.join(out, "synthetic", f"events-{start // per_file:05d}.yaml")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write("events:\n")
        for i in range(start, min(n, start + per_file)):
            year = 2000 + i % 24
            month = 1 + i % 12
            day = 1 + i % 28
            partner = partners[i % len(partners)]
            kind = kinds[i % len(kinds)]
            f.write(
                f"  - id: ev-synthetic-{i:07d}\n"
                f"    kind: {kind}\n"
                f"    title: {{ja: 合成イベント第{i}号 日本と{partner}のサイバー協力に関する会合, en: Synthetic event {i} on Japan-{partner} cyber cooperation}}\n"
                f"    date: {year}-{month:02d}-{day:02d}\n"
                f"    location: {{city: {{ja: 東京, en: Tokyo}}, country: JP}}\n"
                f"    participants: [{{actor: jp-nisc, role: host}}, {{actor: {partner}, role: participant}}]\n"
                f"    themes: [th-cb-incident-response]\n"
                f"    summary: {{ja: 両者が脅威情報の共有と人材育成の協力について意見を交換した。, en: The two sides exchanged views on sharing threat information and on training.}}\n"
                f"    sources: [{{source: src-nisc-2019-status, locator: \"国際戦略推進のための国際会議等\"}}]\n"
            )
