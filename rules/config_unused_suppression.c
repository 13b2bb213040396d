// SPDX-License-Identifier: MIT
/*
 * config_unused_suppression: a suppression of the configuration hid no
 * finding. A late rule: the driver knows which suppressions were used only
 * after every board ran (lint/run/suppress.c) and passes them in ctx->late.
 */
#include "config.h"
#include "rule.h"

RULE_CHECK(config_unused_suppression)
{
	const struct late_facts *l = ctx->late;

	if (!l)
		return;
	for (size_t i = 0; i < l->nunused; i++) {
		const struct cfg_suppression *s = l->unused[i];
		struct strbuf scope = STRBUF_INIT;

		sb_addf(&scope, "rule '%s'", s->rule);
		if (s->board)
			sb_addf(&scope, ", board '%s'", s->board);
		if (s->node)
			sb_addf(&scope, ", node '%s'", s->node);
		if (s->property)
			sb_addf(&scope, ", property '%s'", s->property);
		report_add(out, rule, SEV_OFF, NULL,
			   "'suppressions[%zu]' in '%s' (%s) hid no finding: remove it, or correct its patterns",
			   s->index, l->config_path ? l->config_path : "the configuration", scope.buf);
		sb_release(&scope);
	}
}
