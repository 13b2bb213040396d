// SPDX-License-Identifier: MIT
/* cmdline_cma_repeated: several cma= parameters. */
#include "rule.h"

RULE_CHECK(cmdline_cma_repeated)
{
	const struct cmdline *cl = ctx->cmdline;
	const struct cma_cmdline *r;
	const char *node, *prop;
	const struct srcloc *loc;
	struct strbuf sb = STRBUF_INIT;
	char s1[SIZE_STR_MAX];

	if (!cl || cl->ncma < 2)
		return;
	r = &cl->resolved;
	cmdline_site(ctx, &node, &prop, &loc);
	for (size_t i = 0; i < cl->ncma; i++)
		sb_addf(&sb, "%s'cma=%s'", i ? ", " : "", cl->cma[i].text ? cl->cma[i].text : "");
	if (r->base_from >= 0 && r->base_from != r->size_from)
		report_add(out, rule, SEV_OFF, node, prop, loc,
			   "cma= appears %zu times in %s (%s): the last size (%s) wins, but the base 0x%llx of occurrence %d still applies",
			   cl->ncma, cl->source, sb.buf, fmt_size(r->size, s1), (unsigned long long)r->base,
			   r->base_from + 1);
	else
		report_add(out, rule, SEV_OFF, node, prop, loc,
			   "cma= appears %zu times in %s (%s): the last size (%s) wins",
			   cl->ncma, cl->source, sb.buf, fmt_size(r->size, s1));
	sb_release(&sb);
}
