// SPDX-License-Identifier: MIT
/*
 * test_oom.c - the OOM-report explainer: parser, verdict, emitters and
 * the "cmalint oom" command end to end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "oom.h"
#include "rule.h"
#include "rule_docs.h"
#include "util.h"

#define FIX CMALINT_SOURCE_DIR "/fixtures/oom/"

/* ------------------------------------------------------------------ */
/* helpers                                                             */

static void parse_file(struct oom_log *log, const char *path)
{
	size_t len;
	char *buf = read_file(path, OOM_INPUT_LIMIT, &len), *err = NULL;

	assert_non_null(buf);
	if (oom_parse(log, path, buf, len, &err))
		fail_msg("%s", err);
	free(buf);
}

static void analyse_ok(struct oom_log *log, const struct oom_options *opt)
{
	char *err = NULL;

	if (oom_analyse(log, opt, &err))
		fail_msg("%s", err);
}

static const struct oom_zone *zone(const struct oom_report *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->n_zones; i++)
		if (!strcmp(r->zones[i].name, name))
			return &r->zones[i];
	fail_msg("zone '%s' not found", name);
	return NULL;
}

static const struct finding *finding(const struct oom_report *r, const char *rule)
{
	size_t i;

	for (i = 0; i < r->findings.n; i++)
		if (!strcmp(r->findings.f[i].rule, rule))
			return &r->findings.f[i];
	return NULL;
}

static bool advice_has(const struct oom_report *r, const char *needle)
{
	size_t i;

	for (i = 0; i < r->n_advice; i++)
		if (strstr(r->advice[i], needle))
			return true;
	return false;
}

/* The E2000Q numbers, whatever the wrapping of the log. */
static void check_e2000q(const struct oom_report *r)
{
	const struct oom_zone *z = zone(r, "DMA32");
	const struct finding *f;

	assert_int_equal(r->page_size, 64 * 1024);
	assert_string_equal(r->page_size_from, "buddy lists");
	assert_string_equal(r->kernel, "5.4.74");
	assert_string_equal(r->kernel_from, "report");
	assert_string_equal(r->comm, "oncealloc2");
	assert_int_equal(r->gfp_mask, 0x100cca);
	assert_string_equal(r->gfp_flags, "GFP_HIGHUSER_MOVABLE");
	assert_int_equal(r->order, 0);
	assert_int_equal(r->migratetype, OOM_MT_MOVABLE);
	assert_true(r->can_use_cma);

	assert_int_equal(r->n_zones, 1);
	assert_int_equal(z->node, 0);
	assert_int_equal(z->free_kb, 613120);
	assert_int_equal(z->free_cma_kb, 523776);
	assert_int_equal(z->min_kb, 91584);
	assert_int_equal(z->low_kb, 114432);
	assert_int_equal(z->high_kb, 137280);
	assert_int_equal(z->present_kb, 2031616);
	assert_int_equal(z->managed_kb, 1996672);
	assert_int_equal(z->n_lowmem_reserve, 3);
	assert_int_equal(z->n_orders, 14);
	assert_int_equal(z->buddy_kb[0], 64);
	assert_int_equal(z->buddy_count[0], 12);
	assert_int_equal(z->buddy_kb[13], 524288);
	assert_int_equal(z->buddy_total_kb, 613120);
	assert_true(z->v.evaluated);
	assert_int_equal(z->v.non_cma_free_kb, 89344);
	assert_int_equal(z->v.reserve_kb, 0);
	assert_true(z->v.below_min);
	assert_true(z->v.cma_preferred);	/* 523776 > 613120 / 2 */

	assert_int_equal(r->meminfo_free, 9580);
	assert_int_equal(r->meminfo_free_cma, 8184);
	assert_int_equal(r->pages_ram, 31744);
	assert_int_equal(r->pages_reserved, 546);
	assert_int_equal(r->pages_cma, 8192);
	assert_int_equal(r->n_hugepage, 3);
	assert_int_equal(r->ram_bytes, 1984 * MiB);
	assert_int_equal(r->cma_bytes, 512 * MiB);
	assert_int_equal(r->granule, 512 * MiB);
	assert_false(r->incomplete);

	f = finding(r, "oom_cma_starvation");
	assert_non_null(f);
	assert_int_equal(f->severity, SEV_ERROR);
	assert_string_equal(f->message,
			    "zone 'DMA32': non-CMA free 89344 kB is below the min watermark 91584 kB");
	assert_string_equal(f->node, "DMA32");
	assert_non_null(strstr(f->kernel_message, "free_cma:523776kB"));
	f = finding(r, "oom_cma_granule");
	assert_non_null(f);
	assert_int_equal(f->severity, SEV_WARNING);
	assert_non_null(strstr(f->message, "512 MiB"));
	assert_non_null(strstr(f->message, "64 KiB pages"));
	f = finding(r, "oom_cma_unused");
	assert_non_null(f);
	assert_int_equal(f->severity, SEV_INFO);
	assert_true(advice_has(r, "512 MiB is the smallest CMA area with 64 KiB pages; "
				  "use 4 KiB pages or give the area back"));
	assert_true(advice_has(r, "5.8 and later prefer CMA when free_cma > free/2"));
	assert_int_equal(r->findings.n, 3);
}

