// SPDX-License-Identifier: MIT
/*
 * oom_verdict.c - explain a parsed OOM report in CMA terms: the page size,
 * the kernel version, each zone's non-CMA free memory against its min
 * watermark, the CMA granule, the findings and the advice.
 *
 * The allocator facts behind the verdict (kernel-cma.md §5-§7):
 *  - without ALLOC_CMA the watermark check subtracts free CMA pages, and a
 *    zone passes only while free > min + lowmem_reserve[class zone];
 *  - only movable allocations get ALLOC_CMA; up to 5.7 they take CMA pages
 *    only once the movable free lists are empty, from 5.8 they prefer CMA
 *    when free_cma > free / 2;
 *  - the CMA granule is PAGE_SIZE << pageblock order (§5 table).
 */
#include "oom.h"
#include "rule.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* gfp bits that have kept their values from 4.19 to 6.x */
#define GFP_DMA_BIT 0x01u
#define GFP_HIGHMEM_BIT 0x02u
#define GFP_DMA32_BIT 0x04u
#define GFP_MOVABLE_BIT 0x08u
#define GFP_RECLAIMABLE_BIT 0x10u

enum { RANK_DMA, RANK_DMA32, RANK_NORMAL, RANK_HIGHMEM, RANK_MOVABLE, RANK_DEVICE };

static int zone_rank(const char *name)
{
	static const char *const order[] = { "DMA", "DMA32", "Normal", "HighMem", "Movable", "Device" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(order); i++)
		if (!strcmp(name, order[i]))
			return (int)i;
	return RANK_NORMAL;
}

/* Is @flag one of the '|'-separated names in @flags? */
static bool has_flag(const char *flags, const char *flag)
{
	size_t n = strlen(flag);
	const char *p = flags;

	if (!flags)
		return false;
	while (*p) {
		size_t len = strcspn(p, "|");

		if (len == n && !strncmp(p, flag, n))
			return true;
		p += len;
		if (*p)
			p++;
	}
	return false;
}

static void classify_allocation(struct oom_report *r)
{
	const char *f = r->gfp_flags;
	uint64_t m = (r->have & OOM_R_GFP) ? r->gfp_mask : 0;
	bool movable, reclaimable, highmem, dma, dma32;

	movable = (m & GFP_MOVABLE_BIT) || has_flag(f, "__GFP_MOVABLE") ||
		  has_flag(f, "GFP_HIGHUSER_MOVABLE") || has_flag(f, "GFP_TRANSHUGE") ||
		  has_flag(f, "GFP_TRANSHUGE_LIGHT");
	reclaimable = (m & GFP_RECLAIMABLE_BIT) || has_flag(f, "__GFP_RECLAIMABLE");
	highmem = (m & GFP_HIGHMEM_BIT) || has_flag(f, "__GFP_HIGHMEM") ||
		  has_flag(f, "GFP_HIGHUSER") || has_flag(f, "GFP_HIGHUSER_MOVABLE");
	dma = (m & GFP_DMA_BIT) || has_flag(f, "__GFP_DMA") || has_flag(f, "GFP_DMA");
	dma32 = (m & GFP_DMA32_BIT) || has_flag(f, "__GFP_DMA32") || has_flag(f, "GFP_DMA32");

	r->migratetype = movable ? OOM_MT_MOVABLE :
			 reclaimable ? OOM_MT_RECLAIMABLE : OOM_MT_UNMOVABLE;
	r->can_use_cma = movable;
	if (dma)
		r->highest_zone = RANK_DMA;
	else if (dma32)
		r->highest_zone = RANK_DMA32;
	else if (highmem && movable)
		r->highest_zone = RANK_MOVABLE;
	else if (highmem)
		r->highest_zone = RANK_HIGHMEM;
	else
		r->highest_zone = RANK_NORMAL;
}

uint64_t oom_cma_granule(uint64_t page_size, struct kver k)
{
	struct profile p;
	char err[256];

	if (page_size != 4 * KiB && page_size != 16 * KiB && page_size != 64 * KiB)
		return 0;
	profile_init(&p);
	p.kernel = k;
	p.arch = ARCH_ARM64;
	p.page_size = (uint32_t)page_size;
	return profile_finish(&p, err, sizeof(err)) ? 0 : p.cma_granule;
}

