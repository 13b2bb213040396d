// SPDX-License-Identifier: MIT
/* rmem_overlap: regions that share memory. */
#include <stdio.h>

#include "rule.h"

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

/* The end of the message for a no-map region the kernel refused to mark. */
static const char *refused_why(const struct kregion *r, const struct kregion *other, char *buf, size_t len)
{
	char s1[SIZE_STR_MAX];
	const char *head = "the kernel refuses no-map over memory already reserved, yet sets the node up: it stays mapped";

	if (allocator_memory(other))
		snprintf(buf, len, "%s and the %s hands it out", head, other->kind == RK_CMA ? "CMA pool" : "DMA pool");
	else if (r->nomap_exposed)
		snprintf(buf, len, "%s and %s of it goes to the page allocator", head, fmt_size(r->nomap_exposed, s1));
	else
		snprintf(buf, len, "%s", head);
	return buf;
}

/*
 * A fixed cma= area over a static no-map region: the kernel only marked
 * the region, so nothing stops the area, and activating it frees the
 * no-map pages with the rest (6.12/7.3 boots, case p21). Anything the tree
 * reserved makes the area fail instead (cma_reserve_fail).
 */
static void report_cma_over_nomap(const struct rule *rule, const struct lint_ctx *ctx, struct report *out,
				  const struct kregion *x, const struct kregion *y, uint64_t shared)
{
	const struct kregion *area = x->node ? y : x, *r = x->node ? x : y;
	char s1[SIZE_STR_MAX];
	struct assumption assumed;

	if (!r->node || area->origin != RO_CMDLINE || area->kind != RK_CMA || area->status != RS_RESERVED ||
	    r->status != RS_RESERVED || !r->node->no_map || r->nomap_refused)
		return;
	/* whether the area is reserved there depends on RAM */
	report_add(out, rule, SEV_ERROR, AT(.node = r->node->path, .property = "reg", .loc = rule_loc(r->node, "reg"),
		   .assumed = rule_assumption(ctx, FACT_RAM, &assumed)),
		   "'%s' (%s, 0x%llx-0x%llx) lies in the cma= area (0x%llx-0x%llx) by %s: the kernel reserves the "
		   "area over it and hands the no-map memory out as CMA",
		   r->node->path, region_use(r), (unsigned long long)r->base, (unsigned long long)(r->base + r->size - 1),
		   (unsigned long long)area->base, (unsigned long long)(area->base + area->size - 1), fmt_size(shared, s1));
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
		const struct kregion *refused, *other;
		char s1[SIZE_STR_MAX], km[768], why[256];
		struct assumption assumed;
		enum severity sev;

		if (!a->node || !c->node) {
			report_cma_over_nomap(rule, ctx, out, a, c, hi - lo);
			continue;
		}
		refused = a->nomap_refused ? a : c->nomap_refused ? c : NULL;
		other = refused == a ? c : a;
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
		/*
		 * A no-map range over memory an earlier region reserved: the kernel
		 * refuses to mark it, so it stays mapped, and what no other region
		 * covers is handed to the page allocator (6.12/7.3 boots, case p18).
		 */
		if (refused && refused->nomap_exposed)
			sev = SEV_ERROR;
		else if (refused && sev == SEV_INFO)
			sev = SEV_WARNING;
		snprintf(km, sizeof(km), "%s%sOF: reserved mem: OVERLAP DETECTED!\n%s (0x%016llx--0x%016llx) overlaps with %s (0x%016llx--0x%016llx)",
			 refused ? refused->refusal : "", refused ? "\n" : "", a->node->name, (unsigned long long)a->base, (unsigned long long)ae,
			 c->node->name, (unsigned long long)c->base, (unsigned long long)ce);
		/* pair_node: reported at whichever 'reg' an override changed last (lint/run/srcpos.c) */
		report_add(out, rule, sev, AT(.node = c->node->path, .property = "reg",
			   .loc = rule_loc(c->node, "reg"), .kernel_message = km,
			   .pair_node = a->node->path,
			   /* the refusal and what reaches the page allocator depend on RAM */
			   .assumed = refused ? rule_assumption(ctx, FACT_RAM, &assumed) : NULL),
			   "'%s' (%s, 0x%llx-0x%llx) overlaps '%s' (%s, 0x%llx-0x%llx) by %s: %s",
			   c->node->path, region_use(c), (unsigned long long)c->base, (unsigned long long)(ce - 1),
			   a->node->path, region_use(a), (unsigned long long)a->base, (unsigned long long)(ae - 1),
			   fmt_size(hi - lo, s1),
			   refused ? refused_why(refused, other, why, sizeof(why)) :
			   allocator_memory(a) && allocator_memory(c) && a->kind == RK_CMA && c->kind == RK_CMA
			   ? "two CMA pools hand out the same pages (kernels panic or corrupt memory)"
			   : sev == SEV_ERROR ? "an allocator hands out memory another user owns"
					      : "the kernel keeps both; no allocator hands the shared part out");
	}
}
