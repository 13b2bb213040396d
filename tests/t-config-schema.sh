#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# docs/cmalint-config.schema.json, the JSON Schema editors validate
# .cmalint.json with, against what cmalint itself accepts: every
# configuration fixture of fixtures/config/valid passes both, every one of
# fixtures/config/invalid (unknown keys, wrong types, bad enums and sizes)
# fails both, and fixtures/config/beyond-schema holds what only cmalint can
# refuse (a key given twice, an order between values, 64-bit overflow).
# The schema's rule ids are those of `cmalint rules`.
set -u
exec python3 - "$1" <<'PY'
import json, pathlib, subprocess, sys
from jsonschema import Draft202012Validator

binary = sys.argv[1]
schema = json.load(open("docs/cmalint-config.schema.json", encoding="utf-8"))
Draft202012Validator.check_schema(schema)
validator = Draft202012Validator(schema)
passed = failed = 0

def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok   " + name)
    else:
        failed += 1
        print("FAIL " + name + (": " + detail if detail else ""))

def cmalint(config):
    run = subprocess.run([binary, "--arch", "arm64", "--config", str(config), "fixtures/config/acme-a.dts"],
                         capture_output=True, text=True, timeout=120)
    return run.returncode, run.stderr

rules = subprocess.run([binary, "rules"], capture_output=True, text=True, check=True).stdout
check("rule ids are those of 'cmalint rules'",
      schema["$defs"]["rule_id"]["enum"] == [l.split()[0] for l in rules.splitlines() if l.strip()])

expect = {"valid": (True, (0, 1)), "invalid": (False, (2,)), "beyond-schema": (True, (2,))}
for kind, (schema_ok, codes) in expect.items():
    files = sorted(pathlib.Path("fixtures/config", kind).glob("*.json"))
    check(f"{kind}: fixtures present", len(files) > 0)
    for f in files:
        doc = json.loads(f.read_text(encoding="utf-8"))
        errors = list(validator.iter_errors(doc))
        check(f"{f}: schema {'accepts' if schema_ok else 'refuses'}", (not errors) == schema_ok,
              "; ".join(e.message[:120] for e in errors[:2]) or "no error")
        rc, err = cmalint(f)
        check(f"{f}: cmalint {'accepts' if 0 in codes else 'refuses'}", rc in codes
              and (rc != 2 or len(err.splitlines()) == 1), f"exit {rc}: {err.strip()[:200]}")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or not passed else 0)
PY
