/* SPDX-License-Identifier: MIT */
/*
 * run.h - one board through the pipeline: input -> board model -> profile
 * -> command line -> kernel model -> headroom -> rules -> report.
 */
#ifndef CMALINT_RUN_H
#define CMALINT_RUN_H

#include <stdbool.h>

#include "board.h"
#include "cmdline.h"
#include "headroom.h"
#include "kmodel.h"
#include "profile.h"
#include "report.h"
#include "rule.h"

/* What the user asked for, shared by every board of a run. */
struct run_opts {
	struct load_opts load;
	const char *bootargs;		/* --bootargs, or NULL */
	struct profile profile;		/* defaults plus --kernel/--arch/--page-size */
	struct thresholds thresholds;
	const struct severity_policy *policy;
	uint64_t kernel_image;		/* headroom term */
	const struct range *boot_reserved;	/* --bootloader-reserved */
	size_t nboot_reserved;
};

struct board_result {
	char *input;
	char *error;			/* load failure (exit 2), or NULL */
	struct board board;
	struct profile profile;
	bool has_cmdline;
	struct cmdline cmdline;
	struct kmodel kmodel;
	struct headroom headroom;
	struct report report;
};

void run_opts_init(struct run_opts *o);
/* lint_board - run the whole pipeline; on input errors res->error is set. */
void lint_board(struct board_result *res, const char *path, const struct run_opts *o);
/*
 * lint_loaded_board - the pipeline after the input: @res has input and a
 * loaded board (board_load() or board_load_blob() on res->board).
 */
void lint_loaded_board(struct board_result *res, const struct run_opts *o);
void board_result_release(struct board_result *res);

/* Limits on the command line (docs/limits.md). */
#define CMALINT_MAX_CMDLINE 65536

#endif
