// SPDX-License-Identifier: MIT
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "fuzz_util.h"
#include "run.h"

/* What libfdt sees: children of /reserved-memory and /memreserve/ entries up to the first empty one. */
static void fdt_counts(const void *fdt, size_t *children, size_t *rsv)
{
	int node = fdt_path_offset(fdt, "/reserved-memory"), child;

	*children = *rsv = 0;
	if (node >= 0)
		fdt_for_each_subnode(child, fdt, node)
			++*children;
	for (int i = 0, n = fdt_num_mem_rsv(fdt); i < n; i++) {
		uint64_t a, s;

		if (fdt_get_mem_rsv(fdt, i, &a, &s) < 0 || !s)
			break;
		++*rsv;
	}
}

static char *emit_to_string(const struct emitter *em, const struct emit_run *run, size_t *len)
{
	char *text = NULL;
	FILE *f = open_memstream(&text, len);

	FUZZ_CHECK(f, "open_memstream failed");
	FUZZ_CHECK(emit_whole(em, f, run) == 0, "an emitter failed");
	FUZZ_CHECK(fclose(f) == 0, "fclose failed");
	return text;
}

static size_t json_count(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

	FUZZ_CHECK(v && cJSON_IsRaw(v) == 0 && cJSON_IsNumber(v), "summary.%s is not a number", name);
	return (size_t)v->valuedouble;
}

static void check_report(const cJSON *doc, const struct board_result *res, const void *fdt)
{
	const cJSON *board = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc, "boards"), 0);
	const cJSON *mem = cJSON_GetObjectItemCaseSensitive(board, "memory");
	const cJSON *regions = cJSON_GetObjectItemCaseSensitive(mem, "regions"), *r;
	const cJSON *findings = cJSON_GetObjectItemCaseSensitive(board, "findings");
	const cJSON *sum = cJSON_GetObjectItemCaseSensitive(board, "summary");
	size_t nodes = 0, rsv = 0, children, fdt_rsv;

	FUZZ_CHECK(cJSON_IsArray(regions) && cJSON_IsArray(findings) && sum, "the report lacks regions or findings");
	cJSON_ArrayForEach(r, regions) {
		const char *origin = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(r, "origin"));
		const cJSON *size = cJSON_GetObjectItemCaseSensitive(r, "size");

		FUZZ_CHECK(origin && cJSON_IsNumber(size), "a region without origin or size");
		if (!strcmp(origin, "reg") || !strcmp(origin, "size"))
			nodes++;
		else if (!strcmp(origin, "memreserve"))
			rsv++;
	}
	fdt_counts(fdt, &children, &fdt_rsv);
	FUZZ_CHECK(nodes == children, "the report has %zu regions from nodes, libfdt sees %zu children", nodes,
		   children);
	FUZZ_CHECK(rsv == fdt_rsv, "the report has %zu /memreserve/ regions, libfdt sees %zu", rsv, fdt_rsv);
	FUZZ_CHECK(json_count(sum, "errors") + json_count(sum, "warnings") + json_count(sum, "infos") ==
		   (size_t)cJSON_GetArraySize(findings) && (size_t)cJSON_GetArraySize(findings) == res->report.n,
		   "summary counts do not add up to the findings");
}

void fuzz_lint(struct board_result *res, const struct run_opts *o, const void *fdt)
{
	struct emit_run run = { .boards = res, .nboards = 1, .passes = PASSES_CHECK };
	size_t len;
	char *text;
	cJSON *doc;

	lint_loaded_board(res, o);
	if (res->error) {
		fuzz_check_error(res->error);
		board_result_release(res);
		return;
	}
	for (size_t i = 0; i < res->kmodel.nregions; i++) {
		const struct kregion *k = &res->kmodel.regions[i];
		uint64_t end;

		FUZZ_CHECK(!k->has_base || range_end(k->base, k->size, &end), "region '%s' wraps past 2^64",
			   k->name);
	}
	text = emit_to_string(&emitter_json, &run, &len);
	doc = fuzz_parse_json(text, len);
	check_report(doc, res, fdt);
	cJSON_Delete(doc);
	free(text);
	free(emit_to_string(&emitter_text, &run, &len));
	board_result_release(res);
}
