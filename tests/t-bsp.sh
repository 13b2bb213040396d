#!/usr/bin/env bash
# BSP trees: includes through -I, source locations of overrides, overlays,
# odd file names, and compiler errors relayed as one line.
set -euo pipefail
bin=$(realpath "$1")
src=$(pwd)/fixtures/bsp
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prof=(--kernel 6.12 --arch arm64 --page-size 4K --cma-size-mbytes 32)
fail() { echo "FAIL: $*" >&2; exit 1; }

# 1. &cma { size } in board.dts overrides soc.dtsi: the finding points at board.dts
"$bin" "${prof[@]}" -I "$src/include" --format json "$src/board.dts" >"$tmp/board.json" && fail "board.dts should have findings"
python3 - "$tmp/board.json" "$src" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); src = sys.argv[2]
b = d["boards"][0]
f = [x for x in b["findings"] if x["rule"] == "cma_alignment"]
assert len(f) == 1, b["findings"]
loc = f[0]["location"]
assert loc == {"file": src + "/board.dts", "line": 16, "column": 2}, loc
rel = f[0]["related_locations"]
assert [r["file"] for r in rel] == [src + "/soc.dtsi"], rel
assert rel[0]["line"] == 23, rel
reg = [r for r in b["memory"]["regions"] if r["node"] == "/reserved-memory/linux,cma"][0]
assert reg["location"]["file"] == src + "/board.dts", reg
PY
# the text report names the same place
"$bin" "${prof[@]}" -I "$src/include" "$src/board.dts" >"$tmp/board.txt" || true
grep -q "^$src/board.dts:16:2: /reserved-memory/linux,cma: error: .*\[cma_alignment\]$" "$tmp/board.txt" ||
	fail "text location"

# 2. a missing include is one line naming the file and line cpp reported, exit 2
set +e
"$bin" "$src/board.dts" >"$tmp/out" 2>"$tmp/err"; rc=$?
set -e
[ "$rc" = 2 ] || fail "missing include exit $rc"
[ ! -s "$tmp/out" ] || fail "missing include printed a report"
[ "$(wc -l <"$tmp/err")" = 1 ] || fail "missing include: $(cat "$tmp/err")"
grep -q "^cmalint: cannot preprocess '$src/board.dts': $src/soc.dtsi:6:[0-9]*: .*dt-bindings/memory/bsp-cma.h" "$tmp/err" ||
	fail "missing include message: $(cat "$tmp/err")"
printf '/dts-v1/;\n#include <dt-bindings/nothing.h>\n/ { };\n' >"$tmp/inc.dts"
set +e
"$bin" -I "$src/include" "$tmp/inc.dts" 2>"$tmp/err"; rc=$?
set -e
[ "$rc" = 2 ] || fail "missing -I header exit $rc"
grep -qx "cmalint: cannot preprocess '$tmp/inc.dts': $tmp/inc.dts:2:10: fatal error: dt-bindings/nothing.h: No such file or directory" "$tmp/err" ||
	fail "missing header message: $(cat "$tmp/err")"

# 3. a syntax error: dtc's file and position, one line
printf '/dts-v1/;\n/ {\n\tfoo = <1>\n\tbar;\n};\n' >"$tmp/syntax.dts"
set +e
"$bin" "$tmp/syntax.dts" 2>"$tmp/err"; rc=$?
set -e
[ "$rc" = 2 ] || fail "syntax error exit $rc"
grep -qx "cmalint: cannot compile '$tmp/syntax.dts': $tmp/syntax.dts:4.2-3 syntax error" "$tmp/err" ||
	fail "syntax error message: $(cat "$tmp/err")"

# 4. file names with spaces, quotes and a leading '-' (relative to the current directory)
mkdir -p "$tmp/names/include"
cp -r "$src/include/." "$tmp/names/include/"
cp "$src/soc.dtsi" "$tmp/names/soc.dtsi"
for name in "my board.dts" "-board.dts" "q'uo\"te.dts"; do
	cp "$src/board.dts" "$tmp/names/$name"
	(cd "$tmp/names" && "$bin" "${prof[@]}" -I include --format json -- "$name" >"$tmp/n.json") && fail "$name: no findings"
	python3 - "$tmp/n.json" "$name" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); name = sys.argv[2]
