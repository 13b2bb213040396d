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

static void step_summary(const struct emit_run *run, const char *path)
{
	FILE *f = fopen(path, "a");
	size_t total = 0;

	if (!f) {
		fprintf(stderr, "cmalint: cannot append to GITHUB_STEP_SUMMARY '%s': %s\n", path, strerror(errno));
		return;
	}
	fputs("### cmalint\n\n", f);
	for (size_t b = 0; b < run->nboards; b++)
		total += run->boards[b].error ? 0 : run->boards[b].report.n;
	if (!total) {
		fputs("No findings.\n\n", f);
	} else {
		fputs("| board | node | severity | rule | message |\n|---|---|---|---|---|\n", f);
		for (size_t b = 0; b < run->nboards; b++) {
			const struct board_result *r = &run->boards[b];

			for (size_t i = 0; !r->error && i < r->report.n; i++) {
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
		fputc('\n', f);
	}
	for (size_t b = 0; b < run->nboards; b++)
		if (run->boards[b].error) {
			fputs("Could not lint: ", f);
			md_cell(f, run->boards[b].error);
			fputs("\n\n", f);
		}
	if (ferror(f) | fclose(f))
		fprintf(stderr, "cmalint: cannot append to GITHUB_STEP_SUMMARY '%s'\n", path);
}

int emit_github(FILE *out, const struct emit_run *run)
{
	size_t shown[3] = { 0 }, rest = 0;
	const char *summary = getenv("GITHUB_STEP_SUMMARY");

	for (size_t b = 0; b < run->nboards; b++) {
		const struct board_result *r = &run->boards[b];

		for (size_t i = 0; !r->error && i < r->report.n; i++) {
			const struct finding *f = &r->report.f[i];

			if (f->severity > SEV_ERROR)
				continue;
			if (shown[f->severity] < GITHUB_MAX_PER_KIND) {
				shown[f->severity]++;
				annotate(out, r, f);
			} else {
				plain(out, r, f);
				rest++;
			}
		}
	}
	if (rest)
		fprintf(out, "::notice::%zu more finding%s not annotated (GitHub shows 10 per kind and step)%s\n",
			rest, rest == 1 ? "" : "s", summary && *summary ? ": see the step summary" : "");
	if (summary && *summary)
		step_summary(run, summary);
	return ferror(out) ? -1 : 0;
}
