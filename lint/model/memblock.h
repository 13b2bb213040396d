/* SPDX-License-Identifier: MIT */
/*
 * memblock.h - a small model of the kernel's boot-time memory bookkeeping:
 * the memory ranges, the ranges marked no-map, and the reserved ranges,
 * with the top-down and bottom-up searches used to place regions.
 */
#ifndef CMALINT_MEMBLOCK_H
#define CMALINT_MEMBLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct mrange {
	uint64_t base;
	uint64_t end;		/* exclusive; ranges never wrap */
};

struct mlist {
	struct mrange *r;
	size_t n, cap;
};

struct memblock {
	struct mlist memory;
	struct mlist nomap;
	struct mlist reserved;
};

void mlist_add(struct mlist *l, uint64_t base, uint64_t end);	/* merges and keeps sorted */
void mlist_remove(struct mlist *l, uint64_t base, uint64_t end);
bool mlist_intersects(const struct mlist *l, uint64_t base, uint64_t end);
bool mlist_covers(const struct mlist *l, uint64_t base, uint64_t end);
uint64_t mlist_total(const struct mlist *l);
void mlist_release(struct mlist *l);

void memblock_release(struct memblock *m);
uint64_t memblock_end(const struct memblock *m);	/* end of the last memory range */

/*
 * memblock_find - the highest (top_down) or lowest @align-aligned block of
 * @size inside [start, end) that lies in memory and avoids reserved and
 * no-map ranges. returns true and sets @out.
 */
bool memblock_find(const struct memblock *m, uint64_t size, uint64_t align,
		   uint64_t start, uint64_t end, bool top_down, uint64_t *out);
/* The largest free block inside [start, end) (for messages). */
uint64_t memblock_largest_free(const struct memblock *m, uint64_t start, uint64_t end);

#endif
