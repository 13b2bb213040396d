// SPDX-License-Identifier: MIT
/* cma_cmdline_bypass: cma= against a DT linux,cma-default, by kernel version. */
#include <stdlib.h>

#include "cmdline_util.h"

RULE_CHECK(cma_cmdline_bypass)
{
	const struct board *b = ctx->board;
	const struct cmdline *cl = ctx->cmdline;
	const struct profile *p = ctx->profile;
	const char *cnode, *cprop;
	const struct srcloc *cloc;
	char s1[SIZE_STR_MAX];
	const struct cma_arg *eff = cma_effective(cl);
	char *desc;

	if (!cl || !cl->resolved.given || !p->cma || !eff)
		return;
	cma_arg_site(eff, &cnode, &cprop, &cloc);
	desc = cma_arg_desc(eff);
	for (size_t i = 0; i < b->nnodes; i++) {
		const struct rmem_node *n = &b->nodes[i];
		const struct kregion *r = kmodel_region_for(ctx->kmodel, n);
		struct strbuf lost = STRBUF_INIT;

		if (!node_considered(ctx, n) || !n->cma_default)
			continue;
		if (p->kb.cma_cmdline_drops_dt_default) {
			if (n->alloc_ranges.present)
				sb_add(&lost, " and its 'alloc-ranges'");
			if (n->reg.present)
				sb_add(&lost, " and its fixed 'reg'");
			if (n->alignment.present)
				sb_add(&lost, " and its 'alignment'");
			report_add(out, rule, SEV_OFF, AT(.node = n->path, .property = "linux,cma-default",
				   .loc = rule_loc(n, "linux,cma-default"),
				   .kernel_message = r ? r->kernel_message : NULL),
				   "%s bypasses '%s' on kernel %s: the node%s is dropped and the default area is %s from the command line",
				   desc, n->path, p->kernel_str, lost.buf ? lost.buf : "",
				   !cl->resolved.size ? "none (cma=0)"
				   : cl->resolved.size >= CMALINT_PHYS_ADDR_MAX ? "larger than any physical address space"
				   : fmt_size(cl->resolved.size, s1));
		} else if (r && r->status == RS_RESERVED && r->kind == RK_CMA) {
			report_add(out, rule, SEV_OFF, AT(.node = cnode, .property = cprop, .loc = cloc),
				   "%s is ignored by kernel %s: '%s' has 'linux,cma-default' and stays the default area%s",
				   desc, p->kernel_str, n->path,
				   p->kb.cma_cmdline_too_late
				   ? " (6.13 to 6.17 set the node up before they read cma=; 6.18.y and 6.19 skip the node instead)" : "");
		}
		sb_release(&lost);
	}
	free(desc);
}
