#!/usr/bin/env bash
# Bad boot files and .config files: one line on stderr naming the file (and
# line), exit 2, nothing on stdout.
set -u
bin=$1
board=fixtures/examples/e2000q.dts
pass=0 fail=0
check() {	# expected-stderr-substring cmalint-args...
	local want=$1; shift
	local out err rc
	out=$("$bin" "$@" "$board" 2>/tmp/cmalint-err.$$); rc=$?
	err=$(cat /tmp/cmalint-err.$$)
	if [ "$rc" -eq 2 ] && [ -z "$out" ] && [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] &&
	   [[ "$err" == *"$want"* ]]; then
		pass=$((pass + 1))
	else
		echo "FAIL: $* -> exit $rc, stderr '$err' (want '$want'), stdout ${#out} bytes"
		fail=$((fail + 1))
	fi
}
check "uEnv-loop.txt:1: variable 'a' refers back to itself (a -> b -> a)" --bootargs-file fixtures/cmdline/uEnv-loop.txt
check "boot-unterminated.cmd:1: unterminated quote" --bootargs-file fixtures/cmdline/boot-unterminated.cmd
check "unknown.txt: unknown format" --bootargs-file fixtures/cmdline/unknown.txt
check "cmdline-two-lines.txt:2: a second line" --bootargs-file fixtures/cmdline/cmdline-two-lines.txt --bootargs-format cmdline
check "no label 'nope' (labels: 'recovery', 'linux')" --bootargs-file fixtures/cmdline/extlinux.conf --label nope
check "no menuentry 'nope'" --bootargs-file fixtures/cmdline/grub.cfg --label nope
check "--label applies to extlinux.conf and grub.cfg" --bootargs-file fixtures/cmdline/cmdline.txt --label x
check "absurd-size.config:4: CONFIG_CMA_SIZE_MBYTES=99999999999999999999 is out of range" --kconfig fixtures/kconfig/absurd-size.config
check "not-a-config.txt:1: not a .config line" --kconfig fixtures/kconfig/not-a-config.txt
check "binary.config: binary data" --kconfig fixtures/kconfig/binary.config
check "--bootargs and --bootargs-file" --bootargs cma=1M --bootargs-file fixtures/cmdline/cmdline.txt
check "--bootargs-format 'xml'" --bootargs-file fixtures/cmdline/cmdline.txt --bootargs-format xml
check "cannot read" --kconfig fixtures/kconfig/does-not-exist.config
rm -f /tmp/cmalint-err.$$
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
