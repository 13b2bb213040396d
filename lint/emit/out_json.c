// SPDX-License-Identifier: MIT
/* The JSON report of docs/contract.md (schema_version 1). */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "emit.h"
#include "json_util.h"
#include "util.h"
#include "version.h"

static cJSON *profile_json(const struct board_result *r)
{
	const struct profile *p = &r->profile;
	cJSON *o = cJSON_CreateObject(), *assumed = cJSON_CreateArray(), *src = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "kernel", p->kernel_str);
	cJSON_AddStringToObject(o, "arch", arch_name(p->arch));
	json_add_u64(o, "page_size", p->page_size);
	json_add_u64(o, "cma_granule", p->cma_granule);
	if (p->arch == ARCH_ARM)
		json_add_u64(o, "page_offset", p->arm_page_offset);
	if (p->nommu)
		cJSON_AddBoolToObject(o, "nommu", true);
	cJSON_AddBoolToObject(o, "boot_confirmed", profile_boot_confirmed(p, NULL, 0));
	if (p->kernel_src == SRC_DEFAULT)
		cJSON_AddItemToArray(assumed, cJSON_CreateString("kernel"));
	if (p->arch_src == SRC_DEFAULT)
		cJSON_AddItemToArray(assumed, cJSON_CreateString("arch"));
	if (p->page_size_src == SRC_DEFAULT)
		cJSON_AddItemToArray(assumed, cJSON_CreateString("page_size"));
	if (!board_ram_known(&r->board))
		cJSON_AddItemToArray(assumed, cJSON_CreateString("ram"));
	if (p->cma_size_mbytes_src == SRC_DEFAULT)
		cJSON_AddItemToArray(assumed, cJSON_CreateString("cma_size_mbytes"));
	cJSON_AddItemToObject(o, "assumed", assumed);
	cJSON_AddStringToObject(src, "kernel", vsource_name(p->kernel_src));
	cJSON_AddStringToObject(src, "arch", vsource_name(p->arch_src));
	if (p->arch_evidence)
		cJSON_AddStringToObject(src, "arch_evidence", p->arch_evidence);
	cJSON_AddStringToObject(src, "page_size", vsource_name(p->page_size_src));
	cJSON_AddStringToObject(src, "cma_size_mbytes", vsource_name(p->cma_size_mbytes_src));
	cJSON_AddStringToObject(src, "ram", vsource_name(r->ram_src));
	cJSON_AddStringToObject(src, "cma", vsource_name(p->cma_src));
	cJSON_AddStringToObject(src, "cma_size_percentage", vsource_name(p->cma_size_percentage_src));
	cJSON_AddStringToObject(src, "cma_size_sel", vsource_name(p->cma_size_sel_src));
	cJSON_AddStringToObject(src, "cma_areas", vsource_name(p->cma_areas_src));
	cJSON_AddStringToObject(src, "hugetlb", vsource_name(p->hugetlb_src));
	cJSON_AddStringToObject(src, "thp", vsource_name(p->thp_src));
	cJSON_AddStringToObject(src, "lpae", vsource_name(p->lpae_src));
	cJSON_AddStringToObject(src, "highmem", vsource_name(p->highmem_src));
	if (p->arch == ARCH_ARM)
		cJSON_AddStringToObject(src, "page_offset", vsource_name(p->arm_page_offset_src));
	cJSON_AddStringToObject(src, "zone_dma", vsource_name(p->zone_dma_src));
	cJSON_AddStringToObject(src, "force_max_order", vsource_name(p->force_max_order_src));
	cJSON_AddStringToObject(src, "numa", vsource_name(p->numa_src));
	cJSON_AddStringToObject(src, "config_cmdline", vsource_name(p->config_cmdline_src));
	if (p->kconfig_name)
		cJSON_AddStringToObject(src, "kconfig_file", p->kconfig_name);
	cJSON_AddItemToObject(o, "sources", src);
	json_add_u64(o, "max_order", p->max_order);
	json_add_u64(o, "pageblock_order", p->pageblock_order);
	json_add_u64(o, "cma_size_mbytes", p->cma_size_mbytes);
	json_add_u64(o, "max_reserved_regions", p->max_reserved_regions);
	json_add_u64(o, "max_cma_areas", p->max_cma_areas);
	return o;
}

