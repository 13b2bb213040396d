// SPDX-License-Identifier: MIT
/* rmem_reg_and_size: 'reg' and 'size' together, or neither. */
#include "rule.h"

RULE_CHECK(rmem_reg_and_size)
{
	const struct board *b = ctx->board;

	for (size_t i = 0; i < b->nnodes; i++) {
		const struct rmem_node *n = &b->nodes[i];

		if (!node_considered(ctx, n))
			continue;
		if (n->reg.present && n->size.present)
			report_add(out, rule, SEV_OFF, AT(.node = n->path, .property = "size",
				   .loc = rule_loc(n, "size")),
				   "'%s' has both 'reg' and 'size': the kernel uses 'reg' and ignores 'size'", n->path);
		else if (!n->reg.present && !n->size.present)
			report_add(out, rule, SEV_OFF, AT(.node = n->path, .loc = rule_loc(n, NULL)),
				   "'%s' has neither 'reg' nor 'size': nothing is reserved", n->path);
	}
}
