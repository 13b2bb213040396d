// SPDX-License-Identifier: MIT
#include "board.h"

#include <ctype.h>
#include <errno.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "dts.h"
#include "fdtindex.h"
#include "livetree.h"
#include "overlay.h"
#include "util.h"

static uint32_t be32(const void *p)
{
	const uint8_t *b = p;

	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/*
 * Read @cells big-endian cells as the kernel's dt_mem_next_cell() does:
 * shift in each cell, keeping the low 64 bits.
 */
static uint64_t read_cells(const uint8_t **pp, uint32_t cells)
{
	uint64_t v = 0;

	for (uint32_t i = 0; i < cells; i++) {
		v = (v << 32) | be32(*pp);
		*pp += 4;
	}
	return v;
}

static bool prop_u32(const struct fdt_index *ix, int node, const char *name, uint32_t *out)
{
	int len;
	const void *p = fdt_index_getprop(ix, node, name, &len);

	if (!p || len != 4)
		return false;
	*out = be32(p);
	return true;
}

/* of_device_is_available(): no status, or exactly "okay" or "ok". */
static bool node_available(const struct fdt_index *ix, int node)
{
	int len;
	const char *status = fdt_index_getprop(ix, node, "status", &len);

	return !status || (len == 5 && !memcmp(status, "okay", 5)) || (len == 3 && !memcmp(status, "ok", 3));
}

/*
 * A device the kernel creates: the node and every ancestor available (a
 * disabled parent's children are never populated or probed).
 */
static bool node_enabled(const struct fdt_index *ix, int node)
{
	for (int n = node; n > 0; n = ix->nodes[n].parent)
		if (!node_available(ix, n))
			return false;
	return true;
}

static char **string_list(const struct fdt_index *ix, int node, const char *name, size_t *count)
{
	int len;
	const char *p = fdt_index_getprop(ix, node, name, &len);
	char **list = NULL;
	size_t n = 0, cap = 0;

	*count = 0;
	if (!p || len <= 0)
		return NULL;
	for (int off = 0; off < len;) {
		size_t l = strnlen(p + off, (size_t)(len - off));

		*ARRAY_PUSH(list, n, cap) = xstrndup(p + off, l);
		off += (int)l + 1;
	}
	*count = n;
	return list;
}

static void free_string_list(char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

/*
 * The first control character in a name, or -1. Names go into messages
 * and reports: a newline or an escape sequence in one could forge lines.
 */
static int control_char(const char *name)
{
	for (const char *c = name; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			return (unsigned char)*c;
	return -1;
}

static char *node_path(const struct fdt_index *ix, int node)
{
	char buf[1024];

	if (!fdt_index_node_path(ix, node, buf, sizeof(buf)))
		return xstrdup("?");
	return xstrdup(buf);
}

/* Decode (addr, size) pairs; false when the length is not whole pairs. */
static bool decode_pairs(const void *p, int len, uint32_t ac, uint32_t sc,
			 struct range **out, size_t *nout)
{
	size_t entry = (size_t)(ac + sc) * 4, n;
	const uint8_t *c = p;

	*out = NULL;
	*nout = 0;
	if (entry == 0 || len < 0 || (size_t)len % entry)
		return false;
	n = (size_t)len / entry;
	if (!n)
		return true;
	*out = xcalloc(n, sizeof(**out));
	for (size_t i = 0; i < n; i++) {
		(*out)[i].base = read_cells(&c, ac);
		(*out)[i].size = read_cells(&c, sc);
	}
	*nout = n;
	return true;
}

/*
 * dma-ranges (kernel-cma.md §3.3): arm64 sizes ZONE_DMA from the lowest
 * "highest CPU address" any bus can reach by DMA. Cell counts follow the
 * kernel's reading: a node's own #address-cells/#size-cells, else the
 * nearest ancestor's, else one cell each at the root.
 */
struct dma_walk {
	const struct fdt_index *ix;
	int anc[LIVETREE_MAX_DEPTH + 1];	/* anc[0] is the root, anc[d] the node at depth d */
	uint64_t min;
	int min_node;
};

static uint32_t inherited_cells(const struct dma_walk *w, int depth, const char *name)
{
	uint32_t v;

	for (int i = depth; i >= 0; i--)
		if (prop_u32(w->ix, w->anc[i], name, &v))
			return v;
	return 1;
}

static bool cells_ok(uint32_t c)
{
	return c >= 1 && c <= 4;
}

/*
 * Translate @addr, an address on the bus of the node at @depth, to the
 * root's (CPU) address space through the dma-ranges of that node and its
 * ancestors below the root. False when an entry does not cover it.
 */
static bool dma_translate(const struct dma_walk *w, int depth, uint64_t *addr)
{
	for (int d = depth; d >= 1; d--) {
		uint32_t ca = inherited_cells(w, d, "#address-cells"), cs = inherited_cells(w, d, "#size-cells");
		uint32_t pa = inherited_cells(w, d - 1, "#address-cells");
		const uint8_t *c;
		size_t entry, n;
		bool found = false;
		int len;

		c = fdt_index_getprop(w->ix, w->anc[d], "dma-ranges", &len);
		if (!c || len <= 0)
			continue;	/* absent or empty: one to one */
		if (!cells_ok(ca) || !cells_ok(cs) || !cells_ok(pa))
			return false;
		entry = (size_t)(ca + pa + cs) * 4;
		n = (size_t)len / entry;
		if (n > CMALINT_MAX_DMA_RANGES)
			n = CMALINT_MAX_DMA_RANGES;
		for (size_t i = 0; i < n && !found; i++) {
			uint64_t child = read_cells(&c, ca), parent = read_cells(&c, pa), size = read_cells(&c, cs);

			if (*addr >= child && *addr - child < size) {
				uint64_t off = *addr - child;

				if (parent > UINT64_MAX - off)
					return false;
				*addr = parent + off;
				found = true;
			}
		}
		if (!found)
			return false;
	}
	return true;
}

/* The highest CPU address the node at @depth's own dma-ranges reach; false when it sets none. */
static bool dma_node_max(const struct dma_walk *w, int depth, uint64_t *max)
{
	uint32_t na = inherited_cells(w, depth, "#address-cells"), ns = inherited_cells(w, depth, "#size-cells");
	uint32_t pna = depth ? inherited_cells(w, depth - 1, "#address-cells") : na;
	const uint8_t *c;
	size_t entry, n;
	bool any = false;
	int len;

	c = fdt_index_getprop(w->ix, w->anc[depth], "dma-ranges", &len);
	if (!c || len <= 0 || !cells_ok(na) || !cells_ok(ns) || !cells_ok(pna))
		return false;
	entry = (size_t)(na + pna + ns) * 4;
	n = (size_t)len / entry;	/* a trailing partial entry is not read */
	if (n > CMALINT_MAX_DMA_RANGES)
		n = CMALINT_MAX_DMA_RANGES;
	*max = 0;
	for (size_t i = 0; i < n; i++) {
		uint64_t cpu, size, last;

		c += na * 4;	/* the child-bus address does not matter here */
		cpu = read_cells(&c, pna);
		size = read_cells(&c, ns);
		if (!size || !dma_translate(w, depth - 1, &cpu))
			continue;
		last = cpu > UINT64_MAX - (size - 1) ? UINT64_MAX : cpu + (size - 1);
		if (!any || last > *max)
			*max = last;
		any = true;
	}
	return any;
}

static void dma_walk_node(struct dma_walk *w, int depth)
{
	uint64_t max;
	int child;

	if (dma_node_max(w, depth, &max) && max < w->min) {
		w->min = max;
		w->min_node = w->anc[depth];
	}
	if (depth >= LIVETREE_MAX_DEPTH)
		return;
	fdt_index_for_each_child(w->ix, child, w->anc[depth]) {
		if (!node_available(w->ix, child))
			continue;	/* a disabled bus and everything below it */
		w->anc[depth + 1] = child;
		dma_walk_node(w, depth + 1);
	}
}

static uint64_t dma_max_cpu_addr(const struct fdt_index *ix, char **from)
{
	struct dma_walk w = { .ix = ix, .min = UINT64_MAX, .min_node = -1 };

	w.anc[0] = 0;
	dma_walk_node(&w, 0);
	if (from)
		*from = w.min_node >= 0 ? node_path(ix, w.min_node) : NULL;
	return w.min;
}

uint64_t dt_dma_max_cpu_addr(const void *fdt, char **from)
{
	struct fdt_index ix;
	uint64_t max;

	if (fdt_index_build(&ix, fdt)) {
		if (from)
			*from = NULL;
		return UINT64_MAX;
	}
	max = dma_max_cpu_addr(&ix, from);
	fdt_index_release(&ix);
	return max;
}

static void load_dma_ranges(struct board *b, const struct fdt_index *ix)
{
	b->dma_max_cpu_addr = dma_max_cpu_addr(ix, &b->dma_limit_node);
}

/* The hexadecimal unit address of a node name ("memory@80000000"); false if none. */
static bool unit_address(const char *name, uint64_t *addr)
{
	const char *at = name ? strchr(name, '@') : NULL;
	char *end;
	unsigned long long v;

	if (!at || !isxdigit((unsigned char)at[1]))
		return false;
	errno = 0;
	v = strtoull(at + 1, &end, 16);
	if (errno || *end)
		return false;
	*addr = v;
	return true;
}

static int load_ram(struct board *b, const struct fdt_index *ix, const struct load_opts *o,
		    char *err, size_t errlen)
{
	size_t cap = 0;
	int node;

	if (o && o->nram) {
		for (size_t i = 0; i < o->nram; i++) {
			struct ram_bank *r = ARRAY_PUSH(b->ram, b->nram, cap);

			*r = o->ram[i];
			r->node = xstrdup("--ram");
		}
		b->ram_from_cli = true;
		return 0;
	}
	/* Every enabled node with device_type = "memory" directly under the root. */
	fdt_index_for_each_child(ix, node, 0) {
		int len;
		const char *type = fdt_index_getprop(ix, node, "device_type", &len);
		const void *reg;
		struct range *rs;
		size_t nrs;

		if (!type || len <= 0 || strncmp(type, "memory", (size_t)len) != 0)
			continue;
		if (!node_available(ix, node))
			continue;
		reg = fdt_index_getprop(ix, node, "linux,usable-memory", &len);
		if (!reg || len <= 0)
			reg = fdt_index_getprop(ix, node, "reg", &len);
		if (!reg)
			continue;
		if (!decode_pairs(reg, len, b->root_addr_cells, b->root_size_cells, &rs, &nrs)) {
			char *path = node_path(ix, node);

			snprintf(err, errlen, "'%s': '%s' reg length %d is not a multiple of %u bytes",
				 b->input, path, len, (b->root_addr_cells + b->root_size_cells) * 4);
			free(path);
			return -1;
		}
		for (size_t i = 0; i < nrs; i++) {
			uint64_t end;
			struct ram_bank *r;

			if (!rs[i].size)
				continue;
			if (b->nram >= CMALINT_MAX_REGIONS) {
				snprintf(err, errlen, "'%s': more than %d memory banks", b->input, CMALINT_MAX_REGIONS);
				free(rs);
				return -1;
			}
			if (!range_end(rs[i].base, rs[i].size, &end)) {
				char *path = node_path(ix, node);

				snprintf(err, errlen, "'%s': '%s' bank at 0x%llx of size 0x%llx wraps past 2^64",
					 b->input, path, (unsigned long long)rs[i].base,
					 (unsigned long long)rs[i].size);
				free(path);
				free(rs);
				return -1;
			}
			r = ARRAY_PUSH(b->ram, b->nram, cap);
			r->base = rs[i].base;
			r->size = rs[i].size;
			r->node = node_path(ix, node);
			if (i == 0 && unit_address(ix->nodes[node].name, &r->unit_addr))
				r->unit_mismatch = r->unit_addr != r->base;
		}
		free(rs);
	}
	if (!b->nram)
		b->ram_placeholder = true;
	return 0;
}

/* A location in an overlay: the overlay's file, no line. */
static void overlay_loc(struct srcloc *l, const char *overlay)
{
	free(l->file);
	l->file = xstrdup(overlay);
	l->line = l->column = 0;
}

static int load_rmem_node(struct board *b, const struct fdt_index *ix, int node, const struct ovl_log *log,
			  char *err, size_t errlen)
{
	struct rmem_node *n;
	const char *status;
	const void *p;
	int len;
	size_t pcap = 0;
	uint32_t ac = b->root_addr_cells, sc = b->root_size_cells;

	n = ARRAY_PUSH(b->nodes, b->nnodes, b->nodes_cap);
	n->name = xstrdup(ix->nodes[node].name);
	/* fdt_get_path() walks from the root each time: quadratic over many children */
	n->path = xasprintf("%s/%s", b->rmem.path, n->name);
	n->offset = ix->nodes[node].offset;
	status = fdt_index_getprop(ix, node, "status", &len);
	n->status = status ? xstrndup(status, strnlen(status, (size_t)len)) : NULL;
	n->available = !n->status || !strcmp(n->status, "okay") || !strcmp(n->status, "ok");
	n->compatible = string_list(ix, node, "compatible", &n->ncompatible);

	p = fdt_index_getprop(ix, node, "reg", &len);
	if (p) {
		n->reg.present = true;
		n->reg.len = len;
		n->reg.valid = decode_pairs(p, len, ac, sc, &n->regs, &n->nregs);
	}
	p = fdt_index_getprop(ix, node, "size", &len);
	if (p) {
		const uint8_t *c = p;

		n->size.present = true;
		n->size.len = len;
		n->size.valid = (uint32_t)len == sc * 4 && sc > 0;
		if (n->size.valid)
			n->size_value = read_cells(&c, sc);
	}
	p = fdt_index_getprop(ix, node, "alignment", &len);
	if (p) {
		const uint8_t *c = p;

		n->alignment.present = true;
		n->alignment.len = len;
		n->alignment.valid = (uint32_t)len == ac * 4 && ac > 0;
		n->alignment_valid_size_cells = (uint32_t)len == sc * 4;
		if (n->alignment.valid)
			n->alignment_value = read_cells(&c, ac);
	}
	p = fdt_index_getprop(ix, node, "alloc-ranges", &len);
	if (p) {
		n->alloc_ranges.present = true;
		n->alloc_ranges.len = len;
		n->alloc_ranges.valid = decode_pairs(p, len, ac, sc, &n->allocs, &n->nallocs);
	}
	n->no_map = fdt_index_getprop(ix, node, "no-map", NULL) != NULL;
	n->reusable = fdt_index_getprop(ix, node, "reusable", NULL) != NULL;
	n->cma_default = fdt_index_getprop(ix, node, "linux,cma-default", NULL) != NULL;
	n->dma_default = fdt_index_getprop(ix, node, "linux,dma-default", NULL) != NULL;

	for (size_t k = ix->nodes[node].prop0; k < ix->nodes[node].prop0 + ix->nodes[node].nprops; k++) {
		const char *name = ix->props[k].name;
		struct prop_info *pi;
		int c;

		len = ix->props[k].len;
		c = control_char(name);
		if (c >= 0) {
			snprintf(err, errlen, "'%s': a property name in '%s' has a control character (0x%02x)",
				 b->input, n->path, c);
			return -1;
		}
		pi = ARRAY_PUSH(n->props, n->nprops, pcap);
		memset(pi, 0, sizeof(*pi));
		pi->name = xstrdup(name);
		pi->len = len;
		pi->overlay = ovl_log_find(log, n->path, name);
		if (pi->overlay)
			overlay_loc(&pi->loc, pi->overlay);
	}
	n->overlay = ovl_log_find(log, n->path, NULL);
	if (ovl_log_created(log, n->path))
		overlay_loc(&n->loc, ovl_log_created(log, n->path));

	/* Ranges that wrap past 2^64 cannot be modelled: refuse the input. */
	for (size_t i = 0; i < n->nregs; i++) {
		uint64_t end;

		if (!range_end(n->regs[i].base, n->regs[i].size, &end)) {
			snprintf(err, errlen, "'%s': '%s' reg at 0x%llx of size 0x%llx wraps past 2^64",
				 b->input, n->path, (unsigned long long)n->regs[i].base,
				 (unsigned long long)n->regs[i].size);
			return -1;
		}
	}
	for (size_t i = 0; i < n->nallocs; i++) {
		uint64_t end;

		if (!range_end(n->allocs[i].base, n->allocs[i].size, &end)) {
			snprintf(err, errlen, "'%s': '%s' alloc-ranges entry at 0x%llx of size 0x%llx wraps past 2^64",
				 b->input, n->path, (unsigned long long)n->allocs[i].base,
				 (unsigned long long)n->allocs[i].size);
			return -1;
		}
	}
	return 0;
}

/*
 * How many enabled nodes list each reserved-memory node in their
 * memory-region (a list of phandles): a coherent pool is set up for a
 * device that attaches it, so a pool nobody lists hands nothing out.
 * One pass over the tree; a node below a disabled one still counts, as
 * the kernel's of_reserved_mem_device_init() is called by its driver.
 */
static void count_consumers(struct board *b, const struct fdt_index *ix, int rmem)
{
	size_t budget = 4 * CMALINT_MAX_REGIONS, k = 0;	/* phandles read in all: bounded work */
	uint32_t *ph;
	int child;

	if (!b->nnodes)
		return;
	ph = xcalloc(b->nnodes, sizeof(*ph));
	/* b->nodes are the children of @rmem, in order */
	fdt_index_for_each_child(ix, child, rmem)
		ph[k++] = fdt_index_phandle(ix, child);
	for (int node = 0; (size_t)node < ix->nnodes && budget; node++) {
		int len;
		const fdt32_t *p = fdt_index_getprop(ix, node, "memory-region", &len);

		if (!p || len < 4 || !node_enabled(ix, node))
			continue;
		for (int i = 0; i < len / 4 && budget; i++, budget--) {
			uint32_t v = fdt32_to_cpu(p[i]);

			for (size_t j = 0; v && j < b->nnodes; j++) {
				struct rmem_node *n = &b->nodes[j];

				if (ph[j] != v)
					continue;
				if (n->consumers < CMALINT_CONSUMERS_KEPT)
					n->consumer[n->consumers] = node_path(ix, node);
				n->consumers++;
			}
		}
	}
	free(ph);
}

/*
 * The CPU window the device at @node reaches by DMA without an IOMMU, as
 * of_dma_get_range() finds it: the nearest node, itself or an ancestor,
 * with a non-empty dma-ranges; each entry's parent address translated up
 * to the root. False when none constrains it (or none can be read).
 */
static int cmp_win(const void *a, const void *b)
{
	const struct dma_win *x = a, *y = b;

	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* Add [lo, hi] to @u's windows; past CMALINT_MAX_DMA_WINDOWS the last one grows to the hull. */
static void add_dma_win(struct region_user *u, uint64_t lo, uint64_t hi)
{
	struct dma_win *w;

	if (u->ndma_win < CMALINT_MAX_DMA_WINDOWS) {
		u->dma_win[u->ndma_win++] = (struct dma_win){ lo, hi };
		return;
	}
	w = &u->dma_win[CMALINT_MAX_DMA_WINDOWS - 1];
	if (lo < w->lo)
		w->lo = lo;
	if (hi > w->hi)
		w->hi = hi;
}

/* Sort and merge @u's windows (touching or overlapping ones become one). */
static void merge_dma_wins(struct region_user *u)
{
	unsigned k = 0;

	if (!u->ndma_win)
		return;
	sort_array(u->dma_win, u->ndma_win, sizeof(u->dma_win[0]), cmp_win);
	for (unsigned i = 1; i < u->ndma_win; i++) {
		struct dma_win *w = &u->dma_win[k];

		if (w->hi == UINT64_MAX || u->dma_win[i].lo <= w->hi + 1) {
			if (u->dma_win[i].hi > w->hi)
				w->hi = u->dma_win[i].hi;
		} else {
			u->dma_win[++k] = u->dma_win[i];
		}
	}
	u->ndma_win = k + 1;
}

static bool device_dma_window(const struct fdt_index *ix, int node, struct region_user *u, int *from)
{
	struct dma_walk w = { .ix = ix };
	int depth = ix->nodes[node].depth;

	if (depth < 0 || depth > LIVETREE_MAX_DEPTH)
		return false;
	for (int n = node; n >= 0; n = ix->nodes[n].parent)
		w.anc[ix->nodes[n].depth] = n;
	for (int d = depth; d >= 1; d--) {
		uint32_t na = inherited_cells(&w, d, "#address-cells"), ns = inherited_cells(&w, d, "#size-cells");
		uint32_t pna = inherited_cells(&w, d - 1, "#address-cells");
		const uint8_t *c;
		size_t n;
		bool any = false;
		int len;

		c = fdt_index_getprop(ix, w.anc[d], "dma-ranges", &len);
		if (!c || len <= 0)
			continue;	/* absent or empty: one to one, ask the parent */
		if (!cells_ok(na) || !cells_ok(ns) || !cells_ok(pna))
			return false;
		n = (size_t)len / ((size_t)(na + pna + ns) * 4);
		if (n > CMALINT_MAX_DMA_RANGES)
			n = CMALINT_MAX_DMA_RANGES;
		for (size_t i = 0; i < n; i++) {
			uint64_t cpu, size, last;

			c += na * 4;
			cpu = read_cells(&c, pna);
			size = read_cells(&c, ns);
			if (!size || !dma_translate(&w, d - 1, &cpu))
				continue;
			last = cpu > UINT64_MAX - (size - 1) ? UINT64_MAX : cpu + (size - 1);
			if (!any || cpu < u->dma_lo)
				u->dma_lo = cpu;
			if (!any || last > u->dma_hi)
				u->dma_hi = last;
			add_dma_win(u, cpu, last);
			any = true;
		}
		merge_dma_wins(u);
		*from = w.anc[d];
		return any;
	}
	return false;
}

/* 'iommus' naming an available IOMMU (of_iommu_xlate() skips a disabled one), or an ancestor's 'iommu-map'. */
static bool device_iommu(const struct fdt_index *ix, int node)
{
	int len;
	const fdt32_t *p = fdt_index_getprop(ix, node, "iommus", &len);

	if (p && len >= 4) {
		int n = fdt_index_by_phandle(ix, fdt32_to_cpu(p[0]));

		if (n >= 0 && node_available(ix, n))
			return true;
	}
	for (int parent = ix->nodes[node].parent; parent > 0; parent = ix->nodes[parent].parent)
		if (fdt_index_getprop(ix, parent, "iommu-map", NULL))
			return true;
	return false;
}

/*
 * Every node with a memory-region, enabled or not: its entries resolved
 * to reserved-memory nodes, its memory-region-names, its DMA window and
 * IOMMU. Bounded: CMALINT_MAX_REGION_USERS devices, CMALINT_MAX_REGION_REFS
 * entries each.
 */
static void load_region_users(struct board *b, const struct fdt_index *ix, int rmem)
{
	size_t cap = 0, k = 0;
	uint32_t *ph = b->nnodes ? xcalloc(b->nnodes, sizeof(*ph)) : NULL;
	int child;

	/* b->nodes are the children of @rmem, in order */
	if (rmem >= 0)
		fdt_index_for_each_child(ix, child, rmem)
			if (k < b->nnodes)
				ph[k++] = fdt_index_phandle(ix, child);
	for (int node = 0; (size_t)node < ix->nnodes && b->nusers < CMALINT_MAX_REGION_USERS; node++) {
		int len, slen, from = -1;
		const fdt32_t *p = fdt_index_getprop(ix, node, "memory-region", &len);
		const char *st;
		struct region_user *u;
		size_t nn = 0;
		char **names;

		if (!p || len < 4)
			continue;
		u = ARRAY_PUSH(b->users, b->nusers, cap);
		memset(u, 0, sizeof(*u));
		u->path = node_path(ix, node);
		st = fdt_index_getprop(ix, node, "status", &slen);
		u->status = st && slen > 0 ? xstrndup(st, strnlen(st, (size_t)slen)) : NULL;
		u->available = node_enabled(ix, node);
		u->nregions = (unsigned)(len / 4);
		if (u->nregions > CMALINT_MAX_REGION_REFS)
			u->nregions = CMALINT_MAX_REGION_REFS;
		u->target = xcalloc(u->nregions, sizeof(*u->target));
		u->elsewhere = xcalloc(u->nregions, sizeof(*u->elsewhere));
		u->phandle = xcalloc(u->nregions, sizeof(*u->phandle));
		for (unsigned i = 0; i < u->nregions; i++) {
			uint32_t v = fdt32_to_cpu(p[i]);

			u->phandle[i] = v;
			u->target[i] = -1;
			for (size_t j = 0; v && j < b->nnodes; j++)
				if (ph[j] == v) {
					u->target[i] = (int)j;
					break;
				}
			/* not a reserved-memory child: which node it is, if any */
			if (u->target[i] < 0) {
				int n = fdt_index_by_phandle(ix, v);

				if (n >= 0)
					u->elsewhere[i] = node_path(ix, n);
			}
		}
		u->has_names = fdt_index_getprop(ix, node, "memory-region-names", NULL) != NULL;
		names = string_list(ix, node, "memory-region-names", &nn);
		u->nnames = (unsigned)nn;
		for (size_t i = u->nregions; i < nn; i++)
			free(names[i]);
		if (nn > u->nregions)
			nn = u->nregions;
		u->names = names;
		u->iommu = device_iommu(ix, node);
		u->has_dma_window = device_dma_window(ix, node, u, &from);
		if (u->has_dma_window)
			u->dma_from = node_path(ix, from);
	}
	free(ph);
}

/*
 * The windows through which buses directly under the root translate
 * device addresses to CPU addresses (their 'ranges'; identity entries say
 * nothing and are left out), for board_judge_ram(). At most
 * CMALINT_MAX_DMA_RANGES entries in all are read: bounded work.
 */
static void load_bus_windows(struct board *b, const struct fdt_index *ix)
{
	size_t budget = CMALINT_MAX_DMA_RANGES, cap = 0;
	int node;

	fdt_index_for_each_child(ix, node, 0) {
		int len;
		const uint8_t *p = fdt_index_getprop(ix, node, "ranges", &len);
		uint32_t ca = 2, cs = 1, pa = b->root_addr_cells, entry;
		const char *name = ix->nodes[node].name;

		prop_u32(ix, node, "#address-cells", &ca);
		prop_u32(ix, node, "#size-cells", &cs);
		entry = (ca + pa + cs) * 4;
		if (!p || len <= 0 || !name || !strncmp(name, "reserved-memory", 15) || ca > 3 || cs > 2 || pa > 2 ||
		    len % (int)entry)
			continue;
		for (int off = 0; off + (int)entry <= len && budget; off += (int)entry, budget--) {
			const uint8_t *e = p + off;
			uint64_t child, parent, size, end;
			struct bus_window *w;

			if (ca == 3)
				e += 4;	/* a PCI-style space cell */
			child = read_cells(&e, ca == 3 ? 2 : ca);
			parent = read_cells(&e, pa);
			size = read_cells(&e, cs);
			if (!size || child == parent || !range_end(parent, size, &end))
				continue;
			w = ARRAY_PUSH(b->bus_windows, b->nbus_windows, cap);
			w->bus = xasprintf("/%s", name);
			w->base = parent;
			w->size = size;
		}
	}
}

static int load_index(struct board *b, const struct fdt_index *ix, const struct load_opts *o, const struct ovl_log *log,
		     char *err, size_t errlen)
{
	int node, len, count = 0;
	const char *s;
	size_t mcap = 0;

	/* The kernel's root defaults are one cell each when the properties are absent. */
	b->root_has_addr_cells = prop_u32(ix, 0, "#address-cells", &b->root_addr_cells);
	b->root_has_size_cells = prop_u32(ix, 0, "#size-cells", &b->root_size_cells);
	if (!b->root_has_addr_cells)
		b->root_addr_cells = 1;
	if (!b->root_has_size_cells)
		b->root_size_cells = 1;
	if (b->root_addr_cells > 4 || b->root_size_cells > 4) {
		snprintf(err, errlen, "'%s': root #address-cells %u / #size-cells %u out of range (at most 4)",
			 b->input, b->root_addr_cells, b->root_size_cells);
		return -1;
	}

	for (node = 0; (size_t)node < ix->nnodes; node++) {
		int depth = ix->nodes[node].depth;

		if (++count > CMALINT_MAX_NODES) {
			snprintf(err, errlen, "'%s': more than %d nodes", b->input, CMALINT_MAX_NODES);
			return -1;
		}
		if (depth > CMALINT_MAX_DEPTH) {
			snprintf(err, errlen, "'%s': nodes nested more than %d deep", b->input, CMALINT_MAX_DEPTH);
			return -1;
		}
		s = ix->nodes[node].name;
		if (s && control_char(s) >= 0) {
			snprintf(err, errlen, "'%s': the name of the node at offset %d has a control character (0x%02x)",
				 b->input, ix->nodes[node].offset, control_char(s));
			return -1;
		}
	}

	s = fdt_index_getprop(ix, 0, "model", &len);
	if (s && len > 0)
		b->model = xstrndup(s, strnlen(s, (size_t)len));
	b->compatible = string_list(ix, 0, "compatible", &b->ncompatible);

	for (int i = 0, n = fdt_num_mem_rsv(ix->fdt); i < n; i++) {
		uint64_t addr, size;
		struct range *r;

		if (fdt_get_mem_rsv(ix->fdt, i, &addr, &size) < 0 || size == 0)
			break;	/* the kernel stops at the first zero-sized entry */
		if (b->nmemreserve >= CMALINT_MAX_REGIONS) {
			snprintf(err, errlen, "'%s': more than %d /memreserve/ entries", b->input, CMALINT_MAX_REGIONS);
			return -1;
		}
		if (!range_end(addr, size, &(uint64_t){ 0 })) {
			snprintf(err, errlen, "'%s': /memreserve/ entry %d at 0x%llx of size 0x%llx wraps past 2^64",
				 b->input, i, (unsigned long long)addr, (unsigned long long)size);
			return -1;
		}
		r = ARRAY_PUSH(b->memreserve, b->nmemreserve, mcap);
		r->base = addr;
		r->size = size;
	}

	if (load_ram(b, ix, o, err, errlen))
		return -1;
	for (size_t i = 0; i < b->nram; i++) {
		const char *ov = b->ram_from_cli ? NULL : ovl_log_find(log, b->ram[i].node, NULL);

		if (ov)
			overlay_loc(&b->ram[i].loc, ov);
	}

	node = fdt_index_path(ix, "/chosen");
	if (node >= 0) {
		s = fdt_index_getprop(ix, node, "bootargs", &len);
		if (s) {
			b->has_dt_bootargs = true;
			b->dt_bootargs = xstrndup(s, len > 0 ? strnlen(s, (size_t)len) : 0);
			if (ovl_log_find(log, "/chosen", "bootargs"))
				overlay_loc(&b->dt_bootargs_loc, ovl_log_find(log, "/chosen", "bootargs"));
		}
	}

	node = fdt_index_path(ix, "/reserved-memory");
	if (node >= 0) {
		int child;
		size_t nranges = 0;

		b->rmem.present = true;
		b->rmem.path = node_path(ix, node);
		b->rmem.name = xstrdup(ix->nodes[node].name);
		b->rmem.has_ranges = fdt_index_getprop(ix, node, "ranges", NULL) != NULL;
		b->rmem.has_addr_cells = prop_u32(ix, node, "#address-cells", &b->rmem.addr_cells);
		b->rmem.has_size_cells = prop_u32(ix, node, "#size-cells", &b->rmem.size_cells);
		if (ovl_log_created(log, b->rmem.path))
			overlay_loc(&b->rmem.loc, ovl_log_created(log, b->rmem.path));
		fdt_index_for_each_child(ix, child, node) {
			int gc;

			if (b->nnodes >= CMALINT_MAX_REGIONS) {
				snprintf(err, errlen, "'%s': more than %d nodes under '%s'", b->input,
					 CMALINT_MAX_REGIONS, b->rmem.path);
				return -1;
			}
			if (load_rmem_node(b, ix, child, log, err, errlen))
				return -1;
			nranges += b->nodes[b->nnodes - 1].nregs + b->nodes[b->nnodes - 1].nallocs;
			if (nranges > CMALINT_MAX_REGIONS) {
				snprintf(err, errlen, "'%s': more than %d reg and alloc-ranges entries under '%s'",
					 b->input, CMALINT_MAX_REGIONS, b->rmem.path);
				return -1;
			}
			fdt_index_for_each_child(ix, gc, child)
				b->rmem.ngrandchildren++;
		}
	}
	load_dma_ranges(b, ix);
	count_consumers(b, ix, node);
	load_region_users(b, ix, node);
	load_bus_windows(b, ix);
	board_infer_arch(b, ix);
	board_judge_ram(b);
	return 0;
}

/* The model from a validated blob: indexed once, then read from the index only. */
static int load_tree(struct board *b, const void *fdt, const struct load_opts *o, const struct ovl_log *log,
		     char *err, size_t errlen)
{
	struct fdt_index ix;
	int rc = fdt_index_build(&ix, fdt);

	if (rc) {
		snprintf(err, errlen, "'%s' is a corrupt device tree blob: %s", b->input, fdt_error_text(rc));
		return -1;
	}
	rc = load_index(b, &ix, o, log, err, errlen);
	fdt_index_release(&ix);
	return rc;
}

static bool looks_like_dts(const char *path)
{
	size_t l = strlen(path);

	return (l > 4 && !strcmp(path + l - 4, ".dts")) || (l > 5 && !strcmp(path + l - 5, ".dtsi"));
}


/* Validate @blob and build the model from it (no overlays). */
static int load_blob(struct board *b, const void *blob, size_t len, const struct load_opts *o,
		     char *err, size_t errlen)
{
	struct ovl_log log = { 0 };

	if (fdt_blob_validate(b->input, blob, len, err, errlen))
		return -1;
	return load_tree(b, blob, o, &log, err, errlen);
}

int board_load_blob(struct board *b, const char *name, const void *blob, size_t len,
		    const struct load_opts *o, char *err, size_t errlen)
{
	memset(b, 0, sizeof(*b));
	b->input = xstrdup(name);
	return load_blob(b, blob, len, o, err, errlen);
}


int board_load(struct board *b, const char *path, const struct load_opts *o, char *err, size_t errlen)
{
	struct ovl_log log = { 0 };
	bool overlays = o && o->overlays && o->overlays[0];
	bool from_stdin = !strcmp(path, CMALINT_STDIN_ARG) && o && o->stdin_data;
	const char *name = input_name(path);
	void *blob;
	size_t len;
	int rc;

	memset(b, 0, sizeof(*b));
	b->input = xstrdup(name);
	if (!from_stdin && livetree_detect(path)) {
		blob = livetree_read(path, &len, err, errlen);
		if (!blob)
			return -1;
		b->live_tree = true;
	} else {
		/* the content decides: a DTB by its magic whatever the name, else source */
		if (from_stdin) {
			len = o->stdin_len;
			blob = xmalloc(len + 1);
			memcpy(blob, o->stdin_data, len);
		} else {
			blob = read_file(path, CMALINT_MAX_DTB_SIZE, &len);
		}
		if (!blob) {
			if (errno == EFBIG)
				snprintf(err, errlen, "'%s' is larger than the %zu MiB limit for a device tree blob",
					 path, CMALINT_MAX_DTB_SIZE >> 20);
			else
				snprintf(err, errlen, "cannot read '%s': %s", path, strerror(errno));
			return -1;
		}
		if (!fdt_is_dtb(blob, len) && ((!from_stdin && looks_like_dts(path)) || dts_text_is_source(blob, len))) {
			/* overlays refer to the base's labels: keep them (dtc -@) */
			struct dts_opts d = { .include_dirs = o ? o->include_dirs : NULL, .symbols = overlays };

			if (from_stdin) {
				d.text = o->stdin_data;
				d.text_len = o->stdin_len;
			}
			free(blob);
			b->src = xcalloc(1, sizeof(*b->src));
			blob = dts_compile_ex(name, &d, b->src, &len, err, errlen);
			if (!blob)
				return -1;
			b->dts_file = xstrdup(name);
		} else if (len && !fdt_is_dtb(blob, len)) {
			snprintf(err, errlen, "'%s': %s, nor device-tree source (no /dts-v1/ tag or #include)",
				 name, fdt_error_text(-FDT_ERR_BADMAGIC));
			free(blob);
			return -1;
		}
	}
	if (fdt_blob_validate(name, blob, len, err, errlen) ||
	    (overlays && overlay_apply_all(&blob, &len, name, o, &log, err, errlen))) {
		free(blob);
		ovl_log_release(&log);
		return -1;
	}
	rc = load_tree(b, blob, o, &log, err, errlen);
	ovl_log_release(&log);
	free(blob);
	return rc;
}

static void free_loc(struct srcloc *l)
{
	free(l->file);
}

void board_release(struct board *b)
{
	for (size_t i = 0; i < b->nram; i++) {
		free(b->ram[i].node);
		free_loc(&b->ram[i].loc);
	}
	free(b->ram);
	for (size_t i = 0; i < b->nram_full; i++) {
		free(b->ram_full[i].node);
		free_loc(&b->ram_full[i].loc);
	}
	free(b->ram_full);
	free(b->mem_desc);
	free(b->memreserve);
	for (size_t i = 0; i < b->nusers; i++) {
		struct region_user *u = &b->users[i];

		free(u->path);
		free(u->status);
		free_string_list(u->names, u->nnames < u->nregions ? u->nnames : u->nregions);
		free(u->target);
		for (unsigned j = 0; u->elsewhere && j < u->nregions; j++)
			free(u->elsewhere[j]);
		free(u->elsewhere);
		free(u->phandle);
		free(u->dma_from);
		free_loc(&u->loc);
		free_loc(&u->region_loc);
		free_loc(&u->names_loc);
	}
	free(b->users);
	for (size_t i = 0; i < b->nnodes; i++) {
		struct rmem_node *n = &b->nodes[i];

		free(n->path);
		free(n->name);
		free(n->status);
		free_string_list(n->compatible, n->ncompatible);
		free(n->regs);
		free(n->allocs);
		for (size_t j = 0; j < CMALINT_CONSUMERS_KEPT; j++)
			free(n->consumer[j]);
		for (size_t j = 0; j < n->nprops; j++) {
			free(n->props[j].name);
			free_loc(&n->props[j].loc);
			for (size_t k = 0; k < n->props[j].nmore; k++)
				free_loc(&n->props[j].more[k]);
			free(n->props[j].more);
		}
		free(n->props);
		free_loc(&n->loc);
	}
	free(b->nodes);
	free(b->rmem.path);
	free(b->rmem.name);
	free_loc(&b->rmem.loc);
	free(b->dt_bootargs);
	free_loc(&b->dt_bootargs_loc);
	free(b->dma_limit_node);
	free(b->arch_evidence);
	free(b->ram_doubt);
	for (size_t i = 0; i < b->nbus_windows; i++)
		free(b->bus_windows[i].bus);
	free(b->bus_windows);
	free(b->model);
	free_string_list(b->compatible, b->ncompatible);
	free(b->input);
	free(b->dts_file);
	if (b->src) {
		dts_unit_release(b->src);
		free(b->src);
	}
	memset(b, 0, sizeof(*b));
}

int ram_bank_parse(const char *s, struct ram_bank *bank)
{
	char *copy = xstrdup(s), *at = strchr(copy, '@');
	uint64_t end;
	int rc = 0;

	memset(bank, 0, sizeof(*bank));
	if (at)
		*at++ = '\0';
	if (cl_parse_size(copy, &bank->size) || !bank->size || (at && cl_parse_size(at, &bank->base)) ||
	    !range_end(bank->base, bank->size, &end))
		rc = -1;
	free(copy);
	return rc;
}

bool rmem_node_has_compatible(const struct rmem_node *n, const char *compat)
{
	for (size_t i = 0; i < n->ncompatible; i++)
		if (!strcmp(n->compatible[i], compat))
			return true;
	return false;
}

const struct prop_info *rmem_node_prop(const struct rmem_node *n, const char *name)
{
	for (size_t i = 0; i < n->nprops; i++)
		if (!strcmp(n->props[i].name, name))
			return &n->props[i];
	return NULL;
}

uint64_t board_ram_bytes(const struct board *b)
{
	uint64_t sum = 0;

	for (size_t i = 0; i < b->nram; i++)
		sum = b->ram[i].size > UINT64_MAX - sum ? UINT64_MAX : sum + b->ram[i].size;
	return sum;
}

bool board_ram_known(const struct board *b)
{
	return b->nram > 0;
}
