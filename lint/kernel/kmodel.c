// SPDX-License-Identifier: MIT
/*
 * The kernel model. Each step below names the kernel behaviour it follows
 * (docs/kernel-model.md has the version table); the code is a re-expression
 * of that behaviour, not the kernel's code.
 */
#include "kmodel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define SMP_CACHE_BYTES 64
#define FOUR_GIB (UINT64_C(1) << 32)

const char *region_kind_name(enum region_kind k)
{
	static const char *const n[] = { "cma", "dma-pool", "carveout", "no-map", "memreserve" };

	return n[k];
}

const char *region_origin_name(enum region_origin o)
{
	static const char *const n[] = { "reg", "size", "cmdline", "kconfig", "memreserve" };

	return n[o];
}

const char *region_status_name(enum region_status s)
{
	static const char *const n[] = { "reserved", "rejected", "bypassed", "disabled", "failed" };

	return n[s];
}

bool rmem_node_is_cma(const struct rmem_node *n)
{
	return rmem_node_has_compatible(n, "shared-dma-pool") && n->reusable && !n->no_map;
}

const struct kregion *kmodel_region_for(const struct kmodel *k, const struct rmem_node *n)
{
	for (size_t i = 0; i < k->nregions; i++)
		if (k->regions[i].node == n)
			return &k->regions[i];
	return NULL;
}

/* %pa as the kernel prints it: zero-padded to the width of phys_addr_t. */
static const char *pa(const struct profile *p, uint64_t v, char buf[SIZE_STR_MAX])
{
	if (p->arch == ARCH_ARM && !p->lpae)
		snprintf(buf, SIZE_STR_MAX, "0x%08llx", (unsigned long long)v);
	else
		snprintf(buf, SIZE_STR_MAX, "0x%016llx", (unsigned long long)v);
	return buf;
}

static void PRINTF(2, 3) kmsg(struct kregion *r, const char *fmt, ...)
{
	va_list ap;
	char *m;

	va_start(ap, fmt);
	m = xvasprintf(fmt, ap);
	va_end(ap);
	if (r->kernel_message) {
		char *both = xasprintf("%s\n%s", r->kernel_message, m);

		free(r->kernel_message);
		free(m);
		m = both;
	}
	r->kernel_message = m;
}

/* The prefix of messages printed by the reserved-memory scan (moved files in 6.12). */
static const char *scan_prefix(const struct profile *p)
{
	return kver_ge(p->kernel, 6, 12) ? "OF: reserved mem: " : "OF: fdt: ";
}

static struct kregion *add_region(struct kmodel *k)
{
	struct kregion *r = ARRAY_PUSH(k->regions, k->nregions, k->cap);

	memset(r, 0, sizeof(*r));
	return r;
}

static bool root_format_ok(const struct board *b)
{
	const struct rmem_root *rm = &b->rmem;

	if (!rm->has_size_cells || rm->size_cells != b->root_size_cells)
		return false;
	if (!rm->has_addr_cells || rm->addr_cells != b->root_addr_cells)
		return false;
	if (!rm->has_ranges)
		return false;
	return true;
}

static enum region_kind node_kind(const struct rmem_node *n)
{
	if (rmem_node_has_compatible(n, "shared-dma-pool"))
		return n->reusable ? RK_CMA : RK_DMA_POOL;
	return n->no_map ? RK_NOMAP : RK_CARVEOUT;
}

/* Reserve [base, base+size) the way early_init_dt_reserve_memory() does. */
static void reserve_range(struct kmodel *k, const struct profile *p, uint64_t base, uint64_t size, bool nomap)
{
	uint64_t end;

	if (!size || !range_end(base, size, &end))
		return;
	if (!nomap)
		mlist_add(&k->mb.reserved, base, end);
	else if (kver_le(p->kernel, 5, 9))
		mlist_remove(&k->mb.memory, base, end);	/* memblock_remove() */
	else
		mlist_add(&k->mb.nomap, base, end);	/* memblock_mark_nomap() */
}

static void release_range(struct kmodel *k, const struct board *b, const struct profile *p,
			  uint64_t base, uint64_t size, bool nomap)
{
	uint64_t end;

	if (!size || !range_end(base, size, &end))
		return;
	if (!nomap) {
		mlist_remove(&k->mb.reserved, base, end);
	} else if (kver_le(p->kernel, 5, 9)) {
		/* memblock_add() back, but only what is RAM */
		for (size_t i = 0; i < b->nram; i++) {
			uint64_t rb = b->ram[i].base, re = b->ram[i].base + b->ram[i].size;
			uint64_t lo = rb > base ? rb : base, hi = re < end ? re : end;

			if (lo < hi)
				mlist_add(&k->mb.memory, lo, hi);
		}
	} else if (kver_ge(p->kernel, 5, 15)) {
		mlist_remove(&k->mb.nomap, base, end);	/* memblock_clear_nomap() */
	}
	/* 5.10-5.14 free and re-add the range but leave it marked no-map: lost */
}

/* Index of the highest set bit plus one; 0 for 0. */
static unsigned fls64(uint64_t x)
{
	unsigned n = 0;

	while (x) {
		n++;
		x >>= 1;
	}
	return n;
}

/* arm64's max_zone_phys(bits) up to 6.11: the zone ends @bits above the DRAM start's alignment, or at DRAM end. */
static uint64_t arm64_zone_end(uint64_t start, uint64_t end, unsigned bits)
{
	uint64_t span = UINT64_C(1) << bits, lim;

	lim = (start & ~(span - 1));
	lim = lim > UINT64_MAX - span ? UINT64_MAX : lim + span;
	return lim < end ? lim : end;
}

/*
 * arm64 5.10+: the end of ZONE_DMA for the highest CPU address @max_cpu
 * every bus reaches by DMA (kernel-cma.md §3.3). Up to 6.11 the zone is
 * 2^min(32, fls64(max_cpu)) bytes above the DRAM start's alignment; from
 * 6.12 it ends after min(max_cpu, DRAM end - 1), max_cpu first capped at
 * 4 GiB - 1 when DRAM starts below 4 GiB.
 */
static uint64_t arm64_zone_dma_end(const struct profile *p, uint64_t start, uint64_t end, uint64_t max_cpu)
{
	unsigned bits;

	if (!end)
		return 0;
	if (kver_ge(p->kernel, 6, 12)) {
		if (start < UINT32_MAX && max_cpu > UINT32_MAX)
			max_cpu = UINT32_MAX;
		return (max_cpu < end - 1 ? max_cpu : end - 1) + 1;
	}
	bits = fls64(max_cpu);
	return arm64_zone_end(start, end, bits < 32 ? bits : 32);
}

/*
 * The board's dma-ranges bound on ZONE_DMA: none without CONFIG_ZONE_DMA
 * (the limit is then the DMA32 one) or when no node set it.
 */
static uint64_t dma_max_cpu(const struct board *b, const struct profile *p)
{
	return p->zone_dma && b->dma_limit_node ? b->dma_max_cpu_addr : UINT64_MAX;
}

static uint64_t ram_start(const struct board *b)
{
	uint64_t start = UINT64_MAX;

	for (size_t i = 0; i < b->nram; i++)
		if (b->ram[i].base < start)
			start = b->ram[i].base;
	return start;
}

/*
 * 32-bit arm machines whose descriptor sets a DMA zone (dma_zone_size in
 * arch/arm/mach-*): setup_dma_zone() then limits DMA, and the default CMA,
 * to PHYS_OFFSET + size. Keystone 2 does so with CONFIG_ARM_LPAE, which its
 * RAM at the 36-bit alias needs (ARCH_KEYSTONE selects ZONE_DMA then), and
 * its pv_fixup moves PHYS_OFFSET to that alias when all of RAM lies there.
 */
