// SPDX-License-Identifier: MIT
#include "headroom.h"

#include <string.h>

#include "util.h"

static uint64_t isqrt(uint64_t v)
{
	uint64_t r = 0, bit = UINT64_C(1) << 62;

	while (bit > v)
		bit >>= 2;
	while (bit) {
		if (v >= r + bit) {
			v -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return r;
}

/* Populated zones up to ZONE_NORMAL, from where RAM lies (kernel-cma.md §3.3, §6.3). */
static unsigned count_zones(const struct board *b, const struct profile *p, const struct kmodel *k)
{
	bool low = false, high = false;
	uint64_t lim = k->arch_dma_limit ? k->arch_dma_limit : UINT64_MAX;

	if (p->arch == ARCH_ARM)
		return 1;	/* lowmem (HighMem is above ZONE_NORMAL) */
	for (size_t i = 0; i < b->nram; i++) {
		if (b->ram[i].base < lim)
			low = true;
		if (b->ram[i].base + b->ram[i].size > lim)
			high = true;
	}
	return (unsigned)low + (unsigned)high;
}

void headroom_estimate(struct headroom *h, const struct board *b, const struct profile *p,
		       const struct kmodel *k, uint64_t kernel_image)
{
	uint64_t managed, pages, free_kb, sqrt_kb, min_kb, page_kb = p->page_size / 1024;
	int64_t room;

	memset(h, 0, sizeof(*h));
	if (!board_ram_known(b))
		return;
	h->known = true;
	h->ram = board_ram_bytes(b);
	h->nomap = k->nomap_bytes;
	h->reserved = k->reserved_bytes;
	h->cma = k->cma_bytes;
	h->kernel_image = kernel_image;
	/* Up to 5.9 no-map memory is removed, so it has no struct page either. */
	pages = (kver_le(p->kernel, 5, 9) ? h->ram - (h->nomap < h->ram ? h->nomap : h->ram) : h->ram) / p->page_size;
	h->struct_pages = pages * HEADROOM_STRUCT_PAGE_BYTES;

	/* Managed pages (CMA counts: it is handed to the buddy allocator). */
	managed = h->ram;
	for (uint64_t *t = (uint64_t[]){ h->nomap, h->reserved, h->struct_pages, h->kernel_image }, i = 0; i < 4;
	     i++)
		managed = managed > t[i] ? managed - t[i] : 0;

	/* min_free_kbytes: sqrt(lowmem_kbytes * 16), clamped. */
	free_kb = managed / 1024;
	sqrt_kb = isqrt(free_kb * 16);
	if (sqrt_kb < 128)
		sqrt_kb = 128;
	if (sqrt_kb > (kver_le(p->kernel, 5, 6) ? 65536u : 262144u))
		sqrt_kb = kver_le(p->kernel, 5, 6) ? 65536u : 262144u;
	min_kb = sqrt_kb;
	h->zones = count_zones(b, p, k);
	/* khugepaged raises it to its recommendation, capped at 5 % of free buffer pages. */
	if (p->thp && h->ram >= 512 * MiB) {
		uint64_t pb = UINT64_C(1) << p->pageblock_order;
		uint64_t rec = pb * h->zones * 2 + pb * h->zones * 9;
		uint64_t cap = managed / p->page_size / 20;

		if (rec > cap)
			rec = cap;
		if (rec * page_kb > min_kb)
			min_kb = rec * page_kb;
	}
	h->min_watermark_sqrt = sqrt_kb * 1024;
	h->min_watermark = min_kb * 1024;

	room = (int64_t)managed - (int64_t)h->cma - (int64_t)h->min_watermark;
	h->headroom = room;
}
