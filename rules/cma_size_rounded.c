// SPDX-License-Identifier: MIT
/* cma_size_rounded: the default area grows to the granule. */
#include <stdlib.h>

#include "cmdline_util.h"

RULE_CHECK(cma_size_rounded)
{
	const struct kmodel *k = ctx->kmodel;
	const struct kregion *r;
	const char *node = NULL, *prop = NULL;
	const struct srcloc *loc = NULL;
	char s1[SIZE_STR_MAX], s2[SIZE_STR_MAX], gs[SIZE_STR_MAX], pd[64];
	char *what;

	if (k->default_source != DEF_CMDLINE && k->default_source != DEF_KCONFIG)
		return;
	r = &k->regions[k->default_index];
	if (r->status != RS_RESERVED || r->size == r->requested_size)
		return;
	if (k->default_source == DEF_CMDLINE) {
		const struct cma_arg *eff = cma_effective(ctx->cmdline);

		if (!eff)
			return;
		cma_arg_site(eff, &node, &prop, &loc);
		what = cma_arg_desc(eff);
	} else {
		const struct profile *p = ctx->profile;
		bool mbytes = !strcmp(r->name, "CONFIG_CMA_SIZE_MBYTES");
		unsigned long long v = mbytes ? (unsigned long long)p->cma_size_mbytes : p->cma_size_percentage;
		enum vsource src = mbytes ? p->cma_size_mbytes_src : p->cma_size_percentage_src;

		if (src == SRC_KCONFIG && p->kconfig_name)
			what = xasprintf("'%s: %s=%llu'", p->kconfig_name, r->name, v);
		else if (src == SRC_CLI)
			what = xasprintf("'%s=%llu' (--cma-size-mbytes)", r->name, v);
		else
			what = xasprintf("'%s=%llu' (assumed)", r->name, v);
	}
	report_add(out, rule, SEV_OFF, AT(.node = node, .property = prop, .loc = loc),
		   "the default CMA area from %s is %s, rounded up to %s: the CMA granule is %s (%s)",
		   what, fmt_size(r->requested_size, s1), fmt_size(r->size, s2),
		   fmt_size(ctx->profile->cma_granule, gs), profile_desc(ctx->profile, pd, sizeof(pd)));
	free(what);
}
