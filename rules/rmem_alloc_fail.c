// SPDX-License-Identifier: MIT
/* rmem_alloc_fail: a dynamic region the kernel cannot place. */
#include "rule.h"

RULE_CHECK(rmem_alloc_fail)
{
	const struct kmodel *k = ctx->kmodel;

	for (size_t i = 0; i < k->nregions; i++) {
		const struct kregion *r = &k->regions[i];
		const struct rmem_node *n = r->node;
		char s1[SIZE_STR_MAX], s2[SIZE_STR_MAX];
		struct assumption assumed;

		if (!n || r->reason != RR_ALLOC_FAILED)
			continue;
		if (!board_ram_known(ctx->board))
			continue;
		if (n->nallocs)
			report_add(out, rule, SEV_OFF, AT(.node = n->path, .property = "size",
				   .loc = rule_loc(n, "size"), .kernel_message = r->kernel_message,
				   .assumed = rule_assumption(ctx, FACT_RAM, &assumed)),
				   "'%s' size %s does not fit in its alloc-ranges within RAM (largest free block there: %s)",
				   n->path, fmt_size(r->size, s1),
				   fmt_size(r->largest_free, s2));
		else
			report_add(out, rule, SEV_OFF, AT(.node = n->path, .property = "size",
				   .loc = rule_loc(n, "size"), .kernel_message = r->kernel_message,
				   .assumed = rule_assumption(ctx, FACT_RAM, &assumed)),
				   "'%s' size %s does not fit in RAM (largest free block: %s)",
				   n->path, fmt_size(r->size, s1), fmt_size(r->largest_free, s2));
	}
}
