// SPDX-License-Identifier: MIT
/*
 * dtb.c - fuzz target: DTB loading and the board model.
 *
 * seeds: dtb
 *
 * Any blob either loads or fails with a one-line message; a loaded board
 * holds every /reserved-memory child and /memreserve/ entry libfdt sees,
 * and every range it keeps fits in 64 bits.
 */
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "fuzz_util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static void check_board(const struct board *b, const void *fdt)
{
	int node = fdt_path_offset(fdt, "/reserved-memory"), child;
	size_t children = 0, rsv = 0;
	uint64_t end;

	if (node >= 0)
		fdt_for_each_subnode(child, fdt, node)
			children++;
	FUZZ_CHECK(b->rmem.present == (node >= 0), "/reserved-memory present %d, libfdt says %d",
		   b->rmem.present, node >= 0);
	FUZZ_CHECK(b->nnodes == children, "%zu reserved-memory nodes in the model, libfdt sees %zu",
		   b->nnodes, children);
	for (int i = 0, n = fdt_num_mem_rsv(fdt); i < n; i++) {
		uint64_t a, s;

		if (fdt_get_mem_rsv(fdt, i, &a, &s) < 0 || !s)
			break;
		rsv++;
	}
	FUZZ_CHECK(b->nmemreserve == rsv, "%zu /memreserve/ entries in the model, libfdt sees %zu",
		   b->nmemreserve, rsv);

	for (size_t i = 0; i < b->nram; i++)
		FUZZ_CHECK(b->ram[i].size && range_end(b->ram[i].base, b->ram[i].size, &end),
			   "RAM bank %zu is empty or wraps", i);
	for (size_t i = 0; i < b->nmemreserve; i++)
		FUZZ_CHECK(range_end(b->memreserve[i].base, b->memreserve[i].size, &end),
			   "/memreserve/ entry %zu wraps", i);
	for (size_t i = 0; i < b->nnodes; i++) {
		const struct rmem_node *n = &b->nodes[i];

		FUZZ_CHECK(n->path && n->name && !strncmp(n->path, b->rmem.path, strlen(b->rmem.path)),
			   "node %zu has no path under '%s'", i, b->rmem.path);
		FUZZ_CHECK(!n->reg.valid || n->nregs * (b->root_addr_cells + b->root_size_cells) * 4 ==
			   (size_t)n->reg.len, "'%s' reg decoded into %zu entries from %d bytes",
			   n->path, n->nregs, n->reg.len);
		for (size_t j = 0; j < n->nregs; j++)
			FUZZ_CHECK(range_end(n->regs[j].base, n->regs[j].size, &end), "'%s' reg %zu wraps",
				   n->path, j);
		for (size_t j = 0; j < n->nallocs; j++)
			FUZZ_CHECK(range_end(n->allocs[j].base, n->allocs[j].size, &end),
				   "'%s' alloc-ranges %zu wraps", n->path, j);
		for (size_t j = 0; j < n->nprops; j++)
			(void)rmem_node_prop(n, n->props[j].name);
		(void)rmem_node_has_compatible(n, "shared-dma-pool");
	}
	(void)board_ram_bytes(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct ram_bank cli_ram[] = { { .base = 0x40000000, .size = 0x80000000 } };
	const struct load_opts ram_opts = { .ram = cli_ram, .nram = 1 };
	struct board b;
	char err[1024];

	if (board_load_blob(&b, "fuzz.dtb", data, size, NULL, err, sizeof(err)) == 0)
		check_board(&b, data);
	else
		fuzz_check_error(err);
	board_release(&b);

	/* --ram replaces /memory: the rest of the model must not change. */
	if (board_load_blob(&b, "fuzz.dtb", data, size, &ram_opts, err, sizeof(err)) == 0) {
		FUZZ_CHECK(b.nram == 1 && b.ram_from_cli, "--ram did not replace /memory");
		check_board(&b, data);
	} else {
		fuzz_check_error(err);
	}
	board_release(&b);
	return 0;
}
