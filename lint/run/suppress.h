/* SPDX-License-Identifier: MIT */
/*
 * suppress.h - what the driver does once every board is linted: hide the
 * findings the configuration's suppressions cover, then those the
 * baseline accepts, and run the late rules over what is left over
 * (suppressions that hid nothing, baseline entries that match nothing).
 */
#ifndef CMALINT_SUPPRESS_H
#define CMALINT_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "baseline.h"
#include "config.h"
#include "run.h"

/*
 * suppress_board - apply the suppressions of @r's configuration to @r, the
 * board at @index of the run's inputs; boards are given in input order.
 * Sets the board's suppressed count and each suppression's
 * matched/applied/first_board.
 */
void suppress_board(struct board_result *r, size_t index);
/* suppress_run - suppress_board() over every board of a run. */
void suppress_run(struct board_result *boards, size_t nboards);
/* True when @input is in the scope (its "board" glob) of @s. */
bool suppress_in_scope(const struct cfg_suppression *s, const char *input);

/*
 * late_board - the late rules over @r, the board at @index: the unused
 * suppressions whose first board it is, and the entries of @baseline (may
 * be NULL) for its input that matched nothing. Call it once every board a
 * suppression of its configuration covers, and every input with the same
 * baseline key, has been through suppress_board() and baseline_apply().
 */
void late_board(struct board_result *r, size_t index, const struct baseline *baseline);
/*
 * late_run - apply @baseline (may be NULL) to every board, then
 * late_board() over each.
 */
void late_run(struct board_result *boards, size_t nboards, struct baseline *baseline);

#endif
