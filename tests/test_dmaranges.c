// SPDX-License-Identifier: MIT
/* dt_dma_max_cpu_addr: the dma-ranges walk that sizes arm64's ZONE_DMA. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libfdt.h>

#include "board.h"

#define BUF_SIZE 16384

static char buf[BUF_SIZE];

static void begin(uint32_t root_ac, uint32_t root_sc)
{
	assert_int_equal(fdt_create(buf, BUF_SIZE), 0);
	assert_int_equal(fdt_finish_reservemap(buf), 0);
	assert_int_equal(fdt_begin_node(buf, ""), 0);
	assert_int_equal(fdt_property_u32(buf, "#address-cells", root_ac), 0);
	assert_int_equal(fdt_property_u32(buf, "#size-cells", root_sc), 0);
}

static void node(const char *name, uint32_t ac, uint32_t sc)
{
	assert_int_equal(fdt_begin_node(buf, name), 0);
	assert_int_equal(fdt_property_u32(buf, "#address-cells", ac), 0);
	assert_int_equal(fdt_property_u32(buf, "#size-cells", sc), 0);
}

static void end(void)
{
	assert_int_equal(fdt_end_node(buf), 0);
}

/* A property of @n big-endian cells; n == 0 writes an empty property. */
static void cells(const char *name, int n, ...)
{
	uint32_t v[32];
	va_list ap;

	assert_true(n <= 32);
	va_start(ap, n);
	for (int i = 0; i < n; i++)
		v[i] = cpu_to_fdt32(va_arg(ap, uint32_t));
	va_end(ap);
	assert_int_equal(fdt_property(buf, name, v, n * 4), 0);
}

static uint64_t finish(char **from)
{
	assert_int_equal(fdt_end_node(buf), 0);	/* root */
	assert_int_equal(fdt_finish(buf), 0);
	assert_int_equal(fdt_check_full(buf, BUF_SIZE), 0);
	return dt_dma_max_cpu_addr(buf, from);
}

static void test_none(void **state)
{
	char *from = (char *)"unset";

	(void)state;
	begin(2, 2);
	node("soc", 1, 1);
	cells("ranges", 4, 0x0u, 0x0u, 0xfe000000u, 0x01000000u);
	cells("dma-ranges", 0);	/* empty: no constraint */
	end();
	assert_true(finish(&from) == UINT64_MAX);
	assert_null(from);
}

static void test_two_cells(void **state)
{
	char *from = NULL;

	(void)state;
	begin(2, 1);
	node("scb", 2, 1);
	cells("ranges", 5, 0x0u, 0x7c000000u, 0x0u, 0xfc000000u, 0x03800000u);
	cells("dma-ranges", 5, 0x0u, 0x0u, 0x0u, 0x0u, 0x40000000u);
	end();
	assert_true(finish(&from) == UINT64_C(0x3fffffff));
	assert_string_equal(from, "/scb");
	free(from);
}

static void test_one_cell(void **state)
{
	char *from = NULL;

	(void)state;
	begin(1, 1);
	node("soc", 1, 1);
	/* bus 0xc0000000 is CPU 0, 960 MiB; a second entry reaching higher wins within the node */
	cells("dma-ranges", 6, 0xc0000000u, 0x0u, 0x3c000000u, 0x0u, 0x40000000u, 0x10000000u);
	end();
	assert_true(finish(&from) == UINT64_C(0x4fffffff));
	assert_string_equal(from, "/soc");
	free(from);
}

static void test_nested_translation(void **state)
{
	char *from = NULL;

	(void)state;
	begin(2, 2);
	node("soc", 1, 1);
	/* soc bus 0 is CPU 0x8_0000_0000, 2 GiB */
	cells("dma-ranges", 4, 0x0u, 0x8u, 0x0u, 0x80000000u);
	node("pcie", 3, 2);
	/* PCI 0 is soc bus 0x10000000, 1 GiB: CPU 0x8_1000_0000 to 0x8_4fff_ffff */
	cells("dma-ranges", 6, 0x02000000u, 0x0u, 0x0u, 0x10000000u, 0x0u, 0x40000000u);
	end();
	end();
	assert_true(finish(&from) == UINT64_C(0x84fffffff));
	assert_string_equal(from, "/soc/pcie");
	free(from);
}

static void test_empty_and_absent_parents(void **state)
{
	char *from = NULL;

	(void)state;
	begin(2, 2);
	node("bus", 2, 2);
	cells("dma-ranges", 0);		/* empty: one to one */
	node("inner", 2, 2);		/* no dma-ranges: one to one */
	node("dev-bus", 1, 1);
	/* bus 0 is inner's 0x2000_0000, 256 MiB */
	cells("dma-ranges", 4, 0x0u, 0x0u, 0x20000000u, 0x10000000u);
	end();
	end();
	end();
	assert_true(finish(&from) == UINT64_C(0x2fffffff));
	assert_string_equal(from, "/bus/inner/dev-bus");
	free(from);
}

static void test_minimum_wins(void **state)
{
	char *from = NULL;

	(void)state;
	begin(1, 1);
	node("a", 1, 1);
	cells("dma-ranges", 3, 0x0u, 0x0u, 0xffffffffu);
	end();
	node("b", 1, 1);
	cells("dma-ranges", 3, 0x0u, 0x0u, 0x40000000u);
	end();
	node("c", 1, 1);
	cells("dma-ranges", 3, 0x0u, 0x0u, 0x80000000u);
	end();
	/* a disabled bus and what is below it do not count */
	node("d", 1, 1);
	assert_int_equal(fdt_property_string(buf, "status", "disabled"), 0);
	cells("dma-ranges", 3, 0x0u, 0x0u, 0x100000u);
	node("e", 1, 1);
	cells("dma-ranges", 3, 0x0u, 0x0u, 0x100000u);
	end();
	end();
	assert_true(finish(&from) == UINT64_C(0x3fffffff));
	assert_string_equal(from, "/b");
	free(from);
}

static void test_untranslatable_and_partial(void **state)
{
	char *from = NULL;

	(void)state;
	begin(1, 1);
	node("soc", 1, 1);
	cells("dma-ranges", 3, 0x0u, 0x0u, 0x80000000u);
	/* soc bus 0x9000_0000 is outside soc's dma-ranges: ignored; so is a trailing partial entry */
	node("far", 1, 1);
	cells("dma-ranges", 5, 0x0u, 0x90000000u, 0x1000u, 0x0u, 0x0u);
	end();
	end();
	assert_true(finish(&from) == UINT64_C(0x7fffffff));
	assert_string_equal(from, "/soc");
	free(from);
}

static void test_wraps_saturate(void **state)
{
	(void)state;
	begin(2, 2);
	node("bus", 2, 2);
	/* reaches past 2^64: as good as no limit, never a wrapped small address */
	cells("dma-ranges", 6, 0x0u, 0x0u, 0xffffffffu, 0xfffff000u, 0x0u, 0x2000u);
	end();
	assert_true(finish(NULL) == UINT64_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_none),
		cmocka_unit_test(test_two_cells),
		cmocka_unit_test(test_one_cell),
		cmocka_unit_test(test_nested_translation),
		cmocka_unit_test(test_empty_and_absent_parents),
		cmocka_unit_test(test_minimum_wins),
		cmocka_unit_test(test_untranslatable_and_partial),
		cmocka_unit_test(test_wraps_saturate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
