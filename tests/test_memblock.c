// SPDX-License-Identifier: MIT
/*
 * The boot-time memory bookkeeping model: range lists that merge and
 * split, and the top-down / bottom-up search used to place regions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "memblock.h"
#include "util.h"

static void assert_ranges(const struct mlist *l, const uint64_t *want, size_t n)
{
	assert_int_equal(l->n, n);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(l->r[i].base, want[2 * i]);
		assert_int_equal(l->r[i].end, want[2 * i + 1]);
	}
}

static void test_add_merge(void **state)
{
	struct mlist l = { 0 };

	(void)state;
	mlist_add(&l, 0x300, 0x400);
	mlist_add(&l, 0x100, 0x200);
	assert_ranges(&l, (const uint64_t[]){ 0x100, 0x200, 0x300, 0x400 }, 2);
	/* touching ranges merge */
	mlist_add(&l, 0x200, 0x280);
	assert_ranges(&l, (const uint64_t[]){ 0x100, 0x280, 0x300, 0x400 }, 2);
	/* one range bridging two */
	mlist_add(&l, 0x250, 0x310);
	assert_ranges(&l, (const uint64_t[]){ 0x100, 0x400 }, 1);
	/* empty and inverted ranges change nothing */
	mlist_add(&l, 0x500, 0x500);
	mlist_add(&l, 0x600, 0x580);
	assert_ranges(&l, (const uint64_t[]){ 0x100, 0x400 }, 1);
	/* a range swallowing several */
	mlist_add(&l, 0x1000, 0x1100);
	mlist_add(&l, 0x1200, 0x1300);
	mlist_add(&l, 0x0, 0x2000);
	assert_ranges(&l, (const uint64_t[]){ 0x0, 0x2000 }, 1);
	assert_int_equal(mlist_total(&l), 0x2000);
	mlist_release(&l);
	assert_int_equal(l.n, 0);
}

static void test_remove(void **state)
{
	struct mlist l = { 0 };

	(void)state;
	mlist_add(&l, 0x1000, 0x5000);
	mlist_remove(&l, 0x2000, 0x3000);	/* a hole in the middle */
	assert_ranges(&l, (const uint64_t[]){ 0x1000, 0x2000, 0x3000, 0x5000 }, 2);
	mlist_remove(&l, 0x0, 0x1800);		/* the head */
	assert_ranges(&l, (const uint64_t[]){ 0x1800, 0x2000, 0x3000, 0x5000 }, 2);
	mlist_remove(&l, 0x4000, 0x9000);	/* the tail */
	assert_ranges(&l, (const uint64_t[]){ 0x1800, 0x2000, 0x3000, 0x4000 }, 2);
	mlist_remove(&l, 0x1800, 0x2000);	/* exactly one range */
	assert_ranges(&l, (const uint64_t[]){ 0x3000, 0x4000 }, 1);
	mlist_remove(&l, 0x5000, 0x6000);	/* outside: nothing */
	assert_ranges(&l, (const uint64_t[]){ 0x3000, 0x4000 }, 1);
	mlist_release(&l);
}

static void test_queries(void **state)
{
	struct mlist l = { 0 };

	(void)state;
	mlist_add(&l, 0x1000, 0x2000);
	mlist_add(&l, 0x3000, 0x4000);
	assert_true(mlist_covers(&l, 0x1000, 0x2000));
	assert_true(mlist_covers(&l, 0x1800, 0x1900));
	assert_false(mlist_covers(&l, 0x1800, 0x3800));	/* spans the gap */
	assert_false(mlist_covers(&l, 0x0fff, 0x1001));
	assert_true(mlist_intersects(&l, 0x1fff, 0x3000));
	assert_false(mlist_intersects(&l, 0x2000, 0x3000));	/* the gap exactly */
	assert_false(mlist_intersects(&l, 0x4000, 0x5000));	/* touching the end */
	mlist_release(&l);
}

