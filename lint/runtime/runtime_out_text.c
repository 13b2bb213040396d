// SPDX-License-Identifier: MIT
/* The text report of `cmalint runtime`: what was read, the comparisons, findings, then the live tree's lint. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "runtime.h"
#include "util.h"

static void kb_or_size(struct strbuf *sb, const struct rt_check *k, int64_t v)
{
	char s[SIZE_STR_MAX];

	if (!strcmp(k->name, "cma_total")) {
		sb_addf(sb, "%-16s", fmt_size(v < 0 ? 0 : (uint64_t)v, s));
		return;
	}
	snprintf(s, sizeof(s), "%lld kB", (long long)(v / 1024));
	sb_addf(sb, "%-16s", s);
}

static void print_check(struct strbuf *sb, const struct rt_check *k)
{
	char tol[16];

	sb_addf(sb, "  %-24s ", k->label);
	if (k->status == RT_UNCHECKED) {
		sb_addf(sb, "%-16s %-16s %-10s unchecked (%s)\n", "-", "-", "-", "RAM unknown or no lowmem zone");
		return;
	}
	kb_or_size(sb, k, k->predicted);
	sb_add(sb, " ");
	kb_or_size(sb, k, k->actual);
	if (k->tolerance_pct)
		snprintf(tol, sizeof(tol), "%u %%", k->tolerance_pct);
	else
		snprintf(tol, sizeof(tol), "exact");
	sb_addf(sb, " %-10s %s\n", tol, rt_status_name(k->status));
}

static void print_pool(struct strbuf *sb, const struct rt_pool *p)
{
	char s1[SIZE_STR_MAX], s2[SIZE_STR_MAX], s3[SIZE_STR_MAX];

	sb_addf(sb, "  %s (%s, area '%s'): predicted %s ", p->region->name, region_kind_name(p->region->kind), p->name,
		fmt_size(p->size, s1));
	if (p->exact)
		sb_addf(sb, "at %s", fmt_hex(p->base, s2));
	else if (p->base_max)
		sb_addf(sb, "at or below %s", fmt_hex(p->base_max, s2));
	else
		sb_add(sb, "at an unknown place");
	sb_addf(sb, "; %s", rt_status_name(p->status));
	if (p->have_actual_base || p->have_actual_size) {
		sb_add(sb, ": actual");
		if (p->have_actual_size)
			sb_addf(sb, " %s", fmt_size(p->actual_size, s1));
		if (p->have_actual_base)
			sb_addf(sb, " at %s", fmt_hex(p->actual_base, s3));
	}
	if (p->note)
		sb_addf(sb, " (%s)", p->note);
	sb_add(sb, "\n");
}

/* The live tree's report, as `cmalint check` prints it. */
static void add_board(struct strbuf *sb, const struct rt_result *r)
{
	struct emit_run run = { .boards = (struct board_result *)&r->board, .nboards = 1, .passes = PASSES_CHECK };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		die("out of memory");
	if (emit_whole(&emitter_text, f, &run) || fclose(f))
		die("out of memory");
	sb_addn(sb, buf, len);
	free(buf);
}

char *runtime_format_text(const struct rt_capture *c, const struct rt_result *r)
{
	struct strbuf sb = STRBUF_INIT;
	const char *root = c->root;
	char s1[SIZE_STR_MAX], s2[SIZE_STR_MAX];
	size_t e, w, i;

	sb_addf(&sb, "%s: kernel %s (profile %s, from %s), %s (from %s), %llu KiB pages (from %s)\n", root, c->release,
		r->board.profile.kernel_str, r->kernel_from, arch_name(r->board.profile.arch), r->arch_from,
		(unsigned long long)(r->page_size / 1024), r->page_size_from);
	sb_addf(&sb, "%s: RAM from /proc/iomem:", root);
	for (size_t j = 0; j < r->nram; j++)
		sb_addf(&sb, "%s %s at %s", j ? "," : "", fmt_approx(r->ram[j].size, s1), fmt_hex(r->ram[j].base, s2));
	if (r->have_kernel_range)
		sb_addf(&sb, "; kernel image %s at %s\n", fmt_approx(r->kernel_range.size, s1),
			fmt_hex(r->kernel_range.base, s2));
	else
		sb_add(&sb, "; kernel image not listed\n");
	sb_addf(&sb, "%s: command line (/proc/cmdline): %s\n", root, c->cmdline[0] ? c->cmdline : "(empty)");
	sb_addf(&sb, "%s: CONFIG_CMA_SIZE_MBYTES %llu (from %s)", root,
		(unsigned long long)r->board.profile.cma_size_mbytes, r->kconfig_from);
	if (c->have_min_free_kbytes)
		sb_addf(&sb, "; vm.min_free_kbytes %llu", (unsigned long long)c->min_free_kbytes);
	sb_add(&sb, "\n");

	sb_addf(&sb, "%s: compared:\n", root);
	sb_addf(&sb, "  %-24s %-16s %-16s %-10s %s\n", "", "predicted", "actual", "tolerance", "result");
	for (size_t j = 0; j < RT_NCHECKS; j++)
		print_check(&sb, &r->checks[j]);
	if (r->npools) {
		sb_addf(&sb, "%s: pools:\n", root);
		for (size_t j = 0; j < r->npools; j++)
			print_pool(&sb, &r->pools[j]);
	}
	for (size_t j = 0; j < r->findings.n; j++) {
		const struct finding *f = &r->findings.f[j];

		sb_addf(&sb, "%s: %s%s%s: %s [%s]\n", root, f->node ? f->node : "", f->node ? ": " : "", severity_name(f->severity),
			f->message, f->rule);
	}
	sb_addf(&sb, "\n%s: the live tree, linted:\n", root);
	add_board(&sb, r);
	report_count(&r->board.report, &e, &w, &i);
	sb_addf(&sb, "\nsummary: %zu runtime mismatch%s, %zu board error%s\n", r->findings.n,
		r->findings.n == 1 ? "" : "es", e, e == 1 ? "" : "s");
	return sb_detach(&sb);
}
