// SPDX-License-Identifier: MIT
#include "board.h"

#include <errno.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dts.h"
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
		const char *status = fdt_getprop(fdt, node, "status", NULL);
		const void *reg;
		struct range *rs;
		size_t nrs;

		if (!type || len <= 0 || strncmp(type, "memory", (size_t)len) != 0)
			continue;
		if (status && strcmp(status, "okay") && strcmp(status, "ok"))
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
		}
		free(rs);
	}
	if (!b->nram)
		b->ram_placeholder = true;
	return 0;
}

static int load_rmem_node(struct board *b, const void *fdt, int node, char *err, size_t errlen)
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
		pi->name = xstrdup(name);
		pi->len = len;
	}

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

static int load_tree(struct board *b, const void *fdt, const struct load_opts *o, char *err, size_t errlen)
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

	node = fdt_path_offset(fdt, "/chosen");
	if (node >= 0) {
		s = fdt_getprop(fdt, node, "bootargs", &len);
		if (s) {
			b->has_dt_bootargs = true;
			b->dt_bootargs = xstrndup(s, len > 0 ? strnlen(s, (size_t)len) : 0);
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
		fdt_for_each_subnode(child, fdt, node) {
			int gc;

			if (b->nnodes >= CMALINT_MAX_REGIONS) {
				snprintf(err, errlen, "'%s': more than %d nodes under '%s'", b->input,
					 CMALINT_MAX_REGIONS, b->rmem.path);
				return -1;
			}
			if (load_rmem_node(b, fdt, child, err, errlen))
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
	return 0;
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

/* Validate @blob (already read, named by b->input) and build the model from it. */
static int load_blob(struct board *b, const void *blob, size_t len, const struct load_opts *o,
		     char *err, size_t errlen)
{
	int rc, stuck;

	if (len < sizeof(struct fdt_header) || fdt_magic(blob) != FDT_MAGIC) {
		snprintf(err, errlen, "'%s' is not a device tree blob (bad magic; DTS input needs the .dts extension)",
			 b->input);
		return -1;
	}
	if (len > CMALINT_MAX_DTB_SIZE) {
		snprintf(err, errlen, "'%s' is larger than the %zu MiB limit for a device tree blob",
			 b->input, CMALINT_MAX_DTB_SIZE >> 20);
		return -1;
	}
	/*
	 * Before version 16 node names were full paths; libfdt 1.6.1's
	 * fdt_check_full() dereferences NULL on such a blob whose names lack
	 * a '/'. dtc has written version 17 since 2007: refuse older ones.
	 */
	if (fdt_version(blob) < 16) {
		snprintf(err, errlen, "'%s' is a version %u device tree blob; cmalint reads version 16 and later",
			 b->input, fdt_version(blob));
		return -1;
	}
	rc = fdt_check_header(blob);
	if (!rc && fdt_totalsize(blob) > len)
		rc = -FDT_ERR_TRUNCATED;
	if (!rc && (stuck = stuck_tag(blob)) >= 0) {
		snprintf(err, errlen, "'%s' is a corrupt device tree blob: the tag at offset %d of the structure block has a negative length",
			 b->input, stuck);
		return -1;
	}
	if (!rc)
		rc = fdt_check_full(blob, len);
	if (rc) {
		snprintf(err, errlen, "'%s' is a corrupt device tree blob: %s", b->input, fdt_strerror(rc));
		return -1;
	}
	return load_tree(b, blob, o, err, errlen);
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
	void *blob;
	size_t len;
	int rc;

	memset(b, 0, sizeof(*b));
	b->input = xstrdup(path);
	if (looks_like_dts(path)) {
		blob = dts_compile(path, o ? o->include_dirs : NULL, &len, err, errlen);
		if (!blob)
			return -1;
		b->dts_file = xstrdup(path);
	} else {
		blob = read_file(path, CMALINT_MAX_DTB_SIZE, &len);
		if (!blob) {
			if (errno == EFBIG)
				snprintf(err, errlen, "'%s' is larger than the %zu MiB limit for a device tree blob",
					 path, CMALINT_MAX_DTB_SIZE >> 20);
			else
				snprintf(err, errlen, "cannot read '%s': %s", path, strerror(errno));
			return -1;
		}
	}
	rc = load_blob(b, blob, len, o, err, errlen);
	free(blob);
	return rc;
}

static void free_loc(struct srcloc *l)
{
	free(l->file);
}

void board_release(struct board *b)
{
	for (size_t i = 0; i < b->nram; i++)
		free(b->ram[i].node);
	free(b->ram);
	free(b->memreserve);
	for (size_t i = 0; i < b->nnodes; i++) {
		struct rmem_node *n = &b->nodes[i];

		free(n->path);
		free(n->name);
		free(n->status);
		free_string_list(n->compatible, n->ncompatible);
		free(n->regs);
		free(n->allocs);
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
	free(b->model);
	free_string_list(b->compatible, b->ncompatible);
	free(b->input);
	free(b->dts_file);
	memset(b, 0, sizeof(*b));
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
