#!/usr/bin/env bash
# cmalint's predictions against recorded boots of real kernels
# (fixtures/oracle-runs: cases and the oracle's reports).
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 tools/oracle-compare --cmalint "$1" --dir fixtures/oracle-runs