/* ------------------------------------------------------------------ */
/* library                                                             */

static void test_e2000q(void **state)
{
	struct oom_log log = { 0 };

	(void)state;
	parse_file(&log, FIX "e2000q-oom.log");
	analyse_ok(&log, NULL);
	assert_int_equal(log.n_reports, 1);
	check_e2000q(&log.reports[0]);
	assert_int_equal(log.reports[0].cma_source, OOM_CMA_SRC_UNKNOWN);
	assert_false(log.reports[0].have_cma_base);
	assert_true(advice_has(&log.reports[0], "add the boot log"));
	assert_int_equal(oom_errors(&log), 1);
	oom_log_release(&log);
}

static void test_e2000q_with_boot_excerpt(void **state)
{
	struct oom_log log = { 0 };
	const struct oom_report *r;

	(void)state;
	parse_file(&log, FIX "e2000q-oom.log");
	parse_file(&log, FIX "e2000q-boot-excerpt.log");
	analyse_ok(&log, NULL);
	r = &log.reports[0];
	check_e2000q(r);
	assert_int_equal(log.boot.n_areas, 1);
	assert_int_equal(r->cma_source, OOM_CMA_SRC_CMDLINE);
	assert_true(r->have_cma_base);
	assert_int_equal(r->cma_base, 0xc0000000);
	assert_true(advice_has(r, "came from cma= or CONFIG_CMA_SIZE_MBYTES"));
	assert_true(advice_has(r, "not from a device-tree node"));
	assert_string_equal(finding(r, "oom_cma_granule")->kernel_message,
			    "cma: Reserved 512 MiB at 0x00000000c0000000");
	oom_log_release(&log);
}

static void test_e2000q_wrapped_at_80_columns(void **state)
{
	struct oom_log log = { 0 };

	(void)state;
	parse_file(&log, FIX "e2000q-oom-wrap80.log");
	analyse_ok(&log, NULL);
	assert_int_equal(log.n_reports, 1);
	check_e2000q(&log.reports[0]);
	oom_log_release(&log);
}

static void test_4k_61_gfp_kernel(void **state)
{
	struct oom_log log = { 0 };
	const struct oom_report *r;
	const struct oom_zone *dma32, *normal;
	const struct finding *f;

	(void)state;
	parse_file(&log, FIX "arm64-4k-6.1-gfp-kernel.log");
	analyse_ok(&log, NULL);
	assert_int_equal(log.n_reports, 1);
	r = &log.reports[0];
	assert_int_equal(r->page_size, 4096);
	assert_string_equal(r->kernel, "6.1.0-18-arm64");
	assert_int_equal(r->kver.major, 6);
	assert_int_equal(r->kver.minor, 1);
	assert_int_equal(r->migratetype, OOM_MT_UNMOVABLE);
	assert_false(r->can_use_cma);
	assert_int_equal(r->granule, 2 * MiB);
	assert_int_equal(r->n_zones, 2);
	dma32 = zone(r, "DMA32");
	normal = zone(r, "Normal");
	/* lowmem_reserve[]: 0 5039 5039 towards Normal, in 4 KiB pages */
	assert_int_equal(dma32->v.reserve_kb, 5039 * 4);
	assert_int_equal(dma32->v.threshold_kb, 17064 + 20156);
	assert_int_equal(dma32->v.non_cma_free_kb, 30000);
	assert_true(dma32->v.below_min);
	assert_int_equal(normal->v.reserve_kb, 0);
	assert_true(normal->v.below_min);
	assert_int_equal(r->meminfo_free, (1070000 + 27100) / 4);
	assert_int_equal(r->cma_bytes, 1024 * MiB);
	assert_int_equal(r->cma_source, OOM_CMA_SRC_DT);
	assert_string_equal(log.boot.areas[0].node, "linux,cma");
	assert_true(log.boot.have_memory);
	assert_int_equal(log.boot.mem_cma_kb, 1048576);

	f = finding(r, "oom_cma_starvation");
	assert_non_null(f);
	assert_string_equal(f->message, "zone 'DMA32': non-CMA free 30000 kB is below the min "
			    "watermark 17064 kB plus lowmem_reserve 20156 kB");
	assert_null(finding(r, "oom_cma_granule"));	/* 1 GiB is not the 2 MiB granule */
	assert_int_equal(r->findings.n, 2);		/* starvation + unused, none for Normal */
	assert_true(advice_has(r, "device-tree node 'linux,cma'"));
	assert_true(advice_has(r, "never use CMA"));
	assert_true(advice_has(r, "at most 1016 MiB"));
	assert_false(advice_has(r, "cma=1016M"));	/* the area is a DT node */
	oom_log_release(&log);
}

