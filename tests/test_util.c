// SPDX-License-Identifier: MIT
/* Size formatting, checked 64-bit range arithmetic, libfdt errors in words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <ctype.h>
#include <libfdt.h>
#include <string.h>

#include "board.h"
#include "util.h"

static void test_fmt_size(void **state)
{
	static const struct { uint64_t v; const char *s; } t[] = {
		{ 0, "0 bytes" }, { 1, "1 byte" }, { 100, "100 bytes" }, { 1023, "1023 bytes" },
		{ KiB, "1 KiB" }, { 1536, "1536 bytes" }, { 0x4c0000, "4864 KiB" },
		{ 2 * MiB, "2 MiB" }, { 1900 * MiB, "1900 MiB" }, { 512 * MiB, "512 MiB" },
		{ 3 * GiB, "3 GiB" }, { 1536 * MiB, "1536 MiB" }, { UINT64_C(1) << 40, "1 TiB" },
		{ UINT64_C(1) << 50, "1 PiB" }, { UINT64_C(1) << 60, "1 EiB" }, { UINT64_C(8) << 60, "8 EiB" },
		{ 9999, "9999 bytes" }, { 10000, "~9.8 KiB" }, { 74565, "~72.8 KiB" },
		{ 4095 * MiB, "4095 MiB" }, { 9999 * MiB, "9999 MiB" }, { 10000 * MiB, "~9.8 GiB" },
		{ 2047964 * KiB, "~2.0 GiB" }, { 2047964 * KiB - 200 * MiB, "~1.8 GiB" },
		{ GiB + KiB, "~1.0 GiB" }, { MiB - 1, "~1.0 MiB" }, { 1023 * MiB + MiB / 20, "~1023.0 MiB" },
		{ 1024 * MiB - 1, "~1.0 GiB" }, { UINT64_C(7) << 60 | 1, "~7.0 EiB" },
		{ UINT64_MAX, "~16.0 EiB" },
	};
	char buf[SIZE_STR_MAX];

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(t); i++)
		assert_string_equal(fmt_size(t[i].v, buf), t[i].s);
	assert_string_equal(fmt_hex(0x60200000, buf), "0x60200000");
	assert_string_equal(fmt_hex(0, buf), "0x0");
	assert_string_equal(fmt_hex(UINT64_MAX, buf), "0xffffffffffffffff");
}

static void test_range_end(void **state)
{
	uint64_t end;

	(void)state;
	assert_true(range_end(0x40000000, 0x80000000, &end));
	assert_int_equal(end, 0xc0000000);
	assert_true(range_end(UINT64_MAX, 0, &end));
	assert_int_equal(end, UINT64_MAX);
	assert_true(range_end(UINT64_MAX - 0xfff, 0xfff, &end));
	assert_int_equal(end, UINT64_MAX);
	/* the exclusive end 2^64 does not fit: reported as a wrap */
	assert_false(range_end(UINT64_MAX - 0xfff, 0x1000, &end));
	assert_false(range_end(UINT64_C(0xffffffff00000000), UINT64_C(0x100000000), &end));
	assert_false(range_end(1, UINT64_MAX, &end));
}

static void test_ranges_overlap(void **state)
{
	(void)state;
	assert_true(ranges_overlap(0x60000000, 0x8000000, 0x64000000, 0x8000000));
	/* touching is not overlapping */
	assert_false(ranges_overlap(0x60000000, 0x4000000, 0x64000000, 0x4000000));
	assert_false(ranges_overlap(0x64000000, 0x4000000, 0x60000000, 0x4000000));
	/* one byte shared, on either side */
	assert_true(ranges_overlap(0x60000000, 0x4000001, 0x64000000, 0x4000000));
	assert_true(ranges_overlap(0x64000000, 0x4000000, 0x60000000, 0x4000001));
	/* nested */
	assert_true(ranges_overlap(0x50000000, 0x400000, 0x50100000, 0x100000));
	/* empty ranges share nothing */
	assert_false(ranges_overlap(0x50000000, 0, 0x50000000, 0x1000));
	assert_false(ranges_overlap(0x50000000, 0x1000, 0x50000000, 0));
	/* up to the top of the address space, no overflow */
	assert_false(ranges_overlap(UINT64_MAX, 1, 0, UINT64_MAX));
	assert_false(ranges_overlap(UINT64_MAX - 1, 1, UINT64_MAX, 1));
	assert_true(ranges_overlap(UINT64_MAX - 0xfff, 0x1000, UINT64_MAX - 0x10, 0x100));
	assert_true(ranges_overlap(0, UINT64_MAX, 0x1000, UINT64_MAX));
}

static void test_range_inside(void **state)
{
	(void)state;
	assert_true(range_inside(0x60000000, 0x8000000, 0x40000000, 0x80000000));
	assert_false(range_inside(0xbc000000, 0x8000000, 0x40000000, 0x80000000));
	assert_false(range_inside(0x30000000, 0x1000, 0x40000000, 0x80000000));
	assert_true(range_inside(0x40000000, 0x80000000, 0x40000000, 0x80000000));
	assert_true(range_inside(UINT64_MAX - 0xfff, 0x1000, UINT64_MAX - 0x1fff, 0x2000));
	assert_false(range_inside(UINT64_MAX - 0x2fff, 0x2000, UINT64_MAX - 0x1fff, 0x2000));
}

/* Every libfdt error code reads as a lowercase phrase, never as its FDT_ERR_ name. */
static void test_fdt_error_text(void **state)
{
	(void)state;
	for (int e = 1; e <= FDT_ERR_MAX; e++) {
		const char *t = fdt_error_text(-e);

		assert_non_null(t);
		assert_true(strlen(t) > 8);
		assert_true(islower((unsigned char)t[0]));
		assert_null(strstr(t, "FDT_ERR"));
		assert_string_not_equal(t, "unknown libfdt error");
		assert_string_equal(t, fdt_error_text(e));
	}
	assert_string_equal(fdt_error_text(-FDT_ERR_TRUNCATED), "the blob is truncated: a block or a name runs past its end");
	assert_string_equal(fdt_error_text(-FDT_ERR_BADMAGIC), "bad magic: not a device-tree blob");
	assert_string_equal(fdt_error_text(-(FDT_ERR_MAX + 1)), "unknown libfdt error");
	assert_string_equal(fdt_error_text(0), "unknown libfdt error");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fmt_size),
		cmocka_unit_test(test_fdt_error_text),
		cmocka_unit_test(test_range_end),
		cmocka_unit_test(test_ranges_overlap),
		cmocka_unit_test(test_range_inside),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
