// SPDX-License-Identifier: MIT
/* coherent_pool_nomap: a coherent shared-dma-pool without no-map. */
#include "rule.h"

RULE_CHECK(coherent_pool_nomap)
{
	const struct board *b = ctx->board;
	bool arm = ctx->profile->arch == ARCH_ARM;

	for (size_t i = 0; i < b->nnodes; i++) {
		const struct rmem_node *n = &b->nodes[i];
		const struct kregion *r = kmodel_region_for(ctx->kmodel, n);

		if (!node_considered(ctx, n) || !rmem_node_has_compatible(n, "shared-dma-pool") || n->reusable ||
		    n->no_map)
			continue;
		if (arm) {
			report_add(out, rule, SEV_ERROR, AT(.node = n->path, .loc = rule_loc(n, NULL),
				   .kernel_message = r ? r->kernel_message : NULL),
				   "'%s' is a coherent DMA pool without 'no-map': 32-bit arm refuses it", n->path);
		} else if (!n->consumers) {
			report_add(out, rule, SEV_INFO, AT(.node = n->path, .loc = rule_loc(n, NULL)),
				   "'%s' is a coherent DMA pool without 'no-map': no enabled device lists it in 'memory-region' yet, but a device that does will fail at probe because it is System RAM; add 'no-map' or 'reusable'",
				   n->path);
		} else {
			report_add(out, rule, SEV_WARNING, AT(.node = n->path, .loc = rule_loc(n, NULL)),
				   "'%s' is a coherent DMA pool without 'no-map': mapping it write-combined fails at device probe because it is System RAM; add 'no-map' or 'reusable'",
				   n->path);
		}
	}
}
