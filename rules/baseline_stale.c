// SPDX-License-Identifier: MIT
/*
 * baseline_stale: a baseline entry of this board matches no finding any
 * more. A late rule: the driver matches the baseline after every board ran
 * (lint/run/suppress.c) and passes the leftovers in ctx->late.
 */
#include "accepted.h"
#include "rule.h"

RULE_CHECK(baseline_stale)
{
	const struct late_facts *l = ctx->late;

	if (!l)
		return;
	for (size_t i = 0; i < l->nstale; i++) {
		const struct baseline_entry *e = l->stale[i];

		report_add(out, rule, SEV_OFF, AT(.node = e->node, .property = e->property),
			   "baseline '%s' accepts a '%s' finding that is gone%s%s%s: write the baseline again (--write-baseline) to drop the entry",
			   l->baseline_path, e->rule, e->message ? " (was: " : "", e->message ? e->message : "",
			   e->message ? ")" : "");
	}
}
