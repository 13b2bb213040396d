/* SPDX-License-Identifier: MIT */
/*
 * oom.h - the OOM-report explainer: parse kernel logs that hold one or
 * more OOM-killer reports (plus, optionally, boot lines about CMA), and
 * explain each report in CMA terms.
 *
 * Pipeline: oom_parse() once per input (text in, records appended to an
 * oom_log), oom_analyse() once (page size, kernel version, verdicts and
 * findings), then one emitter: oom_format_text() or oom_format_json().
 */
#ifndef CMALINT_OOM_H
#define CMALINT_OOM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "profile.h"
#include "report.h"

/* Input limits: a whole input, and one physical line of it. */
#define OOM_INPUT_LIMIT (64u << 20)
#define OOM_LINE_LIMIT 65536u

#define OOM_MAX_ZONES 8		/* zone lines per report, lowmem_reserve[] entries */
#define OOM_MAX_ORDERS 24	/* buddy orders per zone */
#define OOM_MAX_HUGEPAGE_SIZES 8
#define OOM_NAME_MAX 32

/* Error codes (negated) of oom_parse() and oom_analyse(). */
enum {
	OOM_OK = 0,
	OOM_ENOREPORT,		/* no "invoked oom-killer" line */
	OOM_ENOZONES,		/* reports, but none with zone statistics */
	OOM_ELINE,		/* a physical line longer than OOM_LINE_LIMIT */
	OOM_EBINARY,		/* NUL bytes: not a text log */
	OOM_ERANGE,		/* a number that does not fit the checked range */
	OOM_EBIG,		/* input larger than OOM_INPUT_LIMIT */
};

enum oom_migratetype {
	OOM_MT_UNMOVABLE,
	OOM_MT_MOVABLE,
	OOM_MT_RECLAIMABLE,
};

/* Where the CMA of a boot came from, judging by the boot lines seen. */
enum oom_cma_source {
	OOM_CMA_SRC_UNKNOWN,
	OOM_CMA_SRC_CMDLINE,	/* "cma: Reserved": cma= or CONFIG_CMA_SIZE_MBYTES */
	OOM_CMA_SRC_DT,		/* "Reserved memory: created CMA memory pool" */
	OOM_CMA_SRC_MIXED,	/* both kinds of area */
};

/* Which fields of a zone line were present (bits of oom_zone.have). */
enum {
	OOM_Z_FREE = 1u << 0,
	OOM_Z_MIN = 1u << 1,
	OOM_Z_LOW = 1u << 2,
	OOM_Z_HIGH = 1u << 3,
	OOM_Z_PRESENT = 1u << 4,
	OOM_Z_MANAGED = 1u << 5,
	OOM_Z_FREE_CMA = 1u << 6,
	OOM_Z_LOWMEM = 1u << 7,
	OOM_Z_BUDDY = 1u << 8,
};

/* The verdict on one zone, filled by oom_analyse(). */
struct oom_zone_verdict {
	bool evaluated;		/* free and min were known */
	bool allowed;		/* the allocation may take pages from this zone */
	uint64_t reserve_kb;	/* lowmem_reserve towards the class zone */
	uint64_t threshold_kb;	/* min + reserve_kb */
	uint64_t non_cma_free_kb; /* free - free_cma */
	bool below_min;		/* non_cma_free_kb <= threshold_kb */
	bool cma_would_cover;	/* free_kb > threshold_kb: CMA made the difference */
	bool cma_preferred;	/* free_cma > free/2 (what 5.8+ checks) */
};

struct oom_zone {
	char name[OOM_NAME_MAX];
	int node;		/* -1 when the line had no "Node N" prefix */
	unsigned have;		/* OOM_Z_* */
	uint64_t free_kb, min_kb, low_kb, high_kb;
	uint64_t present_kb, managed_kb, free_cma_kb;
	uint64_t lowmem_reserve[OOM_MAX_ZONES];	/* pages, as printed */
	size_t n_lowmem_reserve;
	uint64_t buddy_count[OOM_MAX_ORDERS];
	uint64_t buddy_kb[OOM_MAX_ORDERS];	/* block size of each order */
	size_t n_orders;
	uint64_t buddy_total_kb;
	unsigned line;		/* line of the zone statistics */
	struct oom_zone_verdict v;
};

/* One CMA area as the boot log announced it. */
struct oom_cma_area {
	enum oom_cma_source source;	/* CMDLINE or DT */
	uint64_t base;
	uint64_t size;			/* bytes */
	char *node;			/* DT node name, or NULL */
	char *line;			/* the kernel's line, prefix stripped */
};

/* What boot lines (in any input) said; applies to every report. */
struct oom_boot {
	struct oom_cma_area *areas;
	size_t n_areas, cap_areas;
	bool have_memory;
	uint64_t mem_available_kb, mem_total_kb, mem_cma_kb;
	char *memory_line;
	char *version;			/* "Linux version X", or NULL */
};