static const struct arm_machine_zone {
	const char *compatible;		/* the descriptor's dt_compat */
	uint64_t alias_start, alias_end;	/* RAM wholly in here moves PHYS_OFFSET (exclusive end) */
	uint64_t zone_size;
} arm_machine_zones[] = {
	{ "ti,keystone", UINT64_C(0x800000000), UINT64_C(0x880000000), 2 * GiB },
};

/* The arm DMA limit a machine descriptor sets (exclusive), or 0 when none applies. */
static uint64_t arm_machine_dma_limit(const struct board *b, const struct profile *p, uint64_t start,
				      uint64_t dram_end)
{
	/* a .config that turns the zone or LPAE off: no zone (arm_dma_limit is then ~0) */
	if ((p->zone_dma_src == SRC_KCONFIG && !p->zone_dma) || (p->lpae_src == SRC_KCONFIG && !p->lpae))
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(arm_machine_zones); i++) {
		const struct arm_machine_zone *m = &arm_machine_zones[i];
		bool match = false;

		for (size_t j = 0; j < b->ncompatible && !match; j++)
			match = !strcmp(b->compatible[j], m->compatible);
		if (match && start >= m->alias_start && dram_end <= m->alias_end)
			return dram_end - start < m->zone_size ? dram_end : start + m->zone_size;
	}
	return 0;
}

/* The DMA limit the arch passes to dma_contiguous_reserve(), kernel-cma.md §3.3. */
static uint64_t arch_dma_limit(const struct board *b, const struct profile *p, uint64_t dram_end)
{
	uint64_t start;

	if (!b->nram)
		return 0;
	start = ram_start(b);
	switch (p->arch) {
	case ARCH_ARM64:
		/* 5.10+: the end of ZONE_DMA; before, the DMA32 limit */
		if (kver_ge(p->kernel, 5, 10))
			return arm64_zone_dma_end(p, start, dram_end, dma_max_cpu(b, p));
		return arm64_zone_end(start, dram_end, 32);
	case ARCH_RISCV64:
		return dram_end < FOUR_GIB ? dram_end : FOUR_GIB;
	case ARCH_ARM: {
		uint64_t zone = arm_machine_dma_limit(b, p, start, dram_end);

		if (zone)
			return zone;
		/* without CONFIG_ZONE_DMA arm_dma_limit is ~0; with it, the first 4 GiB */
		if (p->zone_dma_src == SRC_KCONFIG && !p->zone_dma)
			return dram_end;
		return dram_end < FOUR_GIB ? dram_end : FOUR_GIB;
	}
	case ARCH_X86_64:
		return dram_end;
	}
	return dram_end;
}

/*
 * arm with HIGHMEM: the end of lowmem. adjust_lowmem_bounds() in
 * arch/arm/mm/mmu.c maps lowmem from the start of RAM up to the virtual
 * address VMALLOC_END (0xff800000) less the vmalloc area (240 MiB) and its
 * 8 MiB guard: VMSPLIT_3G 768 MiB, 3G_OPT 1 GiB, 2G 1792 MiB, 1G 2816 MiB
 * above the start of RAM.
 */
uint64_t arm_lowmem_size(const struct profile *p)
{
	const uint64_t vmalloc_end = 0xff800000u, vmalloc_size = 240 * MiB, guard = 8 * MiB;
	uint64_t po = p->arm_page_offset;

	if (po + vmalloc_size + guard >= vmalloc_end)
		return 0;
	return vmalloc_end - vmalloc_size - guard - po;
}

static uint64_t arm_highmem_start(const struct board *b, const struct profile *p)
{
	if (p->arch != ARCH_ARM || !b->nram)
		return 0;
	return b->ram[0].base + arm_lowmem_size(p);
}

struct dyn_try {
	uint64_t start, end;
};

/* 6.5+: pick bottom-up or top-down by where the window touches earlier saved regions. */
static bool window_direction(const struct kmodel *k, const struct profile *p, size_t upto,
			     uint64_t start, uint64_t end)
{
	bool start_in = false, end_in = false;

	if (!kver_ge(p->kernel, 6, 5))
		return true;
	for (size_t i = 0; i < upto; i++) {
		const struct kregion *r = &k->regions[i];
		uint64_t rend;

		if (!r->node || !r->has_base || r->status != RS_RESERVED)
			continue;
		/* 6.12+: static nodes are saved later, so only earlier dynamic ones count. */
		if (kver_ge(p->kernel, 6, 12) && r->origin != RO_SIZE)
			continue;
		rend = r->base + r->size;
		if (start >= r->base && start <= rend)
			start_in = true;
		if (end >= r->base && end <= rend)
			end_in = true;
	}
	if (start_in && !end_in)
		return false;	/* bottom-up */
	return true;
}

static void place_dynamic(struct kmodel *k, const struct profile *p, size_t idx)
{
	struct kregion *r = &k->regions[idx];
	const struct rmem_node *n = r->node;
	uint64_t align = n->alignment.present && n->alignment_value ? n->alignment_value : SMP_CACHE_BYTES;
	bool found = false;
	uint64_t base = 0;

	if (p->cma && rmem_node_is_cma(n) && align < p->cma_granule)
		align = p->cma_granule;
	if (n->alloc_ranges.present && n->alloc_ranges.valid && n->nallocs) {
		for (size_t i = 0; i < n->nallocs && !found; i++) {
			uint64_t s = n->allocs[i].base, e = s + n->allocs[i].size;

			found = memblock_find(&k->mb, r->size, align, s, e,
					      window_direction(k, p, idx, s, e), &base);
		}
	} else {
		found = memblock_find(&k->mb, r->size, align, 0, UINT64_MAX, true, &base);
	}
	if (!found) {
		r->status = RS_FAILED;
		r->reason = RR_ALLOC_FAILED;
		/* what the kernel had when it failed, before later areas took more */
		r->largest_free = n->alloc_ranges.present && n->alloc_ranges.valid && n->nallocs
				  ? memblock_largest_free(&k->mb, n->allocs[0].base, n->allocs[0].base + n->allocs[0].size)
				  : memblock_largest_free(&k->mb, 0, UINT64_MAX);
		if (kver_ge(p->kernel, 6, 1))
			kmsg(r, "OF: reserved mem: failed to allocate memory for node '%s': size %llu MiB",
			     n->name, (unsigned long long)(r->size >> 20));
		else
			kmsg(r, "OF: reserved mem: failed to allocate memory for node '%s'", n->name);
		return;
	}
	r->has_base = true;
	r->base = base;
	/*
	 * 5.10-5.14 only look for room and take a no-map node's range out of
	 * memory, reserving nothing: a fixed cma= over it is reserved over the
	 * hole (5.10 boot, case p23). 5.15 allocates the range instead.
	 */
	if (n->no_map && kver_ge(p->kernel, 5, 10) && !kver_ge(p->kernel, 5, 15)) {
		mlist_remove(&k->mb.memory, base, base + r->size);
		return;
	}
	reserve_range(k, p, base, r->size, n->no_map);
	/*
	 * 5.15+: the allocation reserved it before it was marked no-map: a fixed
	 * cma= over it finds it reserved (6.1, 6.12, 7.3 boots, case p23),
	 * unlike a static no-map range, which is only marked (case p21).
	 */
	if (n->no_map)
		mlist_add(&k->mb.reserved, base, base + r->size);
}

