// SPDX-License-Identifier: MIT
/*
 * test_mutate.c - hostile DTBs through the cmalint binary. Every fixture
 * that compiles on its own is mutated (seeded, so every run tries the same
 * inputs): bytes flipped anywhere and inside property values, the blob
 * truncated, the header's sizes and offsets grown, a property length made
 * negative. cmalint must exit 0, 1
 * or 2, never die of a signal or a sanitizer report; exit 2 comes with
 * exactly one line on stderr, exit 0 and 1 with a JSON report and nothing
 * on stderr. When libfdt itself finds the mutated blob valid, the report
 * must not have lost a region: one region per /reserved-memory child and
 * per /memreserve/ entry libfdt sees.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <dirent.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dts.h"
#include "util.h"

#define FLIPS 100		/* random bytes anywhere */
#define VALUE_FLIPS 50		/* random bytes inside property values */
/*
 * At most this many fixtures, spread evenly over the sorted list, keep the
 * run short however many fixtures there are. The build sets the number in
 * CMALINT_MUTATE_FIXTURES_DEFAULT (CMake variable CMALINT_MUTATE_FIXTURES:
 * 16, or 2 under the sanitizers, whose every run of the binary costs far
 * more, and where the fuzz targets do the same job in-process); the
 * environment's CMALINT_MUTATE_FIXTURES overrides it, and 0 mutates every
 * fixture (the long run of docs/fuzzing.md).
 */
#define DEFAULT_FIXTURES 16
#define RUNS_PER_FIXTURE 147	/* at least: unchanged, 100 flips, 16 cuts, 30 header words */

static char tmpdir[] = "/tmp/cmalint-mutate.XXXXXX";
static char **paths;
static size_t npaths, cpaths;
static unsigned long runs, valid_runs, compiled;

static uint64_t rng_state;

static uint64_t rng(void)
{
	/* xorshift64*: deterministic for a given seed */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * UINT64_C(2685821657736338717);
}

static void find_dts(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	assert_non_null(d);
	while ((e = readdir(d))) {
		char *p;
		struct stat st;
		size_t l = strlen(e->d_name);

		if (e->d_name[0] == '.')
			continue;
		p = xasprintf("%s/%s", dir, e->d_name);
		if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
			find_dts(p);
			free(p);
		} else if (l > 4 && !strcmp(e->d_name + l - 4, ".dts")) {
			*ARRAY_PUSH(paths, npaths, cpaths) = p;
		} else {
			free(p);
		}
	}
	closedir(d);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* What libfdt sees in a valid blob. */
static void fdt_counts(const void *fdt, size_t *children, size_t *rsv)
{
	int node = fdt_path_offset(fdt, "/reserved-memory"), child;

	*children = *rsv = 0;
	if (node >= 0)
		fdt_for_each_subnode(child, fdt, node)
			++*children;
	for (int i = 0, n = fdt_num_mem_rsv(fdt); i < n; i++) {
		uint64_t a, s;

		if (fdt_get_mem_rsv(fdt, i, &a, &s) < 0 || !s)
			break;
		++*rsv;
	}
}

static char *slurp(const char *path, size_t *len)
{
	char *s = read_file(path, 64 << 20, len);

	assert_non_null(s);
	return s;
}

