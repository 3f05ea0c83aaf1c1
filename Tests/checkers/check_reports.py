"""Check the validation reports CI systems read.

usage: check_reports.py sarif SARIF_SCHEMA.json REPORT.sarif
       check_reports.py junit JUNIT.xsd REPORT.xml EXPECTED_TESTS EXPECTED_FAILURES
SARIF: valid against the official SARIF 2.1.0 schema (jsonschema, with formats), columns in
code points, relative artifact URIs with a uriBaseId. JUnit: valid against the strict Ant schema
(lxml, as xmllint does), parsed by junitparser, counts that agree with the test cases, at most one
failure per test case. Exits 1 and prints the problems when there are any.
"""
import json
import sys

problems = []
kind = sys.argv[1]

if kind == "sarif":
    import jsonschema

    schema = json.load(open(sys.argv[2], encoding="utf-8"))
    log = json.load(open(sys.argv[3], encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    for error in sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path)):
        problems.append(f"schema: /{'/'.join(str(p) for p in error.absolute_path)}: {error.message[:200]}")
    for run in log.get("runs", []):
        if run.get("columnKind") != "unicodeCodePoints":
            problems.append("run: columnKind is not unicodeCodePoints")
        driver = run["tool"]["driver"]
        if not driver.get("version"):
            problems.append("driver: no version")
        if "example" in driver.get("informationUri", ""):
            problems.append("driver: informationUri is a placeholder")
        bases = run.get("originalUriBaseIds", {})
        for result in run.get("results", []):
            for location in result.get("locations", []):
                artifact = location["physicalLocation"]["artifactLocation"]
                uri = artifact["uri"]
                if any(ord(c) > 0x7E or c in ' "<>\\^`{|}' for c in uri):
                    problems.append(f"{uri}: not percent-encoded")
                if not uri.startswith("file:") and artifact.get("uriBaseId") not in bases:
                    problems.append(f"{uri}: relative without a declared uriBaseId")
            if result.get("message", {}).get("text", "").startswith("suppressed") and not result.get("suppressions"):
                problems.append(f"{result['ruleId']}: a suppressed finding without suppressions")
    print(f"{sum(len(r.get('results', [])) for r in log.get('runs', []))} results")

elif kind == "junit":
    import junitparser
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(sys.argv[2]))
    document = etree.parse(sys.argv[3])
    if not schema.validate(document):
        problems += [f"schema: line {e.line}: {e.message}" for e in schema.error_log][:20]
    expected_tests, expected_failures = int(sys.argv[4]), int(sys.argv[5])
    xml = junitparser.JUnitXml.fromfile(sys.argv[3])
    suites = list(xml) if isinstance(xml, junitparser.JUnitXml) else [xml]
    tests = failures = 0
    for suite in suites:
        cases = list(suite)
        failing = [case for case in cases if any(isinstance(r, junitparser.Failure) for r in case.result)]
        if suite.tests != len(cases) or suite.failures != len(failing):
            problems.append(f"suite {suite.name}: says {suite.tests} tests and {suite.failures} failures, has {len(cases)} and {len(failing)}")
        for case in cases:
            if len([r for r in case.result if isinstance(r, junitparser.Failure)]) > 1:
                problems.append(f"{case.name}: more than one failure")
        tests += len(cases)
        failures += len(failing)
    if (tests, failures) != (expected_tests, expected_failures):
        problems.append(f"{tests} tests and {failures} failures, expected {expected_tests} and {expected_failures}")
    print(f"{tests} tests, {failures} failures")

for problem in problems[:40]:
    print(problem)
if problems:
    print(f"{len(problems)} problem(s)")
    sys.exit(1)