/* 2 GiB of RAM at 0x40000000 with a reservation near the top. */
static void setup_virt(struct memblock *m)
{
	*m = (struct memblock){ 0 };
	mlist_add(&m->memory, 0x40000000, 0xc0000000);
	mlist_add(&m->reserved, 0xbf000000, 0xbf100000);
	mlist_add(&m->nomap, 0x40000000, 0x40200000);
}

static void test_find_top_down(void **state)
{
	struct memblock m;
	uint64_t at = 0;

	(void)state;
	setup_virt(&m);
	assert_int_equal(memblock_end(&m), 0xc0000000);
	/* the highest fit: 15 MiB are free above the reservation */
	assert_true(memblock_find(&m, 8 * MiB, 2 * MiB, 0, UINT64_MAX, true, &at));
	assert_int_equal(at, 0xbf800000);
	/* 16 MiB does not fit above: below the reservation, aligned down */
	assert_true(memblock_find(&m, 16 * MiB, 4 * MiB, 0, UINT64_MAX, true, &at));
	assert_int_equal(at, 0xbe000000);
	/* within a window */
	assert_true(memblock_find(&m, 64 * MiB, 4 * MiB, 0x50000000, 0x60000000, true, &at));
	assert_int_equal(at, 0x5c000000);
	/* alignment larger than the room left */
	assert_false(memblock_find(&m, 512 * MiB, 512 * MiB, 0x50000000, 0x70000000, true, &at));
	/* size 0 is never found */
	assert_false(memblock_find(&m, 0, 0, 0, UINT64_MAX, true, &at));
	/* larger than RAM */
	assert_false(memblock_find(&m, 3 * GiB, 2 * MiB, 0, UINT64_MAX, true, &at));
	assert_int_equal(memblock_largest_free(&m, 0, UINT64_MAX), 0xbf000000 - 0x40200000);
	memblock_release(&m);
}

static void test_find_bottom_up(void **state)
{
	struct memblock m;
	uint64_t at = 0;

	(void)state;
	setup_virt(&m);
	/* the lowest fit skips the no-map head */
	assert_true(memblock_find(&m, 1 * MiB, 2 * MiB, 0, UINT64_MAX, false, &at));
	assert_int_equal(at, 0x40200000);
	assert_true(memblock_find(&m, 1 * MiB, 4 * MiB, 0, UINT64_MAX, false, &at));
	assert_int_equal(at, 0x40400000);
	assert_true(memblock_find(&m, 1 * MiB, 0, 0xbf000000, UINT64_MAX, false, &at));
	assert_int_equal(at, 0xbf100000);
	memblock_release(&m);
}

static void test_find_near_top_of_address_space(void **state)
{
	struct memblock m = { 0 };
	uint64_t at = 0, top = UINT64_MAX - 0xfff;	/* page-aligned end below 2^64 */

	(void)state;
	mlist_add(&m.memory, top - 16 * MiB, top);
	/* bottom-up: rounding up the base must not wrap */
	assert_false(memblock_find(&m, 32 * MiB, 2 * MiB, 0, UINT64_MAX, false, &at));
	assert_true(memblock_find(&m, 1 * MiB, 1 * MiB, 0, UINT64_MAX, false, &at));
	assert_int_equal(at, UINT64_C(0xffffffffff000000));
	/* an alignment that would round past 2^64 */
	assert_false(memblock_find(&m, 4096, UINT64_C(1) << 63, top - 16 * MiB + 1, UINT64_MAX, false, &at));
	/* top-down: the highest aligned block below the end */
	assert_true(memblock_find(&m, 4 * MiB, 4 * MiB, 0, UINT64_MAX, true, &at));
	assert_int_equal(at, UINT64_C(0xffffffffff800000));
	memblock_release(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_merge),
		cmocka_unit_test(test_remove),
		cmocka_unit_test(test_queries),
		cmocka_unit_test(test_find_top_down),
		cmocka_unit_test(test_find_bottom_up),
		cmocka_unit_test(test_find_near_top_of_address_space),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
