// SPDX-License-Identifier: MIT
/* rmem_region_names: memory-region-names does not pair one name with each memory-region entry. */
#include "rule.h"

RULE_CHECK(rmem_region_names)
{
	const struct board *b = ctx->board;

	for (size_t i = 0; i < b->nusers; i++) {
		const struct region_user *u = &b->users[i];

		if (!u->available || !u->has_names || u->nnames == u->nregions)
			continue;
		report_add(out, rule, SEV_OFF, AT(.node = u->path, .property = "memory-region-names"),
			   "'%s' has %u memory-region-names for %u memory-region entr%s: a driver that looks its "
			   "region up by name gets %s; give one name per entry, in the same order",
			   u->path, u->nnames, u->nregions, u->nregions == 1 ? "y" : "ies",
			   u->nnames < u->nregions ? "none for the last entries" : "no region for the extra names");
	}
}
