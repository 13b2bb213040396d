// SPDX-License-Identifier: MIT
/* cma_reusable_nomap: 'reusable' and 'no-map' together. */
#include "rule.h"

RULE_CHECK(cma_reusable_nomap)
{
	const struct board *b = ctx->board;

	for (size_t i = 0; i < b->nnodes; i++) {
		const struct rmem_node *n = &b->nodes[i];
		const struct kregion *r = kmodel_region_for(ctx->kmodel, n);
		bool released = ctx->profile->kb.reusable_nomap_released;
		/* 6.13+: reserved (and unmapped) at scan time, never given back */
		bool hole = ctx->profile->kb.reusable_nomap_hole;

		if (!node_considered(ctx, n) || !n->reusable || !n->no_map)
			continue;
		if (rmem_node_has_compatible(n, "shared-dma-pool"))
			report_add(out, rule, SEV_OFF, AT(.node = n->path, .property = "no-map",
				   .loc = rule_loc(n, "no-map"),
				   .kernel_message = r ? r->kernel_message : NULL),
				   "'%s' has both 'reusable' and 'no-map': the kernel refuses it as CMA and as a DMA pool and %s; drop 'no-map' for CMA",
				   n->path, hole ? "keeps the memory as a no-map hole, lost to the system"
				   : released ? "gives the memory back" : "keeps the memory reserved, unused");
		else
			report_add(out, rule, SEV_OFF, AT(.node = n->path, .property = "no-map",
				   .loc = rule_loc(n, "no-map"),
				   .kernel_message = r ? r->kernel_message : NULL),
				   "'%s' has both 'reusable' and 'no-map', which the reserved-memory binding forbids: the memory cannot be reused",
				   n->path);
	}
}
