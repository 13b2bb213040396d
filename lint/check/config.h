/* SPDX-License-Identifier: MIT */
/*
 * config.h - the project configuration (.cmalint.json or --config FILE):
 * a profile, rule severities and thresholds for every board, per-board
 * sections selected by file name, compatible or model, and suppressions
 * with a mandatory reason. Parsed with cJSON and validated in full before
 * anything is linted; docs/configuration.md describes the format.
 */
#ifndef CMALINT_CONFIG_H
#define CMALINT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "profile.h"
#include "report.h"
#include "rule.h"

/* Which values a section sets (bits of cfg_section.set). */
enum {
	CFG_KERNEL = 1 << 0,
	CFG_ARCH = 1 << 1,
	CFG_PAGE_SIZE = 1 << 2,
	CFG_RAM = 1 << 3,
	CFG_CMA_MBYTES = 1 << 4,
	CFG_KERNEL_IMAGE = 1 << 5,
	CFG_RATIO_WARN = 1 << 6,
	CFG_RATIO_ERROR = 1 << 7,
	CFG_HEADROOM_MIN = 1 << 8,
	CFG_CMA_MIN = 1 << 9,
};

/* `profile`, `thresholds` and `rules`: at top level or in a board section. */
struct cfg_section {
	unsigned set;
	struct kver kernel;
	char kernel_str[24];
	enum arch arch;
	uint32_t page_size;
	struct ram_bank *ram;		/* node "configuration" */
	size_t nram;
	uint64_t cma_size_mbytes;
	uint64_t kernel_image;
	struct thresholds thresholds;	/* only the fields named in @set */
	struct severity_policy rules;	/* ids point into rule_table */
};

/* One entry of `boards`: every given `match` key must match. */
struct cfg_board {
	char *name;			/* "name", or "boards[N]" */
	char *file;			/* glob on the input path (its base name when no '/') */
	char *compatible;		/* glob on any root compatible string */
	char *model;			/* glob on /model */
	struct cfg_section s;
};

/* One entry of `suppressions`. */
struct cfg_suppression {
	size_t index;			/* position in the file */
	const char *rule;		/* points into rule_table */
	char *board;			/* glob, or NULL for every board */
	char *node;			/* glob, or NULL for any node */
	char *property;			/* exact, or NULL for any */
	char *reason;
	/* Filled while a run applies the file. */
	size_t matched;			/* findings it hid */
	bool applied;			/* some board of the run was in its scope */
	size_t first_board;		/* index of that board in the run */
	size_t scope_end;		/* one past the last input of the run in its scope */
};

struct config {
	char *path;			/* as shown in messages */
	struct cfg_section base;
	struct cfg_board *boards;
	size_t nboards;
	struct cfg_suppression *supp;
	size_t nsupp;
};

/*
 * config_load - read and validate @path into @c.
 * returns: 0; or -1 with one line in @err naming the file and the key
 * path that is wrong (unreadable file, invalid JSON, unknown key, wrong
 * type, value out of range, suppression without a reason).
 */
int config_load(struct config *c, const char *path, char *err, size_t errlen);
void config_release(struct config *c);

/*
 * config_find - the .cmalint.json that applies to @input: searched in the
 * input's directory and upward, stopping after the filesystem root or a
 * directory that holds .git. Returns a new string (relative to the
 * working directory when below it), or NULL when there is none.
 */
char *config_find(const char *input);

/* True when board section @b selects the board read from @input. */
bool config_board_matches(const struct cfg_board *b, const char *input, const struct board *board);

/* True when glob @pattern matches @input (its base name when @pattern has no '/'). */
bool config_file_matches(const char *pattern, const char *input);

/*
 * config_apply_section - lay @s over the values: each value @s sets
 * replaces the current one unless the command line gave it (a profile
 * source of SRC_CLI, or a bit of @cli_set for the others). Rule
 * severities are added to @policy (the command line's are applied after).
 */
void config_apply_section(const struct cfg_section *s, unsigned cli_set, struct profile *p,
			  struct thresholds *t, uint64_t *kernel_image, const struct ram_bank **ram,
			  size_t *nram, struct severity_policy *policy);

#endif
