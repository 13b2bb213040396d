// SPDX-License-Identifier: MIT
/* headroom_low: too little memory left for allocations that cannot use CMA. */
#include "rule.h"

RULE_CHECK(headroom_low)
{
	const struct headroom *h = ctx->headroom;
	uint64_t min = ctx->thresholds->headroom_min, left;
	unsigned facts = FACT_RAM | FACT_HEADROOM_MIN;
	char s1[SIZE_STR_MAX], s2[SIZE_STR_MAX], s3[SIZE_STR_MAX], s4[SIZE_STR_MAX], s5[SIZE_STR_MAX];
	struct finding *f;

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
	if (h->headroom < 0)
		f = report_add(out, rule, SEV_OFF, NULL, NULL, NULL,
			       "no non-CMA headroom is left: of %s RAM, CMA takes %s, and reservations, the memory map, the kernel image and the min watermark (%s) exceed the rest by %s; kernel allocations fail (OOM) while free memory still looks large",
			       fmt_approx(h->ram, s3), fmt_approx(h->cma, s4), fmt_approx(h->min_watermark, s1),
			       fmt_approx((uint64_t)-h->headroom, s5));
	else
		f = report_add(out, rule, SEV_OFF, NULL, NULL, NULL,
			       "non-CMA headroom is about %s, below the %s minimum: of %s RAM, CMA takes %s and the min watermark %s; kernel allocations fail (OOM) while free memory still looks large",
			       fmt_approx(left, s1), fmt_approx(min, s2), fmt_approx(h->ram, s3), fmt_approx(h->cma, s4),
			       fmt_approx(h->min_watermark, s5));
	rule_assumes(ctx, out, f, facts);
}
