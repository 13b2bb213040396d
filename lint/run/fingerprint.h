/* SPDX-License-Identifier: MIT */
/*
 * fingerprint.h - what identifies a finding across runs: its rule, its
 * board (the input path as given, without a leading "./"), its node path
 * and property. Never a line number, so a finding keeps its identity when
 * the source moves and on DTB input, which has no lines.
 */
#ifndef CMALINT_FINGERPRINT_H
#define CMALINT_FINGERPRINT_H

#include <stddef.h>
#include <stdint.h>

#include "run.h"

/* The board part of the key: @input without leading "./" (points into @input). */
const char *board_key(const char *input);

/* FNV-1a, 64 bits, continued from @h (start with FNV1A64_INIT). */
#define FNV1A64_INIT UINT64_C(0xcbf29ce484222325)
uint64_t fnv1a64(uint64_t h, const void *data, size_t len);

/*
 * finding_fingerprint - 16 hex digits of FNV-1a over rule, board, node and
 * property of finding @i of @r; the second and later findings with the same
 * key on the board also hash their rank among them, so each is unique.
 */
#define FINGERPRINT_LEN 17
void finding_fingerprint(const struct board_result *r, size_t i, char out[FINGERPRINT_LEN]);

#endif
