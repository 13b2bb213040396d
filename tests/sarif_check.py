#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Check SARIF logs written by cmalint: valid against the OASIS SARIF
2.1.0 schema (errata 01, JSON Schema Draft 4; the draft is read from the
schema's own "$schema"), every result with a ruleId that indexes driver.rules,
at least one physical location with a URI and a start line, and a
fingerprint, and what Draft 4 cannot say: every URI property is an RFC 3986
URI reference (helpUri and $schema absolute), semanticVersion is SemVer.
Usage: sarif_check.py SCHEMA LOG...; prints one line per
problem and exits 1 when there is any."""
import json
import re
import sys

import jsonschema


# RFC 3986: only unreserved, reserved and percent-encoded characters.
URI_REF = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")
ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
                    r"(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$")


def uri_problems(node, where=""):
    if isinstance(node, dict):
        for key, value in node.items():
            at = where + "/" + key
            if key in ("uri", "helpUri", "$schema") and isinstance(value, str):
                if not URI_REF.match(value):
                    yield "%s: not a URI reference: %r" % (at, value)
                elif key != "uri" and not ABSOLUTE.match(value):
                    yield "%s: not an absolute URI: %r" % (at, value)
            else:
                yield from uri_problems(value, at)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from uri_problems(value, "%s/%d" % (where, i))


def problems(validator, path):
    with open(path) as f:
        log = json.load(f)
    for err in sorted(validator.iter_errors(log), key=lambda e: list(e.path)):
        yield "schema: %s at %s" % (err.message[:200], "/".join(map(str, err.path)))
    if log.get("version") != "2.1.0" or "$schema" not in log:
        yield "version or $schema missing"
    yield from uri_problems(log)
    run = log["runs"][0]
    for key in ("version", "semanticVersion"):
        if not SEMVER.match(run["tool"]["driver"].get(key, "")):
            yield "driver.%s is not a semantic version" % key
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
    with open(sys.argv[1]) as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    bad = 0
    for path in sys.argv[2:]:
        for p in problems(validator, path):
            print("%s: %s" % (path, p))
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
