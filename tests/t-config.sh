#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The project configuration: discovery, validation, board sections,
# precedence, rule severities and suppressions, through the binary.
BIN=$(realpath "$1")
SRC=$(pwd)
. "$(dirname "$0")/testlib.sh"

P=$TMP/proj
mkdir -p "$P/.git" "$P/boards"
cp "$SRC/fixtures/config/acme-a.dts" "$SRC/fixtures/config/acme-b.dts" "$P/boards/"
cd "$P"
PROF="--arch arm64"
run() { "$BIN" $PROF "$@" >"$TMP/out" 2>"$TMP/err"; echo $? >"$TMP/rc"; }
rc() { cat "$TMP/rc"; }
cfg() { cat > .cmalint.json; }

# --- discovery and profile precedence
cfg <<'J'
{"profile": {"kernel": "6.1", "page_size": "16K", "cma_size_mbytes": 64}}
J
run --format json boards/acme-b.dts
check "config found upward from the input" '"6.1"' "$(jget "$TMP/out" "d['boards'][0]['profile']['kernel']")"
check "config source reported" '"configuration"' "$(jget "$TMP/out" "d['boards'][0]['profile']['sources']['page_size']")"
check "config page size applied" '16384' "$(jget "$TMP/out" "d['boards'][0]['profile']['page_size']")"
check "config names the file" '".cmalint.json"' "$(jget "$TMP/out" "d['boards'][0]['config']['file']")"
run --format json --kernel 5.10 boards/acme-b.dts
check "command line wins over config" '["5.10", "command line"]' \
	"$(jget "$TMP/out" "[d['boards'][0]['profile']['kernel'], d['boards'][0]['profile']['sources']['kernel']]")"
(cd boards && "$BIN" $PROF --format json acme-b.dts > "$TMP/out2")
check "config found from the input's own directory" '"6.1"' "$(jget "$TMP/out2" "d['boards'][0]['profile']['kernel']")"
run --format json --no-config boards/acme-b.dts
check "--no-config ignores .cmalint.json" '["6.12", null]' \
	"$(jget "$TMP/out" "[d['boards'][0]['profile']['kernel'], d['boards'][0]['config']]")"
echo '{"profile": {"kernel": "5.15"}}' > "$TMP/other.json"
run --format json --config "$TMP/other.json" boards/acme-b.dts
check "--config replaces discovery" '"5.15"' "$(jget "$TMP/out" "d['boards'][0]['profile']['kernel']")"

# discovery stops at a directory holding .git
mkdir -p "$TMP/outer/repo/.git"
echo '{"profile": {"kernel": "5.4"}}' > "$TMP/outer/.cmalint.json"
cp boards/acme-b.dts "$TMP/outer/repo/"
"$BIN" $PROF --format json "$TMP/outer/repo/acme-b.dts" > "$TMP/out"
check "discovery stops at .git" '"6.12"' "$(jget "$TMP/out" "d['boards'][0]['profile']['kernel']")"

