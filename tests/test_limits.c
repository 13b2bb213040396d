// SPDX-License-Identifier: MIT
/*
 * test_limits.c - the input limits of docs/limits.md: trees built with
 * libfdt just below and just above each limit, and inputs that used to
 * take time or memory without bound.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <libfdt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "board.h"
#include "memblock.h"
#include "run.h"
#include "util.h"

#define BUF_SIZE (8u << 20)

/* What goes into a generated tree. */
struct shape {
	int depth;		/* nodes nested below the root */
	int rmem_children;	/* static 4 KiB nodes under /reserved-memory */
	int regs_per_child;	/* reg entries of each of them */
	int memreserve;		/* /memreserve/ entries */
	int banks;		/* reg entries of /memory */
	uint64_t bank_size;	/* size of each bank (default 4 KiB) */
};

static void cells(uint32_t *c, uint64_t addr, uint64_t size)
{
	c[0] = cpu_to_fdt32((uint32_t)(addr >> 32));
	c[1] = cpu_to_fdt32((uint32_t)addr);
	c[2] = cpu_to_fdt32((uint32_t)(size >> 32));
	c[3] = cpu_to_fdt32((uint32_t)size);
}

/* Build a tree with 2 address and 2 size cells; returns an allocated blob. */
static void *build(const struct shape *s)
{
	void *fdt = xcalloc(1, BUF_SIZE);
	uint64_t bsize = s->bank_size ? s->bank_size : 0x1000;
	uint32_t *reg;
	int nreg = s->banks > s->regs_per_child ? s->banks : s->regs_per_child;

	reg = xcalloc((size_t)(nreg ? nreg : 1), 4 * sizeof(*reg));
	assert_int_equal(fdt_create(fdt, BUF_SIZE), 0);
	for (int i = 0; i < s->memreserve; i++)
		assert_int_equal(fdt_add_reservemap_entry(fdt, 0x40000000 + (uint64_t)i * 0x2000, 0x1000), 0);
	assert_int_equal(fdt_finish_reservemap(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, ""), 0);
	assert_int_equal(fdt_property_u32(fdt, "#address-cells", 2), 0);
	assert_int_equal(fdt_property_u32(fdt, "#size-cells", 2), 0);

	assert_int_equal(fdt_begin_node(fdt, "memory@40000000"), 0);
	assert_int_equal(fdt_property_string(fdt, "device_type", "memory"), 0);
	if (s->banks) {
		for (int i = 0; i < s->banks; i++)
			cells(&reg[4 * i], 0x40000000 + (uint64_t)i * 2 * bsize, bsize);
	} else {
		cells(reg, 0x40000000, 0x80000000);
	}
	assert_int_equal(fdt_property(fdt, "reg", reg, (int)(16 * (s->banks ? s->banks : 1))), 0);
	assert_int_equal(fdt_end_node(fdt), 0);

	assert_int_equal(fdt_begin_node(fdt, "reserved-memory"), 0);
	assert_int_equal(fdt_property_u32(fdt, "#address-cells", 2), 0);
	assert_int_equal(fdt_property_u32(fdt, "#size-cells", 2), 0);
	assert_int_equal(fdt_property(fdt, "ranges", NULL, 0), 0);
	for (int i = 0; i < s->rmem_children; i++) {
		char name[32];
		int n = s->regs_per_child ? s->regs_per_child : 1;

		snprintf(name, sizeof(name), "r%d", i);
		for (int j = 0; j < n; j++)
			cells(&reg[4 * j], 0x40000000 + ((uint64_t)i * n + j) * 0x2000, 0x1000);
		assert_int_equal(fdt_begin_node(fdt, name), 0);
		assert_int_equal(fdt_property(fdt, "reg", reg, 16 * n), 0);
		assert_int_equal(fdt_end_node(fdt), 0);
	}
	assert_int_equal(fdt_end_node(fdt), 0);

	for (int i = 0; i < s->depth; i++)
		assert_int_equal(fdt_begin_node(fdt, "n"), 0);
	for (int i = 0; i < s->depth; i++)
		assert_int_equal(fdt_end_node(fdt), 0);

	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_finish(fdt), 0);
	free(reg);
	return fdt;
}

