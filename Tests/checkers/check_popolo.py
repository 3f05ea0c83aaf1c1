"""Check a Popolo JSON document: each person, organization, membership, post and event against
the Popolo JSON schema of its kind (draft-03; http://www.popoloproject.com/schemas/ mapped to a
local copy), ids unique, and every *_id pointing at an object in the document.

usage: check_popolo.py SCHEMAS_DIR POPOLO.json
Exits 1 and prints the problems when there are any; prints the counts otherwise.
"""
import collections
import json
import pathlib
import sys

import jsonschema
import referencing
import referencing.jsonschema

PREFIX = "http://www.popoloproject.com/schemas/"
schemas_dir, document_path = pathlib.Path(sys.argv[1]), sys.argv[2]
document = json.load(open(document_path, encoding="utf-8"))
problems = []

schemas = {}
resources = []
for path in sorted(schemas_dir.glob("*.json")):
    contents = json.loads(path.read_text(encoding="utf-8"))
    schemas[path.stem] = contents
    resources.append((PREFIX + path.name, referencing.jsonschema.DRAFT3.create_resource(contents)))
registry = referencing.Registry().with_resources(resources)

kinds = {"persons": "person", "organizations": "organization", "memberships": "membership", "posts": "post", "events": "event"}
if set(document) != set(kinds):
    problems.append(f"top-level keys {sorted(document)}, expected {sorted(kinds)}")
ids = {}
for key, schema_name in kinds.items():
    validator = jsonschema.Draft3Validator(schemas[schema_name], registry=registry, format_checker=jsonschema.Draft3Validator.FORMAT_CHECKER)
    items = document.get(key, [])
    seen = collections.Counter(item.get("id") for item in items)
    for duplicate in sorted(i for i, n in seen.items() if n > 1):
        problems.append(f"{key}: id {duplicate} used {seen[duplicate]} times")
    ids[key] = set(seen)
    for item in items:
        for error in sorted(validator.iter_errors(item), key=lambda e: list(e.absolute_path)):
            problems.append(f"{key}/{item.get('id')}: /{'/'.join(str(p) for p in error.absolute_path)}: {error.message[:200]}")


def must_exist(owner, field, value, key):
    if value is not None and value not in ids[key]:
        problems.append(f"{owner}: {field} {value!r} is not among the {key}")


for m in document.get("memberships", []):
    must_exist(f"memberships/{m.get('id')}", "person_id", m.get("person_id"), "persons")
    must_exist(f"memberships/{m.get('id')}", "organization_id", m.get("organization_id"), "organizations")
    must_exist(f"memberships/{m.get('id')}", "post_id", m.get("post_id"), "posts")
for p in document.get("posts", []):
    must_exist(f"posts/{p.get('id')}", "organization_id", p.get("organization_id"), "organizations")
for o in document.get("organizations", []):
    must_exist(f"organizations/{o.get('id')}", "parent_id", o.get("parent_id"), "organizations")
for e in document.get("events", []):
    must_exist(f"events/{e.get('id')}", "organization_id", e.get("organization_id"), "organizations")
    for a in e.get("attendees", []):
        must_exist(f"events/{e.get('id')}", "attendee", a.get("id"), "persons")

for problem in problems[:40]:
    print(problem)
if problems:
    print(f"{len(problems)} problem(s)")
    sys.exit(1)
print(json.dumps({key: len(document[key]) for key in kinds}))
