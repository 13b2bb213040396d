/* SPDX-License-Identifier: MIT */
/*
 * srcpos.h - source positions of a DTS board, read from dtc's annotated
 * output (`dtc -O dts -T -T`): each node and property line there ends with
 * a comment listing every place that set it, oldest first. The positions
 * go into the board model (nodes, properties, /chosen/bootargs, memory)
 * and from there into the findings that name them.
 */
#ifndef CMALINT_SRCPOS_H
#define CMALINT_SRCPOS_H

#include <stddef.h>

#include "board.h"
#include "report.h"

/* One place dtc reports: file and the span first_line.first_col-last_line.last_col. */
struct srcspan {
	char *file;
	int line, column;
	int last_line, last_column;
};

/* A node (prop NULL) or property of the annotated tree and its spans, oldest first. */
struct srcpos_entry {
	char *path;
	char *prop;
	struct srcspan *spans;
	size_t nspans;
};

struct srcpos_table {
	struct srcpos_entry *e;
	size_t n, cap;
};

/*
 * srcpos_parse - read dtc's annotated DTS @text into @t (sorted for lookup).
 * @from, @to: a file name to report differently (the "./-x.dts" given to
 * cpp for "-x.dts"), or NULL.
 */
void srcpos_parse(struct srcpos_table *t, const char *text, const char *from, const char *to);
/* The entry for node @path and property @prop (NULL for the node), or NULL. */
const struct srcpos_entry *srcpos_find(const struct srcpos_table *t, const char *path, const char *prop);
void srcpos_release(struct srcpos_table *t);

/* Fill the board model's locations from @t (overlay-set locations are kept). */
void srcpos_fill_board(struct board *b, const struct srcpos_table *t);

/*
 * board_locate - for DTS input, compile the kept source once more with
 * annotations (only when a finding names a node of the model), fill the
 * model's locations and give every such finding its location and the
 * earlier definitions as related locations. Always drops the kept source.
 */
void board_locate(struct board *b, struct report *r);

#endif
