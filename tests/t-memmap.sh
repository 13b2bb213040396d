#!/usr/bin/env bash
# The memory map (SVG) and the HTML page against the JSON report of the
# same run, and the showcase pictures against fixtures/svg/.
# Regenerate the golden pictures: tests/t-memmap.sh build/cmalint --bless
set -euo pipefail
cmalint=$(realpath "$1")
shift
cd "$(dirname "$0")/.."
exec python3 tests/memmap_check.py "$cmalint" "$@"