/* Run cmalint on @blob and check what it did; @what names the mutation. */
static void check(const char *fixture, const char *what, const void *blob, size_t len)
{
	char *in = xasprintf("%s/in.dtb", tmpdir), *out = xasprintf("%s/out", tmpdir);
	char *errp = xasprintf("%s/err", tmpdir), *text, *errtext;
	const char *argv[] = { CMALINT_BINARY, "--format", "json", "--kernel", "6.12", in, NULL };
	FILE *f = fopen(in, "wb");
	size_t tlen, elen, nl = 0;
	int rc;

	assert_non_null(f);
	assert_int_equal(fwrite(blob, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	rc = run_argv(argv, out, errp);
	runs++;
	text = slurp(out, &tlen);
	errtext = slurp(errp, &elen);
	for (size_t i = 0; i < elen; i++)
		nl += errtext[i] == '\n';
	if (rc > 2)
		fail_msg("%s, %s: exit %d: %.500s", fixture, what, rc, errtext);
	if (rc == 2 && (nl != 1 || strncmp(errtext, "cmalint: ", 9) || tlen))
		fail_msg("%s, %s: exit 2 needs one line on stderr and nothing on stdout: '%.500s'",
			 fixture, what, errtext);
	if (rc < 2) {
		cJSON *doc = cJSON_Parse(text), *r;
		const cJSON *regions;
		size_t nodes = 0, rsv = 0, children, fdt_rsv;

		if (elen)
			fail_msg("%s, %s: exit %d with stderr '%.500s'", fixture, what, rc, errtext);
		if (!doc)
			fail_msg("%s, %s: exit %d without a JSON report", fixture, what, rc);
		regions = cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetArrayItem(
			cJSON_GetObjectItem(doc, "boards"), 0), "memory"), "regions");
		assert_true(cJSON_IsArray(regions));
		/* exit 0 or 1 only for a blob libfdt accepts */
		assert_int_equal(fdt_check_full(blob, len), 0);
		valid_runs++;
		cJSON_ArrayForEach(r, regions) {
			const char *origin = cJSON_GetStringValue(cJSON_GetObjectItem(r, "origin"));

			assert_non_null(origin);
			if (!strcmp(origin, "reg") || !strcmp(origin, "size"))
				nodes++;
			else if (!strcmp(origin, "memreserve"))
				rsv++;
		}
		fdt_counts(blob, &children, &fdt_rsv);
		if (nodes != children || rsv != fdt_rsv)
			fail_msg("%s, %s: the report lost regions: %zu of %zu nodes, %zu of %zu /memreserve/",
				 fixture, what, nodes, children, rsv, fdt_rsv);
		cJSON_Delete(doc);
	}
	free(text);
	free(errtext);
	free(in);
	free(out);
	free(errp);
}

/* A random byte inside some property's value, or -1 when the tree has none. */
static long value_byte(const void *fdt)
{
	long offs[4096];
	size_t n = 0;
	int node, prop, len;

	for (node = fdt_next_node(fdt, -1, NULL); node >= 0 && n < ARRAY_SIZE(offs);
	     node = fdt_next_node(fdt, node, NULL)) {
		fdt_for_each_property_offset(prop, fdt, node) {
			const char *v = fdt_getprop_by_offset(fdt, prop, NULL, &len);

			if (v && len > 0 && n < ARRAY_SIZE(offs))
				offs[n++] = (long)(v - (const char *)fdt) + (long)(rng() % (uint64_t)len);
		}
	}
	return n ? offs[rng() % n] : -1;
}

static void mutate_fixture(const char *path, unsigned index)
{
	static const size_t header_fields[] = {
		offsetof(struct fdt_header, totalsize), offsetof(struct fdt_header, off_dt_struct),
		offsetof(struct fdt_header, off_dt_strings), offsetof(struct fdt_header, off_mem_rsvmap),
		offsetof(struct fdt_header, size_dt_strings), offsetof(struct fdt_header, size_dt_struct),
	};
	static const uint32_t growth[] = { 4, 8, 0x1000, 0x7fffffff, 0xfffffffc };
	char err[1024], what[128];
	size_t len;
	uint8_t *blob = dts_compile(path, NULL, &len, err, sizeof(err)), *m;

	if (!blob)
		return;		/* fragments and fixtures meant not to compile */
	compiled++;
	m = xmalloc(len);
	rng_state = UINT64_C(0x9e3779b97f4a7c15) * (index + 1);

	check(path, "unchanged", blob, len);
	for (int i = 0; i < FLIPS + VALUE_FLIPS; i++) {
		long at = i < FLIPS ? (long)(rng() % len) : value_byte(blob);
		uint8_t x = (uint8_t)(rng() % 255 + 1);

		if (at < 0)
			break;
		memcpy(m, blob, len);
		m[at] ^= x;
		snprintf(what, sizeof(what), "byte %ld ^ 0x%02x", at, x);
		check(path, what, m, len);
	}
	for (int k = 0; k < 16; k++) {
		size_t cut = k < 14 ? len * (size_t)k / 14 : k == 14 ? len - 1 : sizeof(struct fdt_header) - 1;

		snprintf(what, sizeof(what), "truncated to %zu bytes", cut);
		check(path, what, blob, cut);
	}
	for (size_t f = 0; f < ARRAY_SIZE(header_fields); f++) {
		for (size_t g = 0; g < ARRAY_SIZE(growth); g++) {
			uint32_t v;

			memcpy(m, blob, len);
			memcpy(&v, m + header_fields[f], 4);
			v = cpu_to_fdt32(fdt32_to_cpu(v) + growth[g]);
			memcpy(m + header_fields[f], &v, 4);
			snprintf(what, sizeof(what), "header word at %zu grown by 0x%x", header_fields[f], growth[g]);
			check(path, what, m, len);
		}
	}
	/* a property length of -4, -12 or -16: the next tag lands on or before this one */
	for (int neg = 4; neg <= 16; neg += neg == 4 ? 8 : 4) {
		int prop = fdt_first_property_offset(blob, 0);
		uint32_t v = cpu_to_fdt32((uint32_t)-neg);

		if (prop < 0)
			break;
		memcpy(m, blob, len);
		memcpy(m + fdt_off_dt_struct(blob) + (size_t)prop + 4, &v, 4);
		snprintf(what, sizeof(what), "first property's length set to -%d", neg);
		check(path, what, m, len);
	}
	free(m);
	free(blob);
}

