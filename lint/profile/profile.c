// SPDX-License-Identifier: MIT
#include "profile.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

int kver_cmp(struct kver a, struct kver b)
{
	if (a.major != b.major)
		return a.major < b.major ? -1 : 1;
	if (a.minor != b.minor)
		return a.minor < b.minor ? -1 : 1;
	return 0;
}

static int read_small_int(const char **pp, int *out)
{
	const char *p = *pp;
	long v = 0;

	if (!isdigit((unsigned char)*p))
		return -1;
	while (isdigit((unsigned char)*p)) {
		v = v * 10 + (*p++ - '0');
		if (v > 999)
			return -1;
	}
	*out = (int)v;
	*pp = p;
	return 0;
}

int kver_parse(const char *s, struct kver *out)
{
	const char *p = s;
	int major, minor, patch;

	if (*p == 'v')
		p++;
	if (read_small_int(&p, &major) || *p++ != '.' || read_small_int(&p, &minor))
		return -1;
	if (*p == '.') {
		p++;
		if (read_small_int(&p, &patch))
			return -1;
	}
	/* Allow a local suffix such as "-rc3" or "-arm64"; nothing else. */
	if (*p && *p != '-' && *p != '+' && *p != '_')
		return -1;
	if (major < 3 || major > 9)
		return -1;
	out->major = major;
	out->minor = minor;
	return 0;
}

const char *kver_format(struct kver k, char buf[KVER_STR_MAX])
{
	snprintf(buf, KVER_STR_MAX, "%d.%d", k.major, k.minor);
	return buf;
}

static const char *const arch_names[] = { "arm64", "arm", "riscv64", "x86_64" };

const char *arch_name(enum arch a)
{
	return arch_names[a];
}

int arch_parse(const char *s, enum arch *out)
{
	for (unsigned i = 0; i < ARRAY_SIZE(arch_names); i++) {
		if (!strcmp(s, arch_names[i])) {
			*out = (enum arch)i;
			return 0;
		}
	}
	if (!strcmp(s, "aarch64")) {
		*out = ARCH_ARM64;
		return 0;
	}
	return -1;
}

int page_size_parse(const char *s, uint32_t *out)
{
	static const struct { const char *name; uint32_t v; } sizes[] = {
		{ "4K", 4096 }, { "4k", 4096 }, { "4096", 4096 }, { "4KiB", 4096 },
		{ "16K", 16384 }, { "16k", 16384 }, { "16384", 16384 }, { "16KiB", 16384 },
		{ "64K", 65536 }, { "64k", 65536 }, { "65536", 65536 }, { "64KiB", 65536 },
	};

	for (unsigned i = 0; i < ARRAY_SIZE(sizes); i++) {
		if (!strcmp(s, sizes[i].name)) {
			*out = sizes[i].v;
			return 0;
		}
	}
	return -1;
}

const char *vsource_name(enum vsource s)
{
	switch (s) {
	case SRC_DEFAULT: return "assumed";
	case SRC_KCONFIG: return "kconfig";
	case SRC_CLI: return "command line";
	case SRC_DT: return "device tree";
	case SRC_CONFIG: return "configuration";
	case SRC_INFERRED: return "inferred";
	}
	return "?";
}

const char *cmdline_mode_name(enum cmdline_mode m)
{
	switch (m) {
	case CMDLINE_FROM_BOOTLOADER: return "CONFIG_CMDLINE_FROM_BOOTLOADER";
	case CMDLINE_EXTEND: return "CONFIG_CMDLINE_EXTEND";
	case CMDLINE_FORCE: return "CONFIG_CMDLINE_FORCE";
	}
	return "?";
}

/* The kernels the oracle booted (docs/kernel-model.md, fixtures/oracle-runs/README.md). */
static const struct { enum arch arch; int major, minor; } booted[] = {
	{ ARCH_ARM64, 5, 10 }, { ARCH_ARM64, 6, 1 }, { ARCH_ARM64, 6, 12 }, { ARCH_ARM64, 7, 3 },
	{ ARCH_ARM, 6, 1 }, { ARCH_ARM, 7, 2 },
	{ ARCH_RISCV64, 7, 2 },
};

