// SPDX-License-Identifier: MIT
/*
 * The blob index answers as libfdt does: a phandle resolves to the first
 * node in blob order that carries it (also through linux,phandle), 0 and
 * 0xffffffff to none, and a node's phandle is what fdt_get_phandle() says.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>
#include <libfdt.h>

#include "fdtindex.h"

/* A blob whose nodes carry phandles out of order, one twice, one as linux,phandle. */
static void *make_blob(void)
{
	static const struct {
		const char *name, *prop;
		uint32_t ph;
	} nodes[] = {
		{ "a", "phandle", 5 }, { "b", "phandle", 3 }, { "c", NULL, 0 },
		{ "d", "linux,phandle", 9 }, { "e", "phandle", 3 }, { "f", "phandle", 0xffffffff },
	};
	size_t size = 4096;
	void *fdt = malloc(size);

	assert_non_null(fdt);
	assert_int_equal(fdt_create(fdt, (int)size), 0);
	assert_int_equal(fdt_finish_reservemap(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, ""), 0);
	for (size_t i = 0; i < sizeof(nodes) / sizeof(nodes[0]); i++) {
		assert_int_equal(fdt_begin_node(fdt, nodes[i].name), 0);
		if (nodes[i].prop)
			assert_int_equal(fdt_property_u32(fdt, nodes[i].prop, nodes[i].ph), 0);
		assert_int_equal(fdt_end_node(fdt), 0);
	}
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_finish(fdt), 0);
	return fdt;
}

static void phandles_as_libfdt(void **state)
{
	void *fdt = make_blob();
	struct fdt_index ix;

	(void)state;
	assert_int_equal(fdt_index_build(&ix, fdt), 0);
	assert_int_equal(ix.nnodes, 7);
	for (uint32_t ph = 0; ph <= 10; ph++) {
		int n = fdt_index_by_phandle(&ix, ph), off = fdt_node_offset_by_phandle(fdt, ph);

		if (off < 0)
			assert_int_equal(n, -1);
		else
			assert_int_equal(ix.nodes[n].offset, off);
	}
	assert_int_equal(fdt_index_by_phandle(&ix, 0xffffffff), -1);
	/* the duplicate 3 resolves to the first node, "b" */
	assert_string_equal(ix.nodes[fdt_index_by_phandle(&ix, 3)].name, "b");
	assert_string_equal(ix.nodes[fdt_index_by_phandle(&ix, 9)].name, "d");
	for (size_t n = 0; n < ix.nnodes; n++)
		assert_int_equal(fdt_index_phandle(&ix, (int)n), fdt_get_phandle(fdt, ix.nodes[n].offset));
	fdt_index_release(&ix);
	free(fdt);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(phandles_as_libfdt),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
