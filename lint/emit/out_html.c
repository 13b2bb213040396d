// SPDX-License-Identifier: MIT
/*
 * One self-contained HTML page for a run (docs/memmap.md): a table of the
 * boards that sorts when a column heading is clicked, then per board its
 * findings with their source locations and its memory map inline. No
 * external resource: the style, the script and the pictures are in the page.
 */
#include <stdio.h>
#include <stdlib.h>

#include "emit.h"
#include "out_svg.h"
#include "util.h"
#include "version.h"

static const char page_style[] =
	":root{color-scheme:light dark}\n"
	"body{font-family:system-ui,'DejaVu Sans',sans-serif;margin:1.5em;background:#ffffff;color:#1a1a1a}\n"
	"table{border-collapse:collapse;margin:0.5em 0 1.5em}\n"
	"th,td{border:1px solid #c4c9d0;padding:0.25em 0.6em;text-align:left;vertical-align:top}\n"
	"td.num{text-align:right;font-variant-numeric:tabular-nums}\n"
	"#boards th{cursor:pointer;background:#e9edf2;user-select:none}\n"
	"#boards th[data-dir=asc]::after{content:' \\25B2'}#boards th[data-dir=desc]::after{content:' \\25BC'}\n"
	".sev-error{color:#b3261e;font-weight:bold}.sev-warning{color:#8a5a00;font-weight:bold}.sev-info{color:#44617f}\n"
	"code,.loc{font-family:'DejaVu Sans Mono',monospace;font-size:0.9em}\n"
	"pre.kmsg{margin:0.3em 0 0;font-size:0.85em;color:#5a5f66;white-space:pre-wrap}\n"
	"section.board{border-top:2px solid #c4c9d0;padding-top:0.5em;margin-top:2em}\n"
	".map svg{max-width:100%;height:auto;border:1px solid #c4c9d0}\n"
	"a{color:#1f5fa8}\n"
	"@media (prefers-color-scheme: dark){\n"
	"body{background:#15171c;color:#e6e6e6}th,td{border-color:#4a5058}#boards th{background:#262b33}\n"
	".sev-error{color:#ff6b6b}.sev-warning{color:#f2c94c}.sev-info{color:#8fb4d8}pre.kmsg{color:#a8adb5}\n"
	"section.board{border-color:#4a5058}.map svg{border-color:#4a5058}a{color:#7db3f0}\n"
	"}\n";

/* Sorting: a click on a heading orders the rows by that column's data-v values. */
static const char page_script[] =
	"document.querySelectorAll('#boards th').forEach(function (th, col) {\n"
	"  th.addEventListener('click', function () {\n"
	"    var body = th.closest('table').tBodies[0], num = th.dataset.type === 'num';\n"
	"    var dir = th.dataset.dir === 'asc' ? -1 : 1;\n"
	"    th.parentNode.querySelectorAll('th').forEach(function (o) { delete o.dataset.dir; });\n"
	"    th.dataset.dir = dir > 0 ? 'asc' : 'desc';\n"
	"    Array.from(body.rows).sort(function (a, b) {\n"
	"      var x = a.cells[col].dataset.v, y = b.cells[col].dataset.v;\n"
	"      return dir * (num ? Number(x) - Number(y) : x.localeCompare(y));\n"
	"    }).forEach(function (r) { body.appendChild(r); });\n"
	"  });\n"
	"});\n";

/* CMA as a share of usable RAM in per mille (as the cma_ratio rule computes it), or -1. */
static long long ratio_permille(const struct board_result *r)
{
	uint64_t ram, cma = r->kmodel.cma_usable_bytes;

	if (!board_ram_known(&r->board))
		return -1;
	ram = board_ram_bytes(&r->board);
	ram = ram > r->kmodel.nomap_bytes ? ram - r->kmodel.nomap_bytes : 0;
	if (!ram)
		return -1;
	if (cma % ram > UINT64_MAX / 1000)
		return (long long)(cma / (ram / 1000 ? ram / 1000 : 1));
	return (long long)(cma / ram * 1000 + (cma % ram) * 1000 / ram);
}

static void cell_text(struct strbuf *sb, const char *v, const char *shown)
{
	sb_add(sb, "<td data-v=\"");
	sb_add_xml(sb, v);
	sb_add(sb, "\">");
	sb_add_xml(sb, shown);
	sb_add(sb, "</td>");
}

static void cell_num(struct strbuf *sb, long long v, const char *shown)
{
	sb_addf(sb, "<td class=\"num\" data-v=\"%lld\">", v);
	sb_add_xml(sb, shown);
	sb_add(sb, "</td>");
}

