// SPDX-License-Identifier: MIT
/* cma_fixed_unaligned: cma=SIZE@BASE with BASE off the granule. */
#include "cmdline_util.h"

RULE_CHECK(cma_fixed_unaligned)
{
	const struct kmodel *k = ctx->kmodel;
	const struct kregion *r;
	const char *node, *prop;
	const struct srcloc *loc;
	char gs[SIZE_STR_MAX], pd[64];
	uint64_t g = ctx->profile->cma_granule, down;
	const struct cma_arg *a;

	if (k->default_source != DEF_CMDLINE)
		return;
	r = &k->regions[k->default_index];
	if (r->reason != RR_DEFAULT_FIXED_MISALIGNED)
		return;
	if (ctx->cmdline->resolved.base_from < 0)
		return;
	a = &ctx->cmdline->cma[ctx->cmdline->resolved.base_from];
	cma_arg_site(a, &node, &prop, &loc);
	down = ctx->cmdline->resolved.base - ctx->cmdline->resolved.base % g;
	report_add(out, rule, SEV_OFF, AT(.node = node, .property = prop, .loc = loc,
		   .kernel_message = r->kernel_message),
		   "'cma=%s' in %s: the base 0x%llx is not a multiple of the %s CMA granule (%s): the kernel reserves no CMA at all; use 0x%llx or 0x%llx",
		   a->text, a->source, (unsigned long long)ctx->cmdline->resolved.base, fmt_size(g, gs),
		   profile_desc(ctx->profile, pd, sizeof(pd)), (unsigned long long)down,
		   (unsigned long long)(down + g));
}
