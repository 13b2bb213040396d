/* SPDX-License-Identifier: MIT */
/*
 * profile.h - the kernel profile: which kernel, arch and page size the
 * prediction is for, the Kconfig values that matter for CMA, and what
 * follows from them (buddy and pageblock orders, the CMA granule, the
 * reserved-region and CMA-area limits). Every value records where it
 * came from, so the report can say what was assumed.
 */
#ifndef CMALINT_PROFILE_H
#define CMALINT_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum arch { ARCH_ARM64, ARCH_ARM, ARCH_RISCV64, ARCH_X86_64 };

/* Where a profile value came from. */
/*
 * SRC_INFERRED: deduced from what the device tree says (the arch from its
 * path or CPU nodes, lint/model/archinfer.c); better than assumed, not confirmed.
 */
enum vsource { SRC_DEFAULT, SRC_KCONFIG, SRC_CLI, SRC_DT, SRC_CONFIG, SRC_INFERRED };

struct kver {
	int major, minor;
};
#define KVER(a, b) ((struct kver){ (a), (b) })
int kver_cmp(struct kver a, struct kver b);
static inline bool kver_ge(struct kver a, int major, int minor) { return kver_cmp(a, KVER(major, minor)) >= 0; }
static inline bool kver_le(struct kver a, int major, int minor) { return kver_cmp(a, KVER(major, minor)) <= 0; }
/* Parse "5.4", "5.4.74", "6.12.0-rc3", "v6.1": 0, or -1 when it is not a version. */
int kver_parse(const char *s, struct kver *out);
/* "6.1": the version as reports print it. */
#define KVER_STR_MAX 24
const char *kver_format(struct kver k, char buf[KVER_STR_MAX]);

enum cma_size_sel { CMA_SEL_MBYTES, CMA_SEL_PERCENTAGE, CMA_SEL_MIN, CMA_SEL_MAX };

/* How CONFIG_CMDLINE combines with the bootloader's command line. */
enum cmdline_mode {
	CMDLINE_FROM_BOOTLOADER,	/* default: CONFIG_CMDLINE only when the bootloader gives none */
	CMDLINE_EXTEND,			/* both (order per arch, lint/model/bootargs.c) */
	CMDLINE_FORCE,			/* CONFIG_CMDLINE only (x86: CMDLINE_OVERRIDE) */
};
const char *cmdline_mode_name(enum cmdline_mode m);

struct profile {
	struct kver kernel;
	char kernel_str[KVER_STR_MAX];
	enum vsource kernel_src;
	enum arch arch;
	enum vsource arch_src;
	/* With arch_src SRC_INFERRED: how ("cpu '/cpus/cpu@0' compatible 'arm,cortex-a9'"). */
	const char *arch_evidence;
	/* A kernel without MMU (arm Cortex-M): no CONFIG_CMA, which depends on MMU. */
	bool nommu;
	enum vsource nommu_src;
	uint32_t page_size;
	enum vsource page_size_src;

	/* Kconfig facts (defaults documented in docs/profile.md). */
	bool cma;		/* CONFIG_CMA && CONFIG_DMA_CMA */
	enum vsource cma_src;
	uint64_t cma_size_mbytes;
	enum vsource cma_size_mbytes_src;
	unsigned cma_size_percentage;
	enum vsource cma_size_percentage_src;
	enum cma_size_sel cma_size_sel;
	enum vsource cma_size_sel_src;
	unsigned cma_areas;	/* CONFIG_CMA_AREAS as set; 0 = the version's default */
	enum vsource cma_areas_src;
	bool hugetlb;
	enum vsource hugetlb_src;
	bool thp;
	enum vsource thp_src;
	bool lpae;		/* arm: CONFIG_ARM_LPAE (hugetlb needs it) */
	enum vsource lpae_src;
	int force_max_order;	/* CONFIG_*FORCE_MAX*ORDER as written, -1 = arch default */
	enum vsource force_max_order_src;
	/* 6.16+: CONFIG_PAGE_BLOCK_MAX_ORDER (first CONFIG_PAGE_BLOCK_ORDER), -1 = its default */
	int page_block_max_order;
	enum vsource page_block_max_order_src;
	bool numa;
	enum vsource numa_src;
	/*
	 * arm: CONFIG_PAGE_OFFSET (VMSPLIT_3G 0xC0000000, 3G_OPT 0xB0000000,
	 * 2G 0x80000000, 1G 0x40000000): with the 240 MiB vmalloc area it sets
	 * where lowmem ends (lint/kernel/kmodel.c arm_highmem_start).
	 */
	uint64_t arm_page_offset;
	enum vsource arm_page_offset_src;
	bool highmem;		/* arm: CONFIG_HIGHMEM */
	enum vsource highmem_src;
	bool zone_dma, zone_dma32;	/* CONFIG_ZONE_DMA, CONFIG_ZONE_DMA32 */
	enum vsource zone_dma_src;

