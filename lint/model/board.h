/* SPDX-License-Identifier: MIT */
/*
 * board.h - the board model: what the device tree says about memory, read
 * once from a validated blob. Rules read this model; nothing downstream
 * looks at the blob again.
 */
#ifndef CMALINT_BOARD_H
#define CMALINT_BOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fdtutil.h"
#include "bounds.h"
#include "srcloc.h"


struct ram_bank {
	uint64_t base;
	uint64_t size;
	char *node;		/* "/memory@40000000", or "--ram" */
	struct srcloc loc;	/* of its reg (DTS input) */
	/* the first bank of a node whose unit address is not its reg's base */
	bool unit_mismatch;
	uint64_t unit_addr;
	/* then: static regions outside RAM inside the window the unit address names (ramtrust.c) */
	size_t unit_strays;
};

struct prop_info {
	char *name;
	int len;
	struct srcloc loc;
	struct srcloc *more;	/* earlier definitions (overridden), oldest first */
	size_t nmore;
	const char *overlay;	/* overlay that last set it, or NULL */
};

/* A cell-encoded property: present, its length, and whether the length fits the cells. */
struct cellprop {
	bool present;
	bool valid;		/* length is what the root cells require */
	int len;		/* bytes */
};

/* Consumers of a region whose paths the model keeps (messages name at most these). */
#define CMALINT_CONSUMERS_KEPT 3

struct rmem_node {
	char *path;		/* "/reserved-memory/linux,cma" */
	char *name;		/* "linux,cma" */
	int offset;		/* node offset in the blob (order key) */
	bool available;		/* status absent, "okay" or "ok" */
	char *status;		/* raw status string or NULL */
	char **compatible;
	size_t ncompatible;

	struct cellprop reg;	/* valid: a whole number of (addr, size) entries */
	struct range *regs;
	size_t nregs;
	struct cellprop size;	/* valid: exactly #size-cells */
	uint64_t size_value;
	struct cellprop alignment;	/* valid: exactly #address-cells (the kernel's reading) */
	uint64_t alignment_value;
	bool alignment_valid_size_cells;	/* the binding's reading (#size-cells) */
	struct cellprop alloc_ranges;	/* valid: whole (addr, size) pairs */
	struct range *allocs;
	size_t nallocs;

	bool no_map;
	bool reusable;
	bool cma_default;	/* linux,cma-default */
	bool dma_default;	/* linux,dma-default */
	/*
	 * enabled nodes (themselves and their ancestors available) whose
	 * memory-region lists this node (lint/model/board.c count_consumers)
	 */
	unsigned consumers;
	char *consumer[CMALINT_CONSUMERS_KEPT];	/* the paths of the first of them */

	struct prop_info *props;
	size_t nprops;
	struct srcloc loc;
	const char *overlay;	/* overlay that created or last changed the node, or NULL */
};

/* A CPU address range a device reaches by DMA (inclusive ends). */
struct dma_win {
	uint64_t lo, hi;
};
/* dma-ranges entries kept per device; a device with more keeps their hull as the last one. */
#define CMALINT_MAX_DMA_WINDOWS 8

/*
 * A node whose memory-region lists reserved-memory nodes (lint/model/board.c
 * load_region_users): what a reviewer asks of it. Its DMA window is the
 * CPU address range its nearest dma-ranges (its own or an ancestor's,
 * translated up to the root) reach: the hull of their entries.
 */
struct region_user {
	char *path;		/* "/soc/vpu@38300000" */
	char *status;		/* raw status or NULL */
	bool available;		/* its status and its ancestors'; the counts in rmem_node take only these */
	unsigned nregions;	/* memory-region entries (phandles) */
	bool has_names;		/* memory-region-names present */
	unsigned nnames;	/* its strings */
	char **names;		/* the first min(nnames, nregions) of them */
	int *target;		/* per memory-region entry: index into board.nodes, or -1 */
	/*
	 * Per entry whose target is -1: the path of the node its phandle names
	 * (not a /reserved-memory child), or NULL when no node has that phandle;
	 * phandle[] keeps the value.
	 */
	char **elsewhere;
	uint32_t *phandle;
	/* behind an IOMMU: 'iommus' naming an available IOMMU, or an ancestor's 'iommu-map' */
	bool iommu;
	bool has_dma_window;
	uint64_t dma_lo, dma_hi;	/* inclusive CPU addresses: the hull of the windows */
	struct dma_win dma_win[CMALINT_MAX_DMA_WINDOWS];	/* each entry, sorted, merged */
	unsigned ndma_win;
	char *dma_from;		/* the node whose dma-ranges set it */
	/* DTS input: where the node, its memory-region and memory-region-names are written */
	struct srcloc loc, region_loc, names_loc;
};

/* Devices kept per board (the rest are counted only); memory-region entries read per device. */
#define CMALINT_MAX_REGION_USERS 1024
#define CMALINT_MAX_REGION_REFS 64

struct rmem_root {
	bool present;
	char *path;
	char *name;		/* node name as written, e.g. "reserved-memory@0" */
	bool has_ranges;
	bool has_addr_cells, has_size_cells;
	uint32_t addr_cells, size_cells;
	size_t ngrandchildren;	/* nodes below the children (seen by the kernel <= 5.15) */
	struct srcloc loc;
};

struct dts_unit;

/* A bus under the root that maps device addresses to [base, base + size) of the CPU's. */
struct bus_window {
	char *bus;		/* "/soc" */
	uint64_t base;
	uint64_t size;
};

