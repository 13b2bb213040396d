// SPDX-License-Identifier: MIT
/* cma_ratio: CMA as a share of RAM. */
#include "rule.h"

RULE_CHECK(cma_ratio)
{
	const struct thresholds *t = ctx->thresholds;
	uint64_t ram = usable_ram(ctx), cma = ctx->kmodel->cma_usable_bytes;
	unsigned long long permille;
	enum severity sev;
	char s1[SIZE_STR_MAX], s2[SIZE_STR_MAX];

	if (!ram || !cma)
		return;
	/* per mille with exact integers: cma * 1000 / ram without overflow */
	permille = (unsigned long long)(cma / ram * 1000 + (cma % ram) * 1000 / ram);
	if (cma % ram > UINT64_MAX / 1000)
		permille = (unsigned long long)(cma / (ram / 1000 ? ram / 1000 : 1));
	if (permille <= t->cma_ratio_warn_pct * 10ULL)
		return;
	sev = permille > t->cma_ratio_error_pct * 10ULL ? SEV_ERROR : SEV_WARNING;
	report_add(out, rule, sev, NULL, NULL, NULL,
		   "CMA is %s, %llu.%llu %% of %s usable RAM (limit %u %%): kernel allocations cannot use it, so free memory overstates what the kernel has",
		   fmt_size(cma, s1), permille / 10, permille % 10, fmt_size(ram, s2),
		   sev == SEV_ERROR ? t->cma_ratio_error_pct : t->cma_ratio_warn_pct);
}
