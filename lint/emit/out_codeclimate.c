// SPDX-License-Identifier: MIT
/*
 * The Code Climate issue list GitLab reads as a code-quality report: a
 * JSON array of {type, check_name, description, categories, fingerprint,
 * severity, location: {path, lines: {begin}}}.
 */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "fingerprint.h"
#include "json_util.h"
#include "util.h"

/* GitLab's scale is info, minor, major, critical, blocker. */
static const char *cc_severity(enum severity s)
{
	return s == SEV_ERROR ? "critical" : s == SEV_WARNING ? "minor" : "info";
}

/* One JSON array of issues, written issue by issue. */
static int cc_begin(struct emit_doc *d)
{
	return fputs("[", d->out) < 0 ? -1 : 0;
}

static int cc_board(struct emit_doc *d, const struct board_result *r)
{
	int rc = 0;

	for (size_t i = 0; !r->error && i < r->report.n; i++) {
		const struct finding *f = &r->report.f[i];
		bool have_line = f->loc.file && f->loc.line > 0;
		cJSON *o = cJSON_CreateObject(), *cat = cJSON_CreateArray(), *loc = cJSON_CreateObject();
		cJSON *lines = cJSON_CreateObject();
		char print[FINGERPRINT_LEN];
		char *desc = f->node && !strstr(f->message, f->node) ? xasprintf("%s: %s", f->node, f->message) : xstrdup(f->message);

		cJSON_AddStringToObject(o, "type", "issue");
		cJSON_AddStringToObject(o, "check_name", f->rule);
		cJSON_AddStringToObject(o, "description", desc);
		free(desc);
		cJSON_AddItemToArray(cat, cJSON_CreateString("Bug Risk"));
		cJSON_AddItemToObject(o, "categories", cat);
		finding_fingerprint(r, i, print);
		cJSON_AddStringToObject(o, "fingerprint", print);
		cJSON_AddStringToObject(o, "severity", cc_severity(f->severity));
		cJSON_AddStringToObject(loc, "path", board_key(f->loc.file ? f->loc.file : r->input));
		json_add_u64(lines, "begin", have_line ? (uint64_t)f->loc.line : 1);
		cJSON_AddItemToObject(loc, "lines", lines);
		cJSON_AddItemToObject(o, "location", loc);
		if (d->items++)
			rc |= fputs(", ", d->out) < 0;
		rc |= json_print_nested(d->out, o, 1, false);
		cJSON_Delete(o);
	}
	return rc ? -1 : 0;
}

static int cc_end(struct emit_doc *d)
{
	return fputs("]\n", d->out) < 0 ? -1 : 0;
}

const struct emitter emitter_codeclimate = { "codeclimate", cc_begin, cc_board, cc_end };
