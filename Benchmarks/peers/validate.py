#!/usr/bin/env python3
"""The peer of `renkei validate` in Benchmarks/run: what a short script would do instead.

Reads every YAML file under DIR with PyYAML's C loader (CSafeLoader), checks each record
against the JSON Schema of docs/schema/renkei.schema.json (relaxed to the source form: dates as
written, computed fields not required) with `jsonschema`, resolves actor aliases, and runs the
reference checks: ids unique across collections, and every reference names a record of the
collection the field expects. Prints the findings and a summary; exit 1 when any is found.

    .venv/bin/python Benchmarks/peers/validate.py DIR
"""
import copy
import datetime
import json
import os
import sys

import jsonschema
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COLLECTIONS = {
    "sources": "source", "actors": "actor", "persons": "person", "memberships": "membership",
    "themes": "theme", "series": "series", "events": "event", "attributions": "attribution",
    "proposals": "proposal", "budgets": "budget", "indicators": "indicator", "claims": "claim",
    "assessments": "assessment",
}
# Required in the source files (docs/DATA-FORMAT.md); the export schema also requires computed fields.
REQUIRED = {
    "source": ["id", "kind", "title", "date", "issuers"],
    "actor": ["id", "kind", "name", "sources"],
    "person": ["id", "name"],
    "membership": ["id", "person", "organization", "role"],
    "theme": ["id", "name"],
    "series": ["id", "kind", "name"],
    "event": ["id", "kind", "title", "date", "sources"],
    "attribution": ["id", "event", "incident", "attributed_to", "issuer"],
    "proposal": ["id", "framework", "item", "proposers"],
    "budget": ["id", "title", "fiscal_year", "amount", "basis", "owner"],
    "indicator": ["id", "name", "query"],
    "claim": ["id", "source", "locator", "statement", "expected"],
    "assessment": ["id", "assessor", "index", "year", "subject", "rank", "scope"],
}
SUPPRESS = {"type": "array", "items": {"type": "object", "required": ["rule", "reason"],
                                       "properties": {"rule": {"type": "string"}, "reason": {"type": "string"}}}}


def source_schema():
    with open(os.path.join(ROOT, "docs", "schema", "renkei.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    defs = copy.deepcopy(schema["$defs"])
    defs["date"] = {"type": ["string", "integer"]}
    if "eventDate" in defs:
        defs["eventDate"] = {"type": ["string", "integer"]}
    for name, required in REQUIRED.items():
        defs[name]["required"] = [f for f in required if f in defs[name].get("required", required)]
        defs[name]["properties"]["suppress"] = SUPPRESS
    defs["budget"]["properties"]["fiscal_year"] = {"type": ["string", "integer"]}
    defs["event"]["properties"]["date_note"] = {"type": "string"}
    return {name: jsonschema.Draft202012Validator({"$ref": f"#/$defs/{name}", "$defs": defs})
            for name in REQUIRED}


def plain(value):
    """YAML timestamps and integer keys as the text they were written as."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def references(kind, r):
    """(field, collection, id) for every reference of record `r` of entity `kind`."""
    out = []
    cite = lambda: [("sources", "sources", c.get("source")) for c in r.get("sources") or [] if isinstance(c, dict)]
    if kind == "source":
        out += [("issuers", "actors", a) for a in r.get("issuers") or []]
    elif kind == "actor":
        out += [("parent", "actors", r["parent"])] if r.get("parent") else []
        out += [("members", "actors", a) for a in r.get("members") or []]
    elif kind == "membership":
        out += [("person", "persons", r.get("person")), ("organization", "actors", r.get("organization"))]
    elif kind == "theme":
        out += [("parent", "themes", r["parent"])] if r.get("parent") else []
    elif kind == "series":
        out += [("partners", "actors", a) for a in r.get("partners") or []]
    elif kind == "event":
        out += [("series", "series", r["series"])] if r.get("series") else []
        out += [("participants", "actors", p.get("actor")) for p in r.get("participants") or []]
        out += [("themes", "themes", t) for t in r.get("themes") or []]
        out += [("persons", "persons", p.get("person")) for p in r.get("persons") or []]
        loc = r.get("location") or {}
        out += [("location.country", "actors", loc["country"])] if loc.get("country") else []
    elif kind == "attribution":
        out += [("event", "events", r.get("event")), ("issuer", "actors", r.get("issuer"))]
        out += [("attributed_to", "actors", a) for a in r.get("attributed_to") or []]
        out += [("co_signers", "actors", a) for a in r.get("co_signers") or []]
    elif kind == "proposal":
        out += [("framework", "series|actors", r.get("framework"))]
        out += [("proposers", "actors", a) for a in r.get("proposers") or []]
    elif kind == "budget":
        out += [("owner", "actors", r.get("owner"))]
    elif kind == "indicator":
        out += [("budget", "budgets", r["budget"])] if r.get("budget") else []
    elif kind == "claim":
        out += [("source", "sources", r.get("source"))]
    elif kind == "assessment":
        out += [("assessor", "actors", r.get("assessor")), ("subject", "actors", r.get("subject"))]
    if kind in ("indicator", "claim") and isinstance(r.get("query"), dict):
        q = r["query"]
        out += [("query.series", "series", s) for s in q.get("series") or []]
        out += [("query.events", "events", e) for e in q.get("events") or []]
        for key in ("with", "with_any", "exclude"):
            out += [(f"query.{key}", "actors", a) for a in q.get(key) or []]
        out += [("query.of", "actors", q["of"])] if q.get("of") else []
    return out + cite()


def main():
    root = sys.argv[1]
    validators = source_schema()
    files = []
    for d, dirs, names in os.walk(root):
        dirs.sort()
        files += [os.path.join(d, n) for n in names if n.endswith(".yaml") and not n.startswith(".")]
    records = []  # (file, kind, collection, record)
    findings = []
    for path in sorted(files):
        with open(path, "rb") as f:
            doc = yaml.load(f, Loader=yaml.CSafeLoader) or {}
        for key, items in doc.items():
            if key in ("dataset", "assertions"):
                continue
            if key not in COLLECTIONS:
                findings.append(f"{path}: unknown collection '{key}'")
                continue
            for r in items or []:
                records.append((path, COLLECTIONS[key], key, plain(r)))
    ids, aliases = {}, {}
    for path, kind, collection, r in records:
        rid = r.get("id")
        if rid in ids:
            findings.append(f"{path}: id-unique: '{rid}' is also used in {ids[rid][0]}")
        else:
            ids[rid] = (path, collection)
        if kind == "actor":
            for a in r.get("aliases") or []:
                aliases[a] = rid
    for path, kind, collection, r in records:
        # Actor references may be aliases: resolve them as the loader does.
        if kind == "event":
            for p in r.get("participants") or []:
                if isinstance(p, dict) and p.get("actor") in aliases and p.get("actor") not in ids:
                    p["actor"] = aliases[p["actor"]]
        for e in validators[kind].iter_errors(r):
            findings.append(f"{path}: schema: {r.get('id')}: {'/'.join(map(str, e.absolute_path))}: {e.message[:200]}")
        for field, expected, ref in references(kind, r):
            found = ids.get(ref) or (ids.get(aliases[ref]) if ref in aliases else None)
            if not found or found[1] not in expected.split("|"):
                findings.append(f"{path}: ref-unknown: {r.get('id')}: '{field}' names '{ref}', not a record of {expected}")
    for line in findings:
        print(line)
    print(f"{len(records)} records in {len(files)} files: {len(findings)} findings")
    sys.exit(1 if findings else 0)


if __name__ == "__main__":
    main()
