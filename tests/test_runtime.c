// SPDX-License-Identifier: MIT
/*
 * test_runtime.c - "cmalint runtime": the parsers of /proc/meminfo,
 * /proc/zoneinfo and /proc/iomem, the comparison on a capture, and the
 * command end to end on the captures in fixtures/runtime/.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rule_docs.h"
#include "runtime.h"
#include "rule.h"
#include "util.h"

#define FIX CMALINT_SOURCE_DIR "/fixtures/runtime/"

/* ------------------------------------------------------------------ */
/* /proc/meminfo                                                       */

static const char meminfo_real[] =
	"MemTotal:        2030552 kB\n"
	"MemFree:         2002340 kB\n"
	"MemAvailable:    1990000 kB\n"
	"HugePages_Total:       0\n"
	"CmaTotal:         131072 kB\n"
	"CmaFree:          130304 kB\n"
	"Hugepagesize:       2048 kB\n";

static int meminfo(const char *text, struct rt_meminfo *m, char **err)
{
	*err = NULL;
	return rt_parse_meminfo(text, strlen(text), m, err);
}

static void test_meminfo(void **state)
{
	struct rt_meminfo m;
	char *err;

	(void)state;
	assert_int_equal(meminfo(meminfo_real, &m, &err), 0);
	assert_int_equal(m.total_kb, 2030552);
	assert_int_equal(m.free_kb, 2002340);
	assert_true(m.have_cma_total);
	assert_int_equal(m.cma_total_kb, 131072);
	assert_int_equal(m.cma_free_kb, 130304);
	assert_true(m.have_hugepagesize);
	assert_int_equal(m.hugepagesize_kb, 2048);

	/* CRLF, blank lines, no final newline */
	assert_int_equal(meminfo("MemTotal: 1024 kB\r\n\r\nMemFree: 512 kB", &m, &err), 0);
	assert_int_equal(m.total_kb, 1024);
	assert_false(m.have_cma_total);	/* a kernel without CMA prints no CmaTotal */
}

static void expect_meminfo_error(const char *text, const char *needle)
{
	struct rt_meminfo m;
	char *err;

	assert_int_equal(meminfo(text, &m, &err), -1);
	assert_non_null(err);
	if (!strstr(err, needle))
		fail_msg("error '%s' lacks '%s'", err, needle);
	assert_null(strchr(err, '\n'));
	free(err);
}

static void test_meminfo_errors(void **state)
{
	static const char nul[] = "MemTotal: 1 kB\n\0x";
	struct rt_meminfo m;
	char *err = NULL;

	(void)state;
	expect_meminfo_error("garbage: this is not meminfo\n", "line 1: 'garbage' has no number");
	expect_meminfo_error("MemFree: 1 kB\n", "no 'MemTotal:' line");
	expect_meminfo_error("MemTotal: 1 kB\nMemTotal: 2 kB\n", "line 2: 'MemTotal' appears twice");
	expect_meminfo_error("MemTotal: 1 MB\n", "unexpected 'MB'");
	expect_meminfo_error("MemTotal 1 kB\n", "line 1: expected 'Name: value'");
	expect_meminfo_error("MemTotal: 99999999999999999999 kB\n", "no number (or one over 2^64)");
	/* kB that overflow as bytes */
	expect_meminfo_error("MemTotal: 18014398509481984 kB\n", "does not fit in 64 bits");
	assert_int_equal(rt_parse_meminfo(nul, sizeof(nul) - 1, &m, &err), -1);
	assert_non_null(strstr(err, "NUL"));
	free(err);
}

/* ------------------------------------------------------------------ */
/* /proc/zoneinfo                                                      */

