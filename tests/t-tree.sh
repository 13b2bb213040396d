#!/usr/bin/env bash
# Whole trees: a directory lints every board below it (DTS and DTB, not
# .dtsi, not dotfiles), bad boards are one error line each while the rest
# is still reported, exit 2 at the end, and -j 2 gives the same report as -j 1.
set -euo pipefail
bin=$(realpath "$1")
src=$(pwd)/fixtures/bsp
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prof=(--kernel 6.12 --arch arm64 --page-size 4K --cma-size-mbytes 32)
fail() { echo "FAIL: $*" >&2; exit 1; }

t=$tmp/tree
mkdir -p "$t/vendor-a" "$t/vendor-b/sub" "$t/.hidden"
cp "$src/soc.dtsi" "$src/board.dts" "$src/clean.dts" "$t/vendor-a/"
cp "$src/soc.dtsi" "$t/vendor-b/"
cp "$src/board.dts" "$t/vendor-b/sub/z board.dts"
sed -i 's|"soc.dtsi"|"../soc.dtsi"|' "$t/vendor-b/sub/z board.dts"
dtc -q -I dts -O dtb -o "$t/vendor-b/plain.dtb" "$src/overlay/base.dts"
cp "$src/board.dts" "$t/.hidden/ignored.dts"
printf '/dts-v1/;\n/ {\n\tfoo = <1>\n\tbar;\n};\n' >"$t/vendor-a/broken.dts"
printf 'not a blob' >"$t/vendor-b/garbage.dtb"
ln -s .. "$t/vendor-b/sub/loop"
ln -s missing.dtb "$t/vendor-a/dangling.dtb"

set +e
"$bin" "${prof[@]}" -I "$src/include" --format json "$t" >"$tmp/j1.json" 2>"$tmp/j1.err"; rc1=$?
"$bin" "${prof[@]}" -I "$src/include" --format json -j 2 "$t/" >"$tmp/j2.json" 2>"$tmp/j2.err"; rc2=$?
"$bin" "${prof[@]}" -I "$src/include" -j 2 "$t" >"$tmp/j2.txt" 2>/dev/null
"$bin" "${prof[@]}" -I "$src/include" -j 1 "$t" >"$tmp/j1.txt" 2>/dev/null
set -e
[ "$rc1" = 2 ] && [ "$rc2" = 2 ] || fail "exit $rc1 $rc2, want 2"
cmp -s "$tmp/j1.json" "$tmp/j2.json" || fail "-j 2 JSON differs from -j 1"
cmp -s "$tmp/j1.txt" "$tmp/j2.txt" || fail "-j 2 text differs from -j 1"
cmp -s "$tmp/j1.err" "$tmp/j2.err" || fail "-j 2 errors differ from -j 1"
[ "$(wc -l <"$tmp/j1.err")" = 4 ] || fail "want 4 error lines: $(cat "$tmp/j1.err")"
grep -qx "cmalint: cannot compile '$t/vendor-a/broken.dts': $t/vendor-a/broken.dts:4.2-3 syntax error" "$tmp/j1.err" ||
	fail "broken board: $(cat "$tmp/j1.err")"
grep -q "^cmalint: cannot read '$t/vendor-a/dangling.dtb': No such file or directory$" "$tmp/j1.err" || fail "dangling link"
grep -q "^cmalint: '$t/vendor-b/garbage.dtb': bad magic: not a device-tree blob" "$tmp/j1.err" || fail "garbage"
grep -q "^cmalint: '$t/vendor-b/sub/loop': symbolic link loop" "$tmp/j1.err" || fail "loop"
python3 - "$tmp/j1.json" "$t" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); t = sys.argv[2]
inputs = [b["input"] for b in d["boards"]]
want = [t + "/vendor-a/board.dts", t + "/vendor-a/clean.dts", t + "/vendor-b/plain.dtb",
        t + "/vendor-b/sub/z board.dts"]
assert inputs == want, inputs
errs = sorted(e["input"] for e in d["errors"])
assert errs == sorted([t + "/vendor-a/broken.dts", t + "/vendor-a/dangling.dtb",
                       t + "/vendor-b/garbage.dtb", t + "/vendor-b/sub/loop"]), errs
rules = {b["input"]: sorted(f["rule"] for f in b["findings"]) for b in d["boards"]}
assert "cma_alignment" in rules[t + "/vendor-a/board.dts"], rules
assert "cma_alignment" not in rules[t + "/vendor-a/clean.dts"], rules
f = [f for f in d["boards"][3]["findings"] if f["rule"] == "cma_alignment"][0]
assert f["location"]["file"] == t + "/vendor-b/sub/z board.dts", f["location"]
assert f["related_locations"][0]["file"] == t + "/vendor-b/sub/../soc.dtsi", f["related_locations"]
PY

# a clean tree exits by its findings, not 2; an empty directory is an input error
mkdir -p "$tmp/clean"
cp "$src/soc.dtsi" "$src/clean.dts" "$tmp/clean/"
"$bin" "${prof[@]}" -I "$src/include" "$tmp/clean" >/dev/null || fail "clean tree exit $?"
mkdir -p "$tmp/empty"
set +e
"$bin" "$tmp/empty" 2>"$tmp/err"; rc=$?
set -e
[ "$rc" = 2 ] && grep -q "no \*.dtb or \*.dts below it" "$tmp/err" || fail "empty directory exit $rc"
# -j is checked
set +e
"$bin" -j 0 "$tmp/clean" 2>/dev/null; rc=$?
set -e
[ "$rc" = 2 ] || fail "-j 0 exit $rc"
echo "t-tree: all passed"