static void test_two_reports_and_noise(void **state)
{
	struct oom_log log = { 0 };
	const struct oom_report *a, *b;

	(void)state;
	parse_file(&log, FIX "two-reports-noise.log");
	analyse_ok(&log, NULL);
	assert_int_equal(log.n_reports, 2);
	a = &log.reports[0];
	b = &log.reports[1];
	assert_string_equal(a->comm, "stress-ng");
	assert_string_equal(b->comm, "ld.lld");
	assert_int_equal(a->line, 5);
	assert_int_equal(b->order, 3);
	assert_int_equal(b->migratetype, OOM_MT_UNMOVABLE);
	assert_string_equal(b->kernel, "5.10.0-28-amd64");
	assert_int_equal(a->n_zones, 3);
	assert_int_equal(b->n_zones, 3);
	assert_int_equal(zone(a, "DMA32")->free_kb, 5300);
	assert_int_equal(zone(b, "DMA32")->free_kb, 312000);
	/* DMA is protected by lowmem_reserve[]: 0 2945 3857 3857 */
	assert_int_equal(zone(a, "DMA")->v.reserve_kb, 3857 * 4);
	assert_int_equal(zone(b, "DMA")->v.reserve_kb, 3857 * 4);
	assert_int_equal(a->page_size, 4096);
	assert_int_equal(a->granule, 4 * MiB);	/* 5.10: still order 10 */
	assert_int_equal(a->cma_bytes, 64 * MiB);
	assert_int_equal(a->cma_source, OOM_CMA_SRC_CMDLINE);
	assert_string_equal(log.boot.version, "5.10.0-28-amd64");
	assert_int_equal(a->findings.n, 0);
	assert_int_equal(b->findings.n, 0);
	assert_non_null(strstr(a->verdict, "memory ran out, CMA is not the cause"));
	assert_non_null(strstr(b->verdict, "order-3"));
	assert_int_equal(oom_errors(&log), 0);
	oom_log_release(&log);
}

static void test_truncated_after_buddy(void **state)
{
	struct oom_log log = { 0 };
	const struct oom_report *r;

	(void)state;
	parse_file(&log, FIX "truncated-after-buddy.log");
	analyse_ok(&log, NULL);
	r = &log.reports[0];
	assert_true(r->incomplete);
	assert_non_null(strstr(r->missing, "pages RAM"));
	assert_null(r->cma_from);	/* no "pages cma reserved", no boot log */
	assert_non_null(finding(r, "oom_cma_starvation"));
	assert_null(finding(r, "oom_cma_granule"));
	oom_log_release(&log);
}

static void test_truncated_before_zones(void **state)
{
	struct oom_log log = { 0 };
	char *err = NULL;

	(void)state;
	parse_file(&log, FIX "truncated-before-zones.log");
	assert_int_equal(oom_analyse(&log, NULL, &err), -OOM_ENOZONES);
	assert_non_null(strstr(err, "truncated-before-zones.log"));
	assert_non_null(strstr(err, "no zone statistics"));
	free(err);
	oom_log_release(&log);
}

