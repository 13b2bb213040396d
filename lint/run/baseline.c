// SPDX-License-Identifier: MIT
/* The baseline file: read, write, match. */
#include "baseline.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fingerprint.h"
#include "json_util.h"
#include "util.h"

#define BASELINE_MAX_SIZE ((size_t)64 << 20)
#define BASELINE_MAX_ENTRIES 1000000

static int nullcmp(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

/* A string member, or null/absent when @nullable; -1 when of another type. */
static int member_str(const cJSON *o, const char *name, bool nullable, char **out)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, name);

	*out = NULL;
	if (!m || cJSON_IsNull(m))
		return nullable ? 0 : -1;
	if (!cJSON_IsString(m) || !m->valuestring || (!nullable && !*m->valuestring))
		return -1;
	*out = xstrdup(m->valuestring);
	return 0;
}

int baseline_load(struct baseline *b, const char *path, char *err, size_t errlen)
{
	size_t len, i = 0;
	char *text;
	cJSON *doc, *ver, *arr, *o;
	int rc = -1;

	memset(b, 0, sizeof(*b));
	b->path = xstrdup(path);
	text = read_file(path, BASELINE_MAX_SIZE, &len);
	if (!text) {
		snprintf(err, errlen, "'%s': cannot read the baseline: %s", path,
			 errno == EFBIG ? "larger than 64 MiB" : strerror(errno));
		baseline_release(b);
		return -1;
	}
	doc = cJSON_ParseWithLength(text, len);
	free(text);
	if (!doc || !cJSON_IsObject(doc)) {
		snprintf(err, errlen, "'%s': not a baseline (expected a JSON object with \"version\" and \"findings\")",
			 path);
		goto out;
	}
	ver = cJSON_GetObjectItemCaseSensitive(doc, "version");
	if (!cJSON_IsNumber(ver) || ver->valuedouble != 1) {
		snprintf(err, errlen, "'%s': 'version' must be 1", path);
		goto out;
	}
	arr = cJSON_GetObjectItemCaseSensitive(doc, "findings");
	if (!cJSON_IsArray(arr)) {
		snprintf(err, errlen, "'%s': 'findings' must be a list", path);
		goto out;
	}
	cJSON_ArrayForEach(o, arr) {
		struct baseline_entry e = { 0 };
		const char *bad = NULL;

		if (i >= BASELINE_MAX_ENTRIES) {
			snprintf(err, errlen, "'%s': more than %d entries", path, BASELINE_MAX_ENTRIES);
			goto out;
		}
		if (!cJSON_IsObject(o))
			bad = "";
		else if (member_str(o, "rule", false, &e.rule))
			bad = ".rule";
		else if (member_str(o, "board", false, &e.board))
			bad = ".board";
		else if (member_str(o, "node", true, &e.node))
			bad = ".node";
		else if (member_str(o, "property", true, &e.property))
			bad = ".property";
		else if (member_str(o, "message", true, &e.message))
			bad = ".message";
		if (bad) {
			free(e.rule);
			free(e.board);
			free(e.node);
			free(e.property);
			free(e.message);
			if (!*bad)
				snprintf(err, errlen, "'%s': 'findings[%zu]' must be an object", path, i);
			else
				snprintf(err, errlen, "'%s': 'findings[%zu]%s' must be a %sstring", path, i, bad,
					 !strcmp(bad, ".rule") || !strcmp(bad, ".board") ? "non-empty " : "");
			goto out;
		}
		*ARRAY_PUSH(b->e, b->n, b->cap) = e;
		i++;
	}
	rc = 0;
out:
	cJSON_Delete(doc);
	if (rc)
		baseline_release(b);
	return rc;
}

void baseline_release(struct baseline *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->e[i].rule);
		free(b->e[i].board);
		free(b->e[i].node);
		free(b->e[i].property);
		free(b->e[i].message);
	}
	free(b->e);
	free(b->path);
	memset(b, 0, sizeof(*b));
}

