/* SPDX-License-Identifier: MIT */
/* bounds.h - the bounds cmalint puts on its inputs (docs/limits.md). */
#ifndef CMALINT_BOUNDS_H
#define CMALINT_BOUNDS_H

#include <stddef.h>
#include <stdint.h>

/* Input limits (see docs/limits.md). */
#define CMALINT_MAX_DTB_SIZE ((size_t)64 << 20)
#define CMALINT_MAX_NODES 100000
#define CMALINT_MAX_DEPTH 64		/* nesting, as the kernel's unflattening allows */
#define CMALINT_MAX_REGIONS 4096	/* each of: memory banks, /memreserve/ entries,
					 * /reserved-memory children, their reg and
					 * alloc-ranges entries */

/* dma-ranges: at most this many entries of one property are read. */
#define CMALINT_MAX_DMA_RANGES 1024
/* Sizes from here on exceed every supported physical address space (52 bits). */
#define CMALINT_PHYS_ADDR_MAX ((uint64_t)1 << 52)

#endif