# --- validation: one line naming the file and the key path, exit 2, no report
expect_bad() {	# NAME EXPECTED-STDERR (config on stdin)
	cfg
	run boards/acme-a.dts
	check "$1: exit 2" 2 "$(rc)"
	check "$1: message" "$2" "$(cat "$TMP/err")"
	check "$1: no report" "" "$(cat "$TMP/out")"
}
expect_bad "wrong page size" "cmalint: '.cmalint.json': 'profile.page_size' must be one of \"4K\", \"16K\", \"64K\"" <<'J'
{"profile": {"page_size": "8K"}}
J
expect_bad "unknown key" "cmalint: '.cmalint.json': 'profile.kernal' is not a known key (expected one of: kernel, arch, page_size, ram, cma_size_mbytes, kernel_image)" <<'J'
{"profile": {"kernal": "6.1"}}
J
expect_bad "unknown top-level key" "cmalint: '.cmalint.json': 'rule' is not a known key (expected one of: profile, rules, thresholds, boards, suppressions)" <<'J'
{"rule": {}}
J
expect_bad "wrong type" "cmalint: '.cmalint.json': 'thresholds.cma_ratio.warning_percent' must be a whole number from 0 to 100" <<'J'
{"thresholds": {"cma_ratio": {"warning_percent": "25"}}}
J
expect_bad "bad size" "cmalint: '.cmalint.json': 'boards[0].thresholds.headroom_low.min' must be a size string such as \"256M\" or \"0x10000000\"" <<'J'
{"boards": [{"match": {"file": "*"}, "thresholds": {"headroom_low": {"min": "lots"}}}]}
J
expect_bad "bad ram bank" "cmalint: '.cmalint.json': 'profile.ram[1]' must be \"SIZE@BASE\" (e.g. \"2G@0x80000000\") within 64 bits" <<'J'
{"profile": {"ram": ["1G@0x40000000", "1G@0xffffffffffffff00"]}}
J
expect_bad "unknown rule" "cmalint: '.cmalint.json': 'rules.cma_ratoi': 'cma_ratoi' is not a rule (see 'cmalint rules')" <<'J'
{"rules": {"cma_ratoi": "off"}}
J
expect_bad "bad severity" "cmalint: '.cmalint.json': 'rules.cma_ratio' must be one of \"error\", \"warning\", \"info\", \"off\"" <<'J'
{"rules": {"cma_ratio": "fatal"}}
J
expect_bad "duplicate key" "cmalint: '.cmalint.json': 'profile.kernel' is given twice" <<'J'
{"profile": {"kernel": "6.1", "kernel": "5.4"}}
J
expect_bad "board without match" "cmalint: '.cmalint.json': 'boards[0].match' is missing: give \"file\", \"compatible\" or \"model\"" <<'J'
{"boards": [{"rules": {}}]}
J
expect_bad "suppression without reason" "cmalint: '.cmalint.json': 'suppressions[0].reason' is missing: every suppression needs a reason" <<'J'
{"suppressions": [{"rule": "cma_ratio"}]}
J
expect_bad "suppression with empty reason" "cmalint: '.cmalint.json': 'suppressions[1].reason' is empty: every suppression needs a reason" <<'J'
{"suppressions": [{"rule": "cma_ratio", "reason": "ok"}, {"rule": "cma_ratio", "reason": "  "}]}
J
expect_bad "invalid JSON" "cmalint: '.cmalint.json': not valid JSON (line 3)" <<'J'
{
  "profile": {"kernel": "6.1"},
  "rules": {,}
}
J
expect_bad "ratio order" "cmalint: '.cmalint.json': 'thresholds.cma_ratio.warning_percent' (60) is above 'thresholds.cma_ratio.error_percent' (40)" <<'J'
{"thresholds": {"cma_ratio": {"warning_percent": 60, "error_percent": 40}}}
J

# --- board sections
cfg <<'J'
{
  "boards": [
    {"name": "b-by-compatible", "match": {"compatible": "acme,board-b"},
     "rules": {"rmem_unknown_property": "off"}},
    {"name": "a-by-glob", "match": {"file": "acme-a.*"},
     "thresholds": {"cma_ratio": {"warning_percent": 60}}},
    {"name": "a-by-model", "match": {"model": "ACME Board A"}, "profile": {"ram": ["2G@0x40000000"], "kernel": "6.6"}},
    {"name": "soc-wide", "match": {"compatible": "acme,soc"}, "profile": {"kernel": "6.1"}}
  ]
}
J
run --format json boards/acme-a.dts boards/acme-b.dts
check "sections matched, in order" '[["a-by-glob", "a-by-model", "soc-wide"], ["b-by-compatible", "soc-wide"]]' \
	"$(jget "$TMP/out" "[b['config']['boards'] for b in d['boards']]")"
check "match by compatible: rule off on board B" '[]' \
	"$(jget "$TMP/out" "[f['rule'] for f in d['boards'][1]['findings'] if f['rule'] == 'rmem_unknown_property']")"
"$BIN" $PROF --no-config --format json boards/acme-b.dts > "$TMP/out2"
check "without the section the rule fires on board B" '["rmem_unknown_property"]' \
	"$(jget "$TMP/out2" "[f['rule'] for f in d['boards'][0]['findings'] if f['rule'] == 'rmem_unknown_property']")"
