/* SPDX-License-Identifier: MIT */
/*
 * suppress.h - what the driver does once every board is linted: hide the
 * findings the configuration's suppressions cover, then those the
 * baseline accepts, and run the late rules over what is left over
 * (suppressions that hid nothing, baseline entries that match nothing).
 */
#ifndef CMALINT_SUPPRESS_H
#define CMALINT_SUPPRESS_H

#include <stddef.h>

#include "baseline.h"
#include "config.h"
#include "run.h"

/*
 * suppress_run - apply the suppressions of each configuration in
 * @configs to the boards linted with it; sets each board's suppressed
 * count and each suppression's matched/applied/first_board.
 */
void suppress_run(struct board_result *boards, size_t nboards, struct config *const *configs,
		  size_t nconfigs);

/*
 * late_run - apply @baseline (may be NULL) to every board, then report
 * unused suppressions (on the first board in their scope) and stale
 * baseline entries (on their board) through the late rules.
 */
void late_run(struct board_result *boards, size_t nboards, struct config *const *configs,
	      size_t nconfigs, struct baseline *baseline);

#endif
