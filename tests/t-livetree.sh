#!/usr/bin/env bash
# A live tree as /proc/device-tree shows it (a directory per node, a file per
# property, plus the 'name' file the kernel adds to every node) is read like
# the DTB dtc builds from the same directory (dtc -I fs, without 'name').
set -euo pipefail
bin=$(realpath "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prof=(--kernel 6.12 --arch arm64 --page-size 4K --cma-size-mbytes 32)
fail() { echo "FAIL: $*" >&2; exit 1; }

# cells as the kernel exposes them: big-endian 32-bit words
cells() { for c in "$@"; do printf "\\x$(printf %02x $((c >> 24 & 255)))\\x$(printf %02x $((c >> 16 & 255)))\\x$(printf %02x $((c >> 8 & 255)))\\x$(printf %02x $((c & 255)))"; done; }
str() { printf '%s\0' "$@"; }
node() { mkdir -p "$1"; local n=${1##*/}; printf '%s\0' "${n%%@*}" >"$1/name"; }

dt=$tmp/proc/device-tree
mkdir -p "$dt"
printf '\0' >"$dt/name"
cells 2 >"$dt/#address-cells"
cells 2 >"$dt/#size-cells"
str "cmalint live board" >"$dt/model"
node "$dt/memory@40000000"
str memory >"$dt/memory@40000000/device_type"
cells 0 0x40000000 0 0x80000000 >"$dt/memory@40000000/reg"
node "$dt/chosen"
str "console=ttyS0 cma=64M" >"$dt/chosen/bootargs"
node "$dt/reserved-memory"
cells 2 >"$dt/reserved-memory/#address-cells"
cells 2 >"$dt/reserved-memory/#size-cells"
: >"$dt/reserved-memory/ranges"
node "$dt/reserved-memory/linux,cma"
str shared-dma-pool >"$dt/reserved-memory/linux,cma/compatible"
: >"$dt/reserved-memory/linux,cma/reusable"
: >"$dt/reserved-memory/linux,cma/linux,cma-default"
cells 0 0x4c0000 >"$dt/reserved-memory/linux,cma/size"
node "$dt/reserved-memory/secure@50000000"
cells 0 0x50000000 0 0x100000 >"$dt/reserved-memory/secure@50000000/reg"
: >"$dt/reserved-memory/secure@50000000/no-map"

# the reference: dtc reading the same directory without the kernel's 'name' files
cp -r "$dt" "$tmp/ref"
find "$tmp/ref" -name name -delete
dtc -q -I fs -O dtb -o "$tmp/ref.dtb" "$tmp/ref"

set +e
"$bin" "${prof[@]}" --format json "$dt" >"$tmp/live.json"; rc1=$?
"$bin" "${prof[@]}" --format json "$tmp/ref.dtb" >"$tmp/ref.json"; rc2=$?
set -e
[ "$rc1" = 1 ] && [ "$rc2" = 1 ] || fail "exit $rc1 $rc2, want 1 (findings)"
python3 - "$tmp/live.json" "$tmp/ref.json" <<'PY'
import json, sys
live = json.load(open(sys.argv[1]))["boards"][0]
ref = json.load(open(sys.argv[2]))["boards"][0]
# directory order is the file system's (sorted here, readdir order for dtc)
for b in (live, ref):
    del b["input"]
    b["memory"]["regions"].sort(key=lambda r: r["node"])
    b["findings"].sort(key=lambda f: (f["rule"], f["node"] or ""))
assert live == ref, (live, ref)
rules = sorted(f["rule"] for f in live["findings"])
assert "cmdline_cma_bypass" in rules or "cma_cmdline_bypass" in rules, rules
assert "rmem_unknown_property" not in rules, rules
assert live["model"] == "cmalint live board"
assert live["memory"]["ram_bytes"] == 0x80000000
assert [r["node"] for r in live["memory"]["regions"] if r["node"].startswith("/")] == \
    ["/reserved-memory/linux,cma", "/reserved-memory/secure@50000000"], live["memory"]["regions"]
PY

# bounded: a property file over 1 MiB is refused with its name
head -c $((2 << 20)) /dev/zero >"$dt/chosen/huge"
set +e
"$bin" "$dt" >/dev/null 2>"$tmp/err"; rc=$?
set -e
[ "$rc" = 2 ] && grep -q "cannot read '$dt/chosen/huge'" "$tmp/err" || fail "huge property exit $rc: $(cat "$tmp/err")"
echo "t-livetree: all passed"
