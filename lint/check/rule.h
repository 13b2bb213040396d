/* SPDX-License-Identifier: MIT */
/*
 * rule.h - what a rule is: an id, a default severity, a one-line summary
 * and a pure check over the models. Rules live one per file in rules/ and
 * are listed once in rules/registry.def.
 */
#ifndef CMALINT_RULE_H
#define CMALINT_RULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "cmdline.h"
#include "headroom.h"
#include "kmodel.h"
#include "profile.h"
#include "report.h"

/* Thresholds a configuration can change (defaults in lint/check/lint.c). */
struct thresholds {
	unsigned cma_ratio_warn_pct;	/* cma_ratio: warning above this share of RAM */
	unsigned cma_ratio_error_pct;	/* error above this */
	uint64_t headroom_min;		/* headroom_low: 0 = the default rule */
	uint64_t cma_min;		/* cma_too_small: 0 = off */
};
void thresholds_init(struct thresholds *t);

struct cfg_suppression;
struct baseline_entry;

/*
 * Facts that exist only once every board of the run has been linted:
 * suppressions that hid nothing, baseline entries that match nothing.
 * The driver (lint/run/suppress.c) fills them and runs the late rules.
 */
struct late_facts {
	const char *config_path;
	const struct cfg_suppression *const *unused;
	size_t nunused;
	const char *baseline_path;
	const struct baseline_entry *const *stale;
	size_t nstale;
};

/* Everything a rule may read. Rules never parse and never do IO. */
struct lint_ctx {
	const struct board *board;
	const struct profile *profile;
	const struct cmdline *cmdline;	/* NULL when there is no command line */
	const struct kmodel *kmodel;
	const struct thresholds *thresholds;
	const struct headroom *headroom;
	const struct late_facts *late;	/* NULL except in the late pass */
	enum vsource ram_src;		/* SRC_CLI/SRC_CONFIG: the user's; SRC_DT: the tree's /memory */
	bool kernel_image_set;		/* the headroom's kernel image term was given */
};

/*
 * Facts a finding can rest on (docs/architecture.md, "What an error
 * means"). Each is confirmed (given by the user, read from a running
 * board or a .config) or assumed (a default, or a tree value the
 * bootloader may rewrite). A finding resting on an assumed fact is at
 * most a warning and says which fact and the option that confirms it.
 */
enum fact {
	FACT_RAM = 1u << 0,		/* size and place of RAM: --ram, a board profile, a live tree */
	FACT_ARCH = 1u << 1,		/* --arch, the configuration, a .config */
	FACT_KERNEL_IMAGE = 1u << 2,	/* the headroom's kernel image term: --kernel-image */
	FACT_KCONFIG_CMA = 1u << 3,	/* CONFIG_CMA_SIZE_*: --kconfig, --cma-size-mbytes */
	FACT_HEADROOM_MIN = 1u << 4,	/* the headroom the workload needs: --min-headroom, thresholds */
	FACT_CMA_RATIO_LIMIT = 1u << 5,	/* the share of RAM CMA may take: thresholds.cma_ratio */
	FACT_ARM_LOWMEM = 1u << 6,	/* 32-bit arm: where lowmem ends (CONFIG_VMSPLIT_*): --kconfig */
	FACT_ARM_ZONE_DMA = 1u << 7,	/* 32-bit arm, RAM above 4 GiB: the 4 GiB DMA limit (CONFIG_ZONE_DMA): --kconfig */
};
/* True when every fact in @facts is confirmed. */
bool lint_fact_confirmed(const struct lint_ctx *ctx, unsigned facts);
/*
 * rule_assumption - fill @a with what a finding resting on @facts assumes:
 * for the facts not confirmed, their description and the cap (a warning,
 * or an info for the facts lint.c's assumed_cap() names). Returns @a, for
 * AT(..., .assumed = rule_assumption(ctx, FACT_RAM, &a)).
 */
const struct assumption *rule_assumption(const struct lint_ctx *ctx, unsigned facts, struct assumption *a);

#include "registry.h"

/* Run every rule over @ctx into @out. */
void lint_run(const struct lint_ctx *ctx, struct report *out);
/*
 * lint_run_late - run the late rules (those that read ctx->late, which
 * stay silent in lint_run) over @ctx into @out and sort the report.
 */
void lint_run_late(const struct lint_ctx *ctx, struct report *out);
/* True for a late rule: its findings are about the configuration or baseline, not the board. */
bool rule_is_late(const char *id);

/*
 * Declare and define a rule's check function: RULE_CHECK(cma_alignment) { ... }.
 * The table of check functions is rules/registry.c's.
 */
#define RULE_CHECK(id) \
	rule_fn rule_##id; \
	void rule_##id(const struct rule *rule, const struct lint_ctx *ctx, struct report *out)

/* Helpers for rules (lint/check/lint.c). */
/* The source position of @prop in @n, else of the node, else NULL. */
const struct srcloc *rule_loc(const struct rmem_node *n, const char *prop);
/* True when the kernel reads the node at all (root format OK, status okay). */
bool node_considered(const struct lint_ctx *ctx, const struct rmem_node *n);
/* "kernel 6.12, 4 KiB pages" */
const char *profile_desc(const struct profile *p, char *buf, size_t len);
/* Usable RAM for ratios: RAM minus no-map carve-outs (0 when RAM is unknown). */
uint64_t usable_ram(const struct lint_ctx *ctx);
/*
 * dominant_cma - the device-tree CMA region that holds more than half of
 * the CMA the kernel creates (the node a CMA-share finding points at), or
 * NULL when no node dominates or the largest area is cma=/Kconfig's.
 */
const struct kregion *dominant_cma(const struct kmodel *k);
/* The property of @r's node that sets its size: "size" or "reg". */
#define REGION_SIZE_PROP(r) ((r)->origin == RO_SIZE ? "size" : "reg")
/*
 * ram_desc - RAM bank by bank, adjacent banks merged, holes visible:
 * "2 GiB at 0x0, 2 GiB at 0x880000000" (xmalloc'd; "none" without RAM).
 */
char *ram_desc(const struct board *b);
/* Where the command line finding points: '/chosen' 'bootargs' when it came from the tree. */
void cmdline_site(const struct lint_ctx *ctx, const char **node, const char **prop, const struct srcloc **loc);
/*
 * dma_limit_desc - the DMA limit for messages: "the DMA limit 0x100000000",
 * or "the 1 GiB DMA limit 0x40000000 set by '/scb' dma-ranges" when a
 * node's dma-ranges narrowed ZONE_DMA.
 */
#define DMA_LIMIT_DESC_MAX 1200
const char *dma_limit_desc(const struct kmodel *k, char buf[DMA_LIMIT_DESC_MAX]);
/* What a region's memory is for, in the words of messages: "no-map carve-out", "CMA pool the kernel drops". */
const char *region_use(const struct kregion *r);

#endif
