// SPDX-License-Identifier: MIT
/* rmem_dma_unreachable: a pool a device lists lies outside the CPU window its bus's dma-ranges reach. */
#include "rule.h"

/* The regions the DMA API hands to the device by physical address: its CMA area, coherent or swiotlb pool. */
static bool dma_api_pool(const struct rmem_node *n, const struct kregion *r)
{
	return r->kind == RK_CMA || r->kind == RK_DMA_POOL || rmem_node_has_compatible(n, "restricted-dma-pool");
}

RULE_CHECK(rmem_dma_unreachable)
{
	const struct board *b = ctx->board;

	for (size_t i = 0; i < b->nusers; i++) {
		const struct region_user *u = &b->users[i];

		if (!u->available || u->iommu || !u->has_dma_window)
			continue;
		for (unsigned j = 0; j < u->nregions; j++) {
			const struct rmem_node *n;
			const struct kregion *r;
			uint64_t last;
			bool outside, dup = false;
			char s1[SIZE_STR_MAX];

			if (u->target[j] < 0)
				continue;
			for (unsigned k = 0; k < j; k++)
				dup |= u->target[k] == u->target[j];
			n = &b->nodes[u->target[j]];
			r = kmodel_region_for(ctx->kmodel, n);
			if (dup || !node_considered(ctx, n) || !r || !dma_api_pool(n, r) || r->status != RS_RESERVED ||
			    !r->has_base || !r->size || r->ram_place != RAM_INSIDE)
				continue;
			last = r->base + (r->size - 1);
			if (r->base >= u->dma_lo && last <= u->dma_hi)
				continue;
			outside = r->base > u->dma_hi || last < u->dma_lo;
			/*
			 * Certain when the board states the pool's place and no byte of it
			 * is reachable; a place the model predicts, or a pool only partly
			 * outside (the allocation may land in the reachable part), warns.
			 */
			report_add(out, rule, outside && r->origin == RO_REG ? SEV_ERROR : SEV_WARNING,
				   AT(.node = u->path, .property = "memory-region"),
				   "'%s' cannot reach %s its pool '%s' at 0x%llx-0x%llx (%s): the dma-ranges of '%s' "
				   "reach CPU addresses 0x%llx-0x%llx only and it has no IOMMU; move the pool into that "
				   "window or give the device an IOMMU",
				   u->path, outside ? "any of" : "all of", n->path, (unsigned long long)r->base,
				   (unsigned long long)last, fmt_size(r->size, s1), u->dma_from,
				   (unsigned long long)u->dma_lo, (unsigned long long)u->dma_hi);
		}
	}
}
