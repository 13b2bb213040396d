// SPDX-License-Identifier: MIT
/* headroom_low: too little memory left for allocations that cannot use CMA. */
#include "rule.h"

RULE_CHECK(headroom_low)
{
	const struct headroom *h = ctx->headroom;
	uint64_t min = ctx->thresholds->headroom_min;
	char s1[SIZE_STR_MAX], s2[SIZE_STR_MAX], s3[SIZE_STR_MAX], s4[SIZE_STR_MAX];

	if (!h->known)
		return;
	if (!min)
		min = h->ram < GiB ? h->ram / 4 : 256 * MiB;
	if (h->headroom >= 0 && (uint64_t)h->headroom >= min)
		return;
	report_add(out, rule, SEV_OFF, NULL, NULL, NULL,
		   "non-CMA headroom is %s%s, below the %s minimum: of %s RAM, CMA takes %s and the min watermark %s; kernel allocations fail (OOM) while free memory still looks large",
		   h->headroom < 0 ? "below zero by " : "",
		   fmt_size(h->headroom < 0 ? (uint64_t)-h->headroom : (uint64_t)h->headroom, s1),
		   fmt_size(min, s2), fmt_size(h->ram, s3), fmt_size(h->cma, s4),
		   fmt_size(h->min_watermark, (char[SIZE_STR_MAX]){ 0 }));
}
