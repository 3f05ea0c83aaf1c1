"""Validate a JSON document against a JSON Schema (draft 2020-12); exit 1 with the errors."""
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1], encoding="utf-8"))
document = json.load(open(sys.argv[2], encoding="utf-8"))
validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
for error in errors[:20]:
    print("/".join(str(p) for p in error.absolute_path), error.message)
sys.exit(1 if errors else 0)
