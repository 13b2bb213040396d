#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `cmalint oom` and `cmalint runtime` report through the same findings as
# check: every finding format (SARIF valid against the OASIS schema,
# GitHub annotations, gcc, Code Climate), the severity policy (-W/-E),
# --fail-on/--exit-zero and the baseline; `cmalint rules` lists each rule
# of the registry once.
BIN=$(realpath "$1")
SRC=$(pwd)
. "$(dirname "$0")/testlib.sh"
SCHEMA=$SRC/tests/data/sarif-schema-2.1.0.json
CHECK=$SRC/tests/sarif_check.py
OOM=fixtures/oom/e2000q-oom.log
RT=fixtures/runtime/6.1-d1-debugfs-moved

# --- oom ---------------------------------------------------------------
"$BIN" oom --format sarif "$OOM" > "$TMP/oom.sarif"; rc=$?
check "oom sarif: exit 1 on the starvation error" 1 "$rc"
check "oom sarif: valid against the schema" "" "$(python3 "$CHECK" "$SCHEMA" "$TMP/oom.sarif" 2>&1)"
check "oom sarif: the rule list is the OOM pass's" '["oom_cma_starvation", "oom_cma_granule", "oom_cma_unused"]' \
	"$(jget "$TMP/oom.sarif" "[r['id'] for r in d['runs'][0]['tool']['driver']['rules']]")"
check "oom sarif: results, rule indexes, located at the report's line" \
	'[["oom_cma_starvation", 0, "error", "fixtures/oom/e2000q-oom.log", 1], ["oom_cma_unused", 2, "note", "fixtures/oom/e2000q-oom.log", 1], ["oom_cma_granule", 1, "warning", "fixtures/oom/e2000q-oom.log", 1]]' \
	"$(jget "$TMP/oom.sarif" "[[x['ruleId'], x['ruleIndex'], x['level'], x['locations'][0]['physicalLocation']['artifactLocation']['uri'], x['locations'][0]['physicalLocation']['region']['startLine']] for x in d['runs'][0]['results']]")"
check "oom sarif: the zone as logical location" '"DMA32"' \
	"$(jget "$TMP/oom.sarif" "d['runs'][0]['results'][0]['locations'][0]['logicalLocations'][0]['fullyQualifiedName']")"

out=$("$BIN" oom --format gcc "$OOM")
check_match "oom gcc: file:line: error: … [rule]" "^fixtures/oom/e2000q-oom.log:1: error: zone 'DMA32': non-CMA free 89344 kB is below the min watermark 91584 kB \[oom_cma_starvation\]$" "$out"
out=$("$BIN" oom --format github "$OOM")
check_match "oom github: an error annotation on the log" "^::error file=fixtures/oom/e2000q-oom.log,line=1,title=cmalint oom_cma_starvation::" "$out"
"$BIN" oom --format codeclimate "$OOM" > "$TMP/oom.cc"
check "oom codeclimate: three issues with fingerprints" '[3, true]' \
	"$(jget "$TMP/oom.cc" "[len(d), all(len(x['fingerprint']) > 8 for x in d)]")"

"$BIN" oom --format gcc -W no-oom_cma_starvation "$OOM" > "$TMP/off.txt"; rc=$?
check "oom -W no-RULE: turned off, exit 0" "0 0" "$rc $(grep -c oom_cma_starvation "$TMP/off.txt")"
out=$("$BIN" oom --format gcc -E oom_cma_unused -W no-oom_cma_starvation "$OOM"); rc=$?
check_match "oom -E RULE: raised to error" "error: zone 'DMA32': 523776 kB of CMA sat free .*\[oom_cma_unused\]" "$out"
check "oom -E RULE: exit 1" 1 "$rc"
"$BIN" oom -W no-oom_cma_starvation --fail-on warning "$OOM" > /dev/null; rc=$?
check "oom --fail-on warning: the granule warning fails" 1 "$rc"
"$BIN" oom --exit-zero "$OOM" > /dev/null; rc=$?
check "oom --exit-zero: exit 0" 0 "$rc"
"$BIN" oom --format json -W no-oom_cma_unused "$OOM" > "$TMP/oom.json"
check "oom json: the policy applies to its own format too" '["oom_cma_starvation", "oom_cma_granule"]' \
	"$(jget "$TMP/oom.json" "[f['rule'] for f in d['reports'][0]['findings']]")"
"$BIN" oom -W bogus_rule "$OOM" 2> "$TMP/err"; rc=$?
check "oom -W unknown rule: usage error" "2 cmalint: unknown rule 'bogus_rule' (see 'cmalint rules')" "$rc $(cat "$TMP/err")"

