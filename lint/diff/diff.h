/* SPDX-License-Identifier: MIT */
/*
 * diff.h - `cmalint diff OLD NEW`: the boards of two runs of the same
 * pipeline, matched (by relative path for trees), their regions matched
 * by name (node path, "cma=", "CONFIG_CMA_SIZE_MBYTES", "/memreserve/#N")
 * and their findings by fingerprint, so a change shows as regions added,
 * removed, resized, moved or changing status, the change of CMA total and
 * headroom, and the findings it brings and fixes (docs/diff.md).
 */
#ifndef CMALINT_DIFF_H
#define CMALINT_DIFF_H

#include <stdbool.h>
#include <stdio.h>

#include "emit.h"

/* One side of the comparison: a run and the name its boards hang from. */
struct diff_side {
	const char *label;		/* OLD or NEW as given ("v1.2:board.dts", "old/") */
	const struct emit_run *run;
	const char *root;		/* a directory input: the prefix stripped from board paths, or NULL */
};

enum diff_format { DF_TEXT, DF_JSON, DF_MARKDOWN, DF_HTML };

/* diff_format_parse - 0 and *out for "text", "json", "markdown", "html"; -1 otherwise. */
int diff_format_parse(const char *s, enum diff_format *out);

/*
 * diff_emit - compare @old and @new and write the result in @fmt. *new_at
 * receives the number of new findings at or above @fail_on. Returns 0, or
 * -1 when the output cannot be written.
 */
int diff_emit(FILE *out, enum diff_format fmt, const struct diff_side *old, const struct diff_side *new,
	      enum severity fail_on, size_t *new_at);

#endif
