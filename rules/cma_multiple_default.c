// SPDX-License-Identifier: MIT
/* cma_multiple_default: several linux,cma-default nodes. */
#include "rule.h"

RULE_CHECK(cma_multiple_default)
{
	const struct board *b = ctx->board;
	const struct rmem_node *first = NULL;
	const struct kmodel *k = ctx->kmodel;
	const char *keeper = k->default_source == DEF_DT ? k->regions[k->default_index].name : NULL;

	for (size_t i = 0; i < b->nnodes; i++) {
		const struct rmem_node *n = &b->nodes[i];

		if (!node_considered(ctx, n) || !n->cma_default)
			continue;
		if (!first) {
			first = n;
			continue;
		}
		report_add(out, rule, SEV_OFF, AT(.node = n->path, .property = "linux,cma-default",
			   .loc = rule_loc(n, "linux,cma-default")),
			   "'%s' is a second 'linux,cma-default' (after '%s'): each pool is created and the kernel keeps %s%s%s as the default area",
			   n->path, first->path, keeper ? "'" : "only the last one set", keeper ? keeper : "",
			   keeper ? "'" : "");
	}
}
