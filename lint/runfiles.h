/* SPDX-License-Identifier: MIT */
/*
 * runfiles.h - the files a run of check or diff reads besides the boards:
 * each input's configuration (.cmalint.json, --config) and the baseline
 * (--baseline, --write-baseline), loaded before any board is linted and
 * applied after every board (suppressions, baseline, late rules).
 */
#ifndef CMALINT_RUNFILES_H
#define CMALINT_RUNFILES_H

#include <stdbool.h>
#include <stddef.h>

#include "baseline.h"
#include "config.h"
#include "emit.h"

/* Configuration and baseline of a run: loaded before any board is linted. */
struct run_files {
	const char *config_opt;		/* --config */
	bool no_config;
	const char *baseline_opt;	/* --baseline */
	const char *write_baseline;	/* --write-baseline */
	struct config **configs;	/* distinct files */
	size_t nconfigs, cconfigs;
	struct config **per_input;	/* configuration of each input, or NULL */
	struct baseline baseline;
	bool has_baseline;
};

/* Load every input's configuration and the baseline; 0, or -1 after one line on stderr. */
int run_files_load(struct run_files *rf, char **inputs, size_t n);
/*
 * After every board: suppressions, then --write-baseline (whose file then
 * is the baseline), then the baseline and the late rules. 0, or -1 after
 * one line on stderr.
 */
int run_files_finish(struct run_files *rf, struct emit_run *run);
void run_files_release(struct run_files *rf);

#endif
