"""Check an IATI 2.03 activity file: the official XML Schema, then rules of the IATI Standard
that a schema cannot express, then Renkei's own promise that every text is in Japanese and
English. Usage: check_iati.py SCHEMA.xsd FILE.xml [EXPECTED_ACTIVITIES]; exit 1 with the problems.
"""
import re
import sys
from collections import defaultdict
from decimal import Decimal

from lxml import etree

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
IDENTIFIER = re.compile(r"^[A-Za-z0-9._:-]+$")
CODES = {
    "activity-status": {"1", "2", "3", "4", "5", "6"},
    "activity-date": {"1", "2", "3", "4"},
    "participating-org": {"1", "2", "3", "4"},
    "organisation-type": {"10", "11", "15", "21", "22", "23", "24", "30", "40", "60", "70", "71", "72", "73", "80", "90"},
    "description": {"1", "2", "3", "4"},
    "activity-scope": {"1", "2", "3", "4", "5", "6", "7", "8"},
    "result": {"1", "2", "3", "9"},
    "measure": {"1", "2", "3", "4", "5"},
    "region-vocabulary": {"1", "2", "99"},
    "budget-type": {"1", "2"},
    "budget-status": {"1", "2"},
}

schema = etree.XMLSchema(etree.parse(sys.argv[1]))
document = etree.parse(sys.argv[2])
expected = int(sys.argv[3]) if len(sys.argv) > 3 else None
problems = []

# The one accepted schema finding (docs/exporters/iati.md): a dataset without activities gives
# an iati-activities element without children, which the schema does not allow; the file is
# still written so that an empty export completes.
EMPTY = "Missing child element(s). Expected is ( iati-activity )."
if not schema.validate(document):
    errors = [e for e in schema.error_log if not (EMPTY in e.message and not document.getroot().findall("iati-activity"))]
    problems += [f"schema: line {e.line}: {e.message}" for e in errors][:20]
    if len(errors) < len(schema.error_log):
        print(f"accepted: the file has no activity ({EMPTY})")

root = document.getroot()
generated = root.get("generated-datetime", "")[:10] or None
activities = root.findall("iati-activity")
if expected is not None and len(activities) != expected:
    problems.append(f"{len(activities)} activities, expected {expected}")

