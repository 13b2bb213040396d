// SPDX-License-Identifier: MIT
#include <stdio.h>
#include <stdlib.h>

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

int json_print(FILE *out, cJSON *doc)
{
	char *text = cJSON_Print(doc);
	int rc;

	if (!text)
		die("out of memory");
	rc = fputs(text, out) < 0 || fputc('\n', out) == EOF ? -1 : 0;
	free(text);
	return rc;
}
