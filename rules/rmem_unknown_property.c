// SPDX-License-Identifier: MIT
/* rmem_unknown_property: properties the shared-dma-pool binding does not define. */
#include <string.h>

#include "rule.h"

/* reserved-memory.yaml and shared-dma-pool.yaml, plus the generic ones. */
static const char *const known[] = {
	"compatible", "reg", "size", "alignment", "alloc-ranges", "no-map", "reusable",
	"linux,cma-default", "linux,dma-default", "iommu-addresses", "status",
	"phandle", "linux,phandle", "name",
};

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), prev[64], cur[64];

	if (la >= 63 || lb >= 63)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;

			cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
		memcpy(prev, cur, sizeof(prev));
	}
	return prev[lb];
}

RULE_CHECK(rmem_unknown_property)
{
	const struct board *b = ctx->board;

	for (size_t i = 0; i < b->nnodes; i++) {
		const struct rmem_node *n = &b->nodes[i];

		if (!rmem_node_has_compatible(n, "shared-dma-pool") || !node_considered(ctx, n))
			continue;
		for (size_t j = 0; j < n->nprops; j++) {
			const char *name = n->props[j].name, *close = NULL;
			/* U-Boot's boot-phase tags (bootph-all, bootph-pre-ram, ...) belong in kernel trees */
			bool ok = !strncmp(name, "bootph-", 7);

			for (size_t k = 0; k < ARRAY_SIZE(known) && !ok; k++) {
				ok = !strcmp(name, known[k]);
				if (!ok && edit_distance(name, known[k]) <= 2)
					close = known[k];
			}
			if (ok)
				continue;
			if (close)
				report_add(out, rule, SEV_OFF, AT(.node = n->path, .property = name,
					   .loc = rule_loc(n, name)),
					   "'%s' property '%s' is not defined for a shared-dma-pool (did you mean '%s'?): the kernel ignores it",
					   n->path, name, close);
			else
				report_add(out, rule, SEV_OFF, AT(.node = n->path, .property = name,
					   .loc = rule_loc(n, name)),
					   "'%s' property '%s' is not defined for a shared-dma-pool: the kernel ignores it",
					   n->path, name);
		}
	}
}
