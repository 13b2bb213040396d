// SPDX-License-Identifier: MIT
/* cmdline_mem_cut: mem= leaves a static region (DT 'reg', fixed cma=) outside the RAM the kernel keeps. */
#include <stdlib.h>

#include "rule.h"

RULE_CHECK(cmdline_mem_cut)
{
	const struct board *b = ctx->board;
	struct mlist full = { 0 }, kept = { 0 };
	char s1[SIZE_STR_MAX];
	char *banks;

	if (!b->mem_desc || !board_ram_known(b))
		return;
	banks = ram_desc(b);
	for (size_t i = 0; i < b->nram_full; i++)
		mlist_add(&full, b->ram_full[i].base, b->ram_full[i].base + b->ram_full[i].size);
	for (size_t i = 0; i < b->nram; i++)
		mlist_add(&kept, b->ram[i].base, b->ram[i].base + b->ram[i].size);
	for (size_t i = 0; i < ctx->kmodel->nregions; i++) {
		const struct kregion *r = &ctx->kmodel->regions[i];
		const struct rmem_node *n = r->node;
		uint64_t end = r->base + r->size;
		bool cma = r->kind == RK_CMA;
		const char *effect;
		struct assumption assumed;
		char *what;

		if (!r->has_base || !r->size || r->status == RS_BYPASSED || r->status == RS_DISABLED ||
		    (n && !node_considered(ctx, n)) || (!n && r->origin != RO_CMDLINE))
			continue;
		/* only what the board's RAM holds and mem= takes away: the rest is rmem_outside_ram's */
		if (!mlist_intersects(&full, r->base, end) || mlist_covers(&kept, r->base, end))
			continue;
		/* a no-map carve-out above mem= is the classic way to hide memory from Linux: fine */
		if (n && n->no_map && !cma)
			continue;
		what = n ? xasprintf("'%s'", n->path) : xstrdup("the 'cma=' area");
		if (cma && r->status == RS_RESERVED)
			effect = "the kernel creates the CMA pool on memory it no longer has, then fails activating it (an oops at boot)";
		else if (cma)
			effect = "as a CMA pool it cannot work";
		else
			effect = "the kernel reserves memory it does not manage; right if a device owns it, a mistake if it was meant to be RAM";
		report_add(out, rule, cma ? SEV_OFF : SEV_INFO, AT(.node = n ? n->path : NULL, .property = n ? "reg" : NULL,
			   .loc = n ? rule_loc(n, "reg") : b->mem_loc,
			   .kernel_message = r->kernel_message,
			   /* what mem= keeps is counted from the RAM /memory states */
			   .assumed = cma ? rule_assumption(ctx, FACT_RAM, &assumed) : NULL),
			   "%s leaves the kernel only %s of RAM: %s 0x%llx-0x%llx (%s) lies %sbeyond it; %s; raise mem= or move the region below the limit",
			   b->mem_desc, banks, what, (unsigned long long)r->base, (unsigned long long)(end - 1),
			   fmt_size(r->size, s1), mlist_intersects(&kept, r->base, end) ? "partly " : "", effect);
		free(what);
	}
	mlist_release(&full);
	mlist_release(&kept);
	free(banks);
}
