// SPDX-License-Identifier: MIT
#include "run.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "bootargs.h"
#include "memlimit.h"
#include "util.h"

void run_opts_init(struct run_opts *o)
{
	memset(o, 0, sizeof(*o));
	profile_init(&o->profile);
	thresholds_init(&o->thresholds);
}

/* A command line the kernel could receive: printable, bounded. */
static int check_cmdline(const char *s, const char *what, char *err, size_t errlen)
{
	size_t len = strlen(s);

	if (len > CMALINT_MAX_CMDLINE) {
		snprintf(err, errlen, "%s is %zu bytes, over the %d-byte limit", what, len, CMALINT_MAX_CMDLINE);
		return -1;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 && c != '\t' && c != '\n') {
			snprintf(err, errlen, "%s has a control character (0x%02x) at byte %zu", what, c, i);
			return -1;
		}
	}
	return 0;
}

/* Replace the tree's RAM with the configuration's banks, as --ram does at load time. */
static void replace_ram(struct board *b, const struct ram_bank *ram, size_t nram)
{
	for (size_t i = 0; i < b->nram; i++)
		free(b->ram[i].node);
	free(b->ram);
	b->ram = xcalloc(nram, sizeof(*b->ram));
	for (size_t i = 0; i < nram; i++) {
		b->ram[i] = ram[i];
		b->ram[i].node = xstrdup("configuration");
	}
	b->nram = nram;
	b->ram_from_cli = true;
	b->ram_placeholder = false;
	free(b->ram_doubt);
	b->ram_doubt = NULL;
}

/*
 * An arch nobody gave (--arch, --kconfig, configuration) comes from the
 * tree when its path or CPU nodes name one; a CPU without MMU means a
 * kernel without CMA, unless CMA's presence was given.
 */
static void infer_arch(struct board_result *res)
{
	struct profile *p = &res->profile;
	const struct board *b = &res->board;

	if (p->arch_src != SRC_DEFAULT || !b->has_arch_hint)
		return;
	p->arch = (enum arch)b->arch_hint;
	p->arch_src = SRC_INFERRED;
	p->arch_evidence = b->arch_evidence;
	if (b->arch_nommu) {
		p->nommu = true;
		p->nommu_src = SRC_INFERRED;
		if (p->cma_src == SRC_DEFAULT) {
			p->cma = false;
			p->cma_src = SRC_INFERRED;
		}
	}
}

/* Defaults < configuration < matching board sections (in order) < command line. */
static void settle(struct board_result *res, const char *path, const struct run_opts *o)
{
	const struct config *c = o->config;
	const struct ram_bank *ram = NULL;
	size_t nram = 0, cap = 0;

	res->config = c;
	res->profile = o->profile;
	res->thresholds = o->thresholds;
	res->kernel_image = o->kernel_image;
	if (c) {
		config_apply_section(&c->base, o->cli_set, &res->profile, &res->thresholds, &res->kernel_image,
				     &ram, &nram, &res->policy);
		for (size_t i = 0; i < c->nboards; i++) {
			if (!config_board_matches(&c->boards[i], path, &res->board))
				continue;
			*ARRAY_PUSH(res->sections, res->nsections, cap) = xstrdup(c->boards[i].name);
			config_apply_section(&c->boards[i].s, o->cli_set, &res->profile, &res->thresholds,
					     &res->kernel_image, &ram, &nram, &res->policy);
		}
	}
	infer_arch(res);
	for (size_t i = 0; o->policy && i < o->policy->n; i++)
		policy_set(&res->policy, o->policy->o[i].id, o->policy->o[i].sev);
	if (o->load.nram)
		res->ram_src = SRC_CLI;
	else if (nram) {
		replace_ram(&res->board, ram, nram);
		res->ram_src = SRC_CONFIG;
	} else {
		res->ram_src = board_ram_known(&res->board) ? SRC_DT : SRC_DEFAULT;
	}
}

