// SPDX-License-Identifier: MIT
/* The text report for people: `file: node: severity: message [rule]`, then the memory picture. */
#include <stdlib.h>

#include "config.h"
#include "emit.h"
#include "rule.h"
#include "util.h"

#define REGION_ROW "  %-40s %-10s %-8s %-20s %12s  %s%s\n"

/*
 * One term of the headroom line, in MiB: whole when exact, else one
 * decimal rounded to nearest ("<0.1" for what would round to zero).
 */
static const char *mib_term(uint64_t v, char buf[SIZE_STR_MAX])
{
	unsigned __int128 tenths = ((unsigned __int128)v * 10 + MiB / 2) / MiB;

	if (v % MiB == 0)
		snprintf(buf, SIZE_STR_MAX, "%llu", (unsigned long long)(v / MiB));
	else if (!tenths)
		snprintf(buf, SIZE_STR_MAX, "<0.1");
	else
		snprintf(buf, SIZE_STR_MAX, "%llu.%u", (unsigned long long)(tenths / 10), (unsigned)(tenths % 10));
	return buf;
}

/*
 * "headroom 1343.9 = RAM 2048 - no-map 64 - CMA 512 - struct pages 1.9 -
 * kernel 29 - min watermark 97.1 MiB": every non-zero term of the
 * estimate, all in MiB, in the order of docs/headroom.md.
 */
static void print_headroom_terms(FILE *out, const char *input, const struct headroom *h)
{
	const struct { const char *label; uint64_t v; } t[] = {
		{ "no-map", h->nomap }, { "reserved", h->reserved }, { "CMA", h->cma },
		{ "struct pages", h->struct_pages }, { "kernel", h->kernel_image },
		{ "swiotlb", h->swiotlb }, { "min watermark", h->min_watermark },
	};
	uint64_t abs = h->headroom < 0 ? (uint64_t)-h->headroom : (uint64_t)h->headroom;
	char s1[SIZE_STR_MAX];

	fprintf(out, "%s: headroom %s%s", input, h->headroom < 0 ? "-" : "", mib_term(abs, s1));
	fprintf(out, " = RAM %s", mib_term(h->ram, s1));
	for (size_t i = 0; i < ARRAY_SIZE(t); i++)
		if (t[i].v)
			fprintf(out, " - %s %s", t[i].label, mib_term(t[i].v, s1));
	fprintf(out, " MiB\n");
}

static void print_region(FILE *out, const struct kregion *r)
{
	char s1[SIZE_STR_MAX], s2[SIZE_STR_MAX];

	if (r->has_base)
		fmt_hex(r->base, s1);
	else if (r->has_window)
		snprintf(s1, sizeof(s1), "<=0x%llx", (unsigned long long)(r->window_end - r->size));
	else
		snprintf(s1, sizeof(s1), "-");
	fprintf(out, REGION_ROW, r->name, region_kind_name(r->kind),
		region_origin_name(r->origin), s1, fmt_size(r->size, s2), region_status_name(r->status),
		r->default_cma ? " (default)" : "");
}

