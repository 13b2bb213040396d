// SPDX-License-Identifier: MIT
/* cmdline_cma_repeated: several cma= parameters. */
#include <stdlib.h>

#include "cmdline_util.h"

RULE_CHECK(cmdline_cma_repeated)
{
	const struct cmdline *cl = ctx->cmdline;
	const struct cma_cmdline *r;
	const struct cma_arg *last;
	const char *node, *prop;
	const struct srcloc *loc;
	struct strbuf sb = STRBUF_INIT;
	char s1[SIZE_STR_MAX];

	if (!cl || cl->ncma < 2)
		return;
	r = &cl->resolved;
	last = cma_effective(cl) ? cma_effective(cl) : &cl->cma[cl->ncma - 1];
	cma_arg_site(last, &node, &prop, &loc);
	for (size_t i = 0; i < cl->ncma; i++) {
		char *d = cma_arg_desc(&cl->cma[i]);

		sb_addf(&sb, "%s%s", i ? ", " : "", d);
		free(d);
	}
	if (r->base_from >= 0 && r->base_from != r->size_from)
		report_add(out, rule, SEV_OFF, AT(.node = node, .property = prop, .loc = loc),
			   "cma= appears %zu times (%s): the last size (%s, from %s) wins, but the base 0x%llx of occurrence %d (%s) still applies",
			   cl->ncma, sb.buf, fmt_size(r->size, s1), last->source, (unsigned long long)r->base,
			   r->base_from + 1, cl->cma[r->base_from].source);
	else
		report_add(out, rule, SEV_OFF, AT(.node = node, .property = prop, .loc = loc),
			   "cma= appears %zu times (%s): the last size (%s, from %s) wins",
			   cl->ncma, sb.buf, fmt_size(r->size, s1), last->source);
	sb_release(&sb);
}
