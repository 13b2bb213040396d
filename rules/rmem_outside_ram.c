// SPDX-License-Identifier: MIT
/* rmem_outside_ram: static regions (DT 'reg', fixed cma=) not wholly inside RAM. */
#include <stdlib.h>

#include "rule.h"

RULE_CHECK(rmem_outside_ram)
{
	const struct board *b = ctx->board;
	struct mlist ram = { 0 };
	char s1[SIZE_STR_MAX];
	char *banks;

	if (!board_ram_known(b))
		return;
	banks = ram_desc(b);
	/* what mem= cut off is cmdline_mem_cut's: judge against the board's whole RAM */
	for (size_t i = 0; i < (b->mem_desc ? b->nram_full : b->nram); i++) {
		const struct ram_bank *bk = b->mem_desc ? &b->ram_full[i] : &b->ram[i];

		mlist_add(&ram, bk->base, bk->base + bk->size);
	}
	for (size_t i = 0; i < b->nnodes; i++) {
		const struct rmem_node *n = &b->nodes[i];
		const struct kregion *r = kmodel_region_for(ctx->kmodel, n);

		if (!node_considered(ctx, n) || !n->reg.valid)
			continue;
		for (size_t j = 0; j < n->nregs; j++) {
			uint64_t base = n->regs[j].base, size = n->regs[j].size, end = base + size;
			bool cma = rmem_node_is_cma(n), partly;
			const char *effect;
			struct assumption assumed;

			/* a node the command line bypasses is never read: nothing is placed */
			if (!size || mlist_covers(&ram, base, end) || (r && r->status == RS_BYPASSED))
				continue;
			/*
			 * memblock reserves or marks no-map memory that is not there without
			 * failing, and a no-map pool is memremap()ed: on-chip SRAM, video RAM, a
			 * hole in /memory. Only a CMA pool needs its pages to be RAM.
			 */
			if (cma && r && r->status == RS_RESERVED)
				effect = "the kernel creates the CMA pool, then fails activating it (an oops at boot)";
			else if (cma)
				effect = "as a CMA pool it cannot work";
			else
				effect = "the kernel reserves it without complaint; right for on-chip SRAM or device memory, "
					 "a mistake if it was meant to be RAM";
			partly = mlist_intersects(&ram, base, end);
			report_add(out, rule, cma ? SEV_OFF : SEV_INFO, AT(.node = n->path, .property = "reg",
				   .loc = rule_loc(n, "reg"),
				   .assumed = cma ? rule_assumption(ctx, FACT_RAM, &assumed) : NULL),
				       "'%s' 0x%llx-0x%llx (%s) lies %soutside RAM (%s): %s",
				       n->path, (unsigned long long)base, (unsigned long long)(end - 1), fmt_size(size, s1),
				       partly ? "partly " : "", banks, effect);
		}
	}
	/* a fixed cma=SIZE@BASE is reserved like a 'reg' node: memblock accepts non-RAM */
	for (size_t i = 0; i < ctx->kmodel->nregions; i++) {
		const struct kregion *r = &ctx->kmodel->regions[i];
		const char *node, *prop;
		const struct srcloc *loc;
		struct assumption assumed;

		if (r->origin != RO_CMDLINE || r->status != RS_RESERVED || !r->has_base || !r->size ||
		    !ctx->cmdline || !ctx->cmdline->resolved.fixed || mlist_covers(&ram, r->base, r->base + r->size))
			continue;
		cmdline_site(ctx, &node, &prop, &loc);
		report_add(out, rule, SEV_OFF, AT(.node = node, .property = prop, .loc = loc,
			   .assumed = rule_assumption(ctx, FACT_RAM, &assumed)),
			   "'cma=' fixes the default CMA area at 0x%llx-0x%llx (%s), %s RAM (%s): the kernel reserves it, then fails activating it",
			   (unsigned long long)r->base, (unsigned long long)(r->base + r->size - 1), fmt_size(r->size, s1),
			   mlist_intersects(&ram, r->base, r->base + r->size) ? "partly outside" : "outside", banks);
	}
	mlist_release(&ram);
	free(banks);
}
