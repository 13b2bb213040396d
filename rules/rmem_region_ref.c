// SPDX-License-Identifier: MIT
/* rmem_region_ref: a memory-region entry names no region the kernel reserves. */
#include "rule.h"

/* A disabled node with no extent of its own: a placeholder the bootloader fills in and enables. */
static bool placeholder(const struct rmem_node *n)
{
	for (size_t i = 0; i < n->nregs; i++)
		if (n->regs[i].size)
			return false;
	return !(n->size.present && n->size_value);
}

RULE_CHECK(rmem_region_ref)
{
	const struct board *b = ctx->board;

	for (size_t i = 0; i < b->nusers; i++) {
		const struct region_user *u = &b->users[i];

		if (!u->available)
			continue;
		for (unsigned j = 0; j < u->nregions; j++) {
			int t = u->target[j];

			if (t >= 0 && !b->nodes[t].available && placeholder(&b->nodes[t])) {
				const struct rmem_node *n = &b->nodes[t];

				report_add(out, rule, SEV_INFO, AT(.node = u->path, .property = "memory-region"),
					   "'%s' lists '%s' in memory-region (entry %u), which is disabled and has no size: "
					   "a placeholder the bootloader fills in and enables; if it does not, the kernel "
					   "reserves nothing and the device goes without the region",
					   u->path, n->path, j);
			} else if (t >= 0 && !b->nodes[t].available) {
				const struct rmem_node *n = &b->nodes[t];

				report_add(out, rule, SEV_OFF, AT(.node = u->path, .property = "memory-region"),
					   "'%s' lists '%s' in memory-region (entry %u), which is disabled (status \"%s\"): "
					   "the kernel does not reserve it, so the device goes without its region or "
					   "uses memory the kernel hands out; enable '%s' or drop the entry",
					   u->path, n->path, j, n->status ? n->status : "", n->name);
			} else if (t < 0 && u->elsewhere[j]) {
				report_add(out, rule, SEV_INFO, AT(.node = u->path, .property = "memory-region"),
					   "'%s' lists '%s' in memory-region (entry %u), which is not a /reserved-memory "
					   "node: the kernel reserves nothing for it and of_reserved_mem lookups of that "
					   "entry fail; move the region under /reserved-memory unless the driver reads "
					   "the node itself",
					   u->path, u->elsewhere[j], j);
			} else if (t < 0) {
				report_add(out, rule, SEV_OFF, AT(.node = u->path, .property = "memory-region"),
					   "'%s' lists phandle 0x%x in memory-region (entry %u), which no node has: the "
					   "device gets no region from it; point the entry at a /reserved-memory node",
					   u->path, (unsigned)u->phandle[j], j);
			}
		}
	}
}
