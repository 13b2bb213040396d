// SPDX-License-Identifier: MIT
/* cma_above_dma_limit: fixed CMA regions above the DMA zone. */
#include "rule.h"

RULE_CHECK(cma_above_dma_limit)
{
	const struct kmodel *k = ctx->kmodel;
	char lim[DMA_LIMIT_DESC_MAX], s1[SIZE_STR_MAX];
	struct assumption assumed;

	if (!k->arch_dma_limit)
		return;
	for (size_t i = 0; i < k->nregions; i++) {
		const struct kregion *r = &k->regions[i];
		const char *node = r->node ? r->node->path : NULL, *prop = r->node ? "reg" : NULL;
		const struct srcloc *loc = r->node ? rule_loc(r->node, "reg") : NULL;

		if (r->kind != RK_CMA || r->status != RS_RESERVED || !r->has_base)
			continue;
		if (r->origin != RO_REG && r->origin != RO_CMDLINE)
			continue;
		if (r->base + r->size <= k->arch_dma_limit)
			continue;
		/* a pool outside RAM fails whatever its address (rmem_outside_ram says so) */
		if (r->ram_place != RAM_INSIDE)
			continue;
		if (!r->node)
			cmdline_site(ctx, &node, &prop, &loc);
		report_add(out, rule, SEV_OFF, AT(.node = node, .property = prop, .loc = loc,
			   .assumed = rule_assumption(ctx, FACT_ARM_ZONE_DMA, &assumed)),
			   "'%s' CMA at 0x%llx-0x%llx reaches above %s: devices %s%s cannot use that part",
			   r->name, (unsigned long long)r->base, (unsigned long long)(r->base + r->size - 1),
			   dma_limit_desc(k, lim), k->dma_limit_from ? "limited to " : "with 32-bit DMA",
			   k->dma_limit_from ? fmt_size(k->arch_dma_limit, s1) : "");
	}
}
