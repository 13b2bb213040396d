#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# --format sarif over every fixture (as DTS, and as DTB for the
# configuration boards) validates against the OASIS SARIF 2.1.0 schema
# (tests/data/sarif-schema-2.1.0.json, errata 01), every result has a ruleId
# and a location, and fingerprints are the same from one run to the next.
# Every log this script writes, but the one broken on purpose, is checked.
# CMALINT_TEST_SAMPLE=N (4 in the sanitizer build) takes every Nth fixture;
# the fragments of fixtures/oracle-runs/cases are not boards (t-oracle wraps them).
BIN=$(realpath "$1")
SRC=$(pwd)
. "$(dirname "$0")/testlib.sh"
SCHEMA=$SRC/tests/data/sarif-schema-2.1.0.json
CHECK=$SRC/tests/sarif_check.py

logs=()
n=0
while IFS= read -r f; do
	n=$((n + 1))
	out=$TMP/$n.sarif
	"$BIN" --no-config --format sarif "$f" > "$out" 2>/dev/null
	rc=$?
	if [ $rc -eq 2 ]; then
		check "input error leaves no document: $f" "" "$(cat "$out")"
		continue
	fi
	logs+=("$out")
done < <(find fixtures -name '*.dts' -not -path 'fixtures/oracle-runs/*' | sort | sample)
dtc -q -I dts -O dtb -o "$TMP/acme-a.dtb" fixtures/config/acme-a.dts
"$BIN" --no-config --format sarif "$TMP/acme-a.dtb" > "$TMP/dtb.sarif"
logs+=("$TMP/dtb.sarif")
"$BIN" --no-config --format sarif fixtures/config/acme-a.dts fixtures/config/acme-b.dts > "$TMP/two.sarif"
logs+=("$TMP/two.sarif")

check "fixtures found" yes "$([ ${#logs[@]} -ge 4 ] && echo yes || echo no)"
res=$(python3 "$CHECK" "$SCHEMA" "${logs[@]}" 2>&1)
check "every SARIF log is valid, results have ruleId, location, fingerprint (${#logs[@]} logs)" "" "$res"
total=$(python3 -c 'import json,sys; print(sum(len(json.load(open(p))["runs"][0]["results"]) for p in sys.argv[1:]))' "${logs[@]}")
check "the logs hold results" yes "$([ "$total" -gt 5 ] && echo yes || echo no)"

# The schema check itself rejects a result without a location.
python3 - "$TMP/dtb.sarif" "$TMP/broken.sarif" <<'P'
import json, sys
d = json.load(open(sys.argv[1]))
del d['runs'][0]['results'][0]['locations']
d['runs'][0]['results'][0]['level'] = 'fatal'
d['runs'][0]['results'][0]['locations'] = []
d['runs'][0]['results'][1]['locations'][0]['physicalLocation']['artifactLocation']['uri'] = 'a b.dts'
d['runs'][0]['tool']['driver']['rules'][0]['helpUri'] = 'rules/x.md'
json.dump(d, open(sys.argv[2], 'w'))
P
res=$(python3 "$CHECK" "$SCHEMA" "$TMP/broken.sarif" 2>&1)
check_match "checker catches a bad level (schema)" "schema: 'fatal' is not one of" "$res"
check_match "checker catches a missing location" "result 0: no location" "$res"
check_match "checker catches a URI with a space" "not a URI reference: 'a b.dts'" "$res"
check_match "checker catches a relative helpUri" "helpUri: not an absolute URI" "$res"
check "the schema is the OASIS errata 01 edition" \
	'["http://json-schema.org/draft-04/schema#", "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"]' \
	"$(jget "$SCHEMA" "[d['\$schema'], d['id']]")"
check "logs name that schema" '"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"' \
	"$(jget "$TMP/dtb.sarif" "d['\$schema']")"

# DTB: the .dtb path with line 1, node as logical location.
check "dtb: location" '["acme-a.dtb", 1]' \
	"$(jget "$TMP/dtb.sarif" "[d['runs'][0]['results'][0]['locations'][0]['physicalLocation']['artifactLocation']['uri'].split('/')[-1], d['runs'][0]['results'][0]['locations'][0]['physicalLocation']['region']['startLine']]")"
check "dtb: logical location" '{"fullyQualifiedName": "/reserved-memory/pool@50000000", "kind": "element"}' \
	"$(jget "$TMP/dtb.sarif" "[r['locations'][0]['logicalLocations'][0] for r in d['runs'][0]['results'] if r['ruleId'] == 'coherent_pool_nomap'][0]")"

