// SPDX-License-Identifier: MIT
/*
 * The memory map as a self-contained SVG (docs/memmap.md): RAM banks on a
 * piecewise-linear address axis (low addresses at the top, holes between
 * banks collapsed to a fixed-height break, small ranges given a minimum
 * height), zones and the DMA limit, every region of the kernel model in
 * lanes beside the RAM with its label, overlaps, regions that have no
 * address, and the headroom bar with the numbers of the JSON report.
 */
#include "out_svg.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "emit.h"

#define MARGIN 16.0
#define FONT 12.0
#define CHAR_W 7.3		/* advance of a 12 px monospace glyph, rounded up */
#define RAM_BUDGET 900.0	/* pixels for all RAM on the axis */
#define MIN_H 6.0		/* smallest height of an address range */
#define HOLE_H 36.0		/* a hole in the address space, whatever its size */
#define TICK_RIGHT (MARGIN + 140.0)
#define RAM_X (TICK_RIGHT + 8.0)
#define RAM_W 64.0
#define ZONE_X (RAM_X + RAM_W + 6.0)
#define ZONE_W 22.0
#define LANES_X (ZONE_X + ZONE_W + 10.0)
#define LANE_W 36.0
#define LANE_STEP 42.0
#define LABEL_H 32.0
#define TICK_GAP 13.0
#define MAX_OVERLAPS 512
#define WIN_STEP 12.0

/* One stretch of the address axis: RAM (to scale) or a hole (fixed height). */
struct seg {
	uint64_t base, end;
	bool ram;
	double y, h;
};

/* A region drawn on the axis. */
struct placed {
	size_t idx;		/* into kmodel.regions */
	uint64_t base, end;
	size_t lane;
	double y0, y1, ly;	/* rectangle, and the label's centre */
};

/* Where the kernel may place a region: its alloc-ranges, or the default area's window. */
struct window {
	size_t idx;		/* into kmodel.regions */
	uint64_t base, end;
};

struct map {
	const struct board_result *r;
	const char *pfx;
	struct strbuf *sb;
	struct seg *seg;
	size_t nseg, cseg;
	struct placed *pl;
	size_t npl, cpl;
	uint64_t *bases;	/* of the drawn regions, sorted */
	size_t nbases, cbases;
	struct window *win;
	size_t nwin, cwin;
	size_t nlanes;
	double top, bottom;	/* of the axis */
	double lanes_end, ovl_x, label_x, width;
};

struct kind_style {
	const char *cls;	/* css suffix */
	const char *light, *dark;
	const char *label;
};

static const struct kind_style kind_styles[] = {
	{ "defcma", "#2ca02c", "#4cc24c", "default CMA area" },
	{ "cma", "#1f9fb4", "#36c5da", "CMA pool" },
	{ "dma", "#9467bd", "#b08ad8", "coherent DMA pool" },
	{ "carve", "#e8710a", "#ff9a3c", "carve-out (mapped)" },
	{ "nomap", "#5f6b7a", "#9aa5b4", "no-map carve-out" },
	{ "memres", "#a89700", "#d6c62a", "/memreserve/" },
};

static const struct kind_style *kind_style(const struct kregion *r)
{
	switch (r->kind) {
	case RK_CMA: return &kind_styles[r->default_cma ? 0 : 1];
	case RK_DMA_POOL: return &kind_styles[2];
	case RK_CARVEOUT: return &kind_styles[3];
	case RK_NOMAP: return &kind_styles[4];
	case RK_MEMRESERVE: return &kind_styles[5];
	}
	return &kind_styles[4];
}

/* The headroom terms in the order they are taken from RAM; ids match the JSON keys. */
struct hr_term {
	const char *id, *label, *light, *dark;
};

static const struct hr_term hr_terms[] = {
	{ "nomap", "no-map", "#5f6b7a", "#9aa5b4" },
	{ "reserved", "other reserved", "#e8710a", "#ff9a3c" },
	{ "cma", "CMA", "#2ca02c", "#4cc24c" },
	{ "struct_pages", "struct pages", "#a0522d", "#d08560" },
	{ "kernel_image", "kernel image", "#d45fb4", "#e88fd0" },
	{ "swiotlb", "swiotlb", "#7f7f7f", "#b0b0b0" },
	{ "min_watermark", "min watermark", "#c9a100", "#f2c94c" },
};

static uint64_t hr_value(const struct headroom *h, size_t i)
{
	switch (i) {
	case 0: return h->nomap;
	case 1: return h->reserved;
	case 2: return h->cma;
	case 3: return h->struct_pages;
	case 4: return h->kernel_image;
	case 5: return h->swiotlb;
	default: return h->min_watermark;
	}
}

void sb_add_xml(struct strbuf *sb, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': sb_add(sb, "&amp;"); break;
		case '<': sb_add(sb, "&lt;"); break;
		case '>': sb_add(sb, "&gt;"); break;
		case '"': sb_add(sb, "&quot;"); break;
		case '\'': sb_add(sb, "&#39;"); break;
		default:
			/* control characters are not allowed in XML 1.0 */
			if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t')
				sb_add(sb, "?");
			else
				sb_addn(sb, s, 1);
		}
	}
}

/* Characters (not bytes) of a UTF-8 string, for the width of a text. */
static size_t text_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static uint64_t end_of(uint64_t base, uint64_t size)
{
	uint64_t end;

	range_end(base, size, &end);	/* clamps to 2^64 - 1 when it wraps */
	return end;
}

