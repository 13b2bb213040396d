#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The manual page the build generates covers everything --help prints (options of
# every command, output formats, exit codes), every rule, every command, and
# renders without a groff warning. It is what tools/gen-man makes from the current
# binary and sources, and the generator follows --help: an option added there
# appears in the page.
# Usage: tests/t-man.sh path/to/cmalint
set -euo pipefail
bin=$1
src=$(cd "$(dirname "$0")/.." && pwd)
page=$(dirname "$bin")/man/cmalint.1
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*" >&2; fail=$((fail + 1)); }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for tool in groff man lexgrog; do
	command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed (tools/deps --test)" >&2; exit 1; }
done
[ -s "$page" ] || { echo "FAIL: no generated page at $page" >&2; exit 1; }
[ -s "$page.gz" ] && zcat "$page.gz" | cmp -s - "$page" && ok || bad "$page.gz is not the gzipped page"

# The lines of section $1 of page $2.
section() { sed -n "/^\.SH \"\?$1\"\?\$/,/^\.SH /p" "$2"; }
# roff spelling of an option: every '-' is '\-'.
roff() { printf '%s' "$1" | sed 's/-/\\-/g'; }

# Every option of every --help (main, and commands that have their own).
"$bin" --help >"$tmp/help.main"
for cmd in "" oom runtime; do
	# shellcheck disable=SC2086
	"$bin" $cmd --help >"$tmp/help" 2>/dev/null || continue
	[ -n "$cmd" ] && cmp -s "$tmp/help" "$tmp/help.main" && continue
	opts=$(awk '/^ +-/ { l = $0; sub(/^ +/, "", l); p = index(l, "  "); if (p) l = substr(l, 1, p - 1)
		n = split(l, w, /[ ,]+/); for (i = 1; i <= n; i++) if (w[i] ~ /^-/) print w[i] }' "$tmp/help" | sort -u)
	[ -n "$opts" ] || { bad "no option found in 'cmalint $cmd --help'"; continue; }
	for o in $opts; do
		if grep -qF -- "$(roff "$o")" "$page"; then ok; else bad "option $o of 'cmalint $cmd --help' is not in the man page"; fi
	done
done
long=$("$bin" --help | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u | wc -l)
[ "$long" -ge 10 ] && ok || bad "only $long long options in --help"

# Sections, commands, rules, formats, exit codes.
for s in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS "OUTPUT FORMATS" "EXIT STATUS" FILES RULES EXAMPLES "SEE ALSO"; do
	grep -qx "\.SH \"\?$s\"\?" "$page" && ok || bad "section $s missing"
done
commands=$(section COMMANDS "$page")
for c in check rules explain oom runtime help; do
	grep -q "^\\\\fBcmalint\\\\fR \\[\\?\\\\fB$c\\\\fR" <<<"$commands" && ok || bad "command $c not in COMMANDS"
done
rules=$(section RULES "$page")
n=0
while read -r id sev _; do
	n=$((n + 1))
	grep -qF "\\fB$(roff "$id")\\fR ($sev)" <<<"$rules" && ok || bad "rule $id ($sev) not in RULES"
done < <("$bin" rules)
[ "$n" -ge 20 ] && ok || bad "only $n rules listed by 'cmalint rules'"
for md in "$src"/rules/*.md; do
	[ -e "$md" ] || continue
	grep -qF "\\fB$(roff "$(basename "$md" .md)")\\fR" <<<"$rules" && ok || bad "$md not in RULES"
done
formats=$(section "OUTPUT FORMATS" "$page")
for f in $("$bin" --help | sed -n 's/^ *--format FMT *//p' | sed 's/([^)]*)//g; s/,/ /g'); do
	grep -qx "\\\\fB$f\\\\fR" <<<"$formats" && ok || bad "format $f not in OUTPUT FORMATS"
done
for code in 0 1 2; do
	section "EXIT STATUS" "$page" | grep -qx "\\\\fB$code\\\\fR" && ok || bad "exit status $code missing"
done
version=$("$bin" --version | awk '{ print $2; exit }')
grep -q "^\.TH CMALINT 1 \"[0-9-]*\" \"cmalint $version\"" "$page" && ok || bad ".TH does not carry version $version"

# Renders without warnings; man-db finds its NAME line.
if groff -man -Tutf8 -ww -z "$page" 2>"$tmp/warn" && [ ! -s "$tmp/warn" ]; then ok; else bad "groff warnings: $(head -3 "$tmp/warn")"; fi
LC_ALL=C.UTF-8 MANPAGER=cat MANWIDTH=80 man -l "$page" >"$tmp/out" 2>"$tmp/err" || bad "man -l failed"
[ ! -s "$tmp/err" ] && ok || bad "man -l: $(head -3 "$tmp/err")"
grep -q "^CMALINT(1)" "$tmp/out" && grep -q -- "--page-size SIZE" "$tmp/out" && ok || bad "man -l output lacks the header or --page-size"
lexgrog "$page" | grep -qF "cmalint - " && ok || bad "lexgrog cannot read the NAME line"

# The page is what the generator makes now from this binary and these sources.
"$src/tools/gen-man" "$bin" "$src" "$tmp/now.1"
cmp -s "$tmp/now.1" "$page" && ok || bad "the built page is stale: rebuild"

# The generator follows --help: a program with one more option and format gets them documented.
cat >"$tmp/fake" <<EOF
#!/usr/bin/env bash
if [ "\$1" = --help ]; then
	"$bin" --help | sed 's/^\(      --format FMT *\)\(.*\)/\1\2, frob/'
	echo "      --frobnicate N     frobnicate N times"
	exit 0
fi
exec "$bin" "\$@"
EOF
chmod +x "$tmp/fake"
"$src/tools/gen-man" "$tmp/fake" "$src" "$tmp/fake.1"
grep -qF '\-\-frobnicate' "$tmp/fake.1" && ok || bad "an option added to --help is not in the generated page"
section "OUTPUT FORMATS" "$tmp/fake.1" | grep -qx '\\fBfrob\\fR' && ok || bad "a format added to --help is not in OUTPUT FORMATS"
if "$src/tools/gen-man" /bin/false "$src" "$tmp/false.1" 2>/dev/null; then bad "gen-man accepted a failing binary"; else ok; fi
[ ! -e "$tmp/false.1" ] && ok || bad "gen-man wrote a page from a failing binary"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
