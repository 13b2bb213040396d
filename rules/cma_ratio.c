// SPDX-License-Identifier: MIT
/* cma_ratio: CMA as a share of RAM. */
#include "rule.h"

RULE_CHECK(cma_ratio)
{
	const struct thresholds *t = ctx->thresholds;
	uint64_t ram = usable_ram(ctx), cma = ctx->kmodel->cma_usable_bytes;
	unsigned long long permille;
	enum severity sev;
	char s1[SIZE_STR_MAX], s2[SIZE_STR_MAX], s3[SIZE_STR_MAX], who[1200] = "";
	const struct kregion *big = dominant_cma(ctx->kmodel);
	struct assumption assumed;

	if (!ram || !cma)
		return;
	/* CMA that is not RAM was already reported where it is placed (rmem_outside_ram) */
	if (cma > ram)
		return;
	/* per mille with exact integers: cma * 1000 / ram, cma <= ram so no overflow */
	permille = (unsigned long long)(cma <= UINT64_MAX / 1000 ? cma * 1000 / ram : cma / (ram / 1000));
	if (permille <= t->cma_ratio_warn_pct * 10ULL)
		return;
	sev = permille > t->cma_ratio_error_pct * 10ULL ? SEV_ERROR : SEV_WARNING;
	/* it takes the blame only when the share is within the limit without it */
	if (big && (unsigned __int128)(cma - (big->size < cma ? big->size : cma)) * 100 >
		   (unsigned __int128)ram * (sev == SEV_ERROR ? t->cma_ratio_error_pct : t->cma_ratio_warn_pct))
		big = NULL;
	if (big)
		snprintf(who, sizeof(who), "; '%s' holds %s of it", big->node->path, fmt_size(big->size, s3));
	/* the pool that makes up most of the CMA is the place to change */
	/* a share of RAM is a policy: an error only against a limit the user set, on RAM the board states */
	report_add(out, rule, sev, AT(.node = big ? big->node->path : NULL,
		   .property = big ? REGION_SIZE_PROP(big) : NULL,
		   .loc = big ? rule_loc(big->node, REGION_SIZE_PROP(big)) : NULL,
		   .assumed = rule_assumption(ctx, FACT_RAM | FACT_CMA_RATIO_LIMIT, &assumed)),
		       "CMA is %s, %llu.%llu %% of %s usable RAM (limit %u %%)%s: kernel allocations cannot use it, so free memory overstates what the kernel has",
		       fmt_size(cma, s1), permille / 10, permille % 10, fmt_size(ram, s2),
		       sev == SEV_ERROR ? t->cma_ratio_error_pct : t->cma_ratio_warn_pct, who);
}