/* The layout of a 6.x zoneinfo: per-node stats, counters, pagesets, unpopulated zones. */
static const char zoneinfo_real[] =
	"Node 0, zone      DMA\n"
	"  per-node stats\n"
	"      nr_inactive_anon 0\n"
	"      nr_active_anon 1214\n"
	"  pages free     500585\n"
	"        boost    0\n"
	"        min      5632\n"
	"        low      7040\n"
	"        high     8448\n"
	"        spanned  524288\n"
	"        present  524288\n"
	"        managed  507638\n"
	"        cma      32768\n"
	"        protection: (0, 0, 0, 0)\n"
	"      nr_free_pages 500585\n"
	"      nr_free_cma  32576\n"
	"  pagesets\n"
	"    cpu: 0\n"
	"              count: 12\n"
	"              high:  252\n"
	"              batch: 63\n"
	"  vm stats threshold: 6\n"
	"  node_unreclaimable:  0\n"
	"  start_pfn:           262144\n"
	"Node 0, zone    DMA32\n"
	"  pages free     0\n"
	"        boost    0\n"
	"        min      0\n"
	"        low      0\n"
	"        high     0\n"
	"        spanned  0\n"
	"        present  0\n"
	"        managed  0\n"
	"        cma      0\n"
	"        protection: (0, 0, 0, 0)\n"
	"Node 0, zone   Normal\n"
	"  pages free     0\n"
	"        min      0\n"
	"        low      0\n"
	"        high     0\n"
	"        spanned  0\n"
	"        present  0\n"
	"        managed  0\n";

static int zoneinfo(const char *text, struct rt_zoneinfo *z, char **err)
{
	*err = NULL;
	return rt_parse_zoneinfo(text, strlen(text), z, err);
}

static void test_zoneinfo(void **state)
{
	struct rt_zoneinfo *z = xcalloc(1, sizeof(*z));
	char *err;

	(void)state;
	assert_int_equal(zoneinfo(zoneinfo_real, z, &err), 0);
	assert_int_equal(z->n, 3);
	assert_string_equal(z->z[0].name, "DMA");
	assert_int_equal(z->z[0].node, 0);
	assert_int_equal(z->z[0].free, 500585);
	assert_int_equal(z->z[0].min, 5632);
	assert_int_equal(z->z[0].low, 7040);
	/* the pageset's "high:  252" is not the watermark */
	assert_int_equal(z->z[0].high, 8448);
	assert_int_equal(z->z[0].managed, 507638);
	assert_true(z->z[0].have_cma);
	assert_int_equal(z->z[0].cma, 32768);
	assert_true(z->z[0].have_free_cma);
	assert_int_equal(z->z[0].free_cma, 32576);
	assert_string_equal(z->z[1].name, "DMA32");
	assert_int_equal(z->z[1].managed, 0);
	assert_string_equal(z->z[2].name, "Normal");
	assert_false(z->z[2].have_cma);	/* 5.10 prints no "cma" line */
	free(z);
}

static void expect_zoneinfo_error(const char *text, const char *needle)
{
	struct rt_zoneinfo *z = xcalloc(1, sizeof(*z));
	char *err;

	assert_int_equal(zoneinfo(text, z, &err), -1);
	assert_non_null(err);
	if (!strstr(err, needle))
		fail_msg("error '%s' lacks '%s'", err, needle);
	free(err);
	free(z);
}

static void test_zoneinfo_errors(void **state)
{
	struct strbuf many = STRBUF_INIT;

	(void)state;
	expect_zoneinfo_error("", "no 'Node N, zone NAME' line");
	expect_zoneinfo_error("  pages free 1\n", "line 1: expected 'Node N, zone NAME' first");
	expect_zoneinfo_error("Node x, zone DMA\n", "line 1: expected 'Node N, zone NAME'");
	expect_zoneinfo_error("Node 0, zone DMA\n        min      abc\n", "line 2: 'min' of zone 'DMA' is not a number");
	expect_zoneinfo_error("Node 0, zone DMA\n        min 1\n        min 2\n        managed 3\n",
			      "line 3: 'min' appears twice");
	/* truncated: the last zone lost its managed line */
	expect_zoneinfo_error("Node 0, zone DMA\n  pages free 1\n        min 1\n", "zone 'DMA' has no 'managed' line");
	expect_zoneinfo_error("Node 0, zone DMA\n  pages free 1\nNode 0, zone Normal\n        min 1\n",
			      "line 3: zone 'DMA' before it has no 'min' line");
	for (int i = 0; i <= RT_MAX_ZONES; i++)
		sb_addf(&many, "Node %d, zone DMA\n        min 1\n        managed 1\n", i);
	expect_zoneinfo_error(many.buf, "more than 64 zones");
	sb_release(&many);
}