static bool page_kb_ok(uint64_t kb)
{
	return kb >= 4 && kb <= 256 && (kb & (kb - 1)) == 0;
}

static void find_page_size(struct oom_report *r, const struct oom_options *opt)
{
	uint64_t kb = 0, free_kb = 0;
	bool has64 = false, has32m = false, has512m = false;
	size_t i;

	if (opt && opt->page_size) {
		r->page_size = opt->page_size;
		r->page_size_from = "command line";
		return;
	}
	/* The buddy lists start at order 0: its block size is the page size. */
	for (i = 0; i < r->n_zones; i++)
		if (r->zones[i].n_orders && (!kb || r->zones[i].buddy_kb[0] < kb))
			kb = r->zones[i].buddy_kb[0];
	if (page_kb_ok(kb)) {
		r->page_size = kb * KiB;
		r->page_size_from = "buddy lists";
		return;
	}
	/*
	 * Hugepage sizes (arm64 registers contiguous-PTE, PMD and
	 * contiguous-PMD or PUD sizes): 512 MiB and 16 GiB only exist with
	 * 64 KiB pages, 64 KiB only with 4 KiB pages, 32 MiB without 64 KiB
	 * means 16 KiB pages; 2 MiB or 1 GiB alone is x86 or similar, 4 KiB.
	 */
	for (i = 0; i < r->n_hugepage; i++) {
		has64 |= r->hugepage_kb[i] == 64;
		has32m |= r->hugepage_kb[i] == 32768;
		has512m |= r->hugepage_kb[i] == 524288 || r->hugepage_kb[i] == 16777216;
	}
	if (r->n_hugepage) {
		r->page_size = has512m ? 64 * KiB : has64 ? 4 * KiB : has32m ? 16 * KiB : 4 * KiB;
		r->page_size_from = "hugepage sizes";
		return;
	}
	/* Zone free kB over Mem-Info free pages. */
	for (i = 0; i < r->n_zones; i++)
		if (r->zones[i].have & OOM_Z_FREE)
			free_kb += r->zones[i].free_kb;
	if ((r->have & OOM_R_MEMINFO_FREE) && r->meminfo_free && free_kb % r->meminfo_free == 0 &&
	    page_kb_ok(free_kb / r->meminfo_free)) {
		r->page_size = free_kb / r->meminfo_free * KiB;
		r->page_size_from = "ratio of zone free kB to Mem-Info free pages";
		return;
	}
	r->page_size = 4 * KiB;
	r->page_size_from = "assumed";
}

static void find_kernel(struct oom_report *r, const struct oom_log *log, const struct oom_options *opt)
{
	const char *v = NULL;

	if (opt && opt->kernel && !kver_parse(opt->kernel, &r->kver)) {
		v = opt->kernel;
		r->kernel_from = "command line";
	} else if (r->kernel_seen && !kver_parse(r->kernel_seen, &r->kver)) {
		v = r->kernel_seen;
		r->kernel_from = "report";
	} else if (log->boot.version && !kver_parse(log->boot.version, &r->kver)) {
		v = log->boot.version;
		r->kernel_from = "boot log";
	} else {
		v = "6.1";
		kver_parse(v, &r->kver);
		r->kernel_from = "assumed";
	}
	r->kernel = xstrdup(v);
}

static void find_cma(struct oom_report *r, const struct oom_boot *b)
{
	bool cmd = false, dt = false;
	uint64_t sum = 0;
	size_t i;

	for (i = 0; i < b->n_areas; i++) {
		cmd |= b->areas[i].source == OOM_CMA_SRC_CMDLINE;
		dt |= b->areas[i].source == OOM_CMA_SRC_DT;
		if (sum <= UINT64_MAX - b->areas[i].size)
			sum += b->areas[i].size;
	}
	r->cma_source = cmd && dt ? OOM_CMA_SRC_MIXED : cmd ? OOM_CMA_SRC_CMDLINE :
			dt ? OOM_CMA_SRC_DT : OOM_CMA_SRC_UNKNOWN;
	if (b->n_areas == 1) {
		r->have_cma_base = true;
		r->cma_base = b->areas[0].base;
	}
	if (r->have & OOM_R_PAGES_CMA) {
		r->cma_bytes = r->pages_cma * r->page_size;
		r->cma_from = "pages cma reserved";
	} else if (b->n_areas) {
		r->cma_bytes = sum;
		r->cma_from = "boot log";
	} else if (b->have_memory) {
		r->cma_bytes = b->mem_cma_kb * KiB;
		r->cma_from = "Memory: line";
	}
	if (r->have & OOM_R_PAGES_RAM)
		r->ram_bytes = r->pages_ram * r->page_size;
}

