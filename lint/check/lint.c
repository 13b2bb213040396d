// SPDX-License-Identifier: MIT
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rule.h"

void thresholds_init(struct thresholds *t)
{
	t->cma_ratio_warn_pct = 25;
	t->cma_ratio_error_pct = 50;
	t->headroom_min = 0;
	t->cma_min = 0;
}

static bool confirmed(const struct lint_ctx *ctx, enum fact f)
{
	const struct profile *p = ctx->profile;

	switch (f) {
	case FACT_RAM:
		/* the user's, a running board's, or a /memory the tree states (not a placeholder) */
		return ctx->ram_src == SRC_CLI || ctx->ram_src == SRC_CONFIG || ctx->board->live_tree ||
		       (ctx->ram_src == SRC_DT && !ctx->board->ram_placeholder);
	case FACT_ARCH:
		return p->arch_src != SRC_DEFAULT;
	case FACT_KERNEL_IMAGE:
		return ctx->kernel_image_set;
	case FACT_KCONFIG_CMA:
		return p->cma_size_mbytes_src != SRC_DEFAULT || p->cma_size_percentage_src != SRC_DEFAULT ||
		       p->cma_size_sel_src != SRC_DEFAULT;
	case FACT_HEADROOM_MIN:
		return ctx->thresholds->headroom_min != 0;
	case FACT_ARM_LOWMEM:
		return p->arch != ARCH_ARM || p->arm_page_offset_src != SRC_DEFAULT;
	case FACT_ARM_ZONE_DMA:
		return !ctx->kmodel->dma_limit_assumed;
	case FACT_CMA_RATIO_LIMIT: {
		struct thresholds d;

		thresholds_init(&d);
		return ctx->thresholds->cma_ratio_error_pct != d.cma_ratio_error_pct ||
		       ctx->thresholds->cma_ratio_warn_pct != d.cma_ratio_warn_pct;
	}
	}
	return false;
}

bool lint_fact_confirmed(const struct lint_ctx *ctx, unsigned facts)
{
	for (unsigned f = 1; f && f <= facts; f <<= 1)
		if ((facts & f) && !confirmed(ctx, (enum fact)f))
			return false;
	return true;
}

/* What the finding assumes about @f and how to confirm it. */
static void describe(const struct lint_ctx *ctx, enum fact f, char *buf, size_t len)
{
	const struct board *b = ctx->board;
	char s[SIZE_STR_MAX];

	switch (f) {
	case FACT_RAM:
		if (b->nram && b->ram[0].node && b->ram_doubt)
			snprintf(buf, len, "assumes the RAM of '%s', which looks like a placeholder the bootloader "
				 "rewrites: %s; confirm with --ram", b->ram[0].node, b->ram_doubt);
		else if (b->nram && b->ram[0].node)
			snprintf(buf, len, "assumes the RAM of '%s', which the bootloader may rewrite; confirm with --ram",
				 b->ram[0].node);
		else
			snprintf(buf, len, "assumes the RAM of the device tree; confirm with --ram");
		return;
	case FACT_ARCH:
		snprintf(buf, len, "assumes --arch %s; confirm with --arch or --kconfig", arch_name(ctx->profile->arch));
		return;
	case FACT_KERNEL_IMAGE:
		snprintf(buf, len, "assumes a kernel image of %s; confirm with --kernel-image",
			 fmt_size(ctx->headroom->kernel_image, s));
		return;
	case FACT_KCONFIG_CMA:
		snprintf(buf, len, "assumes CONFIG_CMA_SIZE_MBYTES=%llu; confirm with --kconfig or --cma-size-mbytes",
			 (unsigned long long)ctx->profile->cma_size_mbytes);
		return;
	case FACT_HEADROOM_MIN:
		snprintf(buf, len, "assumes a default minimum; set the workload's with --min-headroom");
		return;
	case FACT_ARM_LOWMEM:
		snprintf(buf, len, "assumes CONFIG_VMSPLIT_3G, lowmem ending %s into RAM; vendor kernels often "
			 "use VMSPLIT_2G: confirm with --kconfig", fmt_size(arm_lowmem_size(ctx->profile), s));
		return;
	case FACT_ARM_ZONE_DMA:
		snprintf(buf, len, "assumes CONFIG_ZONE_DMA, as multi-platform kernels have it: DMA and the default "
			 "CMA area end at 4 GiB (without it they reach all of RAM); confirm with --kconfig");
		return;
	case FACT_CMA_RATIO_LIMIT:
		snprintf(buf, len, "assumes the default limits, %u %% for a warning and %u %% for an error; "
			 "set the board's in the configuration's thresholds",
			 ctx->thresholds->cma_ratio_warn_pct, ctx->thresholds->cma_ratio_error_pct);
		return;
	}
	buf[0] = 0;
}

