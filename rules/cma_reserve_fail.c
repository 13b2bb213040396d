// SPDX-License-Identifier: MIT
/* cma_reserve_fail: the default CMA area cannot be placed. */
#include "rule.h"

RULE_CHECK(cma_reserve_fail)
{
	const struct kmodel *k = ctx->kmodel;
	const struct kregion *r;
	const char *node = NULL, *prop = NULL;
	const struct srcloc *loc = NULL;
	char s1[SIZE_STR_MAX], s2[SIZE_STR_MAX], lim[DMA_LIMIT_DESC_MAX];
	const char *why;
	struct assumption assumed;
	unsigned facts;

	if (k->default_source != DEF_CMDLINE && k->default_source != DEF_KCONFIG)
		return;
	r = &k->regions[k->default_index];
	if (r->status != RS_FAILED || r->reason == RR_DEFAULT_FIXED_MISALIGNED || r->reason == RR_CMA_NO_SLOT)
		return;
	if (k->default_source == DEF_CMDLINE) {
		const struct cma_cmdline *c = &ctx->cmdline->resolved;
		const struct memparse_result *sz = c->size_from >= 0 && (size_t)c->size_from < ctx->cmdline->ncma
						   ? &ctx->cmdline->cma[c->size_from].size : NULL;

		/* a size that wrapped past 64 bits is cmdline_cma_syntax's error: the same root cause */
		if (sz && sz->overflow)
			return;
		cmdline_site(ctx, &node, &prop, &loc);
	}
	switch (r->reason) {
	case RR_DEFAULT_EXCEEDS_LIMIT: why = "it does not fit below its limit"; break;
	case RR_DEFAULT_FIXED_BUSY: why = "its fixed range is already reserved"; break;
	case RR_DEFAULT_LOWHIGH_BOUNDARY: why = "its fixed range crosses the lowmem/highmem boundary"; break;
	default: why = "no free block of that size is left below the DMA limit"; break;
	}
	/*
	 * Whether a block of the size fits depends on RAM; an area from the
	 * Kconfig default rests on a .config the user has not given.
	 */
	facts = FACT_RAM | (k->default_source == DEF_KCONFIG ? FACT_KCONFIG_CMA : 0) |
		(r->reason == RR_DEFAULT_LOWHIGH_BOUNDARY ? FACT_ARM_LOWMEM : 0) |
		(r->reason != RR_DEFAULT_FIXED_BUSY && r->reason != RR_DEFAULT_LOWHIGH_BOUNDARY ? FACT_ARM_ZONE_DMA : 0);
	report_add(out, rule, SEV_OFF, AT(.node = node, .property = prop, .loc = loc, .kernel_message = r->kernel_message,
		   .assumed = rule_assumption(ctx, facts, &assumed)),
		   "the default CMA area (%s, %s) cannot be reserved: %s (largest free block below %s: %s); the board boots with no default CMA",
		   r->name, r->size >= CMALINT_PHYS_ADDR_MAX ? "larger than any physical address space" : fmt_size(r->size, s1), why, dma_limit_desc(k, lim),
		   fmt_size(memblock_largest_free(&k->mb, 0, k->arch_dma_limit ? k->arch_dma_limit : UINT64_MAX), s2));
}
