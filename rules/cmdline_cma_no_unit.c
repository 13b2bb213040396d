// SPDX-License-Identifier: MIT
/* cmdline_cma_no_unit: a cma= size in bytes. */
#include "cmdline_util.h"

RULE_CHECK(cmdline_cma_no_unit)
{
	const struct cmdline *cl = ctx->cmdline;
	const char *node, *prop;
	const struct srcloc *loc;
	char s1[SIZE_STR_MAX], s2[SIZE_STR_MAX];

	if (!cl)
		return;
	for (size_t i = 0; i < cl->ncma; i++) {
		const struct cma_arg *a = &cl->cma[i];
		uint64_t g = ctx->profile->cma_granule, v = a->size.value, up;

		if (!a->text || !a->size.digits || a->size.suffix || !v || a->size.overflow)
			continue;
		cma_arg_site(a, &node, &prop, &loc);
		up = v % g ? v + (g - v % g) : v;
		if (v >= CMALINT_PHYS_ADDR_MAX || up < v)
			/* rounding wraps, or no board has that much: no size is worth printing */
			report_add(out, rule, SEV_OFF, AT(.node = node, .property = prop, .loc = loc),
				   "'cma=%s' in %s has no K/M/G suffix: the kernel reads it as bytes, a size larger "
				   "than any physical address space, and reserves no CMA; write the size with its unit",
				   a->text, a->source);
		else
			report_add(out, rule, SEV_OFF, AT(.node = node, .property = prop, .loc = loc),
				   "'cma=%s' in %s has no K/M/G suffix: the kernel reads %s and rounds it up to %s; write 'cma=%lluM' for MiB",
				   a->text, a->source, fmt_size(v, s1), fmt_size(up, s2), (unsigned long long)v);
	}
}
