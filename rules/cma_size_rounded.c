// SPDX-License-Identifier: MIT
/* cma_size_rounded: the default area grows to the granule. */
#include "rule.h"

RULE_CHECK(cma_size_rounded)
{
	const struct kmodel *k = ctx->kmodel;
	const struct kregion *r;
	const char *node = NULL, *prop = NULL;
	const struct srcloc *loc = NULL;
	char s1[SIZE_STR_MAX], s2[SIZE_STR_MAX], gs[SIZE_STR_MAX], pd[64];

	if (k->default_source != DEF_CMDLINE && k->default_source != DEF_KCONFIG)
		return;
	r = &k->regions[k->default_index];
	if (r->status != RS_RESERVED || r->size == r->requested_size)
		return;
	if (k->default_source == DEF_CMDLINE)
		cmdline_site(ctx, &node, &prop, &loc);
	report_add(out, rule, SEV_OFF, node, prop, loc,
		   "the default CMA area from %s is %s, rounded up to %s: the CMA granule is %s (%s)",
		   k->default_source == DEF_CMDLINE ? "'cma='" : r->name, fmt_size(r->requested_size, s1),
		   fmt_size(r->size, s2), fmt_size(ctx->profile->cma_granule, gs),
		   profile_desc(ctx->profile, pd, sizeof(pd)));
}
