/* SPDX-License-Identifier: MIT */
/*
 * kconfig.h - the facts a kernel .config gives about CMA: whether CMA is
 * built, the default area's size and selection, page size, orders,
 * zones, the built-in command line, arch and version. Values read from
 * the file override assumed profile values; options given on the command
 * line override the file.
 */
#ifndef CMALINT_KCONFIG_H
#define CMALINT_KCONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "profile.h"

/* A bool symbol: not in the file, "is not set" / =n, or =y. */
enum kbool { KB_UNSET = -1, KB_N = 0, KB_Y = 1 };

struct kconfig_int {
	bool set;
	uint64_t v;
	int line;
};

struct kconfig {
	char *path;
	char *name;		/* file name for messages */
	bool has_version;
	struct kver version;
	char version_str[24];
	bool has_header_arch;
	enum arch header_arch;

	enum kbool arm64, arm, riscv, x86_64;
	enum kbool pages_4k, pages_16k, pages_64k;
	enum kbool cma, dma_cma;
	enum kbool sel_mbytes, sel_percentage, sel_min, sel_max;
	enum kbool hugetlb, thp, highmem, lpae, zone_dma, zone_dma32, numa;
	enum kbool cmdline_force, cmdline_extend, cmdline_from_bootloader, cmdline_override;
	enum kbool vmsplit_3g, vmsplit_3g_opt, vmsplit_2g, vmsplit_1g;	/* arm: the user/kernel split */
	struct kconfig_int page_offset;	/* arm: CONFIG_PAGE_OFFSET */
	struct kconfig_int cma_size_mbytes, cma_size_percentage, cma_areas;
	struct kconfig_int arch_force_max_order, force_max_zoneorder;
	struct kconfig_int page_block_order, page_block_max_order;	/* 6.16+ */
	char *cmdline;		/* CONFIG_CMDLINE, or NULL */
	int cmdline_line;
	unsigned nsymbols;	/* CONFIG_ lines read */
};

/* Limits (docs/limits.md). */
#define KCONFIG_MAX_BYTES (8u << 20)

/*
 * kconfig_parse - read .config text. @name names the file in messages.
 * Returns 0, or -1 with one line "NAME:LINE: problem" in @err.
 */
int kconfig_parse(struct kconfig *kc, const char *name, const char *text, size_t len, char *err, size_t errlen);
/* kconfig_load - read and parse @path; -1 with a message naming the file. */
int kconfig_load(struct kconfig *kc, const char *path, char *err, size_t errlen);
/*
 * kconfig_apply - put the file's values into @p, except where @p's value
 * came from the command line (SRC_CLI). @p keeps pointers into @kc.
 */
void kconfig_apply(const struct kconfig *kc, struct profile *p);
void kconfig_release(struct kconfig *kc);

#endif
