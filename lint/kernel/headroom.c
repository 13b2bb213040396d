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

/* sizeof(struct page): 64 bytes on 64-bit kernels, 32 on 32-bit arm. */
static uint64_t struct_page_bytes(const struct profile *p)
{
	return p->arch == ARCH_ARM ? 32 : 64;
}

/*
 * The section root table of SPARSEMEM_EXTREME. sparse_init() (4.15+:
 * memory_present(), later memblocks_present()) takes it from memblock
 * for the whole physical address space the arch declares, not for the
 * RAM present: one pointer per root, a root being a page of struct
 * mem_section, 32 bytes with CONFIG_PAGE_EXTENSION (set in distribution
 * kernels; 16 without). riscv64 declares MAX_PHYSMEM_BITS 56 with 128 MiB
 * sections (asm/sparsemem.h): 2^29 sections, 128 per 4 KiB root, 2^22
 * roots of 8 bytes = 32 MiB on every board. On arm64 (48 or 52 bits:
 * 128 KiB or 2 MiB) it is part of the measured kernel-image default;
 * 32-bit arm kernels use FLATMEM.
 */
static uint64_t section_roots_bytes(const struct profile *p)
{
	const unsigned max_physmem_bits = 56, section_size_bits = 27, mem_section_bytes = 32;
	uint64_t per_root;

	if (p->arch != ARCH_RISCV64 || !p->page_size)
		return 0;
	per_root = p->page_size / mem_section_bytes;
	return (UINT64_C(1) << (max_physmem_bits - section_size_bits)) / per_root * 8;
}

static uint64_t sub_floor(uint64_t a, uint64_t b)
{
	return a > b ? a - b : 0;
}

/*
 * min_free_kbytes as init_per_zone_wmark_min() computes it from the free
 * lowmem: int_sqrt(kbytes * 16), clamped (kernel-cma.md §6.2).
 */
static uint64_t sqrt_min_kb(const struct profile *p, uint64_t lowmem_kb)
{
	uint64_t v = isqrt(lowmem_kb * 16), max = kver_le(p->kernel, 5, 6) ? 65536 : 262144;

	return v < 128 ? 128 : v > max ? max : v;
}

uint64_t headroom_default_kernel_image(const struct profile *p)
{
	/*
	 * 32-bit arm: 21 MiB on 6.1 LPAE; 7.2 LPAE prints 5.7 MiB more kernel
	 * code, rwdata, rodata and bss and loses 8.7 MiB more in all (a3).
	 */
	if (p->arch == ARCH_ARM)
		return kver_ge(p->kernel, 7, 0) ? 29 * MiB : 21 * MiB;
	/*
	 * riscv64 7.2: 33458K of image without init against arm64 7.3's 47062K;
	 * 2 GiB - MemTotal - memmap - section roots - OpenSBI's 512 KiB is 38.5 MiB (a3).
	 */
	if (p->arch == ARCH_RISCV64 && kver_ge(p->kernel, 7, 0))
		return 38 * MiB;
	if (!kver_ge(p->kernel, 5, 15))
		return 29 * MiB;
	if (!kver_ge(p->kernel, 6, 7))
		return 33 * MiB;
	if (!kver_ge(p->kernel, 7, 0))
		return 43 * MiB;
	/* 7.3 arm64: 19264K of code against 6.12's 15808K, MemTotal about 12 MiB lower */
	return 55 * MiB;
}

/*
 * mem_init() sets up a 64 MiB swiotlb when RAM reaches above the DMA
 * limit: arm64 and riscv, and 32-bit arm with LPAE, whose limit is the
 * last byte below 4 GiB (so RAM that ends at 4 GiB already needs it).
 */
static uint64_t swiotlb_bytes(const struct board *b, const struct profile *p, const struct kmodel *k)
{
	if (p->arch == ARCH_ARM) {
		for (size_t i = 0; p->lpae && i < b->nram; i++)
			if (b->ram[i].base + b->ram[i].size > UINT64_C(0xffffffff))
				return 64 * MiB;
		return 0;
	}
	if ((p->arch != ARCH_ARM64 && p->arch != ARCH_RISCV64) || !k->arch_dma_limit)
		return 0;
	for (size_t i = 0; i < b->nram; i++)
		if (b->ram[i].base + b->ram[i].size > k->arch_dma_limit)
			return 64 * MiB;
	return 0;
}

