#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The text report a reviewer reads: RAM bank by bank, a header over the
# regions table, the headroom with its terms (all in MiB, summing to the
# estimate and matching the JSON terms), and sizes that never need more
# than four digits.
BIN=$(realpath "$1")
. "$(dirname "$0")/testlib.sh"

E2000Q=(--no-config --kconfig fixtures/examples/e2000q.config fixtures/examples/e2000q.dts)
"$BIN" "${E2000Q[@]}" > "$TMP/e.txt"
"$BIN" --format json "${E2000Q[@]}" > "$TMP/e.json"
txt=$(cat "$TMP/e.txt")

check "regions table has a header" \
	"  node                                     kind       origin   base                         size  status" \
	"$(grep -A1 ': regions:$' "$TMP/e.txt" | tail -1)"
check "RAM line" "fixtures/examples/e2000q.dts: RAM: 2 GiB at 0x80000000" "$(grep ': RAM: ' "$TMP/e.txt")"
check "summary line" "fixtures/examples/e2000q.dts: CMA 512 MiB of 2 GiB RAM; non-CMA headroom ~1.3 GiB" \
	"$(grep ': CMA [0-9]' "$TMP/e.txt")"
check "headroom line with its non-zero terms" \
	"fixtures/examples/e2000q.dts: headroom 1343.9 = RAM 2048 - no-map 64 - CMA 512 - struct pages 1.9 - kernel 29 - min watermark 97.1 MiB" \
	"$(grep ': headroom ' "$TMP/e.txt")"

# Findings: those with a line in (file, line, column) order, then those without one; the JSON the same.
order=$(grep -E '\[[a-z_]+\]$' "$TMP/e.txt" | sed -E 's/^([^:]+)(:([0-9]+):([0-9]+))?: .*/\3 \4/')
check "findings in line order, unlocated last" "56 4
58 4
58 4
58 4
 
 " "$order"
check "JSON findings in the same order" '[56, 58, 58, 58, null, null]' \
	"$(jget "$TMP/e.json" "[f['location']['line'] if f['location'] else None for f in d['boards'][0]['findings']]")"

# A CMA share or headroom caused by one pool points at the pool's 'size'.
POOL=fixtures/headroom_low/bad-dt-pool.dts
check "cma_ratio and headroom_low at the pool's size" "$POOL:34:4: /reserved-memory/linux,cma: [headroom_low]
$POOL:34:4: /reserved-memory/linux,cma: [cma_ratio]" \
	"$("$BIN" --no-config --kernel 6.1 --cma-size-mbytes 64 "$POOL" | grep -E '\[(cma_ratio|headroom_low)\]$' | sed -E 's/(error|warning|info): .*(\[[a-z_]+\])$/\2/')"

HOLE=fixtures/rmem_outside_ram/bad-bank-hole.dts
# A kernel no recorded boot confirms says so (a booted one does not); JSON: boot_confirmed.
check "6.15 predicted from the source" \
	"$HOLE: kernel 6.15 on arm64: predicted from the source-derived steps, no recorded boot of 6.15 confirms it (booted: 5.10, 6.1, 6.12, 7.3)" \
	"$("$BIN" --no-config --kernel 6.15 "$HOLE" | grep ': kernel 6.15 on ')"
check "7.3 confirmed" "" "$("$BIN" --no-config --kernel 7.3 "$HOLE" | grep ': kernel 7.3 on ' || true)"
check "x86_64 unverified" \
	"$HOLE: kernel 6.12 on x86_64: predicted from the kernel source only, x86_64 is unverified (no recorded boot)" \
	"$("$BIN" --no-config --arch x86_64 "$HOLE" | grep ': kernel 6.12 on ')"
check "JSON boot_confirmed" "False True" \
	"$("$BIN" --no-config --format json --kernel 6.15 "$HOLE" | python3 -c 'import json,sys; print(json.load(sys.stdin)["boards"][0]["profile"]["boot_confirmed"])') $("$BIN" --no-config --format json --kernel 6.12 "$HOLE" | python3 -c 'import json,sys; print(json.load(sys.stdin)["boards"][0]["profile"]["boot_confirmed"])')"