/* Regions the axis shows: with an address (exact or a bound), not empty, not disabled. */
static bool region_placed(const struct kregion *r)
{
	return (r->has_base || r->has_window) && r->size && r->status != RS_DISABLED;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static bool in_ram(const struct board *b, uint64_t base, uint64_t end)
{
	for (size_t i = 0; i < b->nram; i++)
		if (base >= b->ram[i].base && end <= end_of(b->ram[i].base, b->ram[i].size))
			return true;
	return false;
}

/* How many drawn regions start at @a (binary search in the sorted bases). */
static size_t starts_at(const struct map *m, uint64_t a)
{
	size_t lo = 0, hi = m->nbases, first;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (m->bases[mid] < a)
			lo = mid + 1;
		else
			hi = mid;
	}
	first = lo;
	hi = m->nbases;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (m->bases[mid] <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo - first;
}

/* Split the address space at every boundary and give each stretch a height. */
static void build_axis(struct map *m)
{
	const struct board *b = &m->r->board;
	const struct kmodel *k = &m->r->kmodel;
	uint64_t *pts = NULL, lo, hi;
	size_t n = 0, cap = 0, nram = 0;
	uint64_t ram_total = 0;
	double scale, y, budget, min_total = 0;

	for (size_t i = 0; i < b->nram; i++) {
		*ARRAY_PUSH(pts, n, cap) = b->ram[i].base;
		*ARRAY_PUSH(pts, n, cap) = end_of(b->ram[i].base, b->ram[i].size);
	}
	for (size_t i = 0; i < k->nregions; i++) {
		const struct kregion *r = &k->regions[i];

		if (!region_placed(r))
			continue;
		*ARRAY_PUSH(pts, n, cap) = r->base;
		*ARRAY_PUSH(pts, n, cap) = end_of(r->base, r->size);
		*ARRAY_PUSH(m->bases, m->nbases, m->cbases) = r->base;
	}
	if (m->nbases)
		sort_array(m->bases, m->nbases, sizeof(*m->bases), cmp_u64);
	for (size_t i = 0; i < k->nregions; i++) {
		const struct kregion *r = &k->regions[i];
		const struct rmem_node *nd = r->node;

		if (r->status == RS_DISABLED || r->reason == RR_ROOT_IGNORED)
			continue;
		if (r->has_window && r->window_end > r->window_base) {
			struct window *w = ARRAY_PUSH(m->win, m->nwin, m->cwin);

			w->idx = i;
			w->base = r->window_base;
			w->end = r->window_end;
		} else if (nd && !r->has_window && nd->alloc_ranges.present && nd->alloc_ranges.valid &&
			   !nd->reg.present) {
			for (size_t j = 0; j < nd->nallocs; j++) {
				struct window *w;

				if (!nd->allocs[j].size)
					continue;
				w = ARRAY_PUSH(m->win, m->nwin, m->cwin);
				w->idx = i;
				w->base = nd->allocs[j].base;
				w->end = end_of(nd->allocs[j].base, nd->allocs[j].size);
			}
		}
	}
	for (size_t i = 0; i < k->nzones; i++) {
		*ARRAY_PUSH(pts, n, cap) = k->zones[i].base;
		*ARRAY_PUSH(pts, n, cap) = k->zones[i].end;
	}
	if (!n) {
		free(pts);
		return;
	}
	sort_array(pts, n, sizeof(*pts), cmp_u64);
	lo = pts[0];
	hi = pts[n - 1];
	/* the DMA limit and windows mark the axis where they fall on it */
	if (k->arch_dma_limit > lo && k->arch_dma_limit < hi)
		*ARRAY_PUSH(pts, n, cap) = k->arch_dma_limit;
	for (size_t i = 0; i < m->nwin; i++) {
		if (m->win[i].base > lo && m->win[i].base < hi)
			*ARRAY_PUSH(pts, n, cap) = m->win[i].base;
		if (m->win[i].end > lo && m->win[i].end < hi)
			*ARRAY_PUSH(pts, n, cap) = m->win[i].end;
	}
	sort_array(pts, n, sizeof(*pts), cmp_u64);
	for (size_t i = 0; i + 1 < n; i++) {
		struct seg *s;

		if (pts[i] == pts[i + 1])
			continue;
		s = ARRAY_PUSH(m->seg, m->nseg, m->cseg);
		s->base = pts[i];
		s->end = pts[i + 1];
		s->ram = in_ram(b, s->base, s->end);
		if (s->ram) {
			ram_total += s->end - s->base;
			nram++;
		}
	}
	free(pts);

	/*
	 * Each stretch is at least tall enough for the labels of the regions
	 * that start at its base (so every label sits beside its region), and
	 * no RAM stretch is under MIN_H; a hole is HOLE_H whatever its size.
	 */
	for (size_t i = 0; i < m->nseg; i++) {
		struct seg *s = &m->seg[i];
		size_t starts = starts_at(m, s->base);

		s->h = (s->ram ? MIN_H : HOLE_H);
		if (s->h < LABEL_H * (double)starts)
			s->h = LABEL_H * (double)starts;
		if (s->ram)
			min_total += s->h;
	}
	/*
	 * The rest of the RAM to scale: stretches that would come out under
	 * their minimum get it and the others share what is left (a fixed
	 * point, reached in at most one round per stretch).
	 */
	budget = RAM_BUDGET > 1.5 * min_total ? RAM_BUDGET : 1.5 * min_total;
	scale = ram_total ? budget / (double)ram_total : 0;
	for (size_t round = 0; round <= m->nseg && ram_total; round++) {
		double big = 0, left = budget, next;

		for (size_t i = 0; i < m->nseg; i++) {
			struct seg *s = &m->seg[i];

			if (!s->ram)
				continue;
			if ((double)(s->end - s->base) * scale < s->h)
				left -= s->h;
			else
				big += (double)(s->end - s->base);
		}
		next = big > 0 && left > 0 ? left / big : 0;
		if (next >= scale || next <= 0) {
			if (next <= 0)
				scale = 0;
			break;
		}
		scale = next;
	}
	y = m->top;
	for (size_t i = 0; i < m->nseg; i++) {
		struct seg *s = &m->seg[i];
		double h = s->ram ? (double)(s->end - s->base) * scale : 0;

		if (h > s->h)
			s->h = h;
		s->y = y;
		y += s->h;
	}
	m->bottom = y;
}

/* The y of address @a on the axis (clamped to it). */
static double addr_y(const struct map *m, uint64_t a)
{
	size_t lo = 0, hi = m->nseg;
	const struct seg *s;

	if (!m->nseg)
		return m->top;
	if (a <= m->seg[0].base)
		return m->seg[0].y;
	if (a >= m->seg[m->nseg - 1].end)
		return m->bottom;
	while (lo + 1 < hi) {		/* the last stretch with base <= a */
		size_t mid = (lo + hi) / 2;

		if (m->seg[mid].base <= a)
			lo = mid;
		else
			hi = mid;
	}
	s = &m->seg[lo];
	return s->y + s->h * ((double)(a - s->base) / (double)(s->end - s->base));
}

static int cmp_placed(const void *a, const void *b)
{
	const struct placed *x = a, *y = b;

	if (x->base != y->base)
		return x->base < y->base ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;	/* the larger first: it encloses */
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Put each drawn region in the first lane free at its base; nested ones go right. */
static void place_regions(struct map *m)
{
	const struct kmodel *k = &m->r->kmodel;
	uint64_t *lane_end = NULL;
	size_t clane = 0;

	for (size_t i = 0; i < k->nregions; i++) {
		const struct kregion *r = &k->regions[i];
		struct placed *p;

		if (!region_placed(r))
			continue;
		p = ARRAY_PUSH(m->pl, m->npl, m->cpl);
		memset(p, 0, sizeof(*p));
		p->idx = i;
		p->base = r->base;
		p->end = end_of(r->base, r->size);
	}
	sort_array(m->pl, m->npl, sizeof(*m->pl), cmp_placed);
	for (size_t i = 0; i < m->npl; i++) {
		struct placed *p = &m->pl[i];
		size_t l;

		for (l = 0; l < m->nlanes; l++)
			if (lane_end[l] <= p->base)
				break;
		if (l == m->nlanes) {
			lane_end = grow_array(lane_end, sizeof(*lane_end), m->nlanes + 1, &clane);
			m->nlanes++;
		}
		lane_end[l] = p->end;
		p->lane = l;
		p->y0 = addr_y(m, p->base);
		p->y1 = addr_y(m, p->end);
		if (p->y1 - p->y0 < 2)
			p->y1 = p->y0 + 2;
	}
	free(lane_end);
	/* labels: in address order beside the region's top, each below the previous one */
	for (size_t i = 0; i < m->npl; i++) {
		struct placed *p = &m->pl[i];
		double want = p->y0 + LABEL_H / 2;

		if (i && want < m->pl[i - 1].ly + LABEL_H)
			want = m->pl[i - 1].ly + LABEL_H;
		p->ly = want;
	}
}

static const char *status_text(const struct kregion *r)
{
	switch (r->status) {
	case RS_RESERVED: return "reserved";
	case RS_REJECTED: return "REJECTED";
	case RS_BYPASSED: return "BYPASSED";
	case RS_DISABLED: return "disabled";
	case RS_FAILED: return "FAILED";
	}
	return "";
}

/* The first line of a region's label and title: its name. */
static char *region_name(const struct kregion *r)
{
	if (r->kind == RK_MEMRESERVE)
		return xasprintf("/memreserve/ #%u", r->memreserve_index);
	return xstrdup(r->name);
}

/* "0x80000000-0x805fffff, 6 MiB" or "at or below 0x...", "no address, 6 MiB". */
static char *region_where(const struct kregion *r)
{
	char s1[SIZE_STR_MAX], s2[SIZE_STR_MAX], s3[SIZE_STR_MAX];

	if (!r->has_base && !r->has_window)
		return xasprintf("no address, %s", fmt_size(r->size, s1));
	if (!r->size)
		return xasprintf("%s, empty", fmt_hex(r->base, s1));
	return xasprintf("%s%s-%s, %s", r->has_base ? "" : "at or below ", fmt_hex(r->base, s1),
			 fmt_hex(end_of(r->base, r->size) - 1, s2), fmt_size(r->size, s3));
}

/* The tooltip: node, kind, status, base and size in the words of the JSON report. */
static void region_title(struct strbuf *sb, const struct kregion *r)
{
	char s1[SIZE_STR_MAX], s2[SIZE_STR_MAX], s3[SIZE_STR_MAX];
	char *name = region_name(r);

	sb_add(sb, "<title>");
	sb_add_xml(sb, name);
	sb_addf(sb, "\nkind: %s%s\nstatus: %s\n", region_kind_name(r->kind), r->default_cma ? " (default CMA area)" : "",
		region_status_name(r->status));
	if (r->has_base)
		sb_addf(sb, "base: %s\n", fmt_hex(r->base, s1));
	else if (r->has_window)
		sb_addf(sb, "base: at or below %s (window %s-%s)\n", fmt_hex(r->base, s1),
			fmt_hex(r->window_base, s2), fmt_hex(r->window_end, s3));
	else
		sb_add(sb, "base: none\n");
	sb_addf(sb, "size: %s (%s)", fmt_hex(r->size, s1), fmt_size(r->size, s2));
	if (r->node && r->node->loc.file && r->node->loc.line)
		sb_addf(sb, "\nsource: %s:%d", r->node->loc.file, r->node->loc.line);
	if (r->kernel_message) {
		sb_add(sb, "\nkernel: ");
		sb_add_xml(sb, r->kernel_message);
	}
	sb_add(sb, "</title>");
	free(name);
}

/* Fill and outline of a region shape after its kind and status. */
static void region_paint(const struct map *m, const struct kregion *r)
{
	const struct kind_style *ks = kind_style(r);

	switch (r->status) {
	case RS_RESERVED:
		if (r->has_base)
			sb_addf(m->sb, " class=\"rgn f-%s\" fill=\"%s\" fill-opacity=\"0.9\"", ks->cls, ks->light);
		else	/* only a bound: lighter, dashed */
			sb_addf(m->sb, " class=\"f-%s s-%s\" fill=\"%s\" fill-opacity=\"0.55\" stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"6 3\"",
				ks->cls, ks->cls, ks->light, ks->light);
		break;
	case RS_REJECTED:
		sb_addf(m->sb, " class=\"s-%s\" fill=\"url(#%shatch-%s)\" stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"5 3\"",
			ks->cls, m->pfx, ks->cls, ks->light);
		break;
	case RS_BYPASSED:
		sb_addf(m->sb, " class=\"f-%s s-%s\" fill=\"%s\" fill-opacity=\"0.2\" stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"2 2\"",
			ks->cls, ks->cls, ks->light, ks->light);
		break;
	case RS_FAILED:
		sb_addf(m->sb, " class=\"bad-s\" fill=\"url(#%sxhatch)\" stroke=\"#d62728\" stroke-width=\"2\" stroke-dasharray=\"5 3\"",
			m->pfx);
		break;
	case RS_DISABLED:
		sb_add(m->sb, " class=\"mut-s\" fill=\"none\" stroke=\"#888888\" stroke-width=\"1.5\" stroke-dasharray=\"1 3\"");
		break;
	}
}

static void style_and_defs(const struct map *m)
{
	struct strbuf *sb = m->sb;

	sb_add(sb, "<style>\n"
	       ".bg{fill:#ffffff}.fg{fill:#1a1a1a}.mut{fill:#5a5f66}.bad{fill:#b3261e}\n"
	       ".ram{fill:#e4ecf4;stroke:#6f8196}.hole{fill:none;stroke:#8a8f96}.tick{stroke:#b8bec6}\n"
	       ".lead{stroke:#8a8f96;fill:none}.zone0{fill:#d5dae2}.zone1{fill:#b9c1cd}.dma{stroke:#b3261e}\n"
	       ".rgn{stroke:#ffffff}.bad-s{stroke:#d62728}.mut-s{stroke:#888888}.ovl{stroke:#d62728}\n"
	       "text{font-family:'DejaVu Sans Mono',Menlo,Consolas,monospace;font-size:12px}\n");
	for (size_t i = 0; i < ARRAY_SIZE(kind_styles); i++)
		sb_addf(sb, ".f-%s{fill:%s}.s-%s{stroke:%s}\n", kind_styles[i].cls, kind_styles[i].light,
			kind_styles[i].cls, kind_styles[i].light);
	for (size_t i = 0; i < ARRAY_SIZE(hr_terms); i++)
		sb_addf(sb, ".h-%s{fill:%s}\n", hr_terms[i].id, hr_terms[i].light);
	sb_add(sb, ".h-non_cma{fill:#1f6fc4}.bart{fill:#ffffff}\n"
	       "@media (prefers-color-scheme: dark){\n"
	       ".bg{fill:#15171c}.fg{fill:#e6e6e6}.mut{fill:#a8adb5}.bad{fill:#ff6b6b}\n"
	       ".ram{fill:#26313d;stroke:#8fa2b8}.hole{stroke:#9aa0a8}.tick{stroke:#4a5058}\n"
	       ".lead{stroke:#8a8f96}.zone0{fill:#3a404c}.zone1{fill:#556070}.dma{stroke:#ff6b6b}\n"
	       ".rgn{stroke:#15171c}.bad-s{stroke:#ff6b6b}.mut-s{stroke:#9aa0a8}.ovl{stroke:#ff6b6b}\n");
	for (size_t i = 0; i < ARRAY_SIZE(kind_styles); i++)
		sb_addf(sb, ".f-%s{fill:%s}.s-%s{stroke:%s}\n", kind_styles[i].cls, kind_styles[i].dark,
			kind_styles[i].cls, kind_styles[i].dark);
	for (size_t i = 0; i < ARRAY_SIZE(hr_terms); i++)
		sb_addf(sb, ".h-%s{fill:%s}\n", hr_terms[i].id, hr_terms[i].dark);
	sb_add(sb, ".h-non_cma{fill:#4a9ff0}.bart{fill:#0b0d10}\n}\n</style>\n<defs>\n");
	for (size_t i = 0; i < ARRAY_SIZE(kind_styles); i++)
		sb_addf(sb, "<pattern id=\"%shatch-%s\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
			"patternTransform=\"rotate(45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" class=\"s-%s\" "
			"stroke=\"%s\" stroke-width=\"2.5\"/></pattern>\n",
			m->pfx, kind_styles[i].cls, kind_styles[i].cls, kind_styles[i].light);
	sb_addf(sb, "<pattern id=\"%sxhatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
		"patternTransform=\"rotate(45)\"><path d=\"M0 0V6M0 0H6\" class=\"bad-s\" stroke=\"#d62728\" "
		"stroke-width=\"2\"/></pattern>\n", m->pfx);
	sb_addf(sb, "<pattern id=\"%sovl\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\" "
		"patternTransform=\"rotate(-45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"4\" class=\"ovl\" "
		"stroke=\"#d62728\" stroke-width=\"2\"/></pattern>\n", m->pfx);
	sb_add(sb, "</defs>\n");
}

static void text(struct strbuf *sb, double x, double y, const char *cls, const char *extra, const char *s)
{
	sb_addf(sb, "<text x=\"%.1f\" y=\"%.1f\" class=\"%s\" fill=\"%s\"%s>", x, y, cls,
		!strcmp(cls, "mut") ? "#5a5f66" : !strcmp(cls, "bad") ? "#b3261e" : "#1a1a1a", extra ? extra : "");
	sb_add_xml(sb, s);
	sb_add(sb, "</text>\n");
}

/* Title, profile line and legend; returns the y below them. */
static double draw_header(struct map *m, double y)
{
	const struct board_result *r = m->r;
	const struct profile *p = &r->profile;
	char s1[SIZE_STR_MAX], s2[SIZE_STR_MAX], s3[SIZE_STR_MAX];
	char *line;
	size_t e, w, i;
	double x;

	line = xasprintf("%s%s%s", r->board.model ? r->board.model : "", r->board.model ? " - " : "", r->input);
	text(m->sb, MARGIN, y, "fg", " font-size=\"15\" font-weight=\"bold\"", line);
	free(line);
	y += 20;
	report_count(&r->report, &e, &w, &i);
	line = xasprintf("kernel %s %s, %u KiB pages, CMA granule %s; RAM %s; CMA %s; %zu error%s, %zu warning%s",
			 p->kernel_str, arch_name(p->arch), p->page_size / 1024, fmt_size(p->cma_granule, s1),
			 board_ram_known(&r->board) ? fmt_approx(board_ram_bytes(&r->board), s2) : "unknown",
			 fmt_size(r->kmodel.cma_bytes, s3), e, e == 1 ? "" : "s", w, w == 1 ? "" : "s");
	text(m->sb, MARGIN, y, "mut", NULL, line);
	free(line);
	y += 24;
	/* legend: kinds, then how a status is drawn */
	x = MARGIN;
	for (i = 0; i < ARRAY_SIZE(kind_styles); i++) {
		double wd = 22 + (double)text_chars(kind_styles[i].label) * CHAR_W + 14;

		if (x + wd > m->width - MARGIN) {
			x = MARGIN;
			y += 18;
		}
		sb_addf(m->sb, "<rect x=\"%.1f\" y=\"%.1f\" width=\"16\" height=\"11\" class=\"f-%s\" fill=\"%s\"/>\n",
			x, y - 10, kind_styles[i].cls, kind_styles[i].light);
		text(m->sb, x + 22, y, "fg", NULL, kind_styles[i].label);
		x += wd;
	}
	y += 20;
	x = MARGIN;
	{
		static const struct {
			const char *label;
			enum region_status st;
			bool bound;
		} sts[] = {
			{ "rejected", RS_REJECTED, false }, { "bypassed", RS_BYPASSED, false },
			{ "failed", RS_FAILED, false }, { "disabled", RS_DISABLED, false },
			{ "placed at or below (bound)", RS_RESERVED, true },
		};

		for (i = 0; i < ARRAY_SIZE(sts); i++) {
			struct kregion fake = { 0 };
			double wd = 22 + (double)text_chars(sts[i].label) * CHAR_W + 14;

			fake.kind = RK_CMA;
			fake.status = sts[i].st;
			fake.has_window = sts[i].bound;
			fake.has_base = !sts[i].bound;
			if (x + wd > m->width - MARGIN) {
				x = MARGIN;
				y += 18;
			}
			sb_addf(m->sb, "<rect x=\"%.1f\" y=\"%.1f\" width=\"16\" height=\"11\"", x + 1, y - 10);
			region_paint(m, &fake);
			sb_add(m->sb, "/>\n");
			text(m->sb, x + 22, y, "fg", NULL, sts[i].label);
			x += wd;
		}
		if (x + 150 > m->width - MARGIN) {
			x = MARGIN;
			y += 18;
		}
		sb_addf(m->sb, "<rect x=\"%.1f\" y=\"%.1f\" width=\"16\" height=\"11\" fill=\"url(#%sovl)\" class=\"ovl\" stroke=\"#d62728\"/>\n",
			x + 1, y - 10, m->pfx);
		text(m->sb, x + 22, y, "fg", NULL, "overlap");
		x += 22 + 7 * CHAR_W + 14;
		if (x + 22 + 32 * CHAR_W > m->width - MARGIN) {
			x = MARGIN;
			y += 18;
		}
		sb_addf(m->sb, "<path d=\"M%.1f %.1f h-4 V%.1f h4\" class=\"s-cma\" fill=\"none\" stroke=\"#1f9fb4\" stroke-width=\"2\" stroke-dasharray=\"4 2\"/>\n",
			x + 10, y - 11, y + 1);
		text(m->sb, x + 22, y, "fg", NULL, "window (where it may be placed)");
		x += 22 + 31 * CHAR_W + 14;
		if (x + 22 + 9 * CHAR_W > m->width - MARGIN) {
			x = MARGIN;
			y += 18;
		}
		sb_addf(m->sb, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"dma\" stroke=\"#b3261e\" stroke-width=\"2\" stroke-dasharray=\"8 4\"/>\n",
			x, y - 4, x + 18, y - 4);
		text(m->sb, x + 22, y, "fg", NULL, "DMA limit");
	}
	return y + 16;
}

/* True when boundary @i of the axis is where a region, a bank or a hole starts (or the end). */
static bool tick_starts(const struct map *m, size_t i)
{
	const struct board *b = &m->r->board;
	uint64_t a;

	if (i == 0 || i >= m->nseg || !m->seg[i].ram || !m->seg[i - 1].ram)
		return true;
	a = m->seg[i].base;
	for (size_t j = 0; j < b->nram; j++)
		if (b->ram[j].base == a)
			return true;
	return starts_at(m, a) > 0;
}

static void draw_axis(struct map *m)
{
	const struct board *b = &m->r->board;
	const struct kmodel *k = &m->r->kmodel;
	double last_tick, right = m->ovl_x + 12;
	unsigned char *label;	/* per boundary: labelled */
	double *next;		/* per boundary: y of the next one labelled first */
	size_t n;
	char s1[SIZE_STR_MAX], s2[SIZE_STR_MAX], s3[SIZE_STR_MAX];

	text(m->sb, TICK_RIGHT, m->top - 8, "mut", " text-anchor=\"end\"", "address");
	text(m->sb, RAM_X + RAM_W / 2, m->top - 8, "mut", " text-anchor=\"middle\"", "RAM");
	text(m->sb, ZONE_X + ZONE_W / 2, m->top - 8, "mut", " text-anchor=\"middle\" font-size=\"10\"", "zone");
	if (m->nlanes)
		text(m->sb, LANES_X, m->top - 8, "mut", NULL, "regions");

	/*
	 * A tick at every boundary; an address label where there is room,
	 * first where a region, a bank or a hole starts, then at the others
	 * when they keep clear of both neighbours.
	 */
	n = m->nseg + 1;
	label = xcalloc(n, sizeof(*label));
	last_tick = -100;
	for (size_t i = 0; i < n; i++) {
		double y = i < m->nseg ? m->seg[i].y : m->bottom;

		if (tick_starts(m, i) && y - last_tick >= TICK_GAP) {
			label[i] = 1;
			last_tick = y;
		}
	}
	next = xcalloc(n, sizeof(*next));
	last_tick = 1e300;
	for (size_t i = n; i-- > 0;) {
		next[i] = last_tick;
		if (label[i])
			last_tick = i < m->nseg ? m->seg[i].y : m->bottom;
	}
	last_tick = -100;
	for (size_t i = 0; i < n; i++) {
		double y = i < m->nseg ? m->seg[i].y : m->bottom;

		if (!label[i] && y - last_tick >= TICK_GAP && next[i] - y >= TICK_GAP)
			label[i] = 1;
		if (label[i])
			last_tick = y;
	}
	free(next);
	for (size_t i = 0; i < n; i++) {
		uint64_t a = i < m->nseg ? m->seg[i].base : m->seg[m->nseg - 1].end;
		double y = i < m->nseg ? m->seg[i].y : m->bottom;

		sb_addf(m->sb, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"tick\" stroke=\"#b8bec6\"/>\n",
			TICK_RIGHT + 2, y, right, y);
		if (label[i] == 1)
			text(m->sb, TICK_RIGHT, y + 4, "fg", " text-anchor=\"end\"", fmt_hex(a, s1));
	}
	free(label);
	/* RAM banks */
	for (size_t i = 0; i < b->nram; i++) {
		uint64_t end = end_of(b->ram[i].base, b->ram[i].size);
		double y0 = addr_y(m, b->ram[i].base), y1 = addr_y(m, end);

		sb_addf(m->sb, "<rect id=\"%sram-%zu\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" class=\"ram\" fill=\"#e4ecf4\" stroke=\"#6f8196\">",
			m->pfx, i, RAM_X, y0, RAM_W, y1 - y0);
		sb_add(m->sb, "<title>RAM ");
		sb_add_xml(m->sb, b->ram[i].node ? b->ram[i].node : "--ram");
		sb_addf(m->sb, ": %s-%s, %s</title></rect>\n", fmt_hex(b->ram[i].base, s1), fmt_hex(end - 1, s2),
			fmt_size(b->ram[i].size, s3));
		if (y1 - y0 >= 18)
			text(m->sb, RAM_X + RAM_W / 2, (y0 + y1) / 2 + 4, "fg", " text-anchor=\"middle\"",
			     fmt_approx(b->ram[i].size, s1));
	}
	/* holes: a break across the columns */
	for (size_t i = 0; i < m->nseg; i++) {
		const struct seg *s = &m->seg[i];
		double y = s->y + s->h / 2;

		if (s->ram)
			continue;
		sb_addf(m->sb, "<g id=\"%shole-%zu\"><title>no RAM: %s-%s (%s), not to scale</title>", m->pfx, i,
			fmt_hex(s->base, s1), fmt_hex(s->end - 1, s2), fmt_approx(s->end - s->base, s3));
		for (int d = -1; d <= 1; d += 2) {
			sb_addf(m->sb, "<path d=\"M%.1f %.1f", RAM_X - 4, y + d * 4.0);
			for (double x = RAM_X; x <= right + 4; x += 8)
				sb_addf(m->sb, " L%.1f %.1f", x, y + d * 4.0 + ((int)((x - RAM_X) / 8) % 2 ? 3 : -3));
			sb_add(m->sb, "\" class=\"hole\" fill=\"none\" stroke=\"#8a8f96\"/>");
		}
		sb_add(m->sb, "</g>\n");
		sb_addf(m->sb, "<text x=\"%.1f\" y=\"%.1f\" class=\"mut\" fill=\"#5a5f66\" font-size=\"10\" text-anchor=\"end\">",
			TICK_RIGHT, y + 4);
		sb_addf(m->sb, "no RAM: %s</text>\n", fmt_approx(s->end - s->base, s1));
	}
	/* zones */
	for (size_t i = 0; i < k->nzones; i++) {
		const struct kzone *z = &k->zones[i];
		double y0 = addr_y(m, z->base), y1 = addr_y(m, z->end);

		sb_addf(m->sb, "<rect id=\"%szone-", m->pfx);
		sb_add_xml(m->sb, z->name);
		sb_addf(m->sb, "\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" class=\"zone%zu\" fill=\"%s\"><title>zone ",
			ZONE_X, y0, ZONE_W, y1 - y0, i % 2, i % 2 ? "#b9c1cd" : "#d5dae2");
		sb_add_xml(m->sb, z->name);
		sb_addf(m->sb, ": %s-%s (%s)</title></rect>\n", fmt_hex(z->base, s1), fmt_hex(z->end - 1, s2),
			fmt_approx(z->end - z->base, s3));
		if (y1 - y0 >= (double)text_chars(z->name) * CHAR_W + 8) {
			sb_addf(m->sb, "<text x=\"%.1f\" y=\"%.1f\" class=\"fg\" fill=\"#1a1a1a\" text-anchor=\"middle\" transform=\"rotate(-90 %.1f %.1f)\">",
				ZONE_X + ZONE_W / 2 + 4, (y0 + y1) / 2, ZONE_X + ZONE_W / 2 + 4, (y0 + y1) / 2);
			sb_add_xml(m->sb, z->name);
			sb_add(m->sb, "</text>\n");
		}
	}
	if (k->arch_dma_limit && m->nseg && k->arch_dma_limit > m->seg[0].base &&
	    k->arch_dma_limit <= m->seg[m->nseg - 1].end) {
		double y = addr_y(m, k->arch_dma_limit);

		sb_addf(m->sb, "<line id=\"%sdma-limit\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"dma\" stroke=\"#b3261e\" stroke-width=\"2\" stroke-dasharray=\"8 4\">"
			"<title>DMA limit of the architecture: %s</title></line>\n",
			m->pfx, RAM_X - 6, y, right + 4, y, fmt_hex(k->arch_dma_limit, s1));
	}
}

/* Columns right of the region lanes: windows, overlaps, then the labels. */
static void set_columns(struct map *m)
{
	m->lanes_end = LANES_X + (double)m->nlanes * LANE_STEP;
	m->ovl_x = m->lanes_end + (double)m->nwin * WIN_STEP + 2;
	m->label_x = m->ovl_x + 12 + 34;
}

/* A bracket per window, in the colour of its region, dashed. */
static void draw_windows(struct map *m)
{
	const struct kmodel *k = &m->r->kmodel;
	char s1[SIZE_STR_MAX], s2[SIZE_STR_MAX];

	for (size_t i = 0; i < m->nwin; i++) {
		const struct window *w = &m->win[i];
		const struct kregion *r = &k->regions[w->idx];
		const struct kind_style *ks = kind_style(r);
		double x = m->lanes_end + (double)i * WIN_STEP + 3, y0, y1;
		uint64_t lo = w->base, hi = w->end;

		/* a window reaching past RAM is drawn to the RAM's ends */
		if (m->r->board.nram) {
			uint64_t rlo = UINT64_MAX, rhi = 0;

			for (size_t j = 0; j < m->r->board.nram; j++) {
				const struct ram_bank *bk = &m->r->board.ram[j];

				rlo = bk->base < rlo ? bk->base : rlo;
				rhi = end_of(bk->base, bk->size) > rhi ? end_of(bk->base, bk->size) : rhi;
			}
			lo = lo < rlo ? rlo : lo;
			hi = hi > rhi ? rhi : hi;
		}
		if (hi <= lo) {
			lo = w->base;
			hi = w->end;
		}
		y0 = addr_y(m, lo);
		y1 = addr_y(m, hi);

		sb_addf(m->sb, "<path id=\"%swindow-%zu\" d=\"M%.1f %.1f h-4 V%.1f h4\" class=\"s-%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"4 2\"><title>",
			m->pfx, i, x + 4, y0, y1, ks->cls, ks->light);
		sb_add_xml(m->sb, r->name);
		sb_addf(m->sb, ": the kernel may place it in %s-%s%s</title></path>\n", fmt_hex(w->base, s1),
			fmt_hex(w->end - 1, s2), r->has_window ? " (top-down: early allocations push it lower)" : " (alloc-ranges)");
		if (y1 - y0 >= 60)
			sb_addf(m->sb, "<text x=\"%.1f\" y=\"%.1f\" class=\"mut\" fill=\"#5a5f66\" font-size=\"9\" text-anchor=\"middle\" transform=\"rotate(-90 %.1f %.1f)\">window</text>\n",
				x + 9, (y0 + y1) / 2, x + 9, (y0 + y1) / 2);
	}
}

static void draw_regions(struct map *m)
{
	const struct kmodel *k = &m->r->kmodel;
	double lanes_end = m->ovl_x + 12;

	for (size_t i = 0; i < m->npl; i++) {
		const struct placed *p = &m->pl[i];
		const struct kregion *r = &k->regions[p->idx];
		double x = LANES_X + (double)p->lane * LANE_STEP;
		char *name = region_name(r), *where = region_where(r), *l2;
		double ly;

		sb_addf(m->sb, "<g id=\"%sregion-%zu\" data-node=\"", m->pfx, p->idx);
		sb_add_xml(m->sb, r->name);
		sb_addf(m->sb, "\" data-kind=\"%s\" data-status=\"%s\">", region_kind_name(r->kind),
			region_status_name(r->status));
		region_title(m->sb, r);
		sb_addf(m->sb, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"", x, p->y0, LANE_W,
			p->y1 - p->y0);
		region_paint(m, r);
		sb_add(m->sb, "/>");
		/* leader from the region to its label */
		ly = p->ly < p->y0 + 1 ? p->y0 + 1 : p->ly > p->y1 - 1 ? p->y1 - 1 : p->ly;
		sb_addf(m->sb, "<polyline points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f\" class=\"lead\" stroke=\"#8a8f96\" fill=\"none\" stroke-width=\"0.8\"/>",
			x + LANE_W, ly, lanes_end + 16, ly, m->label_x - 18, p->ly, m->label_x - 4, p->ly);
		sb_add(m->sb, "\n");
		text(m->sb, m->label_x, p->ly - 3, "fg", NULL, name);
		l2 = xasprintf("%s, %s: %s", kind_style(r)->label, status_text(r), where);
		text(m->sb, m->label_x, p->ly + 11, r->status == RS_RESERVED ? "mut" : "bad", NULL, l2);
		sb_add(m->sb, "</g>\n");
		free(l2);
		free(name);
		free(where);
	}
}

/* The drawn entry of region @idx, or NULL. */
static const struct placed *placed_of(const struct map *m, size_t idx)
{
	for (size_t i = 0; i < m->npl; i++)
		if (m->pl[i].idx == idx)
			return &m->pl[i];
	return NULL;
}

/*
 * The kernel model's overlapping pairs (what rmem_overlap and
 * rmem_memreserve_overlap judge) between drawn regions, marked beside
 * the lanes.
 */
static void draw_overlaps(struct map *m)
{
	const struct kmodel *k = &m->r->kmodel;
	double x = m->ovl_x - 2;
	size_t n = 0;
	char s1[SIZE_STR_MAX], s2[SIZE_STR_MAX], s3[SIZE_STR_MAX];

	for (size_t i = 0; i < k->noverlaps && n < MAX_OVERLAPS; i++) {
		const struct koverlap *o = &k->overlaps[i];
		const struct placed *pa = placed_of(m, o->first), *pc = placed_of(m, o->second);
		const struct kregion *a = &k->regions[o->first], *c = &k->regions[o->second];
		double y0, y1;

		if (!pa || !pc)
			continue;
		y0 = addr_y(m, o->lo);
		y1 = addr_y(m, o->hi);
		if (y1 - y0 < 3)
			y1 = y0 + 3;
		sb_addf(m->sb, "<rect id=\"%soverlap-%zu-%zu\" x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"%.1f\" fill=\"url(#%sovl)\" class=\"ovl\" stroke=\"#d62728\"><title>",
			m->pfx, pa->idx < pc->idx ? pa->idx : pc->idx, pa->idx < pc->idx ? pc->idx : pa->idx,
			x + 2, y0, y1 - y0, m->pfx);
		sb_add_xml(m->sb, a->name);
		sb_add(m->sb, " and ");
		sb_add_xml(m->sb, c->name);
		sb_addf(m->sb, " overlap by %s: %s-%s</title></rect>\n", fmt_size(o->hi - o->lo, s1), fmt_hex(o->lo, s2),
			fmt_hex(o->hi - 1, s3));
		n++;
	}
}

static char *unplaced_line(const struct kregion *r)
{
	char *name = region_name(r), *where = region_where(r);
	char *l = xasprintf("%s - %s, %s, %s", name, kind_style(r)->label, status_text(r), where);

	free(name);
	free(where);
	return l;
}

/* Regions without an address: listed below the axis. Returns the y below the list. */
static double draw_unplaced(struct map *m, double y)
{
	const struct kmodel *k = &m->r->kmodel;
	bool any = false;

	for (size_t i = 0; i < k->nregions; i++) {
		const struct kregion *r = &k->regions[i];
		char *l;

		if (region_placed(r))
			continue;
		if (!any) {
			text(m->sb, MARGIN, y, "fg", " font-weight=\"bold\"", "Not on the map (no address, empty or disabled):");
			y += 20;
			any = true;
		}
		l = unplaced_line(r);
		sb_addf(m->sb, "<g id=\"%sregion-%zu\" data-node=\"", m->pfx, i);
		sb_add_xml(m->sb, r->name);
		sb_addf(m->sb, "\" data-kind=\"%s\" data-status=\"%s\">", region_kind_name(r->kind),
			region_status_name(r->status));
		region_title(m->sb, r);
		sb_addf(m->sb, "<rect x=\"%.1f\" y=\"%.1f\" width=\"30\" height=\"12\"", MARGIN + 1, y - 10);
		region_paint(m, r);
		sb_add(m->sb, "/>");
		text(m->sb, MARGIN + 40, y, r->status == RS_RESERVED ? "fg" : "bad", NULL, l);
		sb_add(m->sb, "</g>\n");
		y += 18;
		free(l);
	}
	return any ? y + 6 : y;
}

/* A term's name and size inside its part of the bar, when it fits. */
static void bar_label(struct map *m, double x, double y, double w, const char *name, uint64_t v)
{
	char s1[SIZE_STR_MAX];
	char *l = xasprintf("%s %s", name, fmt_approx(v, s1));

	if ((double)text_chars(l) * CHAR_W + 8 > w) {
		free(l);
		l = xstrdup(fmt_approx(v, s1));
	}
	if ((double)text_chars(l) * CHAR_W + 8 <= w)
		sb_addf(m->sb, "<text x=\"%.1f\" y=\"%.1f\" class=\"bart\" fill=\"#ffffff\" text-anchor=\"middle\">%s</text>",
			x + w / 2, y + 17, l);
	free(l);
}

/* The headroom bar: RAM, minus each term, leaves the non-CMA headroom. Returns the y below it. */
static double draw_headroom(struct map *m, double y)
{
	const struct headroom *h = &m->r->headroom;
	double x = MARGIN, w = m->width - 2 * MARGIN, scale, used = 0;
	uint64_t sum = 0;
	char s1[SIZE_STR_MAX], s2[SIZE_STR_MAX];
	char *l;

	text(m->sb, MARGIN, y, "fg", " font-weight=\"bold\"", "Non-CMA headroom: what kernel allocations can use");
	y += 10;
	if (!h->known) {
		text(m->sb, MARGIN, y + 14, "mut", NULL, "RAM unknown: no headroom estimate (give --ram)");
		return y + 30;
	}
	for (size_t i = 0; i < ARRAY_SIZE(hr_terms); i++)
		sum += hr_value(h, i);
	scale = w / (double)(sum > h->ram ? sum : h->ram);
	sb_addf(m->sb, "<g id=\"%sheadroom-ram\" data-bytes=\"%llu\"><title>RAM %s (%llu bytes)</title>"
		"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"8\" class=\"ram\" fill=\"#e4ecf4\" stroke=\"#6f8196\"/></g>\n",
		m->pfx, (unsigned long long)h->ram, fmt_size(h->ram, s1), (unsigned long long)h->ram, x, y,
		(double)h->ram * scale);
	y += 12;
	for (size_t i = 0; i < ARRAY_SIZE(hr_terms); i++) {
		uint64_t v = hr_value(h, i);
		double wd = v ? (double)v * scale : 0;

		if (v && wd < 2)
			wd = 2;
		sb_addf(m->sb, "<g id=\"%sheadroom-%s\" data-bytes=\"%llu\"><title>%s %s (%llu bytes)</title>", m->pfx,
			hr_terms[i].id, (unsigned long long)v, hr_terms[i].label, fmt_size(v, s1), (unsigned long long)v);
		if (wd > 0)
			sb_addf(m->sb, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"26\" class=\"h-%s\" fill=\"%s\"/>",
				x + used, y, wd, hr_terms[i].id, hr_terms[i].light);
		bar_label(m, x + used, y, wd, hr_terms[i].label, v);
		sb_add(m->sb, "</g>\n");
		used += wd;
	}
	sb_addf(m->sb, "<g id=\"%sheadroom-non_cma\" data-bytes=\"%lld\"><title>non-CMA headroom %s%s (%lld bytes)</title>",
		m->pfx, (long long)h->headroom, h->headroom < 0 ? "-" : "",
		fmt_approx(h->headroom < 0 ? (uint64_t)-h->headroom : (uint64_t)h->headroom, s1), (long long)h->headroom);
	if (h->headroom > 0 && used < w) {
		sb_addf(m->sb, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"26\" class=\"h-non_cma\" fill=\"#1f6fc4\"/>",
			x + used, y, w - used);
		bar_label(m, x + used, y, w - used, "non-CMA headroom", (uint64_t)h->headroom);
	}
	sb_add(m->sb, "</g>\n");
	if (h->headroom < 0) {
		double rx = x + (double)h->ram * scale;

		sb_addf(m->sb, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"dma\" stroke=\"#b3261e\" stroke-width=\"3\"/>\n",
			rx, y - 14, rx, y + 30);
	}
	y += 46;
	/* the sum, term by term, in exact bytes */
	l = xasprintf("RAM %s (%llu bytes)", fmt_approx(h->ram, s1), (unsigned long long)h->ram);
	text(m->sb, MARGIN + 22, y, "fg", NULL, l);
	free(l);
	y += 17;
	for (size_t i = 0; i < ARRAY_SIZE(hr_terms); i++) {
		uint64_t v = hr_value(h, i);

		sb_addf(m->sb, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"11\" class=\"h-%s\" fill=\"%s\"/>\n",
			MARGIN + 1, y - 10, hr_terms[i].id, hr_terms[i].light);
		l = xasprintf("- %-15s %12s (%llu bytes)", hr_terms[i].label, fmt_approx(v, s1), (unsigned long long)v);
		text(m->sb, MARGIN + 22, y, "fg", " xml:space=\"preserve\"", l);
		free(l);
		y += 17;
	}
	sb_addf(m->sb, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"11\" class=\"h-non_cma\" fill=\"#1f6fc4\"/>\n",
		MARGIN + 1, y - 10);
	l = xasprintf("= %-15s %12s%s (%lld bytes)", "non-CMA headroom", h->headroom < 0 ? "-" : "",
		      fmt_approx(h->headroom < 0 ? (uint64_t)-h->headroom : (uint64_t)h->headroom, s2),
		      (long long)h->headroom);
	text(m->sb, MARGIN + 22, y, h->headroom < 0 ? "bad" : "fg", " xml:space=\"preserve\" font-weight=\"bold\"", l);
	free(l);
	return y + 16;
}

void svg_board(struct strbuf *out, const struct board_result *r, const char *pfx, double *width, double *height)
{
	struct map m = { 0 };
	struct strbuf body = STRBUF_INIT;
	const struct kmodel *k = &r->kmodel;
	double y, label_w = 0, hdr_w;

	m.r = r;
	m.pfx = pfx;
	m.sb = &body;

	/* Width first: the widest label decides it. */
	for (size_t i = 0; i < k->nregions; i++) {
		const struct kregion *reg = &k->regions[i];
		char *name = region_name(reg), *where = region_where(reg);
		char *l2 = xasprintf("%s, %s: %s", kind_style(reg)->label, status_text(reg), where);
		size_t c = text_chars(name) > text_chars(l2) ? text_chars(name) : text_chars(l2);

		if (!region_placed(reg)) {
			char *l = unplaced_line(reg);

			/* the list below the axis starts at the margin */
			if ((double)text_chars(l) * CHAR_W + 40 > label_w + 200)
				label_w = (double)text_chars(l) * CHAR_W + 40 - 200;
			free(l);
		} else if ((double)c * CHAR_W > label_w) {
			label_w = (double)c * CHAR_W;
		}
		free(name);
		free(where);
		free(l2);
	}
	/* a first pass for the lanes (the axis does not depend on them) */
	m.top = 0;
	build_axis(&m);
	place_regions(&m);
	set_columns(&m);
	m.width = m.label_x + label_w + MARGIN;
	hdr_w = 2 * MARGIN + (double)(text_chars(r->input) + (r->board.model ? text_chars(r->board.model) + 3 : 0)) * 9.2;
	if (m.width < hdr_w)
		m.width = hdr_w;
	if (m.width < 920)
		m.width = 920;
	if (m.width < 2 * MARGIN + 22 + 60 * CHAR_W)	/* the headroom sum */
		m.width = 2 * MARGIN + 22 + 60 * CHAR_W;

	/* header, then the axis below it */
	style_and_defs(&m);
	y = draw_header(&m, MARGIN + 14);
	free(m.seg);
	free(m.pl);
	free(m.bases);
	free(m.win);
	m.seg = NULL;
	m.pl = NULL;
	m.bases = NULL;
	m.win = NULL;
	m.nseg = m.cseg = m.npl = m.cpl = m.nlanes = m.nbases = m.cbases = m.nwin = m.cwin = 0;
	m.top = y + 26;
	m.bottom = m.top;
	build_axis(&m);
	place_regions(&m);
	set_columns(&m);
	if (m.nseg) {
		draw_axis(&m);
		draw_windows(&m);
		draw_regions(&m);
		draw_overlaps(&m);
		y = m.bottom;
		if (m.npl && m.pl[m.npl - 1].ly + LABEL_H / 2 > y)
			y = m.pl[m.npl - 1].ly + LABEL_H / 2;
		y += 28;
	} else {
		text(&body, MARGIN, m.top, "mut", NULL, "no RAM and no placed region to draw");
		y = m.top + 28;
	}
	y = draw_unplaced(&m, y);
	y = draw_headroom(&m, y + 8);
	y += MARGIN;

	sb_addf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
		"role=\"img\" aria-label=\"memory map of ", m.width, y, m.width, y);
	sb_add_xml(out, r->input);
	sb_addf(out, "\" id=\"%smemmap\">\n", pfx);
	sb_addf(out, "<rect id=\"%sbackground\" x=\"0\" y=\"0\" width=\"100%%\" height=\"100%%\" class=\"bg\" fill=\"#ffffff\"/>\n",
		pfx);
	sb_addn(out, body.buf, body.len);
	sb_add(out, "</svg>\n");
	*width = m.width;
	*height = y;
	sb_release(&body);
	free(m.seg);
	free(m.pl);
	free(m.bases);
	free(m.win);
}

/*
 * A run's boards in one SVG: one map, or the maps one below the other in
 * an outer <svg> whose size is known at the end. The nested maps are
 * spooled; the first board is held drawn both ways (alone, and as the
 * first of several) until a second one comes or the run ends.
 */
struct svg_state {
	size_t nok;
	double maxw, toth;
	struct strbuf alone, first;	/* the first board: by itself, and nested */
	struct spool nested;
};

static void svg_nest(struct strbuf *sb, const struct strbuf *one, double y)
{
	/* nested: the same picture, moved down */
	sb_addf(sb, "<g transform=\"translate(0 %.0f)\">\n", y);
	sb_addn(sb, one->buf, one->len);
	sb_add(sb, "</g>\n");
}

static int svg_begin(struct emit_doc *d)
{
	struct svg_state *st = xcalloc(1, sizeof(*st));

	d->st = st;
	return spool_open(&st->nested);
}

static int svg_board_part(struct emit_doc *d, const struct board_result *r)
{
	struct svg_state *st = d->st;
	struct strbuf one = STRBUF_INIT, part = STRBUF_INIT;
	char pfx[32];
	double w, h;
	int rc = 0;

	if (r->error)
		return 0;
	if (st->nok == 0) {
		svg_board(&st->alone, r, "", &w, &h);
		svg_board(&one, r, "b0-", &w, &h);
		svg_nest(&st->first, &one, st->toth);
	} else {
		if (st->nok == 1) {
			/* there are several: the first one is nested too */
			rc |= fwrite(st->first.buf, 1, st->first.len, st->nested.f) != st->first.len;
			sb_release(&st->first);
			sb_release(&st->alone);
		}
		snprintf(pfx, sizeof(pfx), "b%zu-", st->nok);
		svg_board(&one, r, pfx, &w, &h);
		svg_nest(&part, &one, st->toth);
		rc |= fwrite(part.buf, 1, part.len, st->nested.f) != part.len;
	}
	sb_release(&one);
	sb_release(&part);
	st->nok++;
	st->toth += h;
	if (w > st->maxw)
		st->maxw = w;
	return rc ? -1 : 0;
}

static int svg_end(struct emit_doc *d)
{
	struct svg_state *st = d->st;
	FILE *out = d->out;
	int rc = 0;

	if (!d->rc && st->nok == 1) {
		rc |= fwrite(st->alone.buf, 1, st->alone.len, out) != st->alone.len;
	} else if (!d->rc && st->nok > 1) {
		fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\">\n",
			st->maxw, st->toth, st->maxw, st->toth);
		rc |= spool_copy(&st->nested, out);
		fputs("</svg>\n", out);
	}
	spool_close(&st->nested);
	sb_release(&st->alone);
	sb_release(&st->first);
	free(st);
	d->st = NULL;
	return rc || ferror(out) ? -1 : 0;
}