static void test_no_report(void **state)
{
	struct oom_log log = { 0 };
	char *err = NULL;

	(void)state;
	parse_file(&log, FIX "no-report.log");
	assert_int_equal(oom_analyse(&log, NULL, &err), -OOM_ENOREPORT);
	assert_non_null(strstr(err, "'" FIX "no-report.log': no OOM report found"));
	free(err);
	assert_int_equal(log.boot.n_areas, 1);	/* boot lines were still read */
	oom_log_release(&log);
}

/* A minimal report; @pre is put before every line. */
static char *mini_report(const char *pre, const char *eol)
{
	static const char *const lines[] = {
		"app invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0",
		"CPU: 0 PID: 1 Comm: app Not tainted 5.15.0 #1",
		"Mem-Info:",
		"active_anon:1 inactive_anon:2 isolated_anon:0",
		" free:300 free_pcp:0 free_cma:250",
		"Node 0 Normal free:1200kB min:1000kB low:1250kB high:1500kB present:65536kB managed:60000kB free_cma:1000kB",
		"lowmem_reserve[]: 0 0",
		"Node 0 Normal: 2*4kB (U) 1*8kB (M) 0*16kB 1*32kB (C) = 48kB",
		"16384 pages RAM",
		"256 pages cma reserved",
	};
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(lines); i++)
		sb_addf(&sb, "%s%s%s", pre, lines[i], eol);
	return sb_detach(&sb);
}

static void check_mini(const char *pre, const char *eol)
{
	struct oom_log log = { 0 };
	char *text = mini_report(pre, eol), *err = NULL;
	const struct oom_report *r;

	if (oom_parse(&log, "mini", text, strlen(text), &err))
		fail_msg("%s", err);
	analyse_ok(&log, NULL);
	assert_int_equal(log.n_reports, 1);
	r = &log.reports[0];
	assert_string_equal(r->comm, "app");
	assert_string_equal(r->kernel, "5.15.0");
	assert_int_equal(r->page_size, 4096);
	assert_int_equal(r->meminfo_free, 300);
	assert_int_equal(r->meminfo_free_cma, 250);
	assert_int_equal(zone(r, "Normal")->v.non_cma_free_kb, 200);
	assert_int_equal(zone(r, "Normal")->buddy_total_kb, 48);
	assert_int_equal(r->cma_bytes, 1 * MiB);
	assert_non_null(finding(r, "oom_cma_starvation"));
	assert_int_equal(r->granule, 4 * MiB);	/* 5.15 */
	oom_log_release(&log);
	free(text);
}

static void test_prefixes(void **state)
{
	(void)state;
	check_mini("", "\n");
	check_mini("", "\r\n");
	check_mini("[   89.758736] ", "\n");
	check_mini("[   89.758736][ T1440] ", "\n");
	check_mini("<4>[   89.758736] ", "\n");
	check_mini("Nov 25 10:57:01 board kernel: [   89.758736] ", "\n");
	check_mini("Nov 25 10:57:01 board kernel: ", "\n");
	check_mini("2024-11-25T10:57:01+0100 board kernel: ", "\n");
	check_mini("[   89.758736] board kernel: ", "\n");
	check_mini("[Mon Nov 25 10:57:01 2024] ", "\n");
	check_mini("kern  :warn  : [   89.758736] ", "\n");
}

/* Every way of splitting the zone line in two must give the same numbers. */
static void test_split_anywhere(void **state)
{
	static const char zl[] =
		"Node 0 Normal free:1200kB min:1000kB low:1250kB high:1500kB present:65536kB managed:60000kB free_cma:1000kB";
	size_t cut;

	(void)state;
	for (cut = 20; cut < sizeof(zl) - 2; cut++) {
		struct oom_log log = { 0 };
		struct strbuf sb = STRBUF_INIT;
		const struct oom_zone *z;
		char *err = NULL;

		/* a split at a blank loses the blank, as copy-paste does */
		sb_add(&sb, "[ 1.000000] app invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0\n"
			    "[ 1.000001] ");
		sb_addn(&sb, zl, cut);
		sb_add(&sb, "\n");
		sb_add(&sb, zl + cut + (zl[cut] == ' '));
		sb_add(&sb, "\n[ 1.000002] lowmem_reserve[]: 0 0\n[ 1.000003] Node 0 Normal: 2*4kB (U) = 8kB\n");
		if (oom_parse(&log, "split", sb.buf, sb.len, &err))
			fail_msg("%s", err);
		analyse_ok(&log, NULL);
		z = zone(&log.reports[0], "Normal");
		if (z->free_kb != 1200 || z->min_kb != 1000 || z->present_kb != 65536 ||
		    z->managed_kb != 60000 || z->free_cma_kb != 1000 || z->high_kb != 1500 ||
		    z->low_kb != 1250)
			fail_msg("split at %zu: free %llu min %llu low %llu high %llu present %llu managed %llu free_cma %llu",
				 cut, (unsigned long long)z->free_kb, (unsigned long long)z->min_kb,
				 (unsigned long long)z->low_kb, (unsigned long long)z->high_kb,
				 (unsigned long long)z->present_kb, (unsigned long long)z->managed_kb,
				 (unsigned long long)z->free_cma_kb);
		sb_release(&sb);
		oom_log_release(&log);
	}
}