bool profile_boot_confirmed(const struct profile *p, char *nearest, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_SIZE(booted); i++)
		if (booted[i].arch == p->arch && !kver_cmp(p->kernel, KVER(booted[i].major, booted[i].minor)))
			return true;
	if (nearest && len) {
		nearest[0] = 0;
		for (size_t i = 0; i < ARRAY_SIZE(booted); i++) {
			int w;

			if (booted[i].arch != p->arch || n >= len)
				continue;
			w = snprintf(nearest + n, len - n, "%s%d.%d", n ? ", " : "", booted[i].major, booted[i].minor);
			if (w < 0)
				break;
			n += (size_t)w;
		}
	}
	return false;
}

void profile_init(struct profile *p)
{
	memset(p, 0, sizeof(*p));
	p->kernel = KVER(6, 12);
	snprintf(p->kernel_str, sizeof(p->kernel_str), "6.12");
	p->kernel_src = SRC_DEFAULT;
	p->arch = ARCH_ARM64;
	p->arch_src = SRC_DEFAULT;
	p->page_size = 4096;
	p->page_size_src = SRC_DEFAULT;
	p->cma = true;
	p->cma_src = SRC_DEFAULT;
	/* arm64 defconfig sets CONFIG_CMA_SIZE_MBYTES=32 in every version. */
	p->cma_size_mbytes = 32;
	p->cma_size_mbytes_src = SRC_DEFAULT;
	p->cma_size_percentage = 10;
	p->cma_size_sel = CMA_SEL_MBYTES;
	p->hugetlb = true;
	p->thp = true;
	p->lpae = false;
	p->force_max_order = -1;
	p->page_block_max_order = -1;
	p->arm_page_offset = 0xC0000000u;	/* VMSPLIT_3G, the Kconfig default */
	p->zone_dma = true;
	p->zone_dma32 = true;
	/* every *_src is SRC_DEFAULT (0) from the memset */
}

static unsigned ilog2_u32(uint32_t v)
{
	unsigned r = 0;

	while (v >>= 1)
		r++;
	return r;
}

/*
 * The arch's default largest buddy order (inclusive), kernel-cma.md §5.
 * Before 6.4 the Kconfig value is exclusive (MAX_ORDER), so the largest
 * order is one less; from 6.4 it is inclusive.
 */
static unsigned default_max_order(const struct profile *p)
{
	if (p->arch == ARCH_ARM64) {
		bool thp_dep = kver_le(p->kernel, 5, 7);	/* the THP dependency went in 5.8-5.10 */

		if (p->page_size == 65536 && (!thp_dep || p->thp))
			return 13;
		if (p->page_size == 16384 && (!thp_dep || p->thp))
			return 11;
		return 10;
	}
	return 10;	/* arm default (AM33XX/SA1111 differ: give --kconfig), riscv, x86 */
}

/* HUGETLB_PAGE_ORDER (= HPAGE_PMD_ORDER): PMD_SHIFT - PAGE_SHIFT, or 0 when hugetlb is unavailable. */
static unsigned hugetlb_order(const struct profile *p)
{
	switch (p->arch) {
	case ARCH_ARM64:
		return p->page_shift == 12 ? 9 : p->page_shift == 14 ? 11 : 13;
	case ARCH_ARM:
		return p->lpae ? 9 : 0;
	default:
		return 9;
	}
}