/* ------------------------------------------------------------------ */
/* /proc/iomem                                                         */

/* An arm64 iomem as root sees it: a no-map hole, nested kernel and reserved ranges. */
static const char iomem_real[] =
	"09000000-09000fff : pl011@9000000\n"
	"  09000000-09000fff : pl011@9000000\n"
	"40000000-6fffffff : System RAM\n"
	"  40210000-41b5ffff : Kernel code\n"
	"  41b60000-4211ffff : Kernel data\n"
	"  48000000-481fffff : reserved\n"
	"  60000000-67ffffff : reserved\n"
	"70000000-70ffffff : reserved\n"
	"71000000-bfffffff : System RAM\n"
	"  bfe00000-bfffffff : reserved\n"
	"4010000000-401fffffff : PCI ECAM\n"
	"8000000000-ffffffffff : pcie@10000000\n";

static void parse_iomem_ok(const char *text, struct rt_iomem *io)
{
	char *err = NULL;

	if (rt_parse_iomem(text, strlen(text), io, &err))
		fail_msg("%s", err);
}

static void test_iomem(void **state)
{
	struct rt_iomem io;
	struct ram_bank *ram;
	struct range k;
	size_t n;

	(void)state;
	parse_iomem_ok(iomem_real, &io);
	assert_int_equal(io.n, 12);
	assert_int_equal(io.e[3].depth, 1);
	assert_string_equal(io.e[3].name, "Kernel code");
	assert_int_equal(io.e[3].start, 0x40210000);
	assert_int_equal(io.e[3].end, 0x41b5ffff);
	assert_int_equal(io.e[11].start, UINT64_C(0x8000000000));

	/* the no-map hole joins the System RAM on both sides: one bank */
	n = rt_iomem_ram(&io, &ram);
	assert_int_equal(n, 1);
	assert_int_equal(ram[0].base, 0x40000000);
	assert_int_equal(ram[0].size, UINT64_C(0x80000000));
	free(ram);

	assert_true(rt_iomem_kernel(&io, &k));
	assert_int_equal(k.base, 0x40210000);
	assert_int_equal(k.size, 0x42120000 - 0x40210000);

	assert_true(rt_iomem_covers(&io, "reserved", 0, 0x70000000, 0x1000000));
	assert_false(rt_iomem_covers(&io, "reserved", 0, 0x70000000, 0x2000000));
	assert_true(rt_iomem_covers(&io, "reserved", -1, 0x62000000, 0x1000000));
	assert_false(rt_iomem_covers(&io, "reserved", 0, 0x62000000, 0x1000000));
	assert_false(rt_iomem_covers(&io, "System RAM", 0, 0x6ff00000, 0x200000));
	rt_iomem_release(&io);

	/* two banks with a gap; a lone top-level "reserved" is not RAM; no kernel lines */
	parse_iomem_ok("40000000-7fffffff : System RAM\n"
		       "100000000-17fffffff : System RAM\n"
		       "f0000000-f0ffffff : reserved\n", &io);
	n = rt_iomem_ram(&io, &ram);
	assert_int_equal(n, 2);
	assert_int_equal(ram[1].base, UINT64_C(0x100000000));
	assert_int_equal(ram[1].size, UINT64_C(0x80000000));
	free(ram);
	assert_false(rt_iomem_kernel(&io, &k));
	rt_iomem_release(&io);
}

static void expect_iomem_error(const char *text, const char *needle)
{
	struct rt_iomem io;
	char *err = NULL;

	assert_int_equal(rt_parse_iomem(text, strlen(text), &io, &err), -1);
	assert_non_null(err);
	if (!strstr(err, needle))
		fail_msg("error '%s' lacks '%s'", err, needle);
	assert_null(io.e);
	free(err);
}

static void test_iomem_errors(void **state)
{
	(void)state;
	/* what an unprivileged reader gets */
	expect_iomem_error("00000000-00000000 : System RAM\n  00000000-00000000 : Kernel code\n",
			   "every address is zero");
	expect_iomem_error("40000000-3fffffff : System RAM\n", "line 1: range end 0x3fffffff is below");
	expect_iomem_error("40000000 : System RAM\n", "line 1: expected 'START-END : NAME'");
	expect_iomem_error("40000000-bfffffff System RAM\n", "expected 'START-END : NAME'");
	expect_iomem_error("40000000-1bfffffffffffffff : System RAM\n", "expected 'START-END : NAME'");
}

