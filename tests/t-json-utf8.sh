#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Inputs may hold any bytes (a model string, a node name, a command line, a
# log line); the JSON reports must still be valid UTF-8: such bytes become
# U+FFFD. Python's json module decodes strictly and checks it.
set -euo pipefail
bin=$1
tmp=$(mktemp -d /tmp/cmalint-utf8.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

cat >"$tmp/bad.dts" <<'DTS'
/dts-v1/;
/ {
	#address-cells = <2>;
	#size-cells = <2>;
	model = "board \xff\xfe end";
	memory@40000000 { device_type = "memory"; reg = <0x0 0x40000000 0x0 0x80000000>; };
	chosen { bootargs = "cma=64M\xc3"; };
};
DTS

check() {	# FILE WANT: valid UTF-8 JSON holding WANT (Python escapes, e.g. \ufffd)
	python3 - "$1" "$2" <<'PY'
import json, sys
raw = open(sys.argv[1], "rb").read()
doc = json.loads(raw.decode("utf-8"))          # strict: raises on invalid UTF-8
text = json.dumps(doc, ensure_ascii=False)
want = sys.argv[2].encode().decode("unicode_escape")
assert want in text, (want, text[:300])
PY
}

rc=0
"$bin" --format json "$tmp/bad.dts" >"$tmp/check.json" || rc=$?
[ "$rc" -le 1 ] || { echo "check exited $rc"; exit 1; }
check "$tmp/check.json" 'board \ufffd\ufffd end'
check "$tmp/check.json" 'cma=64M\ufffd'

# the task's name, with a stray byte and an overlong form
sed '1s/oncealloc2/once\xffalloc\xe0\x80\x80/' fixtures/oom/e2000q-oom.log >"$tmp/oom.log"
rc=0
"$bin" oom --format json "$tmp/oom.log" >"$tmp/oom.json" || rc=$?
[ "$rc" -le 1 ] || { echo "oom exited $rc"; exit 1; }
check "$tmp/oom.json" 'once\ufffdalloc\ufffd\ufffd\ufffd'
echo "ok: JSON reports are valid UTF-8"
