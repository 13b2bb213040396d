// SPDX-License-Identifier: MIT
/*
 * Unit tests of the command-line sources: the boot file parsers, the
 * .config reader, the command-line resolution and the granule that
 * profile_finish derives for each Kconfig combination (kernel-cma.md §5).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "bootargs.h"
#include "bootfile.h"
#include "kconfig.h"
#include "profile.h"
#include "util.h"

static char err[512];

static void test_uenv(void **state)
{
	struct bootfile_result r;

	(void)state;
	assert_int_equal(bootfile_parse_uenv("uEnv.txt", "# c\nx=1\ncma=${x}28M\nbootargs=a $cma b\n", &r, err,
					     sizeof(err)), 0);
	assert_string_equal(r.value, "a 128M b");
	assert_string_equal(r.source, "uEnv.txt:4");
	bootfile_result_release(&r);
	/* setenv expands when it runs: the self-reference takes the old value */
	assert_int_equal(bootfile_parse_uenv("boot.cmd", "setenv bootargs 'a ${x}'\nsetenv bootargs \"${bootargs} cma=8M\"\n",
					     &r, err, sizeof(err)), 0);
	assert_string_equal(r.value, "a ${x} cma=8M");
	assert_string_equal(r.source, "boot.cmd:2");
	bootfile_result_release(&r);
	assert_int_equal(bootfile_parse_uenv("u", "a=${a}\nbootargs=${a}\n", &r, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "u:1: variable 'a' refers back to itself"));
	assert_int_equal(bootfile_parse_uenv("u", "bootargs=\"cma=1M\n", &r, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "u:1: unterminated"));
	assert_int_equal(bootfile_parse_uenv("u", "console=x\n", &r, err, sizeof(err)), -1);
}

static void test_uenv_depth(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct bootfile_result r;

	(void)state;
	for (int i = 0; i < 40; i++)
		sb_addf(&sb, "v%d=${v%d}\n", i, i + 1);
	sb_add(&sb, "v40=end\nbootargs=${v0}\n");
	assert_int_equal(bootfile_parse_uenv("deep", sb.buf, &r, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "deeper than 16"));
	sb_release(&sb);
}

static void test_extlinux(void **state)
{
	const char *t = "APPEND g=1\nDEFAULT b\nLABEL a\n  APPEND cma=1M\nlabel b\n  kernel /x\nlabel c\n  Append cma=3M\n";
	struct bootfile_result r;

	(void)state;
	assert_int_equal(bootfile_parse_extlinux("e.conf", t, NULL, &r, err, sizeof(err)), 0);
	assert_string_equal(r.value, "g=1");	/* b has no append: the global one */
	assert_string_equal(r.source, "e.conf:1 (label b)");
	bootfile_result_release(&r);
	assert_int_equal(bootfile_parse_extlinux("e.conf", t, "c", &r, err, sizeof(err)), 0);
	assert_string_equal(r.value, "cma=3M");
	assert_string_equal(r.source, "e.conf:8 (label c)");
	bootfile_result_release(&r);
	assert_int_equal(bootfile_detect(t), BF_EXTLINUX);
}

static void test_grub(void **state)
{
	const char *t = "set default=\"1>0\"\nmenuentry 'A' {\n linux /k cma=1M\n}\n"
			"submenu 'S' {\n menuentry 'B' --id bee {\n  linux16 /k \"cma=2M\" ro\n }\n}\n";
	struct bootfile_result r;

	(void)state;
	assert_int_equal(bootfile_parse_grub("g.cfg", t, NULL, &r, err, sizeof(err)), 0);
	assert_string_equal(r.value, "cma=2M ro");
	assert_string_equal(r.source, "g.cfg:7 (menuentry 'B')");
	bootfile_result_release(&r);
	assert_int_equal(bootfile_parse_grub("g.cfg", t, "A", &r, err, sizeof(err)), 0);
	assert_string_equal(r.value, "cma=1M");
	bootfile_result_release(&r);
	assert_int_equal(bootfile_parse_grub("g.cfg", "menuentry 'A' {\n linux /k\n", NULL, &r, err, sizeof(err)), -1);
	assert_int_equal(bootfile_detect(t), BF_GRUB);
	assert_int_equal(bootfile_detect("console=ttyS0 cma=64M\n"), BF_CMDLINE);
	assert_int_equal(bootfile_detect("bootargs=cma=64M\n"), BF_UENV);
}

static int kparse(struct kconfig *kc, const char *text, char *e, size_t elen)
{
	return kconfig_parse(kc, "t", text, strlen(text), e, elen);
}

static int load(struct kconfig *kc, struct profile *p, const char *text)
{
	profile_init(p);
	if (kconfig_parse(kc, "t.config", text, strlen(text), err, sizeof(err)))
		return -1;
	kconfig_apply(kc, p);
	return profile_finish(p, err, sizeof(err));
}