static void test_page_size(void **state)
{
	struct rt_meminfo m = { 0 };
	struct rt_zoneinfo *z = xcalloc(1, sizeof(*z));

	(void)state;
	/* the recorded 6.1 boot: 2030552 kB over 507638 managed pages */
	m.total_kb = 2030552;
	z->n = 2;
	z->z[0].managed = 507638;
	assert_int_equal(rt_page_size_from_managed(&m, z), 4096);
	/* the 16K kernel: 2047120 kB over 127945 pages */
	m.total_kb = 2047120;
	z->z[0].managed = 127945;
	assert_int_equal(rt_page_size_from_managed(&m, z), 16384);
	/* not a whole page size, or no managed pages: unknown */
	m.total_kb = 2047121;
	assert_int_equal(rt_page_size_from_managed(&m, z), 0);
	z->z[0].managed = 0;
	assert_int_equal(rt_page_size_from_managed(&m, z), 0);
	assert_int_equal(rt_page_size_from_hugepage(2048), 4096);
	assert_int_equal(rt_page_size_from_hugepage(32768), 16384);
	assert_int_equal(rt_page_size_from_hugepage(524288), 65536);
	assert_int_equal(rt_page_size_from_hugepage(1024), 0);
	free(z);
}

/* ------------------------------------------------------------------ */
/* a capture built here: nested iomem, sysfs CMA, min_free_kbytes      */

static void put(const char *root, const char *rel, const void *data, size_t len)
{
	char *path = xasprintf("%s/%s", root, rel), *slash;
	FILE *f;

	for (slash = strchr(path + strlen(root) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0755);
		*slash = '/';
	}
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	free(path);
}

static void put_str(const char *root, const char *rel, const char *s)
{
	put(root, rel, s, strlen(s));
}

static void copy_from(const char *root, const char *capture, const char *rel)
{
	char *src = xasprintf("%s%s/%s", FIX, capture, rel);
	size_t len;
	char *buf = read_file(src, 1u << 20, &len);

	assert_non_null(buf);
	put(root, rel, buf, len);
	free(buf);
	free(src);
}

static void remove_tree(const char *root)
{
	static const char *const files[] = {
		"proc/meminfo", "proc/zoneinfo", "proc/iomem", "proc/cmdline", "proc/version",
		"proc/sys/vm/min_free_kbytes", "sys/firmware/fdt", "sys/kernel/mm/cma/linux,cma/total_pages",
		"sys/kernel/mm/cma/linux,cma/available_pages", "sys/kernel/mm/cma/extra/total_pages",
	};
	static const char *const dirs[] = {
		"proc/sys/vm", "proc/sys", "proc", "sys/firmware", "sys/kernel/mm/cma/linux,cma",
		"sys/kernel/mm/cma/extra", "sys/kernel/mm/cma", "sys/kernel/mm", "sys/kernel", "sys",
	};
	char *p;

	for (size_t i = 0; i < ARRAY_SIZE(files); i++) {
		p = xasprintf("%s/%s", root, files[i]);
		unlink(p);
		free(p);
	}
	for (size_t i = 0; i < ARRAY_SIZE(dirs); i++) {
		p = xasprintf("%s/%s", root, dirs[i]);
		rmdir(p);
		free(p);
	}
	rmdir(root);
}

static const struct finding *rt_find(const struct rt_result *r, const char *rule, size_t nth)
{
	for (size_t i = 0; i < r->findings.n; i++)
		if (!strcmp(r->findings.f[i].rule, rule) && !nth--)
			return &r->findings.f[i];
	return NULL;
}