struct board {
	char *input;		/* the path as given */
	char *dts_file;		/* for DTS input: the source file; else NULL */
	struct dts_unit *src;	/* DTS kept for board_locate() (lint/run/srcpos.h), or NULL */
	bool live_tree;		/* read from a /proc/device-tree style directory */
	char *model;		/* /model or NULL */
	char **compatible;	/* root compatible list */
	size_t ncompatible;

	bool root_has_addr_cells, root_has_size_cells;
	uint32_t root_addr_cells, root_size_cells;	/* kernel defaults 1/1 when absent */

	struct ram_bank *ram;
	size_t nram;
	bool ram_from_cli;	/* --ram replaced the device tree's /memory */
	/*
	 * The command line's mem= changed RAM (lint/model/memlimit.c): ram is what the
	 * kernel keeps, ram_full what the board has; mem_desc names the
	 * parameter ("'mem=1G' (/chosen/bootargs)"). NULL/0 otherwise.
	 */
	struct ram_bank *ram_full;
	size_t nram_full;
	char *mem_desc;
	const struct srcloc *mem_loc;	/* where the mem= was written (the command line's), or NULL */
	/*
	 * The tree's /memory is not taken as the board's RAM: absent or
	 * zero-sized (the bootloader fills it), or contradicted by the tree
	 * itself (lint/model/ramtrust.c); ram_doubt then says how, or is NULL.
	 */
	bool ram_placeholder;
	char *ram_doubt;
	struct bus_window *bus_windows;	/* translated windows of the root's buses */
	size_t nbus_windows;

	struct range *memreserve;
	size_t nmemreserve;

	struct region_user *users;	/* nodes with memory-region, in tree order */
	size_t nusers;

	struct rmem_root rmem;
	struct rmem_node *nodes;
	size_t nnodes;
	size_t nodes_cap;

	bool has_dt_bootargs;
	char *dt_bootargs;
	struct srcloc dt_bootargs_loc;

	/*
	 * The highest CPU address every bus's dma-ranges reaches (the minimum
	 * over the available nodes, as of_dma_get_max_cpu_address() finds it),
	 * UINT64_MAX when no node constrains it; the node that sets it or NULL.
	 */
	uint64_t dma_max_cpu_addr;
	char *dma_limit_node;

	/*
	 * What the tree says about the architecture (lint/model/archinfer.c):
	 * has_arch_hint when the input's path or a CPU node names one;
	 * arch_hint is an enum arch value, arch_nommu a CPU without MMU
	 * (arm,cortex-m*), arch_evidence how it was found ("cpu '/cpus/cpu@0'
	 * compatible 'arm,cortex-a9'", "path 'arch/arm/boot/dts'").
	 */
	bool has_arch_hint;
	int arch_hint;
	bool arch_nommu;
	char *arch_evidence;
};



/*
 * board_load - read @path (DTB or DTS), validate it and build the model.
 * returns: 0 on success; -1 with a one-line message in @err on any
 * problem (unreadable, not a device tree, corrupt blob, DTS that does not
 * compile, values that wrap past 2^64).
 */
int board_load(struct board *b, const char *path, const struct load_opts *o, char *err, size_t errlen);
/*
 * board_load_blob - the same for a DTB already in memory; @name stands for
 * the input in messages and in b->input. board_load() ends here.
 */
int board_load_blob(struct board *b, const char *name, const void *blob, size_t len,
		    const struct load_opts *o, char *err, size_t errlen);
void board_release(struct board *b);


/*
 * dt_dma_max_cpu_addr - the highest CPU address that the dma-ranges of
 * every available node reach, the minimum over the tree (UINT64_MAX when
 * none constrains it). Each entry's parent-bus address is translated up
 * through the ancestors' dma-ranges (absent or empty: one to one). Nodes
 * deeper than LIVETREE_MAX_DEPTH, entries past CMALINT_MAX_DMA_RANGES,
 * trailing partial entries and entries that cannot be translated are
 * ignored. @from, when not NULL, receives the path of the node that sets
 * the minimum (allocated) or NULL.
 */
uint64_t dt_dma_max_cpu_addr(const void *fdt, char **from);


/*
 * ram_bank_parse - "SIZE[@BASE]" (e.g. "2G@0x40000000") as given with --ram
 * or in a configuration. returns: 0, or -1 when it is not a non-empty bank
 * within 64 bits.
 */
int ram_bank_parse(const char *s, struct ram_bank *bank);

/*
 * board_infer_arch - fill b->has_arch_hint, arch_hint, arch_nommu and
 * arch_evidence from the input's path (b->input) and the CPU nodes of
 * the indexed blob @ix (lint/input/fdtindex.h, lint/model/archinfer.c, docs/kernel-model.md).
 */
struct fdt_index;
void board_infer_arch(struct board *b, const struct fdt_index *ix);
/* arch_from_path - the arch a kernel or U-Boot tree path names; -1 if none. @comp gets the matched part. */
int arch_from_path(const char *path, char *comp, size_t complen);
/* arch_from_cpu_compatible - the arch of one CPU compatible string; -1 if unknown. */
int arch_from_cpu_compatible(const char *compat, bool *nommu);

/*
 * board_judge_ram - whether the tree's own /memory can be taken as the
 * board's RAM: a reusable region outside it, a memory node whose unit
 * address is not its reg, or a bus that maps device registers inside it
 * mark it a placeholder (b->ram_placeholder, b->ram_doubt). lint/model/ramtrust.c.
 */
void board_judge_ram(struct board *b);

/* Helpers over the model (no parsing). */
bool rmem_node_has_compatible(const struct rmem_node *n, const char *compat);
const struct prop_info *rmem_node_prop(const struct rmem_node *n, const char *name);
uint64_t board_ram_bytes(const struct board *b);
bool board_ram_known(const struct board *b);

#endif