b = d["boards"][0]
assert b["input"] == name, b["input"]
f = [x for x in b["findings"] if x["rule"] == "cma_alignment"][0]
assert f["location"]["file"] == name and f["location"]["line"] == 16, f["location"]
assert f["related_locations"][0]["file"] == "soc.dtsi", f["related_locations"]
PY
done

# 5. overlays: the finding is located in the overlay that added the node
ov=$src/overlay
"$bin" "${prof[@]}" --format json "$ov/base.dts" | python3 -c '
import json, sys
b = json.load(sys.stdin)["boards"][0]
assert not [f for f in b["findings"] if f["rule"] == "cma_alignment"], b["findings"]'
for base in "$ov/base.dts" "$tmp/base.dtb"; do
	[ "$base" = "$tmp/base.dtb" ] && dtc -q -@ -I dts -O dtb -o "$tmp/base.dtb" "$ov/base.dts"
	for o in "$ov/cma-misaligned.dtso" "$tmp/cma.dtbo"; do
		[ "$o" = "$tmp/cma.dtbo" ] && dtc -q -I dts -O dtb -o "$tmp/cma.dtbo" "$ov/cma-misaligned.dtso"
		"$bin" "${prof[@]}" --format json --overlay "$o" "$base" >"$tmp/ov.json" && fail "overlay: no findings"
		python3 - "$tmp/ov.json" "$o" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))["boards"][0]
f = [x for x in b["findings"] if x["rule"] == "cma_alignment"]
assert len(f) == 1 and f[0]["node"] == "/reserved-memory/linux,cma", b["findings"]
assert f[0]["location"]["file"] == sys.argv[2], f[0]["location"]
PY
	done
done
# an overlay that labels a fragment's __overlay__ node (Raspberry Pi's cma overlay does; libfdt
# 1.6.1's fdt_overlay_apply fails such overlays with FDT_ERR_NOTFOUND): applied, as the kernel does
dtc -q -@ -I dts -O dtb -o "$tmp/frag.dtbo" "$ov/cma-fragment-label.dtso"
for base in "$ov/base.dts" "$tmp/base.dtb"; do
	for o in "$ov/cma-fragment-label.dtso" "$tmp/frag.dtbo"; do
		set +e
		"$bin" "${prof[@]}" --format json --overlay "$o" "$base" >"$tmp/frag.json" 2>"$tmp/err"; rc=$?
		set -e
		[ "$rc" = 1 ] || fail "fragment-label overlay on $base: exit $rc: $(cat "$tmp/err")"
		python3 - "$tmp/frag.json" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))["boards"][0]
f = [x for x in b["findings"] if x["rule"] == "cma_alignment"]
assert len(f) == 1 and f[0]["node"] == "/reserved-memory/linux,cma", b["findings"]
assert "257 MiB" in f[0]["message"], f[0]["message"]
PY
	done
done
# an overlay for another base: one line naming the overlay and libfdt's reason
set +e
"$bin" --overlay "$ov/other-base.dtso" "$ov/base.dts" >"$tmp/out" 2>"$tmp/err"; rc=$?
set -e
[ "$rc" = 2 ] && [ ! -s "$tmp/out" ] || fail "foreign overlay exit $rc"
[ "$(wc -l <"$tmp/err")" = 1 ] || fail "foreign overlay: $(cat "$tmp/err")"
grep -q "^cmalint: cannot apply overlay '$ov/other-base.dtso' to '$ov/base.dts': label 'vendor_carveout' is not in the base's __symbols__" "$tmp/err" ||
	fail "foreign overlay message: $(cat "$tmp/err")"
# a DTB base without symbols cannot take a label overlay
dtc -q -I dts -O dtb -o "$tmp/nosym.dtb" "$ov/base.dts"
set +e
"$bin" --overlay "$ov/cma-misaligned.dtso" "$tmp/nosym.dtb" 2>"$tmp/err"; rc=$?
set -e
[ "$rc" = 2 ] && grep -q "cannot apply overlay" "$tmp/err" || fail "no-symbol base exit $rc"
echo "t-bsp: all passed"
