// SPDX-License-Identifier: MIT
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_util.h"
#include "util.h"

cJSON *json_u64(uint64_t v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)v);
	return cJSON_CreateRaw(buf);
}

cJSON *json_i64(int64_t v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", (long long)v);
	return cJSON_CreateRaw(buf);
}

void json_add_u64(cJSON *obj, const char *name, uint64_t v)
{
	cJSON_AddItemToObject(obj, name, json_u64(v));
}

void json_add_i64(cJSON *obj, const char *name, int64_t v)
{
	cJSON_AddItemToObject(obj, name, json_i64(v));
}

void json_add_str(cJSON *obj, const char *name, const char *s)
{
	cJSON_AddItemToObject(obj, name, s ? cJSON_CreateString(s) : cJSON_CreateNull());
}

cJSON *json_loc(const struct srcloc *loc)
{
	cJSON *o;

	if (!loc || !loc->file)
		return cJSON_CreateNull();
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "file", loc->file);
	if (loc->line > 0)
		json_add_u64(o, "line", (uint64_t)loc->line);
	if (loc->column > 0)
		json_add_u64(o, "column", (uint64_t)loc->column);
	return o;
}

/* Length of the well-formed UTF-8 sequence at @p (at most @n bytes), 0 if there is none. */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
	size_t len;
	uint32_t cp;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		len = 2;
		cp = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3;
		cp = p[0] & 0x0f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4;
		cp = p[0] & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	/* overlong forms, UTF-16 surrogates, beyond U+10FFFF */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

static char *json_text_as(const cJSON *doc, bool compact)
{
	char *text = compact ? cJSON_PrintUnformatted(doc) : cJSON_Print(doc);
	struct strbuf sb = STRBUF_INIT;
	size_t n;

	if (!text)
		die("out of memory");
	n = strlen(text);
	for (size_t i = 0; i < n;) {
		size_t l = utf8_seq((const unsigned char *)text + i, n - i);

		if (l) {
			sb_addn(&sb, text + i, l);
			i += l;
		} else {
			sb_add(&sb, "\xef\xbf\xbd");	/* U+FFFD REPLACEMENT CHARACTER */
			i++;
		}
	}
	sb_add(&sb, "\n");
	cJSON_free(text);
	return sb_detach(&sb);
}

char *json_text(const cJSON *doc)
{
	return json_text_as(doc, false);
}

char *json_text_compact(const cJSON *doc)
{
	return json_text_as(doc, true);
}

int json_print_compact(FILE *out, cJSON *doc)
{
	char *text = json_text_as(doc, true);
	int rc;

	rc = fputs(text, out) < 0 ? -1 : 0;
	free(text);
	return rc;
}

int json_print(FILE *out, cJSON *doc)
{
	char *text = json_text(doc);
	int rc;

	rc = fputs(text, out) < 0 ? -1 : 0;
	free(text);
	return rc;
}

int json_print_nested(FILE *out, const cJSON *item, int depth, bool compact)
{
	char *text = json_text_as(item, compact);
	size_t n = strlen(text);
	int rc = 0;

	if (n && text[n - 1] == '\n')
		text[--n] = '\0';
	for (char *p = text, *nl; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl) {
			rc |= fputs(p, out) < 0;
			break;
		}
		rc |= fwrite(p, 1, (size_t)(nl - p) + 1, out) != (size_t)(nl - p) + 1;
		for (int i = 0; i < depth; i++)
			rc |= fputc('\t', out) == EOF;
	}
	free(text);
	return rc ? -1 : 0;
}
