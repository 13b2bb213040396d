/* SPDX-License-Identifier: MIT */
/*
 * accepted.h - a finding the user accepted: one entry of a baseline
 * (--baseline), keyed by rule, board, node and property, never by line.
 * The baseline (lint/run/baseline.c) reads and matches them; the late rule
 * baseline_stale reports those that match nothing.
 */
#ifndef CMALINT_ACCEPTED_H
#define CMALINT_ACCEPTED_H

#include <stdbool.h>

struct baseline_entry {
	char *rule;
	char *board;
	char *node;		/* or NULL */
	char *property;		/* or NULL */
	char *message;
	bool used;		/* hid a finding in this run */
};

#endif