/*
 * A static no-map range over memory something already reserved: 5.10+
 * refuses to mark it (-EBUSY), 5.15+ only when the range overlaps memory
 * (kernel-cma.md section 1.3). Reserved by then: the bootloader's ranges,
 * /memreserve/ up to 6.11, earlier static regions of the tree.
 */
static bool nomap_refused(const struct kmodel *k, const struct profile *p, uint64_t base, uint64_t size)
{
	uint64_t end;

	if (!kver_ge(p->kernel, 5, 10) || !range_end(base, size, &end))
		return false;
	if (kver_ge(p->kernel, 5, 15) && !mlist_intersects(&k->mb.memory, base, end))
		return false;
	return mlist_intersects(&k->mb.reserved, base, end);
}

/* Decode one node into a region with its early-scan outcome (no init yet). */
static void scan_node(struct kmodel *k, const struct profile *p, const struct rmem_node *n,
		      const struct cmdline *cl)
{
	struct kregion *r = add_region(k);
	bool v619 = kver_ge(p->kernel, 6, 19);
	bool reg_usable = n->reg.present && (n->reg.valid || !v619);
	bool allocs_bad = n->alloc_ranges.present && !n->alloc_ranges.valid && !v619;

	r->node = n;
	r->name = xstrdup(n->path);
	r->kind = node_kind(n);
	r->status = RS_RESERVED;

	if (k->rmem_ignored) {
		r->status = RS_REJECTED;
		r->reason = RR_ROOT_IGNORED;
		r->origin = n->reg.present ? RO_REG : RO_SIZE;
		return;
	}
	if (!n->available) {
		r->status = RS_DISABLED;
		r->reason = RR_STATUS_DISABLED;
		r->origin = n->reg.present ? RO_REG : RO_SIZE;
		return;
	}
	/*
	 * 6.19 (backported to 6.18.y): the scan itself skips a linux,cma-default
	 * node when cma= is given, before it reserves anything.
	 */
	if (kver_ge(p->kernel, 6, 18) && cl && cl->resolved.given && n->cma_default) {
		r->status = RS_BYPASSED;
		r->reason = RR_CMA_BYPASSED;
		r->origin = n->reg.present ? RO_REG : RO_SIZE;
		kmsg(r, "Skipping dt linux,cma-default node in favor for \"cma=\" kernel param.");
		return;
	}
	if (reg_usable) {
		r->origin = RO_REG;
		if (!n->reg.valid) {
			r->status = RS_REJECTED;
			r->reason = RR_BAD_REG;
			kmsg(r, "%sReserved memory: invalid reg property in '%s', skipping node.",
			     scan_prefix(p), n->name);
			return;
		}
		if (!n->nregs) {
			r->status = RS_REJECTED;
			r->reason = RR_EMPTY_REG;
			return;
		}
		r->has_base = true;
		r->base = n->regs[0].base;
		r->size = n->regs[0].size;
		/* 7.3 boot (case p10): from 6.19 only the first entry is reserved and used */
		for (size_t i = 0; i < (v619 ? 1 : n->nregs); i++) {
			char b1[SIZE_STR_MAX];

			if (!n->regs[i].size) {
				kmsg(r, "%sReserved memory: failed to reserve memory for node '%s': base %s, size 0 MiB",
				     scan_prefix(p), n->name, pa(p, n->regs[i].base, b1));
				continue;
			}
			if (n->no_map && nomap_refused(k, p, n->regs[i].base, n->regs[i].size)) {
				/*
				 * 6.12/7.3 boots (case p18): the node is still saved and set
				 * up, but its memory is neither no-map nor reserved by it.
				 */
				char *line = xasprintf("%sReserved memory: failed to reserve memory for node '%s': base %s, size %llu MiB",
						       scan_prefix(p), n->name, pa(p, n->regs[i].base, b1),
						       (unsigned long long)(n->regs[i].size >> 20));

				kmsg(r, "%s", line);
				if (i == 0 && !r->refusal) {
					r->nomap_refused = true;
					r->refusal = line;
				} else {
					free(line);
				}
				continue;
			}
			reserve_range(k, p, n->regs[i].base, n->regs[i].size, n->no_map);
			if (i > 0)
				r->extra_reserved += n->regs[i].size;
		}
		if (n->nregs > 1) {
			r->memory_lost = !v619;
			if (kver_ge(p->kernel, 6, 12) && !v619)
				kmsg(r, "OF: reserved mem: fdt_scan_reserved_mem_reg_nodes() ignores %zu regions in node '%s'",
				     n->nregs - 1, n->name);
			/* 7.3 boot (case p10): the first entry is still used, with a new message */
			if (v619)
				kmsg(r, "OF: reserved mem: Reserved memory: node '%s' has %zu <base size> entries, only the first is used",
				     n->name, n->nregs);
		}
		if (!r->size) {
			r->status = RS_FAILED;
			r->reason = RR_ZERO_SIZE;
		}
		return;
	}

	r->origin = RO_SIZE;
	if (!n->size.present) {
		r->status = RS_REJECTED;
		r->reason = RR_NO_REG_NO_SIZE;
		return;
	}
	if (!n->size.valid) {
		r->status = RS_REJECTED;
		r->reason = RR_BAD_SIZE;
		kmsg(r, "OF: reserved mem: invalid size property in '%s' node.", n->name);
		return;
	}
	r->size = n->size_value;
	if (n->alignment.present && !n->alignment.valid) {
		r->status = RS_REJECTED;
		r->reason = RR_BAD_ALIGNMENT_PROP;
		kmsg(r, "OF: reserved mem: invalid alignment property in '%s' node.", n->name);
		return;
	}
	if (allocs_bad) {
		r->status = RS_REJECTED;
		r->reason = RR_BAD_ALLOC_RANGES;
		kmsg(r, "OF: reserved mem: invalid alloc-ranges property in '%s', skipping node.", n->name);
		return;
	}
	if (!r->size) {
		r->status = RS_FAILED;
		r->reason = RR_ZERO_SIZE;
		kmsg(r, "OF: reserved mem: failed to allocate memory for node '%s'", n->name);
		return;
	}
	/* placed later, in the kernel's order */
}

