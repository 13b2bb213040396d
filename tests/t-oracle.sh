#!/usr/bin/env bash
# cmalint's predictions against recorded boots of real kernels
# (fixtures/oracle-runs: cases and the oracle's reports).
set -euo pipefail
cd "$(dirname "$0")/.."
# CMALINT_TEST_SAMPLE=N (4 in the sanitizer build): every Nth case and kernel pair
exec python3 tools/oracle-compare --cmalint "$1" --dir fixtures/oracle-runs \
	--every "${CMALINT_TEST_SAMPLE:-${CMALINT_TEST_SAMPLE_DEFAULT:-1}}"