# Two banks with a hole: described bank by bank, in the RAM line and in the message.
HOLE=fixtures/rmem_outside_ram/bad-bank-hole.dts
"$BIN" --no-config --kernel 6.1 --cma-size-mbytes 64 "$HOLE" > "$TMP/h.txt"
check "RAM bank by bank" "$HOLE: RAM: 2 GiB at 0x0, 2 GiB at 0x880000000" "$(grep ': RAM: ' "$TMP/h.txt")"
check_match "message names the banks" "lies outside RAM \(2 GiB at 0x0, 2 GiB at 0x880000000\)" "$(cat "$TMP/h.txt")"

# Every fixture: the headroom terms sum to the estimate (within the rounding of one decimal per
# term) and each term is the JSON term rounded to 0.1 MiB; no size takes more than four digits.
res=$(python3 - "$BIN" "$SAMPLE" <<'PY'
import json, pathlib, re, shlex, subprocess, sys
binary = sys.argv[1]
labels = {"RAM": "ram", "no-map": "nomap", "reserved": "reserved", "CMA": "cma",
          "struct pages": "struct_pages", "kernel": "kernel_image", "swiotlb": "swiotlb",
          "min watermark": "min_watermark"}
bad, lines = [], 0
every = int(sys.argv[2])    # CMALINT_TEST_SAMPLE: every Nth fixture (4 under the sanitizers)
# (the fragments of fixtures/oracle-runs/cases are not boards: t-oracle wraps them)
for fx in [f for f in sorted(pathlib.Path("fixtures").rglob("*.dts")) if "oracle-runs" not in f.parts][::every]:
    opts = []
    for line in fx.read_text().splitlines():
        m = re.match(r"^[\s/*]*cmalint:(.*)$", line)
        if m:
            opts += shlex.split(m.group(1))
    t = subprocess.run([binary, "--no-config", *opts, str(fx)], capture_output=True, text=True)
    if t.returncode not in (0, 1):
        continue
    j = json.loads(subprocess.run([binary, "--no-config", "--format", "json", *opts, str(fx)],
                                  capture_output=True, text=True).stdout)
    for m in re.finditer(r"\b(\d{5,}) (bytes|KiB|MiB|GiB|TiB)\b", t.stdout):
        bad.append(f"{fx}: size with more than four digits: {m.group(0)}")
    m = re.search(r"^\S+: headroom (-?[\d.<]+) = (.*) MiB$", t.stdout, re.M)
    mem = j["boards"][0]["memory"]
    if mem["non_cma_headroom_bytes"] is None:
        if m:
            bad.append(f"{fx}: headroom line without RAM")
        continue
    if not m:
        bad.append(f"{fx}: no headroom line")
        continue
    lines += 1
    terms = [("RAM", m.group(2).split(" - ")[0][4:])] + \
            [tuple(x.rsplit(" ", 1)) for x in m.group(2).split(" - ")[1:]]
    h = mem["headroom"]
    shown = {labels[k] for k, _ in terms}
    for key, v in h.items():
        if v and key not in shown:
            bad.append(f"{fx}: term {key} missing")
    total = 0.0
    for k, v in terms:
        want = h[labels[k]] / 2**20
        got = 0.05 if v == "<0.1" else float(v)
        if abs(got - want) > 0.051 or not h[labels[k]]:
            bad.append(f"{fx}: {k} {v} but JSON {want:.3f}")
        total += got if k == "RAM" else -got
    hr = mem["non_cma_headroom_bytes"] / 2**20
    if abs(float(m.group(1)) - hr) > 0.051:
        bad.append(f"{fx}: headroom {m.group(1)} but JSON {hr:.3f}")
    if abs(total - hr) > 0.05 * (len(terms) + 1) and hr > 0:
        bad.append(f"{fx}: terms sum to {total:.1f}, headroom {hr:.1f}")
print("\n".join(bad[:20]) if bad else f"ok {lines}")
PY
)
check_match "headroom lines agree with the JSON; sizes readable" "^ok [0-9]{2,}$" "$res"

finish