/* rmem_cma_setup() then rmem_dma_setup() for a shared-dma-pool node. */
static void init_node(struct kmodel *k, const struct board *b, const struct profile *p,
		      const struct cmdline *cl, struct kregion *r)
{
	const struct rmem_node *n = r->node;
	char b1[SIZE_STR_MAX];
	bool cma_done = false, dma_done = false;
	bool bypassed = false;

	if (rmem_node_has_compatible(n, "shared-dma-pool")) {
		if (p->cma) {
			/*
			 * 5.6-6.12: the setup hook bypasses a DT default when cma= is
			 * given. 6.13-6.17: the reworked reserved-memory code sets the
			 * node up before that check can see cma=, so the DT default is
			 * created and the cma= area is not (it finds a default already).
			 */
			if (p->kb.cma_cmdline_drops_dt_default && cl && cl->resolved.given && n->cma_default) {
				bypassed = true;
				kmsg(r, "Reserved memory: bypass %s node, using cmdline CMA params instead", n->name);
			} else if (!n->reusable || n->no_map) {
				/* -EINVAL without a message; the coherent handler is tried */
			} else if (!is_aligned(r->base, p->cma_granule) || !is_aligned(r->size, p->cma_granule)) {
				kmsg(r, "Reserved memory: incorrect alignment of CMA region");
				r->reason = RR_CMA_MISALIGNED;
			} else if (k->cma_areas >= p->max_cma_areas) {
				kmsg(r, "cma: Not enough slots for CMA reserved regions!\n"
					"Reserved memory: unable to setup CMA region");
				r->reason = RR_CMA_NO_SLOT;
			} else {
				cma_done = true;
				k->cma_areas++;
				r->kind = RK_CMA;
				r->default_cma = n->cma_default;
				kmsg(r, "Reserved memory: created CMA memory pool at %s, size %llu MiB",
				     pa(p, r->base, b1), (unsigned long long)(r->size >> 20));
			}
		} else if (n->reusable) {
			r->reason = RR_CMA_DISABLED_KCONFIG;
		}
		if (!cma_done) {
			if (n->reusable) {
				if (r->reason == RR_OK)
					r->reason = n->no_map ? RR_CMA_REUSABLE_NOMAP : RR_COHERENT_REUSABLE;
			} else if (p->arch == ARCH_ARM && !n->no_map) {
				kmsg(r, "Reserved memory: regions without no-map are not yet supported");
				r->reason = RR_COHERENT_NEEDS_NOMAP;
			} else {
				dma_done = true;
				r->kind = RK_DMA_POOL;
				if (kver_ge(p->kernel, 7, 3))
					kmsg(r, "Reserved memory: created DMA memory pool at %s, size %llu KiB",
					     pa(p, r->base, b1), (unsigned long long)(r->size >> 10));
				else
					kmsg(r, "Reserved memory: created DMA memory pool at %s, size %llu MiB",
					     pa(p, r->base, b1), (unsigned long long)(r->size >> 20));
			}
		}
		if (!cma_done && !dma_done && n->reusable && n->no_map && kver_ge(p->kernel, 6, 13)) {
			/*
			 * 6.13+: the region is reserved (and its no-map hole made) when
			 * the node is scanned; a failed setup no longer gives it back.
			 * No CMA area, no "matching fail" line (7.3 boot, case e1).
			 */
			r->status = RS_RESERVED;
			r->kind = RK_NOMAP;
			r->reason = RR_CMA_REUSABLE_NOMAP;
			goto logged;
		}
		if (!cma_done && !dma_done) {
			if (bypassed)
				r->reason = RR_CMA_BYPASSED;
			if (kver_ge(p->kernel, 5, 4)) {
				kmsg(r, "OF: reserved mem: node %s compatible matching fail", n->name);
				r->status = bypassed ? RS_BYPASSED : RS_REJECTED;
				release_range(k, b, p, r->base, r->size, n->no_map);
				if (n->no_map && kver_ge(p->kernel, 5, 10) && !kver_ge(p->kernel, 5, 15))
					r->memory_lost = true;
			} else {
				r->status = bypassed ? RS_BYPASSED : RS_REJECTED;
				r->memory_lost = true;
			}
			return;
		}
		if (dma_done && bypassed)
			r->reason = RR_CMA_BYPASSED;
	}
logged:
	if (kver_ge(p->kernel, 6, 4) && r->status == RS_RESERVED) {
		char b2[SIZE_STR_MAX];
		uint64_t end = r->base + r->size;

		kmsg(r, "OF: reserved mem: %s..%s (%llu KiB) %s %s %s", pa(p, r->base, b1), pa(p, end - 1, b2),
		     (unsigned long long)(r->size >> 10), n->no_map ? "nomap" : "map",
		     n->reusable ? "reusable" : "non-reusable", n->name);
	}
}

/* An entry of the kernel's reserved-memory table, with its sort keys. */
struct sort_ent {
	struct kregion *r;
	uint64_t base, size;	/* as saved: a placeholder is (0, 0) */
	int offset;		/* node offset in the blob */
};

/* The table's order (__rmem_cmp): base; 5.4+ then size; 6.5+ then the node's offset. */
static int rmem_cmp(const struct profile *p, const struct sort_ent *a, const struct sort_ent *b)
{
	if (a->base != b->base)
		return a->base < b->base ? -1 : 1;
	if (kver_ge(p->kernel, 5, 4) && a->size != b->size)
		return a->size < b->size ? -1 : 1;
	if (kver_ge(p->kernel, 6, 5) && a->offset != b->offset)
		return a->offset < b->offset ? -1 : 1;
	return 0;
}

static void swap_ent(struct sort_ent *v, size_t i, size_t j)
{
	struct sort_ent t = v[i];

	v[i] = v[j];
	v[j] = t;
}

/* The textbook sift-down: swap with the larger child while it is larger. */
static void sift_down_classic(struct sort_ent *v, size_t r, size_t lim, const struct profile *p)
{
	for (size_t c; 2 * r + 1 < lim; r = c) {
		c = 2 * r + 1;
		if (c + 1 < lim && rmem_cmp(p, &v[c], &v[c + 1]) < 0)
			c++;
		if (rmem_cmp(p, &v[r], &v[c]) >= 0)
			break;
		swap_ent(v, r, c);
	}
}

/*
 * kernel_sort - order @v as the kernel's sort() of its version does. The
 * kernel's sort is a heapsort and not stable, so entries that compare
 * equal (several placeholders before 6.5) come out in the permutation the
 * algorithm gives; which dynamic region is placed first depends on it.
 * From 5.2 it is a bottom-up heapsort (the sift-down finds the leaf path
 * first, then backs up), before that the textbook one.
 */
static void kernel_sort(struct sort_ent *v, size_t n, const struct profile *p)
{
	if (n < 2)
		return;
	if (!kver_ge(p->kernel, 5, 2)) {
		for (size_t i = n / 2; i-- > 0;)
			sift_down_classic(v, i, n, p);
		for (size_t lim = n - 1; lim > 0; lim--) {
			swap_ent(v, 0, lim);
			sift_down_classic(v, 0, lim, p);
		}
		return;
	}
	for (size_t a = n / 2, end = n;;) {
		size_t b, c = 0, d = 0;

		if (a) {
			a--;
		} else {
			if (--end == 0)
				break;
			swap_ent(v, 0, end);
		}
		/* the path of larger children down to a leaf */
		for (b = a;; b = rmem_cmp(p, &v[c], &v[d]) >= 0 ? c : d) {
			c = 2 * b + 1;
			d = c + 1;
			if (d >= end)
				break;
		}
		if (d == end)
			b = c;
		/* back up to where v[a] belongs, then rotate it into place */
		while (b != a && rmem_cmp(p, &v[a], &v[b]) >= 0)
			b = (b - 1) / 2;
		for (c = b; b != a;) {
			b = (b - 1) / 2;
			swap_ent(v, b, c);
		}
	}
}

/*
 * The Kconfig default size, kernel-cma.md §3.2: CMA_SIZE_MBYTES MiB, or
 * cma_early_percent_memory() = (pages of memblock.memory x PERCENTAGE /
 * 100) << PAGE_SHIFT, or the min/max of both. memblock.memory already
 * lacks the no-map regions that kernels before 5.10 removed from it.
 */
static uint64_t kconfig_default_size(const struct kmodel *k, const struct profile *p)
{
	uint64_t mb = p->cma_size_mbytes << 20;
	uint64_t pages = 0, pct;

	for (size_t i = 0; i < k->mb.memory.n; i++) {
		uint64_t first = (k->mb.memory.r[i].base + p->page_size - 1) >> p->page_shift;
		uint64_t last = k->mb.memory.r[i].end >> p->page_shift;

		if (last > first)
			pages += last - first;
	}
	pct = (pages * p->cma_size_percentage / 100) << p->page_shift;
	switch (p->cma_size_sel) {
	case CMA_SEL_MBYTES: return mb;
	case CMA_SEL_PERCENTAGE: return pct;
	case CMA_SEL_MIN: return mb < pct ? mb : pct;
	case CMA_SEL_MAX: return mb > pct ? mb : pct;
	}
	return mb;
}