/* Load a tree of @s: 0, or -1 with the message in @err. */
static int load(const struct shape *s, char *err, size_t errlen)
{
	void *fdt = build(s);
	struct board b;
	int rc;

	err[0] = '\0';
	rc = board_load_blob(&b, "t.dtb", fdt, fdt_totalsize(fdt), NULL, err, errlen);
	board_release(&b);
	free(fdt);
	return rc;
}

static void expect_limit(const struct shape *below, const struct shape *above, const char *msg)
{
	char err[1024];

	if (load(below, err, sizeof(err)))
		fail_msg("just below the limit: %s", err);
	assert_int_equal(load(above, err, sizeof(err)), -1);
	if (!strstr(err, msg))
		fail_msg("'%s' does not mention '%s'", err, msg);
	assert_non_null(strstr(err, "'t.dtb'"));
	assert_null(strchr(err, '\n'));
}

static void test_depth(void **state)
{
	(void)state;
	expect_limit(&(struct shape){ .depth = CMALINT_MAX_DEPTH },
		     &(struct shape){ .depth = CMALINT_MAX_DEPTH + 1 }, "nested more than 64 deep");
}

static void test_rmem_children(void **state)
{
	(void)state;
	expect_limit(&(struct shape){ .rmem_children = CMALINT_MAX_REGIONS },
		     &(struct shape){ .rmem_children = CMALINT_MAX_REGIONS + 1 },
		     "more than 4096 nodes under '/reserved-memory'");
}

static void test_rmem_entries(void **state)
{
	(void)state;
	expect_limit(&(struct shape){ .rmem_children = 2, .regs_per_child = CMALINT_MAX_REGIONS / 2 },
		     &(struct shape){ .rmem_children = 2, .regs_per_child = CMALINT_MAX_REGIONS / 2 + 1 },
		     "more than 4096 reg and alloc-ranges entries under '/reserved-memory'");
}

static void test_memreserve(void **state)
{
	(void)state;
	expect_limit(&(struct shape){ .memreserve = CMALINT_MAX_REGIONS },
		     &(struct shape){ .memreserve = CMALINT_MAX_REGIONS + 1 }, "more than 4096 /memreserve/ entries");
}

static void test_banks(void **state)
{
	(void)state;
	expect_limit(&(struct shape){ .banks = CMALINT_MAX_REGIONS },
		     &(struct shape){ .banks = CMALINT_MAX_REGIONS + 1 }, "more than 4096 memory banks");
}

static void test_blob_size(void **state)
{
	size_t len = CMALINT_MAX_DTB_SIZE + 1;
	void *fdt = xcalloc(1, len);
	struct board b;
	char err[1024];

	(void)state;
	fdt_set_magic(fdt, FDT_MAGIC);
	assert_int_equal(board_load_blob(&b, "big.dtb", fdt, len, NULL, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "'big.dtb' is larger than the 64 MiB limit"));
	board_release(&b);
	free(fdt);
}

/* A tree with one /reserved-memory child called @node holding a property called @prop. */
static void *named(const char *node, const char *prop)
{
	void *fdt = xcalloc(1, 4096);

	assert_int_equal(fdt_create(fdt, 4096), 0);
	assert_int_equal(fdt_finish_reservemap(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, ""), 0);
	assert_int_equal(fdt_begin_node(fdt, "reserved-memory"), 0);
	assert_int_equal(fdt_begin_node(fdt, node), 0);
	assert_int_equal(fdt_property_u32(fdt, prop, 1), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_finish(fdt), 0);
	return fdt;
}

