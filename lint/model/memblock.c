// SPDX-License-Identifier: MIT
#include "memblock.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

void mlist_add(struct mlist *l, uint64_t base, uint64_t end)
{
	size_t i, j;

	if (base >= end)
		return;
	/* Find the first range that ends at or after base; merge all that touch. */
	for (i = 0; i < l->n && l->r[i].end < base; i++)
		;
	for (j = i; j < l->n && l->r[j].base <= end; j++) {
		if (l->r[j].base < base)
			base = l->r[j].base;
		if (l->r[j].end > end)
			end = l->r[j].end;
	}
	if (j == i) {
		l->r = grow_array(l->r, sizeof(*l->r), l->n + 1, &l->cap);
		memmove(&l->r[i + 1], &l->r[i], (l->n - i) * sizeof(*l->r));
		l->n++;
	} else if (j > i + 1) {
		memmove(&l->r[i + 1], &l->r[j], (l->n - j) * sizeof(*l->r));
		l->n -= j - i - 1;
	}
	l->r[i].base = base;
	l->r[i].end = end;
}

/* Append a range past the end of a sorted list (no search, no merge). */
static void mlist_append(struct mlist *l, uint64_t base, uint64_t end)
{
	l->r = grow_array(l->r, sizeof(*l->r), l->n + 1, &l->cap);
	l->r[l->n].base = base;
	l->r[l->n].end = end;
	l->n++;
}

void mlist_remove(struct mlist *l, uint64_t base, uint64_t end)
{
	struct mlist out = { 0 };

	if (base >= end)
		return;
	/* The pieces stay sorted and apart: one pass, linear in the list. */
	for (size_t i = 0; i < l->n; i++) {
		struct mrange r = l->r[i];

		if (r.end <= base || r.base >= end) {
			mlist_append(&out, r.base, r.end);
			continue;
		}
		if (r.base < base)
			mlist_append(&out, r.base, base);
		if (r.end > end)
			mlist_append(&out, end, r.end);
	}
	free(l->r);
	*l = out;
}

bool mlist_intersects(const struct mlist *l, uint64_t base, uint64_t end)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->r[i].base < end && base < l->r[i].end)
			return true;
	return false;
}

bool mlist_covers(const struct mlist *l, uint64_t base, uint64_t end)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->r[i].base <= base && end <= l->r[i].end)
			return true;
	return base >= end;
}

uint64_t mlist_total(const struct mlist *l)
{
	uint64_t t = 0;

	for (size_t i = 0; i < l->n; i++)
		t += l->r[i].end - l->r[i].base;
	return t;
}

void mlist_release(struct mlist *l)
{
	free(l->r);
	memset(l, 0, sizeof(*l));
}

void memblock_release(struct memblock *m)
{
	mlist_release(&m->memory);
	mlist_release(&m->nomap);
	mlist_release(&m->reserved);
}

uint64_t memblock_end(const struct memblock *m)
{
	return m->memory.n ? m->memory.r[m->memory.n - 1].end : 0;
}

/* Free ranges: memory minus reserved minus no-map, clipped to [start, end). */
static struct mlist free_ranges(const struct memblock *m, uint64_t start, uint64_t end)
{
	struct mlist f = { 0 };

	for (size_t i = 0; i < m->memory.n; i++) {
		uint64_t b = m->memory.r[i].base > start ? m->memory.r[i].base : start;
		uint64_t e = m->memory.r[i].end < end ? m->memory.r[i].end : end;

		if (b < e)
			mlist_add(&f, b, e);
	}
	for (size_t i = 0; i < m->reserved.n; i++)
		mlist_remove(&f, m->reserved.r[i].base, m->reserved.r[i].end);
	for (size_t i = 0; i < m->nomap.n; i++)
		mlist_remove(&f, m->nomap.r[i].base, m->nomap.r[i].end);
	return f;
}

static uint64_t align_down(uint64_t v, uint64_t a)
{
	return a ? v - v % a : v;
}

static bool align_up(uint64_t v, uint64_t a, uint64_t *out)
{
	uint64_t r = a ? v % a : 0;

	if (!r) {
		*out = v;
		return true;
	}
	if (a - r > UINT64_MAX - v)
		return false;
	*out = v + (a - r);
	return true;
}

bool memblock_find(const struct memblock *m, uint64_t size, uint64_t align,
		   uint64_t start, uint64_t end, bool top_down, uint64_t *out)
{
	struct mlist f = free_ranges(m, start, end);
	bool found = false;

	if (!size) {
		mlist_release(&f);
		return false;
	}
	if (top_down) {
		for (size_t i = f.n; i-- > 0 && !found;) {
			uint64_t b;

			if (f.r[i].end - f.r[i].base < size)
				continue;
			b = align_down(f.r[i].end - size, align);
			if (b >= f.r[i].base) {
				*out = b;
				found = true;
			}
		}
	} else {
		for (size_t i = 0; i < f.n && !found; i++) {
			uint64_t b, e;

			if (!align_up(f.r[i].base, align, &b) || !range_end(b, size, &e))
				continue;
			if (e <= f.r[i].end) {
				*out = b;
				found = true;
			}
		}
	}
	mlist_release(&f);
	return found;
}

uint64_t memblock_largest_free(const struct memblock *m, uint64_t start, uint64_t end)
{
	struct mlist f = free_ranges(m, start, end);
	uint64_t best = 0;

	for (size_t i = 0; i < f.n; i++)
		if (f.r[i].end - f.r[i].base > best)
			best = f.r[i].end - f.r[i].base;
	mlist_release(&f);
	return best;
}
