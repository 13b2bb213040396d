#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every rule has a page that `cmalint explain` prints, with its title and
# every section the rule pages share, and a bad and a good fixture.
set -u
bin=$1
pass=0 fail=0
sections=("## What it checks" "## Why it matters" "## Kernel message" "## Bad" "## Good"
	  "## Profile inputs" "## References")
ids=$("$bin" rules | awk '{print $1}')
[ -n "$ids" ] || { echo "cmalint rules printed nothing"; exit 1; }
# Rules that need more than a board to fire are tested by their own scripts.
tested_elsewhere=" config_unused_suppression baseline_stale "
for id in $ids; do
	ok=1
	doc=$("$bin" explain "$id" 2>&1) || { echo "$id: explain failed: $doc"; ok=0; }
	[ "$(printf '%s\n' "$doc" | head -n1)" = "# $id" ] || { echo "$id: page does not start with '# $id'"; ok=0; }
	# the rules of `cmalint oom` and `cmalint runtime` read logs, not boards: a page suffices
	if [ ! -f "rules/$id.c" ]; then
		if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
		continue
	fi
	case "$tested_elsewhere" in *" $id "*) ;; *)
	for s in "${sections[@]}"; do
		printf '%s\n' "$doc" | grep -qxF "$s" || { echo "$id: no '$s' section"; ok=0; }
	done
	for kind in bad good; do
		compgen -G "fixtures/$id/$kind-*.dts" >/dev/null || { echo "$id: no fixtures/$id/$kind-*.dts"; ok=0; }
	done ;;
	esac
	if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
echo "$pass passed, $fail failed"
[ $fail = 0 ]