/*
 * The lowmem_reserve[] entry towards the class zone: the entries rise at
 * each populated zone above this one, so the value after as many rises as
 * there are allowed, printed zones above it (same node) is the one the
 * watermark check adds. This needs no knowledge of which zone types the
 * kernel was built with.
 */
static uint64_t reserve_pages(const struct oom_report *r, const struct oom_zone *z)
{
	int rank = zone_rank(z->name), above = 0, steps = 0;
	uint64_t last = 0;
	size_t i;

	for (i = 0; i < r->n_zones; i++) {
		int k = zone_rank(r->zones[i].name);

		if (r->zones[i].node == z->node && k > rank && k <= r->highest_zone)
			above++;
	}
	if (!above)
		return 0;
	for (i = 0; i < z->n_lowmem_reserve; i++) {
		if (z->lowmem_reserve[i] > last) {
			last = z->lowmem_reserve[i];
			if (++steps == above)
				break;
		}
	}
	return last;
}

static void judge_zones(struct oom_report *r)
{
	uint64_t page_kb = r->page_size / KiB;
	size_t i;

	for (i = 0; i < r->n_zones; i++) {
		struct oom_zone *z = &r->zones[i];
		struct oom_zone_verdict *v = &z->v;
		uint64_t cma = (z->have & OOM_Z_FREE_CMA) ? z->free_cma_kb : 0;

		memset(v, 0, sizeof(*v));
		if ((z->have & (OOM_Z_FREE | OOM_Z_MIN)) != (OOM_Z_FREE | OOM_Z_MIN))
			continue;
		v->evaluated = true;
		v->allowed = zone_rank(z->name) <= r->highest_zone;
		v->reserve_kb = reserve_pages(r, z) * page_kb;
		v->threshold_kb = z->min_kb + v->reserve_kb;
		v->non_cma_free_kb = z->free_kb - (cma < z->free_kb ? cma : z->free_kb);
		v->below_min = v->non_cma_free_kb <= v->threshold_kb;
		v->cma_would_cover = z->free_kb > v->threshold_kb;
		v->cma_preferred = cma > z->free_kb / 2;
	}
}

/* A finding of the OOM pass, at the report's "invoked oom-killer" line. */
static void PRINTF(6, 7) add_finding(struct oom_report *r, const char *rule, enum severity sev,
				     const char *zone, const char *kmsg, const char *fmt, ...)
{
	struct srcloc loc = { .file = r->file, .line = (int)r->line };
	char *msg;
	va_list ap;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	report_add(&r->findings, rule_find(rule), sev, AT(.node = zone, .loc = &loc, .kernel_message = kmsg),
		   "%s", msg);
	free(msg);
}

static void PRINTF(2, 3) add_advice(struct oom_report *r, const char *fmt, ...)
{
	va_list ap;
	char **a = ARRAY_PUSH(r->advice, r->n_advice, r->cap_advice);

	va_start(ap, fmt);
	*a = xvasprintf(fmt, ap);
	va_end(ap);
}

/* The zone line as the kernel printed it, cut to what matters here. */
static char *zone_kmsg(const struct oom_zone *z)
{
	struct strbuf sb = STRBUF_INIT;

	if (z->node >= 0)
		sb_addf(&sb, "Node %d ", z->node);
	sb_addf(&sb, "%s free:%llukB min:%llukB", z->name, (unsigned long long)z->free_kb,
		(unsigned long long)z->min_kb);
	if (z->have & OOM_Z_MANAGED)
		sb_addf(&sb, " … managed:%llukB", (unsigned long long)z->managed_kb);
	if (z->have & OOM_Z_FREE_CMA)
		sb_addf(&sb, " … free_cma:%llukB", (unsigned long long)z->free_cma_kb);
	return sb_detach(&sb);
}

static const char *mt_name(enum oom_migratetype mt)
{
	return mt == OOM_MT_MOVABLE ? "movable" : mt == OOM_MT_RECLAIMABLE ? "reclaimable" : "unmovable";
}

