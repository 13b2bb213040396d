/* SPDX-License-Identifier: MIT */
/*
 * out_svg.h - the memory map picture of one board (docs/memmap.md), for
 * the svg emitter, --map and the html page.
 */
#ifndef CMALINT_OUT_SVG_H
#define CMALINT_OUT_SVG_H

#include "emit.h"
#include "run.h"
#include "util.h"

/*
 * svg_board - append the memory map of @r as one <svg> element. Every id
 * in it starts with @pfx ("" for a standalone picture), so several maps
 * can share one document. @width and @height receive its size in pixels.
 */
void svg_board(struct strbuf *sb, const struct board_result *r, const char *pfx, double *width,
	       double *height);

/* sb_add_xml - append @s with &, <, >, " and ' escaped for XML text and attributes. */
void sb_add_xml(struct strbuf *sb, const char *s);

/*
 * --map @path, board by board: one file (@path, the document of --format
 * svg), or one file per board into the directory @path (an existing
 * directory, or a name ending in '/', created at the first board), named
 * after each input with '.svg'. Failures print one line on stderr and
 * return -1.
 */
struct svg_map {
	const char *path;
	bool dir, opened;
	FILE *file;
	struct emit_doc *doc;
};
void svg_map_init(struct svg_map *m, const char *path);
/* svg_map_open - create the file or the directory now (else at the first board); 0 or -1. */
int svg_map_open(struct svg_map *m);
int svg_map_board(struct svg_map *m, const struct board_result *r, size_t index);
int svg_map_close(struct svg_map *m);
/*
 * svg_map_clash - true when two of @inputs (NULL entries skipped) would be
 * drawn to the same file of the directory @path; with @report, says which.
 */
bool svg_map_clash(const char *path, const char *const *inputs, size_t n, bool report);

/* True when --map @path names a directory (existing, or ending in '/'). */
bool svg_map_is_dir(const char *path);

#endif
