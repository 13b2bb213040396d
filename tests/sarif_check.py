#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Check SARIF logs written by cmalint: valid against the SARIF 2.1.0
schema (Draft 7), every result with a ruleId that indexes driver.rules,
at least one physical location with a URI and a start line, and a
fingerprint. Usage: sarif_check.py SCHEMA LOG...; prints one line per
problem and exits 1 when there is any."""
import json
import sys

import jsonschema


def problems(schema, path):
    with open(path) as f:
        log = json.load(f)
    validator = jsonschema.Draft7Validator(schema)
    for err in sorted(validator.iter_errors(log), key=lambda e: list(e.path)):
        yield "schema: %s at %s" % (err.message[:200], "/".join(map(str, err.path)))
    if log.get("version") != "2.1.0" or "$schema" not in log:
        yield "version or $schema missing"
    run = log["runs"][0]
    rules = run["tool"]["driver"].get("rules", [])
    for i, res in enumerate(run["results"]):
        where = "result %d" % i
        if not res.get("ruleId"):
            yield where + ": no ruleId"
        elif rules[res["ruleIndex"]]["id"] != res["ruleId"]:
            yield where + ": ruleIndex does not point to ruleId"
        locs = res.get("locations") or []
        if not locs:
            yield where + ": no location"
            continue
        phys = locs[0].get("physicalLocation", {})
        if not phys.get("artifactLocation", {}).get("uri"):
            yield where + ": no artifactLocation.uri"
        if not phys.get("region", {}).get("startLine", 0) >= 1:
            yield where + ": no region.startLine"
        if not res.get("partialFingerprints", {}).get("cmalintFingerprint/v1"):
            yield where + ": no fingerprint"


def main():
    schema = json.load(open(sys.argv[1]))
    jsonschema.Draft7Validator.check_schema(schema)
    bad = 0
    for path in sys.argv[2:]:
        for p in problems(schema, path):
            print("%s: %s" % (path, p))
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
