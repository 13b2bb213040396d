/* SPDX-License-Identifier: MIT */
/*
 * dts.h - compile device-tree source the way the kernel build does:
 * `cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp` then `dtc`,
 * run as child processes with an argument vector (never a shell).
 */
#ifndef CMALINT_DTS_H
#define CMALINT_DTS_H

#include <stddef.h>

/*
 * dts_compile - preprocess and compile @path into a DTB in memory.
 * @include_dirs: NULL-terminated -I directories (may be NULL).
 * returns: the blob (free() it) and its size in @len, or NULL with a
 * one-line message in @err naming the file and what the compiler said.
 */
void *dts_compile(const char *path, const char *const *include_dirs, size_t *len, char *err, size_t errlen);

/*
 * run_argv - run @argv with stdout to @out_path and stderr to @err_path
 * (either may be NULL for /dev/null). returns: the exit status, 127 when
 * the program cannot be started, or 128 + signal.
 */
int run_argv(const char *const *argv, const char *out_path, const char *err_path);

#endif
