/* SPDX-License-Identifier: MIT */
/*
 * cmdline.h - the kernel command line as the kernel's early-parameter code
 * reads it, and the `cma=` parameter decoded the way early_cma() and
 * memparse() decode it, with everything a rule needs to say where the
 * user's intent and the kernel's reading part ways.
 */
#ifndef CMALINT_CMDLINE_H
#define CMALINT_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "srcloc.h"

/* One number read by memparse(). */
struct memparse_result {
	uint64_t value;		/* what the kernel computes (wrapped like the kernel on overflow) */
	size_t consumed;	/* characters read, digits and suffix */
	bool digits;		/* at least one digit was read */
	bool hex;		/* "0x" prefix */
	bool octal;		/* leading 0 followed by a digit: read as octal */
	bool suffix;		/* K M G T P E (either case) */
	bool overflow;		/* the value does not fit in 64 bits */
};

/*
 * cl_memparse - read a number like the kernel's memparse(): base from the
 * prefix (0x hex, 0 octal, else decimal), then an optional binary suffix.
 */
void cl_memparse(const char *s, struct memparse_result *out);

/*
 * cl_parse_size - a size given to cmalint ("64M", "0x4000000", "2G"): read
 * like memparse, but strictly: digits, an optional suffix and nothing else,
 * within 64 bits. returns: 0, or -1 when @s is not such a size.
 */
int cl_parse_size(const char *s, uint64_t *out);

/* One `cma=` occurrence on the command line. */
struct cma_arg {
	char *text;		/* the value after "cma=" (quotes removed); NULL for a bare "cma" */
	unsigned index;		/* 0-based occurrence number */
	size_t offset;		/* byte offset of the parameter in the command line */
	struct memparse_result size, base, limit;
	bool has_base;		/* '@' present */
	bool has_limit;		/* '-' after the base */
	const char *trailing;	/* points into text: what the kernel ignores, or NULL */
	bool empty;		/* "cma=" with nothing after it */
	const char *source;	/* where this occurrence was written: "uEnv.txt:3", "/chosen/bootargs",
				   "e2000q.config: CONFIG_CMDLINE" (points into struct cmdline) */
	bool from_config;	/* it came from CONFIG_CMDLINE */
	const struct srcloc *loc;	/* the piece's location (file NULL when unknown) */
};

/* One `mem=` occurrence: mem=SIZE (arm64, riscv) or mem=SIZE[@START] (arm). */
struct mem_arg {
	char *text;		/* the value after "mem=" */
	size_t offset;		/* byte offset of the parameter in the command line */
	struct memparse_result size, base;
	bool has_base;		/* '@' present */
	const char *source;	/* where it was written (points into struct cmdline) */
	const struct srcloc *loc;
};

/* A stretch of the command line and where it came from. */
struct cmdline_piece {
	size_t start, len;	/* byte range in cmdline.value */
	char *source;
	bool from_config;	/* CONFIG_CMDLINE */
	struct srcloc loc;	/* file and line where it is written; file NULL when unknown */
};

/* The `cma=` state after all occurrences ran, as early_cma() leaves it. */
struct cma_cmdline {
	bool given;		/* at least one occurrence was parsed (size_cmdline != -1) */
	uint64_t size;
	uint64_t base;
	uint64_t limit;
	bool limit_overflow;	/* base + size wrapped */
	bool fixed;		/* base + size == limit (and base != 0) */
	int size_from;		/* occurrence index that set size, -1 */
	int base_from;		/* occurrence index that set base/limit, -1 */
};

struct cmdline {
	char *value;		/* the whole command line */
	char *source;		/* where it came from: "/chosen/bootargs", "--bootargs", "uEnv.txt:3",
				   or the pieces joined with " + " */
	struct cmdline_piece *pieces;	/* at least one */
	size_t npieces;
	/*
	 * CONFIG_CMDLINE_FORCE: the bootloader's command line the kernel
	 * discards (parsed the same way), or NULL.
	 */
	struct cmdline *discarded;
	struct cma_arg *cma;	/* every `cma=` before "--", in order */
	size_t ncma;
	size_t cma_cap;
	size_t cma_after_dashdash;	/* `cma=` after "--": passed to init, not the kernel */
	struct mem_arg *mem;	/* every `mem=` before "--", in order */
	size_t nmem;
	size_t mem_cap;
	struct cma_cmdline resolved;
};

/* cmdline_parse - split @value like the kernel's parse_args() and decode every `cma=`. */
void cmdline_parse(struct cmdline *cl, const char *value, const char *source);
/*
 * cmdline_parse_pieces - the same for a command line assembled from
 * @npieces pieces (ranges of @value, each with its source); every `cma=`
 * records the source of the piece it lies in. The pieces are copied.
 */
void cmdline_parse_pieces(struct cmdline *cl, const char *value, const struct cmdline_piece *pieces,
			  size_t npieces);
/* "'cma=64M' (uEnv.txt:3)": an occurrence and where it came from. */
char *cma_arg_desc(const struct cma_arg *a);
void cmdline_release(struct cmdline *cl);

#endif