/*
 * How far a finding falls while @f is assumed. A default limit, an image
 * estimate or a Kconfig size nobody gave, and RAM the tree itself
 * contradicts (lint/model/ramtrust.c), leave nothing a maintainer can act on:
 * information. The other facts leave a warning that names them.
 */
static enum severity assumed_cap(const struct lint_ctx *ctx, enum fact f)
{
	switch (f) {
	case FACT_RAM:
		return ctx->board->ram_doubt ? SEV_INFO : SEV_WARNING;
	case FACT_CMA_RATIO_LIMIT:
	case FACT_KERNEL_IMAGE:
	case FACT_KCONFIG_CMA:
		return SEV_INFO;
	case FACT_ARCH:
	case FACT_HEADROOM_MIN:
	case FACT_ARM_LOWMEM:
	case FACT_ARM_ZONE_DMA:
		break;
	}
	return SEV_WARNING;
}

const struct assumption *rule_assumption(const struct lint_ctx *ctx, unsigned facts, struct assumption *a)
{
	char one[512];

	a->why[0] = '\0';
	a->cap = SEV_WARNING;
	for (unsigned b = 1; b && b <= facts; b <<= 1) {
		if (!(facts & b) || confirmed(ctx, (enum fact)b))
			continue;
		describe(ctx, (enum fact)b, one, sizeof(one));
		if (assumed_cap(ctx, (enum fact)b) < a->cap)
			a->cap = assumed_cap(ctx, (enum fact)b);
		if (a->why[0])
			strncat(a->why, "; ", sizeof(a->why) - strlen(a->why) - 1);
		strncat(a->why, one, sizeof(a->why) - strlen(a->why) - 1);
	}
	return a;
}

/* The kernel does not give the region to the devices that list it. */
static bool region_lost(const struct kregion *r)
{
	return r->status == RS_REJECTED || r->status == RS_BYPASSED || r->status == RS_FAILED ||
	       r->reason == RR_CMA_ZONE_STRADDLE || (r->kind == RK_CMA && r->ram_place != RAM_INSIDE);
}

/*
 * A region the kernel rejects, drops or cannot place or activate is lost
 * to the devices that list it in memory-region: the most severe finding
 * on the region names them, since a device that does not come up is what
 * a user sees.
 */
static void name_consumers(const struct lint_ctx *ctx, struct report *out)
{
	for (size_t i = 0; i < ctx->board->nnodes; i++) {
		const struct rmem_node *n = &ctx->board->nodes[i];
		const struct kregion *r = kmodel_region_for(ctx->kmodel, n);
		struct finding *best = NULL;
		struct strbuf who = STRBUF_INIT;
		char *m;

		if (!n->consumers || !r || !region_lost(r))
			continue;
		for (size_t j = 0; j < out->n; j++) {
			struct finding *f = &out->f[j];

			if (f->node && !strcmp(f->node, n->path) && f->severity != SEV_INFO &&
			    (!best || f->severity > best->severity))
				best = f;
		}
		if (!best)
			continue;
		for (unsigned j = 0; j < n->consumers && j < CMALINT_CONSUMERS_KEPT; j++)
			sb_addf(&who, "%s'%s'", j ? ", " : "", n->consumer[j]);
		if (n->consumers > CMALINT_CONSUMERS_KEPT)
			sb_addf(&who, " and %u more", n->consumers - CMALINT_CONSUMERS_KEPT);
		m = xasprintf("%s; %s list%s it in memory-region and go%s without it", best->message, who.buf,
			      n->consumers == 1 ? "s" : "", n->consumers == 1 ? "es" : "");
		free(best->message);
		best->message = m;
		sb_release(&who);
	}
}

void lint_run(const struct lint_ctx *ctx, struct report *out)
{
	for (size_t i = 0; i < rule_count; i++)
		if (rule_table[i].pass == PASS_BOARD)
			rule_table[i].check(&rule_table[i], ctx, out);
	name_consumers(ctx, out);
	report_sort(out);
}