const struct emitter emitter_svg = { "svg", svg_begin, svg_board_part, svg_end };

bool svg_map_is_dir(const char *path)
{
	struct stat st;
	size_t l = strlen(path);

	return (l && path[l - 1] == '/') || (stat(path, &st) == 0 && S_ISDIR(st.st_mode));
}

/* "DIR/board.svg" for input "some/where/board.dts". */
static char *map_name(const char *dir, const char *input)
{
	const char *base = strrchr(input, '/'), *dot;
	size_t dl = strlen(dir);

	base = base ? base + 1 : input;
	dot = strrchr(base, '.');
	if (!dot || dot == base)
		dot = base + strlen(base);
	return xasprintf("%s%s%.*s.svg", dir, dl && dir[dl - 1] == '/' ? "" : "/", (int)(dot - base), base);
}

static int write_whole(const char *path, const struct strbuf *sb)
{
	FILE *f = fopen(path, "w");
	bool bad = !f || fwrite(sb->buf, 1, sb->len, f) != sb->len;

	if (f && fclose(f))
		bad = true;
	if (bad) {
		fprintf(stderr, "cmalint: cannot write the memory map '%s': %s\n", path, strerror(errno ? errno : EIO));
		return -1;
	}
	return 0;
}

struct named {
	char *name;
	size_t index;
};

