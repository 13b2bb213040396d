// SPDX-License-Identifier: MIT
/* cma_kernel_disabled: CMA asked for, kernel built without it. */
#include "rule.h"

RULE_CHECK(cma_kernel_disabled)
{
	const struct board *b = ctx->board;
	const struct cmdline *cl = ctx->cmdline;

	if (ctx->profile->cma)
		return;
	for (size_t i = 0; i < b->nnodes; i++) {
		const struct rmem_node *n = &b->nodes[i];

		if (node_considered(ctx, n) && rmem_node_is_cma(n))
			report_add(out, rule, SEV_OFF, n->path, "reusable", rule_loc(n, "reusable"),
				   "'%s' is a CMA pool but the kernel is built without CONFIG_CMA/CONFIG_DMA_CMA: the node fails and its memory is returned",
				   n->path);
	}
	if (cl && cl->ncma)
		report_add(out, rule, SEV_OFF, NULL, NULL, NULL,
			   "'cma=' in %s has no effect: the kernel is built without CONFIG_CMA/CONFIG_DMA_CMA",
			   cl->source);
}
