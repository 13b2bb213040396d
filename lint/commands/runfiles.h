/* SPDX-License-Identifier: MIT */
/*
 * runfiles.h - the configurations a run of check or diff reads besides the
 * boards (.cmalint.json found upward from each input, or --config), loaded
 * before any board is linted and applied after every board: suppressions,
 * then the gate's baseline and the late rules.
 */
#ifndef CMALINT_RUNFILES_H
#define CMALINT_RUNFILES_H

#include <stdbool.h>
#include <stddef.h>

#include "baseline.h"
#include "config.h"
#include "emit.h"
#include "gate.h"

/* Configuration and baseline of a run: loaded before any board is linted. */
struct run_files {
	const char *config_opt;		/* --config */
	bool no_config;
	struct config **configs;	/* distinct files */
	size_t nconfigs, cconfigs;
	struct config **per_input;	/* configuration of each input, or NULL */
};

/* Load every input's configuration; 0, or -1 after one line on stderr. */
int run_files_load(struct run_files *rf, char **inputs, size_t n);
/*
 * After every board: the configurations' suppressions, then @g's baseline
 * and the late rules (gate_baseline(); only the late rules when @g is
 * NULL). 0, or -1 after one line on stderr.
 */
int run_files_finish(struct run_files *rf, struct emit_run *run, struct gate *g);
void run_files_release(struct run_files *rf);

#endif