static void test_limits(void **state)
{
	struct oom_log log = { 0 };
	char *err = NULL, *big;
	static const char huge[] =
		"a invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0\n"
		"Node 0 Normal free:99999999999999999999999kB min:1kB\n";
	static const char wide[] = "a invoked oom-killer: gfp_mask=0x123456789abcdef01(GFP_KERNEL), order=0\n";
	static const char nul[] = "abc\0def\n";

	(void)state;
	assert_int_equal(oom_parse(&log, "huge", huge, strlen(huge), &err), -OOM_ERANGE);
	assert_non_null(strstr(err, "'huge': line 2: number 99999999999999999999999 is too large"));
	free(err);
	oom_log_release(&log);

	assert_int_equal(oom_parse(&log, "wide", wide, strlen(wide), &err), -OOM_ERANGE);
	assert_non_null(strstr(err, "does not fit in 64 bits"));
	free(err);
	oom_log_release(&log);

	assert_int_equal(oom_parse(&log, "nul", nul, sizeof(nul) - 1, &err), -OOM_EBINARY);
	free(err);
	oom_log_release(&log);

	big = xmalloc(OOM_LINE_LIMIT + 10);
	memset(big, 'x', OOM_LINE_LIMIT + 9);
	big[OOM_LINE_LIMIT + 9] = '\n';
	assert_int_equal(oom_parse(&log, "long", big, OOM_LINE_LIMIT + 10, &err), -OOM_ELINE);
	assert_non_null(strstr(err, "'long': line 1 is longer than"));
	free(err);
	free(big);
	oom_log_release(&log);
}

static void test_page_size_fallbacks(void **state)
{
	static const char hp[] =
		"a invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0\n"
		"Node 0 DMA32 free:1024kB min:64kB\n"
		"Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=32768kB\n"
		"Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB\n";
	static const char ratio[] =
		"a invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0\n"
		"Mem-Info:\n free:16 free_pcp:0 free_cma:0\n"
		"Node 0 DMA32 free:1024kB min:64kB\n";
	struct oom_log log = { 0 };
	struct oom_options opt = { .kernel = "5.4", .page_size = 4096 };
	char *err = NULL;

	(void)state;
	assert_int_equal(oom_parse(&log, "hp", hp, strlen(hp), &err), 0);
	analyse_ok(&log, NULL);
	assert_int_equal(log.reports[0].page_size, 16384);
	assert_string_equal(log.reports[0].kernel_from, "assumed");
	oom_log_release(&log);

	assert_int_equal(oom_parse(&log, "ratio", ratio, strlen(ratio), &err), 0);
	analyse_ok(&log, NULL);
	assert_int_equal(log.reports[0].page_size, 65536);
	oom_log_release(&log);

	assert_int_equal(oom_parse(&log, "ratio", ratio, strlen(ratio), &err), 0);
	analyse_ok(&log, &opt);
	assert_int_equal(log.reports[0].page_size, 4096);
	assert_string_equal(log.reports[0].kernel, "5.4");
	assert_int_equal(log.reports[0].granule, 4 * MiB);
	oom_log_release(&log);
}

