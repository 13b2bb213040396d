#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The CI formats: gcc diagnostics, GitHub workflow commands (caps,
# escaping, step summary) and the Code Climate report for GitLab.
BIN=$(realpath "$1")
SRC=$(pwd)
. "$(dirname "$0")/testlib.sh"

cd "$TMP"
mkdir -p .git
cp "$SRC/fixtures/config/acme-a.dts" "$SRC/fixtures/config/acme-b.dts" .
OPTS="--no-config --kernel 6.12 --page-size 4K"

# A board with twelve coherent pools without no-map, each used by a device: twelve findings of one rule.
{
	printf '/dts-v1/;\n/ {\n\tmodel = "many";\n\t#address-cells = <1>;\n\t#size-cells = <1>;\n'
	printf '\tmemory@40000000 { device_type = "memory"; reg = <0x40000000 0x40000000>; };\n'
	printf '\treserved-memory {\n\t\t#address-cells = <1>;\n\t\t#size-cells = <1>;\n\t\tranges;\n'
	for i in $(seq 0 11); do
		printf '\t\tp%d: pool@%x { compatible = "shared-dma-pool"; reg = <0x%x 0x100000>; };\n' \
			"$i" $((0x50000000 + i * 0x100000)) $((0x50000000 + i * 0x100000))
	done
	printf '\t};\n'
	printf '\tdev { memory-region = <'
	for i in $(seq 0 11); do printf ' &p%d' "$i"; done
	printf ' >; };\n};\n'
} > many.dts

# --- gcc
"$BIN" $OPTS --format gcc acme-a.dts acme-b.dts > out; rc=$?
check "gcc: exit status as for text" 0 "$rc"
check "gcc: one line per finding, nothing else" 5 "$(wc -l < out)"
check_match "gcc: file, line and column of the property" "^acme-a.dts:[0-9]+:[0-9]+: warning: '/reserved-memory/pool@50000000' is a coherent DMA pool without 'no-map'.* \[coherent_pool_nomap\]$" "$(cat out)"
check_match "gcc: note for info" "^acme-b.dts: note: .* \[profile_assumed\]$" "$(cat out)"
check_match "gcc: a share located at its pool" "^acme-a.dts:29:4: note: CMA is 512 MiB" "$(cat out)"
dtc -q -I dts -O dtb -o acme-a.dtb acme-a.dts
"$BIN" $OPTS --format gcc -E coherent_pool_nomap acme-a.dtb > out
check_match "gcc: dtb form with error" "^acme-a.dtb: /reserved-memory/pool@50000000: error: .* \[coherent_pool_nomap\]$" "$(cat out)"

# --- github: caps
"$BIN" $OPTS --format github many.dts > out; rc=$?
check "github: 10 warning annotations" 10 "$(grep -c '^::warning ' out)"
check "github: the rest counted" "::notice::2 more findings not annotated (GitHub shows 10 per kind and step)" "$(grep '^::notice::' out)"
check "github: the rest in the log" 2 "$(grep -c '^many.dts:[0-9]*: /reserved-memory/pool@5.*: warning: .*\[coherent_pool_nomap\]$' out)"
check "github: exit status as for text" 0 "$rc"
"$BIN" $OPTS --format github -E coherent_pool_nomap many.dts > out; rc=$?
check "github: 10 error annotations" 10 "$(grep -c '^::error ' out)"
check "github: errors fail the step" 1 "$rc"
check_match "github: annotation form" "^::error file=many.dts,line=[0-9]+,col=[0-9]+,title=cmalint coherent_pool_nomap::'/reserved-memory/pool@50000000' is a coherent DMA pool" "$(cat out)"
"$BIN" $OPTS --format github acme-a.dts acme-b.dts > out
check "github: under the caps nothing is counted" 0 "$(grep -c '^::notice::' out)"
check "github: notices for info" 1 "$(grep -c '^::notice file=acme-b.dts,title=cmalint profile_assumed::' out)"

