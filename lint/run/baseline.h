/* SPDX-License-Identifier: MIT */
/*
 * baseline.h - accepted findings (--baseline FILE) and recording the
 * current ones (--write-baseline FILE). An entry is keyed by rule, board
 * (the input path as given), node path and property, never by line:
 *
 *   {"version": 1, "findings": [{"rule", "board", "node", "property", "message"}]}
 *
 * A finding with a matching entry is hidden; an entry of a board in the
 * run that matches no finding is stale (rule baseline_stale), so the file
 * only shrinks until it is written again.
 */
#ifndef CMALINT_BASELINE_H
#define CMALINT_BASELINE_H

#include <stdbool.h>
#include <stddef.h>

#include "accepted.h"
#include "run.h"


struct baseline {
	char *path;
	struct baseline_entry *e;
	size_t n, cap;
};

/*
 * baseline_load - read @path into @b (left empty on failure).
 * returns: 0; or -1 with one line in @err naming the file and what is
 * wrong (unreadable, invalid JSON, unknown version, an entry without a
 * rule or board, a field of the wrong type).
 */
int baseline_load(struct baseline *b, const char *path, char *err, size_t errlen);
void baseline_release(struct baseline *b);

/*
 * baseline_write - record every finding of @boards (except the late rules')
 * in @path, sorted, as the JSON above. returns: 0; or -1 with @err set.
 */
int baseline_write(const char *path, const struct board_result *boards, size_t nboards, char *err,
		   size_t errlen);
/* The same over a list of boards. */
int baseline_write_list(const char *path, const struct board_result *const *boards, size_t nboards,
			char *err, size_t errlen);

/*
 * baseline_apply - hide the findings of @res that an unused entry of @b
 * matches (same message first, then any message). Returns how many.
 */
size_t baseline_apply(struct baseline *b, struct board_result *res);

#endif