static void test_memcg_report(void **state)
{
	static const char memcg[] =
		"[ 5.0] java invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0\n"
		"[ 5.1] CPU: 1 PID: 77 Comm: java Not tainted 6.6.13 #1\n"
		"[ 5.2] memory: usage 524288kB, limit 524288kB, failcnt 40\n"
		"[ 5.3] oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,task=java,pid=77,uid=0\n"
		"[ 5.4] Memory cgroup out of memory: Killed process 77 (java) total-vm:2000000kB\n";
	struct oom_log log = { 0 };
	char *err = NULL;

	(void)state;
	assert_int_equal(oom_parse(&log, "memcg", memcg, strlen(memcg), &err), 0);
	analyse_ok(&log, NULL);
	assert_int_equal(log.reports[0].findings.n, 0);
	assert_false(log.reports[0].incomplete);
	assert_non_null(strstr(log.reports[0].verdict, "memory-cgroup limit"));
	oom_log_release(&log);
}

/* oom reads versions with check's parser and takes the granule from check's profile. */
static void test_kver_and_granule(void **state)
{
	struct kver k;
	struct profile p;
	char err[128];

	(void)state;
	assert_int_equal(kver_parse("5.4.74", &k), 0);
	assert_int_equal(k.major, 5);
	assert_int_equal(k.minor, 4);
	assert_int_equal(kver_parse("6.1.0-18-arm64", &k), 0);
	assert_int_equal(k.minor, 1);
	assert_int_equal(kver_parse("6", &k), -1);
	assert_int_equal(kver_parse("5.17", &k), 0);
	assert_int_equal(oom_cma_granule(4096, k), 4 * MiB);
	assert_int_equal(oom_cma_granule(16384, k), 32 * MiB);
	assert_int_equal(oom_cma_granule(65536, k), 512 * MiB);
	assert_int_equal(kver_parse("5.18", &k), 0);
	assert_int_equal(oom_cma_granule(4096, k), 2 * MiB);
	assert_int_equal(oom_cma_granule(65536, k), 512 * MiB);
	assert_int_equal(oom_cma_granule(8192, k), 0);
	/* the same number as the profile of `cmalint check` for that kernel and page size */
	profile_init(&p);
	p.kernel = k;
	p.page_size = 16384;
	assert_int_equal(profile_finish(&p, err, sizeof(err)), 0);
	assert_int_equal(oom_cma_granule(16384, k), p.cma_granule);
}

/* The registry lists the OOM pass's rules, each with its page. */
static void test_rule_catalogue(void **state)
{
	size_t n = 0, i, j;

	(void)state;
	for (i = 0; i < rule_count; i++) {
		const struct rule *r = &rule_table[i];
		bool doc = false;

		if (r->pass != PASS_OOM)
			continue;
		if (!n++)
			assert_string_equal(r->id, "oom_cma_starvation");
		assert_null(r->check);
		assert_true(strlen(r->summary) > 10);
		for (j = 0; rule_docs[j].id; j++)
			if (!strcmp(rule_docs[j].id, r->id)) {
				doc = true;
				assert_non_null(strstr(rule_docs[j].markdown, "## What it checks"));
				assert_non_null(strstr(rule_docs[j].markdown, "## What to do"));
			}
		if (!doc)
			fail_msg("rule '%s' has no rules/%s.md", r->id, r->id);
	}
	assert_int_equal(n, 3);
	assert_int_equal(rule_find("oom_cma_granule")->severity, SEV_WARNING);
}