check "match by glob: threshold raised on board A" '[]' \
	"$(jget "$TMP/out" "[f['rule'] for f in d['boards'][0]['findings'] if f['rule'] == 'cma_ratio']")"
check "match by model: board profile RAM" '[2147483648, "configuration"]' \
	"$(jget "$TMP/out" "[d['boards'][0]['memory']['ram_bytes'], d['boards'][0]['profile']['sources']['ram']]")"
check "later sections win" '["6.1", "6.1"]' "$(jget "$TMP/out" "[b['profile']['kernel'] for b in d['boards']]")"
run --format json --ram 1G@0x40000000 boards/acme-a.dts
check "--ram wins over the board profile" '[1073741824, "command line"]' \
	"$(jget "$TMP/out" "[d['boards'][0]['memory']['ram_bytes'], d['boards'][0]['profile']['sources']['ram']]")"
run --format json "$P/boards/acme-a.dts"
check "file glob matches an absolute input by base name" '["a-by-glob", "a-by-model", "soc-wide"]' \
	"$(jget "$TMP/out" "d['boards'][0]['config']['boards']")"

# --- rule severities go through the severity policy; the command line wins
cfg <<'J'
{"rules": {"coherent_pool_nomap": "error"}}
J
run --format json boards/acme-a.dts
check "config raises a rule to error" '["error", 1]' \
	"$(jget "$TMP/out" "[[f['severity'] for f in d['boards'][0]['findings'] if f['rule'] == 'coherent_pool_nomap'][0], d['boards'][0]['summary']['errors']]")"
check "config error fails the run" 1 "$(rc)"
run --format json -W coherent_pool_nomap boards/acme-a.dts
check "-W wins over config" '"warning"' \
	"$(jget "$TMP/out" "[f['severity'] for f in d['boards'][0]['findings'] if f['rule'] == 'coherent_pool_nomap'][0]")"
check "-W over config: exit 0" 0 "$(rc)"

# --- suppressions
cfg <<'J'
{
  "suppressions": [
    {"rule": "coherent_pool_nomap", "node": "/reserved-memory/pool@*", "reason": "the pool is mapped by the firmware"},
    {"rule": "cma_ratio", "board": "boards/acme-b.dts", "reason": "board B has no ratio finding"},
    {"rule": "rmem_overlap", "board": "other/*.dts", "reason": "for boards not in this run"},
    {"rule": "rmem_unknown_property", "node": "/reserved-memory/linux,cma", "property": "inactive", "reason": "vendor flag"}
  ]
}
J
run --format json boards/acme-a.dts boards/acme-b.dts
check "suppressed finding is gone" '[]' \
	"$(jget "$TMP/out" "[f for b in d['boards'] for f in b['findings'] if f['rule'] in ('coherent_pool_nomap', 'rmem_unknown_property')]")"
check "suppressed counts" '[1, 1]' "$(jget "$TMP/out" "[b['summary']['suppressed'] for b in d['boards']]")"
check "unused suppression reported once, on its board" \
	'[[], [["config_unused_suppression", "info", "'"'"'suppressions[1]'"'"' in '"'"'.cmalint.json'"'"' (rule '"'"'cma_ratio'"'"', board '"'"'boards/acme-b.dts'"'"') hid no finding: remove it, or correct its patterns"]]]' \
	"$(jget "$TMP/out" "[[[f['rule'], f['severity'], f['message']] for f in b['findings'] if f['rule'] == 'config_unused_suppression'] for b in d['boards']]")"
run boards/acme-a.dts
check_nomatch "suppression out of scope is not judged" "suppressions\[2\]" "$(cat "$TMP/out")"
check_match "text summary counts suppressed findings" "^boards/acme-a.dts: 1 finding suppressed by the configuration$" "$(cat "$TMP/out")"
run -W no-config_unused_suppression --format json boards/acme-b.dts
check "unused-suppression finding can be turned off" '[]' \
	"$(jget "$TMP/out" "[f for f in d['boards'][0]['findings'] if f['rule'] == 'config_unused_suppression']")"

finish
