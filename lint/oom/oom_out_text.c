// SPDX-License-Identifier: MIT
/*
 * oom_out_text.c - the OOM explainer's report for people: one finding per
 * line ("oom: <message> [rule]"), then a short block per report.
 */
#include "oom.h"
#include "util.h"

#include <string.h>

static const char *source_name(enum oom_cma_source s)
{
	switch (s) {
	case OOM_CMA_SRC_CMDLINE:
		return "cma= or CONFIG_CMA_SIZE_MBYTES";
	case OOM_CMA_SRC_DT:
		return "a device-tree node";
	case OOM_CMA_SRC_MIXED:
		return "cma=/Kconfig and device-tree nodes";
	default:
		return "an unknown source (no boot log)";
	}
}

static const char *mt_name(enum oom_migratetype mt)
{
	return mt == OOM_MT_MOVABLE ? "movable" : mt == OOM_MT_RECLAIMABLE ? "reclaimable" : "unmovable";
}

static void add_allocation(struct strbuf *sb, const struct oom_report *r)
{
	sb_add(sb, "  allocation: ");
	if (r->have & OOM_R_GFP)
		sb_addf(sb, "gfp_mask=0x%llx(%s)", (unsigned long long)r->gfp_mask,
			r->gfp_flags ? r->gfp_flags : "");
	else
		sb_add(sb, "gfp_mask unknown");
	if (r->have & OOM_R_ORDER)
		sb_addf(sb, ", order %ld", r->order);
	sb_addf(sb, ", %s: ", mt_name(r->migratetype));
	if (!r->can_use_cma)
		sb_add(sb, "cannot use CMA\n");
	else if (kver_ge(r->kver, 5, 8))
		sb_add(sb, "may use CMA, preferred when free_cma > free/2\n");
	else
		sb_add(sb, "may use CMA, but only once the movable free lists are empty\n");
}

static void add_report(struct strbuf *sb, const struct oom_log *log, size_t idx)
{
	const struct oom_report *r = &log->reports[idx];
	char a[SIZE_STR_MAX], b[SIZE_STR_MAX];
	size_t i;

	for (i = 0; i < r->findings.n; i++)
		sb_addf(sb, "oom: %s [%s]\n", r->findings.f[i].message, r->findings.f[i].rule);
	sb_addf(sb, "%s'%s' line %u: %s invoked oom-killer", r->findings.n ? "\n" : "", r->file,
		r->line, r->comm);
	if (log->n_reports > 1)
		sb_addf(sb, " (report %zu of %zu)", idx + 1, log->n_reports);
	sb_add(sb, "\n");
	add_allocation(sb, r);
	sb_addf(sb, "  kernel:     %s (%s%s)\n", r->kernel,
		strcmp(r->kernel_from, "assumed") ? "from the " : "", r->kernel_from);
	sb_addf(sb, "  page size:  %s (%s%s)", fmt_size(r->page_size, a),
		strcmp(r->page_size_from, "assumed") ? "from the " : "", r->page_size_from);
	if (r->granule)
		sb_addf(sb, ", CMA granule %s", fmt_size(r->granule, b));
	sb_add(sb, "\n");
	sb_add(sb, "  memory:     ");
	if (r->ram_bytes)
		sb_addf(sb, "RAM %s, ", fmt_size(r->ram_bytes, a));
	if (r->cma_from) {
		sb_addf(sb, "CMA %s", fmt_size(r->cma_bytes, a));
		if (r->ram_bytes >= KiB)
			sb_addf(sb, " (%llu %% of RAM)",
				(unsigned long long)(r->cma_bytes / KiB * 100 / (r->ram_bytes / KiB)));
		if (r->have_cma_base)
			sb_addf(sb, " at %s", fmt_hex(r->cma_base, b));
		sb_addf(sb, " from %s\n", source_name(r->cma_source));
	} else {
		sb_add(sb, "CMA size unknown\n");
	}
	if (log->boot.have_memory)
		sb_addf(sb, "  boot:       %s\n", log->boot.memory_line);
	for (i = 0; i < r->n_zones; i++) {
		const struct oom_zone *z = &r->zones[i];

		if (!z->v.evaluated)
			continue;
		sb_addf(sb, "  zone %s: free %llu kB, free_cma %llu kB, non-CMA free %llu kB, min %llu kB",
			z->name, (unsigned long long)z->free_kb, (unsigned long long)z->free_cma_kb,
			(unsigned long long)z->v.non_cma_free_kb, (unsigned long long)z->min_kb);
		if (z->v.reserve_kb)
			sb_addf(sb, " + lowmem_reserve %llu kB", (unsigned long long)z->v.reserve_kb);
		if (!z->v.allowed)
			sb_add(sb, " (not usable by this allocation)");
		else if (z->v.below_min)
			sb_addf(sb, ": %llu kB short", (unsigned long long)(z->v.threshold_kb - z->v.non_cma_free_kb));
		sb_add(sb, "\n");
	}
	if (r->verdict)
		sb_addf(sb, "  verdict:    %s\n", r->verdict);
	if (r->incomplete)
		sb_addf(sb, "  note:       the report is incomplete (no %s); it may be truncated\n", r->missing);
	if (r->n_advice) {
		sb_add(sb, "  advice:\n");
		for (i = 0; i < r->n_advice; i++)
			sb_addf(sb, "    - %s\n", r->advice[i]);
	}
}

char *oom_format_text(const struct oom_log *log)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, j, n[3] = { 0, 0, 0 };

	for (i = 0; i < log->n_reports; i++) {
		if (i)
			sb_add(&sb, "\n");
		add_report(&sb, log, i);
		for (j = 0; j < log->reports[i].findings.n; j++) {
			enum severity s = log->reports[i].findings.f[j].severity;

			n[s == SEV_ERROR ? 0 : s == SEV_WARNING ? 1 : 2]++;
		}
	}
	sb_addf(&sb, "\nsummary: %zu report%s, %zu error%s, %zu warning%s, %zu info%s\n",
		log->n_reports, log->n_reports == 1 ? "" : "s", n[0], n[0] == 1 ? "" : "s",
		n[1], n[1] == 1 ? "" : "s", n[2], n[2] == 1 ? "" : "s");
	return sb_detach(&sb);
}