static void test_json_document(void **state)
{
	struct oom_log log = { 0 };
	char *text;
	cJSON *root, *rep, *z, *a;

	(void)state;
	parse_file(&log, FIX "e2000q-oom.log");
	parse_file(&log, FIX "e2000q-boot-excerpt.log");
	analyse_ok(&log, NULL);
	text = oom_format_json(&log);
	/* exact integers, written as such */
	assert_non_null(strstr(text, "\"free_bytes\":\t627834880"));
	assert_non_null(strstr(text, "\"base\":\t3221225472"));
	root = cJSON_Parse(text);
	assert_non_null(root);
	assert_int_equal(cJSON_GetObjectItem(root, "schema_version")->valueint, 1);
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "tool"), "name")->valuestring,
			    "cmalint");
	rep = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "reports"), 0);
	assert_non_null(rep);
	a = cJSON_GetObjectItem(rep, "allocation");
	assert_string_equal(cJSON_GetObjectItem(a, "gfp_mask")->valuestring, "0x100cca");
	assert_string_equal(cJSON_GetObjectItem(a, "migratetype")->valuestring, "movable");
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(a, "can_use_cma")));
	assert_int_equal(cJSON_GetObjectItem(rep, "page_size")->valuedouble, 65536);
	assert_string_equal(cJSON_GetObjectItem(rep, "kernel")->valuestring, "5.4.74");
	z = cJSON_GetArrayItem(cJSON_GetObjectItem(rep, "zones"), 0);
	assert_string_equal(cJSON_GetObjectItem(z, "name")->valuestring, "DMA32");
	assert_true(cJSON_GetObjectItem(z, "non_cma_free_bytes")->valuedouble == 89344.0 * 1024);
	assert_true(cJSON_GetObjectItem(z, "free_cma_bytes")->valuedouble == 523776.0 * 1024);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(z, "below_min")));
	a = cJSON_GetObjectItem(rep, "counters");
	assert_int_equal(cJSON_GetObjectItem(a, "pages_cma_reserved")->valueint, 8192);
	assert_int_equal(cJSON_GetObjectItem(a, "pages_ram")->valueint, 31744);
	assert_int_equal(cJSON_GetObjectItem(a, "meminfo_free_cma_pages")->valueint, 8184);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(a, "hugepage_sizes_bytes")), 3);
	a = cJSON_GetObjectItem(rep, "cma");
	assert_true(cJSON_GetObjectItem(a, "reserved_bytes")->valuedouble == 512.0 * 1024 * 1024);
	assert_string_equal(cJSON_GetObjectItem(a, "source")->valuestring, "cmdline_or_kconfig");
	assert_true(cJSON_GetObjectItem(a, "base")->valuedouble == 3221225472.0);
	a = cJSON_GetArrayItem(cJSON_GetObjectItem(rep, "findings"), 0);
	assert_string_equal(cJSON_GetObjectItem(a, "rule")->valuestring, "oom_cma_starvation");
	assert_string_equal(cJSON_GetObjectItem(a, "severity")->valuestring, "error");
	assert_string_equal(cJSON_GetObjectItem(a, "zone")->valuestring, "DMA32");
	assert_true(cJSON_IsString(cJSON_GetObjectItem(a, "kernel_message")));
	cJSON_Delete(root);
	free(text);
	oom_log_release(&log);
}

static void test_text_document(void **state)
{
	struct oom_log log = { 0 };
	char *text;
	static const char first[] =
		"oom: zone 'DMA32': non-CMA free 89344 kB is below the min watermark 91584 kB [oom_cma_starvation]\n";

	(void)state;
	parse_file(&log, FIX "e2000q-oom.log");
	analyse_ok(&log, NULL);
	text = oom_format_text(&log);
	assert_true(!strncmp(text, first, sizeof(first) - 1));
	assert_non_null(strstr(text, "[oom_cma_granule]\n"));
	assert_non_null(strstr(text, "summary: 1 report, 1 error, 1 warning, 1 info\n"));
	free(text);
	oom_log_release(&log);
}

/* ------------------------------------------------------------------ */
/* end to end                                                          */

struct run {
	int status;
	char *out, *err;
};

static char *slurp(const char *path)
{
	size_t len;
	char *s = read_file(path, 1u << 24, &len);

	return s ? s : xstrdup("");
}

/* Run "cmalint ARGS" through the shell, stdin from @in (or /dev/null). */
static struct run run(const char *args, const char *in)
{
	char outp[] = "/tmp/cmalint-oom-out-XXXXXX", errp[] = "/tmp/cmalint-oom-err-XXXXXX";
	int fo = mkstemp(outp), fe = mkstemp(errp), st;
	struct run r;
	char *cmd;

	assert_true(fo >= 0 && fe >= 0);
	close(fo);
	close(fe);
	cmd = xasprintf("cd '%s' && '%s' %s <%s >%s 2>%s", CMALINT_SOURCE_DIR, CMALINT_BINARY, args,
			in ? in : "/dev/null", outp, errp);
	st = system(cmd);
	free(cmd);
	assert_true(WIFEXITED(st));
	r.status = WEXITSTATUS(st);
	r.out = slurp(outp);
	r.err = slurp(errp);
	unlink(outp);
	unlink(errp);
	return r;
}

static void run_free(struct run *r)
{
	free(r->out);
	free(r->err);
}

