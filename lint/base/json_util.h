/* SPDX-License-Identifier: MIT */
/* json_util.h - cJSON helpers that keep 64-bit integers exact. */
#ifndef CMALINT_JSON_UTIL_H
#define CMALINT_JSON_UTIL_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "srcloc.h"

/* cJSON numbers are doubles: write integers as raw decimal text instead. */
cJSON *json_u64(uint64_t v);
cJSON *json_i64(int64_t v);
void json_add_u64(cJSON *obj, const char *name, uint64_t v);
void json_add_i64(cJSON *obj, const char *name, int64_t v);
/* A string, or null for NULL. */
void json_add_str(cJSON *obj, const char *name, const char *s);
/* {"file","line","column"} or null. */
cJSON *json_loc(const struct srcloc *loc);
/*
 * json_text - @doc as allocated text with a trailing newline. Bytes that
 * are not well-formed UTF-8 (node names, command lines and log lines may
 * hold any) become U+FFFD, so the document is always valid JSON.
 */
char *json_text(const cJSON *doc);
/* The same on one line (no indentation), then a newline. */
char *json_text_compact(const cJSON *doc);
/* Print @doc to @out as json_text() does; 0 or -1. */
int json_print(FILE *out, cJSON *doc);
/* The same without indentation or line breaks inside (one line, then a newline). */
int json_print_compact(FILE *out, cJSON *doc);
/*
 * json_print_nested - @item as it appears @depth levels deep inside a
 * document json_print() (or, @compact, json_print_compact()) writes: its
 * inner lines indented by @depth more tabs, no newline after it. A
 * document written piece by piece is then the bytes of the whole.
 */
int json_print_nested(FILE *out, const cJSON *item, int depth, bool compact);

#endif
