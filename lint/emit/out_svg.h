/* SPDX-License-Identifier: MIT */
/*
 * out_svg.h - the memory map picture of one board (docs/memmap.md), for
 * the svg emitter, --map and the html page.
 */
#ifndef CMALINT_OUT_SVG_H
#define CMALINT_OUT_SVG_H

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
 * svg_write_map - write the maps of @run's boards for --map @path: one
 * board to the file @path, or one file per board into the directory @path
 * (an existing directory, or a name ending in '/', created when missing),
 * named after each input with '.svg'. On failure prints one line on stderr
 * and returns -1.
 */
int svg_write_map(const char *path, const struct board_result *boards, size_t nboards);

/* True when --map @path names a directory (existing, or ending in '/'). */
bool svg_map_is_dir(const char *path);

#endif
