// SPDX-License-Identifier: MIT
/* rmem_root_format: the kernel ignores /reserved-memory as a whole. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rule.h"

/* One of the cell counts, which must be present and equal to the root's: what is wrong, or nothing. */
static void check_cells(struct strbuf *why, const char **first, const char *prop, bool has, uint32_t cells,
			uint32_t root_cells)
{
	if (has && cells == root_cells)
		return;
	if (why->len)
		sb_add(why, ", ");
	if (has)
		sb_addf(why, "%s is %u but the root's is %u", prop, cells, root_cells);
	else
		sb_addf(why, "no %s (the root's is %u)", prop, root_cells);
	if (!*first)
		*first = prop;
}

RULE_CHECK(rmem_root_format)
{
	const struct board *b = ctx->board;
	const struct rmem_root *rm = &b->rmem;
	const struct profile *p = ctx->profile;
	char kmsg[128];
	const struct srcloc *loc = rm->loc.file ? &rm->loc : NULL;
	size_t n = b->nnodes;

	snprintf(kmsg, sizeof(kmsg), "%sReserved memory: unsupported node format, ignoring", p->kb.rmem_log_prefix);
	struct strbuf why = { 0 };
	const char *first = NULL;

	if (!rm->present)
		return;
	/* one node the kernel ignores, one finding, however many of its properties are wrong */
	check_cells(&why, &first, "#size-cells", rm->has_size_cells, rm->size_cells, b->root_size_cells);
	check_cells(&why, &first, "#address-cells", rm->has_addr_cells, rm->addr_cells, b->root_addr_cells);
	if (!rm->has_ranges) {
		sb_add(&why, why.len ? ", " : "");
		sb_add(&why, "no 'ranges' (an empty 'ranges;' is expected)");
		if (!first)
			first = "ranges";
	}
	if (why.len) {
		report_add(out, rule, SEV_OFF, AT(.node = rm->path, .property = first, .loc = loc,
			   .kernel_message = kmsg),
			   "'%s' is not in a format the kernel reads (%s): it ignores the node and its %zu regions",
			   rm->path, why.buf, n);
	}
	sb_release(&why);
	if (p->kb.rmem_root_by_name && strcmp(rm->name, "reserved-memory"))
		report_add(out, rule, SEV_OFF, AT(.node = rm->path, .loc = loc),
			   "'%s' is not named exactly 'reserved-memory': kernel %s looks the node up by that name and ignores its %zu regions",
			   rm->path, p->kernel_str, n);
	if (!b->root_has_size_cells || !b->root_has_addr_cells)
		report_add(out, rule, SEV_WARNING, AT(.node = "/",
			   .property = b->root_has_size_cells ? "#address-cells" : "#size-cells"),
			   "the root node has no %s: the kernel assumes 1 cell for reserved-memory addresses and sizes",
			   b->root_has_size_cells ? "#address-cells" : "#size-cells");
}
