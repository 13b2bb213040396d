// SPDX-License-Identifier: MIT
/*
 * The kernel profile: version parsing and what follows from version,
 * arch and page size (the CMA granule table, the reserved-region and
 * CMA-area limits).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "board.h"
#include "kmodel.h"
#include "profile.h"
#include "util.h"

static struct profile make(enum arch arch, int major, int minor, uint32_t page, bool lpae)
{
	struct profile p;
	char err[128];

	profile_init(&p);
	p.arch = arch;
	p.kernel = KVER(major, minor);
	p.page_size = page;
	p.lpae = lpae;
	assert_int_equal(profile_finish(&p, err, sizeof(err)), 0);
	return p;
}

/* The CMA granule table: base and size alignment of a CMA region. */
static void test_granule_table(void **state)
{
	static const struct {
		enum arch arch;
		uint32_t page;
		bool lpae;
		int major, minor;
		uint64_t granule;
	} t[] = {
		/* arm64 4K: 4 MiB up to 5.17, the 2 MiB pageblock from 5.18 */
		{ ARCH_ARM64, 4096, false, 4, 19, 4 * MiB },
		{ ARCH_ARM64, 4096, false, 5, 4, 4 * MiB },
		{ ARCH_ARM64, 4096, false, 5, 10, 4 * MiB },
		{ ARCH_ARM64, 4096, false, 5, 17, 4 * MiB },
		{ ARCH_ARM64, 4096, false, 5, 18, 2 * MiB },
		{ ARCH_ARM64, 4096, false, 6, 1, 2 * MiB },
		{ ARCH_ARM64, 4096, false, 6, 12, 2 * MiB },
		/* arm64 16K: 32 MiB throughout */
		{ ARCH_ARM64, 16384, false, 4, 19, 32 * MiB },
		{ ARCH_ARM64, 16384, false, 5, 4, 32 * MiB },
		{ ARCH_ARM64, 16384, false, 5, 10, 32 * MiB },
		{ ARCH_ARM64, 16384, false, 5, 17, 32 * MiB },
		{ ARCH_ARM64, 16384, false, 5, 18, 32 * MiB },
		{ ARCH_ARM64, 16384, false, 6, 1, 32 * MiB },
		{ ARCH_ARM64, 16384, false, 6, 12, 32 * MiB },
		/* arm64 64K: 512 MiB throughout */
		{ ARCH_ARM64, 65536, false, 4, 19, 512 * MiB },
		{ ARCH_ARM64, 65536, false, 5, 4, 512 * MiB },
		{ ARCH_ARM64, 65536, false, 5, 10, 512 * MiB },
		{ ARCH_ARM64, 65536, false, 5, 17, 512 * MiB },
		{ ARCH_ARM64, 65536, false, 5, 18, 512 * MiB },
		{ ARCH_ARM64, 65536, false, 6, 1, 512 * MiB },
		{ ARCH_ARM64, 65536, false, 6, 12, 512 * MiB },
		/* 32-bit arm without LPAE (no hugetlb, no THP): 4 MiB in every version */
		{ ARCH_ARM, 4096, false, 4, 19, 4 * MiB },
		{ ARCH_ARM, 4096, false, 5, 10, 4 * MiB },
		{ ARCH_ARM, 4096, false, 6, 1, 4 * MiB },
		{ ARCH_ARM, 4096, false, 6, 12, 4 * MiB },
		/* 32-bit arm with LPAE and hugetlb: 4 MiB, then 2 MiB from 5.18 */
		{ ARCH_ARM, 4096, true, 5, 10, 4 * MiB },
		{ ARCH_ARM, 4096, true, 5, 18, 2 * MiB },
		{ ARCH_ARM, 4096, true, 6, 1, 2 * MiB },
		{ ARCH_ARM, 4096, true, 6, 12, 2 * MiB },
		/* x86-64 and riscv64: like arm64 4K */
		{ ARCH_X86_64, 4096, false, 5, 4, 4 * MiB },
		{ ARCH_X86_64, 4096, false, 5, 17, 4 * MiB },
		{ ARCH_X86_64, 4096, false, 6, 1, 2 * MiB },
		{ ARCH_X86_64, 4096, false, 6, 12, 2 * MiB },
		{ ARCH_RISCV64, 4096, false, 5, 10, 4 * MiB },
		{ ARCH_RISCV64, 4096, false, 6, 1, 2 * MiB },
		{ ARCH_RISCV64, 4096, false, 6, 12, 2 * MiB },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(t); i++) {
		struct profile p = make(t[i].arch, t[i].major, t[i].minor, t[i].page, t[i].lpae);

		if (p.cma_granule != t[i].granule)
			fail_msg("%s%s %u.%u %u KiB pages: granule %llu, expected %llu", arch_name(t[i].arch),
				 t[i].lpae ? " LPAE" : "", t[i].major, t[i].minor, t[i].page / 1024,
				 (unsigned long long)p.cma_granule, (unsigned long long)t[i].granule);
		/* the granule is one page shifted by an order */
		assert_int_equal(p.cma_granule % p.page_size, 0);
	}
}