/*
 * managed - cma - min without overflow: each term may reach 2^64 on a
 * tree with absurd sizes. The difference saturates at +-INT64_MAX (only
 * trees with more than 8 EiB of RAM get there), so that -headroom, which
 * messages print, is always defined.
 */
static int64_t headroom_diff(uint64_t managed, uint64_t cma, uint64_t min)
{
	__int128 d = (__int128)managed - cma - min;

	if (d > INT64_MAX)
		return INT64_MAX;
	if (d < -INT64_MAX)
		return -INT64_MAX;
	return (int64_t)d;
}

void headroom_estimate(struct headroom *h, const struct board *b, const struct profile *p,
		       const struct kmodel *k, uint64_t kernel_image)
{
	uint64_t present, lowmem = 0, page = p->page_size, page_kb = page / 1024;
	uint64_t min_kb, high_pages, tmp, free_buffer_pages;

	memset(h, 0, sizeof(*h));
	if (!board_ram_known(b))
		return;
	h->known = true;
	h->ram = board_ram_bytes(b);
	h->nomap = k->nomap_bytes;
	h->reserved = k->reserved_bytes;
	h->cma = k->cma_usable_bytes;
	h->kernel_image = kernel_image ? kernel_image : headroom_default_kernel_image(p);
	h->swiotlb = swiotlb_bytes(b, p, k);
	/* Up to 5.9 no-map memory is removed from memblock, so it has no struct page. */
	present = kver_le(p->kernel, 5, 9) ? sub_floor(h->ram, h->nomap) : h->ram;
	h->struct_pages = present / page * struct_page_bytes(p) + section_roots_bytes(p);

	/* MemTotal: CMA is handed to the buddy allocator, so it counts. */
	h->managed = sub_floor(sub_floor(sub_floor(sub_floor(sub_floor(h->ram, h->nomap), h->reserved),
						     h->struct_pages), h->kernel_image), h->swiotlb);
	for (size_t i = 0; i < k->nzones; i++) {
		const struct kzone *z = &k->zones[i];

		if (!z->lowmem)
			continue;
		h->zones++;
		for (size_t j = 0; j < b->nram; j++) {
			uint64_t lo = b->ram[j].base > z->base ? b->ram[j].base : z->base;
			uint64_t hi = b->ram[j].base + b->ram[j].size < z->end ? b->ram[j].base + b->ram[j].size : z->end;

			if (lo < hi)
				lowmem += hi - lo;
		}
	}
	if (!h->zones)
		h->zones = 1;
	/* Scale the managed estimate to the lowmem share (HighMem on 32-bit arm does not count). */
	if (lowmem && lowmem < h->ram)
		lowmem = (uint64_t)((unsigned __int128)h->managed * lowmem / h->ram);
	else
		lowmem = h->managed;

	min_kb = sqrt_min_kb(p, lowmem / 1024);
	h->min_watermark_sqrt = min_kb * 1024;
	/*
	 * khugepaged raises min_free_kbytes to pageblock x zones x 11 pages,
	 * capped at 5 % of nr_free_buffer_pages() = managed - high watermark
	 * (kernel-cma.md §6.3); THP is off on boards under 512 MiB.
	 */
	if (p->thp && h->ram >= 512 * MiB) {
		uint64_t pb = UINT64_C(1) << p->pageblock_order, rec = pb * h->zones * 11, cap;
		uint64_t min_pages = min_kb / page_kb, managed_pages = lowmem / page;

		tmp = managed_pages * 10 / 10000;
		if (tmp < min_pages / 4)
			tmp = min_pages / 4;
		high_pages = min_pages + 2 * tmp;
		free_buffer_pages = sub_floor(managed_pages, high_pages);
		cap = free_buffer_pages / 20;
		if (rec > cap) {
			rec = cap;
			h->thp_capped = true;
		}
		if (rec * page_kb > min_kb)
			min_kb = rec * page_kb;
	}
	h->min_watermark = min_kb * 1024;
	h->headroom = headroom_diff(h->managed, h->cma, h->min_watermark);
}