static void board_row(struct strbuf *sb, const struct board_result *r, size_t i)
{
	const struct headroom *h = &r->headroom;
	char s1[SIZE_STR_MAX], buf[64];
	long long pm = ratio_permille(r);
	size_t e, w, n;

	report_count(&r->report, &e, &w, &n);
	sb_addf(sb, "<tr id=\"row-%zu\" class=\"board-row\"><td data-v=\"", i);
	sb_add_xml(sb, r->input);
	sb_addf(sb, "\"><a href=\"#board-%zu\">", i);
	sb_add_xml(sb, r->input);
	sb_add(sb, "</a></td>");
	cell_text(sb, r->board.model ? r->board.model : "", r->board.model ? r->board.model : "");
	snprintf(buf, sizeof(buf), "%s %s, %u KiB", r->profile.kernel_str, arch_name(r->profile.arch),
		 r->profile.page_size / 1024);
	cell_text(sb, buf, buf);
	if (board_ram_known(&r->board))
		cell_num(sb, (long long)board_ram_bytes(&r->board), fmt_approx(board_ram_bytes(&r->board), s1));
	else
		cell_num(sb, -1, "unknown");
	cell_num(sb, (long long)r->kmodel.cma_bytes, fmt_approx(r->kmodel.cma_bytes, s1));
	if (pm >= 0)
		snprintf(buf, sizeof(buf), "%lld.%lld %%", pm / 10, pm % 10);
	else
		snprintf(buf, sizeof(buf), "-");
	cell_num(sb, pm, buf);
	if (h->known) {
		snprintf(buf, sizeof(buf), "%s%s", h->headroom < 0 ? "-" : "",
			 fmt_approx(h->headroom < 0 ? (uint64_t)-h->headroom : (uint64_t)h->headroom, s1));
		cell_num(sb, (long long)h->headroom, buf);
	} else {
		cell_num(sb, 0, "unknown");
	}
	snprintf(buf, sizeof(buf), "%zu", e);
	cell_num(sb, (long long)e, buf);
	snprintf(buf, sizeof(buf), "%zu", w);
	cell_num(sb, (long long)w, buf);
	sb_add(sb, "</tr>\n");
}

static void finding_row(struct strbuf *sb, const struct board_result *r, const struct finding *f)
{
	sb_addf(sb, "<tr class=\"finding\" data-rule=\"%s\"><td class=\"sev-%s\">%s</td><td><code>%s</code></td><td class=\"loc\">",
		f->rule, severity_name(f->severity), severity_name(f->severity), f->rule);
	sb_add_xml(sb, f->loc.file ? f->loc.file : r->input);
	if (f->loc.file && f->loc.line)
		sb_addf(sb, ":%d:%d", f->loc.line, f->loc.column > 0 ? f->loc.column : 1);
	if (f->node) {
		sb_add(sb, "<br>");
		sb_add_xml(sb, f->node);
	}
	sb_add(sb, "</td><td>");
	sb_add_xml(sb, f->message);
	if (f->kernel_message) {
		sb_add(sb, "<pre class=\"kmsg\">");
		sb_add_xml(sb, f->kernel_message);
		sb_add(sb, "</pre>");
	}
	sb_add(sb, "</td></tr>\n");
}

/* Who uses each region (memory-region) and the dma-buf heaps userspace opens it by. */
static void users_table(struct strbuf *sb, const struct board_result *r)
{
	const struct board *b = &r->board;
	bool head = false;

	for (size_t i = 0; i < r->kmodel.nregions; i++) {
		const struct kregion *k = &r->kmodel.regions[i];
		const char *hn[KMODEL_HEAPS_MAX];
		size_t nh = kmodel_heap_names(&r->kmodel, &r->profile, k, hn), nu = 0;
		int idx = k->node ? (int)(k->node - b->nodes) : -1;

		for (size_t u = 0; u < b->nusers && idx >= 0; u++)
			for (unsigned j = 0; j < b->users[u].nregions; j++)
				nu += b->users[u].target[j] == idx;
		if (!nu && !nh)
			continue;
		if (!head)
			sb_add(sb, "<table class=\"users\"><thead><tr><th>region</th><th>used by (memory-region)</th>"
			       "<th>dma-buf heaps</th></tr></thead><tbody>\n");
		head = true;
		sb_add(sb, "<tr><td>");
		sb_add_xml(sb, k->name);
		sb_add(sb, "</td><td>");
		nu = 0;
		for (size_t u = 0; u < b->nusers && idx >= 0; u++) {
			const struct region_user *ru = &b->users[u];

			for (unsigned j = 0; j < ru->nregions; j++) {
				if (ru->target[j] != idx)
					continue;
				sb_add(sb, nu++ ? "<br>" : "");
				sb_add_xml(sb, ru->path);
				sb_addf(sb, " [%u", j);
				if (j < ru->nnames) {
					sb_add(sb, " &quot;");
					sb_add_xml(sb, ru->names[j]);
					sb_add(sb, "&quot;");
				}
				sb_addf(sb, "]%s%s", ru->available ? "" : " (disabled)", ru->iommu ? " (IOMMU)" : "");
			}
		}
		sb_add(sb, "</td><td>");
		for (size_t j = 0; j < nh; j++) {
			sb_add(sb, j ? ", <code>/dev/dma_heap/" : "<code>/dev/dma_heap/");
			sb_add_xml(sb, hn[j]);
			sb_add(sb, "</code>");
		}
		sb_add(sb, "</td></tr>\n");
	}
	if (head)
		sb_add(sb, "</tbody></table>\n");
}

