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

struct config;

/* What the user asked for, shared by every board of a run. */
struct run_opts {
	struct load_opts load;
	const char *bootargs;		/* the bootloader's command line (--bootargs, --bootargs-file), or NULL */
	const char *bootargs_source;	/* "--bootargs", "uEnv.txt:3"; NULL means "--bootargs" */
	struct srcloc bootargs_loc;	/* where the file writes it; file NULL when not from a file */
	struct profile profile;		/* defaults plus --kernel/--arch/--page-size */
	struct thresholds thresholds;
	const struct severity_policy *policy;
	uint64_t kernel_image;		/* headroom term */
	const struct range *boot_reserved;	/* --bootloader-reserved */
	size_t nboot_reserved;
	/*
	 * The configuration of the board being linted (NULL: none). Its values
	 * come after the defaults and before the command line: a profile value
	 * with source SRC_CLI, or a CFG_* bit (lint/check/config.h) in @cli_set, is
	 * kept. An option that sets a threshold, RAM or the kernel image term
	 * sets its bit.
	 */
	const struct config *config;
	unsigned cli_set;
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

	/* What this board was linted with, after the configuration. */
	const struct config *config;	/* or NULL */
	char **sections;		/* names of the matching board sections */
	size_t nsections;
	enum vsource ram_src;
	struct thresholds thresholds;
	uint64_t kernel_image;
	struct severity_policy policy;	/* configuration, then command line */
	/* Findings removed after the rules ran. */
	size_t suppressed;		/* by the configuration's suppressions */
	size_t baselined;		/* by --baseline / --write-baseline */
	size_t stale;			/* baseline entries of this board that matched nothing */
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
/* lint_board_late - run the late rules over a linted board with @late. */
void lint_board_late(struct board_result *res, const struct late_facts *late);

/* Limits on the command line (docs/limits.md). */
#define CMALINT_MAX_CMDLINE 65536

#endif