struct row {
	const char *rule, *board, *node, *property, *message;
};

static int cmp_row(const void *x, const void *y)
{
	const struct row *a = x, *b = y;
	int c;

	if ((c = strcmp(a->board, b->board)) || (c = strcmp(a->rule, b->rule)) ||
	    (c = nullcmp(a->node, b->node)) || (c = nullcmp(a->property, b->property)))
		return c;
	return strcmp(a->message, b->message);
}

int baseline_write(const char *path, const struct board_result *boards, size_t nboards, char *err,
		   size_t errlen)
{
	const struct board_result **list = xcalloc(nboards ? nboards : 1, sizeof(*list));
	int rc;

	for (size_t i = 0; i < nboards; i++)
		list[i] = &boards[i];
	rc = baseline_write_list(path, list, nboards, err, errlen);
	free(list);
	return rc;
}

int baseline_write_list(const char *path, const struct board_result *const *boards, size_t nboards,
			char *err, size_t errlen)
{
	struct row *rows = NULL;
	size_t n = 0, cap = 0;
	cJSON *doc = cJSON_CreateObject(), *arr = cJSON_CreateArray();
	FILE *out;
	int rc = 0;

	for (size_t i = 0; i < nboards; i++) {
		const struct board_result *r = boards[i];

		if (r->error)
			continue;
		for (size_t j = 0; j < r->report.n; j++) {
			const struct finding *f = &r->report.f[j];

			if (rule_is_late(f->rule))
				continue;
			*ARRAY_PUSH(rows, n, cap) = (struct row){ f->rule, board_key(r->input), f->node,
								  f->property, f->message };
		}
	}
	if (n)
		sort_array(rows, n, sizeof(*rows), cmp_row);
	json_add_u64(doc, "version", 1);
	for (size_t i = 0; i < n; i++) {
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "rule", rows[i].rule);
		cJSON_AddStringToObject(o, "board", rows[i].board);
		json_add_str(o, "node", rows[i].node);
		json_add_str(o, "property", rows[i].property);
		cJSON_AddStringToObject(o, "message", rows[i].message);
		cJSON_AddItemToArray(arr, o);
	}
	cJSON_AddItemToObject(doc, "findings", arr);
	free(rows);
	out = fopen(path, "w");
	if (!out) {
		snprintf(err, errlen, "cannot write the baseline '%s': %s", path, strerror(errno));
		rc = -1;
	} else if (json_print(out, doc) | fclose(out)) {
		snprintf(err, errlen, "cannot write the baseline '%s'", path);
		rc = -1;
	}
	cJSON_Delete(doc);
	return rc;
}

struct apply_arg {
	struct baseline *b;
	const char *board;
	bool same_message;
};

static struct baseline_entry *find_entry(struct baseline *b, const char *board, const struct finding *f,
					 bool same_message)
{
	for (size_t i = 0; i < b->n; i++) {
		struct baseline_entry *e = &b->e[i];

		if (e->used || strcmp(e->rule, f->rule) || strcmp(e->board, board) ||
		    nullcmp(e->node, f->node) || nullcmp(e->property, f->property))
			continue;
		if (same_message && nullcmp(e->message, f->message))
			continue;
		return e;
	}
	return NULL;
}

static bool drop_baselined(const struct finding *f, void *arg)
{
	struct apply_arg *a = arg;
	struct baseline_entry *e;

	if (rule_is_late(f->rule))
		return false;
	e = find_entry(a->b, a->board, f, a->same_message);
	if (!e)
		return false;
	e->used = true;
	return true;
}

size_t baseline_apply(struct baseline *b, struct board_result *res)
{
	struct apply_arg a = { b, board_key(res->input), true };
	size_t n;

	/* Exact messages first, so a changed message cannot take another finding's entry. */
	n = report_filter(&res->report, drop_baselined, &a);
	a.same_message = false;
	return n + report_filter(&res->report, drop_baselined, &a);
}
