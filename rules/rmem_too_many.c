// SPDX-License-Identifier: MIT
/* rmem_too_many: past the reserved-region table or the CMA area slots. */
#include "rule.h"

RULE_CHECK(rmem_too_many)
{
	const struct kmodel *k = ctx->kmodel;
	const struct profile *p = ctx->profile;
	unsigned lost = 0;

	for (size_t i = 0; i < k->nregions; i++) {
		const struct kregion *r = &k->regions[i];

		if (r->reason == RR_NOT_SAVED && !p->kb.rmem_table_per_node)
			lost++;
		if (r->reason == RR_CMA_NO_SLOT) {
			report_add(out, rule, SEV_OFF, AT(.node = r->node ? r->node->path : r->name,
				   .loc = r->node ? rule_loc(r->node, NULL) : NULL,
				   .kernel_message = r->kernel_message),
				   "'%s' needs a CMA area but all %u slots are taken (CONFIG_CMA_AREAS): it is not created",
				   r->name, p->max_cma_areas);
		}
	}
	if (lost)
		report_add(out, rule, SEV_OFF, AT(.node = ctx->board->rmem.path),
			   "%u reserved-memory regions exceed kernel %s's table of %u: the last %u are not set up",
			   k->saved_regions, p->kernel_str, p->max_reserved_regions, lost);
}
