/* SPDX-License-Identifier: MIT */
/*
 * overlay.h - apply device-tree overlays (--overlay, in order) to a base
 * blob with libfdt, and record which overlay created or last changed each
 * node and property that the board model reads.
 */
#ifndef CMALINT_OVERLAY_H
#define CMALINT_OVERLAY_H

#include <stddef.h>

#include "fdtutil.h"

/* @overlay created the node @path (prop NULL) or set its property @prop. */
struct ovl_change {
	char *path;
	char *prop;
	const char *overlay;
};

struct ovl_log {
	struct ovl_change *c;
	size_t n, cap;
};

/*
 * overlay_apply_all - apply every overlay of @o (a .dtbo, or a .dtso/.dts
 * compiled first) to *@blob, which is replaced by the merged tree.
 * @base: the base's name for messages. returns: 0, or -1 with one line in
 * @err naming the overlay and libfdt's reason.
 */
int overlay_apply_all(void **blob, size_t *len, const char *base, const struct load_opts *o,
		      struct ovl_log *log, char *err, size_t errlen);

/*
 * overlay_check - load @path as overlay_apply_all() does, before any board:
 * 0 when it is an overlay; 1 when it is a tree without fragments or
 * fixups (a board), -1 when it cannot be read or compiled; @err holds
 * one line.
 */
int overlay_check(const char *path, const struct load_opts *o, char *err, size_t errlen);

/* The last overlay that created node @path or set its @prop (any property when NULL). */
const char *ovl_log_find(const struct ovl_log *l, const char *path, const char *prop);
/* The overlay that created node @path, or NULL. */
const char *ovl_log_created(const struct ovl_log *l, const char *path);
void ovl_log_release(struct ovl_log *l);

#endif
