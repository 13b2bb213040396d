// SPDX-License-Identifier: MIT
/*
 * oom_out_json.c - the OOM explainer's report as one JSON document.
 *
 * cJSON keeps numbers as doubles, which lose exactness above 2^53; every
 * byte count and address is therefore written as raw decimal text.
 */
#include "json_util.h"
#include "oom.h"
#include "util.h"
#include "version.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

static cJSON *u64(uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)v);
	return cJSON_CreateRaw(buf);
}

static cJSON *i64(long long v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%lld", v);
	return cJSON_CreateRaw(buf);
}

/* kB as bytes when the field was present, else null. */
static cJSON *kb_or_null(const struct oom_zone *z, unsigned bit, uint64_t kb)
{
	return (z->have & bit) ? u64(kb * KiB) : cJSON_CreateNull();
}

static cJSON *str_or_null(const char *s)
{
	return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static const char *source_id(enum oom_cma_source s)
{
	switch (s) {
	case OOM_CMA_SRC_CMDLINE:
		return "cmdline_or_kconfig";
	case OOM_CMA_SRC_DT:
		return "device_tree";
	case OOM_CMA_SRC_MIXED:
		return "mixed";
	default:
		return "unknown";
	}
}

static cJSON *allocation(const struct oom_report *r)
{
	cJSON *a = cJSON_CreateObject();
	char hex[SIZE_STR_MAX];
	const char *policy;

	cJSON_AddItemToObject(a, "gfp_mask", (r->have & OOM_R_GFP) ?
			      cJSON_CreateString(fmt_hex(r->gfp_mask, hex)) : cJSON_CreateNull());
	cJSON_AddItemToObject(a, "gfp_flags", str_or_null(r->gfp_flags));
	cJSON_AddItemToObject(a, "order", (r->have & OOM_R_ORDER) ? i64(r->order) : cJSON_CreateNull());
	cJSON_AddStringToObject(a, "migratetype", r->migratetype == OOM_MT_MOVABLE ? "movable" :
				r->migratetype == OOM_MT_RECLAIMABLE ? "reclaimable" : "unmovable");
	cJSON_AddBoolToObject(a, "can_use_cma", r->can_use_cma);
	if (!r->can_use_cma)
		policy = "never";
	else if (kver_ge(r->kver, 5, 8))
		policy = "preferred_when_more_than_half_free";
	else
		policy = "after_movable_lists_empty";
	cJSON_AddStringToObject(a, "cma_policy", policy);
	return a;
}

static cJSON *zone(const struct oom_zone *z)
{
	cJSON *o = cJSON_CreateObject(), *buddy;
	size_t i;

	cJSON_AddStringToObject(o, "name", z->name);
	cJSON_AddItemToObject(o, "node", z->node >= 0 ? i64(z->node) : cJSON_CreateNull());
	cJSON_AddItemToObject(o, "line", u64(z->line));
	cJSON_AddItemToObject(o, "free_bytes", kb_or_null(z, OOM_Z_FREE, z->free_kb));
	cJSON_AddItemToObject(o, "min_bytes", kb_or_null(z, OOM_Z_MIN, z->min_kb));
	cJSON_AddItemToObject(o, "low_bytes", kb_or_null(z, OOM_Z_LOW, z->low_kb));
	cJSON_AddItemToObject(o, "high_bytes", kb_or_null(z, OOM_Z_HIGH, z->high_kb));
	cJSON_AddItemToObject(o, "managed_bytes", kb_or_null(z, OOM_Z_MANAGED, z->managed_kb));
	cJSON_AddItemToObject(o, "present_bytes", kb_or_null(z, OOM_Z_PRESENT, z->present_kb));
	cJSON_AddItemToObject(o, "free_cma_bytes", kb_or_null(z, OOM_Z_FREE_CMA, z->free_cma_kb));
	if (z->v.evaluated) {
		cJSON_AddItemToObject(o, "non_cma_free_bytes", u64(z->v.non_cma_free_kb * KiB));
		cJSON_AddItemToObject(o, "lowmem_reserve_bytes", u64(z->v.reserve_kb * KiB));
		cJSON_AddItemToObject(o, "threshold_bytes", u64(z->v.threshold_kb * KiB));
		cJSON_AddBoolToObject(o, "below_min", z->v.below_min);
		cJSON_AddBoolToObject(o, "usable_by_allocation", z->v.allowed);
		cJSON_AddBoolToObject(o, "cma_more_than_half_free", z->v.cma_preferred);
	} else {
		cJSON_AddNullToObject(o, "non_cma_free_bytes");
		cJSON_AddNullToObject(o, "lowmem_reserve_bytes");
		cJSON_AddNullToObject(o, "threshold_bytes");
		cJSON_AddNullToObject(o, "below_min");
		cJSON_AddNullToObject(o, "usable_by_allocation");
		cJSON_AddNullToObject(o, "cma_more_than_half_free");
	}
	if (z->have & OOM_Z_LOWMEM) {
		cJSON *lr = cJSON_AddArrayToObject(o, "lowmem_reserve_pages");

		for (i = 0; i < z->n_lowmem_reserve; i++)
			cJSON_AddItemToArray(lr, u64(z->lowmem_reserve[i]));
	} else {
		cJSON_AddNullToObject(o, "lowmem_reserve_pages");
	}
	if (z->have & OOM_Z_BUDDY) {
		buddy = cJSON_AddObjectToObject(o, "buddy");
		cJSON *orders = cJSON_AddArrayToObject(buddy, "orders");

		for (i = 0; i < z->n_orders; i++) {
			cJSON *e = cJSON_CreateObject();

			cJSON_AddItemToObject(e, "block_bytes", u64(z->buddy_kb[i] * KiB));
			cJSON_AddItemToObject(e, "count", u64(z->buddy_count[i]));
			cJSON_AddItemToArray(orders, e);
		}
		cJSON_AddItemToObject(buddy, "total_bytes", u64(z->buddy_total_kb * KiB));
	} else {
		cJSON_AddNullToObject(o, "buddy");
	}
	return o;
}

static cJSON *cma(const struct oom_report *r, const struct oom_boot *b)
{
	cJSON *c = cJSON_CreateObject(), *areas;
	size_t i;

	cJSON_AddItemToObject(c, "reserved_bytes", r->cma_from ? u64(r->cma_bytes) : cJSON_CreateNull());
	cJSON_AddItemToObject(c, "reserved_from", str_or_null(r->cma_from));
	cJSON_AddStringToObject(c, "source", source_id(r->cma_source));
	cJSON_AddItemToObject(c, "base", r->have_cma_base ? u64(r->cma_base) : cJSON_CreateNull());
	cJSON_AddItemToObject(c, "granule_bytes", r->granule ? u64(r->granule) : cJSON_CreateNull());
	areas = cJSON_AddArrayToObject(c, "areas");
	for (i = 0; i < b->n_areas; i++) {
		cJSON *a = cJSON_CreateObject();

		cJSON_AddStringToObject(a, "source", source_id(b->areas[i].source));
		cJSON_AddItemToObject(a, "node", str_or_null(b->areas[i].node));
		cJSON_AddItemToObject(a, "base", u64(b->areas[i].base));
		cJSON_AddItemToObject(a, "size", u64(b->areas[i].size));
		cJSON_AddStringToObject(a, "kernel_message", b->areas[i].line);
		cJSON_AddItemToArray(areas, a);
	}
	return c;
}

static cJSON *opt_u64(const struct oom_report *r, unsigned bit, uint64_t v)
{
	return (r->have & bit) ? u64(v) : cJSON_CreateNull();
}

/* The report's own totals, in the units the kernel printed (pages). */
static cJSON *counters(const struct oom_report *r)
{
	cJSON *c = cJSON_CreateObject(), *hp;
	size_t i;

	cJSON_AddItemToObject(c, "meminfo_free_pages", opt_u64(r, OOM_R_MEMINFO_FREE, r->meminfo_free));
	cJSON_AddItemToObject(c, "meminfo_free_cma_pages",
			      opt_u64(r, OOM_R_MEMINFO_FREE_CMA, r->meminfo_free_cma));
	cJSON_AddItemToObject(c, "pages_ram", opt_u64(r, OOM_R_PAGES_RAM, r->pages_ram));
	cJSON_AddItemToObject(c, "pages_reserved", opt_u64(r, OOM_R_PAGES_RESERVED, r->pages_reserved));
	cJSON_AddItemToObject(c, "pages_cma_reserved", opt_u64(r, OOM_R_PAGES_CMA, r->pages_cma));
	cJSON_AddItemToObject(c, "pages_highmem", opt_u64(r, OOM_R_PAGES_HIGHMEM, r->pages_highmem));
	hp = cJSON_AddArrayToObject(c, "hugepage_sizes_bytes");
	for (i = 0; i < r->n_hugepage; i++)
		cJSON_AddItemToArray(hp, u64(r->hugepage_kb[i] * KiB));
	return c;
}

static cJSON *report(const struct oom_report *r, const struct oom_log *log, size_t sum[3])
{
	cJSON *o = cJSON_CreateObject(), *arr, *assumed, *s;
	size_t i, n[3] = { 0, 0, 0 };

	cJSON_AddStringToObject(o, "input", r->file);
	cJSON_AddItemToObject(o, "line", u64(r->line));
	cJSON_AddStringToObject(o, "comm", r->comm);
	cJSON_AddItemToObject(o, "allocation", allocation(r));
	cJSON_AddItemToObject(o, "page_size", u64(r->page_size));
	cJSON_AddStringToObject(o, "page_size_from", r->page_size_from);
	cJSON_AddStringToObject(o, "kernel", r->kernel);
	cJSON_AddStringToObject(o, "kernel_from", r->kernel_from);
	assumed = cJSON_AddArrayToObject(o, "assumed");
	if (!strcmp(r->kernel_from, "assumed"))
		cJSON_AddItemToArray(assumed, cJSON_CreateString("kernel"));
	if (!strcmp(r->page_size_from, "assumed"))
		cJSON_AddItemToArray(assumed, cJSON_CreateString("page_size"));
	cJSON_AddItemToObject(o, "ram_bytes", r->ram_bytes ? u64(r->ram_bytes) : cJSON_CreateNull());
	cJSON_AddItemToObject(o, "counters", counters(r));
	arr = cJSON_AddArrayToObject(o, "zones");
	for (i = 0; i < r->n_zones; i++)
		cJSON_AddItemToArray(arr, zone(&r->zones[i]));
	cJSON_AddItemToObject(o, "cma", cma(r, &log->boot));
	cJSON_AddItemToObject(o, "verdict", str_or_null(r->verdict));
	arr = cJSON_AddArrayToObject(o, "findings");
	for (i = 0; i < r->findings.n; i++) {
		const struct finding *f = &r->findings.f[i];
		cJSON *e = cJSON_CreateObject();

		cJSON_AddStringToObject(e, "rule", f->rule);
		cJSON_AddStringToObject(e, "severity", severity_name(f->severity));
		cJSON_AddStringToObject(e, "message", f->message);
		cJSON_AddItemToObject(e, "zone", str_or_null(f->node));
		cJSON_AddItemToObject(e, "kernel_message", str_or_null(f->kernel_message));
		cJSON_AddItemToArray(arr, e);
		n[f->severity == SEV_ERROR ? 0 : f->severity == SEV_WARNING ? 1 : 2]++;
	}
	arr = cJSON_AddArrayToObject(o, "advice");
	for (i = 0; i < r->n_advice; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(r->advice[i]));
	cJSON_AddBoolToObject(o, "incomplete", r->incomplete);
	cJSON_AddItemToObject(o, "missing", str_or_null(r->missing));
	s = cJSON_AddObjectToObject(o, "summary");
	cJSON_AddItemToObject(s, "errors", u64(n[0]));
	cJSON_AddItemToObject(s, "warnings", u64(n[1]));
	cJSON_AddItemToObject(s, "infos", u64(n[2]));
	for (i = 0; i < 3; i++)
		sum[i] += n[i];
	return o;
}

char *oom_format_json(const struct oom_log *log)
{
	cJSON *root = cJSON_CreateObject(), *tool, *arr, *s;
	size_t i, sum[3] = { 0, 0, 0 };
	char *out;

	cJSON_AddItemToObject(root, "schema_version", u64(1));
	tool = cJSON_AddObjectToObject(root, "tool");
	cJSON_AddStringToObject(tool, "name", "cmalint");
	cJSON_AddStringToObject(tool, "version", CMALINT_VERSION);
	arr = cJSON_AddArrayToObject(root, "inputs");
	for (i = 0; i < log->n_inputs; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(log->inputs[i]));
	s = cJSON_AddObjectToObject(root, "boot");
	cJSON_AddItemToObject(s, "linux_version", str_or_null(log->boot.version));
	if (log->boot.have_memory) {
		cJSON *m = cJSON_AddObjectToObject(s, "memory");

		cJSON_AddItemToObject(m, "available_bytes", u64(log->boot.mem_available_kb * KiB));
		cJSON_AddItemToObject(m, "total_bytes", u64(log->boot.mem_total_kb * KiB));
		cJSON_AddItemToObject(m, "cma_reserved_bytes", u64(log->boot.mem_cma_kb * KiB));
		cJSON_AddStringToObject(m, "kernel_message", log->boot.memory_line);
	} else {
		cJSON_AddNullToObject(s, "memory");
	}
	arr = cJSON_AddArrayToObject(root, "reports");
	for (i = 0; i < log->n_reports; i++)
		cJSON_AddItemToArray(arr, report(&log->reports[i], log, sum));
	s = cJSON_AddObjectToObject(root, "summary");
	cJSON_AddItemToObject(s, "reports", u64(log->n_reports));
	cJSON_AddItemToObject(s, "errors", u64(sum[0]));
	cJSON_AddItemToObject(s, "warnings", u64(sum[1]));
	cJSON_AddItemToObject(s, "infos", u64(sum[2]));
	out = json_text(root);
	cJSON_Delete(root);
	return out;
}
