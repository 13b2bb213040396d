/* SPDX-License-Identifier: MIT */
/*
 * fuzz_util.h - what the fuzz targets share: the entry point libFuzzer
 * calls, checks that turn a wrong result into a crash (so libFuzzer
 * records the input), and checks on the documents cmalint writes.
 */
#ifndef CMALINT_FUZZ_UTIL_H
#define CMALINT_FUZZ_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* fuzz_fail - report a broken invariant and abort, so the input is kept. */
void NORETURN PRINTF(1, 2) fuzz_fail(const char *fmt, ...);
#define FUZZ_CHECK(cond, ...) do { if (!(cond)) fuzz_fail(__VA_ARGS__); } while (0)

/* fuzz_cstr - @data as an allocated NUL-terminated string (cut at the first NUL). */
char *fuzz_cstr(const uint8_t *data, size_t size);

/* fuzz_utf8_valid - true when @s[0..len) is well-formed UTF-8. */
bool fuzz_utf8_valid(const char *s, size_t len);

/* fuzz_check_error - an input error must be one non-empty line. */
void fuzz_check_error(const char *msg);

/*
 * fuzz_parse_json - @text must be well-formed UTF-8 and JSON; returns the
 * parsed document (free with cJSON_Delete).
 */
cJSON *fuzz_parse_json(const char *text, size_t len);

struct board_result;
struct run_opts;

/*
 * fuzz_lint - the pipeline after the input, as `cmalint check` runs it,
 * on a board loaded from @fdt into @res (board_load_blob()), then both
 * emitters. Checks: an error is one line; the JSON report parses, is
 * UTF-8, and lists one region per /reserved-memory child and
 * /memreserve/ entry libfdt sees in @fdt; summary counts match findings.
 * Releases @res.
 */
void fuzz_lint(struct board_result *res, const struct run_opts *o, const void *fdt);

#endif