"$BIN" oom --write-baseline "$TMP/oom-base.json" "$OOM" > /dev/null; rc=$?
check "oom --write-baseline: the findings are accepted, exit 0" 0 "$rc"
check "oom baseline: three entries keyed by the log" '[3, ["fixtures/oom/e2000q-oom.log"]]' \
	"$(jget "$TMP/oom-base.json" "[len(d['findings']), sorted(set(e['board'] for e in d['findings']))]")"
out=$("$BIN" oom --format gcc --baseline "$TMP/oom-base.json" "$OOM"); rc=$?
check "oom --baseline: nothing new, exit 0" "0 " "$rc $out"
python3 - "$TMP/oom-base.json" "$TMP/oom-stale.json" <<'P'
import json, sys
d = json.load(open(sys.argv[1]))
d['findings'].append(dict(d['findings'][0], rule='oom_cma_granule', node='Normal', message='gone'))
json.dump(d, open(sys.argv[2], 'w'))
P
out=$("$BIN" oom --format gcc --baseline "$TMP/oom-stale.json" "$OOM"); rc=$?
check_match "oom --baseline: a stale entry is reported" "note: .*accepts a 'oom_cma_granule' finding that is gone .*\[baseline_stale\]" "$out"

# --- runtime -----------------------------------------------------------
"$BIN" runtime --root "$RT" --format sarif > "$TMP/rt.sarif"; rc=$?
check "runtime sarif: exit 1 on the moved pool" 1 "$rc"
check "runtime sarif: valid against the schema" "" "$(python3 "$CHECK" "$SCHEMA" "$TMP/rt.sarif" 2>&1)"
check "runtime sarif: the moved pool, located in debugfs" \
	'[["runtime_pool_moved", "fixtures/runtime/6.1-d1-debugfs-moved/sys/kernel/debug/cma"]]' \
	"$(jget "$TMP/rt.sarif" "[[x['ruleId'], x['locations'][0]['physicalLocation']['artifactLocation']['uri']] for x in d['runs'][0]['results'] if x['ruleId'].startswith('runtime_')]")"
check "runtime sarif: rules of the runtime pass and the board pass" '[true, true, false]' \
	"$(jget "$TMP/rt.sarif" "[any(r['id'] == 'runtime_cma_mismatch' for r in d['runs'][0]['tool']['driver']['rules']), any(r['id'] == 'rmem_overlap' for r in d['runs'][0]['tool']['driver']['rules']), any(r['id'].startswith('oom_') for r in d['runs'][0]['tool']['driver']['rules'])]")"
out=$("$BIN" runtime --root "$RT" --format gcc)
check_match "runtime gcc: the /proc or /sys file, the pool, the rule" "^$RT/sys/kernel/debug/cma: /reserved-memory/linux,cma@60000000: error: .*\[runtime_pool_moved\]$" "$out"
out=$("$BIN" runtime --root "$RT" --format github)
check_match "runtime github: an error annotation" "^::error file=$RT/sys/kernel/debug/cma,title=cmalint runtime_pool_moved::" "$out"
"$BIN" runtime --root "$RT" --format codeclimate > "$TMP/rt.cc"
check "runtime codeclimate: the issue's path" '["fixtures/runtime/6.1-d1-debugfs-moved/sys/kernel/debug/cma"]' \
	"$(jget "$TMP/rt.cc" "[x['location']['path'] for x in d if x['check_name'] == 'runtime_pool_moved']")"
"$BIN" runtime --root "$RT" -W no-runtime_pool_moved > "$TMP/rt.txt"; rc=$?
check "runtime -W no-RULE: no mismatch left, exit 0" "0 0" "$rc $(grep -c runtime_pool_moved "$TMP/rt.txt")"
"$BIN" runtime --root "$RT" --fail-on never > /dev/null; rc=$?
check "runtime --fail-on never: exit 0" 0 "$rc"
"$BIN" runtime --root "$RT" --exit-zero > /dev/null; rc=$?
check "runtime --exit-zero: exit 0" 0 "$rc"
"$BIN" runtime --root "$RT" --write-baseline "$TMP/rt-base.json" > /dev/null; rc=$?
check "runtime --write-baseline: accepted, exit 0" 0 "$rc"
"$BIN" runtime --root "$RT" --baseline "$TMP/rt-base.json" --format json > "$TMP/rt.json"; rc=$?
check "runtime --baseline: no mismatch left, exit 0" "0 []" "$rc $(jget "$TMP/rt.json" "d['findings']")"

# --- one registry ---------------------------------------------------------
rules=$("$BIN" rules)
check "rules: each registry rule once" "$(grep -c '^RULE(' rules/registry.def)" "$(printf '%s\n' "$rules" | wc -l | tr -d ' ')"
check "rules: ids are unique" "" "$(printf '%s\n' "$rules" | awk '{print $1}' | sort | uniq -d)"
check_match "rules: oom and runtime rules listed" "^runtime_watermark_mismatch +warning " "$rules"
finish
