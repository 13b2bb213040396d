/* SPDX-License-Identifier: MIT */
/*
 * dts.h - compile device-tree source the way the kernel build does:
 * `cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp` then `dtc`,
 * run as child processes with an argument vector (never a shell).
 */
#ifndef CMALINT_DTS_H
#define CMALINT_DTS_H

#include <stdbool.h>
#include <stddef.h>

struct dts_opts {
	const char *const *include_dirs;	/* -I, NULL-terminated (may be NULL) */
	bool symbols;			/* dtc -@: keep labels for overlays */
	/*
	 * Source already in memory (standard input), or NULL: then the path
	 * only names it, cpp reads it on its standard input and its line
	 * markers, hence messages and locations, say "<stdin>".
	 */
	const void *text;
	size_t text_len;
};

/*
 * A compiled DTS kept for a later annotated pass: the preprocessed text in
 * a private temporary directory (removed by dts_unit_release()).
 */
struct dts_unit {
	char *dir;		/* temporary directory with pp.dts */
	char *input;		/* the path as given */
	char *safe;		/* the path given to cpp ("./-x.dts" for a leading '-') */
	char *srcdir;		/* its directory, for dtc's /include/ */
	const char *const *include_dirs;
};

/*
 * dts_compile - preprocess and compile @path into a DTB in memory.
 * @include_dirs: NULL-terminated -I directories (may be NULL).
 * returns: the blob (free() it) and its size in @len, or NULL with a
 * one-line message in @err naming the file and what the compiler said.
 */
void *dts_compile(const char *path, const char *const *include_dirs, size_t *len, char *err, size_t errlen);

/*
 * dts_compile_ex - dts_compile() with options; with @keep non-NULL the
 * preprocessed text is kept there for dts_annotate() (release it with
 * dts_unit_release(), also on failure it is left empty).
 */
void *dts_compile_ex(const char *path, const struct dts_opts *o, struct dts_unit *keep,
		     size_t *len, char *err, size_t errlen);

/*
 * dts_annotate - compile the kept text again as `dtc -O dts -T -T`: dtc's
 * own source with every node and property followed by a comment listing
 * the places that set it. returns: the text (free() it) or NULL with @err.
 */
char *dts_annotate(const struct dts_unit *u, char *err, size_t errlen);
void dts_unit_release(struct dts_unit *u);

/*
 * dts_text_is_source - whether @buf (not a DTB: no FDT magic) reads as
 * device-tree source: text without NUL bytes that holds a "/dts-v1/" tag
 * or an include ("#include", "/include/"), as every board file does.
 */
bool dts_text_is_source(const void *buf, size_t len);

/*
 * run_argv - run @argv with stdout to @out_path and stderr to @err_path
 * (either may be NULL for /dev/null). returns: the exit status, 127 when
 * the program cannot be started, or 128 + signal.
 */
int run_argv(const char *const *argv, const char *out_path, const char *err_path);
/* run_argv_in - run_argv() with standard input from @in_path (NULL: /dev/null). */
int run_argv_in(const char *const *argv, const char *in_path, const char *out_path, const char *err_path);

#endif
