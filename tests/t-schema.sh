#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every JSON report cmalint writes for the fixtures (each fixture with its
# own options, as DTS and as DTB, every Nth with CMALINT_TEST_SAMPLE=N; a
# whole run with a configuration and a baseline; an input error) must
# validate against the report schema of the contract (docs/report.schema.json, JSON Schema draft 2020-12), and the
# schema must be strict: an unknown field or severity is rejected. 'profile'
# and 'profile.sources' stay open for readers; the documents must also pass
# with both closed (every field cmalint writes there is described), and every
# field described there must show up in some fixture's report.
set -u
exec python3 - "$1" "$(dirname "$0")/../docs/report.schema.json" <<'PY'
import copy, json, os, pathlib, re, shlex, subprocess, sys, tempfile
from jsonschema import Draft202012Validator

binary, schema_path = sys.argv[1], sys.argv[2]
schema = json.load(open(schema_path, encoding="utf-8"))
Draft202012Validator.check_schema(schema)
validator = Draft202012Validator(schema)
# The same schema with the open objects closed: what cmalint writes is all described.
closed = copy.deepcopy(schema)
closed_profile = closed["$defs"]["board"]["properties"]["profile"]
closed_profile["additionalProperties"] = False
closed_profile["properties"]["sources"]["additionalProperties"] = False
closed_validator = Draft202012Validator(closed)
profile_props = set(schema["$defs"]["board"]["properties"]["profile"]["properties"])
source_props = set(schema["$defs"]["board"]["properties"]["profile"]["properties"]["sources"]["properties"])
source_values = set(schema["$defs"]["source"]["enum"])
seen_profile, seen_sources, seen_values = set(), set(), set()
passed = failed = 0


def validate(name, text):
    global passed, failed
    try:
        doc = json.loads(text)
        errors = sorted(closed_validator.iter_errors(doc), key=lambda e: list(e.path))
        errors += list(validator.iter_errors(doc))[:1]
    except ValueError as e:
        errors = [e]
    for board in doc.get("boards", []) if not errors else []:
        seen_profile.update(board["profile"])
        seen_sources.update(board["profile"].get("sources", {}))
        seen_values.update(v for k, v in board["profile"].get("sources", {}).items()
                           if k not in ("arch_evidence", "kconfig_file"))
    if errors:
        failed += 1
        for e in errors[:3]:
            where = "/".join(str(p) for p in getattr(e, "path", []))
            print(f"{name}: {where}: {getattr(e, 'message', e)}")
    else:
        passed += 1


