"""Evaluate the official IATI 2.03 ruleset and codelists on an activity file.

usage: check_iati_rules.py STANDARDS_DIR FILE.xml
STANDARDS_DIR is ../shared/standards/iati-2.03: every rule of rulesets/standard.json is evaluated
(rule types as rulesets/SPEC.rst describes them), and every attribute that codelists/mapping.xml
ties to a codelist is checked against that list (embedded and non-embedded; withdrawn codes
count as findings). A finding whose rule id is in ACCEPTED is printed as accepted, with its
reason; any other finding, error or warning, fails the check (exit 1).
"""
import datetime
import json
import pathlib
import re
import sys
from decimal import Decimal, InvalidOperation

from lxml import etree

# Accepted findings, each with its reason (docs/exporters/iati.md says the same).
ACCEPTED = {
    "1.14.8": "the compiler of the dataset has no organisation identifier from a registration agency: "
              "its reporting-org ref is the one set in data/dataset.yaml until it registers one",
}

standards = pathlib.Path(sys.argv[1])
document = etree.parse(sys.argv[2])
rules = json.loads((standards / "rulesets" / "standard.json").read_text(encoding="utf-8"))
today = datetime.date.today()
findings = []  # (rule id, severity, where, message)
evaluated = set()


def codes(name):
    for folder in ("embedded", "non-embedded"):
        path = standards / "codelists" / folder / f"{name}.xml"
        if path.exists():
            tree = etree.parse(str(path))
            return {
                item.findtext("code"): item.get("status", "active")
                for item in tree.iter("codelist-item")
            }
    return None


org_prefixes = sorted(codes("OrganisationRegistrationAgency") or {})


def values(context, xpath):
    """The texts of what `xpath` selects from `context`: attribute values, element texts, strings."""
    if xpath == "NOW":
        return [today.isoformat()]
    result = context.xpath(xpath)
    if not isinstance(result, list):
        return [str(result)]
    out = []
    for item in result:
        if isinstance(item, etree._Element):
            out.append(item.text or "")
        else:
            out.append(str(item))
    return out


def truth(context, xpath):
    result = context.xpath(xpath)
    return bool(result) if not isinstance(result, float) else result != 0


def day(text):
    try:
        return datetime.date.fromisoformat(text[:10])
    except ValueError:
        return None


def describe(context):
    activity = context if context.tag == "iati-activity" else next(context.iterancestors("iati-activity"), None)
    ident = activity.findtext("iati-identifier") if activity is not None else None
    return f"{ident or '(file)'} {document.getpath(context)}"


def every_value_has_currency(activity):
    return all(v.get("currency") for v in activity.iter("value"))