/* The line that announced the CMA area, or the report's own total. */
static char *cma_kmsg(const struct oom_report *r, const struct oom_boot *b, uint64_t size)
{
	size_t i;

	for (i = 0; i < b->n_areas; i++)
		if (b->areas[i].size == size)
			return xstrdup(b->areas[i].line);
	if (r->have & OOM_R_PAGES_CMA)
		return xasprintf("%llu pages cma reserved", (unsigned long long)r->pages_cma);
	return NULL;
}

static void source_advice(struct oom_report *r, const struct oom_boot *b)
{
	size_t i;

	if (r->cma_source == OOM_CMA_SRC_UNKNOWN) {
		add_advice(r, "add the boot log to tell where the area came from: 'cma: Reserved …' means cma= or CONFIG_CMA_SIZE_MBYTES, 'Reserved memory: created CMA memory pool …' a device-tree node");
		return;
	}
	for (i = 0; i < b->n_areas; i++) {
		const struct oom_cma_area *a = &b->areas[i];
		char size[SIZE_STR_MAX];

		fmt_size(a->size, size);
		if (a->source == OOM_CMA_SRC_CMDLINE)
			add_advice(r, "the %s area came from cma= or CONFIG_CMA_SIZE_MBYTES ('%s'), not from a device-tree node: change cma= on the kernel command line (cma=0 gives the area back) or CONFIG_CMA_SIZE_MBYTES",
				   size, a->line);
		else
			add_advice(r, "the %s area is the device-tree node '%s' ('%s'): shrink its size or reg, or delete the node",
				   size, a->node ? a->node : "linux,cma", a->line);
	}
}

static void policy_advice(struct oom_report *r, const struct oom_zone *z)
{
	const char *flags = r->gfp_flags && *r->gfp_flags ? r->gfp_flags : NULL;
	unsigned long long fc = (unsigned long long)z->free_cma_kb;
	unsigned long long half = (unsigned long long)(z->free_kb / 2);

	if (r->migratetype != OOM_MT_MOVABLE) {
		add_advice(r, "'%s' allocations are %s and never use CMA: only the %llu kB of non-CMA free memory counted for them",
			   flags ? flags : "this", mt_name(r->migratetype),
			   (unsigned long long)z->v.non_cma_free_kb);
		return;
	}
	if (!kver_ge(r->kver, 5, 8))
		add_advice(r, "kernel %s gives movable allocations CMA pages only once the movable free lists are empty; 5.8 and later prefer CMA when free_cma > free/2 (here %llu kB %s %llu kB)",
			   r->kernel, fc, z->v.cma_preferred ? ">" : "<=", half);
	else
		add_advice(r, "kernel %s prefers CMA for movable allocations when free_cma > free/2 (here %llu kB %s %llu kB, so %s)",
			   r->kernel, fc, z->v.cma_preferred ? ">" : "<=", half,
			   z->v.cma_preferred ? "CMA was preferred" : "CMA was not preferred");
}