static void test_orders_64k(void **state)
{
	struct profile p;

	(void)state;
	/* 5.4, 64K pages: FORCE_MAX_ZONEORDER 14 (exclusive), pageblock 13 */
	p = make(ARCH_ARM64, 5, 4, 65536, false);
	assert_int_equal(p.max_order, 13);
	assert_int_equal(p.pageblock_order, 13);
	assert_int_equal(p.page_shift, 16);
	/* 6.1, 4K pages: pageblock order 9 */
	p = make(ARCH_ARM64, 6, 1, 4096, false);
	assert_int_equal(p.pageblock_order, 9);
	assert_int_equal(p.max_order, 10);
}

static void test_limits(void **state)
{
	struct profile p;

	(void)state;
	p = make(ARCH_ARM64, 5, 6, 4096, false);
	assert_int_equal(p.max_reserved_regions, 32);
	p = make(ARCH_ARM64, 5, 7, 4096, false);
	assert_int_equal(p.max_reserved_regions, 64);
	p = make(ARCH_ARM64, 4, 19, 4096, false);
	assert_int_equal(p.max_reserved_regions, 32);
	p = make(ARCH_ARM64, 6, 12, 4096, false);
	assert_int_equal(p.max_reserved_regions, 64);
	assert_int_equal(p.max_cma_areas, 8);
	p = make(ARCH_ARM64, 6, 1, 4096, false);
	assert_int_equal(p.max_cma_areas, 8);
}

static void test_bad_combinations(void **state)
{
	struct profile p;
	char err[128] = "";

	(void)state;
	profile_init(&p);
	p.arch = ARCH_ARM;
	p.page_size = 65536;
	assert_int_equal(profile_finish(&p, err, sizeof(err)), -1);
	assert_true(err[0] != '\0');
	profile_init(&p);
	p.page_size = 8192;
	assert_int_equal(profile_finish(&p, err, sizeof(err)), -1);
}

static void test_kver_parse(void **state)
{
	static const char *const bad[] = { "abc", "5", "5.x", "", "5.", ".4", "5.4x", "5.4.x", "99.1", "5..4" };
	struct kver v;

	(void)state;
	assert_int_equal(kver_parse("5.4.74", &v), 0);
	assert_int_equal(v.major, 5);
	assert_int_equal(v.minor, 4);
	assert_int_equal(kver_parse("6.12-rc3", &v), 0);
	assert_int_equal(v.major, 6);
	assert_int_equal(v.minor, 12);
	assert_int_equal(kver_parse("6.12.0-rc3", &v), 0);
	assert_int_equal(v.minor, 12);
	assert_int_equal(kver_parse("6.1.0-56-arm64", &v), 0);
	assert_int_equal(kver_parse("6.12.118+deb13-arm64", &v), 0);
	assert_int_equal(kver_parse("v5.10", &v), 0);
	assert_int_equal(v.minor, 10);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		if (kver_parse(bad[i], &v) == 0)
			fail_msg("'%s' was accepted as a kernel version", bad[i]);
}

static void test_kver_cmp(void **state)
{
	(void)state;
	assert_true(kver_cmp(KVER(5, 10), KVER(5, 9)) > 0);
	assert_true(kver_cmp(KVER(5, 9), KVER(5, 10)) < 0);
	assert_true(kver_cmp(KVER(6, 1), KVER(5, 19)) > 0);
	assert_int_equal(kver_cmp(KVER(6, 1), KVER(6, 1)), 0);
	assert_true(kver_ge(KVER(5, 6), 5, 6));
	assert_false(kver_ge(KVER(5, 5), 5, 6));
	assert_true(kver_le(KVER(5, 17), 5, 17));
}

