/* SPDX-License-Identifier: MIT */
/*
 * kmodel.h - the kernel model: what the profile's kernel does with the
 * board's reserved memory and the command line, step by step as it boots
 * (kernel-cma.md §0.1-§4): which regions it reserves, rejects, bypasses or
 * fails, where the ones it places land, and the default CMA area.
 */
#ifndef CMALINT_KMODEL_H
#define CMALINT_KMODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "cmdline.h"
#include "memblock.h"
#include "profile.h"

enum region_kind { RK_CMA, RK_DMA_POOL, RK_CARVEOUT, RK_NOMAP, RK_MEMRESERVE };
enum region_origin { RO_REG, RO_SIZE, RO_CMDLINE, RO_KCONFIG, RO_MEMRESERVE };
enum region_status { RS_RESERVED, RS_REJECTED, RS_BYPASSED, RS_DISABLED, RS_FAILED };

/* Why a region ended up with its status (one per distinct kernel path). */
enum region_reason {
	RR_OK,
	RR_ROOT_IGNORED,	/* /reserved-memory format: whole node ignored */
	RR_STATUS_DISABLED,
	RR_BAD_REG,		/* reg length not whole entries */
	RR_BAD_SIZE,
	RR_BAD_ALIGNMENT_PROP,
	RR_BAD_ALLOC_RANGES,
	RR_NO_REG_NO_SIZE,	/* neither: nothing reserved */
	RR_EMPTY_REG,
	RR_ZERO_SIZE,
	RR_ALLOC_FAILED,	/* dynamic: no room */
	RR_CMA_BYPASSED,	/* cma= given, linux,cma-default dropped */
	RR_CMA_REUSABLE_NOMAP,
	RR_CMA_MISALIGNED,
	RR_CMA_NO_SLOT,
	RR_CMA_DISABLED_KCONFIG,
	RR_COHERENT_NEEDS_NOMAP,	/* arm: coherent pool without no-map */
	RR_COHERENT_REUSABLE,
	RR_NOT_SAVED,		/* beyond the reserved-region table, or 6.19 multi-reg */
	RR_DEFAULT_FIXED_MISALIGNED,
	RR_DEFAULT_EXCEEDS_LIMIT,
	RR_DEFAULT_NO_ROOM,
	RR_DEFAULT_FIXED_BUSY,
	RR_DEFAULT_LOWHIGH_BOUNDARY,
	RR_CMA_ZONE_STRADDLE,	/* spans two zones: activation fails */
};

/* A memory zone as the profile's kernel lays it out (only populated ones are listed). */
struct kzone {
	const char *name;	/* "DMA", "DMA32", "Normal", "HighMem" */
	uint64_t base, end;	/* span over RAM, exclusive end */
	bool lowmem;		/* counts for nr_free_buffer_pages (up to ZONE_NORMAL) */
};
#define KMODEL_MAX_ZONES 4

struct kregion {
	const struct rmem_node *node;	/* NULL for cmdline / kconfig / memreserve */
	char *name;			/* DT path, "cma=", "CONFIG_CMA_SIZE_MBYTES", "/memreserve/" */
	enum region_kind kind;
	enum region_origin origin;
	enum region_status status;
	enum region_reason reason;
	bool has_base;
	uint64_t base;
	uint64_t size;
	uint64_t requested_size;	/* before rounding (default area) */
	bool default_cma;
	bool memory_lost;	/* stays reserved though unusable (4.19 failed init, extra reg entries) */
	uint64_t extra_reserved;	/* reg entries after the first, still reserved */
	/*
	 * A static no-map region over memory already reserved: the kernel
	 * refuses to mark it (-EBUSY) but still sets the node up, so whatever
	 * of it nothing else reserved goes to the page allocator.
	 */
	bool nomap_refused;
	char *refusal;		/* of a refused one: the kernel's "failed to reserve memory" line */
	uint64_t nomap_exposed;	/* of a refused one: the RAM nothing else reserved (page allocator's) */
	uint64_t activated;		/* <= 5.10 straddling area: the part activated before the boundary */
	uint64_t largest_free;		/* RR_ALLOC_FAILED: the largest free block where it was sought, then */
	/*
	 * A static region not wholly inside the board's RAM banks. memblock
	 * reserves (or marks no-map) memory that is not there without a word,
	 * and a no-map pool is memremap()ed like any device memory, so only a
	 * CMA pool fails: its pages are not RAM and activation gives it up.
	 */
	enum { RAM_INSIDE, RAM_PARTLY_OUTSIDE, RAM_OUTSIDE } ram_place;
	/* For an area the kernel places below early allocations: where it can land. */
	bool has_window;
	uint64_t window_base, window_end;
	char *kernel_message;	/* what the kernel prints, or NULL */
	unsigned memreserve_index;
};