/* The devices whose memory-region lists @n: device, entry index and name, status, IOMMU, DMA window. */
static cJSON *consumers_json(const struct board *b, const struct rmem_node *n)
{
	cJSON *a = cJSON_CreateArray();
	int idx = (int)(n - b->nodes);

	for (size_t i = 0; i < b->nusers; i++) {
		const struct region_user *u = &b->users[i];

		for (unsigned j = 0; j < u->nregions; j++) {
			cJSON *c;

			if (u->target[j] != idx)
				continue;
			c = cJSON_CreateObject();
			cJSON_AddStringToObject(c, "device", u->path);
			json_add_u64(c, "index", j);
			json_add_str(c, "name", j < u->nnames ? u->names[j] : NULL);
			json_add_str(c, "status", u->status);
			cJSON_AddBoolToObject(c, "enabled", u->available);
			cJSON_AddBoolToObject(c, "iommu", u->iommu);
			if (u->has_dma_window) {
				cJSON *w = cJSON_CreateObject();

				json_add_u64(w, "base", u->dma_lo);
				json_add_u64(w, "end", u->dma_hi);
				cJSON_AddStringToObject(w, "from", u->dma_from);
				/* disjoint entries: the hull above has gaps the device cannot reach */
				if (u->ndma_win > 1) {
					cJSON *ws = cJSON_CreateArray();

					for (unsigned k = 0; k < u->ndma_win; k++) {
						cJSON *e = cJSON_CreateObject();

						json_add_u64(e, "base", u->dma_win[k].lo);
						json_add_u64(e, "end", u->dma_win[k].hi);
						cJSON_AddItemToArray(ws, e);
					}
					cJSON_AddItemToObject(w, "windows", ws);
				}
				cJSON_AddItemToObject(c, "dma_window", w);
			} else {
				cJSON_AddNullToObject(c, "dma_window");
			}
			cJSON_AddItemToArray(a, c);
		}
	}
	return a;
}

static cJSON *region_json(const struct board_result *br, const struct kregion *r)
{
	cJSON *o = cJSON_CreateObject(), *heaps = cJSON_CreateArray();
	const char *hn[KMODEL_HEAPS_MAX];
	size_t nh = kmodel_heap_names(&br->kmodel, &br->profile, r, hn);

	cJSON_AddStringToObject(o, "node", r->name);
	cJSON_AddStringToObject(o, "kind", region_kind_name(r->kind));
	cJSON_AddStringToObject(o, "origin", region_origin_name(r->origin));
	if (r->has_base)
		json_add_u64(o, "base", r->base);
	else
		cJSON_AddNullToObject(o, "base");
	json_add_u64(o, "size", r->size);
	cJSON_AddStringToObject(o, "status", region_status_name(r->status));
	cJSON_AddBoolToObject(o, "default_cma", r->default_cma);
	cJSON_AddItemToObject(o, "location", json_loc(r->node ? &r->node->loc : NULL));
	if (r->has_window) {
		/* the kernel places it at or below this address */
		json_add_u64(o, "base_max", r->window_end - r->size);
	}
	if (r->requested_size && r->requested_size != r->size)
		json_add_u64(o, "requested_size", r->requested_size);
	if (r->extra_reserved)
		json_add_u64(o, "extra_reserved", r->extra_reserved);
	json_add_str(o, "kernel_message", r->kernel_message);
	cJSON_AddItemToObject(o, "consumers", r->node ? consumers_json(&br->board, r->node) : cJSON_CreateArray());
	for (size_t i = 0; i < nh; i++)
		cJSON_AddItemToArray(heaps, cJSON_CreateString(hn[i]));
	cJSON_AddItemToObject(o, "heaps", heaps);
	return o;
}

