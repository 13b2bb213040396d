// SPDX-License-Identifier: MIT
/*
 * The GNU/GCC diagnostic form editors and CI log parsers read:
 * `file:line:col: severity: message [rule]` when the DTS position is known,
 * else `board.dtb: /node/path: severity: message [rule]` (dtc's path form).
 */
#include "emit.h"
#include "util.h"

static const char *word(enum severity s)
{
	return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "note";
}

static int gcc_board(struct emit_doc *d, const struct board_result *r)
{
	FILE *out = d->out;

	for (size_t i = 0; !r->error && i < r->report.n; i++) {
		const struct finding *f = &r->report.f[i];

		if (f->loc.file && f->loc.line > 0) {
			fprintf(out, "%s:%d:", f->loc.file, f->loc.line);
			if (f->loc.column > 0)
				fprintf(out, "%d:", f->loc.column);
			fputc(' ', out);
		} else {
			/* a file without a line (a /proc file of cmalint runtime), else the input */
			fprintf(out, "%s: ", f->loc.file ? f->loc.file : r->input);
			if (f->node)
				fprintf(out, "%s: ", f->node);
		}
		fprintf(out, "%s: ", word(f->severity));
		for (const char *p = f->message; *p; p++)
			fputc(*p == '\n' || *p == '\r' ? ' ' : *p, out);
		fprintf(out, " [%s]\n", f->rule);
	}
	return ferror(out) ? -1 : 0;
}

static int gcc_end(struct emit_doc *d)
{
	(void)d;
	return 0;
}

const struct emitter emitter_gcc = { "gcc", NULL, gcc_board, gcc_end };
