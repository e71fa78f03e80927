"""Sums the outcome counters of every .trx file under a folder and prints 'N passed, N failed, N skipped'.

Failed tests are listed first (name and the first lines of their message), so the tail of a CI log always names them.
"""
import pathlib
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
MESSAGE_LINES = 6
passed = failed = skipped = 0
failures = []
files = sorted(pathlib.Path(sys.argv[1]).rglob("*.trx"))
for trx in files:
    root = ET.parse(trx).getroot()
    counters = root.find(f"{NS}ResultSummary/{NS}Counters")
    if counters is None:
        continue
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    skipped += int(counters.get("notExecuted", 0))
    for result in root.iter(f"{NS}UnitTestResult"):
        if result.get("outcome") in ("Failed", "Error", "Timeout", "Aborted"):
            message = result.find(f"{NS}Output/{NS}ErrorInfo/{NS}Message")
            text = (message.text or "").strip().splitlines() if message is not None else []
            failures.append((result.get("testName", "?"), result.get("duration", "?"), text[:MESSAGE_LINES]))
if not files:
    failed += 1  # no test results at all is a failure, never a silent pass
if failures:
    print(f"--- {len(failures)} failed test(s):")
    for name, duration, text in failures:
        print(f"FAILED {name} [{duration}]")
        for line in text:
            print(f"    {line[:300]}")
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
