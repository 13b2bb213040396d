// SPDX-License-Identifier: MIT
/*
 * GitHub Actions workflow commands: `::error file=F,line=L,col=C,title=T::MSG`.
 * GitHub shows at most 10 errors and 10 warnings per step, so at most 10
 * of each kind (and 10 notices) become annotations, the others are printed
 * as plain lines and counted in a last notice. When $GITHUB_STEP_SUMMARY
 * names a file, the full list is appended to it as a Markdown table.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "util.h"

#define GITHUB_MAX_PER_KIND 10

/* Message data: '%', CR and LF are escaped. */
static void put_data(FILE *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '%': fputs("%25", out); break;
		case '\r': fputs("%0D", out); break;
		case '\n': fputs("%0A", out); break;
		default: fputc(*s, out);
		}
	}
}

/* Property values: also ':' and ','. */
static void put_prop(FILE *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '%': fputs("%25", out); break;
		case '\r': fputs("%0D", out); break;
		case '\n': fputs("%0A", out); break;
		case ':': fputs("%3A", out); break;
		case ',': fputs("%2C", out); break;
		default: fputc(*s, out);
		}
	}
}

static const char *command(enum severity s)
{
	return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "notice";
}

static void annotate(FILE *out, const struct board_result *r, const struct finding *f)
{
	bool have_line = f->loc.file && f->loc.line > 0;

	fprintf(out, "::%s file=", command(f->severity));
	put_prop(out, f->loc.file ? f->loc.file : r->input);
	if (have_line) {
		fprintf(out, ",line=%d", f->loc.line);
		if (f->loc.column > 0)
			fprintf(out, ",col=%d", f->loc.column);
	}
	fputs(",title=", out);
	put_prop(out, "cmalint ");
	put_prop(out, f->rule);
	fputs("::", out);
	if (f->node && !strstr(f->message, f->node)) {
		put_data(out, f->node);
		put_data(out, ": ");
	}
	put_data(out, f->message);
	fputc('\n', out);
}

/* A plain log line for a finding past the annotation limit. */
static void plain(FILE *out, const struct board_result *r, const struct finding *f)
{
	bool have_line = f->loc.file && f->loc.line > 0;

	if (have_line)
		fprintf(out, "%s:%d: ", f->loc.file, f->loc.line);
	else
		fprintf(out, "%s: ", f->loc.file ? f->loc.file : r->input);
	if (f->node)
		fprintf(out, "%s: ", f->node);
	fprintf(out, "%s: ", severity_name(f->severity));
	for (const char *p = f->message; *p; p++)
		fputc(*p == '\n' || *p == '\r' ? ' ' : *p, out);
	fprintf(out, " [%s]\n", f->rule);
}

/* A Markdown table cell: '|' escaped, line breaks and backticks kept harmless. */
static void md_cell(FILE *out, const char *s)
{
	if (!s || !*s) {
		fputs(" ", out);
		return;
	}
	for (; *s; s++) {
		if (*s == '|')
			fputs("\\|", out);
		else if (*s == '\n' || *s == '\r')
			fputs("<br>", out);
		else if (*s == '<')
			fputs("&lt;", out);
		else
			fputc(*s, out);
	}
}

/*
 * What the step summary needs at the end: its table rows are spooled as the
 * boards come (only when $GITHUB_STEP_SUMMARY names a file), the inputs that
 * could not be read are kept.
 */
struct github_state {
	size_t shown[3], rest;
	const char *summary;		/* $GITHUB_STEP_SUMMARY, or NULL */
	struct spool rows;
	size_t total;
	char **errors;
	size_t nerrors, cerrors;
};

static void summary_rows(FILE *f, const struct board_result *r)
{
	for (size_t i = 0; i < r->report.n; i++) {
		const struct finding *fd = &r->report.f[i];

		fputs("| ", f);
		md_cell(f, r->input);
		fputs(" | ", f);
		md_cell(f, fd->node);
		fprintf(f, " | %s | `%s` | ", severity_name(fd->severity), fd->rule);
		md_cell(f, fd->message);
		fputs(" |\n", f);
	}
}

static void step_summary(struct github_state *st)
{
	FILE *f = fopen(st->summary, "a");
	bool bad = false;

	if (!f) {
		fprintf(stderr, "cmalint: cannot append to GITHUB_STEP_SUMMARY '%s': %s\n", st->summary,
			strerror(errno));
		return;
	}
	fputs("### cmalint\n\n", f);
	if (!st->total) {
		fputs("No findings.\n\n", f);
	} else {
		fputs("| board | node | severity | rule | message |\n|---|---|---|---|---|\n", f);
		bad = spool_copy(&st->rows, f) != 0;
		fputc('\n', f);
	}
	for (size_t i = 0; i < st->nerrors; i++) {
		fputs("Could not lint: ", f);
		md_cell(f, st->errors[i]);
		fputs("\n\n", f);
	}
	if (ferror(f) | fclose(f) | bad)
		fprintf(stderr, "cmalint: cannot append to GITHUB_STEP_SUMMARY '%s'\n", st->summary);
}

static int github_begin(struct emit_doc *d)
{
	struct github_state *st = xcalloc(1, sizeof(*st));
	const char *summary = getenv("GITHUB_STEP_SUMMARY");

	d->st = st;
	if (summary && *summary) {
		st->summary = summary;
		if (spool_open(&st->rows))
			return -1;
	}
	return 0;
}

static int github_board(struct emit_doc *d, const struct board_result *r)
{
	struct github_state *st = d->st;

	if (r->error) {
		if (st->summary)
			*ARRAY_PUSH(st->errors, st->nerrors, st->cerrors) = xstrdup(r->error);
		return 0;
	}
	for (size_t i = 0; i < r->report.n; i++) {
		const struct finding *f = &r->report.f[i];

		if (f->severity > SEV_ERROR)
			continue;
		if (st->shown[f->severity] < GITHUB_MAX_PER_KIND) {
			st->shown[f->severity]++;
			annotate(d->out, r, f);
		} else {
			plain(d->out, r, f);
			st->rest++;
		}
	}
	if (st->summary) {
		st->total += r->report.n;
		summary_rows(st->rows.f, r);
	}
	return ferror(d->out) ? -1 : 0;
}

static int github_end(struct emit_doc *d)
{
	struct github_state *st = d->st;

	if (!d->rc) {
		if (st->rest)
			fprintf(d->out, "::notice::%zu more finding%s not annotated (GitHub shows 10 per kind and step)%s\n",
				st->rest, st->rest == 1 ? "" : "s", st->summary ? ": see the step summary" : "");
		if (st->summary)
			step_summary(st);
	}
	spool_close(&st->rows);
	for (size_t i = 0; i < st->nerrors; i++)
		free(st->errors[i]);
	free(st->errors);
	free(st);
	d->st = NULL;
	return ferror(d->out) ? -1 : 0;
}

const struct emitter emitter_github = { "github", github_begin, github_board, github_end };