static cJSON *memory_json(const struct board_result *r)
{
	const struct board *b = &r->board;
	const struct kmodel *k = &r->kmodel;
	const struct headroom *h = &r->headroom;
	cJSON *o = cJSON_CreateObject(), *ram = cJSON_CreateArray(), *regions = cJSON_CreateArray();
	cJSON *hr = cJSON_CreateObject();

	for (size_t i = 0; i < b->nram; i++) {
		cJSON *bank = cJSON_CreateObject();

		json_add_u64(bank, "base", b->ram[i].base);
		json_add_u64(bank, "size", b->ram[i].size);
		cJSON_AddItemToArray(ram, bank);
	}
	cJSON_AddItemToObject(o, "ram", ram);
	if (board_ram_known(b))
		json_add_u64(o, "ram_bytes", board_ram_bytes(b));
	else
		cJSON_AddNullToObject(o, "ram_bytes");
	for (size_t i = 0; i < k->nregions; i++)
		cJSON_AddItemToArray(regions, region_json(r, &k->regions[i]));
	cJSON_AddItemToObject(o, "regions", regions);
	{
		cJSON *zones = cJSON_CreateArray();

		for (size_t i = 0; i < k->nzones; i++) {
			cJSON *z = cJSON_CreateObject();

			cJSON_AddStringToObject(z, "name", k->zones[i].name);
			json_add_u64(z, "base", k->zones[i].base);
			json_add_u64(z, "end", k->zones[i].end);
			cJSON_AddItemToArray(zones, z);
		}
		cJSON_AddItemToObject(o, "zones", zones);
	}
	if (k->arch_dma_limit)
		json_add_u64(o, "dma_limit", k->arch_dma_limit);
	if (k->dma_limit_from)
		cJSON_AddStringToObject(o, "dma_limit_from", k->dma_limit_from);
	json_add_u64(o, "cma_bytes", k->cma_bytes);
	json_add_u64(o, "cma_usable_bytes", k->cma_usable_bytes);
	json_add_u64(o, "nomap_bytes", k->nomap_bytes);
	json_add_u64(o, "reserved_bytes", k->reserved_bytes);
	if (h->known) {
		json_add_i64(o, "non_cma_headroom_bytes", h->headroom);
		json_add_u64(o, "managed_bytes", h->managed);
		json_add_u64(o, "min_watermark_sqrt_bytes", h->min_watermark_sqrt);
		json_add_u64(hr, "ram", h->ram);
		json_add_u64(hr, "nomap", h->nomap);
		json_add_u64(hr, "reserved", h->reserved);
		json_add_u64(hr, "cma", h->cma);
		json_add_u64(hr, "struct_pages", h->struct_pages);
		json_add_u64(hr, "kernel_image", h->kernel_image);
		json_add_u64(hr, "swiotlb", h->swiotlb);
		json_add_u64(hr, "min_watermark", h->min_watermark);
	} else {
		cJSON_AddNullToObject(o, "non_cma_headroom_bytes");
	}
	cJSON_AddItemToObject(o, "headroom", hr);
	return o;
}

static cJSON *finding_json(const struct finding *f)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "rule", f->rule);
	cJSON_AddStringToObject(o, "severity", severity_name(f->severity));
	cJSON_AddStringToObject(o, "message", f->message);
	json_add_str(o, "node", f->node);
	json_add_str(o, "property", f->property);
	cJSON_AddItemToObject(o, "location", json_loc(&f->loc));
	if (f->nrelated) {
		/* earlier definitions, e.g. the SoC .dtsi a board's &label overrides */
		cJSON *rel = cJSON_CreateArray();

		for (size_t i = 0; i < f->nrelated; i++)
			cJSON_AddItemToArray(rel, json_loc(&f->related[i]));
		cJSON_AddItemToObject(o, "related_locations", rel);
	}
	json_add_str(o, "kernel_message", f->kernel_message);
	return o;
}

