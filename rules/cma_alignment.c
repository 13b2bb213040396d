// SPDX-License-Identifier: MIT
/* cma_alignment: CMA base and size must be multiples of the granule. */
#include <stdio.h>

#include "rule.h"

RULE_CHECK(cma_alignment)
{
	const struct board *b = ctx->board;
	const struct profile *p = ctx->profile;
	uint64_t g = p->cma_granule;
	char gs[SIZE_STR_MAX], s1[SIZE_STR_MAX], s2[SIZE_STR_MAX], s3[SIZE_STR_MAX], pd[64], extra[160];

	if (!p->cma)
		return;
	fmt_size(g, gs);
	profile_desc(p, pd, sizeof(pd));
	for (size_t i = 0; i < b->nnodes; i++) {
		const struct rmem_node *n = &b->nodes[i];
		const struct kregion *r = kmodel_region_for(ctx->kmodel, n);
		const char *km = r && r->reason == RR_CMA_MISALIGNED ? r->kernel_message : NULL;
		uint64_t size;

		if (!node_considered(ctx, n) || !rmem_node_is_cma(n))
			continue;
		extra[0] = '\0';
		if (n->alignment.present && n->alignment.valid && n->alignment_value < g)
			snprintf(extra, sizeof(extra), "; its 'alignment' of %s cannot lower it",
				 fmt_size(n->alignment_value, s3));
		if (n->reg.present && n->reg.valid && n->nregs) {
			uint64_t base = n->regs[0].base;

			size = n->regs[0].size;
			if (base % g) {
				report_add(out, rule, SEV_OFF, AT(.node = n->path, .property = "reg",
					   .loc = rule_loc(n, "reg"), .kernel_message = km),
					   "'%s' base 0x%llx is not a multiple of the %s CMA granule (%s)%s: the kernel drops the region",
					   n->path, (unsigned long long)base, gs, pd, extra);
			}
		} else if (!n->reg.present && n->size.valid) {
			size = n->size_value;
		} else {
			continue;
		}
		if (size && size % g) {
			uint64_t down = size - size % g, up = down + g;

			if (down)
				report_add(out, rule, SEV_OFF, AT(.node = n->path,
					   .property = n->reg.present ? "reg" : "size",
					   .loc = rule_loc(n, n->reg.present ? "reg" : "size"),
					   .kernel_message = km),
					   "'%s' size 0x%llx (%s) is not a multiple of the %s CMA granule (%s)%s; it need not be a power of 2: use 0x%llx (%s) or 0x%llx",
					   n->path, (unsigned long long)size, fmt_size(size, s1), gs, pd, extra,
					   (unsigned long long)down, fmt_size(down, s2), (unsigned long long)up);
			else
				report_add(out, rule, SEV_OFF, AT(.node = n->path,
					   .property = n->reg.present ? "reg" : "size",
					   .loc = rule_loc(n, n->reg.present ? "reg" : "size"),
					   .kernel_message = km),
					   "'%s' size 0x%llx (%s) is smaller than the %s CMA granule (%s)%s: the smallest CMA region is 0x%llx",
					   n->path, (unsigned long long)size, fmt_size(size, s1), gs, pd, extra,
					   (unsigned long long)g);
		}
	}
}