/* Names go into one-line messages and reports: control characters are refused. */
static void test_control_characters(void **state)
{
	static const struct { const char *node, *prop, *msg; } cases[] = {
		{ "pool", "size", NULL },
		{ "po\nol", "size", "the name of the node at offset" },
		{ "pool", "\x1b[31msize", "a property name in '/reserved-memory/pool' has a control character (0x1b)" },
		{ "pool\x7f", "size", "control character (0x7f)" },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		void *fdt = named(cases[i].node, cases[i].prop);
		struct board b;
		char err[1024] = "";
		int rc = board_load_blob(&b, "t.dtb", fdt, fdt_totalsize(fdt), NULL, err, sizeof(err));

		if (!cases[i].msg) {
			assert_int_equal(rc, 0);
		} else {
			assert_int_equal(rc, -1);
			if (!strstr(err, cases[i].msg))
				fail_msg("'%s' does not mention '%s'", err, cases[i].msg);
			assert_null(strchr(err, '\n'));
			assert_null(strchr(err, '\x1b'));
		}
		board_release(&b);
		free(fdt);
	}
}

static void on_alarm(int sig)
{
	(void)sig;
	fprintf(stderr, "timed out\n");
	_exit(3);
}

/*
 * The whole pipeline on a tree at the limits, and on RAM banks of 2^63
 * bytes (the arm64 memmap estimate once walked them section by section):
 * both finish. The alarm only catches a walk that never ends (it is
 * generous for a loaded machine under sanitizers); how fast the pipeline
 * is belongs to tools/bench.
 */
static void run_pipeline(const struct shape *s)
{
	char path[] = "/tmp/cmalint-limits.XXXXXX";
	void *fdt = build(s);
	int fd = mkstemp(path);
	struct run_opts o;
	struct board_result res;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, fdt, fdt_totalsize(fdt)), (ssize_t)fdt_totalsize(fdt));
	close(fd);
	free(fdt);
	run_opts_init(&o);
	signal(SIGALRM, on_alarm);
	alarm(300);
	lint_board(&res, path, &o);
	alarm(0);
	unlink(path);
	if (res.error)
		fail_msg("%s", res.error);
	assert_true(res.kmodel.nregions >= (size_t)s->rmem_children);
	board_result_release(&res);
}

static void test_pipeline_time(void **state)
{
	(void)state;
	run_pipeline(&(struct shape){ .rmem_children = CMALINT_MAX_REGIONS, .memreserve = 1000 });
	run_pipeline(&(struct shape){ .rmem_children = 1, .regs_per_child = CMALINT_MAX_REGIONS });
	run_pipeline(&(struct shape){ .banks = 2, .bank_size = UINT64_C(1) << 61 });
}

/* mlist_remove() is linear now; it must still cut exactly. */
static void test_mlist_remove(void **state)
{
	struct mlist l = { 0 };

	(void)state;
	mlist_add(&l, 0, 100);
	mlist_add(&l, 200, 300);
	mlist_remove(&l, 50, 250);
	assert_int_equal(l.n, 2);
	assert_true(l.r[0].base == 0 && l.r[0].end == 50);
	assert_true(l.r[1].base == 250 && l.r[1].end == 300);
	mlist_remove(&l, 40, 10);	/* empty: nothing changes */
	assert_int_equal(l.n, 2);
	assert_true(l.r[0].base == 0 && l.r[0].end == 50);
	mlist_remove(&l, 10, 20);
	assert_int_equal(l.n, 3);
	assert_true(l.r[0].end == 10 && l.r[1].base == 20 && l.r[1].end == 50);
	mlist_remove(&l, 0, UINT64_MAX);
	assert_int_equal(l.n, 0);
	mlist_release(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_rmem_children),
		cmocka_unit_test(test_rmem_entries),
		cmocka_unit_test(test_memreserve),
		cmocka_unit_test(test_banks),
		cmocka_unit_test(test_blob_size),
		cmocka_unit_test(test_control_characters),
		cmocka_unit_test(test_pipeline_time),
		cmocka_unit_test(test_mlist_remove),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