cJSON *emit_board_json(const struct board_result *r)
{
	cJSON *o = cJSON_CreateObject(), *findings = cJSON_CreateArray(), *sum = cJSON_CreateObject();
	size_t e, w, i;

	cJSON_AddStringToObject(o, "input", r->input);
	if (r->board.model)
		cJSON_AddStringToObject(o, "model", r->board.model);
	cJSON_AddItemToObject(o, "profile", profile_json(r));
	if (r->has_cmdline) {
		cJSON *ba = cJSON_CreateObject();

		cJSON_AddStringToObject(ba, "value", r->cmdline.value);
		cJSON_AddStringToObject(ba, "source", r->cmdline.source);
		cJSON_AddItemToObject(o, "bootargs", ba);
	} else {
		cJSON_AddNullToObject(o, "bootargs");
	}
	cJSON_AddItemToObject(o, "memory", memory_json(r));
	for (size_t j = 0; j < r->report.n; j++)
		cJSON_AddItemToArray(findings, finding_json(&r->report.f[j]));
	cJSON_AddItemToObject(o, "findings", findings);
	report_count(&r->report, &e, &w, &i);
	json_add_u64(sum, "errors", e);
	json_add_u64(sum, "warnings", w);
	json_add_u64(sum, "infos", i);
	json_add_u64(sum, "suppressed", r->suppressed);
	json_add_u64(sum, "baselined", r->baselined);
	json_add_u64(sum, "baseline_stale", r->stale);
	cJSON_AddItemToObject(o, "summary", sum);
	if (r->config) {
		cJSON *cfg = cJSON_CreateObject(), *secs = cJSON_CreateArray();

		cJSON_AddStringToObject(cfg, "file", r->config->path);
		for (size_t k = 0; k < r->nsections; k++)
			cJSON_AddItemToArray(secs, cJSON_CreateString(r->sections[k]));
		cJSON_AddItemToObject(cfg, "boards", secs);
		cJSON_AddItemToObject(o, "config", cfg);
	} else {
		cJSON_AddNullToObject(o, "config");
	}
	return o;
}

/* The errors of the run: kept to be written after every board. */
struct json_state {
	cJSON *errors;
};

/*
 * The document is written board by board, each board's object built,
 * printed and freed in turn, so the report never holds the whole tree;
 * the bytes are those cJSON prints for the whole document.
 */
static int json_begin(struct emit_doc *d)
{
	cJSON *head = cJSON_CreateObject(), *tool = cJSON_CreateObject();
	struct json_state *st = xcalloc(1, sizeof(*st));
	char *text;
	size_t n;
	int rc = 0;

	st->errors = cJSON_CreateArray();
	d->st = st;
	json_add_u64(head, "schema_version", 1);
	cJSON_AddStringToObject(tool, "name", "cmalint");
	cJSON_AddStringToObject(tool, "version", CMALINT_VERSION);
	cJSON_AddItemToObject(head, "tool", tool);
	text = json_text(head);
	cJSON_Delete(head);
	/* "{ ... \t}\n}\n" without its closing "\n}\n" */
	n = strlen(text);
	if (n >= 3)
		text[n - 3] = '\0';
	rc |= fputs(text, d->out) < 0;
	free(text);
	rc |= fputs(",\n\t\"boards\":\t[", d->out) < 0;
	return rc ? -1 : 0;
}

static int json_board(struct emit_doc *d, const struct board_result *r)
{
	struct json_state *st = d->st;
	int rc = 0;
	cJSON *b;

	if (r->error) {
		cJSON *e = cJSON_CreateObject();

		cJSON_AddStringToObject(e, "input", r->input);
		cJSON_AddStringToObject(e, "message", r->error);
		cJSON_AddItemToArray(st->errors, e);
		return 0;
	}
	if (d->items++)
		rc |= fputs(", ", d->out) < 0;
	b = emit_board_json(r);
	rc |= json_print_nested(d->out, b, 2, false);
	cJSON_Delete(b);
	return rc ? -1 : 0;
}

static int json_end(struct emit_doc *d)
{
	struct json_state *st = d->st;
	int rc = 0;

	if (!d->rc) {
		rc |= fputs("],\n\t\"errors\":\t", d->out) < 0;
		rc |= json_print_nested(d->out, st->errors, 1, false);
		rc |= fputs("\n}\n", d->out) < 0;
	}
	cJSON_Delete(st->errors);
	free(st);
	d->st = NULL;
	return rc ? -1 : 0;
}

const struct emitter emitter_json = { "json", json_begin, json_board, json_end };
