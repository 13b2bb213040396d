/* SPDX-License-Identifier: MIT */
/*
 * gate.h - what turns a command's findings into its result, the same for
 * check, oom and runtime: the severity policy (-W/-E), the baseline
 * (--baseline, --write-baseline), the failure threshold (--fail-on,
 * --exit-zero) and the emitter (--format).
 */
#ifndef CMALINT_GATE_H
#define CMALINT_GATE_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "baseline.h"
#include "emit.h"
#include "report.h"

enum {
	GATE_OPT_FAIL_ON = 400,
	GATE_OPT_EXIT_ZERO,
	GATE_OPT_BASELINE,
	GATE_OPT_WRITE_BASELINE,
};

/* The gate's long options, for a command's getopt_long table. */
#define GATE_LONG_OPTIONS \
	{ "fail-on", required_argument, NULL, GATE_OPT_FAIL_ON }, \
	{ "exit-zero", no_argument, NULL, GATE_OPT_EXIT_ZERO }, \
	{ "baseline", required_argument, NULL, GATE_OPT_BASELINE }, \
	{ "write-baseline", required_argument, NULL, GATE_OPT_WRITE_BASELINE }

/* The gate's lines of a command's --help. */
#define GATE_USAGE \
	"      --fail-on LEVEL    error (default), warning, info, never\n" \
	"      --exit-zero        exit 0 even with findings (input errors still exit 2)\n" \
	"  -W RULE, -W no-RULE    raise RULE to warning / turn it off\n" \
	"  -E RULE                raise RULE to error\n" \
	"      --baseline FILE    hide the findings FILE accepts; report its stale entries\n" \
	"      --write-baseline FILE  record the current findings in FILE (and hide them)\n"

struct gate {
	struct severity_policy policy;
	unsigned passes;		/* the rules -W/-E may name: PASSES_CHECK, … */
	enum severity fail_on;
	bool fail_on_set, never_fail, exit_zero;
	const char *baseline_path;	/* --baseline */
	const char *write_baseline;	/* --write-baseline */
	struct baseline baseline;
	bool has_baseline;
};

void gate_init(struct gate *g, unsigned passes);
void gate_release(struct gate *g);

/*
 * gate_option - take option @c ('W', 'E' or a GATE_OPT_*) with @arg.
 * Returns 1 when taken, 0 when @c is not the gate's, -1 on a usage error
 * (one line in @err, and in *@see the command to point at).
 */
int gate_option(struct gate *g, int c, const char *arg, char *err, size_t errlen, const char **see);

/* gate_load - read --baseline before anything is linted; 0, or -1 after one line on stderr. */
int gate_load(struct gate *g);

/*
 * gate_baseline - after every finding is in @run: write --write-baseline
 * (refused when a board could not be linted; the file then is the
 * baseline), hide what the baseline accepts, and run the late rules:
 * stale entries (baseline_stale) and the unused suppressions of the
 * boards' configurations (config_unused_suppression, after suppress_run()).
 * 0, or -1 after one line on stderr.
 */
int gate_baseline(struct gate *g, struct emit_run *run);

/*
 * The same steps board by board, for a run written as it goes:
 * gate_write_baseline() writes --write-baseline from @boards (all of the
 * run) and makes it the baseline (0, or -1 after one line on stderr);
 * gate_policy() gives @r the run's -W/-E before its late rules;
 * gate_board_fails() is gate_fails() of one board.
 */
int gate_write_baseline(struct gate *g, const struct board_result *const *boards, size_t n);
void gate_policy(const struct gate *g, struct board_result *r);
bool gate_board_fails(const struct gate *g, const struct board_result *r);

/* gate_fails - a finding of @run at or above --fail-on (never with --fail-on never). */
bool gate_fails(const struct gate *g, const struct emit_run *run);

/* gate_emit - write @run with @em to @outpath (stdout when NULL); 0, or -1 after one line on stderr. */
int gate_emit(const struct emitter *em, const struct emit_run *run, const char *outpath);

#endif