static void test_cli_exit_codes(void **state)
{
	struct run r;

	(void)state;
	r = run("oom fixtures/oom/e2000q-oom.log", NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.out, "[oom_cma_starvation]"));
	assert_string_equal(r.err, "");
	run_free(&r);

	r = run("oom fixtures/oom/two-reports-noise.log", NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "summary: 2 reports, 0 errors"));
	run_free(&r);

	r = run("oom fixtures/oom/no-report.log", NULL);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err,
			    "cmalint: 'fixtures/oom/no-report.log': no OOM report found (no 'invoked oom-killer' line)\n");
	run_free(&r);

	r = run("oom fixtures/oom/truncated-before-zones.log", NULL);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.out, "");
	assert_non_null(strstr(r.err, "truncated-before-zones.log"));
	run_free(&r);

	r = run("oom fixtures/oom/does-not-exist.log", NULL);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.out, "");
	assert_non_null(strstr(r.err, "cannot read 'fixtures/oom/does-not-exist.log'"));
	run_free(&r);

	/* a good file then a bad one: nothing at all on stdout */
	r = run("oom --format json fixtures/oom/e2000q-oom.log fixtures/oom/does-not-exist.log", NULL);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.out, "");
	run_free(&r);
}

static void test_cli_usage(void **state)
{
	struct run r;

	(void)state;
	r = run("oom --frobnicate fixtures/oom/e2000q-oom.log", NULL);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.out, "");
	assert_non_null(strstr(r.err, "unknown option '--frobnicate'"));
	run_free(&r);

	r = run("oom", NULL);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "no input given"));
	run_free(&r);

	r = run("oom --page-size 8K fixtures/oom/e2000q-oom.log", NULL);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "page size '8K'"));
	run_free(&r);

	r = run("oom --format xml fixtures/oom/e2000q-oom.log", NULL);
	assert_int_equal(r.status, 2);
	run_free(&r);

	r = run("oom --kernel banana fixtures/oom/e2000q-oom.log", NULL);
	assert_int_equal(r.status, 2);
	run_free(&r);

	r = run("oom --help", NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "usage: cmalint oom"));
	run_free(&r);
}

static void test_cli_json_stdin_and_output_file(void **state)
{
	char outp[] = "/tmp/cmalint-oom-json-XXXXXX";
	int fd = mkstemp(outp);
	struct run r;
	cJSON *root, *rep;
	char *args, *text;

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	/* the boot excerpt on stdin, combined with the OOM log */
	args = xasprintf("oom --format=json -o %s fixtures/oom/e2000q-oom.log -", outp);
	r = run(args, "fixtures/oom/e2000q-boot-excerpt.log");
	free(args);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "");
	text = slurp(outp);
	unlink(outp);
	root = cJSON_Parse(text);
	assert_non_null(root);
	rep = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "reports"), 0);
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(rep, "cma"), "source")->valuestring,
			    "cmdline_or_kconfig");
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(root, "inputs")), 2);
	assert_int_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "summary"), "errors")->valueint, 1);
	cJSON_Delete(root);
	free(text);
	run_free(&r);

	r = run("oom --format json -", "fixtures/oom/two-reports-noise.log");
	assert_int_equal(r.status, 0);
	root = cJSON_Parse(r.out);
	assert_non_null(root);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(root, "reports")), 2);
	cJSON_Delete(root);
	run_free(&r);

	r = run("oom --kernel 5.10 --page-size 64K fixtures/oom/e2000q-oom.log", NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.out, "kernel:     5.10 (from the command line)"));
	assert_non_null(strstr(r.out, "prefers CMA for movable allocations"));
	run_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_e2000q),
		cmocka_unit_test(test_e2000q_with_boot_excerpt),
		cmocka_unit_test(test_e2000q_wrapped_at_80_columns),
		cmocka_unit_test(test_4k_61_gfp_kernel),
		cmocka_unit_test(test_two_reports_and_noise),
		cmocka_unit_test(test_truncated_after_buddy),
		cmocka_unit_test(test_truncated_before_zones),
		cmocka_unit_test(test_no_report),
		cmocka_unit_test(test_prefixes),
		cmocka_unit_test(test_split_anywhere),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_page_size_fallbacks),
		cmocka_unit_test(test_memcg_report),
		cmocka_unit_test(test_kver_and_granule),
		cmocka_unit_test(test_rule_catalogue),
		cmocka_unit_test(test_json_document),
		cmocka_unit_test(test_text_document),
		cmocka_unit_test(test_cli_exit_codes),
		cmocka_unit_test(test_cli_usage),
		cmocka_unit_test(test_cli_json_stdin_and_output_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
