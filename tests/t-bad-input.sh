#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Input cmalint cannot use: exit 2, exactly one line on stderr naming the
# file (or the option) at fault and what is wrong in words (never a libfdt
# FDT_ERR_* name), nothing on stdout, in every output format.
set -u
bin=$1
src=fixtures/oracle/c1-dyn128-default.dts
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

# expect_bad NAME WHAT-THE-LINE-MUST-NAME ARGS...
expect_bad() {
	local name=$1 needle=$2 fmt rc lines
	shift 2
	for fmt in text json; do
		"$bin" --format "$fmt" "$@" >"$tmp/out" 2>"$tmp/err"
		rc=$?
		lines=$(wc -l <"$tmp/err")
		if [ $rc -ne 2 ]; then
			echo "FAIL $name ($fmt): exit $rc, expected 2"
		elif [ -s "$tmp/out" ]; then
			echo "FAIL $name ($fmt): printed on stdout: $(head -c 200 "$tmp/out")"
		elif [ "$lines" -ne 1 ]; then
			echo "FAIL $name ($fmt): $lines lines on stderr: $(cat "$tmp/err")"
		elif ! grep -qF -- "$needle" "$tmp/err"; then
			echo "FAIL $name ($fmt): stderr does not name '$needle': $(cat "$tmp/err")"
		elif grep -q "FDT_ERR_" "$tmp/err"; then
			echo "FAIL $name ($fmt): a libfdt error name instead of words: $(cat "$tmp/err")"
		else
			pass=$((pass + 1))
			continue
		fi
		fail=$((fail + 1))
	done
}

dtc -q -I dts -O dtb -o "$tmp/good.dtb" "$src" || { echo "cannot compile $src"; exit 1; }
size=$(stat -c %s "$tmp/good.dtb")

# the valid blob is accepted: the cases below fail for their own reason
"$bin" --format json "$tmp/good.dtb" >/dev/null 2>&1
[ $? -le 1 ] || { echo "FAIL: the valid blob is refused"; exit 1; }

head -c $((size / 2)) "$tmp/good.dtb" >"$tmp/truncated.dtb"
expect_bad truncated "truncated.dtb': the file is truncated: the header says $size bytes, the file has $((size / 2))" "$tmp/truncated.dtb"

head -c 40 "$tmp/good.dtb" >"$tmp/header-only.dtb"
expect_bad header-only "header-only.dtb': the file is truncated: the header says $size bytes, the file has 40" "$tmp/header-only.dtb"

cp "$tmp/good.dtb" "$tmp/magic.dtb"
printf '\xde\xad\xbe\xef' | dd of="$tmp/magic.dtb" bs=1 seek=0 conv=notrunc status=none
expect_bad bad-magic "magic.dtb': bad magic: not a device-tree blob" "$tmp/magic.dtb"

cp "$tmp/good.dtb" "$tmp/totalsize.dtb"	# header totalsize far past the file
printf '\x7f\xff\xff\xff' | dd of="$tmp/totalsize.dtb" bs=1 seek=4 conv=notrunc status=none
expect_bad bad-totalsize "totalsize.dtb': the file is truncated: the header says 2147483647 bytes, the file has $size" "$tmp/totalsize.dtb"

cp "$tmp/good.dtb" "$tmp/offsets.dtb"	# structure block offset past the end
printf '\xff\xff\xff\xff' | dd of="$tmp/offsets.dtb" bs=1 seek=8 conv=notrunc status=none
expect_bad bad-struct-offset "offsets.dtb': the structure block" "$tmp/offsets.dtb"

cp "$tmp/good.dtb" "$tmp/strings.dtb"	# strings block offset past the end
printf '\x00\xff\xff\xf0' | dd of="$tmp/strings.dtb" bs=1 seek=12 conv=notrunc status=none
expect_bad bad-strings-offset "strings.dtb': the strings block" "$tmp/strings.dtb"

cp "$tmp/good.dtb" "$tmp/nested.dtb"	# the structure block's final FDT_END_NODE made FDT_NOP
end=$(python3 -c 'import sys,struct; b=open(sys.argv[1],"rb").read(); o=struct.unpack(">I",b[8:12])[0]; n=struct.unpack(">I",b[36:40])[0]; print(o+n-8)' "$tmp/good.dtb")
printf '\x00\x00\x00\x04' | dd of="$tmp/nested.dtb" bs=1 seek="$end" conv=notrunc status=none
expect_bad bad-structure "nested.dtb' is a corrupt device tree blob: the structure block is malformed" "$tmp/nested.dtb"

printf 'this is not a device tree\n' >"$tmp/notes.txt"
expect_bad not-a-dtb notes.txt "$tmp/notes.txt"
: >"$tmp/empty.dtb"
expect_bad empty-file "empty.dtb' is empty" "$tmp/empty.dtb"

printf '/dts-v1/;\n/ {\n\tfoo = <1 ;\n};\n' >"$tmp/syntax.dts"
expect_bad dts-syntax syntax.dts "$tmp/syntax.dts"

expect_bad missing-file no-such-board.dtb "$tmp/no-such-board.dtb"
mkdir "$tmp/board.d"
expect_bad directory board.d "$tmp/board.d"

expect_bad bootargs-control-char good.dtb --bootargs "$(printf 'console=ttyS0 cma=64M\001')" "$tmp/good.dtb"
expect_bad bootargs-escape good.dtb --bootargs "$(printf 'cma=64M\033[2J')" "$tmp/good.dtb"

cat >"$tmp/wrap-memory.dts" <<'DTS'
/dts-v1/;
/ {
	#address-cells = <2>;
	#size-cells = <2>;
	memory@ffffffff00000000 {
		device_type = "memory";
		reg = <0xffffffff 0x0 0x1 0x0>;
	};
};
DTS
expect_bad memory-wraps wrap-memory.dts "$tmp/wrap-memory.dts"

cat >"$tmp/wrap-reg.dts" <<'DTS'
/dts-v1/;
/ {
	#address-cells = <2>;
	#size-cells = <2>;
	memory@40000000 {
		device_type = "memory";
		reg = <0x0 0x40000000 0x0 0x80000000>;
	};
	reserved-memory {
		#address-cells = <2>;
		#size-cells = <2>;
		ranges;
		fw@fffffffff0000000 {
			reg = <0xffffffff 0xf0000000 0x0 0x20000000>;
			no-map;
		};
	};
};
DTS
expect_bad reg-wraps wrap-reg.dts "$tmp/wrap-reg.dts"

expect_bad ram-huge-size 99999999999G --ram 99999999999G "$tmp/good.dtb"
expect_bad ram-past-2^64 18446744073709551616 --ram 18446744073709551616 "$tmp/good.dtb"
expect_bad ram-16E 16E --ram 16E "$tmp/good.dtb"
expect_bad ram-bank-wraps 1G@0xffffffffffffffff --ram 1G@0xffffffffffffffff "$tmp/good.dtb"

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
