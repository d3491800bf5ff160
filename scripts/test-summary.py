#!/usr/bin/python3
"""Counts what ctest runs did, from the JUnit files of `ctest --output-junit`.

    test-summary.py JUNIT.xml...

Prints one line per suite ("unit: N passed, N failed, N skipped (T s)"),
a suite being the part of each test's name before its first dot, then the
total as "N passed, N failed".  Exits 1 when a test failed or did not run
(or a file holds no results), or, with CI=true, when one was skipped;
else 0.
"""
import collections
import os
import sys
import xml.etree.ElementTree as ET


def counts(files):
    suites = collections.OrderedDict()
    for path in files:
        try:
            cases = list(ET.parse(path).getroot().iter("testcase"))
        except (OSError, ET.ParseError) as e:
            print(f"test-summary.py: error: {path}: {e}", file=sys.stderr)
            suites.setdefault(path, collections.Counter())["not run"] += 1
            continue
        for case in cases:
            suite = case.get("name").split(".")[0]
            c = suites.setdefault(suite, collections.Counter())
            c["time"] += float(case.get("time") or 0)
            if case.find("skipped") is not None:
                c["skipped"] += 1
            elif case.get("status") == "run":
                c["passed"] += 1
            elif case.get("status") == "fail":
                c["failed"] += 1
            else:
                c["not run"] += 1
    return suites


def main(argv):
    if not argv:
        print("usage: test-summary.py JUNIT.xml...", file=sys.stderr)
        return 2
    suites = counts(argv)
    total = collections.Counter()
    for suite, c in suites.items():
        line = f"{suite}: {c['passed']} passed, {c['failed']} failed, {c['skipped']} skipped"
        if c["not run"]:
            line += f", {c['not run']} not run"
        print(f"{line} ({c['time']:.0f} s)")
        total.update(c)
    print(f"{total['passed']} passed, {total['failed'] + total['not run']} failed")
    bad = total["failed"] or total["not run"]
    if total["skipped"] and os.environ.get("CI") == "true":
        sys.stdout.flush()
        print(f"{total['skipped']} skipped with CI=true: every test must run", file=sys.stderr)
        bad = True
    return 1 if bad else 0


sys.exit(main(sys.argv[1:]))