static void board_section(struct strbuf *sb, const struct board_result *r, size_t i)
{
	char pfx[32], s1[SIZE_STR_MAX];
	double w, h;

	sb_addf(sb, "<section class=\"board\" id=\"board-%zu\">\n<h2>", i);
	sb_add_xml(sb, r->input);
	if (r->board.model) {
		sb_add(sb, " - ");
		sb_add_xml(sb, r->board.model);
	}
	sb_addf(sb, "</h2>\n<p>kernel %s %s, %u KiB pages, CMA granule %s", r->profile.kernel_str,
		arch_name(r->profile.arch), r->profile.page_size / 1024, fmt_size(r->profile.cma_granule, s1));
	if (r->has_cmdline) {
		sb_add(sb, "; bootargs (");
		sb_add_xml(sb, r->cmdline.source);
		sb_add(sb, "): <code>");
		sb_add_xml(sb, r->cmdline.value);
		sb_add(sb, "</code>");
	}
	sb_add(sb, "</p>\n");
	if (r->report.n) {
		sb_add(sb, "<table class=\"findings\"><thead><tr><th>severity</th><th>rule</th><th>where</th><th>message</th></tr></thead><tbody>\n");
		for (size_t j = 0; j < r->report.n; j++)
			finding_row(sb, r, &r->report.f[j]);
		sb_add(sb, "</tbody></table>\n");
	} else {
		sb_add(sb, "<p>No findings.</p>\n");
	}
	users_table(sb, r);
	snprintf(pfx, sizeof(pfx), "b%zu-", i);
	sb_add(sb, "<div class=\"map\">\n");
	svg_board(sb, r, pfx, &w, &h);
	sb_add(sb, "</div>\n</section>\n");
}

/*
 * The page's title counts the boards, so the table rows and the board
 * sections are spooled as the boards come; the inputs that could not be
 * read are kept.
 */
struct html_state {
	struct spool rows, sections;
	size_t nok;
	struct strbuf errors;	/* the <li> of each */
};

static int html_begin(struct emit_doc *d)
{
	struct html_state *st = xcalloc(1, sizeof(*st));

	d->st = st;
	if (spool_open(&st->rows))
		return -1;
	return spool_open(&st->sections);
}

static int html_board(struct emit_doc *d, const struct board_result *r)
{
	struct html_state *st = d->st;
	struct strbuf sb = STRBUF_INIT;
	int rc = 0;

	if (r->error) {
		sb_add(&st->errors, "<li class=\"load-error\">");
		sb_add_xml(&st->errors, r->error);
		sb_add(&st->errors, "</li>\n");
		return 0;
	}
	st->nok++;
	board_row(&sb, r, d->index);
	rc |= fwrite(sb.buf, 1, sb.len, st->rows.f) != sb.len;
	sb_release(&sb);
	board_section(&sb, r, d->index);
	rc |= fwrite(sb.buf, 1, sb.len, st->sections.f) != sb.len;
	sb_release(&sb);
	return rc ? -1 : 0;
}

static int html_end(struct emit_doc *d)
{
	struct html_state *st = d->st;
	FILE *out = d->out;
	size_t nok = st->nok;
	int rc = 0;

	if (!d->rc) {
		fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n", out);
		fprintf(out, "<title>cmalint: %zu board%s</title>\n<style>\n%s</style>\n</head>\n<body>\n", nok,
			nok == 1 ? "" : "s", page_style);
		fprintf(out, "<h1>cmalint: reserved memory and CMA of %zu board%s</h1>\n", nok, nok == 1 ? "" : "s");
		fprintf(out, "<p>cmalint %s. Click a column heading to sort; each board's findings and memory map follow the table.</p>\n",
			CMALINT_VERSION);
		fputs("<table id=\"boards\"><thead><tr><th data-type=\"text\">board</th><th data-type=\"text\">model</th>"
		      "<th data-type=\"text\">kernel</th><th data-type=\"num\">RAM</th><th data-type=\"num\">CMA</th>"
		      "<th data-type=\"num\">CMA / usable RAM</th><th data-type=\"num\">non-CMA headroom</th>"
		      "<th data-type=\"num\">errors</th><th data-type=\"num\">warnings</th></tr></thead>\n<tbody>\n", out);
		rc |= spool_copy(&st->rows, out);
		fputs("</tbody></table>\n", out);
		if (st->errors.len) {
			fputs("<section id=\"errors\"><h2>Inputs that could not be read</h2><ul>\n", out);
			fwrite(st->errors.buf, 1, st->errors.len, out);
			fputs("</ul></section>\n", out);
		}
		rc |= spool_copy(&st->sections, out);
		fprintf(out, "<script>\n%s</script>\n</body>\n</html>\n", page_script);
	}
	spool_close(&st->rows);
	spool_close(&st->sections);
	sb_release(&st->errors);
	free(st);
	d->st = NULL;
	return rc || ferror(out) ? -1 : 0;
}

const struct emitter emitter_html = { "html", html_begin, html_board, html_end };
