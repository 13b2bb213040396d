/* SPDX-License-Identifier: MIT */
/*
 * fdtindex.h - one pass over a validated blob (libfdt's fdt_next_tag())
 * that records every node (offset, name, depth, parent, children) and
 * every property (name, value), so that the board loader's lookups by
 * path, phandle, property and parent read arrays instead of walking the
 * blob again. Part of the board loader: nothing after the board model
 * sees it. Names and values point into the blob, which must outlive it.
 */
#ifndef CMALINT_FDTINDEX_H
#define CMALINT_FDTINDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct fdt_iprop {
	const char *name;
	const void *value;
	int len;
};

struct fdt_inode {
	int offset;		/* in the structure block, as libfdt numbers nodes */
	int depth;		/* the root is 0 */
	int parent;		/* index, -1 for the root */
	int first_child;	/* index, -1 when none */
	int next_sibling;	/* index, -1 when none */
	int last_child;		/* while building */
	const char *name;	/* "" for the root, "memory@80000000" */
	size_t prop0, nprops;	/* this node's properties, in blob order */
};

struct fdt_iphandle {
	uint32_t phandle;
	int node;
};

struct fdt_index {
	const void *fdt;
	struct fdt_inode *nodes;	/* in blob order: nodes[0] is the root */
	size_t nnodes, cnodes;
	struct fdt_iprop *props;
	size_t nprops, cprops;
	struct fdt_iphandle *phandles;	/* sorted by phandle, then blob order */
	size_t nphandles;
};

/*
 * fdt_index_build - index @fdt, which fdt_blob_validate() accepted.
 * returns: 0, or a negative libfdt error code (nothing indexed).
 */
int fdt_index_build(struct fdt_index *ix, const void *fdt);
void fdt_index_release(struct fdt_index *ix);

/* The value of property @name of node @n (first of that name, as fdt_getprop()), or NULL. */
const void *fdt_index_getprop(const struct fdt_index *ix, int n, const char *name, int *len);
/* fdt_get_phandle(): "phandle", else "linux,phandle", of 4 bytes; 0 when none. */
uint32_t fdt_index_phandle(const struct fdt_index *ix, int n);
/* fdt_node_offset_by_phandle(): the first node in blob order with phandle @ph, or -1. */
int fdt_index_by_phandle(const struct fdt_index *ix, uint32_t ph);
/*
 * The node of absolute @path ("/chosen"), matched as fdt_path_offset()
 * does (a component without '@' also matches "name@unit"); -1 when none.
 */
int fdt_index_path(const struct fdt_index *ix, const char *path);
/* The first node in blob order whose compatible lists @compat, or -1. */
int fdt_index_compatible(const struct fdt_index *ix, const char *compat);
/*
 * The full path of node @n in @buf as fdt_get_path() writes it; false
 * when it does not fit in @buflen bytes (fdt_get_path()'s -FDT_ERR_NOSPACE).
 */
bool fdt_index_node_path(const struct fdt_index *ix, int n, char *buf, size_t buflen);

#define fdt_index_for_each_child(ix, child, n) \
	for ((child) = (ix)->nodes[(n)].first_child; (child) >= 0; (child) = (ix)->nodes[(child)].next_sibling)

#endif
