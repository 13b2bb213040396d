// SPDX-License-Identifier: MIT
/*
 * cmdline.c - fuzz target: the kernel command line and `cma=`.
 *
 * seeds: cmdline
 *
 * The input is a command line. cmdline_parse() must keep every `cma=`
 * within the text and replay them in order; cl_memparse() must agree with
 * strtoull() on every number it reads without overflow; then the command
 * line goes through the kernel model and the rules with a fixed board, as
 * --bootargs does.
 */
#include <ctype.h>
#include <errno.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "fuzz_util.h"
#include "run.h"

static void *board_fdt;

static int prop_cells(void *fdt, const char *name, const uint32_t *v, size_t n)
{
	uint32_t be[8];

	for (size_t i = 0; i < n && i < ARRAY_SIZE(be); i++)
		be[i] = cpu_to_fdt32(v[i]);
	return fdt_property(fdt, name, be, (int)(n * 4));
}

#define TRY(call) FUZZ_CHECK((call) == 0, "cannot build the board: %s", #call)

/* An E2000Q-like board: 2 GiB at 2 GiB and 6 GiB above 4 GiB, a static and a dynamic pool. */
static void *make_board(void)
{
	static const uint32_t mem[] = { 0, 0x80000000, 0, 0x80000000, 0x20, 0, 0x1, 0x80000000 };
	static const uint32_t fixed[] = { 0, 0xa0000000, 0, 0x01000000 };
	static const uint32_t size[] = { 0, 0x10000000 };
	static const uint32_t allocs[] = { 0, 0x80000000, 0, 0x80000000 };
	void *fdt = xcalloc(1, 4096);

	TRY(fdt_create(fdt, 4096));
	TRY(fdt_finish_reservemap(fdt));
	TRY(fdt_begin_node(fdt, ""));
	TRY(fdt_property_u32(fdt, "#address-cells", 2));
	TRY(fdt_property_u32(fdt, "#size-cells", 2));
	TRY(fdt_begin_node(fdt, "memory@80000000"));
	TRY(fdt_property_string(fdt, "device_type", "memory"));
	TRY(prop_cells(fdt, "reg", mem, ARRAY_SIZE(mem)));
	TRY(fdt_end_node(fdt));
	TRY(fdt_begin_node(fdt, "reserved-memory"));
	TRY(fdt_property_u32(fdt, "#address-cells", 2));
	TRY(fdt_property_u32(fdt, "#size-cells", 2));
	TRY(fdt_property(fdt, "ranges", NULL, 0));
	TRY(fdt_begin_node(fdt, "fw@a0000000"));
	TRY(prop_cells(fdt, "reg", fixed, ARRAY_SIZE(fixed)));
	TRY(fdt_property(fdt, "no-map", NULL, 0));
	TRY(fdt_end_node(fdt));
	TRY(fdt_begin_node(fdt, "linux,cma"));
	TRY(fdt_property_string(fdt, "compatible", "shared-dma-pool"));
	TRY(fdt_property(fdt, "reusable", NULL, 0));
	TRY(prop_cells(fdt, "size", size, ARRAY_SIZE(size)));
	TRY(prop_cells(fdt, "alloc-ranges", allocs, ARRAY_SIZE(allocs)));
	TRY(fdt_property(fdt, "linux,cma-default", NULL, 0));
	TRY(fdt_end_node(fdt));
	TRY(fdt_end_node(fdt));
	TRY(fdt_end_node(fdt));
	TRY(fdt_finish(fdt));
	return fdt;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	board_fdt = make_board();
	return 0;
}

/* cl_memparse() reads like simple_strtoull(s, 0) plus a suffix: compare with strtoull(). */
static void check_memparse(const char *s)
{
	struct memparse_result m;
	char *digits, *end;
	size_t n;
	unsigned long long v;

	cl_memparse(s, &m);
	FUZZ_CHECK(m.consumed <= strlen(s), "memparse read past the string");
	FUZZ_CHECK(m.digits || (m.consumed == 0 && m.value == 0), "memparse took '%.20s' without digits", s);
	if (!m.digits || m.overflow)
		return;
	n = m.consumed - (m.suffix ? 1 : 0);
	digits = xstrndup(s, n);
	errno = 0;
	v = strtoull(digits, &end, 0);
	FUZZ_CHECK(!errno && *end == '\0', "strtoull rejects '%s' that memparse read", digits);
	if (m.suffix) {
		static const char units[] = "KMGTPE";
		const char *u = strchr(units, toupper((unsigned char)s[n]));

		FUZZ_CHECK(u && *u, "memparse took '%c' as a suffix", s[n]);
		v <<= (u - units + 1) * 10;
	}
	FUZZ_CHECK(m.value == v, "memparse '%s' = %llu, strtoull and the suffix = %llu", s,
		   (unsigned long long)m.value, v);
	free(digits);
}

static void check_cmdline(const char *s)
{
	struct cmdline cl;
	size_t len = strlen(s);

	cmdline_parse(&cl, s, "fuzz");
	FUZZ_CHECK(!strcmp(cl.value, s), "the command line was not kept");
	for (size_t i = 0; i < cl.ncma; i++) {
		const struct cma_arg *a = &cl.cma[i];

		FUZZ_CHECK(a->index == i, "cma= %zu has index %u", i, a->index);
		FUZZ_CHECK(a->offset < len && (i == 0 || a->offset > cl.cma[i - 1].offset),
			   "cma= %zu at offset %zu is out of order", i, a->offset);
		if (!a->text)
			continue;
		FUZZ_CHECK(!a->trailing || (a->trailing >= a->text && a->trailing < a->text + strlen(a->text)),
			   "cma= %zu trailing text outside its value", i);
		check_memparse(a->text);
	}
	if (cl.resolved.given)
		FUZZ_CHECK(cl.resolved.size_from >= 0 && (size_t)cl.resolved.size_from < cl.ncma &&
			   cl.resolved.size == cl.cma[cl.resolved.size_from].size.value,
			   "the resolved cma= size does not come from an occurrence");
	cmdline_release(&cl);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const kernels[] = { "6.12", "5.4", "6.19" };
	char *s = fuzz_cstr(data, size);

	check_memparse(s);
	check_cmdline(s);
	for (size_t i = 0; i < ARRAY_SIZE(kernels); i++) {
		struct board_result res = { 0 };
		struct run_opts o;
		char err[1024];

		run_opts_init(&o);
		FUZZ_CHECK(kver_parse(kernels[i], &o.profile.kernel) == 0, "bad kernel");
		snprintf(o.profile.kernel_str, sizeof(o.profile.kernel_str), "%s", kernels[i]);
		o.bootargs = s;
		res.input = xstrdup("fuzz.dtb");
		FUZZ_CHECK(board_load_blob(&res.board, res.input, board_fdt, fdt_totalsize(board_fdt), &o.load,
					   err, sizeof(err)) == 0, "the fixed board does not load: %s", err);
		fuzz_lint(&res, &o, board_fdt);
	}
	free(s);
	return 0;
}
