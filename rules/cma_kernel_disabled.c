// SPDX-License-Identifier: MIT
/* cma_kernel_disabled: CMA asked for, kernel built without it. */
#include <stdio.h>
#include <stdlib.h>

#include "cmdline_util.h"

RULE_CHECK(cma_kernel_disabled)
{
	const struct board *b = ctx->board;
	const struct cmdline *cl = ctx->cmdline;
	const struct profile *p = ctx->profile;
	char why[200];
	enum severity sev = SEV_OFF;

	if (p->cma)
		return;
	/* inferred (a CPU without MMU): a fact of the tree's CPU, not of the kernel's .config */
	if (p->cma_src == SRC_INFERRED)
		sev = SEV_INFO;
	if (p->cma_src == SRC_KCONFIG && p->kconfig_name)
		snprintf(why, sizeof(why), "%s has CONFIG_CMA or CONFIG_DMA_CMA not set", p->kconfig_name);
	else if (p->cma_src == SRC_INFERRED)
		snprintf(why, sizeof(why), "a kernel without MMU has no CMA (%s)",
			 p->arch_evidence ? p->arch_evidence : "inferred");
	else
		snprintf(why, sizeof(why), "the kernel is built without CONFIG_CMA/CONFIG_DMA_CMA (%s)",
			 p->cma_src == SRC_CLI ? "--no-cma" : vsource_name(p->cma_src));
	for (size_t i = 0; i < b->nnodes; i++) {
		const struct rmem_node *n = &b->nodes[i];

		if (node_considered(ctx, n) && rmem_node_is_cma(n))
			report_add(out, rule, sev, AT(.node = n->path, .property = "reusable",
				   .loc = rule_loc(n, "reusable")),
				   "'%s' is a CMA pool but %s: the node fails and its memory is returned",
				   n->path, why);
	}
	for (size_t i = 0; cl && i < cl->ncma; i++) {
		const char *node, *prop;
		const struct srcloc *loc;
		char *d = cma_arg_desc(&cl->cma[i]);

		cma_arg_site(&cl->cma[i], &node, &prop, &loc);
		report_add(out, rule, sev, AT(.node = node, .property = prop, .loc = loc), "%s has no effect: %s", d, why);
		free(d);
	}
}