static void judge_report(struct oom_report *r, const struct oom_log *log)
{
	const struct oom_boot *b = &log->boot;
	const struct oom_zone *starved = NULL;
	char gran[SIZE_STR_MAX], ps[SIZE_STR_MAX], cma[SIZE_STR_MAX], ram[SIZE_STR_MAX];
	bool multi_node = false, at_granule = false, headroom_elsewhere = false;
	size_t i, usable = 0, exhausted = 0;

	for (i = 1; i < r->n_zones; i++)
		multi_node |= r->zones[i].node != r->zones[0].node;
	fmt_size(r->page_size, ps);
	fmt_size(r->granule, gran);
	fmt_size(r->cma_bytes, cma);
	fmt_size(r->ram_bytes, ram);

	/*
	 * CMA is to blame only when no zone the allocation may use had
	 * memory above its watermark outside CMA: otherwise the allocation
	 * would have been served there.
	 */
	for (i = 0; i < r->n_zones; i++) {
		const struct oom_zone_verdict *v = &r->zones[i].v;

		if (v->evaluated && v->allowed && !v->below_min)
			headroom_elsewhere = true;
		if (v->evaluated && v->allowed)
			usable++;
		if (v->evaluated && v->allowed && r->zones[i].free_kb <= v->threshold_kb)
			exhausted++;
	}
	for (i = 0; i < r->n_zones && !headroom_elsewhere; i++) {
		const struct oom_zone *z = &r->zones[i];
		const struct oom_zone_verdict *v = &z->v;
		char zname[OOM_NAME_MAX + 16], *kmsg, reserve[64] = "";

		if (!v->evaluated || !v->allowed || !v->below_min || !z->free_cma_kb ||
		    !v->cma_would_cover)
			continue;
		if (multi_node)
			snprintf(zname, sizeof(zname), "%s' (node %d)", z->name, z->node);
		else
			snprintf(zname, sizeof(zname), "%s'", z->name);
		if (v->reserve_kb)
			snprintf(reserve, sizeof(reserve), " plus lowmem_reserve %llu kB",
				 (unsigned long long)v->reserve_kb);
		kmsg = zone_kmsg(z);
		add_finding(r, "oom_cma_starvation", SEV_ERROR, z->name, kmsg,
			    "zone '%s: non-CMA free %llu kB is %s the min watermark %llu kB%s",
			    zname, (unsigned long long)v->non_cma_free_kb,
			    v->non_cma_free_kb == v->threshold_kb ? "at" : "below",
			    (unsigned long long)z->min_kb, reserve);
		free(kmsg);
		if (r->cma_bytes && z->free_cma_kb * 2 >= r->cma_bytes / KiB)
			add_finding(r, "oom_cma_unused", SEV_INFO, z->name, NULL,
				    "zone '%s: %llu kB of CMA sat free (%llu.%llu %% of the %s area)", zname,
				    (unsigned long long)z->free_cma_kb,
				    (unsigned long long)(z->free_cma_kb * 1000 / (r->cma_bytes / KiB) / 10),
				    (unsigned long long)(z->free_cma_kb * 1000 / (r->cma_bytes / KiB) % 10), cma);
		if (!starved)
			starved = z;
	}

	/* The granule: is the area as small as this page size allows? */
	if (r->granule && r->cma_bytes) {
		for (i = 0; i < b->n_areas; i++)
			at_granule |= b->areas[i].size == r->granule;
		if (!b->n_areas)
			at_granule = r->cma_bytes == r->granule;
	}
	if (at_granule) {
		char *kmsg = cma_kmsg(r, b, r->granule);
		bool big = r->ram_bytes && r->granule / KiB * 4 >= r->ram_bytes / KiB;

		if (r->ram_bytes)
			add_finding(r, "oom_cma_granule", big ? SEV_WARNING : SEV_INFO, NULL, kmsg,
				    "CMA area of %s is the smallest possible with %s pages (the CMA granule) and takes %llu %% of %s RAM",
				    gran, ps, (unsigned long long)(r->granule / KiB * 100 / (r->ram_bytes / KiB)),
				    ram);
		else
			add_finding(r, "oom_cma_granule", SEV_INFO, NULL, kmsg,
				    "CMA area of %s is the smallest possible with %s pages (the CMA granule)",
				    gran, ps);
		free(kmsg);
	}

	if (!starved) {
		if (r->have & OOM_R_MEMCG)
			r->verdict = xstrdup("a memory-cgroup limit was reached, not the zones' free memory: CMA is not involved");
		else if (usable && exhausted == usable)
			r->verdict = xstrdup("every zone the allocation may use was at or below its min watermark with CMA counted: memory ran out, CMA is not the cause");
		else if (usable)
			r->verdict = xasprintf("a zone the allocation may use was above its min watermark: an order-%ld allocation failing points to fragmentation, else to a memory-cgroup limit",
					       r->order);
		else
			r->verdict = xstrdup("no zone the allocation may use is in the report");
		return;
	}
	r->verdict = xasprintf("zone '%s' ran out of non-CMA memory (%llu kB free outside CMA, min %llu kB) while %llu kB of CMA was free: %s",
			       starved->name, (unsigned long long)starved->v.non_cma_free_kb,
			       (unsigned long long)starved->v.threshold_kb,
			       (unsigned long long)starved->free_cma_kb,
			       r->migratetype != OOM_MT_MOVABLE ? "this unmovable allocation cannot use CMA" :
			       kver_ge(r->kver, 5, 8) ? "movable allocations may use CMA, unmovable ones never" :
			       "movable allocations reach CMA only after the movable free lists are empty");
	if (at_granule) {
		add_advice(r, "%s is the smallest CMA area with %s pages; %sgive the area back", gran, ps,
			   r->page_size > 4 * KiB ? "use 4 KiB pages or " : "");
	} else if (r->cma_bytes && r->cma_from) {
		uint64_t short_kb = starved->v.threshold_kb - starved->v.non_cma_free_kb + r->page_size / KiB;
		uint64_t step = r->granule ? r->granule : MiB;
		uint64_t cut = (short_kb * KiB + step - 1) / step * step;

		if (cut < r->cma_bytes) {
			char to[SIZE_STR_MAX];

			fmt_size(r->cma_bytes - cut, to);
			char cmd[48] = "";

			if (r->cma_source == OOM_CMA_SRC_CMDLINE)
				snprintf(cmd, sizeof(cmd), ", e.g. cma=%lluM",
					 (unsigned long long)((r->cma_bytes - cut) / MiB));
			add_advice(r, "make the CMA area at most %s (a multiple of the %s granule%s): zone '%s' needed %llu kB more outside CMA to pass its min watermark",
				   to, gran, cmd, starved->name, (unsigned long long)short_kb);
		} else {
			add_advice(r, "give the CMA area back: zone '%s' needed %llu kB more outside CMA, more than the %s area",
				   starved->name, (unsigned long long)short_kb, cma);
		}
	}
	source_advice(r, b);
	policy_advice(r, starved);
}

