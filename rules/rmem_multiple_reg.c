// SPDX-License-Identifier: MIT
/* rmem_multiple_reg: more than one range in 'reg'. */
#include "rule.h"

RULE_CHECK(rmem_multiple_reg)
{
	const struct board *b = ctx->board;

	for (size_t i = 0; i < b->nnodes; i++) {
		const struct rmem_node *n = &b->nodes[i];
		const struct kregion *r = kmodel_region_for(ctx->kmodel, n);
		char s1[SIZE_STR_MAX];

		if (!node_considered(ctx, n) || !n->reg.valid || n->nregs < 2)
			continue;
		if (ctx->profile->kb.rmem_multi_reg_unused)
			report_add(out, rule, SEV_OFF, AT(.node = n->path, .property = "reg",
				   .loc = rule_loc(n, "reg"), .kernel_message = r ? r->kernel_message : NULL),
				   "'%s' reg holds %zu ranges: kernel %s reserves and uses only the first and ignores the rest",
				   n->path, n->nregs, ctx->profile->kernel_str);
		else
			report_add(out, rule, SEV_OFF, AT(.node = n->path, .property = "reg",
				   .loc = rule_loc(n, "reg"), .kernel_message = r ? r->kernel_message : NULL),
				   "'%s' reg holds %zu ranges: all are reserved but only the first is used; %s stays reserved unused",
				   n->path, n->nregs, fmt_size(r ? r->extra_reserved : 0, s1));
	}
}
