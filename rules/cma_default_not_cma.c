// SPDX-License-Identifier: MIT
/* cma_default_not_cma: linux,cma-default on something that is not CMA. */
#include "rule.h"

RULE_CHECK(cma_default_not_cma)
{
	const struct board *b = ctx->board;

	for (size_t i = 0; i < b->nnodes; i++) {
		const struct rmem_node *n = &b->nodes[i];
		const char *why;

		if (!node_considered(ctx, n) || !n->cma_default || rmem_node_is_cma(n))
			continue;
		if (!rmem_node_has_compatible(n, "shared-dma-pool"))
			why = "its compatible is not 'shared-dma-pool'";
		else if (!n->reusable)
			why = "it lacks 'reusable'";
		else
			why = "it has 'no-map'";
		report_add(out, rule, SEV_OFF, AT(.node = n->path, .property = "linux,cma-default",
			   .loc = rule_loc(n, "linux,cma-default")),
			   "'%s' has 'linux,cma-default' but %s: no default CMA area comes from it", n->path, why);
	}
}
