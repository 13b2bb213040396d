/* SPDX-License-Identifier: MIT */
/*
 * fdtutil.h - what reading a device tree needs before any model: the
 * load options, the input's name, an untrusted blob's checks and libfdt's
 * errors in words.
 */
#ifndef CMALINT_FDTUTIL_H
#define CMALINT_FDTUTIL_H

#include <stdbool.h>
#include <stddef.h>

/* True when @buf starts with the DTB magic. */
bool fdt_is_dtb(const void *buf, size_t len);

/* The input's format as detected from its name or content. */
enum input_kind { INPUT_DTB, INPUT_DTS };

struct ram_bank;

struct load_opts {
	const char *const *include_dirs;	/* -I, NULL-terminated */
	const char *const *overlays;	/* --overlay, NULL-terminated */
	const struct ram_bank *ram;	/* --ram banks (node NULL) */
	size_t nram;
	/* The input "-": standard input, read once before any board (NULL: not given). */
	const void *stdin_data;
	size_t stdin_len;
};

/* The input "-" reads standard input and is reported under this name, as gcc and cpp do. */
#define CMALINT_STDIN_ARG "-"
#define CMALINT_STDIN_NAME "<stdin>"

/* The name an input is reported under: "<stdin>" for "-", else @path. */
const char *input_name(const char *path);

/*
 * fdt_blob_validate - check an untrusted blob before anything walks it:
 * magic, size limit, version 16 or later, header, structure tags that
 * advance (libfdt 1.6.1 loops on a negative property length), then
 * fdt_check_full(). @name names it in the message. returns: 0, or -1 with
 * one line in @err.
 */
int fdt_blob_validate(const char *name, const void *blob, size_t len, char *err, size_t errlen);

/*
 * fdt_error_text - a libfdt error code (-FDT_ERR_* or FDT_ERR_*) as a
 * lowercase phrase for messages; fdt_strerror() names are not shown to users.
 */
const char *fdt_error_text(int err);

#endif
