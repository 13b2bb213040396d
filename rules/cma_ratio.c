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

	if (!ram || !cma)
		return;
	/* per mille with exact integers: cma * 1000 / ram without overflow */
	permille = (unsigned long long)(cma / ram * 1000 + (cma % ram) * 1000 / ram);
	if (cma % ram > UINT64_MAX / 1000)
		permille = (unsigned long long)(cma / (ram / 1000 ? ram / 1000 : 1));
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
	report_add(out, rule, sev, big ? big->node->path : NULL, big ? REGION_SIZE_PROP(big) : NULL,
		   big ? rule_loc(big->node, REGION_SIZE_PROP(big)) : NULL,
		   "CMA is %s, %llu.%llu %% of %s usable RAM (limit %u %%)%s: kernel allocations cannot use it, so free memory overstates what the kernel has",
		   fmt_size(cma, s1), permille / 10, permille % 10, fmt_size(ram, s2),
		   sev == SEV_ERROR ? t->cma_ratio_error_pct : t->cma_ratio_warn_pct, who);
}
