"""Check a STIX 2.1 bundle: each object against the OASIS JSON schema of its type (draft
2020-12, the schemas' $ids mapped to a local copy), the bundle envelope by hand, references,
ids, and a strict parse with the stix2 library; then OASIS's stix2-validator in strict mode,
where the only accepted findings are the two documented in docs/exporters/stix.md.

usage: check_stix.py SCHEMAS_DIR BUNDLE.json DATASET_NAME NAMESPACE_UUID
Exits 1 and prints the problems when there are any; prints the object counts otherwise.
"""
import collections
import json
import pathlib
import re
import sys
import uuid

import jsonschema
import referencing
import referencing.jsonschema
import stix2
from stix2validator import ValidationOptions, validate_string

# Accepted stix2-validator findings, each with its reason (docs/exporters/stix.md):
ACCEPTED = {
    "103": "ids are name-based UUIDs (version 5) so that the same records give the same bundle",
    "302": "ATT&CK group pages are referenced by URL without a hash: the pages change, a hash would not be stable",
}

schemas_dir, bundle_path, dataset_name, namespace = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3], uuid.UUID(sys.argv[4])
text = open(bundle_path, encoding="utf-8").read()
bundle = json.loads(text)
problems = []

# Every schema file under its own $id, so the relative $refs resolve locally.
resources = []
by_path = {}
for path in sorted(schemas_dir.rglob("*.json")):
    contents = json.loads(path.read_text(encoding="utf-8"))
    resource = referencing.Resource.from_contents(contents, default_specification=referencing.jsonschema.DRAFT202012)
    resources.append((contents["$id"], resource))
    by_path[path.relative_to(schemas_dir).as_posix()] = contents
registry = referencing.Registry().with_resources(resources)


def schema_for(kind):
    for candidate in (f"sdos/{kind}.json", f"sros/{kind}.json", f"common/{kind}.json"):
        if candidate in by_path:
            return by_path[candidate]
    return None


# The envelope: STIX 2.1 section 8.
UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"
if set(bundle) - {"type", "id", "objects"}:
    problems.append(f"bundle: unexpected properties {sorted(set(bundle) - {'type', 'id', 'objects'})}")
if bundle.get("type") != "bundle":
    problems.append("bundle: type is not 'bundle'")
if not re.fullmatch("bundle--" + UUID, bundle.get("id", "")):
    problems.append(f"bundle: id {bundle.get('id')!r} is not bundle--<uuid>")
objects = bundle.get("objects", [])
if "objects" in bundle and (not isinstance(objects, list) or not objects):
    problems.append("bundle: objects, when present, must be a non-empty list")

ids = collections.Counter(o.get("id") for o in objects)
for duplicate in sorted(i for i, n in ids.items() if n > 1):
    problems.append(f"{duplicate}: id used {ids[duplicate]} times")
by_id = {o.get("id"): o for o in objects}

for o in objects:
    oid = o.get("id", "?")
    schema = schema_for(o.get("type"))
    if schema is None and o.get("type") not in {"location"}:
        problems.append(f"{oid}: no schema for type {o.get('type')!r}")
        continue
    # location.json is not among the copied schemas: stix2-validator below checks location objects.
    validator = None if schema is None else jsonschema.Draft202012Validator(schema, registry=registry, format_checker=jsonschema.FormatChecker())
    for error in sorted(validator.iter_errors(o) if validator else [], key=lambda e: list(e.absolute_path)):
        problems.append(f"{oid}: /{'/'.join(str(p) for p in error.absolute_path)}: {error.message[:200]}")
    if o.get("spec_version") != "2.1":
        problems.append(f"{oid}: spec_version is not 2.1")
    if o.get("modified", "") < o.get("created", ""):
        problems.append(f"{oid}: modified is before created")
    match = re.fullmatch(r"[a-z0-9-]+--(" + UUID + ")", oid)
    if not match or uuid.UUID(match.group(1)).version != 5:
        problems.append(f"{oid}: the id is not a version-5 UUID")
    # Ids follow from the records: <type>--uuid5(namespace, "<type>:<record id>").
    record = next((r for r in o.get("external_references", []) if r.get("source_name") == dataset_name), None)
    if record is not None:
        expected = f"{o['type']}--{uuid.uuid5(namespace, o['type'] + ':' + record['external_id'])}"
        if oid != expected:
            problems.append(f"{oid}: expected {expected} from record {record['external_id']}")
    refs = [o[k] for k in ("source_ref", "target_ref", "object_ref", "created_by_ref") if k in o] + o.get("object_refs", [])
    for ref in refs:
        if ref not in by_id:
            problems.append(f"{oid}: refers to {ref}, which is not in the bundle")
        elif by_id[ref].get("created", "") > o.get("created", ""):
            problems.append(f"{oid}: refers to {ref}, created later than the object itself")
    if "created_by_ref" not in o:
        problems.append(f"{oid}: no created_by_ref")
    if o.get("type") == "language-content" and o.get("object_ref") in by_id:
        if by_id[o["object_ref"]].get("modified") != o.get("object_modified"):
            problems.append(f"{oid}: object_modified differs from the object's modified")

# The stix2 library, strict: no custom properties or objects.
try:
    # A bundle without objects is valid STIX 2.1, but stix2.parse cannot read one (KeyError):
    # the exporter writes one only for a dataset with neither attributions nor a release date.
    parsed = stix2.parse(text, allow_custom=False) if objects else None
    if objects and len(parsed.objects) != len(objects):
        problems.append(f"stix2 parsed {len(parsed.objects)} objects of {len(objects)}")
except Exception as error:  # the library raises many kinds of error
    problems.append(f"stix2.parse: {type(error).__name__}: {error}")

# OASIS's validator, strict: every warning is a finding, except the accepted ones.
options = ValidationOptions(strict=True, disabled=sorted(ACCEPTED), version="2.1")
results = validate_string(text, options)
for result in results.object_results if hasattr(results, "object_results") else []:
    for finding in result.errors + result.warnings:
        problems.append(f"stix2-validator: {result.object_id}: {finding}")
if not results.is_valid:
    problems.append("stix2-validator: the bundle is not valid")

# Names a consumer takes as a report's identity (name + published) are unique.
reports = collections.Counter((o.get("name"), o.get("published")) for o in objects if o.get("type") == "report")
for key in sorted(k for k, n in reports.items() if n > 1):
    problems.append(f"two reports share the name and date {key}")

for problem in problems[:40]:
    print(problem)
if problems:
    print(f"{len(problems)} problem(s)")
    sys.exit(1)
counts = collections.Counter(o["type"] for o in objects)
print(json.dumps(dict(sorted(counts.items()))))
