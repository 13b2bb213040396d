/* SPDX-License-Identifier: MIT */
/*
 * headroom.h - the non-CMA headroom estimate: the memory unmovable
 * (kernel) allocations can use once the board has booted, with every term
 * kept so a reader can check the sum (docs/headroom.md).
 */
#ifndef CMALINT_HEADROOM_H
#define CMALINT_HEADROOM_H

#include <stdbool.h>
#include <stdint.h>

#include "board.h"
#include "kmodel.h"
#include "profile.h"

struct headroom {
	bool known;		/* false when RAM is unknown */
	uint64_t ram;
	uint64_t nomap;
	uint64_t reserved;	/* other reserved regions (carve-outs, pools, /memreserve/) */
	uint64_t cma;
	uint64_t struct_pages;	/* the memmap: sizeof(struct page) per present page, + riscv64's section roots */
	uint64_t kernel_image;	/* configurable, docs/headroom.md */
	uint64_t swiotlb;	/* the bounce buffer, when RAM reaches above the DMA limit */
	uint64_t min_watermark;	/* min_free_kbytes in bytes, THP-adjusted */
	uint64_t min_watermark_sqrt;	/* the square-root formula alone */
	bool thp_capped;	/* the THP recommendation hit its 5 % cap */
	unsigned zones;		/* populated lowmem zones (for the THP recommendation) */
	uint64_t managed;	/* predicted MemTotal: what the buddy allocator manages */
	int64_t headroom;	/* may be negative: the board is already starved */
};

/*
 * headroom_default_kernel_image - the kernel image with the early
 * allocations nobody declares (page tables, per-cpu areas, the device
 * tree, log buffers), as measured on Debian's generic kernels by version
 * (docs/headroom.md); BSP kernels are often smaller: --kernel-image.
 */
uint64_t headroom_default_kernel_image(const struct profile *p);

/* @kernel_image 0: the profile's default. */
void headroom_estimate(struct headroom *h, const struct board *b, const struct profile *p,
		       const struct kmodel *k, uint64_t kernel_image);

#endif