static void board_ctx(struct board_result *res, struct lint_ctx *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->board = &res->board;
	ctx->profile = &res->profile;
	ctx->cmdline = res->has_cmdline ? &res->cmdline : NULL;
	ctx->kmodel = &res->kmodel;
	ctx->thresholds = &res->thresholds;
	ctx->headroom = &res->headroom;
	ctx->ram_src = res->ram_src;
	ctx->kernel_image_set = res->kernel_image != 0;
	res->report.policy = &res->policy;
}

void lint_board(struct board_result *res, const char *path, const struct run_opts *o)
{
	char err[1024];

	memset(res, 0, sizeof(*res));
	res->input = xstrdup(input_name(path));
	if (board_load(&res->board, path, &o->load, err, sizeof(err))) {
		res->error = xstrdup(err);
		return;
	}
	lint_loaded_board(res, o);
}

void lint_loaded_board(struct board_result *res, const struct run_opts *o)
{
	char err[1024];
	struct lint_ctx ctx;
	const char *path = res->input, *args = NULL, *source = NULL;
	const struct srcloc *loc = NULL;

	settle(res, path, o);
	if (profile_finish(&res->profile, err, sizeof(err))) {
		res->error = xasprintf("'%s': %s", path, err);
		return;
	}
	/* The bootloader's line replaces /chosen/bootargs; CONFIG_CMDLINE then applies (lint/model/bootargs.c). */
	if (o->bootargs) {
		args = o->bootargs;
		source = o->bootargs_source ? o->bootargs_source : "--bootargs";
		loc = o->bootargs_loc.file ? &o->bootargs_loc : NULL;
	} else if (res->board.has_dt_bootargs) {
		args = res->board.dt_bootargs;
		source = "/chosen/bootargs";
		loc = res->board.dt_bootargs_loc.file ? &res->board.dt_bootargs_loc : NULL;
	}
	if (args && check_cmdline(args, source, err, sizeof(err))) {
		res->error = xasprintf("'%s': %s", path, err);
		return;
	}
	res->has_cmdline = bootargs_resolve(&res->cmdline, args, source, loc, &res->profile);
	if (res->has_cmdline && check_cmdline(res->cmdline.value, res->cmdline.source, err, sizeof(err))) {
		res->error = xasprintf("'%s': %s", path, err);
		return;
	}
	if (res->has_cmdline && board_ram_known(&res->board)) {
		struct ram_bank *kept;
		size_t nkept;
		const struct mem_arg *m = NULL;

		if (mem_limit_apply(&res->cmdline, &res->profile, res->board.ram, res->board.nram, &kept, &nkept, &m)) {
			res->board.ram_full = res->board.ram;
			res->board.nram_full = res->board.nram;
			res->board.ram = kept;
			res->board.nram = nkept;
			res->board.mem_desc = xasprintf("'mem=%s' (%s)", m->text, m->source);
			res->board.mem_loc = m->loc && m->loc->file ? m->loc : NULL;
		}
	}
	kmodel_build(&res->kmodel, &res->board, &res->profile, res->has_cmdline ? &res->cmdline : NULL,
		     o->boot_reserved, o->nboot_reserved);
	headroom_estimate(&res->headroom, &res->board, &res->profile, &res->kmodel, res->kernel_image);

	board_ctx(res, &ctx);
	lint_run(&ctx, &res->report);
}

void lint_board_late(struct board_result *res, const struct late_facts *late)
{
	struct lint_ctx ctx;

	board_ctx(res, &ctx);
	ctx.late = late;
	lint_run_late(&ctx, &res->report);
}

void board_result_release(struct board_result *res)
{
	free(res->input);
	free(res->error);
	board_release(&res->board);
	if (res->has_cmdline)
		cmdline_release(&res->cmdline);
	kmodel_release(&res->kmodel);
	report_release(&res->report);
	for (size_t i = 0; i < res->nsections; i++)
		free(res->sections[i]);
	free(res->sections);
	policy_release(&res->policy);
	memset(res, 0, sizeof(*res));
}