void lint_run_late(const struct lint_ctx *ctx, struct report *out)
{
	for (size_t i = 0; i < rule_count; i++)
		if (rule_table[i].pass == PASS_LATE)
			rule_table[i].check(&rule_table[i], ctx, out);
	report_sort(out);
}

bool rule_is_late(const char *id)
{
	const struct rule *r = rule_find(id);

	return r && r->pass == PASS_LATE;
}

const struct srcloc *rule_loc(const struct rmem_node *n, const char *prop)
{
	const struct prop_info *pi = prop ? rmem_node_prop(n, prop) : NULL;

	if (pi && pi->loc.file)
		return &pi->loc;
	return n->loc.file ? &n->loc : NULL;
}

bool node_considered(const struct lint_ctx *ctx, const struct rmem_node *n)
{
	return !ctx->kmodel->rmem_ignored && n->available;
}

const char *profile_desc(const struct profile *p, char *buf, size_t len)
{
	snprintf(buf, len, "kernel %s, %u KiB pages", p->kernel_str, p->page_size / 1024);
	return buf;
}

uint64_t usable_ram(const struct lint_ctx *ctx)
{
	uint64_t ram = board_ram_bytes(ctx->board);

	if (!board_ram_known(ctx->board))
		return 0;
	return ram > ctx->kmodel->nomap_bytes ? ram - ctx->kmodel->nomap_bytes : 0;
}

const struct kregion *dominant_cma(const struct kmodel *k)
{
	const struct kregion *best = NULL;
	uint64_t total = 0;

	for (size_t i = 0; i < k->nregions; i++) {
		const struct kregion *r = &k->regions[i];

		if (r->kind != RK_CMA || r->status != RS_RESERVED)
			continue;
		total += r->size;
		if (!best || r->size > best->size)
			best = r;
	}
	/* more than half of all CMA, and from the tree */
	if (!best || !best->node || best->size <= total / 2)
		return NULL;
	return best;
}

char *ram_desc(const struct board *b)
{
	struct mlist ram = { 0 };
	struct strbuf sb = STRBUF_INIT;
	char s1[SIZE_STR_MAX], s2[SIZE_STR_MAX];

	for (size_t i = 0; i < b->nram; i++) {
		uint64_t end;

		if (!range_end(b->ram[i].base, b->ram[i].size, &end))
			end = UINT64_MAX;
		mlist_add(&ram, b->ram[i].base, end);
	}
	for (size_t i = 0; i < ram.n; i++)
		sb_addf(&sb, "%s%s at %s", i ? ", " : "", fmt_size(ram.r[i].end - ram.r[i].base, s1),
			fmt_hex(ram.r[i].base, s2));
	if (!sb.buf)
		sb_add(&sb, "none");
	mlist_release(&ram);
	return sb_detach(&sb);
}

void cmdline_site(const struct lint_ctx *ctx, const char **node, const char **prop, const struct srcloc **loc)
{
	const struct cmdline *cl = ctx->cmdline;
	bool dt = cl && !strcmp(cl->source, "/chosen/bootargs");

	*node = dt ? "/chosen" : NULL;
	*prop = dt ? "bootargs" : NULL;
	*loc = dt && ctx->board->dt_bootargs_loc.file ? &ctx->board->dt_bootargs_loc : NULL;
}

const char *dma_limit_desc(const struct kmodel *k, char buf[DMA_LIMIT_DESC_MAX])
{
	char s1[SIZE_STR_MAX];

	if (k->dma_limit_from)
		snprintf(buf, DMA_LIMIT_DESC_MAX, "the %s DMA limit 0x%llx set by '%s' dma-ranges",
			 fmt_size(k->arch_dma_limit, s1), (unsigned long long)k->arch_dma_limit, k->dma_limit_from);
	else
		snprintf(buf, DMA_LIMIT_DESC_MAX, "the DMA limit 0x%llx", (unsigned long long)k->arch_dma_limit);
	return buf;
}

const char *region_use(const struct kregion *r)
{
	if (r->status != RS_RESERVED)
		return r->kind == RK_CMA ? "CMA pool the kernel drops" : "region the kernel drops";
	switch (r->kind) {
	case RK_CMA: return "CMA pool";
	case RK_DMA_POOL: return "DMA pool";
	case RK_NOMAP: return "no-map carve-out";
	case RK_CARVEOUT: return "carve-out";
	case RK_MEMRESERVE: return "/memreserve/";
	}
	return "region";
}
