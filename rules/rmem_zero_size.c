// SPDX-License-Identifier: MIT
/* rmem_zero_size: a region of size 0. */
#include "rule.h"

RULE_CHECK(rmem_zero_size)
{
	const struct board *b = ctx->board;

	for (size_t i = 0; i < b->nnodes; i++) {
		const struct rmem_node *n = &b->nodes[i];
		const struct kregion *r = kmodel_region_for(ctx->kmodel, n);

		if (!node_considered(ctx, n))
			continue;
		if (n->reg.present && n->reg.valid) {
			for (size_t j = 0; j < n->nregs; j++) {
				if (n->regs[j].size)
					continue;
				report_add(out, rule, SEV_OFF, AT(.node = n->path, .property = "reg",
					   .loc = rule_loc(n, "reg"),
					   .kernel_message = r ? r->kernel_message : NULL),
					   "'%s' reg entry %zu has size 0: the kernel fails to reserve it (a bootloader that fills it in must do so before boot)",
					   n->path, j);
			}
		} else if (!n->reg.present && n->size.valid && !n->size_value) {
			report_add(out, rule, SEV_OFF, AT(.node = n->path, .property = "size",
				   .loc = rule_loc(n, "size"),
				   .kernel_message = r ? r->kernel_message : NULL),
				   "'%s' size is 0: the kernel fails to allocate it", n->path);
		}
	}
}