# Rules carry the registry and the embedded docs.
check "driver lists every board rule" "$(grep -cE "^RULE\([a-z0-9_]+, [A-Z]+, (BOARD|LATE)," rules/registry.def)" "$(jget "$TMP/two.sarif" "len(d['runs'][0]['tool']['driver']['rules'])")"
check "rule help points to the page" "true" \
	"$(jget "$TMP/two.sarif" "all(len(r['help']['text']) < 400 and r['helpUri'].endswith('/rules/' + r['id'] + '.md') and r['helpUri'].startswith(('file:///', 'https://', 'http://')) and 'cmalint explain ' + r['id'] in r['help']['text'] for r in d['runs'][0]['tool']['driver']['rules'])")"
check "rule description is the page's first paragraph" "true" \
	"$(jget "$TMP/two.sarif" "[r['fullDescription']['text'] for r in d['runs'][0]['tool']['driver']['rules'] if r['id'] == 'baseline_stale'][0] in open('rules/baseline_stale.md').read()")"

# Size: the example board (six findings) stays under 30 KB, no rule page embedded.
"$BIN" --no-config --format sarif --kconfig fixtures/examples/e2000q.config fixtures/examples/e2000q.dts > "$TMP/e.sarif"
check "example board log under 30 KB" yes "$([ "$(wc -c < "$TMP/e.sarif")" -lt 30000 ] && echo yes || echo no)"
check "example board log has its findings" 6 "$(jget "$TMP/e.sarif" "len(d['runs'][0]['results'])")"
check "rule default level" '["error", "note"]' \
	"$(jget "$TMP/two.sarif" "[r['defaultConfiguration']['level'] for r in d['runs'][0]['tool']['driver']['rules'] if r['id'] in ('profile_assumed', 'rmem_overlap')]")"
check "levels follow severities" '["note", "warning", "note", "warning", "note"]' \
	"$(jget "$TMP/two.sarif" "[r['level'] for r in d['runs'][0]['results']]")"

# Fingerprints: stable across runs and line moves, unique within a run.
"$BIN" --no-config --format sarif fixtures/config/acme-a.dts fixtures/config/acme-b.dts > "$TMP/two-again.sarif"
fp="[r['partialFingerprints']['cmalintFingerprint/v1'] for r in d['runs'][0]['results']]"
check "fingerprints equal across runs" "$(jget "$TMP/two.sarif" "$fp")" "$(jget "$TMP/two-again.sarif" "$fp")"
check "fingerprints unique" "true" "$(jget "$TMP/two.sarif" "len(set($fp)) == len($fp)")"
mkdir -p "$TMP/fixtures/config"
{ printf '\n\n\n'; cat fixtures/config/acme-a.dts; } > "$TMP/fixtures/config/acme-a.dts"
(cd "$TMP" && "$BIN" --no-config --format sarif fixtures/config/acme-a.dts) > "$TMP/moved.sarif"
"$BIN" --no-config --format sarif fixtures/config/acme-a.dts > "$TMP/a.sarif"
check "fingerprints survive line moves" "$(jget "$TMP/a.sarif" "$fp")" "$(jget "$TMP/moved.sarif" "$fp")"
# An input that cannot be read alone: exit 2 and no document.
"$BIN" --no-config --format sarif fixtures/oracle-runs/cases/a3-base-dt.dts > "$TMP/frag.sarif" 2>/dev/null
check "a fragment alone: exit 2, no document" "2:" "$?:$(cat "$TMP/frag.sarif")"
# A board that fails beside one that does not: the failure is a tool notification.
printf 'garbage\n' > "$TMP/bad.dts"
"$BIN" check --no-config --format sarif fixtures/config/acme-a.dts "$TMP/bad.dts" > "$TMP/mixed.sarif" 2>/dev/null
check "failed board: a notification, execution not successful" '[false, 1]' \
	"$(jget "$TMP/mixed.sarif" "[d['runs'][0]['invocations'][0]['executionSuccessful'], len(d['runs'][0]['invocations'][0]['toolExecutionNotifications'])]")"
# Absolute input paths become file:// URIs; odd characters are percent-encoded.
cp fixtures/config/acme-a.dts "$TMP/odd name+#.dts"
"$BIN" check --no-config --format sarif "$TMP/odd name+#.dts" > "$TMP/odd.sarif"
check_match "absolute path: file URI, percent-encoded" '^"file:///.*/odd%20name%2B%23\.dts"$' \
	"$(jget "$TMP/odd.sarif" "d['runs'][0]['results'][0]['locations'][0]['physicalLocation']['artifactLocation']['uri']")"
res=$(python3 "$CHECK" "$SCHEMA" "$TMP/e.sarif" "$TMP/two-again.sarif" "$TMP/moved.sarif" "$TMP/a.sarif" \
	"$TMP/mixed.sarif" "$TMP/odd.sarif" 2>&1)
check "the other logs are valid too (example board, failed board, absolute path)" "" "$res"

check "fingerprint is FNV-1a 64 of rule, board, node, property" \
	"$(python3 -c '
h = 0xcbf29ce484222325
for field in (b"coherent_pool_nomap", b"fixtures/config/acme-a.dts", b"/reserved-memory/pool@50000000", None):
    for c in (field if field is not None else b"\x1e") + b"\x1f":
        h = ((h ^ c) * 0x100000001b3) % (1 << 64)
print("%016x" % h)')" \
	"$(jget "$TMP/a.sarif" "[r['partialFingerprints']['cmalintFingerprint/v1'] for r in d['runs'][0]['results'] if r['ruleId'] == 'coherent_pool_nomap'][0]" | tr -d '"')"

finish
