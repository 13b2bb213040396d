/* SPDX-License-Identifier: MIT */
/*
 * checkstream.h - check's run over its inputs, written as it goes: each
 * board's part of the report (and of --map) is written once it and every
 * board before it are linted and its late rules can run, then the board is
 * freed. A board waits only while a later board can still change its
 * findings: a suppression of its configuration that has hidden nothing
 * yet (its finding belongs to the first board it covers) until the last
 * input it covers, an input with the same baseline key, and, with
 * --write-baseline or when two inputs could draw to one --map file, the
 * whole run (nothing is written when that fails).
 */
#ifndef CMALINT_CHECKSTREAM_H
#define CMALINT_CHECKSTREAM_H

#include "check_args.h"
#include "runfiles.h"
#include "tree.h"

/* check_stream - lint @in and write the report; the exit status. */
int check_stream(struct check_args *a, struct run_files *rf, const struct tree_input *in, size_t n);

#endif
