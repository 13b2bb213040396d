/* SPDX-License-Identifier: MIT */
/*
 * emit.h - report emitters, one per output format (lint/emit/out_<format>.c).
 *
 * A document is written board by board, in input order: begin, each board,
 * end. An emitter keeps only what its totals need (counts, the inputs that
 * could not be read, one board's picture); a part that must come after a
 * total (SARIF's invocation, the HTML page's title) is written to a spool
 * (a temporary file) and copied out at the end, so memory does not grow
 * with the tree. The bytes are those of the whole document at once.
 */
#ifndef CMALINT_EMIT_H
#define CMALINT_EMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "run.h"

/* A whole run held in memory (oom, runtime, diff and tests). */
struct emit_run {
	struct board_result *boards;
	size_t nboards;
	unsigned passes;	/* the rule passes (PASSES_CHECK, …) the run reports; 0: PASSES_CHECK */
};
/* The rules a document of @run describes: those of its passes. */
#define EMIT_PASSES(run) ((run)->passes ? (run)->passes : PASSES_CHECK)

/* One document being written. */
struct emit_doc {
	const struct emitter *em;
	FILE *out;
	unsigned passes;	/* the rule passes the document describes (never 0) */
	size_t index;		/* the board's position among the run's inputs, for ids */
	void *st;		/* the emitter's own state */
	size_t items;		/* what the emitter has written so far (boards, results), for separators */
	int rc;			/* -1 once a step failed */
};

struct emitter {
	const char *name;
	/* each returns 0 or -1; end also releases the state, even after a failure */
	int (*begin)(struct emit_doc *d);
	int (*board)(struct emit_doc *d, const struct board_result *r);
	int (*end)(struct emit_doc *d);
};

/* emit_begin - start a document of @em on @out; never NULL. */
struct emit_doc *emit_begin(const struct emitter *em, FILE *out, unsigned passes);
/* emit_board - add the board at @index of the run's inputs (one that could not be read too). */
void emit_board(struct emit_doc *d, const struct board_result *r, size_t index);
/* emit_end - finish and free @d; 0, or -1 when a step or a write failed. */
int emit_end(struct emit_doc *d);
/* emit_whole - the document of a whole run at once. */
int emit_whole(const struct emitter *em, FILE *out, const struct emit_run *run);

/*
 * A spool: what a document writes before it can write what comes first.
 * A temporary file (in $TMPDIR, else /tmp, removed at once), or memory when
 * none can be made.
 */
struct spool {
	FILE *f;
	bool in_memory;		/* the fallback: no temporary file could be made */
	char *buf;
	size_t len;
};
int spool_open(struct spool *s);
/* spool_copy - append what @s holds to @out and close it; 0 or -1. */
int spool_copy(struct spool *s, FILE *out);
void spool_close(struct spool *s);

/* One board of the JSON report (an element of "boards"), for other documents that embed it. */
struct cJSON *emit_board_json(const struct board_result *r);

extern const struct emitter emitter_text, emitter_json, emitter_sarif, emitter_github, emitter_gcc,
	emitter_codeclimate, emitter_svg, emitter_html;

/* The emitter called @name, or NULL. */
const struct emitter *emitter_find(const char *name);
/* Comma-separated list of format names, for messages and --help. */
const char *emitter_names(void);

#endif
