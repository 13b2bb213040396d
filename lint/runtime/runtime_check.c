// SPDX-License-Identifier: MIT
/*
 * runtime_check.c - run the prediction on a running board's tree and
 * command line, and compare it with what the kernel reports: CMA total,
 * MemTotal, the min watermark, the non-CMA headroom and where each pool
 * sits (docs/runtime.md).
 */
#include "runtime.h"
#include "rule.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Tolerances (docs/runtime.md): exact for CMA and fixed addresses. */
#define RT_TOL_MEMTOTAL 2
#define RT_TOL_HEADROOM 2
#define RT_TOL_WATERMARK 10


const char *rt_status_name(enum rt_status s)
{
	switch (s) {
	case RT_MATCH: return "match";
	case RT_MISMATCH: return "mismatch";
	case RT_UNCHECKED: return "unchecked";
	}
	return "?";
}

/* The capture's file behind a pool's source ("debugfs", "sysfs", "iomem"). */
static const char *source_file(const char *source)
{
	return !strcmp(source, "debugfs") ? "sys/kernel/debug/cma" : !strcmp(source, "sysfs") ? "sys/kernel/mm/cma"
											  : "proc/iomem";
}

/*
 * A finding of the RUNTIME pass, located in the capture's @file (relative
 * to its root) at @line (0: the file as a whole).
 */
static void PRINTF(6, 7) add_finding(struct rt_result *r, const char *rule, const char *node, const char *file,
				     int line, const char *fmt, ...)
{
	char *path = xasprintf("%s/%s", r->root, file), *msg;
	struct srcloc loc = { .file = path, .line = line };
	va_list ap;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	report_add(&r->findings, rule_find(rule), SEV_OFF, AT(.node = node, .loc = &loc), "%s", msg);
	free(msg);
	free(path);
}

/* ------------------------------------------------------------------ */
/* the profile from the target                                         */

/* The architecture a /proc/version names (release or compiler), or -1. */
static int arch_of_version(const char *v)
{
	static const struct {
		const char *word;
		enum arch arch;
	} words[] = {
		{ "aarch64", ARCH_ARM64 }, { "arm64", ARCH_ARM64 },
		{ "riscv64", ARCH_RISCV64 },
		{ "x86_64", ARCH_X86_64 }, { "amd64", ARCH_X86_64 },
		{ "armmp", ARCH_ARM }, { "armv7", ARCH_ARM }, { "arm-linux-gnueabi", ARCH_ARM }, { "armhf", ARCH_ARM },
	};

	for (size_t i = 0; i < ARRAY_SIZE(words); i++)
		if (strstr(v, words[i].word))
			return (int)words[i].arch;
	return -1;
}

