// SPDX-License-Identifier: MIT
/* rmem_dma_unreachable: a pool a device lists lies outside the CPU window its bus's dma-ranges reach. */
#include "rule.h"

/* The regions the DMA API hands to the device by physical address: its CMA area, coherent or swiotlb pool. */
static bool dma_api_pool(const struct rmem_node *n, const struct kregion *r)
{
	return r->kind == RK_CMA || r->kind == RK_DMA_POOL || rmem_node_has_compatible(n, "restricted-dma-pool");
}

/* How much of [lo, hi] the device's windows (sorted, merged) reach: 0 none, 1 part, 2 all. */
static int reach(const struct region_user *u, uint64_t lo, uint64_t hi)
{
	bool any = false;

	for (unsigned i = 0; i < u->ndma_win; i++) {
		const struct dma_win *w = &u->dma_win[i];

		if (w->lo <= lo && hi <= w->hi)
			return 2;
		any |= w->lo <= hi && lo <= w->hi;
	}
	return any ? 1 : 0;
}

/* "0x0-0x3fffffff and 0x80000000-0xbfffffff": the windows for the message (at most 42 bytes each). */
#define WINDOWS_DESC_MAX 512
_Static_assert(CMALINT_MAX_DMA_WINDOWS * 42 < WINDOWS_DESC_MAX, "every window fits the message");
static void windows_desc(const struct region_user *u, char *buf, size_t len)
{
	size_t at = 0;

	buf[0] = '\0';
	for (unsigned i = 0; i < u->ndma_win && at < len; i++) {
		int n = snprintf(buf + at, len - at, "%s0x%llx-0x%llx",
				 i == 0 ? "" : i + 1 == u->ndma_win ? " and " : ", ",
				 (unsigned long long)u->dma_win[i].lo, (unsigned long long)u->dma_win[i].hi);

		if (n < 0)
			break;
		at += (size_t)n;
	}
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
			char s1[SIZE_STR_MAX], wins[WINDOWS_DESC_MAX];
			int reached;

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
			reached = reach(u, r->base, last);
			if (reached == 2)
				continue;
			outside = reached == 0;
			windows_desc(u, wins, sizeof(wins));
			/*
			 * Certain when the board states the pool's place and no byte of it
			 * is reachable; a place the model predicts, or a pool only partly
			 * outside (the allocation may land in the reachable part), warns.
			 */
			report_add(out, rule, outside && r->origin == RO_REG ? SEV_ERROR : SEV_WARNING,
				   AT(.node = u->path, .property = "memory-region"),
				   "'%s' cannot reach %s its pool '%s' at 0x%llx-0x%llx (%s): the dma-ranges of '%s' "
				   "reach CPU addresses %s only and it has no IOMMU; move the pool into %s or give the "
				   "device an IOMMU",
				   u->path, outside ? "any of" : "all of", n->path, (unsigned long long)r->base,
				   (unsigned long long)last, fmt_size(r->size, s1), u->dma_from, wins,
				   u->ndma_win > 1 ? "one of those windows" : "that window");
		}
	}
}
