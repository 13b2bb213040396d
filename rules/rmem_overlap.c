// SPDX-License-Identifier: MIT
/* rmem_overlap: regions that share memory. */
#include <stdio.h>

#include "rule.h"

/* What the memory is used for, in the words of the message. */
static const char *use_of(const struct kregion *r)
{
	if (r->status != RS_RESERVED)
		return r->kind == RK_CMA ? "CMA pool the kernel drops" : "region the kernel drops";
	switch (r->kind) {
	case RK_CMA: return "CMA pool";
	case RK_DMA_POOL: return "DMA pool";
	case RK_NOMAP: return "no-map carve-out";
	case RK_CARVEOUT: return "carve-out";
	case RK_MEMRESERVE: return "/memreserve/";
	}
	return "region";
}

/*
 * Memory handed to an allocator (a CMA or DMA pool the kernel creates)
 * collides with anything; two carve-outs only nest.
 */
static bool allocator_memory(const struct kregion *r)
{
	/*
	 * A CMA pool not wholly in RAM is never activated (rmem_outside_ram): it
	 * hands nothing out. A coherent pool is set up for a device that lists it
	 * in memory-region; one that no enabled device lists hands nothing out.
	 */
	return (r->kind == RK_CMA || r->kind == RK_DMA_POOL) && r->status == RS_RESERVED &&
	       !(r->kind == RK_CMA && r->ram_place != RAM_INSIDE) &&
	       !(r->kind == RK_DMA_POOL && r->node && !r->node->consumers);
}

/* Someone uses the region: a device lists it, or it carries a binding's compatible. */
static bool owned(const struct kregion *r)
{
	return r->node && (r->node->consumers || r->node->ncompatible);
}

RULE_CHECK(rmem_overlap)
{
	const struct kmodel *k = ctx->kmodel;

	/* the kernel model's pairs; each named from the later node, as the kernel's check finds it */
	for (size_t i = 0; i < k->noverlaps; i++) {
		const struct koverlap *o = &k->overlaps[i];
		const struct kregion *a = &k->regions[o->first < o->second ? o->first : o->second];
		const struct kregion *c = &k->regions[o->first < o->second ? o->second : o->first];
		uint64_t lo = o->lo, hi = o->hi, ae = a->base + a->size, ce = c->base + c->size;
		char s1[SIZE_STR_MAX], km[512];
		enum severity sev;

		if (!a->node || !c->node)
			continue;
		sev = allocator_memory(a) || allocator_memory(c) ? SEV_ERROR : SEV_WARNING;
		/*
		 * No allocator: one carve-out wholly inside another is an umbrella, on
		 * purpose; a partial overlap matters when both have an owner (a device
		 * that lists it, or a binding's compatible), who may write the same
		 * memory. Otherwise it is information.
		 */
		if (sev == SEV_WARNING && ((a->base <= c->base && ae >= ce) || (c->base <= a->base && ce >= ae) ||
					   !owned(a) || !owned(c)))
			sev = SEV_INFO;
		snprintf(km, sizeof(km), "OF: reserved mem: OVERLAP DETECTED!\n%s (0x%016llx--0x%016llx) overlaps with %s (0x%016llx--0x%016llx)",
			 a->node->name, (unsigned long long)a->base, (unsigned long long)ae,
			 c->node->name, (unsigned long long)c->base, (unsigned long long)ce);
		/* pair_node: reported at whichever 'reg' an override changed last (lint/run/srcpos.c) */
		report_add(out, rule, sev, AT(.node = c->node->path, .property = "reg",
			   .loc = rule_loc(c->node, "reg"), .kernel_message = km,
			   .pair_node = a->node->path),
			   "'%s' (%s, 0x%llx-0x%llx) overlaps '%s' (%s, 0x%llx-0x%llx) by %s: %s",
			   c->node->path, use_of(c), (unsigned long long)c->base, (unsigned long long)(ce - 1),
			   a->node->path, use_of(a), (unsigned long long)a->base, (unsigned long long)(ae - 1),
			   fmt_size(hi - lo, s1),
			   allocator_memory(a) && allocator_memory(c) && a->kind == RK_CMA && c->kind == RK_CMA
			   ? "two CMA pools hand out the same pages (kernels panic or corrupt memory)"
			   : sev == SEV_ERROR ? "an allocator hands out memory another user owns"
					      : "the kernel keeps both; no allocator hands the shared part out");
	}
}
