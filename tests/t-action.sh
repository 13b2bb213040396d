#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The GitHub Action (action.yml, tools/ci/action.sh) and the CI templates.
# The action's lint step runs here on a tree of boards with GitHub's
# environment faked (RUNNER_TEMP, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY): the
# SARIF it writes, the annotations, the outputs and the exit status. The
# GitLab template's job runs as shipped (cmake replaced by a stub that links
# the built binary), from a vendored copy and from a clone of CMALINT_REPO.
BIN=$(realpath "$1")
SRC=$(pwd)
ACTION=$SRC/tools/ci/action.sh
. "$(dirname "$0")/testlib.sh"

WS=$TMP/ws RT=$TMP/runner
mkdir -p "$WS/.git" "$WS/boards" "$RT"
cp "$SRC/fixtures/config/acme-a.dts" "$SRC/fixtures/config/acme-b.dts" "$WS/boards/"

# lint [VAR=VALUE...]: the action's lint step in the workspace
lint() {
	rm -f "$RT/output" "$RT/summary" "$RT/cmalint.sarif"
	(cd "$WS" && env CMALINT="$BIN" RUNNER_TEMP="$RT" GITHUB_OUTPUT="$RT/output" \
		GITHUB_STEP_SUMMARY="$RT/summary" "$@" bash "$ACTION" lint) >"$TMP/out" 2>"$TMP/err"
	rc=$?
}
results() {	# rule, level and file of every SARIF result
	jget "$RT/cmalint.sarif" "sorted([r['ruleId'], r['level'], r['locations'][0]['physicalLocation']['artifactLocation']['uri']] for r in d['runs'][0]['results'])"
}

# --- SARIF for code scanning (the default)
lint INPUT_PATHS="boards/*.dts" INPUT_ARGS="--no-config -E coherent_pool_nomap"
check "sarif: an error fails the step" 1 "$rc"
check "sarif: outputs" "sarif=$RT/cmalint.sarif|status=1" "$(paste -sd'|' "$RT/output")"
check "sarif: valid SARIF 2.1.0" "" \
	"$(python3 "$SRC/tests/sarif_check.py" "$SRC/tests/data/sarif-schema-2.1.0.json" "$RT/cmalint.sarif")"
check "sarif: every board's findings, args applied" \
	'[["cma_ratio", "note", "boards/acme-a.dts"], ["coherent_pool_nomap", "error", "boards/acme-a.dts"], ["profile_assumed", "note", "boards/acme-a.dts"], ["profile_assumed", "note", "boards/acme-b.dts"], ["rmem_unknown_property", "warning", "boards/acme-b.dts"]]' \
	"$(results)"
check_match "sarif: the findings listed in the log" \
	"^boards/acme-a.dts:[0-9]+:[0-9]+: error: .*\[coherent_pool_nomap\]$" "$(cat "$TMP/out")"
check_nomatch "sarif: no annotations" "^::" "$(cat "$TMP/out")"
check "sarif: stderr quiet" "" "$(cat "$TMP/err")"

lint INPUT_PATHS="boards/*.dts" INPUT_ARGS="--no-config -E coherent_pool_nomap" INPUT_FAIL_ON=never
check "sarif, fail-on never: exit 0" 0 "$rc"
check "sarif, fail-on never: outputs" "sarif=$RT/cmalint.sarif|status=0" "$(paste -sd'|' "$RT/output")"
check_match "sarif, fail-on never: the SARIF is written" "coherent_pool_nomap" "$(results)"

# --- annotations on the pull request
lint INPUT_PATHS="boards" INPUT_ARGS="--no-config -E coherent_pool_nomap" INPUT_SARIF=false
check "annotations: an error fails the step" 1 "$rc"
check "annotations: outputs" "sarif=|status=1" "$(paste -sd'|' "$RT/output")"
check_match "annotations: error on its line" \
	"^::error file=boards/acme-a.dts,line=33,col=17,title=cmalint coherent_pool_nomap::" "$(cat "$TMP/out")"
check_match "annotations: a directory is every board below it" \
	"^::warning file=boards/acme-b.dts,line=28,col=4,title=cmalint rmem_unknown_property::" "$(cat "$TMP/out")"
check_match "annotations: job summary written" "coherent_pool_nomap" "$(cat "$RT/summary" 2>/dev/null)"
check "annotations: no SARIF" "no" "$([ -e "$RT/cmalint.sarif" ] && echo yes || echo no)"

