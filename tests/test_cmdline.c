// SPDX-License-Identifier: MIT
/*
 * The kernel command line as cmalint reads it: memparse() numbers and
 * the state early_cma() leaves after every cma= ran.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cmdline.h"
#include "util.h"

static struct memparse_result mp(const char *s)
{
	struct memparse_result r;

	cl_memparse(s, &r);
	return r;
}

static void test_memparse_suffixes(void **state)
{
	static const struct { const char *s; uint64_t v; } cases[] = {
		{ "1K", KiB }, { "1k", KiB }, { "3M", 3 * MiB }, { "3m", 3 * MiB },
		{ "2G", 2 * GiB }, { "2g", 2 * GiB }, { "1T", UINT64_C(1) << 40 }, { "1t", UINT64_C(1) << 40 },
		{ "1P", UINT64_C(1) << 50 }, { "1p", UINT64_C(1) << 50 },
		{ "1E", UINT64_C(1) << 60 }, { "1e", UINT64_C(1) << 60 },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct memparse_result r = mp(cases[i].s);

		assert_int_equal(r.value, cases[i].v);
		assert_true(r.suffix);
		assert_true(r.digits);
		assert_false(r.overflow);
		assert_int_equal(r.consumed, strlen(cases[i].s));
	}
}

static void test_memparse_radix(void **state)
{
	struct memparse_result r;

	(void)state;
	r = mp("0x8000000");
	assert_int_equal(r.value, 128 * MiB);
	assert_true(r.hex);
	assert_false(r.octal);
	r = mp("0X10M");
	assert_int_equal(r.value, 16 * MiB);
	assert_true(r.hex);
	/* a leading 0 is octal: 064 = 52 */
	r = mp("064M");
	assert_int_equal(r.value, 52 * MiB);
	assert_true(r.octal);
	/* 8 and 9 are not octal digits: "09" reads 0, then stops */
	r = mp("09M");
	assert_int_equal(r.value, 0);
	assert_int_equal(r.consumed, 1);
	r = mp("0");
	assert_int_equal(r.value, 0);
	assert_true(r.digits);
	assert_false(r.octal);
}

static void test_memparse_bytes_and_trailing(void **state)
{
	struct memparse_result r;

	(void)state;
	r = mp("100");
	assert_int_equal(r.value, 100);
	assert_false(r.suffix);
	assert_int_equal(r.consumed, 3);
	/* "64MB": 64 MiB, then 'B' is left for the caller */
	r = mp("64MB");
	assert_int_equal(r.value, 64 * MiB);
	assert_int_equal(r.consumed, 3);
	/* no digits: nothing read, a suffix alone is not a number */
	r = mp("M");
	assert_false(r.digits);
	assert_false(r.suffix);
	assert_int_equal(r.value, 0);
	assert_int_equal(r.consumed, 0);
	r = mp("");
	assert_false(r.digits);
}

static void test_memparse_overflow(void **state)
{
	struct memparse_result r;

	(void)state;
	r = mp("99999999999G");
	assert_true(r.overflow);
	r = mp("18446744073709551615");
	assert_false(r.overflow);
	assert_int_equal(r.value, UINT64_MAX);
	r = mp("18446744073709551616");
	assert_true(r.overflow);
	r = mp("16E");
	assert_true(r.overflow);
	r = mp("15E");
	assert_false(r.overflow);
	assert_int_equal(r.value, UINT64_C(15) << 60);
	r = mp("0xffffffffffffffffff");
	assert_true(r.overflow);
}

static void test_parse_quotes_and_dashdash(void **state)
{
	struct cmdline cl;

	(void)state;
	cmdline_parse(&cl, "console=ttyS0 \"cma=64M\" root=/dev/vda -- cma=128M", "--bootargs");
	assert_int_equal(cl.ncma, 1);
	assert_string_equal(cl.cma[0].text, "64M");
	assert_int_equal(cl.cma_after_dashdash, 1);
	assert_true(cl.resolved.given);
	assert_int_equal(cl.resolved.size, 64 * MiB);
	assert_string_equal(cl.source, "--bootargs");
	cmdline_release(&cl);

	/* quotes around the value, and a quoted value holding a space */
	cmdline_parse(&cl, "cma=\"32M\" foo=\"a b\" cma", "/chosen/bootargs");
	assert_int_equal(cl.ncma, 2);
	assert_string_equal(cl.cma[0].text, "32M");
	assert_null(cl.cma[1].text);	/* bare "cma" */
	assert_int_equal(cl.resolved.size, 32 * MiB);
	assert_int_equal(cl.resolved.size_from, 0);
	cmdline_release(&cl);

	/* "cmaX=" and "xcma=" are other parameters */
	cmdline_parse(&cl, "cma_pernuma=16M xcma=1M", "x");
	assert_int_equal(cl.ncma, 0);
	assert_false(cl.resolved.given);
	cmdline_release(&cl);
}

