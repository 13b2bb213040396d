#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every JSON report cmalint writes for the fixtures (each fixture with its
# own options, exit 0 or 1) must validate against the report schema of the
# contract (docs/report.schema.json, JSON Schema draft 2020-12).
set -u
exec python3 - "$1" "$(dirname "$0")/../docs/report.schema.json" <<'PY'
import json, pathlib, re, shlex, subprocess, sys
from jsonschema import Draft202012Validator

binary, schema_path = sys.argv[1], sys.argv[2]
schema = json.load(open(schema_path, encoding="utf-8"))
Draft202012Validator.check_schema(schema)
validator = Draft202012Validator(schema)
passed = failed = 0
for fixture in sorted(pathlib.Path("fixtures").rglob("*.dts")):
    opts = []
    for line in fixture.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^[\s/*]*cmalint:(.*)$", line)
        if m:
            opts += shlex.split(m.group(1))
    run = subprocess.run([binary, "--format", "json", *opts, str(fixture)],
                         capture_output=True, text=True, timeout=120)
    if run.returncode not in (0, 1):
        continue
    try:
        errors = sorted(validator.iter_errors(json.loads(run.stdout)), key=lambda e: list(e.path))
    except ValueError as e:
        errors = [e]
    if errors:
        failed += 1
        for e in errors[:3]:
            where = "/".join(str(p) for p in getattr(e, "path", []))
            print(f"{fixture}: {where}: {getattr(e, 'message', e)}")
    else:
        passed += 1
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or not passed else 0)
PY
