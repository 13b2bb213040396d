// SPDX-License-Identifier: MIT
/* rmem_memreserve_overlap: a static region repeating a /memreserve/ entry. */
#include "rule.h"

RULE_CHECK(rmem_memreserve_overlap)
{
	const struct board *b = ctx->board;

	for (size_t i = 0; i < b->nnodes; i++) {
		const struct rmem_node *n = &b->nodes[i];

		if (!node_considered(ctx, n) || !n->reg.valid)
			continue;
		for (size_t j = 0; j < n->nregs; j++) {
			for (size_t m = 0; m < b->nmemreserve; m++) {
				const struct range *mr = &b->memreserve[m];

				if (!ranges_overlap(n->regs[j].base, n->regs[j].size, mr->base, mr->size))
					continue;
				report_add(out, rule, SEV_OFF, AT(.node = n->path, .property = "reg",
					   .loc = rule_loc(n, "reg")),
					   "'%s' repeats /memreserve/ entry %zu (0x%llx, size 0x%llx): reserved twice, harmless%s",
					   n->path, m, (unsigned long long)mr->base, (unsigned long long)mr->size,
					   n->no_map ? "; the kernel logs 'failed to reserve memory' for the no-map node" : "");
			}
		}
	}
}