static void test_capture_sysfs_and_nested_iomem(void **state)
{
	char root[] = "/tmp/cmalint-rt-XXXXXX";
	struct rt_capture c;
	struct rt_result r;
	struct rt_options o = { 0 };
	const struct finding *f;
	char *err = NULL;

	(void)state;
	assert_non_null(mkdtemp(root));
	/* the 6.1 c1 boot (no config file: CONFIG_CMA_SIZE_MBYTES stays assumed) */
	copy_from(root, "6.1-c1-dyn128", "proc/meminfo");
	copy_from(root, "6.1-c1-dyn128", "proc/zoneinfo");
	copy_from(root, "6.1-c1-dyn128", "proc/cmdline");
	copy_from(root, "6.1-c1-dyn128", "proc/version");
	copy_from(root, "6.1-c1-dyn128", "sys/firmware/fdt");
	/* as root sees it on arm64: the kernel, and memblock's reserved ranges nested in System RAM */
	put_str(root, "proc/iomem",
		"40000000-bfffffff : System RAM\n"
		"  40210000-41b5ffff : Kernel code\n"
		"  41b60000-4211ffff : Kernel data\n"
		"  b8000000-bfffffff : reserved\n");
	put_str(root, "proc/sys/vm/min_free_kbytes", "22528\n");
	/* sysfs says 64 MiB where the tree asks for 128, and lists an area the tree lacks */
	put_str(root, "sys/kernel/mm/cma/linux,cma/total_pages", "16384\n");
	put_str(root, "sys/kernel/mm/cma/linux,cma/available_pages", "16000\n");
	put_str(root, "sys/kernel/mm/cma/extra/total_pages", "1024\n");

	if (rt_capture_load(&c, root, &err))
		fail_msg("%s", err);
	assert_true(c.have_min_free_kbytes);
	assert_int_equal(c.min_free_kbytes, 22528);
	assert_true(c.have_cma_sysfs);
	assert_false(c.have_cma_debugfs);
	assert_false(c.kconfig.present);
	assert_string_equal(c.release, "6.1.0-56-arm64");
	if (runtime_check(&r, &c, &o, &err))
		fail_msg("%s", err);
	assert_string_equal(r.kconfig_from, "assumed");
	assert_true(r.have_kernel_range);
	assert_int_equal(r.kernel_range.base, 0x40210000);
	assert_int_equal(r.page_size, 4096);
	assert_string_equal(r.page_size_from, "MemTotal / managed pages");
	assert_int_equal(r.checks[RT_CHECK_CMA].status, RT_MATCH);
	assert_int_equal(r.npools, 1);
	assert_string_equal(r.pools[0].name, "linux,cma");
	assert_string_equal(r.pools[0].source, "sysfs");
	assert_true(r.pools[0].have_actual_size);
	assert_int_equal(r.pools[0].actual_size, 64 * MiB);
	assert_int_equal(r.pools[0].status, RT_MISMATCH);
	f = rt_find(&r, "runtime_pool_moved", 0);
	assert_non_null(f);
	assert_string_equal(f->node, "/reserved-memory/linux,cma");
	assert_non_null(strstr(f->message, "is 64 MiB on the running board (sysfs total_pages) but the prediction is 128 MiB"));
	/* located in the capture's file the number came from */
	assert_non_null(f->loc.file);
	assert_non_null(strstr(f->loc.file, "/sys/kernel/mm/cma"));
	f = rt_find(&r, "runtime_pool_moved", 1);
	assert_non_null(f);
	assert_non_null(strstr(f->message, "CMA area 'extra' of 4 MiB that the prediction lacks"));
	assert_true(rt_failures(&r) >= 2);
	rt_result_release(&r);
	rt_capture_release(&c);

	/* without sysfs, the nested reserved range of iomem holds the predicted area */
	remove_tree(root);
	memcpy(root + strlen(root) - 6, "XXXXXX", 6);
	assert_non_null(mkdtemp(root));
	copy_from(root, "6.1-c1-dyn128", "proc/meminfo");
	copy_from(root, "6.1-c1-dyn128", "proc/zoneinfo");
	copy_from(root, "6.1-c1-dyn128", "proc/cmdline");
	copy_from(root, "6.1-c1-dyn128", "proc/version");
	copy_from(root, "6.1-c1-dyn128", "sys/firmware/fdt");
	put_str(root, "proc/iomem", "40000000-bfffffff : System RAM\n  b0000000-b7ffffff : reserved\n");
	if (rt_capture_load(&c, root, &err))
		fail_msg("%s", err);
	if (runtime_check(&r, &c, &o, &err))
		fail_msg("%s", err);
	assert_int_equal(r.npools, 1);
	assert_string_equal(r.pools[0].source, "iomem");
	assert_int_equal(r.pools[0].status, RT_MISMATCH);
	f = rt_find(&r, "runtime_pool_moved", 0);
	assert_non_null(f);
	assert_non_null(strstr(f->message, "no 'reserved' range of /proc/iomem holds it"));
	rt_result_release(&r);
	rt_capture_release(&c);
	remove_tree(root);
}

