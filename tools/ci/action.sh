#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The GitHub Action of this repository (action.yml), also usable from any CI.
#
#   action.sh build   install the Debian packages (tools/deps, apt-get) and build
#                     cmalint from the checkout this script is in, into
#                     $CMALINT_BUILD_DIR (default $RUNNER_TEMP/cmalint-build);
#                     prints the directory and adds it to $GITHUB_PATH when set
#   action.sh lint    lint the boards; the inputs come from the environment:
#       INPUT_PATHS    boards: .dts/.dtb files, globs or directories, separated by
#                      spaces or newlines (required)
#       INPUT_ARGS     more cmalint options, e.g. "--kernel 6.1 -I include"
#       INPUT_FAIL_ON  error (default), warning, info or never
#       INPUT_SARIF    true (default): write SARIF for code scanning to
#                      $CMALINT_SARIF (default $RUNNER_TEMP/cmalint.sarif) and list
#                      the findings in the log; false: annotate the pull request
#                      (--format github; the table goes to $GITHUB_STEP_SUMMARY)
#     The binary is $CMALINT, else the one `build` made, else cmalint on PATH.
#     Outputs (appended to $GITHUB_OUTPUT when set): sarif (the file, or empty)
#     and status; the exit status is cmalint's (0 clean, 1 findings at or above
#     fail-on, 2 usage or input error).
set -euo pipefail

self=$(cd "$(dirname "$0")/../.." && pwd)
bdir=${CMALINT_BUILD_DIR:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/cmalint-build}

die() {
	echo "cmalint action: $*" >&2
	exit 2
}

output() {	# NAME VALUE
	if [ -n "${GITHUB_OUTPUT:-}" ]; then
		echo "$1=$2" >> "$GITHUB_OUTPUT"
	fi
}

build() {
	"$self/tools/deps"
	cmake -S "$self" -B "$bdir" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
	cmake --build "$bdir" -j"$(nproc 2>/dev/null || echo 2)" >/dev/null
	"$bdir/cmalint" --version
	if [ -n "${GITHUB_PATH:-}" ]; then
		echo "$bdir" >> "$GITHUB_PATH"
	fi
	echo "$bdir"
}

lint() {
	local cmalint fail_on=${INPUT_FAIL_ON:-error} sarif=${INPUT_SARIF:-true} status=0
	local -a args paths

	if [ -n "${CMALINT:-}" ]; then
		cmalint=$CMALINT
	elif [ -x "$bdir/cmalint" ]; then
		cmalint=$bdir/cmalint
	else
		cmalint=cmalint
	fi
	case $fail_on in
	error|warning|info|never) ;;
	*) die "fail-on must be error, warning, info or never, not '$fail_on'" ;;
	esac
	case $sarif in
	true|false) ;;
	*) die "sarif must be true or false, not '$sarif'" ;;
	esac
	# options are words, never globs; paths are words and globs (a glob that
	# matches nothing stays as written, and cmalint says it cannot read it)
	set -f
	# shellcheck disable=SC2206
	args=(${INPUT_ARGS:-})
	set +f
	# shellcheck disable=SC2206
	paths=(${INPUT_PATHS:-})
	[ ${#paths[@]} -gt 0 ] || die "paths is empty: name the boards, globs or directories to lint"

	if [ "$sarif" = true ]; then
		local file=${CMALINT_SARIF:-${RUNNER_TEMP:-.}/cmalint.sarif}

		"$cmalint" --format sarif -o "$file" --fail-on "$fail_on" "${args[@]}" -- "${paths[@]}" || status=$?
		if [ "$status" -le 1 ]; then
			output sarif "$file"
			# the findings in the log too; the status is the SARIF run's
			"$cmalint" --format gcc --exit-zero "${args[@]}" -- "${paths[@]}" || true
			echo "cmalint: SARIF written to $file"
		else
			output sarif ""
		fi
	else
		output sarif ""
		"$cmalint" --format github --fail-on "$fail_on" "${args[@]}" -- "${paths[@]}" || status=$?
	fi
	output status "$status"
	return "$status"
}

case "${1:-}" in
build) build ;;
lint) lint ;;
*) die "usage: action.sh build|lint" ;;
esac