static int cmp_named(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : x->index < y->index ? -1 : x->index > y->index;
}

bool svg_map_clash(const char *path, const char *const *inputs, size_t n, bool report)
{
	struct named *v;
	size_t nv = 0, first = SIZE_MAX, other = 0;

	if (!svg_map_is_dir(path))
		return false;
	/* sorted by name: equal names are neighbours, in input order (a tree of 10,000 boards) */
	v = xcalloc(n ? n : 1, sizeof(*v));
	for (size_t i = 0; i < n; i++)
		if (inputs[i])
			v[nv++] = (struct named){ map_name(path, inputs[i]), i };
	if (nv)
		sort_array(v, nv, sizeof(*v), cmp_named);
	/* the clash met first in input order: the smallest second index of a name */
	for (size_t k = 1; k < nv; k++) {
		if (strcmp(v[k].name, v[k - 1].name) || (k >= 2 && !strcmp(v[k].name, v[k - 2].name)))
			continue;
		if (v[k].index < first) {
			first = v[k].index;
			other = v[k - 1].index;
		}
	}
	if (first != SIZE_MAX && report) {
		char *name = map_name(path, inputs[first]);

		fprintf(stderr, "cmalint: --map: inputs '%s' and '%s' would both be drawn to '%s'\n",
			inputs[other], inputs[first], name);
		free(name);
	}
	for (size_t k = 0; k < nv; k++)
		free(v[k].name);
	free(v);
	return first != SIZE_MAX;
}

