// SPDX-License-Identifier: MIT
/*
 * SARIF 2.1.0 for GitHub code scanning: one result per finding, each with
 * a physical location (the DTS line when known, else line 1 of the input),
 * the node path as a logical location and a fingerprint that does not
 * depend on lines (lint/run/fingerprint.h).
 */
#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "fingerprint.h"
#include "json_util.h"
#include "util.h"
#include "version.h"

static const char *level(enum severity s)
{
	return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "note";
}

static cJSON *text_obj(const char *text)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "text", text);
	return o;
}

/* A relative path as a URI reference: percent-encode all but unreserved characters and '/'. */
static char *path_uri(const char *path)
{
	struct strbuf sb = STRBUF_INIT;

	while (path[0] == '.' && path[1] == '/')
		path += 2;
	if (path[0] == '/')
		sb_add(&sb, "file://");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (isalnum(*p) || strchr("-._~/", *p))
			sb_addn(&sb, (const char *)p, 1);
		else
			sb_addf(&sb, "%%%02X", *p);
	}
	if (!sb.buf)
		sb_add(&sb, "");
	return sb_detach(&sb);
}

/* The rule page's first paragraph after its title, or NULL. */
static char *first_paragraph(const char *md)
{
	const char *p = md, *end;

	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);

		if (len && p[0] != '#') {
			end = strstr(p, "\n\n");
			len = end ? (size_t)(end - p) : strlen(p);
			while (len && (p[len - 1] == '\n' || p[len - 1] == ' '))
				len--;
			return xstrndup(p, len);
		}
		if (!eol)
			break;
		p = eol + 1;
	}
	return NULL;
}

#define SARIF_SCHEMA_URI \
	"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

#ifndef CMALINT_HELP_URI
#define CMALINT_HELP_URI "file:///usr/local/share/doc/cmalint/rules/"
#endif

/*
 * A rule carries its id (no "name": it would repeat the id), its summary
 * (shortDescription), the first paragraph of
 * its page (fullDescription) and a help line that says where the page is:
 * helpUri, `cmalint explain`, cmalint(1). The pages themselves stay out of
 * the log, which would otherwise weigh over 100 KB for two findings.
 */
static cJSON *rules_json(unsigned passes)
{
	cJSON *arr = cJSON_CreateArray();

	for (size_t i = 0; i < rule_count; i++) {
		const struct rule *r = &rule_table[i];

		if (!(r->pass & passes))
			continue;
		const char *doc = rule_doc(r->id);
		char *full = doc ? first_paragraph(doc) : NULL;
		cJSON *o = cJSON_CreateObject(), *help = cJSON_CreateObject(), *cfg = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "id", r->id);
		cJSON_AddItemToObject(o, "shortDescription", text_obj(r->summary));
		cJSON_AddItemToObject(o, "fullDescription", text_obj(full ? full : r->summary));
		char *uri = xasprintf("%s%s.md", CMALINT_HELP_URI, r->id);
		/* the address is helpUri's: not repeated in every rule's text */
		char *short_help = xasprintf("The rule's page: `cmalint explain %s`, man cmalint, or helpUri.",
					     r->id);

		cJSON_AddStringToObject(help, "text", short_help);
		cJSON_AddItemToObject(o, "help", help);
		cJSON_AddStringToObject(o, "helpUri", uri);
		free(short_help);
		free(uri);
		cJSON_AddStringToObject(cfg, "level", level(r->severity));
		cJSON_AddItemToObject(o, "defaultConfiguration", cfg);
		cJSON_AddItemToArray(arr, o);
		free(full);
	}
	return arr;
}

/* The index of rule @id in the document's rule list (rules_json's order). */
static size_t rule_index(const char *id, unsigned passes)
{
	size_t k = 0;

	for (size_t i = 0; i < rule_count; i++) {
		if (!(rule_table[i].pass & passes))
			continue;
		if (!strcmp(rule_table[i].id, id))
			return k;
		k++;
	}
	return 0;
}

