// SPDX-License-Identifier: MIT
/* rmem_placed_high: dynamic regions that land above the DMA limit. */
#include "rule.h"

RULE_CHECK(rmem_placed_high)
{
	const struct kmodel *k = ctx->kmodel;
	char s1[SIZE_STR_MAX], lim[DMA_LIMIT_DESC_MAX];
	struct assumption assumed;

	if (!k->arch_dma_limit)
		return;
	for (size_t i = 0; i < k->nregions; i++) {
		const struct kregion *r = &k->regions[i];
		const struct rmem_node *n = r->node;

		if (!n || r->origin != RO_SIZE || r->status != RS_RESERVED || !r->has_base || n->alloc_ranges.present)
			continue;
		if (r->base + r->size <= k->arch_dma_limit)
			continue;
		report_add(out, rule, SEV_OFF, AT(.node = n->path, .property = "size",
			   .loc = rule_loc(n, "size"), .assumed = rule_assumption(ctx, FACT_ARM_ZONE_DMA, &assumed)),
			   "'%s' has no 'alloc-ranges' and lands at 0x%llx, above %s: devices limited to %s cannot reach it; add alloc-ranges below the limit",
			   n->path, (unsigned long long)r->base, dma_limit_desc(k, lim),
			   fmt_size(k->arch_dma_limit, s1));
	}
}
