// SPDX-License-Identifier: MIT
/*
 * ramtrust.c - whether a tree's /memory is the board's RAM or a
 * placeholder that the bootloader or firmware rewrites.
 *
 * Many reference trees carry a /memory with a plausible size that the
 * firmware replaces at boot (Raspberry Pi, i.MX8 MEK, Keystone). Taken as
 * real RAM, it turns every region that relies on RAM into a false error.
 * The tree itself gives the placeholder away when it contradicts its own
 * /memory:
 *
 *  - a reusable region (its pages go to the page allocator, so it must be
 *    RAM) with a 'reg' wholly outside it, or whose alloc-ranges miss it
 *    entirely (a region partly inside RAM is a wrong region, not a sign of
 *    more RAM: it stays an error);
 *  - a memory node whose unit address is not the base of its 'reg', with
 *    static regions outside RAM inside the window the name gives;
 *  - a bus directly under the root that translates device addresses into
 *    a window inside it (registers cannot sit in RAM).
 *
 * Then findings that rest on the size or place of RAM say so and are not
 * errors until the RAM is confirmed (--ram, a configuration, a live tree).
 */
#include <stdlib.h>

#include "board.h"
#include "memblock.h"
#include "util.h"

/* A reusable node that needs RAM it does not have: the doubt, or NULL. */
static char *reusable_outside(const struct board *b, const struct mlist *ram)
{
	for (size_t i = 0; i < b->nnodes; i++) {
		const struct rmem_node *n = &b->nodes[i];
		bool hits = false;

		if (!n->available || !n->reusable)
			continue;
		for (size_t j = 0; n->reg.valid && j < n->nregs; j++) {
			uint64_t base = n->regs[j].base, end;

			if (n->regs[j].size && range_end(base, n->regs[j].size, &end) &&
			    !mlist_intersects(ram, base, end))
				return xasprintf("the reusable region '%s' at 0x%llx lies outside it", n->path,
						 (unsigned long long)base);
		}
		if (n->reg.present || !n->alloc_ranges.valid || !n->nallocs)
			continue;
		for (size_t j = 0; j < n->nallocs; j++) {
			uint64_t end;

			if (n->allocs[j].size && range_end(n->allocs[j].base, n->allocs[j].size, &end) &&
			    mlist_intersects(ram, n->allocs[j].base, end))
				hits = true;
		}
		if (!hits)
			return xasprintf("the alloc-ranges of the reusable pool '%s' (from 0x%llx) miss it", n->path,
					 (unsigned long long)n->allocs[0].base);
	}
	return NULL;
}

/* A bus under the root that maps device addresses into RAM: the doubt, or NULL. */
static char *bus_inside(const struct board *b)
{
	for (size_t w = 0; w < b->nbus_windows; w++) {
		uint64_t base = b->bus_windows[w].base, end = base + b->bus_windows[w].size;

		for (size_t i = 0; i < b->nram; i++) {
			uint64_t rb = b->ram[i].base, re = rb + b->ram[i].size;

			/* inside a bank, not a window over all of it (a bus spanning the whole space) */
			if (base < re && end > rb && !(base <= rb && end >= re))
				return xasprintf("bus '%s' maps device addresses to 0x%llx-0x%llx inside it",
						 b->bus_windows[w].bus, (unsigned long long)base,
						 (unsigned long long)(end - 1));
		}
	}
	return NULL;
}

/* Static regions outside RAM that the window @bank's unit address names would hold. */
static size_t unit_strays(const struct board *b, const struct ram_bank *bank, const struct mlist *ram)
{
	uint64_t ub = bank->unit_addr, ue;
	size_t n = 0;

	if (!range_end(ub, bank->size, &ue))
		return 0;
	for (size_t i = 0; i < b->nnodes; i++) {
		const struct rmem_node *r = &b->nodes[i];

		for (size_t j = 0; r->available && r->reg.valid && j < r->nregs; j++) {
			uint64_t base = r->regs[j].base, end;

			if (r->regs[j].size && range_end(base, r->regs[j].size, &end) && base >= ub && end <= ue &&
			    !mlist_covers(ram, base, end))
				n++;
		}
	}
	return n;
}

void board_judge_ram(struct board *b)
{
	struct mlist ram = { 0 };
	char *why = NULL;

	if (b->ram_from_cli || b->live_tree || !b->nram || b->ram_placeholder)
		return;
	for (size_t i = 0; i < b->nram; i++)
		mlist_add(&ram, b->ram[i].base, b->ram[i].base + b->ram[i].size);
	/* a name that disagrees with a reg nothing depends on is only a name (memory_reg_mismatch) */
	for (size_t i = 0; i < b->nram; i++) {
		struct ram_bank *r = &b->ram[i];

		if (!r->unit_mismatch || !(r->unit_strays = unit_strays(b, r, &ram)) || why)
			continue;
		why = xasprintf("its unit address says 0x%llx but its reg starts at 0x%llx",
				(unsigned long long)r->unit_addr, (unsigned long long)r->base);
	}
	if (!why)
		why = reusable_outside(b, &ram);
	if (!why)
		why = bus_inside(b);
	mlist_release(&ram);
	if (why) {
		b->ram_placeholder = true;
		b->ram_doubt = why;
	}
}