static void fail_default(struct kregion *r, enum region_reason why)
{
	r->status = RS_FAILED;
	r->reason = why;
	kmsg(r, "cma: Failed to reserve %llu MiB", (unsigned long long)(r->size >> 20));
}

/* dma_contiguous_reserve() -> cma_declare_contiguous(), kernel-cma.md §3.2 and §4. */
static void reserve_default(struct kmodel *k, const struct board *b, const struct profile *p,
			    const struct cmdline *cl, bool have_dt_default)
{
	const struct cma_cmdline *c = cl && cl->resolved.given ? &cl->resolved : NULL;
	uint64_t size, base = 0, limit, align = p->cma_granule, memend = memblock_end(&k->mb);
	bool fixed = false;
	struct kregion *r;
	char b1[SIZE_STR_MAX], b2[SIZE_STR_MAX];

	if (!p->cma || !b->nram)
		return;
	if (p->arch == ARCH_RISCV64 && !kver_ge(p->kernel, 5, 10))
		return;
	if (c) {
		size = c->size;
		base = c->base;
		if (kver_ge(p->kernel, 6, 17))
			limit = c->limit ? c->limit : k->arch_dma_limit;
		else
			limit = c->limit && (c->limit < k->arch_dma_limit || !k->arch_dma_limit) ? c->limit
											 : k->arch_dma_limit;
		fixed = c->fixed;
	} else {
		size = kconfig_default_size(k, p);
		limit = k->arch_dma_limit;
	}
	/* <= 5.5: a DT default wins over cma=, even over cma=0 */
	if (have_dt_default) {
		if (c)
			k->cmdline_ignored = true;
		return;
	}
	if (!size)
		return;

	r = add_region(k);
	/* The symbol whose value the Kconfig choice took (MIN/MAX: the smaller/larger). */
	r->name = xstrdup(c ? "cma=" : size == (p->cma_size_mbytes << 20) && p->cma_size_sel != CMA_SEL_PERCENTAGE
					? "CONFIG_CMA_SIZE_MBYTES" : "CONFIG_CMA_SIZE_PERCENTAGE");
	r->kind = RK_CMA;
	r->origin = c ? RO_CMDLINE : RO_KCONFIG;
	r->status = RS_RESERVED;
	r->default_cma = true;
	r->requested_size = size;
	r->size = size;
	k->default_source = c ? DEF_CMDLINE : DEF_KCONFIG;
	k->default_index = k->nregions - 1;

	if (k->cma_areas >= p->max_cma_areas) {
		kmsg(r, "cma: Not enough slots for CMA reserved regions!");
		fail_default(r, RR_CMA_NO_SLOT);
		return;
	}
	if (fixed && base % align) {
		kmsg(r, "cma: Region at %s must be aligned to %s bytes", pa(p, base, b1), pa(p, align, b2));
		fail_default(r, RR_DEFAULT_FIXED_MISALIGNED);
		return;
	}
	if (base % align) {
		uint64_t nb = base + (align - base % align);

		base = nb < base ? 0 : nb;
	}
	if (size % align) {
		uint64_t ns = size + (align - size % align);

		if (ns < size) {
			fail_default(r, RR_DEFAULT_EXCEEDS_LIMIT);
			return;
		}
		size = ns;
	}
	r->size = size;
	limit -= limit % align;
	if (!base)
		fixed = false;
	if (fixed && p->arch == ARCH_ARM) {
		uint64_t hs = arm_highmem_start(b, p), end;

		if (hs && range_end(base, size, &end) && base < hs && end > hs) {
			kmsg(r, "cma: Region at %s defined on low/high memory boundary (%s)",
			     pa(p, base, b1), pa(p, hs, b2));
			fail_default(r, RR_DEFAULT_LOWHIGH_BOUNDARY);
			return;
		}
	}
	if (!limit || limit > memend)
		limit = memend;
	{
		uint64_t end;

		if (!range_end(base, size, &end) || end > limit) {
			kmsg(r, "cma: Size (%s) of region at %s exceeds limit (%s)", pa(p, size, b1),
			     pa(p, base, b2), pa(p, limit, (char[SIZE_STR_MAX]){ 0 }));
			fail_default(r, RR_DEFAULT_EXCEEDS_LIMIT);
			return;
		}
		if (fixed) {
			if (mlist_intersects(&k->mb.reserved, base, end)) {
				fail_default(r, RR_DEFAULT_FIXED_BUSY);
				return;
			}
			mlist_add(&k->mb.reserved, base, end);
			r->has_base = true;
			r->base = base;
		} else {
			uint64_t at = 0;
			bool found = false;
			uint64_t hs = p->arch == ARCH_ARM ? arm_highmem_start(b, p) : 0;
			bool try4g = kver_ge(p->kernel, 5, 11) && p->arch != ARCH_ARM &&
				(kver_ge(p->kernel, 6, 17) ? limit : memend) >= FOUR_GIB + size;

			if (hs && base < hs && hs < limit && !kver_ge(p->kernel, 6, 6))
				found = memblock_find(&k->mb, size, align, hs, limit, true, &at);
			if (!found && try4g)
				found = memblock_find(&k->mb, size, align, FOUR_GIB, limit, false, &at);
			if (!found && hs && base < hs && hs < limit && kver_ge(p->kernel, 6, 6))
				found = memblock_find(&k->mb, size, align, hs, limit, true, &at);
			if (!found && hs && base < hs && hs < limit)
				limit = hs;
			if (!found)
				found = memblock_find(&k->mb, size, align, base, limit, true, &at);
			if (found && k->memmap_unplaced) {
				/* the memmap is somewhere at the top of RAM: the area must fit beside it */
				struct memblock tmp = { 0 };
				uint64_t mm, dummy;

				for (size_t i = 0; i < k->mb.memory.n; i++)
					mlist_add(&tmp.memory, k->mb.memory.r[i].base, k->mb.memory.r[i].end);
				for (size_t i = 0; i < k->mb.reserved.n; i++)
					mlist_add(&tmp.reserved, k->mb.reserved.r[i].base, k->mb.reserved.r[i].end);
				for (size_t i = 0; i < k->mb.nomap.n; i++)
					mlist_add(&tmp.nomap, k->mb.nomap.r[i].base, k->mb.nomap.r[i].end);
				if (memblock_find(&tmp, k->memmap_unplaced, 2 * MiB, 0, UINT64_MAX, true, &mm))
					mlist_add(&tmp.reserved, mm, mm + k->memmap_unplaced);
				found = memblock_find(&tmp, size, align, base, limit, true, &dummy);
				memblock_release(&tmp);
			}
			if (!found) {
				fail_default(r, RR_DEFAULT_NO_ROOM);
				return;
			}
			mlist_add(&k->mb.reserved, at, at + size);
			/* Early allocations we cannot see push a top-down area lower: give the bound. */
			r->has_window = true;
			r->window_base = base;
			r->window_end = at + size;
			r->base = at;
		}
	}
	if (kver_ge(p->kernel, 6, 5) && kver_le(p->kernel, 6, 14))
		kmsg(r, "cma: Reserved %llu MiB at %s on node -1", (unsigned long long)(size >> 20),
		     pa(p, r->has_base ? r->base : r->window_end - size, b1));
	else
		kmsg(r, "cma: Reserved %llu MiB at %s", (unsigned long long)(size >> 20),
		     pa(p, r->has_base ? r->base : r->window_end - size, b1));
	k->cma_areas++;
}

