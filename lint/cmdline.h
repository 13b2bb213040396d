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
	char *source;		/* where it came from: "/chosen/bootargs", "--bootargs", ... */
	struct cma_arg *cma;	/* every `cma=` before "--", in order */
	size_t ncma;
	size_t cma_cap;
	size_t cma_after_dashdash;	/* `cma=` after "--": passed to init, not the kernel */
	struct cma_cmdline resolved;
};

/* cmdline_parse - split @value like the kernel's parse_args() and decode every `cma=`. */
void cmdline_parse(struct cmdline *cl, const char *value, const char *source);
void cmdline_release(struct cmdline *cl);

#endif