tmp = tempfile.mkdtemp()
fixtures = sorted(pathlib.Path("fixtures").rglob("*.dts"))
# CMALINT_TEST_SAMPLE=N (4 in the sanitizer build): every Nth fixture
every = int(os.environ.get("CMALINT_TEST_SAMPLE") or os.environ.get("CMALINT_TEST_SAMPLE_DEFAULT") or 1)
# the fragments of fixtures/oracle-runs/cases are not boards (t-oracle wraps them)
for fixture in [f for f in fixtures if "oracle-runs" not in f.parts][::every]:
    opts = []
    for line in fixture.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^[\s/*]*cmalint:(.*)$", line)
        if m:
            opts += shlex.split(m.group(1))
    inputs = [str(fixture)]
    dtb = os.path.join(tmp, "board.dtb")
    if subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", dtb, str(fixture)],
                      capture_output=True).returncode == 0 and not any("overlay" in o for o in opts):
        inputs.append(dtb)
    for inp in inputs:
        run = subprocess.run([binary, "--format", "json", *opts, inp],
                             capture_output=True, text=True, timeout=120)
        if run.returncode == 2 and not run.stdout:
            continue
        validate(f"{fixture} ({'dtb' if inp == dtb else 'dts'})", run.stdout)

# A run of several boards with a configuration (config, suppressions) and a baseline, and an
# input error (the errors array).
base = os.path.join(tmp, "baseline.json")
cfg = os.path.join(tmp, "cmalint.json")
with open(cfg, "w") as f:
    json.dump({"boards": [{"match": {"file": "*acme*"}, "profile": {"kernel": "6.1"}}],
               "suppressions": [{"rule": "coherent_pool_nomap", "node": "/reserved-memory/pool@50000000",
                                 "reason": "shared by design"}]}, f)
subprocess.run([binary, "--no-config", "--write-baseline", base, "fixtures/config/acme-a.dts"],
               capture_output=True)
run = subprocess.run([binary, "--format", "json", "--baseline", base, "--config", cfg, "fixtures/config/acme-a.dts",
                      "fixtures/config/acme-b.dts", "fixtures/examples/e2000q.dts", "missing.dts"],
                     capture_output=True, text=True)
doc = json.loads(run.stdout) if run.stdout else {}
if run.returncode != 2 or not doc.get("errors") or not any(b.get("config") for b in doc.get("boards", [])):
    failed += 1
    print(f"whole run: exit {run.returncode}, expected 2 with errors and a configuration: {run.stderr[:200]}")
validate("whole run", run.stdout)

# Strictness: unknown fields and values are rejected where the contract is closed.
doc = json.loads(subprocess.run([binary, "--no-config", "--format", "json", "--kconfig",
                                 "fixtures/examples/e2000q.config", "fixtures/examples/e2000q.dts"],
                                capture_output=True, text=True).stdout)
mutations = {
    "unknown top-level field": lambda d: d.update(extra=1),
    "unknown board field": lambda d: d["boards"][0].update(extra=1),
    "unknown memory field": lambda d: d["boards"][0]["memory"].update(extra=1),
    "unknown headroom term": lambda d: d["boards"][0]["memory"]["headroom"].update(extra=1),
    "unknown region field": lambda d: d["boards"][0]["memory"]["regions"][0].update(extra=1),
    "unknown finding field": lambda d: d["boards"][0]["findings"][0].update(extra=1),
    "unknown location field": lambda d: d["boards"][0]["findings"][0]["location"].update(extra=1),
    "unknown summary field": lambda d: d["boards"][0]["summary"].update(extra=1),
    "bad severity": lambda d: d["boards"][0]["findings"][0].update(severity="fatal"),
    "bad status": lambda d: d["boards"][0]["memory"]["regions"][0].update(status="kept"),
    "bad kind": lambda d: d["boards"][0]["memory"]["regions"][0].update(kind="pool"),
    "missing finding field": lambda d: d["boards"][0]["findings"][0].pop("property"),
    "bad source value": lambda d: d["boards"][0]["profile"]["sources"].update(arch="guessed"),
    "new source with a bad value": lambda d: d["boards"][0]["profile"]["sources"].update(newfact="guessed"),
    "bad assumed name": lambda d: d["boards"][0]["profile"]["assumed"].append("colour"),
    "non-boolean nommu": lambda d: d["boards"][0]["profile"].update(nommu=1),
    "negative page_offset": lambda d: d["boards"][0]["profile"].update(page_offset=-1),
}
for name, mutate in mutations.items():
    bad = json.loads(json.dumps(doc))
    mutate(bad)
    if validator.is_valid(bad):
        failed += 1
        print(f"the schema accepts a document with {name}")
    else:
        passed += 1
# Open where the contract says so: a new fact in profile, a new source, are accepted.
bad = json.loads(json.dumps(doc))
bad["boards"][0]["profile"]["newfact"] = 1
bad["boards"][0]["profile"]["sources"]["newfact"] = "kconfig"
if validator.is_valid(bad) and not closed_validator.is_valid(bad):
    passed += 1
else:
    failed += 1
    print("profile and profile.sources are not open (or the closed copy is)")
# Every field and source value the schema describes in profile is written for some fixture
# (when every fixture ran).
for what, described, seen in () if every > 1 else (("profile field", profile_props, seen_profile),
                              ("profile.sources field", source_props, seen_sources),
                              ("source value", source_values, seen_values)):
    if described - seen:
        failed += 1
        print(f"no fixture's report has the {what}s {sorted(described - seen)}")
    else:
        passed += 1
if len(fixtures) < 100:
    failed += 1
    print(f"only {len(fixtures)} fixtures found")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or not passed else 0)
PY