const struct kzone *kmodel_zone_of(const struct kmodel *k, uint64_t addr)
{
	for (size_t i = 0; i < k->nzones; i++)
		if (addr >= k->zones[i].base && addr < k->zones[i].end)
			return &k->zones[i];
	return NULL;
}

static bool ram_between(const struct board *b, uint64_t lo, uint64_t hi)
{
	for (size_t i = 0; i < b->nram; i++)
		if (b->ram[i].base < hi && lo < b->ram[i].base + b->ram[i].size)
			return true;
	return false;
}

static void add_zone(struct kmodel *k, const struct board *b, const char *name, uint64_t *lo, uint64_t hi,
		     bool lowmem)
{
	if (hi <= *lo || k->nzones >= KMODEL_MAX_ZONES)
		return;
	if (ram_between(b, *lo, hi)) {
		struct kzone *z = &k->zones[k->nzones++];

		z->name = name;
		z->base = *lo;
		z->end = hi;
		z->lowmem = lowmem;
	}
	*lo = hi;
}

/*
 * The zones of kernel-cma.md §3.3 and §6: where DMA, DMA32, Normal and
 * HighMem begin and end on this board. On arm64 5.10+ ZONE_DMA follows
 * the device tree's dma-ranges (board.dma_max_cpu_addr).
 */
static void layout_zones(struct kmodel *k, const struct board *b, const struct profile *p)
{
	uint64_t start = ram_start(b), end = memblock_end(&k->mb), lo;

	if (!b->nram)
		return;
	lo = start;
	switch (p->arch) {
	case ARCH_ARM64:
		if (kver_le(p->kernel, 5, 4)) {
			add_zone(k, b, "DMA32", &lo, arm64_zone_end(start, end, 32), true);
		} else if (kver_le(p->kernel, 5, 9)) {
			add_zone(k, b, "DMA", &lo, arm64_zone_end(start, end, 30), true);
			add_zone(k, b, "DMA32", &lo, arm64_zone_end(start, end, 32), true);
		} else {
			uint64_t dma = arm64_zone_dma_end(p, start, end, dma_max_cpu(b, p));
			uint64_t dma32;

			if (b->dma_limit_node && dma < arm64_zone_dma_end(p, start, end, UINT64_MAX))
				k->dma_limit_from = b->dma_limit_node;
			if (kver_ge(p->kernel, 6, 12))
				dma32 = end < FOUR_GIB ? end : FOUR_GIB;	/* empty when DRAM starts above */
			else
				dma32 = arm64_zone_end(start, end, 32);
			add_zone(k, b, "DMA", &lo, dma, true);
			add_zone(k, b, "DMA32", &lo, dma32, true);
		}
		add_zone(k, b, "Normal", &lo, end, true);
		break;
	case ARCH_ARM: {
		uint64_t hs = arm_highmem_start(b, p);

		/*
		 * lowmem is ZONE_DMA when the kernel has CONFIG_ZONE_DMA (multi-platform
		 * LPAE kernels; arm_dma_zone_size unset makes it all of lowmem), else Normal
		 */
		add_zone(k, b, p->zone_dma && p->zone_dma_src != SRC_DEFAULT ? "DMA" : "Normal", &lo,
			 hs < end ? hs : end, true);
		add_zone(k, b, "HighMem", &lo, end, false);
		break;
	}
	case ARCH_RISCV64:
		add_zone(k, b, "DMA32", &lo, end < FOUR_GIB ? end : FOUR_GIB, true);
		add_zone(k, b, "Normal", &lo, end, true);
		break;
	case ARCH_X86_64:
		lo = 0;
		add_zone(k, b, "DMA", &lo, 16 * MiB, true);
		add_zone(k, b, "DMA32", &lo, end < FOUR_GIB ? end : FOUR_GIB, true);
		add_zone(k, b, "Normal", &lo, end, true);
		break;
	}
}

/*
 * cma_activate_area(): every page of an area must lie in one zone, or the
 * area "could not be activated" (kernel-cma.md §4.4). Up to 5.10 its pages
 * stay reserved; later kernels hand them to the buddy allocator.
 */
static void activate_cma(struct kmodel *k, const struct profile *p)
{
	for (size_t i = 0; i < k->nregions; i++) {
		struct kregion *r = &k->regions[i];
		const struct kzone *z0, *z1;

		if (r->kind != RK_CMA || r->status != RS_RESERVED || !r->has_base || !r->size)
			continue;
		z0 = kmodel_zone_of(k, r->base);
		z1 = kmodel_zone_of(k, r->base + r->size - 1);
		if (!z0 || !z1 || z0 == z1)
			continue;
		r->status = RS_FAILED;
		r->reason = RR_CMA_ZONE_STRADDLE;
		/*
		 * Up to 5.10 the area is activated pageblock by pageblock until
		 * the first one in another zone: that part is CMA, the rest stays
		 * reserved, and CmaTotal still counts the whole area.
		 */
		if (kver_le(p->kernel, 5, 10))
			r->activated = z0->end - r->base;
		kmsg(r, "cma: CMA area %s could not be activated", r->node ? r->node->name : "reserved");
		if (k->cma_areas)
			k->cma_areas--;
	}
}

/*
 * arm64 reserves the default area in bootmem_init(), after sparse_init()
 * took the memmap. From 5.11 (sections of 128 MiB, 512 MiB with 64 KiB
 * pages) the memmap of all present sections comes from one buffer, each
 * section's share rounded up to a PMD block, allocated top-down; what the
 * memmap does not use is freed again, so the used part at the buffer's base
 * stays and splits RAM (kernel-cma.md §0.1; oracle finding 7 with 16 KiB
 * pages). Earlier kernels and other early allocations (page tables, per-cpu
 * areas) leave holes that cmalint cannot see: the default area's base is
 * reported as an upper bound.
 */
static void reserve_memmap(struct kmodel *k, const struct board *b, const struct profile *p)
{
	unsigned section_bits = p->page_shift == 16 ? 29 : 27;
	uint64_t pmd = p->page_shift == 12 ? 2 * MiB : p->page_shift == 14 ? 32 * MiB : 512 * MiB;
	uint64_t pps = UINT64_C(1) << (section_bits - p->page_shift), sec = UINT64_C(1) << section_bits;
	uint64_t per = (pps * 64 + pmd - 1) / pmd * pmd, nsec = 0, last = UINT64_MAX, at;

	if (p->arch != ARCH_ARM64 || !kver_ge(p->kernel, 5, 10))
		return;
	/*
	 * 6.19: sparse_init() moved from the arch's bootmem_init() into the
	 * core's zone setup, after dma_contiguous_reserve(): the memmap no
	 * longer sits at the top of RAM when the default area is placed (7.3
	 * boots: areas 32 MiB higher with 4 KiB pages, cma=1536M fits with
	 * 16 KiB pages).
	 */
	if (kver_ge(p->kernel, 6, 19))
		return;
	if (!kver_ge(p->kernel, 5, 11)) {
		/* 1 GiB sections of 16 MiB memmap; where they land is not known well enough to place it */
		section_bits = 30;
		pps = UINT64_C(1) << (section_bits - p->page_shift);
		sec = UINT64_C(1) << section_bits;
		per = (pps * 64 + pmd - 1) / pmd * pmd;
	}
	for (size_t i = 0; i < b->nram; i++) {
		uint64_t first = b->ram[i].base / sec, end = b->ram[i].base + b->ram[i].size;

		/* sections first..(end - 1) / sec, counted once, not walked: a bank may span 2^37 */
		nsec += (end - 1) / sec - first + (first != last);
		last = (end - 1) / sec;
	}
	if (!nsec || nsec > UINT64_MAX / per)
		return;
	if (!kver_ge(p->kernel, 5, 11)) {
		k->memmap_unplaced = nsec * per;
		return;
	}
	if (memblock_find(&k->mb, nsec * per, per, 0, UINT64_MAX, true, &at)) {
		uint64_t used = nsec * pps * 64;

		used = (used + p->page_size - 1) / p->page_size * p->page_size;
		mlist_add(&k->mb.reserved, at, at + used);
	}
}