static int set_profile(struct rt_result *r, struct profile *p, const struct rt_capture *c, const struct rt_options *o,
		       char **err)
{
	const char *kv = o->kernel ? o->kernel : c->release;
	int a;

	if (kver_parse(kv, &p->kernel)) {
		*err = o->kernel ? xasprintf("--kernel '%s' is not a kernel version like 6.1 or 5.4.74", kv)
				 : xasprintf("'%s/proc/version': release '%s' is not a kernel version (give --kernel)",
					     c->root, kv);
		return -1;
	}
	snprintf(p->kernel_str, sizeof(p->kernel_str), "%d.%d", p->kernel.major, p->kernel.minor);
	p->kernel_src = SRC_CLI;
	r->kernel_from = o->kernel ? "option" : "/proc/version";

	if (o->arch) {
		if (arch_parse(o->arch, &p->arch)) {
			*err = xasprintf("--arch '%s' is not one of arm64, arm, riscv64, x86_64", o->arch);
			return -1;
		}
		p->arch_src = SRC_CLI;
		r->arch_from = "option";
	} else if ((a = arch_of_version(c->version)) >= 0) {
		p->arch = (enum arch)a;
		p->arch_src = SRC_CLI;
		r->arch_from = "/proc/version";
	} else {
		r->arch_from = "assumed";
	}

	if (o->page_size) {
		r->page_size = o->page_size;
		r->page_size_from = "option";
	} else if ((r->page_size = rt_page_size_from_managed(&c->meminfo, &c->zoneinfo))) {
		r->page_size_from = "MemTotal / managed pages";
	} else if (c->meminfo.have_hugepagesize &&
		   (r->page_size = rt_page_size_from_hugepage(c->meminfo.hugepagesize_kb))) {
		r->page_size_from = "Hugepagesize";
	} else {
		r->page_size = p->page_size;
		r->page_size_from = "assumed";
	}
	p->page_size = (uint32_t)r->page_size;
	p->page_size_src = strcmp(r->page_size_from, "assumed") ? SRC_CLI : SRC_DEFAULT;

	r->kconfig_from = "assumed";
	if (c->kconfig.present) {
		if (c->kconfig.have_cma_size_mbytes) {
			p->cma_size_mbytes = c->kconfig.cma_size_mbytes;
			p->cma_size_mbytes_src = SRC_KCONFIG;
			r->kconfig_from = c->kconfig.path;
		}
		if (c->kconfig.have_cma) {
			p->cma = c->kconfig.cma;
			p->cma_src = SRC_KCONFIG;
		}
		if (c->kconfig.have_thp)
			p->thp = c->kconfig.thp;
	}
	if (o->have_cma_size_mbytes) {
		p->cma_size_mbytes = o->cma_size_mbytes;
		p->cma_size_mbytes_src = SRC_CLI;
		r->kconfig_from = "option";
	}
	if (o->no_cma) {
		p->cma = false;
		p->cma_src = SRC_CLI;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* numbers                                                             */

static bool within(int64_t predicted, int64_t actual, unsigned pct)
{
	__int128 d = (__int128)predicted - actual, a = actual;

	if (d < 0)
		d = -d;
	if (a < 0)
		a = -a;
	return pct ? d * 100 <= a * pct : d == 0;
}

static void set_check(struct rt_check *k, const char *name, const char *label, const char *from, int64_t predicted,
		      int64_t actual, unsigned pct)
{
	k->name = name;
	k->label = label;
	k->actual_from = from;
	k->predicted = predicted;
	k->actual = actual;
	k->tolerance_pct = pct;
	k->status = within(predicted, actual, pct) ? RT_MATCH : RT_MISMATCH;
}

static void set_unchecked(struct rt_check *k, const char *name, const char *label, const char *from)
{
	memset(k, 0, sizeof(*k));
	k->name = name;
	k->label = label;
	k->actual_from = from;
	k->status = RT_UNCHECKED;
}

/* "3.1 % above" for a finding (display only; the decision is exact integers). */
static char *off_by(int64_t predicted, int64_t actual)
{
	double a = (double)actual, d = (double)actual - (double)predicted;

	if (!actual)
		return xstrdup(actual > predicted ? "above" : "below");
	return xasprintf("%.1f %% %s", (d < 0 ? -d : d) * 100.0 / (a < 0 ? -a : a), d > 0 ? "above" : "below");
}

static const char *szs(int64_t v, char buf[SIZE_STR_MAX])
{
	char tmp[SIZE_STR_MAX];

	if (v >= 0)
		return fmt_approx((uint64_t)v, buf);
	snprintf(buf, SIZE_STR_MAX, "-%s", fmt_approx((uint64_t)-v, tmp));
	return buf;
}

static bool lowmem_zone(const char *name)
{
	return strcmp(name, "HighMem") && strcmp(name, "Movable") && strcmp(name, "Device");
}

static void compare_numbers(struct rt_result *r, const struct rt_capture *c)
{
	const struct headroom *h = &r->board.headroom;
	const struct rt_meminfo *m = &c->meminfo;
	uint64_t cma = m->cma_total_kb * 1024, total = m->total_kb * 1024, wmin = 0;
	struct rt_check *k;
	size_t nlow = 0;
	char s1[SIZE_STR_MAX], s2[SIZE_STR_MAX], *off;

	for (size_t i = 0; i < c->zoneinfo.n; i++) {
		const struct rt_zone *z = &c->zoneinfo.z[i];

		if (!lowmem_zone(z->name) || !z->managed)
			continue;
		nlow++;
		if (z->min > UINT64_MAX / 2 / r->page_size - wmin / r->page_size)
			continue;	/* absurd; the numbers below stay bounded */
		wmin += z->min * r->page_size;
	}
	if (wmin > (uint64_t)INT64_MAX)
		wmin = (uint64_t)INT64_MAX;
	if (total > (uint64_t)INT64_MAX)
		total = (uint64_t)INT64_MAX;
	if (cma > total)
		cma = total;

	k = &r->checks[RT_CHECK_CMA];
	set_check(k, "cma_total", "CMA total", "/proc/meminfo CmaTotal", (int64_t)r->board.kmodel.cma_bytes, (int64_t)cma, 0);
	if (k->status == RT_MISMATCH) {
		const struct kmodel *km = &r->board.kmodel;
		char *hint = NULL;

		if (km->default_source == DEF_KCONFIG && !strcmp(r->kconfig_from, "assumed"))
			hint = xasprintf("; the predicted default area comes from CONFIG_CMA_SIZE_MBYTES, assumed %llu "
					 "(give --cma-size-mbytes, or capture /boot/config-%s)",
					 (unsigned long long)r->board.profile.cma_size_mbytes, c->release);
		add_finding(r, "runtime_cma_mismatch", NULL, "proc/meminfo", m->line_cma_total,
			    "CmaTotal %llu kB (%s) differs from the predicted CMA total of %s%s",
			    (unsigned long long)m->cma_total_kb, fmt_size(cma, s1),
			    fmt_size(r->board.kmodel.cma_bytes, s2), hint ? hint : "");
		free(hint);
	}

	if (!h->known) {
		set_unchecked(&r->checks[RT_CHECK_MEMTOTAL], "mem_total", "MemTotal", "/proc/meminfo MemTotal");
		set_unchecked(&r->checks[RT_CHECK_WATERMARK], "min_watermark", "min watermark (lowmem)", "/proc/zoneinfo min");
		set_unchecked(&r->checks[RT_CHECK_HEADROOM], "headroom", "non-CMA headroom", "MemTotal - CmaTotal - min");
		return;
	}
	k = &r->checks[RT_CHECK_MEMTOTAL];
	set_check(k, "mem_total", "MemTotal", "/proc/meminfo MemTotal", (int64_t)h->managed, (int64_t)total,
		  RT_TOL_MEMTOTAL);
	if (k->status == RT_MISMATCH) {
		off = off_by(k->predicted, k->actual);
		add_finding(r, "runtime_memtotal_mismatch", NULL, "proc/meminfo", m->line_total,
			    "MemTotal %llu kB (%s) is %s the predicted %s of managed memory (tolerance %u %%)",
			    (unsigned long long)m->total_kb, szs(k->actual, s1), off, szs(k->predicted, s2), RT_TOL_MEMTOTAL);
		free(off);
	}

	k = &r->checks[RT_CHECK_WATERMARK];
	if (!nlow) {
		set_unchecked(k, "min_watermark", "min watermark (lowmem)", "/proc/zoneinfo min");
	} else {
		set_check(k, "min_watermark", "min watermark (lowmem)", "/proc/zoneinfo min", (int64_t)h->min_watermark,
			  (int64_t)wmin, RT_TOL_WATERMARK);
		if (k->status == RT_MISMATCH) {
			off = off_by(k->predicted, k->actual);
			add_finding(r, "runtime_watermark_mismatch", NULL, "proc/zoneinfo", 0,
				    "the lowmem zones' min watermarks sum to %llu kB, %s the predicted min_free_kbytes of "
				    "%llu kB (tolerance %u %%)%s",
				    (unsigned long long)(wmin / 1024), off, (unsigned long long)(h->min_watermark / 1024),
				    RT_TOL_WATERMARK, c->have_min_free_kbytes ? "; vm.min_free_kbytes may have been set by hand" : "");
			free(off);
		}
	}

	k = &r->checks[RT_CHECK_HEADROOM];
	if (!nlow) {
		set_unchecked(k, "headroom", "non-CMA headroom", "MemTotal - CmaTotal - min");
		return;
	}
	set_check(k, "headroom", "non-CMA headroom", "MemTotal - CmaTotal - min", h->headroom,
		  (int64_t)total - (int64_t)cma - (int64_t)wmin, RT_TOL_HEADROOM);
	if (k->status == RT_MISMATCH) {
		off = off_by(k->predicted, k->actual);
		add_finding(r, "runtime_headroom_mismatch", NULL, "proc/meminfo", m->line_total,
			    "the non-CMA headroom (MemTotal - CmaTotal - min watermark) is %s, %s the estimated %s "
			    "(tolerance %u %%)", szs(k->actual, s1), off, szs(k->predicted, s2), RT_TOL_HEADROOM);
		free(off);
	}
}

/* ------------------------------------------------------------------ */
/* pools                                                               */

static const struct rt_cma_area *find_area(const struct rt_capture *c, const char *name)
{
	for (size_t i = 0; i < c->nareas; i++)
		if (!strcmp(c->areas[i].name, name))
			return &c->areas[i];
	return NULL;
}

static bool nested_reserved(const struct rt_iomem *io)
{
	for (size_t i = 0; i < io->n; i++)
		if (io->e[i].depth && !strcmp(io->e[i].name, "reserved"))
			return true;
	return false;
}

static bool region_nomap(const struct kregion *g)
{
	return g->kind == RK_NOMAP || (g->node && g->node->no_map);
}

static void pool_from_area(struct rt_result *r, struct rt_pool *p, const struct rt_cma_area *a)
{
	const char *who = p->region->name;
	char s1[SIZE_STR_MAX], s2[SIZE_STR_MAX], s3[SIZE_STR_MAX];

	if (a->have_base_pfn && a->base_pfn <= UINT64_MAX / r->page_size) {
		p->have_actual_base = true;
		p->actual_base = a->base_pfn * r->page_size;
	}
	if (a->have_count && a->count <= UINT64_MAX / r->page_size) {
		p->have_actual_size = true;
		p->actual_size = a->count * r->page_size;
	} else if (a->have_total_pages && a->total_pages <= UINT64_MAX / r->page_size) {
		p->have_actual_size = true;
		p->actual_size = a->total_pages * r->page_size;
	}
	p->source = a->have_base_pfn || a->have_count ? "debugfs" : "sysfs";
	p->status = RT_MATCH;
	if (p->have_actual_size && p->actual_size != p->size) {
		p->status = RT_MISMATCH;
		add_finding(r, "runtime_pool_moved", who, source_file(p->source), 0, "'%s' is %s on the running board (%s) but the prediction is %s",
			    who, fmt_size(p->actual_size, s1),
			    a->have_count ? "debugfs count" : "sysfs total_pages", fmt_size(p->size, s2));
	}
	if (p->have_actual_base && p->exact && p->actual_base != p->base) {
		p->status = RT_MISMATCH;
		add_finding(r, "runtime_pool_moved", who, source_file(p->source), 0, "'%s' is at %s on the running board (debugfs base_pfn) but the "
			    "prediction places it at %s", who, fmt_hex(p->actual_base, s1), fmt_hex(p->base, s2));
	} else if (p->have_actual_base && !p->exact && p->base_max && p->actual_base > p->base_max) {
		p->status = RT_MISMATCH;
		add_finding(r, "runtime_pool_moved", who, source_file(p->source), 0, "'%s' is at %s on the running board (debugfs base_pfn), above "
			    "the predicted bound %s (%s higher)", who, fmt_hex(p->actual_base, s1), fmt_hex(p->base_max, s2),
			    fmt_approx(p->actual_base - p->base_max, s3));
	}
	if (!p->have_actual_base && !p->have_actual_size)
		p->status = RT_UNCHECKED;
	p->note = xasprintf("%s lists area '%s'", !strcmp(p->source, "debugfs") ? "/sys/kernel/debug/cma" : "/sys/kernel/mm/cma",
			    a->name);
}

static void pool_from_iomem(struct rt_result *r, struct rt_pool *p, const struct rt_capture *c)
{
	const struct rt_iomem *io = &c->iomem;
	const char *who = p->region->name;
	char s1[SIZE_STR_MAX], s2[SIZE_STR_MAX];

	p->status = RT_UNCHECKED;
	if (!p->exact) {
		p->note = xstrdup("no per-area source, and its place is only bounded");
		return;
	}
	if (region_nomap(p->region)) {
		p->source = "iomem";
		if (rt_iomem_covers(io, "reserved", 0, p->base, p->size) || rt_iomem_covers(io, "Reserved", 0, p->base, p->size)) {
			p->status = RT_MATCH;
			p->note = xstrdup("a no-map hole ('reserved') in /proc/iomem");
		} else if (rt_iomem_covers(io, "System RAM", 0, p->base, p->size)) {
			p->status = RT_MISMATCH;
			p->note = xstrdup("mapped 'System RAM' in /proc/iomem");
			add_finding(r, "runtime_pool_moved", who, "proc/iomem", 0,
				    "'%s' is predicted as a no-map hole of %s at %s, but /proc/iomem lists that range "
				    "as 'System RAM'", who, fmt_size(p->size, s1), fmt_hex(p->base, s2));
		} else {
			p->note = xstrdup("outside the RAM /proc/iomem lists");
		}
		return;
	}
	if (!nested_reserved(io)) {
		p->note = xstrdup("no per-area source (no /sys/kernel/mm/cma or /sys/kernel/debug/cma, and /proc/iomem "
				  "lists no reserved ranges inside System RAM)");
		return;
	}
	p->source = "iomem";
	if (rt_iomem_covers(io, "reserved", -1, p->base, p->size)) {
		p->status = RT_MATCH;
		p->note = xstrdup("inside a 'reserved' range of /proc/iomem");
	} else {
		p->status = RT_MISMATCH;
		p->note = xstrdup("not inside any 'reserved' range of /proc/iomem");
		add_finding(r, "runtime_pool_moved", who, "proc/iomem", 0,
			    "'%s' is predicted at %s (%s), but no 'reserved' range of /proc/iomem holds it", who,
			    fmt_hex(p->base, s1), fmt_size(p->size, s2));
	}
}

static void compare_pools(struct rt_result *r, const struct rt_capture *c)
{
	const struct kmodel *k = &r->board.kmodel;
	bool *used = xcalloc(c->nareas ? c->nareas : 1, sizeof(*used));

	for (size_t i = 0; i < k->nregions; i++) {
		const struct kregion *g = &k->regions[i];
		struct rt_pool *p;
		const struct rt_cma_area *a;

		if (g->status != RS_RESERVED || (g->kind != RK_CMA && g->kind != RK_DMA_POOL && !region_nomap(g)))
			continue;
		p = ARRAY_PUSH(r->pools, r->npools, r->cap_pools);
		memset(p, 0, sizeof(*p));
		p->region = g;
		/* the kernel names a DT area after its node, the cma= / Kconfig area "reserved" */
		p->name = xstrdup(g->node ? g->node->name : "reserved");
		p->size = g->size;
		if (g->has_window) {
			p->base_max = g->window_end - g->size;
		} else if (g->has_base) {
			p->exact = true;
			p->base = g->base;
		}
		a = g->kind == RK_CMA ? find_area(c, p->name) : NULL;
		if (a) {
			used[a - c->areas] = true;
			pool_from_area(r, p, a);
		} else if (g->kind == RK_CMA && (c->have_cma_sysfs || c->have_cma_debugfs)) {
			char s1[SIZE_STR_MAX];

			p->status = RT_MISMATCH;
			p->source = c->have_cma_debugfs ? "debugfs" : "sysfs";
			p->note = xasprintf("%s has no area '%s'",
					    c->have_cma_debugfs ? "/sys/kernel/debug/cma" : "/sys/kernel/mm/cma", p->name);
			add_finding(r, "runtime_pool_moved", g->name, source_file(p->source), 0,
				    "'%s' (%s of CMA) is predicted, but the running kernel lists no CMA area '%s'", g->name,
				    fmt_size(g->size, s1), p->name);
		} else {
			pool_from_iomem(r, p, c);
		}
	}
	for (size_t i = 0; i < c->nareas; i++) {
		const struct rt_cma_area *a = &c->areas[i];
		uint64_t pages = a->have_count ? a->count : a->total_pages;
		char s1[SIZE_STR_MAX];

		if (used[i])
			continue;
		add_finding(r, "runtime_pool_moved", NULL, c->have_cma_debugfs ? "sys/kernel/debug/cma" : "sys/kernel/mm/cma", 0,
			    "the running kernel has a CMA area '%s'%s%s that the prediction lacks", a->name,
			    pages && pages <= UINT64_MAX / r->page_size ? " of " : "",
			    pages && pages <= UINT64_MAX / r->page_size ? fmt_size(pages * r->page_size, s1) : "");
	}
	free(used);
}

/* ------------------------------------------------------------------ */

int runtime_check(struct rt_result *r, const struct rt_capture *c, const struct rt_options *o, char **err)
{
	struct run_opts ro;
	memset(r, 0, sizeof(*r));
	*err = NULL;
	r->root = c->root;
	r->findings.policy = o->policy;
	run_opts_init(&ro);
	ro.policy = o->policy;
	if (set_profile(r, &ro.profile, c, o, err))
		return -1;
	r->nram = rt_iomem_ram(&c->iomem, &r->ram);
	if (!r->nram) {
		*err = xasprintf("'%s/proc/iomem': no 'System RAM' range", c->root);
		return -1;
	}
	ro.load.ram = r->ram;
	ro.load.nram = r->nram;
	ro.bootargs = c->cmdline;
	ro.kernel_image = o->kernel_image;
	r->have_kernel_range = rt_iomem_kernel(&c->iomem, &r->kernel_range);
	if (r->have_kernel_range) {
		ro.boot_reserved = &r->kernel_range;
		ro.nboot_reserved = 1;
	}
	lint_board(&r->board, c->fdt_path, &ro);
	if (r->board.error) {
		*err = xstrdup(r->board.error);
		return -1;
	}
	compare_numbers(r, c);
	compare_pools(r, c);
	return 0;
}

size_t rt_failures(const struct rt_result *r)
{
	size_t e, w, i, n = 0;


	report_count(&r->board.report, &e, &w, &i);
	for (size_t j = 0; j < r->findings.n; j++)
		n += r->findings.f[j].severity >= SEV_WARNING;
	return n + e;
}

void rt_result_release(struct rt_result *r)
{
	board_result_release(&r->board);
	free(r->ram);
	for (size_t i = 0; i < r->npools; i++) {
		free(r->pools[i].name);
		free(r->pools[i].note);
	}
	free(r->pools);
	report_release(&r->findings);
	memset(r, 0, sizeof(*r));
}