/* The default CMA area's source as the kernel resolves it. */
enum default_source { DEF_NONE, DEF_DT, DEF_CMDLINE, DEF_KCONFIG };

/*
 * Two regions of the prediction with a fixed place that share memory
 * [lo, hi): first and second are indices into kmodel.regions, in the order
 * of a sweep by base (the larger first at equal bases).
 */
struct koverlap {
	size_t first, second;
	uint64_t lo, hi;
};
/* At most this many pairs are kept (a hostile tree of nested regions has millions). */
#define KMODEL_MAX_OVERLAPS 4096

struct kmodel {
	struct kregion *regions;
	size_t nregions, cap;
	/* every pair of enabled regions with a base that share memory, found once (rules and maps read it) */
	struct koverlap *overlaps;
	size_t noverlaps, cap_overlaps;
	bool rmem_ignored;		/* the whole /reserved-memory node is ignored */
	/* what the bootloader placed in RAM before the kernel (--bootloader-reserved), as given */
	struct range *boot;
	size_t nboot;
	enum default_source default_source;
	size_t default_index;		/* into regions, valid when default_source != DEF_NONE */
	bool dt_default_bypassed;
	bool cmdline_ignored;		/* <= 5.5 with a DT default */
	uint64_t arch_dma_limit;	/* exclusive; 0 = none known */
	/* 32-bit arm with RAM above 4 GiB: the 4 GiB limit rests on an assumed CONFIG_ZONE_DMA */
	bool dma_limit_assumed;
	const char *dma_limit_from;	/* node whose dma-ranges narrowed ZONE_DMA (the board's), or NULL */
	struct kzone zones[KMODEL_MAX_ZONES];
	size_t nzones;
	uint64_t cma_bytes;		/* CmaTotal: every area the kernel counts */
	uint64_t cma_usable_bytes;	/* what reaches the buddy allocator as CMA pages */
	uint64_t nomap_bytes;
	uint64_t reserved_bytes;
	unsigned cma_areas;
	unsigned saved_regions;		/* entries the reserved-memory table had to hold */
	uint64_t memmap_unplaced;	/* memmap taken before the default area, place unknown (5.10) */
	struct memblock mb;		/* the bookkeeping after the prediction */
};

/*
 * kmodel_build - run the prediction. @cl may be NULL (no command line).
 * @boot, @nboot: what the bootloader placed in RAM before the kernel runs
 * (kernel image, initrd, DTB: --bootloader-reserved), reserved first.
 */
void kmodel_build(struct kmodel *k, const struct board *b, const struct profile *p, const struct cmdline *cl,
		  const struct range *boot, size_t nboot);
void kmodel_release(struct kmodel *k);

const char *region_kind_name(enum region_kind k);
const char *region_origin_name(enum region_origin o);
const char *region_status_name(enum region_status s);
/* The kregion built for @n, or NULL. */
const struct kregion *kmodel_region_for(const struct kmodel *k, const struct rmem_node *n);
/* The zone holding @addr, or NULL. */
/* arm: the size of lowmem above the start of RAM for the profile's CONFIG_PAGE_OFFSET. */
uint64_t arm_lowmem_size(const struct profile *p);
const struct kzone *kmodel_zone_of(const struct kmodel *k, uint64_t addr);
/* True when the node is a reusable shared-dma-pool (what the kernel would treat as CMA). */
bool rmem_node_is_cma(const struct rmem_node *n);

/*
 * kmodel_heap_names - the dma-buf CMA heaps (/dev/dma_heap/NAME) the kernel
 * @k creates for region @r (docs/kernel-model.md): from 5.6 the default area
 * under its CMA name (the node name for a device-tree area, "reserved" for
 * cma= and the Kconfig size); from 6.16 also as "default_cma_region"; from
 * 6.17 each other reusable CMA pool under its node name. Fills @names
 * (pointers into the model) and returns how many, 0 for none.
 */
#define KMODEL_HEAPS_MAX 2
size_t kmodel_heap_names(const struct kmodel *k, const struct profile *p, const struct kregion *r,
			 const char *names[KMODEL_HEAPS_MAX]);

#endif
