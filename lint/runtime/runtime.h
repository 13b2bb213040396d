/* SPDX-License-Identifier: MIT */
/*
 * runtime.h - check a running board against the prediction: read what the
 * kernel publishes (/proc/meminfo, /proc/zoneinfo, /proc/iomem,
 * /proc/cmdline, /proc/version, /sys/firmware/fdt and the CMA areas in
 * sysfs/debugfs), run the prediction on the live tree and command line,
 * and report where reality differs (docs/runtime.md).
 *
 * Pipeline: rt_capture_load() reads every file under a root (all parsing
 * happens there), runtime_check() predicts and compares, then one emitter:
 * runtime_format_text() or runtime_format_json().
 */
#ifndef CMALINT_RUNTIME_H
#define CMALINT_RUNTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "run.h"

/* Input limits. */
#define RT_FILE_LIMIT (16u << 20)	/* one /proc file */
#define RT_MAX_LINES 1000000u
#define RT_MAX_ZONES 64
#define RT_MAX_IOMEM_DEPTH 16
#define RT_MAX_CMA_AREAS 64
#define RT_NAME_MAX 64

/* /proc/meminfo: the fields the comparison needs (kB as printed). */
struct rt_meminfo {
	bool have_free, have_cma_total, have_cma_free, have_hugepagesize;
	uint64_t total_kb, free_kb, cma_total_kb, cma_free_kb, hugepagesize_kb;
	int line_total, line_cma_total;	/* where MemTotal and CmaTotal stand (0: absent) */
};

/* One zone of /proc/zoneinfo (pages, as printed). */
struct rt_zone {
	int node;
	char name[RT_NAME_MAX];
	bool have_cma, have_free_cma;
	uint64_t free, min, low, high, spanned, present, managed, cma, free_cma;
};

struct rt_zoneinfo {
	struct rt_zone z[RT_MAX_ZONES];
	size_t n;
};

/* One line of /proc/iomem: [start, end] inclusive, depth from the indentation. */
struct rt_iomem_entry {
	uint64_t start, end;
	unsigned depth;
	char *name;
};

struct rt_iomem {
	struct rt_iomem_entry *e;
	size_t n, cap;
};

/* One CMA area found under /sys/kernel/mm/cma or /sys/kernel/debug/cma. */
struct rt_cma_area {
	char *name;
	bool have_total_pages, have_available_pages;	/* sysfs */
	uint64_t total_pages, available_pages;
	bool have_base_pfn, have_count;			/* debugfs */
	uint64_t base_pfn, count;
};

/* The Kconfig facts read from ROOT/boot/config-RELEASE, when present. */
struct rt_kconfig {
	bool present;
	char *path;
	bool have_cma_size_mbytes, have_cma, have_thp;
	uint64_t cma_size_mbytes;
	bool cma, thp;
};

/* Everything read from a target (or a captured copy of its files). */
struct rt_capture {
	char *root;
	struct rt_meminfo meminfo;
	struct rt_zoneinfo zoneinfo;
	struct rt_iomem iomem;
	char *cmdline;			/* /proc/cmdline without its newline */
	char *version;			/* /proc/version, first line */
	char *release;			/* the token after "Linux version " */
	bool have_min_free_kbytes;
	uint64_t min_free_kbytes;
	char *fdt_path;			/* ROOT/sys/firmware/fdt */
	struct rt_cma_area *areas;
	size_t nareas, cap_areas;
	bool have_cma_sysfs, have_cma_debugfs;
	struct rt_kconfig kconfig;
};

/*
 * Parsers, one per file format. Each fills @out from @buf (@len bytes, no
 * terminator needed) and returns 0, or -1 with an allocated one-line
 * message in @err naming the line ("line 3: ...").
 */
int rt_parse_meminfo(const char *buf, size_t len, struct rt_meminfo *out, char **err);
int rt_parse_zoneinfo(const char *buf, size_t len, struct rt_zoneinfo *out, char **err);
int rt_parse_iomem(const char *buf, size_t len, struct rt_iomem *out, char **err);
void rt_iomem_release(struct rt_iomem *io);

/*
 * rt_iomem_ram - the RAM banks behind /proc/iomem: top-level "System RAM"
 * ranges merged with the top-level "reserved" ranges that touch them (on
 * arm64 the no-map parts of memory are listed so). Returns the number of
 * banks in *@out (allocated, node "/proc/iomem").
 */
size_t rt_iomem_ram(const struct rt_iomem *io, struct ram_bank **out);