/* The registry lists the RUNTIME pass's five rules, each with its page. */
static void test_rule_catalogue(void **state)
{
	size_t n = 0;

	(void)state;
	for (size_t i = 0; i < rule_count; i++) {
		const struct rule *r = &rule_table[i];
		bool documented = false;

		if (r->pass != PASS_RUNTIME)
			continue;
		n++;
		assert_int_equal(strncmp(r->id, "runtime_", 8), 0);
		assert_null(r->check);
		for (size_t j = 0; rule_docs[j].id; j++)
			if (!strcmp(rule_docs[j].id, r->id))
				documented = true;
		if (!documented)
			fail_msg("rule '%s' has no rules/%s.md", r->id, r->id);
	}
	assert_int_equal(n, 5);
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

/* Run the binary with @args (NULL-terminated, after "cmalint"), from the source directory. */
static struct run run_argv(const char *const *args)
{
	char outp[] = "/tmp/cmalint-rt-out-XXXXXX", errp[] = "/tmp/cmalint-rt-err-XXXXXX";
	int fo = mkstemp(outp), fe = mkstemp(errp), st;
	const char *argv[32];
	posix_spawn_file_actions_t fa;
	size_t n = 0;
	pid_t pid;
	struct run r;

	assert_true(fo >= 0 && fe >= 0);
	argv[n++] = CMALINT_BINARY;
	while (*args && n < ARRAY_SIZE(argv) - 1)
		argv[n++] = *args++;
	argv[n] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, fo, 1);
	posix_spawn_file_actions_adddup2(&fa, fe, 2);
	assert_int_equal(posix_spawn(&pid, CMALINT_BINARY, &fa, NULL, (char *const *)argv, NULL), 0);
	posix_spawn_file_actions_destroy(&fa);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	close(fo);
	close(fe);
	assert_true(WIFEXITED(st));
	r.status = WEXITSTATUS(st);
	r.out = slurp(outp);
	r.err = slurp(errp);
	unlink(outp);
	unlink(errp);
	return r;
}

#define RUN(...) run_argv((const char *const[]){ __VA_ARGS__, NULL })

static void run_free(struct run *r)
{
	free(r->out);
	free(r->err);
}

static void expect_match(const char *capture)
{
	char *root = xasprintf("fixtures/runtime/%s", capture);
	struct run r = RUN("runtime", "--root", root);

	if (r.status != 0)
		fail_msg("%s: exit %d\n%s%s", capture, r.status, r.out, r.err);
	assert_string_equal(r.err, "");
	assert_non_null(strstr(r.out, "summary: 0 runtime mismatches, 0 board errors"));
	assert_null(strstr(r.out, "[runtime_"));
	assert_non_null(strstr(r.out, "the live tree, linted:"));
	run_free(&r);
	free(root);
}

