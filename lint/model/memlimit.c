// SPDX-License-Identifier: MIT
#include "memlimit.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static int bank_cmp(const void *a, const void *b)
{
	const struct ram_bank *x = a, *y = b;

	return x->base < y->base ? -1 : x->base > y->base;
}

static struct ram_bank *sorted_copy(const struct ram_bank *in, size_t nin)
{
	struct ram_bank *v = xcalloc(nin ? nin : 1, sizeof(*v));

	for (size_t i = 0; i < nin; i++) {
		v[i] = in[i];
		v[i].node = xstrdup(in[i].node ? in[i].node : "/memory");
		v[i].loc.file = in[i].loc.file ? xstrdup(in[i].loc.file) : NULL;
	}
	qsort(v, nin, sizeof(*v), bank_cmp);
	return v;
}

static void free_banks(struct ram_bank *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].node);
		free(v[i].loc.file);
	}
	free(v);
}

/*
 * arm64 memblock_mem_limit_remove_map(), riscv memblock_enforce_memory_limit():
 * the address where the RAM counted from the bottom reaches @limit; what lies
 * above it is removed. A limit of 0, or one RAM does not reach, changes nothing.
 */
static bool keep_first_bytes(uint64_t limit, struct ram_bank *v, size_t *n)
{
	uint64_t left = limit;
	size_t i;

	if (!limit)
		return false;
	for (i = 0; i < *n; i++) {
		if (v[i].size >= left)
			break;
		left -= v[i].size;
	}
	if (i == *n || (i == *n - 1 && v[i].size == left))
		return false;
	v[i].size = left;
	for (size_t j = i + 1; j < *n; j++) {
		free(v[j].node);
		free(v[j].loc.file);
	}
	*n = i + 1;
	return true;
}

bool mem_limit_apply(const struct cmdline *cl, const struct profile *p, const struct ram_bank *in, size_t nin,
		     struct ram_bank **out, size_t *nout, const struct mem_arg **which)
{
	uint64_t page = p->page_size ? p->page_size : 4096;
	struct ram_bank *v;
	size_t n = nin;
	bool changed = false;

	*out = NULL;
	*nout = 0;
	if (!cl || !cl->nmem || !nin)
		return false;
	if (p->arch == ARCH_ARM) {
		/*
		 * early_mem(): the first mem= removes every bank, each one then adds
		 * SIZE at START (default PHYS_OFFSET, the start of RAM), page-aligned
		 * by arm_add_memory(); an empty bank is ignored.
		 */
		uint64_t phys_offset = UINT64_MAX;

		for (size_t i = 0; i < nin; i++)
			if (in[i].base < phys_offset)
				phys_offset = in[i].base;
		v = xcalloc(cl->nmem, sizeof(*v));
		n = 0;
		for (size_t i = 0; i < cl->nmem; i++) {
			const struct mem_arg *m = &cl->mem[i];
			uint64_t start = m->has_base ? m->base.value : phys_offset, size = m->size.value;
			uint64_t aligned = (start + page - 1) & ~(page - 1);

			if (aligned < start || size < aligned - start)
				continue;
			size = (size - (aligned - start)) & ~(page - 1);
			if (!size)
				continue;
			v[n].base = aligned;
			v[n].size = size;
			v[n].node = xasprintf("mem=%s", m->text);
			n++;
		}
		*which = &cl->mem[0];
		qsort(v, n, sizeof(*v), bank_cmp);
		changed = true;
	} else if (p->arch == ARCH_X86_64) {
		/* e820: RAM above the address SIZE is removed */
		uint64_t top = cl->mem[cl->nmem - 1].size.value & ~(page - 1);

		*which = &cl->mem[cl->nmem - 1];
		v = sorted_copy(in, nin);
		for (size_t i = 0; i < n;) {
			if (v[i].base >= top) {
				free(v[i].node);
				free(v[i].loc.file);
				memmove(&v[i], &v[i + 1], (n - i - 1) * sizeof(*v));
				n--;
				changed = true;
				continue;
			}
			if (v[i].base + v[i].size > top) {
				v[i].size = top - v[i].base;
				changed = true;
			}
			i++;
		}
	} else {
		/* arm64 and riscv64: memory_limit = memparse() & PAGE_MASK, the last one wins */
		*which = &cl->mem[cl->nmem - 1];
		v = sorted_copy(in, nin);
		changed = keep_first_bytes((*which)->size.value & ~(page - 1), v, &n);
	}
	if (!changed) {
		free_banks(v, n);
		return false;
	}
	*out = v;
	*nout = n;
	return true;
}
