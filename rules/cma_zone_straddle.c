// SPDX-License-Identifier: MIT
/* cma_zone_straddle: a CMA region across a zone boundary. */
#include "rule.h"

RULE_CHECK(cma_zone_straddle)
{
	const struct kmodel *k = ctx->kmodel;

	for (size_t i = 0; i < k->nregions; i++) {
		const struct kregion *r = &k->regions[i];
		const struct kzone *z0, *z1;
		const char *node = r->node ? r->node->path : NULL, *prop = r->node ? "reg" : NULL;
		struct assumption assumed;
		const struct srcloc *loc = r->node ? rule_loc(r->node, r->origin == RO_SIZE ? "size" : "reg") : NULL;
		char s1[SIZE_STR_MAX];

		if (r->reason != RR_CMA_ZONE_STRADDLE)
			continue;
		z0 = kmodel_zone_of(k, r->base);
		z1 = kmodel_zone_of(k, r->base + r->size - 1);
		if (!r->node)
			cmdline_site(ctx, &node, &prop, &loc);
		/* the zones' limits follow from where RAM starts and ends */
		report_add(out, rule, SEV_OFF, AT(.node = node, .property = prop, .loc = loc,
			   .kernel_message = r->kernel_message,
			   .assumed = rule_assumption(ctx, FACT_RAM | FACT_ARM_LOWMEM, &assumed)),
			   "'%s' CMA 0x%llx-0x%llx (%s) crosses from zone %s into %s at 0x%llx: the kernel cannot activate it and %s",
			   r->name, (unsigned long long)r->base, (unsigned long long)(r->base + r->size - 1),
			   fmt_size(r->size, s1), z0 ? z0->name : "?", z1 ? z1->name : "?",
			   (unsigned long long)(z1 ? z1->base : 0),
			   ctx->profile->kb.straddle_keeps_reserved ? "its memory stays reserved, unused"
								: "the board has no CMA from it");
	}
}