static void test_cli_matching_captures(void **state)
{
	struct run r;

	(void)state;
	expect_match("6.1-c1-dyn128");
	expect_match("6.12-d1-static128");
	expect_match("6.12-16k-b1-cmdline-128M");
	expect_match("6.1-e3-pool-nomap");
	expect_match("6.1-d1-debugfs");
	expect_match("7.3-c2-cmdline-skips-dt");
	expect_match("7.3-16k-f1-cmdline-1536M");

	r = RUN("runtime", "--root", "fixtures/runtime/6.12-16k-b1-cmdline-128M");
	assert_non_null(strstr(r.out, "16 KiB pages (from MemTotal / managed pages)"));
	assert_non_null(strstr(r.out, "command line (/proc/cmdline): cma=128M earlycon keep_bootcon"));
	run_free(&r);

	r = RUN("runtime", "--root", "fixtures/runtime/6.1-e3-pool-nomap");
	assert_non_null(strstr(r.out, "/reserved-memory/dma-pool@70000000 (dma-pool, area 'dma-pool@70000000'): "
				      "predicted 16 MiB at 0x70000000; match (a no-map hole ('reserved') in /proc/iomem)"));
	run_free(&r);

	r = RUN("runtime", "--root", "fixtures/runtime/6.1-d1-debugfs");
	assert_non_null(strstr(r.out, "match: actual 128 MiB at 0x60000000"));
	run_free(&r);

	/* 7.3 keeps 'reusable' + 'no-map' as a hole: the board is wrong, the prediction right */
	r = RUN("runtime", "--root", "fixtures/runtime/7.3-e1-reusable-nomap");
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.out, "predicted 128 MiB at 0x60000000; match (a no-map hole ('reserved') in /proc/iomem)"));
	assert_non_null(strstr(r.out, "summary: 0 runtime mismatches, 2 board errors"));
	assert_null(strstr(r.out, "[runtime_"));
	run_free(&r);
}

static void test_cli_mismatches(void **state)
{
	struct run r;

	(void)state;
	r = RUN("runtime", "--root", "fixtures/runtime/6.1-b1-cmdline-dropped");
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "");
	assert_non_null(strstr(r.out, "error: CmaTotal 131072 kB (128 MiB) differs from the predicted CMA total of "
				      "64 MiB [runtime_cma_mismatch]"));
	assert_non_null(strstr(r.out, "[runtime_headroom_mismatch]"));
	run_free(&r);

	/* the same capture, told the kernel has CONFIG_CMA_SIZE_MBYTES=128: it matches */
	r = RUN("runtime", "--root", "fixtures/runtime/6.1-b1-cmdline-dropped", "--cma-size-mbytes", "128");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "CONFIG_CMA_SIZE_MBYTES 128 (from option)"));
	run_free(&r);

	r = RUN("runtime", "--root", "fixtures/runtime/6.1-d1-debugfs-moved");
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.out, "/reserved-memory/linux,cma@60000000: error: '/reserved-memory/linux,cma@60000000' "
				      "is at 0x61000000 on the running board (debugfs base_pfn) but the prediction "
				      "places it at 0x60000000 [runtime_pool_moved]"));
	run_free(&r);

	/* a hand-set page size that contradicts the zones: the watermark and headroom disagree */
	r = RUN("runtime", "--root", "fixtures/runtime/6.1-c1-dyn128", "--page-size", "16K");
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.out, "[runtime_watermark_mismatch]"));
	run_free(&r);
}

static cJSON *item(cJSON *o, const char *path)
{
	char *copy = xstrdup(path), *save = NULL;

	for (char *tok = strtok_r(copy, ".", &save); tok && o; tok = strtok_r(NULL, ".", &save))
		o = cJSON_IsArray(o) ? cJSON_GetArrayItem(o, atoi(tok)) : cJSON_GetObjectItem(o, tok);
	free(copy);
	if (!o)
		fail_msg("no '%s' in the JSON document", path);
	return o;
}