/* Bits of oom_report.have. */
enum {
	OOM_R_GFP = 1u << 0,
	OOM_R_ORDER = 1u << 1,
	OOM_R_MEMINFO_FREE = 1u << 2,
	OOM_R_MEMINFO_FREE_CMA = 1u << 3,
	OOM_R_PAGES_RAM = 1u << 4,
	OOM_R_PAGES_RESERVED = 1u << 5,
	OOM_R_PAGES_CMA = 1u << 6,
	OOM_R_PAGES_HIGHMEM = 1u << 7,
	OOM_R_MEMCG = 1u << 8,		/* a memory-cgroup limit, not the zones */
};

struct oom_report {
	char *file;			/* input name as given */
	unsigned line;			/* line of "invoked oom-killer" */
	char *comm;			/* the task that invoked it */
	char *kernel_seen;		/* version from the "CPU: …" line, or NULL */
	unsigned have;			/* OOM_R_* */
	uint64_t gfp_mask;
	char *gfp_flags;		/* text between the parentheses, or NULL */
	long order;
	struct oom_zone zones[OOM_MAX_ZONES];
	size_t n_zones;
	uint64_t meminfo_free, meminfo_free_cma;	/* pages */
	uint64_t pages_ram, pages_reserved, pages_cma, pages_highmem;
	uint64_t hugepage_kb[OOM_MAX_HUGEPAGE_SIZES];
	size_t n_hugepage;

	/* Filled by oom_analyse(). */
	enum oom_migratetype migratetype;
	bool can_use_cma;
	int highest_zone;		/* rank: 0 DMA, 1 DMA32, 2 Normal, 3 HighMem, 4 Movable */
	uint64_t page_size;		/* bytes */
	const char *page_size_from;	/* "option", "buddy lists", "hugepage sizes", … */
	struct kver kver;
	char *kernel;			/* version used for the verdict */
	const char *kernel_from;	/* "option", "report", "boot log", "assumed" */
	uint64_t granule;		/* CMA granule in bytes, 0 when unknown */
	uint64_t ram_bytes;		/* 0 when unknown */
	uint64_t cma_bytes;		/* 0 when unknown */
	const char *cma_from;		/* how cma_bytes was found, or NULL */
	enum oom_cma_source cma_source;
	bool have_cma_base;
	uint64_t cma_base;
	char *verdict;			/* one sentence */
	bool incomplete;
	char *missing;			/* what a truncated report lacks, or NULL */
	struct report findings;		/* rules of the OOM pass; node: the zone, or NULL */
	char **advice;
	size_t n_advice, cap_advice;
};

struct oom_log {
	struct oom_report *reports;
	size_t n_reports, cap_reports;
	struct oom_boot boot;
	char **inputs;			/* names of the inputs parsed */
	size_t n_inputs, cap_inputs;
};

struct oom_options {
	const char *kernel;		/* --kernel, or NULL */
	uint64_t page_size;		/* --page-size in bytes, or 0 */
	const struct severity_policy *policy;	/* -W/-E, or NULL */
};

/**
 * oom_parse - read one input's text and append what it holds to @log
 * @log: the log being built (zero-initialised before the first call)
 * @name: the input's name, for reports and messages
 * @buf: the text (need not be NUL-terminated)
 * @len: its length in bytes
 * @err: on failure, set to an allocated message naming the line
 *
 * Inputs without an OOM report are fine (a boot log); oom_analyse()
 * decides whether the log as a whole holds one.
 *
 * returns: 0, or -OOM_EBIG, -OOM_EBINARY, -OOM_ELINE, -OOM_ERANGE.
 */
int oom_parse(struct oom_log *log, const char *name, const char *buf,
	      size_t len, char **err);

/**
 * oom_analyse - derive page size, kernel version, verdicts and findings
 * @log: the parsed log
 * @opt: overrides from the command line (may be NULL)
 * @err: on failure, set to an allocated message
 *
 * returns: 0, or -OOM_ENOREPORT when no input held an OOM report, or
 * -OOM_ENOZONES when no report carries zone statistics.
 */
int oom_analyse(struct oom_log *log, const struct oom_options *opt, char **err);

/* oom_log_release - free everything @log holds and zero it. */
void oom_log_release(struct oom_log *log);

/* oom_errors - number of findings of severity error over all reports. */
size_t oom_errors(const struct oom_log *log);

/*
 * oom_cma_granule - the CMA granule in bytes for an arm64 kernel @k with
 * @page_size, as `cmalint check` derives it (profile_finish() on the
 * default configuration); 0 for a page size arm64 does not have.
 */
uint64_t oom_cma_granule(uint64_t page_size, struct kver k);

/* Emitters: an allocated document (text for people, or JSON). */
char *oom_format_text(const struct oom_log *log);
char *oom_format_json(const struct oom_log *log);


/* cmalint oom [OPTIONS] FILE|-... (argv[0] is "oom"); returns the exit status. */
int cmd_oom(int argc, char **argv);

#endif