def evaluate(kind, case, context):
    """True when the case passes on this context element."""
    if "condition" in case and not truth(context, case["condition"]):
        return True
    paths = case.get("paths", [])
    if kind == "atleast_one":
        return any(context.xpath(p) for p in paths)
    if kind == "no_more_than_one":
        return sum(len(context.xpath(p)) for p in paths) <= 1
    if kind == "only_one_of":
        if any(context.xpath(p) for p in case.get("excluded", [])):
            return not any(context.xpath(p) for p in paths)
        return sum(len(context.xpath(p)) for p in paths) == 1
    if kind == "one_or_all":
        if context.xpath(case["one"]):
            return True
        target = case["all"]
        if target == "lang":
            return all(n.get("{http://www.w3.org/XML/1998/namespace}lang") for n in context.iter("narrative"))
        if target == "currency":
            return every_value_has_currency(context)
        if target == "sector":
            transactions = context.findall("transaction")
            return bool(transactions) and all(t.find("sector") is not None for t in transactions)
        raise ValueError(f"one_or_all over {target!r} is not implemented")
    if kind == "dependent":
        present = [bool(context.xpath(p)) for p in paths]
        return all(present) or not any(present)
    if kind in ("sum", "strict_sum"):
        try:
            total = sum(Decimal(v) for p in paths for v in values(context, p))
        except InvalidOperation:
            return False
        return total == Decimal(str(case["sum"]))
    if kind == "range":
        for p in paths:
            for v in values(context, p):
                try:
                    number = Decimal(v)
                except InvalidOperation:
                    return False
                if ("min" in case and number < Decimal(str(case["min"]))) or ("max" in case and number > Decimal(str(case["max"]))):
                    return False
        return True
    if kind == "date_now":
        return all((day(v) or today) <= today for v in values(context, case["date"]))
    if kind == "date_order":
        less = [d for d in map(day, values(context, case["less"])) if d]
        more = [d for d in map(day, values(context, case["more"])) if d]
        return all(a <= b for a in less for b in more)
    if kind == "time_limit":
        starts = [d for d in map(day, values(context, case["start"])) if d]
        ends = [d for d in map(day, values(context, case["end"])) if d]
        return all((b - a).days <= 365 for a in starts for b in ends)
    if kind == "between_dates":
        dates = [d for d in map(day, values(context, case["date"])) if d]
        starts = [d for d in map(day, values(context, case["start"])) if d]
        ends = [d for d in map(day, values(context, case["end"])) if d]
        return all(s <= d <= e for d in dates for s in starts for e in ends)
    if kind == "regex_matches":
        return all(re.search(case["regex"], v) for p in paths for v in values(context, p))
    if kind == "regex_no_matches":
        return not any(re.search(case["regex"], v) for p in paths for v in values(context, p))
    if kind == "startswith":
        prefixes = []
        for p in case.get("prefix", []):
            prefixes += org_prefixes if p == "ORG-ID-PREFIX" else values(context, p)
        separator = case.get("separator", "")
        return all(any(v.startswith(x + separator) for x in prefixes if x) for p in paths for v in values(context, p))
    if kind == "unique":
        found = [v for p in paths for v in values(context, p)]
        return len(found) == len(set(found))
    if kind == "if_then":
        return not truth(context, case["if"]) or truth(context, case["then"])
    if kind == "no_spaces":
        return all(v == v.strip() for p in paths for v in values(context, p))
    raise ValueError(f"rule type {kind!r} is not implemented")


def substitute(case, value):
    if isinstance(case, str):
        return case.replace("$1", value)
    if isinstance(case, list):
        return [substitute(c, value) for c in case]
    if isinstance(case, dict):
        return {k: substitute(v, value) for k, v in case.items()}
    return case


def run(kind, case, context):
    if kind == "loop":
        for value in sorted(set(values(context, case["foreach"]))):
            for inner_kind, inner in case["do"].items():
                for inner_case in inner["cases"]:
                    run(inner_kind, substitute(inner_case, value), context)
        return
    info = case.get("ruleInfo", {})
    evaluated.add(info.get("id"))
    if not evaluate(kind, case, context):
        findings.append((info.get("id", "?"), info.get("severity", "error"), describe(context), info.get("message", kind)))


for xpath, by_kind in rules.items():
    contexts = document.xpath(xpath)
    for kind, entry in by_kind.items():
        for case in entry["cases"]:
            for context in contexts:
                run(kind, case, context)

# Codelists: every attribute mapping.xml ties to a list.
mapping = etree.parse(str(standards / "codelists" / "mapping.xml"))
codelist_checks = 0
for item in mapping.iter("mapping"):
    path = item.findtext("path")
    name = item.find("codelist").get("ref")
    condition = item.findtext("condition")
    allowed = codes(name)
    if allowed is None:
        continue
    for value in document.xpath(path):
        parent = value.getparent()
        if condition and not parent.xpath(condition):
            continue
        codelist_checks += 1
        status = allowed.get(str(value))
        if status is None:
            findings.append((f"codelist:{name}", "error", describe(parent), f"{path} = {value!r} is not in the {name} codelist"))
        elif status == "withdrawn":
            findings.append((f"codelist:{name}", "error", describe(parent), f"{path} = {value!r} is withdrawn from {name}"))

failed = [f for f in findings if f[0] not in ACCEPTED]
for rule_id, severity, where, message in sorted(set(failed))[:60]:
    print(f"{rule_id} {severity}: {where}: {message}")
accepted = sorted({f[0] for f in findings if f[0] in ACCEPTED})
for rule_id in accepted:
    print(f"{rule_id} accepted {sum(1 for f in findings if f[0] == rule_id)} time(s): {ACCEPTED[rule_id]}")
print(f"{len(evaluated)} rules evaluated, {codelist_checks} codes checked, {len(findings)} findings, {len(failed)} not accepted")
sys.exit(1 if failed else 0)