static void test_parse_last_wins_and_stale_base(void **state)
{
	struct cmdline cl;

	(void)state;
	cmdline_parse(&cl, "cma=64M cma=32M", "x");
	assert_int_equal(cl.ncma, 2);
	assert_int_equal(cl.resolved.size, 32 * MiB);
	assert_int_equal(cl.resolved.size_from, 1);
	assert_int_equal(cl.resolved.base_from, -1);
	assert_false(cl.resolved.fixed);
	cmdline_release(&cl);

	/* base and limit of the first occurrence persist; no longer fixed */
	cmdline_parse(&cl, "cma=64M@0x60000000 cma=32M", "x");
	assert_int_equal(cl.resolved.size, 32 * MiB);
	assert_int_equal(cl.resolved.base, 0x60000000);
	assert_int_equal(cl.resolved.limit, 0x64000000);
	assert_int_equal(cl.resolved.base_from, 0);
	assert_int_equal(cl.resolved.size_from, 1);
	assert_false(cl.resolved.fixed);
	cmdline_release(&cl);
}

static void test_parse_fixed(void **state)
{
	struct cmdline cl;

	(void)state;
	cmdline_parse(&cl, "cma=128M@0x60000000", "x");
	assert_true(cl.cma[0].has_base);
	assert_false(cl.cma[0].has_limit);
	assert_true(cl.resolved.fixed);
	assert_int_equal(cl.resolved.limit, 0x68000000);
	cmdline_release(&cl);

	/* SIZE@BASE-(BASE+SIZE) is fixed too */
	cmdline_parse(&cl, "cma=128M@0x60000000-0x68000000", "x");
	assert_true(cl.cma[0].has_limit);
	assert_true(cl.resolved.fixed);
	cmdline_release(&cl);

	/* a wider range is not */
	cmdline_parse(&cl, "cma=128M@0x50000000-0x70000000", "x");
	assert_false(cl.resolved.fixed);
	assert_int_equal(cl.resolved.limit, 0x70000000);
	cmdline_release(&cl);

	/* base + size past 2^64 is noted */
	cmdline_parse(&cl, "cma=1G@0xfffffffffff00000", "x");
	assert_true(cl.resolved.limit_overflow);
	cmdline_release(&cl);
}

static void test_parse_odd_values(void **state)
{
	struct cmdline cl;

	(void)state;
	cmdline_parse(&cl, "cma= cma=64MB cma=0", "x");
	assert_int_equal(cl.ncma, 3);
	assert_true(cl.cma[0].empty);
	assert_string_equal(cl.cma[1].trailing, "B");
	assert_null(cl.cma[2].trailing);
	assert_true(cl.resolved.given);
	assert_int_equal(cl.resolved.size, 0);
	cmdline_release(&cl);

	/* only a bare "cma": early_cma() fails, nothing is given */
	cmdline_parse(&cl, "cma", "x");
	assert_int_equal(cl.ncma, 1);
	assert_false(cl.resolved.given);
	cmdline_release(&cl);

	cmdline_parse(&cl, "", "x");
	assert_int_equal(cl.ncma, 0);
	cmdline_release(&cl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memparse_suffixes),
		cmocka_unit_test(test_memparse_radix),
		cmocka_unit_test(test_memparse_bytes_and_trailing),
		cmocka_unit_test(test_memparse_overflow),
		cmocka_unit_test(test_parse_quotes_and_dashdash),
		cmocka_unit_test(test_parse_last_wins_and_stale_base),
		cmocka_unit_test(test_parse_fixed),
		cmocka_unit_test(test_parse_odd_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
