// SPDX-License-Identifier: MIT
/* The JSON report of `cmalint runtime` (docs/runtime.md); every byte count exact (json_u64). */
#include <cjson/cJSON.h>
#include <stdlib.h>

#include "emit.h"
#include "json_util.h"
#include "runtime.h"
#include "util.h"
#include "version.h"

static cJSON *target_json(const struct rt_capture *c, const struct rt_result *r)
{
	cJSON *o = cJSON_CreateObject(), *ram = cJSON_CreateArray(), *mi = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "root", c->root);
	cJSON_AddStringToObject(o, "release", c->release);
	cJSON_AddStringToObject(o, "kernel", r->board.profile.kernel_str);
	cJSON_AddStringToObject(o, "kernel_from", r->kernel_from);
	cJSON_AddStringToObject(o, "arch", arch_name(r->board.profile.arch));
	cJSON_AddStringToObject(o, "arch_from", r->arch_from);
	json_add_u64(o, "page_size", r->page_size);
	cJSON_AddStringToObject(o, "page_size_from", r->page_size_from);
	json_add_u64(o, "cma_size_mbytes", r->board.profile.cma_size_mbytes);
	cJSON_AddStringToObject(o, "cma_size_mbytes_from", r->kconfig_from);
	cJSON_AddStringToObject(o, "cmdline", c->cmdline);
	for (size_t i = 0; i < r->nram; i++) {
		cJSON *b = cJSON_CreateObject();

		json_add_u64(b, "base", r->ram[i].base);
		json_add_u64(b, "size", r->ram[i].size);
		cJSON_AddItemToArray(ram, b);
	}
	cJSON_AddItemToObject(o, "ram", ram);
	if (r->have_kernel_range) {
		cJSON *k = cJSON_CreateObject();

		json_add_u64(k, "base", r->kernel_range.base);
		json_add_u64(k, "size", r->kernel_range.size);
		cJSON_AddItemToObject(o, "kernel_image", k);
	} else {
		cJSON_AddNullToObject(o, "kernel_image");
	}
	json_add_u64(mi, "mem_total", c->meminfo.total_kb * 1024);
	json_add_u64(mi, "cma_total", c->meminfo.cma_total_kb * 1024);
	if (c->meminfo.have_cma_free)
		json_add_u64(mi, "cma_free", c->meminfo.cma_free_kb * 1024);
	cJSON_AddItemToObject(o, "meminfo", mi);
	if (c->have_min_free_kbytes)
		json_add_u64(o, "min_free_kbytes", c->min_free_kbytes);
	else
		cJSON_AddNullToObject(o, "min_free_kbytes");
	cJSON_AddBoolToObject(o, "cma_sysfs", c->have_cma_sysfs);
	cJSON_AddBoolToObject(o, "cma_debugfs", c->have_cma_debugfs);
	return o;
}

static cJSON *check_json(const struct rt_check *k)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "name", k->name);
	cJSON_AddStringToObject(o, "actual_from", k->actual_from);
	if (k->status == RT_UNCHECKED) {
		cJSON_AddNullToObject(o, "predicted");
		cJSON_AddNullToObject(o, "actual");
	} else {
		json_add_i64(o, "predicted", k->predicted);
		json_add_i64(o, "actual", k->actual);
	}
	json_add_u64(o, "tolerance_percent", k->tolerance_pct);
	cJSON_AddStringToObject(o, "status", rt_status_name(k->status));
	return o;
}

static void add_opt_u64(cJSON *o, const char *name, bool have, uint64_t v)
{
	if (have)
		json_add_u64(o, name, v);
	else
		cJSON_AddNullToObject(o, name);
}

static cJSON *pool_json(const struct rt_pool *p)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "node", p->region->name);
	cJSON_AddStringToObject(o, "area", p->name);
	cJSON_AddStringToObject(o, "kind", region_kind_name(p->region->kind));
	add_opt_u64(o, "predicted_base", p->exact, p->base);
	add_opt_u64(o, "predicted_base_max", !p->exact && p->base_max, p->base_max);
	json_add_u64(o, "predicted_size", p->size);
	add_opt_u64(o, "actual_base", p->have_actual_base, p->actual_base);
	add_opt_u64(o, "actual_size", p->have_actual_size, p->actual_size);
	json_add_str(o, "source", p->source);
	cJSON_AddStringToObject(o, "status", rt_status_name(p->status));
	json_add_str(o, "note", p->note);
	return o;
}

char *runtime_format_json(const struct rt_capture *c, const struct rt_result *r)
{
	cJSON *doc = cJSON_CreateObject(), *tool = cJSON_CreateObject(), *checks = cJSON_CreateArray();
	cJSON *pools = cJSON_CreateArray(), *findings = cJSON_CreateArray(), *sum = cJSON_CreateObject();
	size_t e, w, i;
	char *text;

	json_add_u64(doc, "schema_version", 1);
	cJSON_AddStringToObject(tool, "name", "cmalint");
	cJSON_AddStringToObject(tool, "version", CMALINT_VERSION);
	cJSON_AddItemToObject(doc, "tool", tool);
	cJSON_AddStringToObject(doc, "command", "runtime");
	cJSON_AddItemToObject(doc, "target", target_json(c, r));
	for (size_t j = 0; j < RT_NCHECKS; j++)
		cJSON_AddItemToArray(checks, check_json(&r->checks[j]));
	cJSON_AddItemToObject(doc, "checks", checks);
	for (size_t j = 0; j < r->npools; j++)
		cJSON_AddItemToArray(pools, pool_json(&r->pools[j]));
	cJSON_AddItemToObject(doc, "pools", pools);
	for (size_t j = 0; j < r->findings.n; j++) {
		const struct finding *f = &r->findings.f[j];
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "rule", f->rule);
		cJSON_AddStringToObject(o, "severity", severity_name(f->severity));
		cJSON_AddStringToObject(o, "message", f->message);
		json_add_str(o, "node", f->node);
		cJSON_AddItemToArray(findings, o);
	}
	cJSON_AddItemToObject(doc, "findings", findings);
	cJSON_AddItemToObject(doc, "board", emit_board_json(&r->board));
	report_count(&r->board.report, &e, &w, &i);
	json_add_u64(sum, "mismatches", r->findings.n);
	json_add_u64(sum, "board_errors", e);
	json_add_u64(sum, "board_warnings", w);
	cJSON_AddItemToObject(doc, "summary", sum);
	text = cJSON_Print(doc);
	cJSON_Delete(doc);
	if (!text)
		die("out of memory");
	return text;
}
