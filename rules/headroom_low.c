// SPDX-License-Identifier: MIT
/* headroom_low: too little memory left for allocations that cannot use CMA. */
#include "rule.h"

RULE_CHECK(headroom_low)
{
	const struct headroom *h = ctx->headroom;
	uint64_t min = ctx->thresholds->headroom_min, left;
	unsigned facts = FACT_RAM | FACT_HEADROOM_MIN;
	char s1[SIZE_STR_MAX], s2[SIZE_STR_MAX], s3[SIZE_STR_MAX], s4[SIZE_STR_MAX], s5[SIZE_STR_MAX];
	const struct kregion *big;
	char who[1200] = "";
	struct assumption assumed;

	if (!h->known)
		return;
	if (!min)
		min = h->ram < GiB ? h->ram / 4 : 256 * MiB;
	if (h->headroom >= 0 && (uint64_t)h->headroom >= min)
		return;
	left = h->headroom > 0 ? (uint64_t)h->headroom : 0;
	/* the verdict rests on the kernel image estimate when without it the headroom would suffice */
	if (left + h->kernel_image >= min)
		facts |= FACT_KERNEL_IMAGE;
	/* ... and on the Kconfig default area when that is what CMA is */
	if (ctx->kmodel->default_source == DEF_KCONFIG && left + h->cma >= min)
		facts |= FACT_KCONFIG_CMA;
	/*
	 * A device-tree pool that holds most of the CMA is what to shrink; it
	 * only takes the blame when the headroom would be enough without it.
	 */
	if (!h->cma || (big = dominant_cma(ctx->kmodel)) == NULL ||
	    h->headroom + (int64_t)(big->size < h->cma ? big->size : h->cma) < (int64_t)min)
		big = NULL;
	if (big)
		snprintf(who, sizeof(who), "; shrinking '%s' (%s) would leave enough", big->node->path,
			 fmt_size(big->size, s5));
	if (h->headroom < 0)
		report_add(out, rule, SEV_OFF, AT(.node = big ? big->node->path : NULL,
			   .property = big ? REGION_SIZE_PROP(big) : NULL,
			   .loc = big ? rule_loc(big->node, REGION_SIZE_PROP(big)) : NULL,
			   .assumed = rule_assumption(ctx, facts, &assumed)),
			       "no non-CMA headroom is left: of %s RAM, CMA takes %s, and reservations, the memory map, the kernel image and the min watermark (%s) exceed the rest by %s%s; kernel allocations fail (OOM) while free memory still looks large",
			       fmt_size(h->ram, s3), fmt_size(h->cma, s4), fmt_size(h->min_watermark, s1),
			       fmt_size((uint64_t)-h->headroom, s2), who);
	else
		report_add(out, rule, SEV_OFF, AT(.node = big ? big->node->path : NULL,
			   .property = big ? REGION_SIZE_PROP(big) : NULL,
			   .loc = big ? rule_loc(big->node, REGION_SIZE_PROP(big)) : NULL,
			   .assumed = rule_assumption(ctx, facts, &assumed)),
			       "non-CMA headroom is %s, below the %s minimum: of %s RAM, CMA takes %s and the min watermark %s%s; kernel allocations fail (OOM) while free memory still looks large",
			       fmt_size(left, s1), fmt_size(min, s2), fmt_size(h->ram, s3), fmt_size(h->cma, s4),
			       fmt_size(h->min_watermark, (char[SIZE_STR_MAX]){ 0 }), who);
}
