#!/usr/bin/env bash
# The cma= oracle cases against the recorded real-kernel results.
exec python3 "$(dirname "$0")/oracle_cmdline.py" "$1"
