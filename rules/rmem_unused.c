// SPDX-License-Identifier: MIT
/* rmem_unused: memory reserved for a user the tree does not have. */
#include <string.h>

#include "rule.h"

/* A binding other than the generic pool's names its user (ramoops, rmtfs, a firmware's). */
static bool has_binding(const struct rmem_node *n)
{
	for (size_t i = 0; i < n->ncompatible; i++)
		if (strcmp(n->compatible[i], "shared-dma-pool"))
			return true;
	return false;
}

RULE_CHECK(rmem_unused)
{
	const struct board *b = ctx->board;

	for (size_t i = 0; i < b->nnodes; i++) {
		const struct rmem_node *n = &b->nodes[i];
		const struct kregion *r = kmodel_region_for(ctx->kmodel, n);
		char s1[SIZE_STR_MAX];

		/*
		 * A static no-map carve-out is usually a firmware's, which no node
		 * names; a default area serves every device; memory outside RAM is
		 * taken from no one. What is left is a pool the kernel allocates, or
		 * mapped RAM set aside, for a device that is not there.
		 */
		if (!node_considered(ctx, n) || n->consumers || n->cma_default || n->dma_default || has_binding(n) ||
		    !r || r->status != RS_RESERVED || !r->size || r->ram_place != RAM_INSIDE || (n->no_map && n->reg.present))
			continue;
		report_add(out, rule, SEV_OFF, AT(.node = n->path, .loc = rule_loc(n, NULL)),
			   "'%s' sets %s aside for no one: no enabled device lists it in 'memory-region' and no "
			   "binding names its user; remove it or give it its device",
			   n->path, fmt_size(r->size, s1));
	}
}