static void note_missing(struct oom_report *r)
{
	struct strbuf sb = STRBUF_INIT;
	bool zones = false, buddy = false, cma = true;
	size_t i;

	for (i = 0; i < r->n_zones; i++) {
		zones |= r->zones[i].v.evaluated;
		buddy |= !!(r->zones[i].have & OOM_Z_BUDDY);
		cma &= !!(r->zones[i].have & OOM_Z_FREE_CMA);
	}
	if (r->have & OOM_R_MEMCG)
		return;	/* memcg reports carry no zone statistics */
	if (!zones)
		sb_add(&sb, ", zone statistics");
	else if (!cma)
		sb_add(&sb, ", free_cma of some zone");
	if (!buddy)
		sb_add(&sb, ", buddy free lists");
	if (!(r->have & OOM_R_PAGES_RAM))
		sb_add(&sb, ", 'pages RAM' totals");
	if (sb.len) {
		r->incomplete = true;
		r->missing = xstrdup(sb.buf + 2);
	}
	sb_release(&sb);
}

int oom_analyse(struct oom_log *log, const struct oom_options *opt, char **err)
{
	bool any = false;
	size_t i, j;

	*err = NULL;
	if (!log->n_reports) {
		struct strbuf sb = STRBUF_INIT;

		for (i = 0; i < log->n_inputs; i++)
			sb_addf(&sb, "%s'%s'", i ? ", " : "", log->inputs[i]);
		*err = xasprintf("%s: no OOM report found (no 'invoked oom-killer' line)",
				 sb.len ? sb.buf : "input");
		sb_release(&sb);
		return -OOM_ENOREPORT;
	}
	for (i = 0; i < log->n_reports; i++) {
		struct oom_report *r = &log->reports[i];

		r->findings.policy = opt ? opt->policy : NULL;
		classify_allocation(r);
		find_page_size(r, opt);
		find_kernel(r, log, opt);
		r->granule = oom_cma_granule(r->page_size, r->kver);
		find_cma(r, &log->boot);
		judge_zones(r);
		note_missing(r);
		any |= !!(r->have & OOM_R_MEMCG);
		for (j = 0; j < r->n_zones; j++)
			any |= r->zones[j].v.evaluated;
	}
	if (!any) {
		const struct oom_report *r = &log->reports[0];

		*err = xasprintf("'%s': OOM report at line %u has no zone statistics ('… free:…kB min:…kB' lines); is it truncated?",
				 r->file, r->line);
		return -OOM_ENOZONES;
	}
	for (i = 0; i < log->n_reports; i++)
		judge_report(&log->reports[i], log);
	return 0;
}

size_t oom_errors(const struct oom_log *log)
{
	size_t i, j, n = 0;

	for (i = 0; i < log->n_reports; i++)
		for (j = 0; j < log->reports[i].findings.n; j++)
			n += log->reports[i].findings.f[j].severity == SEV_ERROR;
	return n;
}