static void test_cli_json(void **state)
{
	char outp[] = "/tmp/cmalint-rt-json-XXXXXX";
	int fd = mkstemp(outp);
	struct run r;
	cJSON *doc;
	char *text;

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	r = RUN("runtime", "--root", "fixtures/runtime/6.1-b1-cmdline-dropped", "--format", "json", "-o", outp);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "");
	text = slurp(outp);
	unlink(outp);
	doc = cJSON_Parse(text);
	assert_non_null(doc);
	assert_string_equal(item(doc, "command")->valuestring, "runtime");
	assert_string_equal(item(doc, "target.release")->valuestring, "6.1.0-56-arm64");
	assert_string_equal(item(doc, "checks.0.name")->valuestring, "cma_total");
	assert_string_equal(item(doc, "checks.0.status")->valuestring, "mismatch");
	/* exact integers, written raw */
	assert_non_null(strstr(text, "\"actual\":\t134217728"));
	assert_non_null(strstr(text, "\"predicted\":\t67108864"));
	assert_non_null(strstr(text, "\"mem_total\":\t2079289344"));
	assert_string_equal(item(doc, "findings.0.rule")->valuestring, "runtime_cma_mismatch");
	assert_string_equal(item(doc, "board.input")->valuestring,
			    "fixtures/runtime/6.1-b1-cmdline-dropped/sys/firmware/fdt");
	assert_string_equal(item(doc, "board.bootargs.value")->valuestring, "earlycon keep_bootcon");
	assert_int_equal(item(doc, "summary.mismatches")->valueint, 2);
	cJSON_Delete(doc);
	free(text);
	run_free(&r);

	r = RUN("runtime", "--root", "fixtures/runtime/6.1-d1-debugfs", "--format", "json");
	assert_int_equal(r.status, 0);
	doc = cJSON_Parse(r.out);
	assert_non_null(doc);
	assert_string_equal(item(doc, "pools.0.area")->valuestring, "linux,cma@60000000");
	assert_string_equal(item(doc, "pools.0.source")->valuestring, "debugfs");
	assert_string_equal(item(doc, "pools.0.status")->valuestring, "match");
	assert_non_null(strstr(r.out, "\"actual_base\":\t1610612736"));
	cJSON_Delete(doc);
	run_free(&r);
}

static void test_cli_bad_input(void **state)
{
	struct run r;

	(void)state;
	r = RUN("runtime", "--root", "fixtures/runtime/bad-missing-zoneinfo");
	assert_int_equal(r.status, 2);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err, "cmalint: cannot read 'fixtures/runtime/bad-missing-zoneinfo/proc/zoneinfo': "
				   "No such file or directory\n");
	run_free(&r);

	r = RUN("runtime", "--root", "fixtures/runtime/bad-garbage-meminfo", "--format", "json");
	assert_int_equal(r.status, 2);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err, "cmalint: 'fixtures/runtime/bad-garbage-meminfo/proc/meminfo': line 1: 'garbage' "
				   "has no number (or one over 2^64)\n");
	run_free(&r);

	r = RUN("runtime", "--root", "fixtures/runtime/does-not-exist");
	assert_int_equal(r.status, 2);
	assert_string_equal(r.out, "");
	assert_non_null(strstr(r.err, "cannot read 'fixtures/runtime/does-not-exist'"));
	run_free(&r);

	/* a root that is a file, not a directory */
	r = RUN("runtime", "--root", "fixtures/runtime/README.md");
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "not a directory"));
	run_free(&r);
}

static void test_cli_usage(void **state)
{
	struct run r;

	(void)state;
	r = RUN("runtime", "--frobnicate");
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "unknown option '--frobnicate'"));
	run_free(&r);

	r = RUN("runtime", "--root", "fixtures/runtime/6.1-c1-dyn128", "extra");
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "unexpected argument 'extra'"));
	run_free(&r);

	r = RUN("runtime", "--page-size", "8K");
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "--page-size '8K'"));
	run_free(&r);

	r = RUN("runtime", "--format", "xml");
	assert_int_equal(r.status, 2);
	run_free(&r);

	r = RUN("runtime", "--kernel", "banana");
	assert_int_equal(r.status, 2);
	run_free(&r);

	r = RUN("runtime", "--help");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "usage: cmalint runtime"));
	run_free(&r);

	r = RUN("rules");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "runtime_cma_mismatch"));
	assert_non_null(strstr(r.out, "runtime_pool_moved"));
	run_free(&r);

	r = RUN("explain", "runtime_headroom_mismatch");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "MemTotal − CmaTotal − min watermark"));
	run_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_meminfo),
		cmocka_unit_test(test_meminfo_errors),
		cmocka_unit_test(test_zoneinfo),
		cmocka_unit_test(test_zoneinfo_errors),
		cmocka_unit_test(test_iomem),
		cmocka_unit_test(test_iomem_errors),
		cmocka_unit_test(test_page_size),
		cmocka_unit_test(test_capture_sysfs_and_nested_iomem),
		cmocka_unit_test(test_rule_catalogue),
		cmocka_unit_test(test_cli_matching_captures),
		cmocka_unit_test(test_cli_mismatches),
		cmocka_unit_test(test_cli_json),
		cmocka_unit_test(test_cli_bad_input),
		cmocka_unit_test(test_cli_usage),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