void svg_map_init(struct svg_map *m, const char *path)
{
	memset(m, 0, sizeof(*m));
	m->path = path;
	m->dir = svg_map_is_dir(path);
}

int svg_map_open(struct svg_map *m)
{
	m->opened = true;
	if (m->dir) {
		if (mkdir(m->path, 0777) && errno != EEXIST) {
			fprintf(stderr, "cmalint: cannot create the directory '%s' for --map: %s\n", m->path,
				strerror(errno));
			return -1;
		}
		return 0;
	}
	/* one file: the same document as --format svg */
	m->file = fopen(m->path, "w");
	if (!m->file) {
		fprintf(stderr, "cmalint: cannot write the memory map '%s': %s\n", m->path, strerror(errno));
		return -1;
	}
	m->doc = emit_begin(&emitter_svg, m->file, PASSES_CHECK);
	return 0;
}

int svg_map_board(struct svg_map *m, const struct board_result *r, size_t index)
{
	struct strbuf sb = STRBUF_INIT;
	double w, h;
	char *name;
	int rc;

	if (!m->opened && svg_map_open(m))
		return -1;
	if (!m->dir) {
		emit_board(m->doc, r, index);
		return 0;
	}
	if (r->error)
		return 0;
	name = map_name(m->path, r->input);
	svg_board(&sb, r, "", &w, &h);
	errno = 0;
	rc = write_whole(name, &sb);
	sb_release(&sb);
	free(name);
	return rc;
}

int svg_map_close(struct svg_map *m)
{
	int rc = 0;

	if (m->doc) {
		rc = emit_end(m->doc);
		m->doc = NULL;
	}
	if (m->file) {
		errno = 0;
		if (fclose(m->file))
			rc = -1;
		m->file = NULL;
		if (rc)
			fprintf(stderr, "cmalint: cannot write the memory map '%s': %s\n", m->path,
				strerror(errno ? errno : EIO));
	}
	return rc;
}