static cJSON *result_json(const struct board_result *r, size_t i, unsigned passes)
{
	const struct finding *f = &r->report.f[i];
	cJSON *o = cJSON_CreateObject(), *locs = cJSON_CreateArray(), *loc = cJSON_CreateObject();
	cJSON *phys = cJSON_CreateObject(), *art = cJSON_CreateObject(), *region = cJSON_CreateObject();
	cJSON *fp = cJSON_CreateObject(), *props = cJSON_CreateObject();
	bool have_line = f->loc.file && f->loc.line > 0;
	char *uri = path_uri(f->loc.file ? f->loc.file : r->input);
	char print[FINGERPRINT_LEN];

	cJSON_AddStringToObject(o, "ruleId", f->rule);
	json_add_u64(o, "ruleIndex", rule_index(f->rule, passes));
	cJSON_AddStringToObject(o, "level", level(f->severity));
	cJSON_AddItemToObject(o, "message", text_obj(f->message));
	cJSON_AddStringToObject(art, "uri", uri);
	free(uri);
	cJSON_AddItemToObject(phys, "artifactLocation", art);
	json_add_u64(region, "startLine", have_line ? (uint64_t)f->loc.line : 1);
	if (have_line && f->loc.column > 0)
		json_add_u64(region, "startColumn", (uint64_t)f->loc.column);
	cJSON_AddItemToObject(phys, "region", region);
	cJSON_AddItemToObject(loc, "physicalLocation", phys);
	if (f->node) {
		cJSON *logs = cJSON_CreateArray(), *l = cJSON_CreateObject();

		cJSON_AddStringToObject(l, "fullyQualifiedName", f->node);
		cJSON_AddStringToObject(l, "kind", "element");
		cJSON_AddItemToArray(logs, l);
		cJSON_AddItemToObject(loc, "logicalLocations", logs);
	}
	cJSON_AddItemToArray(locs, loc);
	cJSON_AddItemToObject(o, "locations", locs);
	finding_fingerprint(r, i, print);
	cJSON_AddStringToObject(fp, "cmalintFingerprint/v1", print);
	cJSON_AddItemToObject(o, "partialFingerprints", fp);
	cJSON_AddStringToObject(props, "board", r->input);
	json_add_str(props, "node", f->node);
	json_add_str(props, "property", f->property);
	json_add_str(props, "kernelMessage", f->kernel_message);
	cJSON_AddItemToObject(o, "properties", props);
	return o;
}

/*
 * The results are spooled: the run's invocation (whether every input was
 * read, and the notifications of those that were not) comes before them.
 */
struct sarif_state {
	struct spool results;
	cJSON *notes;
};

static int sarif_begin(struct emit_doc *d)
{
	struct sarif_state *st = xcalloc(1, sizeof(*st));

	d->st = st;
	st->notes = cJSON_CreateArray();
	return spool_open(&st->results);
}

static int sarif_board(struct emit_doc *d, const struct board_result *r)
{
	struct sarif_state *st = d->st;
	int rc = 0;

	if (r->error) {
		cJSON *n = cJSON_CreateObject();

		cJSON_AddStringToObject(n, "level", "error");
		cJSON_AddItemToObject(n, "message", text_obj(r->error));
		cJSON_AddItemToArray(st->notes, n);
		return 0;
	}
	for (size_t i = 0; i < r->report.n; i++) {
		cJSON *o = result_json(r, i, d->passes);

		if (d->items++)
			rc |= fputc(',', st->results.f) == EOF;
		rc |= json_print_nested(st->results.f, o, 0, true);
		cJSON_Delete(o);
	}
	return rc ? -1 : 0;
}

/* The document with an empty results array, split there, the spooled results in between. */
static int sarif_end(struct emit_doc *d)
{
	struct sarif_state *st = d->st;
	cJSON *doc = cJSON_CreateObject(), *runs = cJSON_CreateArray(), *r0 = cJSON_CreateObject();
	cJSON *tool = cJSON_CreateObject(), *driver = cJSON_CreateObject();
	cJSON *inv = cJSON_CreateObject(), *invs = cJSON_CreateArray();
	static const char mark[] = "\"results\":[]";
	char *text, *at = NULL;
	int rc = 0;

	/* the OASIS schema (errata 01) that tests/t-sarif.sh validates against */
	cJSON_AddStringToObject(doc, "$schema", SARIF_SCHEMA_URI);
	cJSON_AddStringToObject(doc, "version", "2.1.0");
	cJSON_AddStringToObject(driver, "name", "cmalint");
	cJSON_AddStringToObject(driver, "version", CMALINT_VERSION);
	cJSON_AddStringToObject(driver, "semanticVersion", CMALINT_VERSION);
	cJSON_AddItemToObject(driver, "rules", rules_json(d->passes));
	cJSON_AddItemToObject(tool, "driver", driver);
	cJSON_AddItemToObject(r0, "tool", tool);
	cJSON_AddBoolToObject(inv, "executionSuccessful", cJSON_GetArraySize(st->notes) == 0);
	cJSON_AddItemToObject(inv, "toolExecutionNotifications", st->notes);
	cJSON_AddItemToArray(invs, inv);
	cJSON_AddItemToObject(r0, "invocations", invs);
	cJSON_AddItemToObject(r0, "results", cJSON_CreateArray());
	cJSON_AddStringToObject(r0, "columnKind", "unicodeCodePoints");
	cJSON_AddItemToArray(runs, r0);
	cJSON_AddItemToObject(doc, "runs", runs);
	/* machine-read: no indentation, which would add a fifth to the size */
	text = json_text_compact(doc);
	cJSON_Delete(doc);
	/* the last one: a message of the invocation cannot hold an unescaped quote */
	for (char *p = strstr(text, mark); p; p = strstr(p + 1, mark))
		at = p;
	if (!d->rc && at) {
		at += sizeof(mark) - 2;	/* at the ']' */
		rc |= fwrite(text, 1, (size_t)(at - text), d->out) != (size_t)(at - text);
		rc |= spool_copy(&st->results, d->out);
		rc |= fputs(at, d->out) < 0;
	} else {
		rc = -1;
	}
	free(text);
	spool_close(&st->results);
	free(st);
	d->st = NULL;
	return rc ? -1 : 0;
}

const struct emitter emitter_sarif = { "sarif", sarif_begin, sarif_board, sarif_end };