/* Add the part of a placed region that is RAM (all of it when RAM is unknown) to @set. */
static void add_ram_part(struct mlist *set, const struct board *b, const struct kregion *r)
{
	uint64_t end;

	if (!r->size)
		return;
	if (!range_end(r->base, r->size, &end))
		end = UINT64_MAX;
	if (!b->nram) {
		mlist_add(set, r->base, end);
		return;
	}
	for (size_t i = 0; i < b->nram; i++) {
		uint64_t lo = b->ram[i].base > r->base ? b->ram[i].base : r->base;
		uint64_t e = b->ram[i].base + b->ram[i].size, hi = e < end ? e : end;

		if (hi > lo)
			mlist_add(set, lo, hi);
	}
}

/* Where a placed region lies against the board's RAM banks (RAM_INSIDE when RAM is unknown). */
static int ram_place_of(const struct board *b, const struct kregion *r)
{
	struct mlist ram = { 0 };
	int place = RAM_INSIDE;

	if (!r->has_base || !r->size || !board_ram_known(b))
		return RAM_INSIDE;
	for (size_t i = 0; i < b->nram; i++)
		mlist_add(&ram, b->ram[i].base, b->ram[i].base + b->ram[i].size);
	if (!mlist_covers(&ram, r->base, r->base + r->size))
		place = mlist_intersects(&ram, r->base, r->base + r->size) ? RAM_PARTLY_OUTSIDE : RAM_OUTSIDE;
	mlist_release(&ram);
	return place;
}

/* Regions with a fixed place, by base, the larger first at equal bases (what encloses comes first). */
struct ovl_ent {
	size_t idx;
	uint64_t base, end;
};

