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

static bool prop_u32(const void *fdt, int node, const char *name, uint32_t *out)
{
	int len;
	const void *p = fdt_getprop(fdt, node, name, &len);

	if (!p || len != 4)
		return false;
	*out = be32(p);
	return true;
}

/* of_device_is_available(): no status, or exactly "okay" or "ok". */
static bool node_available(const void *fdt, int node)
{
	int len;
	const char *status = fdt_getprop(fdt, node, "status", &len);

	return !status || (len == 5 && !memcmp(status, "okay", 5)) || (len == 3 && !memcmp(status, "ok", 3));
}

static char **string_list(const void *fdt, int node, const char *name, size_t *count)
{
	int len;
	const char *p = fdt_getprop(fdt, node, name, &len);
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

static char *node_path(const void *fdt, int node)
{
	char buf[1024];

	if (fdt_get_path(fdt, node, buf, sizeof(buf)) < 0)
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
	const void *fdt;
	int anc[LIVETREE_MAX_DEPTH + 1];	/* anc[0] is the root, anc[d] the node at depth d */
	uint64_t min;
	int min_node;
};

static uint32_t inherited_cells(const struct dma_walk *w, int depth, const char *name)
{
	uint32_t v;

	for (int i = depth; i >= 0; i--)
		if (prop_u32(w->fdt, w->anc[i], name, &v))
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

		c = fdt_getprop(w->fdt, w->anc[d], "dma-ranges", &len);
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

	c = fdt_getprop(w->fdt, w->anc[depth], "dma-ranges", &len);
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
	fdt_for_each_subnode(child, w->fdt, w->anc[depth]) {
		if (!node_available(w->fdt, child))
			continue;	/* a disabled bus and everything below it */
		w->anc[depth + 1] = child;
		dma_walk_node(w, depth + 1);
	}
}

uint64_t dt_dma_max_cpu_addr(const void *fdt, char **from)
{
	struct dma_walk w = { .fdt = fdt, .min = UINT64_MAX, .min_node = -1 };

	w.anc[0] = 0;
	dma_walk_node(&w, 0);
	if (from)
		*from = w.min_node >= 0 ? node_path(fdt, w.min_node) : NULL;
	return w.min;
}

static void load_dma_ranges(struct board *b, const void *fdt)
{
	b->dma_max_cpu_addr = dt_dma_max_cpu_addr(fdt, &b->dma_limit_node);
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

static int load_ram(struct board *b, const void *fdt, const struct load_opts *o,
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
	fdt_for_each_subnode(node, fdt, 0) {
		int len;
		const char *type = fdt_getprop(fdt, node, "device_type", &len);
		const void *reg;
		struct range *rs;
		size_t nrs;

		if (!type || len <= 0 || strncmp(type, "memory", (size_t)len) != 0)
			continue;
		if (!node_available(fdt, node))
			continue;
		reg = fdt_getprop(fdt, node, "linux,usable-memory", &len);
		if (!reg || len <= 0)
			reg = fdt_getprop(fdt, node, "reg", &len);
		if (!reg)
			continue;
		if (!decode_pairs(reg, len, b->root_addr_cells, b->root_size_cells, &rs, &nrs)) {
			char *path = node_path(fdt, node);

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
				char *path = node_path(fdt, node);

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
			r->node = node_path(fdt, node);
			if (i == 0 && unit_address(fdt_get_name(fdt, node, NULL), &r->unit_addr))
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

static int load_rmem_node(struct board *b, const void *fdt, int node, const struct ovl_log *log,
			  char *err, size_t errlen)
{
	struct rmem_node *n;
	const char *status;
	const void *p;
	int len, prop;
	size_t pcap = 0;
	uint32_t ac = b->root_addr_cells, sc = b->root_size_cells;

	n = ARRAY_PUSH(b->nodes, b->nnodes, b->nodes_cap);
	n->name = xstrdup(fdt_get_name(fdt, node, NULL));
	/* fdt_get_path() walks from the root each time: quadratic over many children */
	n->path = xasprintf("%s/%s", b->rmem.path, n->name);
	n->offset = node;
	status = fdt_getprop(fdt, node, "status", &len);
	n->status = status ? xstrndup(status, strnlen(status, (size_t)len)) : NULL;
	n->available = !n->status || !strcmp(n->status, "okay") || !strcmp(n->status, "ok");
	n->compatible = string_list(fdt, node, "compatible", &n->ncompatible);

	p = fdt_getprop(fdt, node, "reg", &len);
	if (p) {
		n->reg.present = true;
		n->reg.len = len;
		n->reg.valid = decode_pairs(p, len, ac, sc, &n->regs, &n->nregs);
	}
	p = fdt_getprop(fdt, node, "size", &len);
	if (p) {
		const uint8_t *c = p;

		n->size.present = true;
		n->size.len = len;
		n->size.valid = (uint32_t)len == sc * 4 && sc > 0;
		if (n->size.valid)
			n->size_value = read_cells(&c, sc);
	}
	p = fdt_getprop(fdt, node, "alignment", &len);
	if (p) {
		const uint8_t *c = p;

		n->alignment.present = true;
		n->alignment.len = len;
		n->alignment.valid = (uint32_t)len == ac * 4 && ac > 0;
		n->alignment_valid_size_cells = (uint32_t)len == sc * 4;
		if (n->alignment.valid)
			n->alignment_value = read_cells(&c, ac);
	}
	p = fdt_getprop(fdt, node, "alloc-ranges", &len);
	if (p) {
		n->alloc_ranges.present = true;
		n->alloc_ranges.len = len;
		n->alloc_ranges.valid = decode_pairs(p, len, ac, sc, &n->allocs, &n->nallocs);
	}
	n->no_map = fdt_getprop(fdt, node, "no-map", NULL) != NULL;
	n->reusable = fdt_getprop(fdt, node, "reusable", NULL) != NULL;
	n->cma_default = fdt_getprop(fdt, node, "linux,cma-default", NULL) != NULL;
	n->dma_default = fdt_getprop(fdt, node, "linux,dma-default", NULL) != NULL;

	fdt_for_each_property_offset(prop, fdt, node) {
		const char *name;
		struct prop_info *pi;
		int c;

		if (!fdt_getprop_by_offset(fdt, prop, &name, &len))
			continue;
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
static void count_consumers(struct board *b, const void *fdt)
{
	int node, depth = 0;
	size_t budget = 4 * CMALINT_MAX_REGIONS;	/* phandles read in all: bounded work */
	uint32_t *ph;

	if (!b->nnodes)
		return;
	ph = xcalloc(b->nnodes, sizeof(*ph));
	for (size_t j = 0; j < b->nnodes; j++)
		ph[j] = fdt_get_phandle(fdt, b->nodes[j].offset);
	for (node = fdt_next_node(fdt, -1, &depth); node >= 0 && budget; node = fdt_next_node(fdt, node, &depth)) {
		int len;
		const fdt32_t *p = fdt_getprop(fdt, node, "memory-region", &len);

		if (!p || len < 4 || !node_available(fdt, node))
			continue;
		for (int i = 0; i < len / 4 && budget; i++, budget--) {
			uint32_t v = fdt32_to_cpu(p[i]);

			for (size_t j = 0; v && j < b->nnodes; j++) {
				struct rmem_node *n = &b->nodes[j];

				if (ph[j] != v)
					continue;
				if (n->consumers < CMALINT_CONSUMERS_KEPT)
					n->consumer[n->consumers] = node_path(fdt, node);
				n->consumers++;
			}
		}
	}
	free(ph);
}

/*
 * The windows through which buses directly under the root translate
 * device addresses to CPU addresses (their 'ranges'; identity entries say
 * nothing and are left out), for board_judge_ram(). At most
 * CMALINT_MAX_DMA_RANGES entries in all are read: bounded work.
 */
static void load_bus_windows(struct board *b, const void *fdt)
{
	size_t budget = CMALINT_MAX_DMA_RANGES, cap = 0;
	int node;

	fdt_for_each_subnode(node, fdt, 0) {
		int len;
		const uint8_t *p = fdt_getprop(fdt, node, "ranges", &len);
		uint32_t ca = 2, cs = 1, pa = b->root_addr_cells, entry;
		const char *name = fdt_get_name(fdt, node, NULL);

		prop_u32(fdt, node, "#address-cells", &ca);
		prop_u32(fdt, node, "#size-cells", &cs);
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

static int load_tree(struct board *b, const void *fdt, const struct load_opts *o, const struct ovl_log *log,
		     char *err, size_t errlen)
{
	int node, len, depth = -1, count = 0;	/* the root is at depth 0 */
	const char *s;
	size_t mcap = 0;

	/* The kernel's root defaults are one cell each when the properties are absent. */
	b->root_has_addr_cells = prop_u32(fdt, 0, "#address-cells", &b->root_addr_cells);
	b->root_has_size_cells = prop_u32(fdt, 0, "#size-cells", &b->root_size_cells);
	if (!b->root_has_addr_cells)
		b->root_addr_cells = 1;
	if (!b->root_has_size_cells)
		b->root_size_cells = 1;
	if (b->root_addr_cells > 4 || b->root_size_cells > 4) {
		snprintf(err, errlen, "'%s': root #address-cells %u / #size-cells %u out of range (at most 4)",
			 b->input, b->root_addr_cells, b->root_size_cells);
		return -1;
	}

	for (node = fdt_next_node(fdt, -1, &depth); node >= 0; node = fdt_next_node(fdt, node, &depth)) {
		if (++count > CMALINT_MAX_NODES) {
			snprintf(err, errlen, "'%s': more than %d nodes", b->input, CMALINT_MAX_NODES);
			return -1;
		}
		if (depth > CMALINT_MAX_DEPTH) {
			snprintf(err, errlen, "'%s': nodes nested more than %d deep", b->input, CMALINT_MAX_DEPTH);
			return -1;
		}
		s = fdt_get_name(fdt, node, NULL);
		if (s && control_char(s) >= 0) {
			snprintf(err, errlen, "'%s': the name of the node at offset %d has a control character (0x%02x)",
				 b->input, node, control_char(s));
			return -1;
		}
	}

	s = fdt_getprop(fdt, 0, "model", &len);
	if (s && len > 0)
		b->model = xstrndup(s, strnlen(s, (size_t)len));
	b->compatible = string_list(fdt, 0, "compatible", &b->ncompatible);

	for (int i = 0, n = fdt_num_mem_rsv(fdt); i < n; i++) {
		uint64_t addr, size;
		struct range *r;

		if (fdt_get_mem_rsv(fdt, i, &addr, &size) < 0 || size == 0)
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

	if (load_ram(b, fdt, o, err, errlen))
		return -1;
	for (size_t i = 0; i < b->nram; i++) {
		const char *ov = b->ram_from_cli ? NULL : ovl_log_find(log, b->ram[i].node, NULL);

		if (ov)
			overlay_loc(&b->ram[i].loc, ov);
	}

	node = fdt_path_offset(fdt, "/chosen");
	if (node >= 0) {
		s = fdt_getprop(fdt, node, "bootargs", &len);
		if (s) {
			b->has_dt_bootargs = true;
			b->dt_bootargs = xstrndup(s, len > 0 ? strnlen(s, (size_t)len) : 0);
			if (ovl_log_find(log, "/chosen", "bootargs"))
				overlay_loc(&b->dt_bootargs_loc, ovl_log_find(log, "/chosen", "bootargs"));
		}
	}

	node = fdt_path_offset(fdt, "/reserved-memory");
	if (node >= 0) {
		int child;
		size_t nranges = 0;

		b->rmem.present = true;
		b->rmem.path = node_path(fdt, node);
		b->rmem.name = xstrdup(fdt_get_name(fdt, node, NULL));
		b->rmem.has_ranges = fdt_getprop(fdt, node, "ranges", NULL) != NULL;
		b->rmem.has_addr_cells = prop_u32(fdt, node, "#address-cells", &b->rmem.addr_cells);
		b->rmem.has_size_cells = prop_u32(fdt, node, "#size-cells", &b->rmem.size_cells);
		if (ovl_log_created(log, b->rmem.path))
			overlay_loc(&b->rmem.loc, ovl_log_created(log, b->rmem.path));
		fdt_for_each_subnode(child, fdt, node) {
			int gc;

			if (b->nnodes >= CMALINT_MAX_REGIONS) {
				snprintf(err, errlen, "'%s': more than %d nodes under '%s'", b->input,
					 CMALINT_MAX_REGIONS, b->rmem.path);
				return -1;
			}
			if (load_rmem_node(b, fdt, child, log, err, errlen))
				return -1;
			nranges += b->nodes[b->nnodes - 1].nregs + b->nodes[b->nnodes - 1].nallocs;
			if (nranges > CMALINT_MAX_REGIONS) {
				snprintf(err, errlen, "'%s': more than %d reg and alloc-ranges entries under '%s'",
					 b->input, CMALINT_MAX_REGIONS, b->rmem.path);
				return -1;
			}
			fdt_for_each_subnode(gc, fdt, child)
				b->rmem.ngrandchildren++;
		}
	}
	load_dma_ranges(b, fdt);
	count_consumers(b, fdt);
	load_bus_windows(b, fdt);
	board_infer_arch(b, fdt);
	board_judge_ram(b);
	return 0;
}

static bool is_dtb(const void *buf, size_t len)
{
	return len >= 4 && fdt_magic(buf) == FDT_MAGIC;
}

static bool looks_like_dts(const char *path)
{
	size_t l = strlen(path);

	return (l > 4 && !strcmp(path + l - 4, ".dts")) || (l > 5 && !strcmp(path + l - 5, ".dtsi"));
}

/*
 * libfdt 1.6.1's fdt_check_full() loops forever on a property whose
 * length is negative: the next tag is found at the same offset. Walk the
 * tags once (fdt_check_header() passed, the blob holds totalsize bytes),
 * requiring progress: the offset of the first tag that does not advance,
 * or -1. Other errors are left to fdt_check_full().
 */
static int stuck_tag(const void *fdt)
{
	int offset = 0, next;
	uint32_t tag;

	do {
		tag = fdt_next_tag(fdt, offset, &next);
		if (next < 0)
			return -1;
		if (next <= offset)
			return offset;
		offset = next;
	} while (tag != FDT_END);
	return -1;
}

const char *fdt_error_text(int err)
{
	/* libfdt's FDT_ERR_* codes as users read them; fdt_strerror() gives only the names */
	static const char *const words[] = {
		[FDT_ERR_NOTFOUND] = "a node, property or label it refers to does not exist",
		[FDT_ERR_EXISTS] = "a node or property it adds already exists",
		[FDT_ERR_NOSPACE] = "the blob has no room left for the change",
		[FDT_ERR_BADOFFSET] = "an offset points outside the structure block or at the wrong tag",
		[FDT_ERR_BADPATH] = "a node path is malformed",
		[FDT_ERR_BADPHANDLE] = "a phandle is 0 or 0xffffffff",
		[FDT_ERR_BADSTATE] = "the blob was left unfinished by the program that wrote it",
		[FDT_ERR_TRUNCATED] = "the blob is truncated: a block or a name runs past its end",
		[FDT_ERR_BADMAGIC] = "bad magic: not a device-tree blob",
		[FDT_ERR_BADVERSION] = "unsupported device-tree blob version",
		[FDT_ERR_BADSTRUCTURE] = "the structure block is malformed (nodes not properly nested or ended)",
		[FDT_ERR_BADLAYOUT] = "its blocks are laid out in an order libfdt cannot edit",
		[FDT_ERR_INTERNAL] = "libfdt failed an internal consistency check",
		[FDT_ERR_BADNCELLS] = "an #address-cells or #size-cells value is out of range",
		[FDT_ERR_BADVALUE] = "a property has a value of the wrong form",
		[FDT_ERR_BADOVERLAY] = "the overlay is malformed (its fragments, __fixups__ or __local_fixups__)",
		[FDT_ERR_NOPHANDLES] = "no phandle values are left",
		[FDT_ERR_BADFLAGS] = "invalid flags",
#ifdef FDT_ERR_ALIGNMENT
		[FDT_ERR_ALIGNMENT] = "the blob is not aligned on 8 bytes in memory",
#endif
	};
	int code = err < 0 ? -err : err;

	if (code > 0 && (size_t)code < ARRAY_SIZE(words) && words[code])
		return words[code];
	return "unknown libfdt error";
}

/*
 * The header's claims against the bytes there are, in words; NULL when
 * they hold (fdt_check_header() then has the last word).
 */
static char *header_problem(const void *blob, size_t len)
{
	static const char *const names[] = { "memory reservation", "structure", "strings" };
	uint32_t total = fdt_totalsize(blob);
	uint64_t off[3] = { fdt_off_mem_rsvmap(blob), fdt_off_dt_struct(blob), fdt_off_dt_strings(blob) };
	uint64_t size[3] = { 0, fdt_version(blob) >= 17 ? fdt_size_dt_struct(blob) : 0,
			     fdt_size_dt_strings(blob) };

	if (total > len)
		return xasprintf("the file is truncated: the header says %u bytes, the file has %zu", total, len);
	for (int i = 0; i < 3; i++)
		if (off[i] > total || size[i] > total - off[i])
			return xasprintf("the %s block (%llu bytes at offset %llu) runs past the blob's %u bytes",
					 names[i], (unsigned long long)size[i], (unsigned long long)off[i], total);
	return NULL;
}

int fdt_blob_validate(const char *name, const void *blob, size_t len, char *err, size_t errlen)
{
	int rc, stuck;
	char *problem;

	if (!len) {
		snprintf(err, errlen, "'%s' is empty: not a device-tree blob", name);
		return -1;
	}
	if (!is_dtb(blob, len)) {
		snprintf(err, errlen, "'%s': %s", name, fdt_error_text(-FDT_ERR_BADMAGIC));
		return -1;
	}
	if (len < sizeof(struct fdt_header)) {
		snprintf(err, errlen, "'%s': the file is truncated: %zu bytes, less than the %zu-byte header",
			 name, len, sizeof(struct fdt_header));
		return -1;
	}
	if (len > CMALINT_MAX_DTB_SIZE) {
		snprintf(err, errlen, "'%s' is larger than the %zu MiB limit for a device tree blob",
			 name, CMALINT_MAX_DTB_SIZE >> 20);
		return -1;
	}
	/*
	 * Before version 16 node names were full paths; libfdt 1.6.1's
	 * fdt_check_full() dereferences NULL on such a blob whose names lack
	 * a '/'. dtc has written version 17 since 2007: refuse older ones.
	 */
	if (fdt_version(blob) < 16) {
		snprintf(err, errlen, "'%s' is a version %u device tree blob; cmalint reads version 16 and later",
			 name, fdt_version(blob));
		return -1;
	}
	problem = header_problem(blob, len);
	if (problem) {
		snprintf(err, errlen, "'%s': %s", name, problem);
		free(problem);
		return -1;
	}
	rc = fdt_check_header(blob);
	if (!rc && (stuck = stuck_tag(blob)) >= 0) {
		snprintf(err, errlen, "'%s' is a corrupt device tree blob: the tag at offset %d of the structure block has a negative length",
			 name, stuck);
		return -1;
	}
	if (!rc)
		rc = fdt_check_full(blob, len);
	if (rc) {
		snprintf(err, errlen, "'%s' is a corrupt device tree blob: %s", name, fdt_error_text(rc));
		return -1;
	}
	return 0;
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

const char *input_name(const char *path)
{
	return strcmp(path, CMALINT_STDIN_ARG) ? path : CMALINT_STDIN_NAME;
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
		if (!is_dtb(blob, len) && ((!from_stdin && looks_like_dts(path)) || dts_text_is_source(blob, len))) {
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
		} else if (len && !is_dtb(blob, len)) {
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
