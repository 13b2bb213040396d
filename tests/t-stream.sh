#!/usr/bin/env bash
# Whole-tree output, streamed board by board: every format gives the same
# bytes whatever -j, with and without configurations, suppressions that
# match nothing (their finding belongs to the first board they cover),
# baselines, --write-baseline, --map and the GitHub step summary; and the
# bytes are those recorded in tests/data/stream.sha256 (the cmalint version
# replaced by VERSION), so a change of how the report is written cannot
# change what it says. After a change of wording, rewrite the record with
# tools/snapshots (CMALINT_UPDATE_STREAM=1 bash tests/t-stream.sh BIN).
. "$(dirname "$0")/testlib.sh"
bin=$(realpath "$1")
repo=$(pwd)
record=$repo/tests/data/stream.sha256
version=$("$bin" --version | sed 's/^cmalint //')
formats="text json sarif github gcc codeclimate svg html"
# the sanitizer build samples: fewer -j values
if [ "$SAMPLE" -gt 1 ]; then jobs="1 3"; else jobs="1 2 4"; fi

cd "$TMP"
ln -s "$repo/fixtures" fixtures
boards=(fixtures/boards fixtures/bsp fixtures/cma_alignment fixtures/cmdline_cma_syntax
	fixtures/headroom_low fixtures/placeholder fixtures/rmem_alloc_fail fixtures/rmem_outside_ram
	fixtures/rmem_overlap fixtures/rmem_unused fixtures/no-such-board.dtb)
# suppressions: one that matches on a late board, one that matches nothing
# anywhere (held to the end), one that matches nothing in one directory
cat > cfg.json <<'J'
{
  "suppressions": [
    { "rule": "rmem_overlap", "board": "fixtures/rmem_overlap/*", "reason": "shared by design" },
    { "rule": "cma_too_small", "reason": "never reported here" },
    { "rule": "rmem_alloc_fail", "board": "fixtures/cma_alignment/*", "reason": "not in this directory" }
  ]
}
J
# a baseline of other boards: some entries used, some stale
"$bin" -I fixtures/bsp/include --no-config --exit-zero --write-baseline base.json \
	fixtures/cma_alignment fixtures/rmem_overlap fixtures/headroom_low >/dev/null

# run NAME ARGS...: every format with every -j; the outputs of -j 1 are kept as NAME.FORMAT
run() {
	local name=$1 f j
	shift
	for f in $formats; do
		for j in $jobs; do
			rm -rf maps && mkdir maps
			rc=0
			GITHUB_STEP_SUMMARY=$TMP/summary.md "$bin" -I fixtures/bsp/include -j "$j" --format "$f" "$@" \
				>"out.$j" 2>"err.$j" || rc=$?
			{
				echo "exit $rc"
				cat "out.$j"
				echo "--- stderr"
				cat "err.$j"
				for m in maps/* one.svg wb.json summary.md; do
					[ -e "$m" ] || continue
					echo "--- $m"
					cat "$m"
				done
			} >"got.$j"
			rm -f one.svg wb.json summary.md
			if [ "$j" = 1 ]; then
				cp got.1 "$name.$f"
			elif ! cmp -s got.1 "got.$j"; then
				bad "$name $f: -j $j differs from -j 1" "$(diff got.1 "got.$j" | head -5)"
				continue
			fi
		done
		ok "$name $f: the same with -j $jobs"
	done
}

run plain --no-config "${boards[@]}"
run config --config cfg.json --baseline base.json "${boards[@]}"
run write-baseline --no-config --write-baseline wb.json fixtures/cma_alignment fixtures/rmem_overlap
run write-baseline-fails --no-config --write-baseline wb.json fixtures/rmem_overlap fixtures/no-such-board.dtb
run map-dir --no-config --map maps/ "${boards[@]}"
run map-file --no-config --map one.svg fixtures/cma_alignment fixtures/rmem_overlap
run one-missing --no-config fixtures/no-such-board.dtb

# --map DIR/ where two inputs would draw to one file: nothing is written, the first clash named
rm -rf clash && mkdir -p clash/a clash/b clash/c
for d in a b c; do cp fixtures/cma_alignment/good-16k-pages.dts "clash/$d/board.dts"; done
cp fixtures/cma_alignment/good-16k-pages.dts clash/a/other.dts
rc=0
"$bin" --no-config --format json --map maps-clash/ clash >clash.out 2>clash.err || rc=$?
check "--map clash: exit 2" 2 "$rc"
check "--map clash: the first pair named" \
	"cmalint: --map: inputs 'clash/a/board.dts' and 'clash/b/board.dts' would both be drawn to 'maps-clash/board.svg'" \
	"$(cat clash.err)"
check "--map clash: no report, no map" "0 no" "$(wc -c <clash.out) $([ -e maps-clash/board.svg ] && echo yes || echo no)"

check "a missing only input prints nothing on stdout" "--- stderr" "$(sed -n 2p one-missing.text)"
check_match "an unmatched suppression is reported" "config_unused_suppression" "$(cat config.text)"
check_match "the stale baseline entries are reported" "baseline_stale" "$(cat config.text)"

# without a usable temporary directory the spooled parts stay in memory: the same bytes
for f in sarif html github; do
	GITHUB_STEP_SUMMARY=$TMP/summary.md TMPDIR=$TMP/no-such-dir "$bin" -I fixtures/bsp/include --no-config \
		--format "$f" "${boards[@]}" >"nospool-$f.out" 2>/dev/null || true
	check "$f without TMPDIR: the same bytes" "$(sed -n '2,/^--- stderr$/p' "plain.$f" | sed '$d')" "$(cat "nospool-$f.out")"
	if [ "$f" = github ]; then
		check "github step summary without TMPDIR: the same bytes" \
			"$(sed -n '/^--- summary.md$/,$p' plain.github | sed 1d)" "$(cat summary.md)"
	fi
	rm -f summary.md
done

# the recorded bytes, the version replaced
sums=$(for f in *.text *.json *.sarif *.github *.gcc *.codeclimate *.svg *.html; do
	printf '%s  %s\n' "$(perl -pe "s/\\Q$version\\E/VERSION/g" "$f" | sha256sum | cut -d' ' -f1)" "$f"
done | LC_ALL=C sort -k2)
if [ -n "${CMALINT_UPDATE_STREAM:-}" ]; then
	printf '%s\n' "$sums" > "$record"
	echo "wrote $record"
elif [ "$SAMPLE" -gt 1 ] && [ ! -f "$record" ]; then
	bad "no record $record"
else
	while read -r sum name; do
		want=$(awk -v n="$name" '$2 == n { print $1 }' "$record")
		if [ "$sum" = "$want" ]; then
			ok "$name: the recorded bytes"
		else
			bad "$name: not the recorded bytes (tools/snapshots rewrites the record after a change of wording)" \
				"$(head -c 300 "$name")"
		fi
	done <<<"$sums"
fi
finish