# --- github: escaping (% in data; , and : in properties)
cp acme-a.dts 'odd,name:1.dts'
"$BIN" $OPTS --format github 'odd,name:1.dts' > out
check_match "github: , and : escaped in file" '^::notice file=odd%2Cname%3A1\.dts,line=29,col=4,title=cmalint cma_ratio::' "$(cat out)"
check_match "github: % escaped in message" 'CMA is 512 MiB, 50\.7 %25 of 1008 MiB usable RAM \(limit 50 %25\)' "$(cat out)"
check_nomatch "github: no raw % left in messages" '::.*[^%]% ' "$(cat out)"

# --- github: step summary
GITHUB_STEP_SUMMARY=$TMP/summary.md "$BIN" $OPTS --format github -E coherent_pool_nomap many.dts acme-b.dts > out
check "github: summary table has every finding" 16 "$(grep -c '^| many.dts \|^| acme-b.dts ' summary.md)"
check "github: summary header" "| board | node | severity | rule | message |" "$(grep '^| board' summary.md)"
check "github: notice points to the summary" "::notice::2 more findings not annotated (GitHub shows 10 per kind and step): see the step summary" "$(grep '^::notice::' out)"
echo "earlier step" > summary2.md
GITHUB_STEP_SUMMARY=$TMP/summary2.md "$BIN" $OPTS --format github acme-b.dts > /dev/null
check "github: summary is appended to" "earlier step" "$(head -1 summary2.md)"

# --- codeclimate
"$BIN" $OPTS --format codeclimate -E coherent_pool_nomap acme-a.dts acme-b.dts > cc.json
check "codeclimate: one issue per finding" 5 "$(jget cc.json "len(d)")"
check "codeclimate: fields" '["categories", "check_name", "description", "fingerprint", "location", "severity", "type"]' \
	"$(jget cc.json "sorted(d[0])")"
check "codeclimate: severities" '["info", "critical", "info", "minor", "info"]' "$(jget cc.json "[i['severity'] for i in d]")"
check "codeclimate: location" '{"path": "acme-a.dts", "lines": {"begin": 33}}' "$(jget cc.json "d[1]['location']")"
check "codeclimate: unique fingerprints" true "$(jget cc.json "len(set(i['fingerprint'] for i in d)) == len(d)")"
"$BIN" $OPTS --format codeclimate many.dts > cc2.json
check "codeclimate: unique fingerprints for one rule on many nodes" 12 \
	"$(jget cc2.json "len(set(i['fingerprint'] for i in d if i['check_name'] == 'coherent_pool_nomap'))")"
check "codeclimate: unique fingerprints for one rule twice without a node" 2 \
	"$(jget cc2.json "len(set(i['fingerprint'] for i in d if i['check_name'] == 'profile_assumed'))")"
"$BIN" $OPTS --format codeclimate acme-b.dts > cc3.json
check "codeclimate: stable fingerprints" "$(jget cc.json "[i['fingerprint'] for i in d if i['location']['path'] == 'acme-b.dts']")" \
	"$(jget cc3.json "[i['fingerprint'] for i in d]")"

# --- html: who uses each region, and the dma-buf heaps (6.19: one per reusable pool)
"$BIN" --no-config --kernel 6.19 --arch arm64 --page-size 4K --cma-size-mbytes 32 --format html \
	"$SRC/fixtures/rmem_region_names/good-names-match.dts" > page.html
check "html: a region's user with its entry and name" 1 "$(grep -c '/vpu@38300000 \[1 &quot;frames&quot;\]' page.html)"
check "html: heap of a reusable pool" 1 "$(grep -c '<code>/dev/dma_heap/vpu-frames</code>' page.html)"
check "html: default area's heaps" 1 "$(grep -c '<code>/dev/dma_heap/reserved</code>, <code>/dev/dma_heap/default_cma_region</code>' page.html)"

# --- unknown format
"$BIN" --format xml acme-a.dts > out 2> err; rc=$?
check "unknown format: exit 2" 2 "$rc"
check "unknown format: message lists the formats" "cmalint: unknown format 'xml' (expected one of: text, json, sarif, github, gcc, codeclimate, svg, html) (see 'cmalint --help')" "$(cat err)"

finish