static void print_board(FILE *out, const struct board_result *r)
{
	const struct profile *p = &r->profile;
	const struct headroom *h = &r->headroom;
	char s1[SIZE_STR_MAX], s2[SIZE_STR_MAX], s3[SIZE_STR_MAX];
	size_t e, w, i;

	for (size_t j = 0; j < r->report.n; j++) {
		const struct finding *f = &r->report.f[j];
		const char *file = f->loc.file ? f->loc.file : r->input;

		if (f->loc.file && f->loc.line)
			fprintf(out, "%s:%d:%d: ", file, f->loc.line, f->loc.column > 0 ? f->loc.column : 1);
		else
			fprintf(out, "%s: ", file);
		if (f->node)
			fprintf(out, "%s: ", f->node);
		fprintf(out, "%s: %s [%s]\n", severity_name(f->severity), f->message, f->rule);
	}
	fprintf(out, "%s: profile: kernel %s %s, %u KiB pages, CMA granule %s\n", r->input, p->kernel_str,
		arch_name(p->arch), p->page_size / 1024, fmt_size(p->cma_granule, s1));
	{
		char seen[64];

		if (!profile_boot_confirmed(p, seen, sizeof(seen))) {
			if (seen[0])
				fprintf(out, "%s: kernel %s on %s: predicted from the source-derived steps, no recorded boot of %s confirms it (booted: %s)\n",
					r->input, p->kernel_str, arch_name(p->arch), p->kernel_str, seen);
			else
				fprintf(out, "%s: kernel %s on %s: predicted from the kernel source only, %s is unverified (no recorded boot)\n",
					r->input, p->kernel_str, arch_name(p->arch), arch_name(p->arch));
		}
	}
	if (r->has_cmdline)
		fprintf(out, "%s: bootargs (%s): %s\n", r->input, r->cmdline.source, r->cmdline.value);
	if (board_ram_known(&r->board)) {
		char *banks = ram_desc(&r->board);

		fprintf(out, "%s: RAM: %s\n", r->input, banks);
		free(banks);
	}
	if (r->kmodel.nregions) {
		fprintf(out, "%s: regions:\n", r->input);
		fprintf(out, REGION_ROW, "node", "kind", "origin", "base", "size", "status", "");
		for (size_t j = 0; j < r->kmodel.nregions; j++)
			print_region(out, &r->kmodel.regions[j]);
	}
	if (h->known) {
		/* the CMA the allocator gets (a pool outside RAM gives none); never a negative headroom */
		if (h->headroom < 0)
			fprintf(out, "%s: CMA %s of %s RAM; no non-CMA headroom left\n", r->input,
				fmt_size(r->kmodel.cma_usable_bytes, s1), fmt_size(h->ram, s2));
		else
			fprintf(out, "%s: CMA %s of %s RAM; non-CMA headroom %s\n", r->input,
				fmt_size(r->kmodel.cma_usable_bytes, s1), fmt_size(h->ram, s2),
				fmt_size((uint64_t)h->headroom, s3));
		print_headroom_terms(out, r->input, h);
	} else {
		fprintf(out, "%s: CMA %s; RAM unknown, no headroom estimate\n", r->input,
			fmt_size(r->kmodel.cma_bytes, s1));
	}
	if (r->config)
		fprintf(out, "%s: configuration '%s'%s%s\n", r->input, r->config->path,
			r->nsections ? ", board sections: " : "", r->nsections ? r->sections[0] : "");
	for (size_t k = 1; k < r->nsections; k++)
		fprintf(out, "%s:   and board section: %s\n", r->input, r->sections[k]);
	if (r->suppressed)
		fprintf(out, "%s: %zu finding%s suppressed by the configuration\n", r->input, r->suppressed,
			r->suppressed == 1 ? "" : "s");
	if (r->baselined || r->stale)
		fprintf(out, "%s: baseline: %zu finding%s hidden, %zu stale entr%s%s\n", r->input, r->baselined,
			r->baselined == 1 ? "" : "s", r->stale, r->stale == 1 ? "y" : "ies",
			r->stale ? " (write the baseline again to drop them)" : "");
	report_count(&r->report, &e, &w, &i);
	fprintf(out, "%s: %zu error%s, %zu warning%s, %zu info%s\n", r->input, e, e == 1 ? "" : "s", w,
		w == 1 ? "" : "s", i, i == 1 ? "" : "s");
}

/* The boards one after the other, a blank line between them; unreadable inputs are on stderr. */
static int text_board(struct emit_doc *d, const struct board_result *r)
{
	if (r->error)
		return 0;
	if (d->items++)
		fputc('\n', d->out);
	print_board(d->out, r);
	return ferror(d->out) ? -1 : 0;
}

static int text_end(struct emit_doc *d)
{
	(void)d;
	return 0;
}

const struct emitter emitter_text = { "text", NULL, text_board, text_end };
