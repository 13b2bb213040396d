// SPDX-License-Identifier: MIT
/* rmem_root_format: the kernel ignores /reserved-memory as a whole. */
#include <string.h>

#include "rule.h"

/* One of the cell counts, which must be present and equal to the root's. */
static void check_cells(const struct rule *rule, struct report *out, const struct rmem_root *rm, const char *prop,
			bool has, uint32_t cells, uint32_t root_cells, size_t n, const char *kmsg)
{
	const struct srcloc *loc = rm->loc.file ? &rm->loc : NULL;

	if (has && cells == root_cells)
		return;
	if (has)
		report_add(out, rule, SEV_OFF, rm->path, prop, loc,
			   "'%s' %s is %u but the root's is %u: the kernel ignores the node and its %zu regions",
			   rm->path, prop, cells, root_cells, n);
	else
		report_add(out, rule, SEV_OFF, rm->path, prop, loc,
			   "'%s' has no %s (the root's is %u): the kernel ignores the node and its %zu regions",
			   rm->path, prop, root_cells, n);
	report_set_kernel_message(out, kmsg);
}

RULE_CHECK(rmem_root_format)
{
	const struct board *b = ctx->board;
	const struct rmem_root *rm = &b->rmem;
	const struct profile *p = ctx->profile;
	const char *kmsg = kver_ge(p->kernel, 6, 12)
		? "OF: reserved mem: Reserved memory: unsupported node format, ignoring"
		: "OF: fdt: Reserved memory: unsupported node format, ignoring";
	const struct srcloc *loc = rm->loc.file ? &rm->loc : NULL;
	size_t n = b->nnodes;

	if (!rm->present)
		return;
	check_cells(rule, out, rm, "#size-cells", rm->has_size_cells, rm->size_cells, b->root_size_cells, n, kmsg);
	check_cells(rule, out, rm, "#address-cells", rm->has_addr_cells, rm->addr_cells, b->root_addr_cells, n,
		    kmsg);
	if (!rm->has_ranges) {
		report_add(out, rule, SEV_OFF, rm->path, "ranges", loc,
			   "'%s' has no 'ranges' property (an empty 'ranges;' is expected): the kernel ignores the node and its %zu regions",
			   rm->path, n);
		report_set_kernel_message(out, kmsg);
	}
	if (!kver_ge(p->kernel, 5, 17) && strcmp(rm->name, "reserved-memory"))
		report_add(out, rule, SEV_OFF, rm->path, NULL, loc,
			   "'%s' is not named exactly 'reserved-memory': kernel %s looks the node up by that name and ignores its %zu regions",
			   rm->path, p->kernel_str, n);
	if (!b->root_has_size_cells || !b->root_has_addr_cells)
		report_add(out, rule, SEV_WARNING, "/", b->root_has_size_cells ? "#address-cells" : "#size-cells", NULL,
			   "the root node has no %s: the kernel assumes 1 cell for reserved-memory addresses and sizes",
			   b->root_has_size_cells ? "#address-cells" : "#size-cells");
}