lint INPUT_PATHS=$'boards/acme-b.dts\n  boards/acme-a.dts' INPUT_ARGS="--no-config" INPUT_SARIF=false INPUT_FAIL_ON=warning
check "fail-on warning: warnings fail the step" 1 "$rc"
check "paths on several lines" "boards/acme-a.dts boards/acme-b.dts" \
	"$(sed -n 's/^::[a-z]* file=\([^,]*\),.*/\1/p' "$TMP/out" | sort -u | paste -sd' ')"
lint INPUT_PATHS="boards" INPUT_ARGS="--no-config" INPUT_SARIF=false
check "fail-on error: warnings pass" "0 status=0" "$rc $(grep status= "$RT/output")"

# --- bad inputs: one line, exit 2
lint INPUT_PATHS="boards" INPUT_FAIL_ON=fatal
check "bad fail-on: exit 2" 2 "$rc"
check "bad fail-on: message" "cmalint action: fail-on must be error, warning, info or never, not 'fatal'" "$(cat "$TMP/err")"
lint INPUT_PATHS="boards" INPUT_SARIF=yes
check "bad sarif: message" "2 cmalint action: sarif must be true or false, not 'yes'" "$rc $(cat "$TMP/err")"
lint INPUT_PATHS=" "
check "no paths: message" "2 cmalint action: paths is empty: name the boards, globs or directories to lint" \
	"$rc $(cat "$TMP/err")"
lint INPUT_PATHS="boards/nope-*.dts"
check "glob matching nothing: exit 2" 2 "$rc"
check_match "glob matching nothing: cmalint names it" "^cmalint: .*boards/nope-\*\.dts" "$(cat "$TMP/err")"
check "glob matching nothing: one line" 1 "$(wc -l < "$TMP/err")"
check "input error: outputs" "sarif=|status=2" "$(paste -sd'|' "$RT/output")"

# --- action.yml runs the script with the inputs it declares; SARIF uploaded when asked
python3 - "$SRC/action.yml" "$ACTION" "$SRC/tools/ci/github-workflow.yml" >"$TMP/yml" 2>&1 <<'PY'
import re, sys, yaml
a = yaml.safe_load(open(sys.argv[1]))
script = open(sys.argv[2]).read()
wf = yaml.safe_load(open(sys.argv[3]))
steps = a["runs"]["steps"]
print("using", a["runs"]["using"])
print("inputs", sorted(a["inputs"]))
print("runs", [s.get("run", s.get("uses")) for s in steps])
lint = next(s for s in steps if s.get("id") == "lint")
for var, val in sorted(lint["env"].items()):
    name = re.fullmatch(r"\$\{\{ inputs\.([a-z-]+) \}\}", val).group(1)
    print("env", var, name, name in a["inputs"], var in script)
up = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
print("upload", up["with"]["sarif_file"], "inputs.sarif == 'true'" in up["if"], "always()" in up["if"])
print("outputs", {k: v["value"] for k, v in sorted(a["outputs"].items())})
uses = [s for s in wf["jobs"]["cmalint"]["steps"] if s.get("uses") == "./cmalint"]
print("workflow", len(uses), sorted(set(uses[0]["with"]) - set(a["inputs"])), "paths" in uses[0]["with"])
PY
check "action.yml: composite" "using composite" "$(sed -n 1p "$TMP/yml")"
check "action.yml: inputs" "inputs ['args', 'fail-on', 'paths', 'sarif']" "$(sed -n 2p "$TMP/yml")"
check "action.yml: steps" \
	"runs ['\"\$GITHUB_ACTION_PATH/tools/ci/action.sh\" build', '\"\$GITHUB_ACTION_PATH/tools/ci/action.sh\" lint', 'github/codeql-action/upload-sarif@v3']" \
	"$(sed -n 3p "$TMP/yml")"
check "action.yml: each input reaches the script" \
	"env INPUT_ARGS args True True|env INPUT_FAIL_ON fail-on True True|env INPUT_PATHS paths True True|env INPUT_SARIF sarif True True" \
	"$(grep '^env ' "$TMP/yml" | paste -sd'|')"
check "action.yml: uploads the SARIF the lint step wrote, whatever its status" \
	"upload \${{ steps.lint.outputs.sarif }} True True" "$(grep '^upload ' "$TMP/yml")"