static void test_mutations(void **state)
{
	(void)state;
	for (size_t i = 0; i < npaths; i++)
		mutate_fixture(paths[i], (unsigned)i);
	printf("%lu mutated blobs from %lu fixtures (%zu picked), %lu accepted (reports checked for lost regions)\n",
	       runs, compiled, npaths, valid_runs);
	/* most picked fixtures compile, each is fully mutated, and some mutations survive */
	assert_true(compiled > 0 && compiled * 2 >= npaths);
	assert_true(runs >= compiled * RUNS_PER_FIXTURE);
	assert_true(valid_runs >= compiled * 4);
}

static int setup(void **state)
{
	const char *asan = getenv("ASAN_OPTIONS"), *ubsan = getenv("UBSAN_OPTIONS");
	const char *nfix = getenv("CMALINT_MUTATE_FIXTURES");
	size_t max_fixtures = DEFAULT_FIXTURES;
	char *a = xasprintf("%s%sexitcode=86", asan ? asan : "", asan ? ":" : "");
	char *u = xasprintf("%s%shalt_on_error=1:exitcode=87", ubsan ? ubsan : "", ubsan ? ":" : "");

	(void)state;
	/* a sanitizer report must not pass for exit 1 ("findings") */
	setenv("ASAN_OPTIONS", a, 1);
	setenv("UBSAN_OPTIONS", u, 1);
	free(a);
	free(u);
	if (!mkdtemp(tmpdir))
		return -1;
	if (!nfix || !*nfix)
		nfix = getenv("CMALINT_MUTATE_FIXTURES_DEFAULT");
	if (nfix && *nfix) {
		char *end;
		unsigned long n = strtoul(nfix, &end, 10);

		if (*end || *nfix == '-') {
			fprintf(stderr, "CMALINT_MUTATE_FIXTURES must be a whole number, not '%s'\n", nfix);
			return -1;
		}
		max_fixtures = n ? (size_t)n : SIZE_MAX;
	}
	find_dts(CMALINT_SOURCE_DIR "/fixtures");
	sort_array(paths, npaths, sizeof(*paths), cmp_str);
	if (npaths > max_fixtures) {
		size_t kept = 0;

		for (size_t i = 0; i < npaths; i++) {
			if (i * max_fixtures / npaths != kept || kept >= max_fixtures) {
				free(paths[i]);
				continue;
			}
			paths[kept++] = paths[i];
		}
		npaths = kept;
	}
	return 0;
}

static int teardown(void **state)
{
	static const char *const files[] = { "in.dtb", "out", "err" };

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(files); i++) {
		char *p = xasprintf("%s/%s", tmpdir, files[i]);

		unlink(p);
		free(p);
	}
	rmdir(tmpdir);
	for (size_t i = 0; i < npaths; i++)
		free(paths[i]);
	free(paths);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mutations),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
