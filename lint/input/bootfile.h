/* SPDX-License-Identifier: MIT */
/*
 * bootfile.h - the kernel command line as a bootloader file gives it:
 * U-Boot environment text and boot scripts, extlinux.conf, grub.cfg,
 * Raspberry Pi cmdline.txt and /proc/cmdline. Each parser returns the
 * command line and where it was written ("uEnv.txt:3",
 * "extlinux.conf:12 (label linux)").
 */
#ifndef CMALINT_BOOTFILE_H
#define CMALINT_BOOTFILE_H

#include <stddef.h>

enum bootfile_format { BF_AUTO, BF_UENV, BF_EXTLINUX, BF_GRUB, BF_CMDLINE };

struct bootfile_result {
	char *value;		/* the command line */
	char *source;		/* "uEnv.txt:3", "grub.cfg:14 (menuentry 'Debian')" */
	char *file;		/* the path as given */
	int line;		/* line of the definition, 1-based */
	char *label;		/* the extlinux label / grub menuentry chosen, or NULL */
};

/* Limits (docs/limits.md). */
#define BOOTFILE_MAX_BYTES (1u << 20)
#define BOOTFILE_MAX_DEPTH 16		/* ${var} expansion depth */

/* "uenv", "extlinux", "grub", "cmdline" (also "cmdline.txt", "proc"): 0, or -1. */
int bootfile_format_parse(const char *s, enum bootfile_format *out);
const char *bootfile_format_name(enum bootfile_format f);
/* bootfile_detect - guess the format of @text, BF_AUTO when none fits. */
enum bootfile_format bootfile_detect(const char *text);

/*
 * The parsers. @name is the file name used in sources and messages,
 * @label selects an extlinux label / grub menuentry (NULL: the default).
 * Each returns 0, or -1 with one line "NAME:LINE: problem" in @err.
 */
int bootfile_parse_uenv(const char *name, const char *text, struct bootfile_result *out,
			char *err, size_t errlen);
int bootfile_parse_extlinux(const char *name, const char *text, const char *label,
			    struct bootfile_result *out, char *err, size_t errlen);
int bootfile_parse_grub(const char *name, const char *text, const char *label,
			struct bootfile_result *out, char *err, size_t errlen);
int bootfile_parse_cmdline(const char *name, const char *text, struct bootfile_result *out,
			   char *err, size_t errlen);

/*
 * bootfile_read - read @path and parse it as @fmt (BF_AUTO: detected).
 * Returns 0, or -1 with a one-line message naming the file in @err.
 */
int bootfile_read(const char *path, enum bootfile_format fmt, const char *label,
		  struct bootfile_result *out, char *err, size_t errlen);
void bootfile_result_release(struct bootfile_result *r);

#endif