/* granule in MiB for a .config */
static uint64_t granule(const char *text)
{
	struct kconfig kc;
	struct profile p;
	uint64_t g;

	assert_int_equal(load(&kc, &p, text), 0);
	g = p.cma_granule >> 20;
	kconfig_release(&kc);
	return g;
}

static void test_granules(void **state)
{
	(void)state;
	/* arm64 64K: 512 MiB; 4.19-5.7 with THP=n and HUGETLB=n: MAX_ORDER 11, 64 MiB */
	assert_int_equal(granule("# Linux/arm64 5.4.74 Kernel Configuration\nCONFIG_ARM64_64K_PAGES=y\n"), 512);
	assert_int_equal(granule("# Linux/arm64 5.4.0 Kernel Configuration\nCONFIG_ARM64_64K_PAGES=y\n"
				 "# CONFIG_TRANSPARENT_HUGEPAGE is not set\n# CONFIG_HUGETLB_PAGE is not set\n"), 64);
	assert_int_equal(granule("# Linux/arm64 5.4.0 Kernel Configuration\nCONFIG_ARM64_64K_PAGES=y\n"
				 "# CONFIG_TRANSPARENT_HUGEPAGE is not set\nCONFIG_HUGETLB_PAGE=y\n"), 512);
	assert_int_equal(granule("# Linux/arm64 5.10.0 Kernel Configuration\nCONFIG_ARM64_64K_PAGES=y\n"
				 "# CONFIG_TRANSPARENT_HUGEPAGE is not set\n# CONFIG_HUGETLB_PAGE is not set\n"), 512);
	assert_int_equal(granule("# Linux/arm64 6.12.0 Kernel Configuration\nCONFIG_ARM64_64K_PAGES=y\n"), 512);
	/* arm64 16K: 32 MiB; 4.19-5.7 with THP=n: 32 MiB with HUGETLB, else 16 MiB */
	assert_int_equal(granule("# Linux/arm64 5.4.0 Kernel Configuration\nCONFIG_ARM64_16K_PAGES=y\n"
				 "# CONFIG_TRANSPARENT_HUGEPAGE is not set\n"), 32);
	assert_int_equal(granule("# Linux/arm64 5.4.0 Kernel Configuration\nCONFIG_ARM64_16K_PAGES=y\n"
				 "# CONFIG_TRANSPARENT_HUGEPAGE is not set\n# CONFIG_HUGETLB_PAGE is not set\n"), 16);
	/* arm64 4K: 4 MiB to 5.17, 2 MiB from 5.18; without HUGETLB 4 MiB <= 6.11, 2 MiB 6.12 with THP */
	assert_int_equal(granule("# Linux/arm64 5.10.0 Kernel Configuration\nCONFIG_ARM64_4K_PAGES=y\n"), 4);
	assert_int_equal(granule("# Linux/arm64 6.1.0 Kernel Configuration\nCONFIG_ARM64_4K_PAGES=y\n"), 2);
	assert_int_equal(granule("# Linux/arm64 6.6.0 Kernel Configuration\n# CONFIG_HUGETLB_PAGE is not set\n"), 4);
	assert_int_equal(granule("# Linux/arm64 6.12.0 Kernel Configuration\n# CONFIG_HUGETLB_PAGE is not set\n"), 2);
	assert_int_equal(granule("# Linux/arm64 6.12.0 Kernel Configuration\n# CONFIG_HUGETLB_PAGE is not set\n"
				 "# CONFIG_TRANSPARENT_HUGEPAGE is not set\n"), 4);
	/* arm: 4 MiB without LPAE (also 6.12 with THP assumed), AM33XX order 12: 8 MiB, LPAE+HUGETLB 6.1: 2 MiB */
	assert_int_equal(granule("# Linux/arm 6.12.0 Kernel Configuration\nCONFIG_ARM=y\n"
				 "# CONFIG_HUGETLB_PAGE is not set\n"), 4);
	assert_int_equal(granule("# Linux/arm 5.10.0 Kernel Configuration\nCONFIG_ARM=y\nCONFIG_ARCH_FORCE_MAX_ORDER=12\n"), 8);
	assert_int_equal(granule("# Linux/arm 6.1.0 Kernel Configuration\nCONFIG_ARM=y\nCONFIG_ARM_LPAE=y\n"), 2);
	assert_int_equal(granule("# Linux/arm 5.10.0 Kernel Configuration\nCONFIG_ARM=y\nCONFIG_ARM_LPAE=y\n"), 4);
	/* x86-64 / riscv: 2 MiB from 5.18 */
	assert_int_equal(granule("# Linux/x86 6.1.0 Kernel Configuration\nCONFIG_X86_64=y\n"), 2);
	assert_int_equal(granule("# Linux/riscv 5.10.0 Kernel Configuration\nCONFIG_RISCV=y\n"), 4);
}