int profile_finish(struct profile *p, char *err, size_t errlen)
{
	unsigned hpo;
	bool have_hugetlb, have_thp;

	if (p->arch != ARCH_ARM64 && p->page_size != 4096) {
		snprintf(err, errlen, "page size %u KiB is not available on %s (4 KiB only)",
			 p->page_size / 1024, arch_name(p->arch));
		return -1;
	}
	if (p->page_size != 4096 && p->page_size != 16384 && p->page_size != 65536) {
		snprintf(err, errlen, "unsupported page size %u", p->page_size);
		return -1;
	}
	p->page_shift = ilog2_u32(p->page_size);
	/* CONFIG_CMA_SIZE_MBYTES nobody gave: the arm64 defconfig's 32, else the Kconfig default */
	if (p->cma_size_mbytes_src == SRC_DEFAULT)
		p->cma_size_mbytes = p->arch == ARCH_ARM64 ? 32 : p->arch == ARCH_X86_64 ? 0 : 16;
	if (p->force_max_order >= 0) {
		/* Written exclusive before 6.4, inclusive from 6.4. */
		int m = kver_ge(p->kernel, 6, 4) ? p->force_max_order : p->force_max_order - 1;

		if (m < 1 || m > 20) {
			snprintf(err, errlen, "maximum buddy order %d is out of range", p->force_max_order);
			return -1;
		}
		p->max_order = (unsigned)m;
	} else {
		p->max_order = default_max_order(p);
	}

	hpo = hugetlb_order(p);
	have_hugetlb = p->hugetlb && hpo;
	/* 32-bit arm has transparent hugepages only with LPAE */
	have_thp = p->thp && (p->arch != ARCH_ARM || p->lpae);
	if (kver_le(p->kernel, 5, 17)) {
		/* pageblock = HUGETLB_PAGE_ORDER (may exceed the buddy max) else MAX_ORDER-1 */
		p->pageblock_order = have_hugetlb ? hpo : p->max_order;
		p->cma_granule = (uint64_t)p->page_size <<
			(p->max_order > p->pageblock_order ? p->max_order : p->pageblock_order);
	} else {
		unsigned pb;

		if (have_hugetlb)
			pb = hpo;
		else if (kver_ge(p->kernel, 6, 7) && have_thp)
			pb = p->arch == ARCH_ARM64 ? (p->page_shift == 12 ? 9 : p->page_shift == 14 ? 11 : 13)
						    : 9;	/* HPAGE_PMD_ORDER */
		else
			pb = p->max_order;
		p->pageblock_order = pb < p->max_order ? pb : p->max_order;
		/*
		 * 6.16 made the pageblock order a Kconfig choice: PAGE_BLOCK_MAX_ORDER
		 * (default and upper bound: the buddy max order) caps it further.
		 */
		if (kver_ge(p->kernel, 6, 16) && p->page_block_max_order >= 0 &&
		    (unsigned)p->page_block_max_order < p->pageblock_order)
			p->pageblock_order = (unsigned)p->page_block_max_order;
		p->cma_granule = (uint64_t)p->page_size << p->pageblock_order;
	}

	p->kb.cma_cmdline_too_late = kver_ge(p->kernel, 6, 13) && !kver_ge(p->kernel, 6, 18);
	p->kb.cma_cmdline_drops_dt_default = kver_ge(p->kernel, 5, 6) && !p->kb.cma_cmdline_too_late;
	p->kb.reusable_nomap_released = kver_ge(p->kernel, 5, 4);
	p->kb.reusable_nomap_hole = kver_ge(p->kernel, 6, 13);
	p->kb.straddle_keeps_reserved = kver_le(p->kernel, 5, 10);
	p->kb.rmem_multi_reg_unused = kver_ge(p->kernel, 6, 19);
	p->kb.rmem_bad_cells_ignored = kver_ge(p->kernel, 6, 19);
	p->kb.rmem_table_per_node = kver_ge(p->kernel, 6, 19);
	p->kb.rmem_root_by_name = !kver_ge(p->kernel, 5, 17);
	p->kb.rmem_log_prefix = kver_ge(p->kernel, 6, 12) ? "OF: reserved mem: " : "OF: fdt: ";
	p->max_reserved_regions = kver_le(p->kernel, 5, 6) ? 32 : 64;
	if (p->cma_areas)
		p->max_cma_areas = kver_ge(p->kernel, 6, 12) ? p->cma_areas : p->cma_areas + 1;
	else
		p->max_cma_areas = p->numa && kver_ge(p->kernel, 5, 10) ? 20 : 8;
	return 0;
}