static void test_parsers(void **state)
{
	uint32_t ps;
	enum arch a;

	(void)state;
	assert_int_equal(page_size_parse("16K", &ps), 0);
	assert_int_equal(ps, 16384);
	assert_int_equal(page_size_parse("64k", &ps), 0);
	assert_int_equal(ps, 65536);
	assert_int_equal(page_size_parse("4096", &ps), 0);
	assert_int_equal(ps, 4096);
	assert_int_equal(page_size_parse("8K", &ps), -1);
	assert_int_equal(arch_parse("aarch64", &a), 0);
	assert_int_equal(a, ARCH_ARM64);
	assert_int_equal(arch_parse("riscv64", &a), 0);
	assert_int_equal(a, ARCH_RISCV64);
	assert_int_equal(arch_parse("mips", &a), -1);
}

/* Where a tree sits in a kernel or U-Boot source tree names the arch; the last match wins. */
static void test_arch_from_path(void **state)
{
	char comp[64];

	(void)state;
	assert_int_equal(arch_from_path("linux/arch/arm/boot/dts/broadcom/bcm2837-rpi-3-b.dtb", comp, sizeof(comp)),
			 ARCH_ARM);
	assert_string_equal(comp, "arch/arm");
	assert_int_equal(arch_from_path("arch/arm64/boot/dts/freescale/imx8mq-evk.dts", comp, sizeof(comp)),
			 ARCH_ARM64);
	assert_int_equal(arch_from_path("u-boot/dts/upstream/src/arm/nxp/imx/imx6q-sabresd.dts", comp,
					sizeof(comp)), ARCH_ARM);
	assert_string_equal(comp, "dts/upstream/src/arm");
	assert_int_equal(arch_from_path("x/boot/dts/riscv/board.dtb", comp, sizeof(comp)), ARCH_RISCV64);
	assert_int_equal(arch_from_path("/home/arm/boards/armada.dtb", comp, sizeof(comp)), -1);
	assert_int_equal(arch_from_path("myarch/arm/x.dtb", comp, sizeof(comp)), -1);
	assert_int_equal(arch_from_path("arch/arm64", comp, sizeof(comp)), -1);	/* a directory, not a file under it */
}

static void test_arch_from_cpu(void **state)
{
	bool nommu;

	(void)state;
	assert_int_equal(arch_from_cpu_compatible("arm,cortex-a9", &nommu), ARCH_ARM);
	assert_false(nommu);
	assert_int_equal(arch_from_cpu_compatible("arm,cortex-a7", &nommu), ARCH_ARM);
	assert_int_equal(arch_from_cpu_compatible("arm,arm1176jzf-s", &nommu), ARCH_ARM);
	assert_int_equal(arch_from_cpu_compatible("marvell,feroceon", &nommu), ARCH_ARM);
	assert_int_equal(arch_from_cpu_compatible("arm,cortex-a53", &nommu), ARCH_ARM64);
	assert_int_equal(arch_from_cpu_compatible("arm,cortex-a72", &nommu), ARCH_ARM64);
	assert_int_equal(arch_from_cpu_compatible("arm,armv8", &nommu), ARCH_ARM64);
	assert_int_equal(arch_from_cpu_compatible("arm,cortex-m7", &nommu), ARCH_ARM);
	assert_true(nommu);
	assert_int_equal(arch_from_cpu_compatible("riscv", &nommu), ARCH_RISCV64);
	assert_false(nommu);
	assert_int_equal(arch_from_cpu_compatible("acme,unknown-core", &nommu), -1);
}

/* adjust_lowmem_bounds(): VMALLOC_END 0xff800000 less 240 MiB and the 8 MiB guard. */
static void test_arm_lowmem(void **state)
{
	struct profile p;

	(void)state;
	profile_init(&p);
	assert_int_equal(arm_lowmem_size(&p), 768ull << 20);	/* VMSPLIT_3G */
	p.arm_page_offset = 0xB0000000u;
	assert_int_equal(arm_lowmem_size(&p), 1024ull << 20);
	p.arm_page_offset = 0x80000000u;
	assert_int_equal(arm_lowmem_size(&p), 1792ull << 20);
	p.arm_page_offset = 0x40000000u;
	assert_int_equal(arm_lowmem_size(&p), 2816ull << 20);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_granule_table),
		cmocka_unit_test(test_orders_64k),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_bad_combinations),
		cmocka_unit_test(test_kver_parse),
		cmocka_unit_test(test_kver_cmp),
		cmocka_unit_test(test_parsers),
		cmocka_unit_test(test_arch_from_path),
		cmocka_unit_test(test_arch_from_cpu),
		cmocka_unit_test(test_arm_lowmem),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
