/* SPDX-License-Identifier: MIT */
/*
 * emit.h - report emitters, one per output format (lint/out_<format>.c).
 * Each writes the whole run at once, so no partial document is printed.
 */
#ifndef CMALINT_EMIT_H
#define CMALINT_EMIT_H

#include <stddef.h>
#include <stdio.h>

#include "run.h"

struct emit_run {
	struct board_result *boards;
	size_t nboards;
	unsigned passes;	/* the rule passes (PASSES_CHECK, …) the run reports; 0: PASSES_CHECK */
};
/* The rules a document of @run describes: those of its passes. */
#define EMIT_PASSES(run) ((run)->passes ? (run)->passes : PASSES_CHECK)

typedef int emit_fn(FILE *out, const struct emit_run *run);

struct emitter {
	const char *name;
	emit_fn *emit;
};

emit_fn emit_text;
emit_fn emit_json;
emit_fn emit_sarif;
emit_fn emit_github;
emit_fn emit_gcc;
emit_fn emit_codeclimate;

/* One board of the JSON report (an element of "boards"), for other documents that embed it. */
struct cJSON *emit_board_json(const struct board_result *r);
emit_fn emit_svg;
emit_fn emit_html;

/* The emitter called @name, or NULL. */
const struct emitter *emitter_find(const char *name);
/* Comma-separated list of format names, for messages and --help. */
const char *emitter_names(void);

#endif
