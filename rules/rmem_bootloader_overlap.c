// SPDX-License-Identifier: MIT
/* rmem_bootloader_overlap: a static region lies over what the bootloader placed in RAM. */
#include "rule.h"

RULE_CHECK(rmem_bootloader_overlap)
{
	const struct kmodel *k = ctx->kmodel;

	for (size_t i = 0; i < k->nregions; i++) {
		const struct kregion *r = &k->regions[i];
		uint64_t end;

		if (!r->node || r->origin != RO_REG || !r->has_base || !r->size || !node_considered(ctx, r->node) ||
		    !range_end(r->base, r->size, &end))
			continue;
		for (size_t j = 0; j < k->nboot; j++) {
			const struct range *bl = &k->boot[j];
			uint64_t bend;

			if (!bl->size || !range_end(bl->base, bl->size, &bend) || bl->base >= end || r->base >= bend)
				continue;
			report_add(out, rule, SEV_OFF, AT(.node = r->node->path, .property = "reg",
				   .loc = rule_loc(r->node, "reg"),
				   .kernel_message = r->refusal),
				   "'%s' (%s, 0x%llx-0x%llx) overlaps what the bootloader placed in RAM before the "
				   "kernel (--bootloader-reserved 0x%llx-0x%llx): the kernel image, initrd or device "
				   "tree loaded there lies inside the region%s; move the region or the load address",
				   r->node->path, region_use(r), (unsigned long long)r->base, (unsigned long long)(end - 1),
				   (unsigned long long)bl->base, (unsigned long long)(bend - 1),
				   r->nomap_refused ? ", and the kernel refuses to mark it no-map"
				   : r->kind == RK_CMA ? ", and activating the pool hands those pages to the allocator"
				   : "");
			break;
		}
	}
}
