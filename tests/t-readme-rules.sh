#!/usr/bin/env bash
# The README's rule table is generated from the registry and must not drift.
exec "$(dirname "$0")/../tools/update-readme" --check "$1"