static int cmp_ovl_ent(const void *a, const void *b)
{
	const struct ovl_ent *x = a, *y = b;

	if (x->base != y->base)
		return x->base < y->base ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Every pair of enabled regions with a base that share memory: one sweep over them sorted by base. */
static void find_overlaps(struct kmodel *k)
{
	struct ovl_ent *e = xcalloc(k->nregions ? k->nregions : 1, sizeof(*e));
	size_t n = 0;

	for (size_t i = 0; i < k->nregions; i++) {
		const struct kregion *r = &k->regions[i];

		if (!r->has_base || !r->size || r->status == RS_DISABLED || r->reason == RR_ROOT_IGNORED)
			continue;
		e[n].idx = i;
		e[n].base = r->base;
		range_end(r->base, r->size, &e[n].end);	/* clamps at 2^64 - 1 */
		n++;
	}
	if (n)
		sort_array(e, n, sizeof(*e), cmp_ovl_ent);
	for (size_t i = 0; i < n && k->noverlaps < KMODEL_MAX_OVERLAPS; i++) {
		for (size_t j = i + 1; j < n && e[j].base < e[i].end && k->noverlaps < KMODEL_MAX_OVERLAPS; j++) {
			struct koverlap *o = ARRAY_PUSH(k->overlaps, k->noverlaps, k->cap_overlaps);

			o->first = e[i].idx;
			o->second = e[j].idx;
			o->lo = e[j].base;
			o->hi = e[i].end < e[j].end ? e[i].end : e[j].end;
		}
	}
	free(e);
}

void kmodel_build(struct kmodel *k, const struct board *b, const struct profile *p, const struct cmdline *cl,
		  const struct range *boot, size_t nboot)
{
	struct kregion **order;
	struct sort_ent *ents;
	size_t norder = 0, nents = 0, first_node;
	struct kregion *dt_default = NULL;
	struct mlist nomap_set = { 0 }, reserved_set = { 0 };

	memset(k, 0, sizeof(*k));
	for (size_t i = 0; i < b->nram; i++)
		mlist_add(&k->mb.memory, b->ram[i].base, b->ram[i].base + b->ram[i].size);
	k->arch_dma_limit = arch_dma_limit(b, p, memblock_end(&k->mb));
	k->dma_limit_assumed = p->arch == ARCH_ARM && p->zone_dma_src == SRC_DEFAULT &&
			       k->arch_dma_limit == FOUR_GIB && memblock_end(&k->mb) > FOUR_GIB;
	layout_zones(k, b, p);
	if (nboot) {
		k->boot = xcalloc(nboot, sizeof(*k->boot));
		memcpy(k->boot, boot, nboot * sizeof(*boot));
		k->nboot = nboot;
	}
	for (size_t i = 0; i < nboot; i++)
		reserve_range(k, p, boot[i].base, boot[i].size, false);

	/* /memreserve/ entries */
	for (size_t i = 0; i < b->nmemreserve; i++) {
		struct kregion *r = add_region(k);

		r->name = xstrdup("/memreserve/");
		r->kind = RK_MEMRESERVE;
		r->origin = RO_MEMRESERVE;
		r->status = RS_RESERVED;
		r->has_base = true;
		r->base = b->memreserve[i].base;
		r->size = b->memreserve[i].size;
		r->memreserve_index = (unsigned)i;
	}
	/* Up to 6.11 /memreserve/ is in memblock before dynamic regions are placed. */
	if (!kver_ge(p->kernel, 6, 12))
		for (size_t i = 0; i < b->nmemreserve; i++)
			reserve_range(k, p, b->memreserve[i].base, b->memreserve[i].size, false);

	if (b->rmem.present) {
		bool name_ok = kver_ge(p->kernel, 5, 17) || !strcmp(b->rmem.name, "reserved-memory");

		k->rmem_ignored = !name_ok || !root_format_ok(b);
	}

	first_node = k->nregions;
	for (size_t i = 0; i < b->nnodes; i++)
		scan_node(k, p, &b->nodes[i], cl);

	/*
	 * The reserved-memory table holds, in DT order, the first entry of
	 * every node with a usable 'reg' and a placeholder (base 0, size 0)
	 * for every node with only 'size'; past its size nodes are not saved.
	 */
	ents = xcalloc(k->nregions + 1, sizeof(*ents));
	for (size_t i = first_node; i < k->nregions; i++) {
		struct kregion *r = &k->regions[i];
		const struct rmem_node *n = r->node;
		bool is_static = r->origin == RO_REG && r->has_base;
		bool is_dynamic = r->origin == RO_SIZE && n->size.present;

		if (r->reason == RR_ROOT_IGNORED || r->status == RS_DISABLED || r->status == RS_BYPASSED ||
		    (!is_static && !is_dynamic) || r->reason == RR_NOT_SAVED)
			continue;
		if (++k->saved_regions > p->max_reserved_regions) {
			/* a static one stays reserved but is never initialised; a dynamic one is never placed */
			r->memory_lost = r->origin == RO_REG;
			r->status = RS_REJECTED;
			r->reason = RR_NOT_SAVED;
			kmsg(r, "OF: reserved mem: not enough space for all defined regions.");
			continue;
		}
		ents[nents].r = r;
		ents[nents].base = is_static ? r->base : 0;
		ents[nents].size = is_static ? r->size : 0;
		ents[nents].offset = n->offset;
		nents++;
	}

	order = xcalloc(k->nregions + 1, sizeof(*order));
	if (!kver_ge(p->kernel, 6, 12)) {
		/*
		 * Up to 6.11 fdt_init_reserved_mem() walks the table after the
		 * kernel's sort(): each placeholder is allocated, then every
		 * entry is initialised, in that order.
		 */
		kernel_sort(ents, nents, p);
		for (size_t i = 0; i < nents; i++) {
			struct kregion *r = ents[i].r;

			if (r->origin == RO_SIZE && r->status == RS_RESERVED && r->reason == RR_OK)
				place_dynamic(k, p, (size_t)(r - k->regions));
			if (r->status == RS_RESERVED && r->has_base && r->reason == RR_OK)
				order[norder++] = r;
		}
	} else {
		/* 6.12+: dynamic nodes are placed and set up at scan time, static ones at unflatten */
		for (size_t i = 0; i < nents; i++) {
			struct kregion *r = ents[i].r;

			if (r->origin == RO_SIZE && r->status == RS_RESERVED && r->reason == RR_OK) {
				place_dynamic(k, p, (size_t)(r - k->regions));
				if (r->status == RS_RESERVED)
					order[norder++] = r;
			}
		}
		for (size_t i = 0; i < b->nmemreserve; i++)
			reserve_range(k, p, b->memreserve[i].base, b->memreserve[i].size, false);
		for (size_t i = 0; i < nents; i++)
			if (ents[i].r->origin == RO_REG && ents[i].r->status == RS_RESERVED && ents[i].r->reason == RR_OK)
				order[norder++] = ents[i].r;
	}
	free(ents);

	/*
	 * arm and riscv 6.12+: static nodes are initialised after
	 * dma_contiguous_reserve(), so a static DT default does not stop the
	 * Kconfig/cmdline area (kernel-cma.md §0.1).
	 */
	{
		bool late_static = kver_ge(p->kernel, 6, 12) &&
			(p->arch == ARCH_ARM || p->arch == ARCH_RISCV64);
		bool have_early_default = false;

		for (size_t i = 0; i < norder; i++) {
			init_node(k, b, p, cl, order[i]);
			if (order[i]->status == RS_RESERVED && order[i]->kind == RK_CMA && order[i]->default_cma) {
				dt_default = order[i];
				if (!late_static || order[i]->origin == RO_SIZE)
					have_early_default = true;
			}
		}
		if (dt_default)
			k->default_source = DEF_DT;
		reserve_memmap(k, b, p);
		reserve_default(k, b, p, cl, have_early_default);
		if (dt_default) {
			/* the DT default is what the kernel keeps as the default area */
			k->default_source = DEF_DT;
			for (size_t i = 0; i < k->nregions; i++) {
				if (&k->regions[i] == dt_default)
					k->default_index = i;
				else if (k->regions[i].default_cma && k->regions[i].node)
					k->regions[i].default_cma = false;	/* the last one set wins */
			}
		}
	}
	for (size_t i = 0; i < k->nregions; i++)
		if (k->regions[i].status == RS_BYPASSED)
			k->dt_default_bypassed = true;
	free(order);
	activate_cma(k, p);

	for (size_t i = 0; i < k->nregions; i++) {
		struct kregion *r = &k->regions[i];
		bool nomap = r->node && r->node->no_map;

		r->ram_place = ram_place_of(b, r);
		if (r->status == RS_RESERVED && r->kind == RK_CMA) {
			k->cma_bytes += r->size;
			/* a pool not wholly in RAM fails activation: none of it reaches the allocator */
			k->cma_usable_bytes += r->ram_place == RAM_INSIDE ? r->size : 0;
			if (r->extra_reserved)
				k->reserved_bytes += r->extra_reserved;
		} else if (r->reason == RR_CMA_ZONE_STRADDLE && r->activated) {
			k->cma_bytes += r->size;
			k->cma_usable_bytes += r->activated;
			k->reserved_bytes += r->size - r->activated;
		} else if (r->status == RS_RESERVED || r->memory_lost) {
			/*
			 * Only RAM counts: a carve-out in SRAM or a hole takes nothing
			 * from it. Carve-outs that overlap take their shared memory once
			 * (6.12/7.3 boots, case p19), no-map where either is; a refused
			 * no-map range takes nothing (case p18).
			 */
			if (nomap)
				k->nomap_bytes += r->extra_reserved;
			else
				k->reserved_bytes += r->extra_reserved;
			if (!r->nomap_refused && r->has_base)
				add_ram_part(nomap ? &nomap_set : &reserved_set, b, r);
		}
	}
	/* what of a refused no-map range nothing reserved: the page allocator gets it */
	for (size_t i = 0; i < k->nregions; i++) {
		struct kregion *r = &k->regions[i];
		struct mlist part = { 0 };

		if (!r->nomap_refused)
			continue;
		add_ram_part(&part, b, r);
		for (size_t j = 0; j < k->mb.reserved.n; j++)
			mlist_remove(&part, k->mb.reserved.r[j].base, k->mb.reserved.r[j].end);
		for (size_t j = 0; j < k->mb.nomap.n; j++)
			mlist_remove(&part, k->mb.nomap.r[j].base, k->mb.nomap.r[j].end);
		r->nomap_exposed = mlist_total(&part);
		mlist_release(&part);
	}
	/*
	 * Activating a CMA area frees every page of it, whatever else claimed
	 * them: a static no-map range under a fixed cma= (6.12/7.3 boots, case
	 * p21), a /memreserve/ under a dynamic pool placed before it (6.12+,
	 * case p07). Those pages count as CMA, not as no-map or reserved.
	 */
	for (size_t i = 0; i < k->nregions; i++) {
		const struct kregion *r = &k->regions[i];

		if (r->status == RS_RESERVED && r->kind == RK_CMA && r->has_base && r->ram_place == RAM_INSIDE) {
			mlist_remove(&nomap_set, r->base, r->base + r->size);
			mlist_remove(&reserved_set, r->base, r->base + r->size);
		}
	}
	for (size_t i = 0; i < nomap_set.n; i++)
		mlist_remove(&reserved_set, nomap_set.r[i].base, nomap_set.r[i].end);
	k->nomap_bytes += mlist_total(&nomap_set);
	k->reserved_bytes += mlist_total(&reserved_set);
	mlist_release(&nomap_set);
	mlist_release(&reserved_set);
	find_overlaps(k);
}

void kmodel_release(struct kmodel *k)
{
	free(k->boot);
	for (size_t i = 0; i < k->nregions; i++) {
		free(k->regions[i].name);
		free(k->regions[i].kernel_message);
		free(k->regions[i].refusal);
	}
	free(k->regions);
	free(k->overlaps);
	memblock_release(&k->mb);
	memset(k, 0, sizeof(*k));
}

size_t kmodel_heap_names(const struct kmodel *k, const struct profile *p, const struct kregion *r,
			 const char *names[KMODEL_HEAPS_MAX])
{
	size_t n = 0;

	(void)k;
	/* the CMA heap exists from 5.6 and needs an area the kernel activated */
	if (!p->cma || !kver_ge(p->kernel, 5, 6) || r->kind != RK_CMA || r->status != RS_RESERVED ||
	    r->ram_place != RAM_INSIDE || r->reason == RR_CMA_ZONE_STRADDLE)
		return 0;
	if (r->default_cma) {
		names[n++] = r->node ? r->node->name : "reserved";
		if (kver_ge(p->kernel, 6, 16))
			names[n++] = "default_cma_region";
		return n;
	}
	if (r->node && kver_ge(p->kernel, 6, 19))
		names[n++] = r->node->name;
	return n;
}
