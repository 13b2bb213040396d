// SPDX-License-Identifier: MIT
/* rmem_prop_format: property lengths that do not fit the root's cells. */
#include "rule.h"

RULE_CHECK(rmem_prop_format)
{
	const struct board *b = ctx->board;
	uint32_t ac = b->root_addr_cells, sc = b->root_size_cells;

	for (size_t i = 0; i < b->nnodes; i++) {
		const struct rmem_node *n = &b->nodes[i];
		const struct kregion *r = kmodel_region_for(ctx->kmodel, n);
		const char *km = r ? r->kernel_message : NULL;
		bool ignored = ctx->profile->kb.rmem_bad_cells_ignored;

		if (!node_considered(ctx, n))
			continue;
		if (n->reg.present && !n->reg.valid) {
			report_add(out, rule, SEV_OFF, AT(.node = n->path, .property = "reg",
				   .loc = rule_loc(n, "reg"), .kernel_message = km),
				   "'%s' reg is %d bytes, not a multiple of %u (%u address + %u size cells): %s",
				   n->path, n->reg.len, (ac + sc) * 4, ac, sc,
				   ignored ? "the kernel treats 'reg' as absent" : "the kernel skips the node");
		}
		if (n->reg.present && (n->reg.valid || !ignored))
			continue;	/* 'reg' wins: the rest is not read */
		if (n->size.present && !n->size.valid) {
			report_add(out, rule, SEV_OFF, AT(.node = n->path, .property = "size",
				   .loc = rule_loc(n, "size"), .kernel_message = km),
				   "'%s' size is %d bytes but #size-cells %u needs %u: the kernel skips the node",
				   n->path, n->size.len, sc, sc * 4);
		}
		if (n->alignment.present && !n->alignment.valid) {
			report_add(out, rule, SEV_OFF, AT(.node = n->path, .property = "alignment",
				   .loc = rule_loc(n, "alignment"), .kernel_message = km),
				   "'%s' alignment is %d bytes but the kernel reads it with #address-cells %u (%u bytes)%s: the node is skipped",
				   n->path, n->alignment.len, ac, ac * 4,
				   n->alignment_valid_size_cells ? ", not #size-cells" : "");
		}
		if (n->alloc_ranges.present && !n->alloc_ranges.valid) {
			report_add(out, rule, SEV_OFF, AT(.node = n->path, .property = "alloc-ranges",
				   .loc = rule_loc(n, "alloc-ranges"), .kernel_message = km),
				   "'%s' alloc-ranges is %d bytes, not whole (address, size) pairs of %u bytes: %s",
				   n->path, n->alloc_ranges.len, (ac + sc) * 4,
				   ignored ? "the kernel ignores it and allocates anywhere" : "the kernel skips the node");
		}
	}
}
