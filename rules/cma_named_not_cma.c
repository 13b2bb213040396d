// SPDX-License-Identifier: MIT
/* cma_named_not_cma: named like CMA, but a plain carve-out. */
#include <ctype.h>
#include <string.h>

#include "rule.h"

static bool named_cma(const char *name)
{
	char buf[128];
	size_t i;

	for (i = 0; name[i] && name[i] != '@' && i + 1 < sizeof(buf); i++)
		buf[i] = (char)tolower((unsigned char)name[i]);
	buf[i] = '\0';
	return strstr(buf, "cma") != NULL;
}

RULE_CHECK(cma_named_not_cma)
{
	const struct board *b = ctx->board;

	for (size_t i = 0; i < b->nnodes; i++) {
		const struct rmem_node *n = &b->nodes[i];
		const char *what;
		enum severity sev = SEV_OFF;

		if (!node_considered(ctx, n) || !named_cma(n->name) || rmem_node_is_cma(n))
			continue;
		/* cma_default_not_cma and cma_reusable_nomap already speak for these */
		if (n->cma_default || (n->reusable && n->no_map))
			continue;
		/* a pool written as one (compatible, no reusable) is a choice; only its name misleads */
		if (rmem_node_has_compatible(n, "shared-dma-pool")) {
			what = "a coherent DMA pool (no 'reusable')";
			sev = SEV_INFO;
		}
		else if (n->no_map)
			what = "a no-map carve-out";
		else
			what = "a plain reserved carve-out";
		report_add(out, rule, sev, AT(.node = n->path, .loc = rule_loc(n, NULL)),
			   "'%s' is named like a CMA area but is %s: its memory is not CMA", n->path, what);
	}
}