	/* CONFIG_CMDLINE: NULL or "" when none; owned by whoever read the .config. */
	const char *config_cmdline;
	enum cmdline_mode config_cmdline_mode;
	enum vsource config_cmdline_src;
	int config_cmdline_line;	/* its line in the .config */
	const char *kconfig_path;	/* the .config as given, or NULL */
	/* The .config's file name for messages ("e2000q.config"), or NULL. */
	const char *kconfig_name;

	/* Derived by profile_finish(). */
	unsigned page_shift;
	unsigned max_order;	/* largest buddy order (inclusive) */
	unsigned pageblock_order;
	uint64_t cma_granule;	/* required base/size alignment of a CMA region */
	unsigned max_reserved_regions;
	unsigned max_cma_areas;
	/*
	 * What this kernel version does where a rule's judgement or wording
	 * depends on it: the version steps live here (profile_finish()), not
	 * in rules (docs/kernel-model.md lists each step).
	 */
	struct kbehaviour {
		bool cma_cmdline_drops_dt_default;	/* 5.6-6.12, 6.18+: cma= drops the DT default node; else cma= is ignored */
		bool cma_cmdline_too_late;	/* 6.13-6.17: the reworked scan sets a DT default up before the bypass sees cma= */
		bool reusable_nomap_released;	/* 5.4+: a refused reusable+no-map node's memory is given back */
		bool reusable_nomap_hole;	/* 6.13+: reserved and unmapped at scan time, never given back */
		bool straddle_keeps_reserved;	/* <= 5.10: a CMA area across zones stays reserved, unused */
		bool rmem_multi_reg_unused;	/* 6.19+: only the first range of a multi-range 'reg' reserved and used (7.3 boot, p10) */
		bool rmem_bad_cells_ignored;	/* 6.19+: a malformed 'reg'/'alloc-ranges' is treated as absent */
		bool rmem_table_per_node;	/* 6.19+: regions beyond the table are not lost */
		bool rmem_root_by_name;		/* < 5.17: /reserved-memory is found by its exact name */
		const char *rmem_log_prefix;	/* "OF: reserved mem: " (6.12+) or "OF: fdt: " */
	} kb;
};

const char *arch_name(enum arch a);
int arch_parse(const char *s, enum arch *out);
/* Page size from "4K", "16K", "64K", "4096", "16k"...: 0 ok, -1 otherwise. */
int page_size_parse(const char *s, uint32_t *out);
const char *vsource_name(enum vsource s);

/*
 * profile_boot_confirmed - whether a recorded boot of a real kernel of this
 * version and arch (fixtures/oracle-runs) confirms the model. When not, and
 * @nearest is given, it gets the booted versions of the arch ("6.12, 7.3").
 */
bool profile_boot_confirmed(const struct profile *p, char *nearest, size_t len);

/* profile_init - the documented defaults: arm64, 4 KiB pages, kernel 6.12. */
void profile_init(struct profile *p);
/*
 * profile_finish - validate the combination and derive orders, granule and
 * limits. Returns 0, or -1 with a message in @err (e.g. 64 KiB pages on arm).
 */
int profile_finish(struct profile *p, char *err, size_t errlen);

#endif
