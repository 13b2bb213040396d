// SPDX-License-Identifier: MIT
/* srcpos_parse over dtc's annotated output: both position formats, labels, odd names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "srcpos.h"

static const char annotated[] =
	"/dts-v1/;\n"
	"\n"
	"/ { /* soc.dtsi:1:3-15:3, my b, \\\"x\\\".dts:3:3-7:3 */\n"
	"\t#address-cells = <0x02>; /* soc.dtsi:2:2-2:23 */\n"
	"\tmodel = \"a /* b */ c\"; /* ./-b.dts:4:2-4:14 */\n"
	"\n"
	"\treserved-memory { /* soc.dtsi:4:18-14:4 */\n"
	"\t\tcma: linux,cma { /* soc.dtsi:8:18-13:5, ./-b.dts:8:6-10:3 */\n"
	"\t\t\tlbl: size = <0x00 0x4c0000>; /* ./-b.dts:9:2-9:25 */\n"
	"\t\t\treusable; /* old.dtsi:10.4-13 */\n"
	"\t\t}; /* soc.dtsi:8:18-13:5, ./-b.dts:8:6-10:3 */\n"
	"\t}; /* soc.dtsi:4:18-14:4 */\n"
	"\n"
	"\tchosen {\n"
	"\t\tbootargs = \"x\";\n"
	"\t};\n"
	"};\n";

static void test_parse(void **state)
{
	struct srcpos_table t;
	const struct srcpos_entry *e;

	(void)state;
	srcpos_parse(&t, annotated, "./-b.dts", "-b.dts");
	e = srcpos_find(&t, "/", NULL);
	assert_non_null(e);
	assert_int_equal(e->nspans, 2);
	assert_string_equal(e->spans[1].file, "my b, \"x\".dts");
	assert_int_equal(e->spans[1].line, 3);

	e = srcpos_find(&t, "/", "model");
	assert_non_null(e);
	assert_string_equal(e->spans[0].file, "-b.dts");

	e = srcpos_find(&t, "/reserved-memory/linux,cma", NULL);
	assert_non_null(e);
	assert_int_equal(e->nspans, 2);
	assert_string_equal(e->spans[0].file, "soc.dtsi");
	assert_int_equal(e->spans[0].last_line, 13);

	e = srcpos_find(&t, "/reserved-memory/linux,cma", "size");
	assert_non_null(e);
	assert_string_equal(e->spans[0].file, "-b.dts");
	assert_int_equal(e->spans[0].line, 9);
	assert_int_equal(e->spans[0].column, 2);

	/* the older "file:L.C-C" form */
	e = srcpos_find(&t, "/reserved-memory/linux,cma", "reusable");
	assert_non_null(e);
	assert_string_equal(e->spans[0].file, "old.dtsi");
	assert_int_equal(e->spans[0].line, 10);
	assert_int_equal(e->spans[0].column, 4);
	assert_int_equal(e->spans[0].last_column, 13);

	/* no annotation, no entry; nesting still followed */
	assert_null(srcpos_find(&t, "/chosen", "bootargs"));
	assert_null(srcpos_find(&t, "/linux,cma", NULL));
	srcpos_release(&t);
}

static void test_fill(void **state)
{
	struct srcpos_table t;
	struct board b;
	struct rmem_node *n;

	(void)state;
	memset(&b, 0, sizeof(b));
	srcpos_parse(&t, annotated, NULL, NULL);
	n = b.nodes = calloc(1, sizeof(*b.nodes));
	b.nnodes = 1;
	n->path = strdup("/reserved-memory/linux,cma");
	n->props = calloc(1, sizeof(*n->props));
	n->nprops = 1;
	n->props[0].name = strdup("size");
	srcpos_fill_board(&b, &t);
	assert_string_equal(n->loc.file, "./-b.dts");
	assert_int_equal(n->loc.line, 8);
	/* last set in the board; the SoC block before it is the earlier definition */
	assert_int_equal(n->props[0].loc.line, 9);
	assert_int_equal(n->props[0].nmore, 1);
	assert_string_equal(n->props[0].more[0].file, "soc.dtsi");
	assert_int_equal(n->props[0].more[0].line, 8);
	srcpos_release(&t);
	board_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_fill),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
