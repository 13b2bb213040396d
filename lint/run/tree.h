/* SPDX-License-Identifier: MIT */
/*
 * tree.h - whole trees of boards: the inputs below directory arguments
 * (every *.dtb and *.dts, not .dtsi, no dotfiles, symbolic links followed
 * without loops), linted by -j worker threads into results kept in input
 * order (or handed on in input order), so the report does not depend on -j.
 */
#ifndef CMALINT_TREE_H
#define CMALINT_TREE_H

#include <stddef.h>

#include "run.h"

#define TREE_MAX_DEPTH 64
#define TREE_MAX_INPUTS 100000
#define TREE_MAX_JOBS 256

/* One board to lint, or a problem found while walking (error set). */
struct tree_input {
	char *path;
	char *error;
	const struct config *config;	/* the board's configuration, or NULL */
};

/*
 * tree_collect - expand @args: a directory (other than a live device tree)
 * becomes the boards below it in sorted path order; anything else is kept.
 */
void tree_collect(char *const *args, size_t nargs, struct tree_input **out, size_t *nout);
void tree_inputs_release(struct tree_input *in, size_t n);

/*
 * tree_lint - lint every input into @res (same index) with @jobs threads,
 * source locations included.
 */
void tree_lint(struct board_result *res, const struct tree_input *in, size_t n,
	       const struct run_opts *o, unsigned jobs);

/* Receives each linted board, in input order; it owns @r (board_result_release(), free()). */
typedef void tree_take_fn(void *arg, struct board_result *r, size_t index);

/*
 * tree_stream - lint every input with @jobs threads and hand each result
 * to @take on the calling thread, in input order, as soon as it and every
 * board before it are linted. The threads run at most TREE_STREAM_AHEAD
 * boards per thread ahead of @take, so memory holds about @jobs boards
 * whatever the tree's size.
 */
#define TREE_STREAM_AHEAD 2
void tree_stream(const struct tree_input *in, size_t n, const struct run_opts *o, unsigned jobs,
		 tree_take_fn *take, void *arg);

#endif
