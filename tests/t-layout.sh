#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The layering of lint/ and rules/ holds (tools/layout-check): no include
# cycle, no lint/ file reading rules/ headers but the registry's reader,
# no rule comparing kernel versions. The checker itself finds a cycle and
# a version comparison planted in a copy of the tree.
BIN=$1
. "$(dirname "$0")/testlib.sh"
out=$(python3 tools/layout-check . 2>&1); rc=$?
check "the tree passes tools/layout-check" "0" "$rc"
check_match "it read the units" "tools/layout-check: [0-9]+ units, [0-9]+ include edges, 0 problems" "$out"

mkdir -p "$TMP/t"
cp -r lint rules "$TMP/t/"
printf '#include "kmodel.h"\n' >> "$TMP/t/lint/base/util.h"
printf 'static int v(const struct profile *p) { return kver_ge(p->kernel, 6, 1); }\n' >> "$TMP/t/rules/cma_ratio.c"
out=$(python3 tools/layout-check "$TMP/t" 2>&1); rc=$?
check "a planted cycle and version test fail the check" "1" "$rc"
check_match "the cycle is named" "include cycle: .*lint/base/util" "$out"
check_match "the include up the pipeline is named" "lint/base/util.h includes lint/kernel/kmodel.h: an include up the pipeline" "$out"
check_match "the version comparison is named" "rules/cma_ratio.c compares kernel versions" "$out"
finish