static void test_kconfig_values(void **state)
{
	struct kconfig kc;
	struct profile p;

	(void)state;
	assert_int_equal(load(&kc, &p, "# Linux/arm64 6.12.0 Kernel Configuration\n# CONFIG_CMA is not set\n"
				       "CONFIG_CMA_AREAS=7\nCONFIG_NUMA=y\nCONFIG_CMDLINE=\"a \\\"b\\\" cma=1M\"\n"
				       "CONFIG_CMDLINE_FORCE=y\n"), 0);
	assert_false(p.cma);
	assert_int_equal(p.cma_src, SRC_KCONFIG);
	assert_int_equal(p.max_cma_areas, 7);	/* 6.12: CONFIG_CMA_AREAS itself */
	assert_string_equal(p.config_cmdline, "a \"b\" cma=1M");
	assert_int_equal(p.config_cmdline_mode, CMDLINE_FORCE);
	kconfig_release(&kc);
	/* the command line wins over the file */
	profile_init(&p);
	p.page_size = 4096;
	p.page_size_src = SRC_CLI;
	assert_int_equal(kparse(&kc, "CONFIG_ARM64_64K_PAGES=y\nCONFIG_CMA_SIZE_MBYTES=8\n", err,
				       sizeof(err)), 0);
	kconfig_apply(&kc, &p);
	assert_int_equal(p.page_size, 4096);
	assert_int_equal(p.cma_size_mbytes, 8);
	kconfig_release(&kc);
	assert_int_equal(kparse(&kc, "CONFIG_CMA_SIZE_PERCENTAGE=101\n", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "t:1: CONFIG_CMA_SIZE_PERCENTAGE=101 is out of range"));
	kconfig_release(&kc);
	assert_int_equal(kparse(&kc, "CONFIG_CMA_SIZE_MBYTES=-1\n", err, sizeof(err)), -1);
	kconfig_release(&kc);
	assert_int_equal(kparse(&kc, "CONFIG_CMDLINE=\"open\n", err, sizeof(err)), -1);
	kconfig_release(&kc);
}

static void test_resolve(void **state)
{
	struct profile p;
	struct cmdline cl;

	(void)state;
	profile_init(&p);
	assert_false(bootargs_resolve(&cl, NULL, "x", NULL, &p));
	p.config_cmdline = "cma=2M";
	p.kconfig_name = "k.config";
	p.config_cmdline_mode = CMDLINE_EXTEND;
	assert_true(bootargs_resolve(&cl, "cma=1M", "uEnv.txt:3", NULL, &p));
	assert_string_equal(cl.value, "cma=1M cma=2M");
	assert_int_equal(cl.ncma, 2);
	assert_string_equal(cl.cma[0].source, "uEnv.txt:3");
	assert_string_equal(cl.cma[1].source, "k.config: CONFIG_CMDLINE");
	assert_int_equal(cl.resolved.size, 2 << 20);
	cmdline_release(&cl);
	p.arch = ARCH_X86_64;	/* built-in first: the bootloader's wins */
	assert_true(bootargs_resolve(&cl, "cma=1M", "grub.cfg:4", NULL, &p));
	assert_string_equal(cl.value, "cma=2M cma=1M");
	assert_int_equal(cl.resolved.size, 1 << 20);
	cmdline_release(&cl);
	p.arch = ARCH_ARM64;
	p.config_cmdline_mode = CMDLINE_FORCE;
	assert_true(bootargs_resolve(&cl, "cma=1M", "/chosen/bootargs", NULL, &p));
	assert_string_equal(cl.value, "cma=2M");
	assert_non_null(cl.discarded);
	assert_string_equal(cl.discarded->cma[0].source, "/chosen/bootargs");
	cmdline_release(&cl);
	p.config_cmdline_mode = CMDLINE_FROM_BOOTLOADER;
	assert_true(bootargs_resolve(&cl, "", "/chosen/bootargs", NULL, &p));
	assert_string_equal(cl.value, "cma=2M");
	cmdline_release(&cl);
	assert_true(bootargs_resolve(&cl, "quiet", "/chosen/bootargs", NULL, &p));
	assert_string_equal(cl.value, "quiet");
	cmdline_release(&cl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uenv), cmocka_unit_test(test_uenv_depth), cmocka_unit_test(test_extlinux),
		cmocka_unit_test(test_grub), cmocka_unit_test(test_granules), cmocka_unit_test(test_kconfig_values),
		cmocka_unit_test(test_resolve),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