check "action.yml: outputs" \
	"outputs {'sarif': '\${{ steps.lint.outputs.sarif }}', 'status': '\${{ steps.lint.outputs.status }}'}" \
	"$(grep '^outputs ' "$TMP/yml")"
check "workflow template: uses the action with its inputs only" "workflow 1 [] True" "$(grep '^workflow ' "$TMP/yml")"
check "no placeholder URL left" "" \
	"$(grep -l 'example\.invalid' "$SRC/action.yml" "$SRC"/tools/ci/* "$SRC/.pre-commit-hooks.yaml")"

# --- the GitLab template's job, as shipped
STUBS=$TMP/stubs
stub_cmake "$STUBS"
# a cmalint source: what the job uses of it
mksrc() {
	mkdir -p "$1/tools/ci"
	cp "$SRC/tools/deps" "$1/tools/"
	cp "$ACTION" "$1/tools/ci/"
}
python3 -c '
import shlex, sys, yaml
job = yaml.safe_load(open(sys.argv[1]))["cmalint"]
print("set -eo pipefail")
for k, v in job["variables"].items():
    print("export %s=${%s-%s}" % (k, k, shlex.quote(v)))
for line in job["before_script"] + job["script"]:
    print(line)
' "$SRC/tools/ci/gitlab-ci.yml" > "$TMP/gitlab-job.sh"
# gitlab JOB-DIR [VAR=VALUE...]: the job in a project, the variables of its settings given
gitlab() {
	local dir=$1
	shift
	: > "$TMP/cmake.log"
	(cd "$dir" && env PATH="$STUBS:$PATH" STUB_LOG="$TMP/cmake.log" REAL_BIN="$BIN" \
		CMALINT_HOME="$TMP/home" BOARDS="boards/*.dts" CMALINT_OPTS="--no-config -E coherent_pool_nomap" \
		"$@" bash "$TMP/gitlab-job.sh") >"$TMP/out" 2>"$TMP/err"
	rc=$?
}
GL=$TMP/gl
mkdir -p "$GL/.git"
cp -r "$WS/boards" "$GL/"
gitlab "$GL"
check "gitlab: no source: exit 2" 2 "$rc"
check "gitlab: no source: says what to set" \
	"cmalint: no source: vendor it at 'cmalint' or set CMALINT_REPO to its git URL" "$(cat "$TMP/err")"

mksrc "$GL/cmalint"
gitlab "$GL"
check "gitlab, vendored: the error fails the job" 1 "$rc"
check "gitlab, vendored: built from the vendored copy" "$GL/cmalint" \
	"$(sed -n 's/^cmake -S \([^ ]*\) -B .*/\1/p' "$TMP/cmake.log")"
check "gitlab, vendored: code-quality report" '[["coherent_pool_nomap", "critical"], ["rmem_unknown_property", "minor"]]' \
	"$(jget "$GL/gl-code-quality-report.json" "sorted([i['check_name'], i['severity']] for i in d if i['check_name'] not in ('profile_assumed', 'cma_ratio'))")"
check_match "gitlab, vendored: findings in the log" "^boards/acme-a.dts:33:17: error: .*\[coherent_pool_nomap\]$" "$(cat "$TMP/out")"

rm -rf "$GL/cmalint" "$GL/gl-code-quality-report.json"
mksrc "$TMP/upstream"
git -C "$TMP/upstream" init -q
git -C "$TMP/upstream" -c user.email=t@example.invalid -c user.name=t add -A
git -C "$TMP/upstream" -c user.email=t@example.invalid -c user.name=t commit -qm source
gitlab "$GL" CMALINT_REPO="file://$TMP/upstream" CMALINT_OPTS="--no-config"
check "gitlab, CMALINT_REPO: warnings pass" 0 "$rc"
check "gitlab, CMALINT_REPO: built from the clone" "$TMP/home/src -B $TMP/home/build" \
	"$(sed -n 's/^cmake -S \([^ ]* -B [^ ]*\) .*/\1/p' "$TMP/cmake.log")"
check "gitlab, CMALINT_REPO: code-quality report" \
	'[["coherent_pool_nomap", "minor"], ["rmem_unknown_property", "minor"]]' \
	"$(jget "$GL/gl-code-quality-report.json" "sorted([i['check_name'], i['severity']] for i in d if i['severity'] != 'info')")"

finish