/*
 * rt_iomem_kernel - the kernel image as /proc/iomem places it: from the
 * start of "Kernel code" to the end of "Kernel data"/"Kernel bss".
 * Returns false when the file does not list them (an unprivileged or
 * top-level-only capture).
 */
bool rt_iomem_kernel(const struct rt_iomem *io, struct range *out);

/* True when [base, base + size) lies inside one entry named @name at @depth (-1: any depth). */
bool rt_iomem_covers(const struct rt_iomem *io, const char *name, int depth, uint64_t base, uint64_t size);

/* rt_page_size_from - the page size MemTotal / sum of managed pages gives, or 0. */
uint64_t rt_page_size_from_managed(const struct rt_meminfo *m, const struct rt_zoneinfo *z);
/* The base page size a huge page size implies (arm64, arm, riscv, x86), or 0. */
uint64_t rt_page_size_from_hugepage(uint64_t hugepagesize_kb);

/*
 * rt_capture_load - read every file of a target below @root ("/" for the
 * running system). Returns 0, or -1 with an allocated one-line message in
 * @err naming the file that is missing or malformed.
 */
int rt_capture_load(struct rt_capture *c, const char *root, char **err);
void rt_capture_release(struct rt_capture *c);

/* What the command line of `cmalint runtime` sets. */
struct rt_options {
	const char *kernel;		/* --kernel, or NULL: /proc/version */
	const char *arch;		/* --arch, or NULL: /proc/version, else arm64 */
	uint32_t page_size;		/* --page-size, or 0 */
	bool have_cma_size_mbytes;
	uint64_t cma_size_mbytes;	/* --cma-size-mbytes */
	bool no_cma;
	uint64_t kernel_image;		/* --kernel-image, 0: the default */
	const struct severity_policy *policy;	/* -W/-E, or NULL */
};

enum rt_status { RT_MATCH, RT_MISMATCH, RT_UNCHECKED };
const char *rt_status_name(enum rt_status s);

/* One number compared: predicted against what the kernel reports. */
struct rt_check {
	const char *name;		/* "cma_total", "mem_total", "min_watermark", "headroom" */
	const char *label;		/* for people */
	const char *actual_from;	/* the file and field it came from */
	int64_t predicted, actual;	/* bytes */
	unsigned tolerance_pct;		/* 0: exact */
	enum rt_status status;
};

enum { RT_CHECK_CMA, RT_CHECK_MEMTOTAL, RT_CHECK_WATERMARK, RT_CHECK_HEADROOM, RT_NCHECKS };

/* One predicted region with a place the kernel can be asked about. */
struct rt_pool {
	const struct kregion *region;
	char *name;			/* the kernel's name: the node name, or "reserved" */
	bool exact;			/* fixed, or placed where the prediction is exact */
	uint64_t base, base_max;	/* base_max: the bound when !exact */
	uint64_t size;
	const char *source;		/* "debugfs", "sysfs", "iomem", or NULL */
	bool have_actual_base, have_actual_size;
	uint64_t actual_base, actual_size;
	enum rt_status status;
	char *note;			/* what the source showed, for people */
};


struct rt_result {
	struct board_result board;	/* the prediction and the lint of the live tree */
	const char *root;		/* the capture's root (the capture owns it) */
	struct ram_bank *ram;
	size_t nram;
	bool have_kernel_range;
	struct range kernel_range;
	uint64_t page_size;
	const char *page_size_from;
	const char *kernel_from;
	const char *arch_from;
	const char *kconfig_from;	/* "option", the config file's path, or "assumed" */
	struct rt_check checks[RT_NCHECKS];
	struct rt_pool *pools;
	size_t npools, cap_pools;
	struct report findings;		/* rules of the RUNTIME pass, located in the capture's files */
};

/*
 * runtime_check - predict from the capture's tree and command line, and
 * compare. Returns 0, or -1 with an allocated message in @err (the tree
 * does not load, the options contradict the kernel).
 */
int runtime_check(struct rt_result *r, const struct rt_capture *c, const struct rt_options *o, char **err);
void rt_result_release(struct rt_result *r);
/*
 * rt_failures - what fails `cmalint runtime` by default: findings of the
 * comparison at warning or above, plus the live tree's errors.
 */
size_t rt_failures(const struct rt_result *r);

char *runtime_format_text(const struct rt_capture *c, const struct rt_result *r);
char *runtime_format_json(const struct rt_capture *c, const struct rt_result *r);


/* cmalint runtime [OPTIONS] (argv[0] is "runtime"); returns the exit status. */
int cmd_runtime(int argc, char **argv);

#endif
