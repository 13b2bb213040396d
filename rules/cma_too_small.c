// SPDX-License-Identifier: MIT
/* cma_too_small: less CMA than the board's devices need. */
#include "rule.h"

RULE_CHECK(cma_too_small)
{
	const struct kmodel *k = ctx->kmodel;
	uint64_t min = ctx->thresholds->cma_min, def = 0;
	char s1[SIZE_STR_MAX], s2[SIZE_STR_MAX], s3[SIZE_STR_MAX];

	if (!min)
		return;
	if (k->default_source != DEF_NONE && k->regions[k->default_index].status == RS_RESERVED)
		def = k->regions[k->default_index].size;
	if (k->cma_usable_bytes >= min)
		return;
	report_add(out, rule, SEV_OFF, NULL,
		   "CMA is %s (default area %s), below the %s the board's devices need",
		   fmt_size(k->cma_usable_bytes, s1), fmt_size(def, s2), fmt_size(min, s3));
}