seen = set()
for activity in activities:
    ident = activity.findtext("iati-identifier", "")
    where = ident or "(no identifier)"
    reporting = activity.find("reporting-org")
    ref = reporting.get("ref", "")
    # A reporting organisation that is not a funder of the activity reproduces another's data:
    # IATI's secondary-reporter case.
    funders = {o.get("ref") for o in activity.iterfind("participating-org[@role='1']")}
    if ref not in funders and reporting.get("secondary-reporter") not in ("1", "true"):
        problems.append(f"{where}: reporting-org {ref} is not a funder, but secondary-reporter is not set")
    for org in activity.iterfind("participating-org"):
        if not org.get("type"):
            problems.append(f"{where}: participating-org without @type")
    if not ident.startswith(ref + "-"):
        problems.append(f"{where}: identifier does not start with the reporting-org ref {ref}")
    if not IDENTIFIER.match(ident):
        problems.append(f"{where}: identifier has characters IATI forbids")
    if ident in seen:
        problems.append(f"{where}: identifier repeated")
    seen.add(ident)

    # Every human-readable element carries one Japanese and one English narrative.
    for parent in {n.getparent() for n in activity.iter("narrative")}:
        langs = sorted(n.get(XML_LANG) or activity.get(XML_LANG) or "" for n in parent.findall("narrative"))
        if langs != ["en", "ja"]:
            problems.append(f"{where}: <{parent.tag}> has narratives in {langs}, not ja and en")
        if any(not (n.text or "").strip() for n in parent.findall("narrative")):
            problems.append(f"{where}: <{parent.tag}> has an empty narrative")

    def code(path, attribute, allowed):
        for element in activity.iterfind(path):
            if element.get(attribute) not in CODES[allowed]:
                problems.append(f"{where}: {path}/@{attribute} '{element.get(attribute)}' is not in the {allowed} codelist")

    code("activity-status", "code", "activity-status")
    code("activity-date", "type", "activity-date")
    code("participating-org", "role", "participating-org")
    code("participating-org[@type]", "type", "organisation-type")
    code("description[@type]", "type", "description")
    code("activity-scope", "code", "activity-scope")
    code("recipient-region", "vocabulary", "region-vocabulary")
    code("result", "type", "result")
    code("result/indicator", "measure", "measure")
    code("budget", "type", "budget-type")
    code("budget", "status", "budget-status")
    for country in activity.iterfind("recipient-country"):
        if not re.fullmatch(r"[A-Z]{2}", country.get("code", "")):
            problems.append(f"{where}: recipient-country code '{country.get('code')}' is not ISO 3166-1 alpha-2")
    for sector in activity.iterfind("sector"):
        if sector.get("vocabulary", "1") == "1" and not re.fullmatch(r"\d{5}", sector.get("code", "")):
            problems.append(f"{where}: sector '{sector.get('code')}' is not a DAC 5-digit code")

    # Dates: a start is given; actual dates are not after the file's date; ends follow starts.
    dates = {d.get("type"): d.get("iso-date") for d in activity.iterfind("activity-date")}
    if "1" not in dates and "2" not in dates:
        problems.append(f"{where}: no start date, planned or actual")
    for kind in ("2", "4"):
        if generated and kind in dates and dates[kind] > generated:
            problems.append(f"{where}: actual date {dates[kind]} is after the file's date {generated}")
    # A finished activity (status 3 finalisation, 4 closed) has an actual end.
    if activity.find("activity-status").get("code") in ("3", "4") and "4" not in dates:
        problems.append(f"{where}: closed or finalised without an actual end date")
    start = dates.get("2") or dates.get("1")
    end = dates.get("4") or dates.get("3")
    if start and end and end < start:
        problems.append(f"{where}: ends {end} before it starts {start}")

    # Percentages: countries and regions together, and sectors per vocabulary, add up to 100.
    shares = [e.get("percentage") for e in activity.iterfind("recipient-country")] + [
        e.get("percentage") for e in activity.iterfind("recipient-region")]
    if shares and (None in shares or sum(Decimal(s) for s in shares) != 100):
        problems.append(f"{where}: recipient percentages {shares} do not add up to 100")
    by_vocabulary = defaultdict(list)
    for sector in activity.iterfind("sector"):
        by_vocabulary[sector.get("vocabulary", "1")].append(sector.get("percentage"))
    for vocabulary, values in by_vocabulary.items():
        if len(values) > 1 and (None in values or sum(Decimal(v) for v in values) != 100):
            problems.append(f"{where}: sector percentages {values} (vocabulary {vocabulary}) do not add up to 100")

    # Budgets and result periods: start before end, a budget no longer than a year.
    for budget in activity.iterfind("budget"):
        b_start = budget.find("period-start").get("iso-date")
        b_end = budget.find("period-end").get("iso-date")
        if b_end <= b_start:
            problems.append(f"{where}: budget ends {b_end} before it starts {b_start}")
        if int(b_end[:4]) * 10000 + int(b_end[5:7]) * 100 + int(b_end[8:]) > (int(b_start[:4]) + 1) * 10000 + int(b_start[5:7]) * 100 + int(b_start[8:]):
            problems.append(f"{where}: budget period {b_start}..{b_end} is longer than a year")
        if budget.find("value").get("currency") is None and activity.get("default-currency") is None:
            problems.append(f"{where}: budget value has no currency")
    for period in activity.iterfind("result/indicator/period"):
        p_start = period.find("period-start").get("iso-date")
        p_end = period.find("period-end").get("iso-date")
        if p_end < p_start:
            problems.append(f"{where}: result period ends {p_end} before it starts {p_start}")
        for actual in period.iterfind("actual"):
            if not re.fullmatch(r"-?\d+(\.\d+)?", actual.get("value", "")):
                problems.append(f"{where}: actual value '{actual.get('value')}' is not a number")

for problem in problems[:40]:
    print(problem)
print(f"{len(activities)} activities, {len(problems)} problems")
sys.exit(1 if problems else 0)
