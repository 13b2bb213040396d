// SPDX-License-Identifier: MIT
/*
 * Run every fixture under fixtures/ through the cmalint binary, as DTS
 * and as the DTB compiled from it, and check the JSON report against the
 * expectations written in the fixture's header:
 *
 *   cmalint: OPTIONS           extra command-line options (shell-like words)
 *   expect: RULE [NODE]        RULE must fire (on NODE when given)
 *   expect-not: RULE           RULE must not fire
 *   expect-json: PATH == VALUE a value of boards[0] (dotted path, array indices)
 *   expect-exit: N             the exit status (default: not 2)
 *   expect-finding: RULE SEVERITY TEXT
 *                              a finding of RULE has SEVERITY and TEXT in its message
 *   expect-dts-json: PATH == VALUE
 *                              as expect-json, for the DTS input only (source locations)
 *
 * A fixture fixtures/<rule>/bad-*.dts implies "expect: <rule>" and
 * good-*.dts implies "expect-not: <rule>".
 *
 * Every fixture's findings, as its DTS run reports them (severity, rule,
 * node, property, line, message, kernel message), are kept beside it in
 * <name>.snap and compared byte for byte, so a change of wording or of
 * the node a message names shows in review. CMALINT_UPDATE_SNAPSHOTS=1
 * writes them instead (tools/snapshots).
 *
 * Every fixture runs as DTS. The DTB run repeats the same model without
 * source positions; with CMALINT_TEST_SAMPLE=N (the sanitizer build sets
 * 4 through CMALINT_TEST_SAMPLE_DEFAULT) only every Nth fixture also runs
 * as DTB. CMALINT_TEST_SAMPLE=1 runs them all.
 */
#include <ctype.h>
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "dts.h"
#include "util.h"

struct fixture {
	char *path;
	char *dir_rule;		/* rule named by the directory, or NULL */
	bool bad, good;
	char **opts;
	size_t nopts, copts;
	char **lines;		/* directive lines: "expect: ...", ... */
	size_t nlines, clines;
	bool dtb;		/* also run as DTB (in the sample) */
};

static struct fixture *fixtures;
static size_t nfixtures, cfixtures;
static char tmpdir[] = "/tmp/cmalint-fixtures.XXXXXX";

static void split_words(const char *s, char ***out, size_t *n, size_t *cap)
{
	while (*s) {
		const char *start;
		char quote = 0;
		struct strbuf sb = STRBUF_INIT;

		while (isspace((unsigned char)*s))
			s++;
		if (!*s)
			break;
		for (start = s; *s && (quote || !isspace((unsigned char)*s)); s++) {
			if (!quote && (*s == '"' || *s == '\'')) {
				quote = *s;
				continue;
			}
			if (quote && *s == quote) {
				quote = 0;
				continue;
			}
			sb_addn(&sb, s, 1);
		}
		(void)start;
		*ARRAY_PUSH(*out, *n, *cap) = sb_detach(&sb);
	}
}

static void read_directives(struct fixture *f)
{
	size_t len;
	char *text = read_file(f->path, 1 << 20, &len), *save = NULL;

	assert_non_null(text);
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *p = line;

		while (*p == ' ' || *p == '\t' || *p == '*' || *p == '/')
			p++;
		if (!strncmp(p, "cmalint:", 8))
			split_words(p + 8, &f->opts, &f->nopts, &f->copts);
		else if (!strncmp(p, "expect", 6))
			*ARRAY_PUSH(f->lines, f->nlines, f->clines) = xstrdup(p);
	}
	free(text);
}

static void scan_dir(const char *dir, const char *rule)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		char *p;
		struct stat st;
		size_t l = strlen(e->d_name);

		if (e->d_name[0] == '.')
			continue;
		p = xasprintf("%s/%s", dir, e->d_name);
		if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
			scan_dir(p, e->d_name);
			free(p);
			continue;
		}
		if (l < 5 || strcmp(e->d_name + l - 4, ".dts")) {
			free(p);
			continue;
		}
		struct fixture *f = ARRAY_PUSH(fixtures, nfixtures, cfixtures);

		memset(f, 0, sizeof(*f));
		f->path = p;
		f->dir_rule = rule ? xstrdup(rule) : NULL;
		f->bad = !strncmp(e->d_name, "bad-", 4);
		f->good = !strncmp(e->d_name, "good-", 5);
		read_directives(f);
		if (!f->bad && !f->good && !f->nopts && !f->nlines) {
			/* not a test fixture (an include, an oracle case fragment) */
			free(f->path);
			free(f->dir_rule);
			nfixtures--;
		}
	}
	closedir(d);
}

static int cmp_fixture(const void *a, const void *b)
{
	return strcmp(((const struct fixture *)a)->path, ((const struct fixture *)b)->path);
}

/* Run cmalint with the fixture's options on @input; parse the JSON. */
static cJSON *run_cmalint(const struct fixture *f, const char *input, int *status, char **stderr_text)
{
	const char **argv = NULL;
	size_t n = 0, cap = 0, len;
	char *out = xasprintf("%s/out.json", tmpdir), *err = xasprintf("%s/err.txt", tmpdir), *text;
	cJSON *doc;

	*ARRAY_PUSH(argv, n, cap) = CMALINT_BINARY;
	*ARRAY_PUSH(argv, n, cap) = "--format";
	*ARRAY_PUSH(argv, n, cap) = "json";
	for (size_t i = 0; i < f->nopts; i++)
		*ARRAY_PUSH(argv, n, cap) = f->opts[i];
	*ARRAY_PUSH(argv, n, cap) = input;
	*ARRAY_PUSH(argv, n, cap) = NULL;
	*status = run_argv(argv, out, err);
	text = read_file(out, 64 << 20, &len);
	assert_non_null(text);
	doc = cJSON_Parse(text);
	if (!doc && *status != 2) {
		char *e = read_file(err, 1 << 20, &len);

		fail_msg("%s: cmalint printed no JSON (exit %d): %s", input, *status, e ? e : "");
	}
	if (stderr_text)
		*stderr_text = read_file(err, 1 << 20, &len);
	free(text);
	free(out);
	free(err);
	free(argv);
	return doc;
}

static cJSON *json_path(cJSON *root, const char *path)
{
	char *copy = xstrdup(path), *save = NULL;
	cJSON *cur = root;

	for (char *tok = strtok_r(copy, ".", &save); tok && cur; tok = strtok_r(NULL, ".", &save)) {
		if (isdigit((unsigned char)tok[0]))
			cur = cJSON_GetArrayItem(cur, atoi(tok));
		else
			cur = cJSON_GetObjectItemCaseSensitive(cur, tok);
	}
	free(copy);
	return cur;
}

static bool fired(cJSON *board, const char *rule, const char *node)
{
	cJSON *f;

	cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(board, "findings")) {
		cJSON *r = cJSON_GetObjectItemCaseSensitive(f, "rule");
		cJSON *nd = cJSON_GetObjectItemCaseSensitive(f, "node");

		if (!cJSON_IsString(r) || strcmp(r->valuestring, rule))
			continue;
		if (!node || (cJSON_IsString(nd) && !strcmp(nd->valuestring, node)))
			return true;
	}
	return false;
}

/* A finding of @rule with @severity whose message holds @text. */
static bool found(cJSON *board, const char *rule, const char *severity, const char *text)
{
	cJSON *f;

	cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(board, "findings")) {
		cJSON *r = cJSON_GetObjectItemCaseSensitive(f, "rule");
		cJSON *sv = cJSON_GetObjectItemCaseSensitive(f, "severity");
		cJSON *m = cJSON_GetObjectItemCaseSensitive(f, "message");

		if (cJSON_IsString(r) && !strcmp(r->valuestring, rule) && cJSON_IsString(sv) &&
		    !strcmp(sv->valuestring, severity) && cJSON_IsString(m) && strstr(m->valuestring, text))
			return true;
	}
	return false;
}

static void check_finding(const char *input, cJSON *board, const char *spec)
{
	char rule[128], severity[32];
	int n = 0;

	if (sscanf(spec, " %127s %31s %n", rule, severity, &n) != 2 || !n)
		fail_msg("%s: bad expect-finding line '%s'", input, spec);
	if (!found(board, rule, severity, spec + n))
		fail_msg("%s: no %s %s finding with '%s'", input, severity, rule, spec + n);
}

static void check_value(const char *input, cJSON *board, const char *spec)
{
	char path[256], op[4], want[256];
	cJSON *v;

	if (sscanf(spec, "%255s %3s %255[^\n]", path, op, want) != 3)
		fail_msg("%s: bad expect-json line '%s'", input, spec);
	v = json_path(board, path);
	if (!v)
		fail_msg("%s: %s is missing", input, path);
	if (!strcmp(want, "null")) {
		if (!cJSON_IsNull(v))
			fail_msg("%s: %s is not null", input, path);
	} else if (want[0] == '"') {
		want[strlen(want) - 1] = '\0';
		if (!cJSON_IsString(v) || strcmp(v->valuestring, want + 1))
			fail_msg("%s: %s is '%s', expected '%s'", input, path,
				 cJSON_IsString(v) ? v->valuestring : "?", want + 1);
	} else if (!strcmp(want, "true") || !strcmp(want, "false")) {
		if (!cJSON_IsBool(v) || cJSON_IsTrue(v) != !strcmp(want, "true"))
			fail_msg("%s: %s is not %s", input, path, want);
	} else {
		double w = strtod(want, NULL);

		if (!cJSON_IsNumber(v))
			fail_msg("%s: %s is not a number", input, path);
		if (!strcmp(op, "==") && v->valuedouble != w)
			fail_msg("%s: %s is %.0f, expected %s", input, path, v->valuedouble, want);
		if (!strcmp(op, ">=") && !(v->valuedouble >= w))
			fail_msg("%s: %s is %.0f, expected >= %s", input, path, v->valuedouble, want);
		if (!strcmp(op, "<=") && !(v->valuedouble <= w))
			fail_msg("%s: %s is %.0f, expected <= %s", input, path, v->valuedouble, want);
	}
}

/* "  " before every line of @text after the first. */
static void add_indented(struct strbuf *sb, const char *label, const char *text)
{
	sb_addf(sb, "  %s: ", label);
	for (const char *p = text; *p; p++) {
		sb_addn(sb, p, 1);
		if (*p == '\n' && p[1])
			sb_add(sb, "    ");
	}
	sb_add(sb, "\n");
}

static const char *jstr(cJSON *o, const char *key)
{
	cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The snapshot of a run: exit status, then each finding in the report's order. */
static char *snapshot(int status, cJSON *doc, const char *stderr_text)
{
	struct strbuf sb = STRBUF_INIT;
	cJSON *board = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc, "boards"), 0), *f;

	sb_addf(&sb, "exit %d\n", status);
	if (status == 2 && stderr_text)
		add_indented(&sb, "stderr", stderr_text);
	cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(board, "findings")) {
		cJSON *loc = cJSON_GetObjectItemCaseSensitive(f, "location");
		cJSON *line = cJSON_GetObjectItemCaseSensitive(loc, "line");

		sb_addf(&sb, "%s %s %s", jstr(f, "severity"), jstr(f, "rule"), jstr(f, "node") ? jstr(f, "node") : "-");
		if (jstr(f, "property"))
			sb_addf(&sb, " %s", jstr(f, "property"));
		if (jstr(loc, "file") && cJSON_IsNumber(line))
			sb_addf(&sb, " @%s:%d", jstr(loc, "file"), line->valueint);
		sb_add(&sb, "\n");
		add_indented(&sb, "message", jstr(f, "message"));
		if (jstr(f, "kernel_message"))
			add_indented(&sb, "kernel", jstr(f, "kernel_message"));
	}
	return sb_detach(&sb);
}

/* Compare the run with <fixture>.snap, or write it (CMALINT_UPDATE_SNAPSHOTS=1). */
static void check_snapshot(const struct fixture *f, const char *text)
{
	const char *update = getenv("CMALINT_UPDATE_SNAPSHOTS");
	size_t l = strlen(f->path), len;
	char *path = xasprintf("%.*s.snap", (int)(l - 4), f->path), *want;

	if (update && !strcmp(update, "1")) {
		FILE *fp = fopen(path, "w");

		assert_non_null(fp);
		fputs(text, fp);
		assert_int_equal(fclose(fp), 0);
		free(path);
		return;
	}
	want = read_file(path, 1 << 20, &len);
	if (!want)
		fail_msg("%s: no snapshot %s (write it with tools/snapshots)", f->path, path);
	if (strcmp(want, text))
		fail_msg("%s: the findings differ from %s (tools/snapshots rewrites it; review the diff):\n"
			 "--- expected\n%s--- actual\n%s", f->path, path, want, text);
	free(want);
	free(path);
}

static void check_one(const struct fixture *f, const char *input)
{
	int status, want_exit = -1;
	char *err_text = NULL;
	cJSON *doc = run_cmalint(f, input, &status, &err_text);
	cJSON *board;

	/* the DTS run's messages, pinned */
	if (input == f->path) {
		char *snap = snapshot(status, doc, err_text);

		check_snapshot(f, snap);
		free(snap);
	}
	free(err_text);

	for (size_t i = 0; i < f->nlines; i++)
		if (!strncmp(f->lines[i], "expect-exit:", 12))
			want_exit = atoi(f->lines[i] + 12);
	if (want_exit >= 0)
		assert_int_equal(status, want_exit);
	else if (status == 2)
		fail_msg("%s: cmalint exited 2", input);
	if (status == 2) {
		cJSON_Delete(doc);
		return;
	}
	board = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc, "boards"), 0);
	assert_non_null(board);
	if (f->dir_rule && f->bad && !fired(board, f->dir_rule, NULL))
		fail_msg("%s: %s did not fire", input, f->dir_rule);
	if (f->dir_rule && f->good && fired(board, f->dir_rule, NULL))
		fail_msg("%s: %s fired", input, f->dir_rule);
	for (size_t i = 0; i < f->nlines; i++) {
		const char *l = f->lines[i];
		char rule[128] = "", node[512] = "";

		if (!strncmp(l, "expect:", 7)) {
			int k = sscanf(l + 7, "%127s %511s", rule, node);

			if (!fired(board, rule, k == 2 ? node : NULL))
				fail_msg("%s: %s did not fire%s%s", input, rule, k == 2 ? " on " : "", node);
		} else if (!strncmp(l, "expect-not:", 11)) {
			sscanf(l + 11, "%127s", rule);
			if (fired(board, rule, NULL))
				fail_msg("%s: %s fired", input, rule);
		} else if (!strncmp(l, "expect-json:", 12)) {
			check_value(input, board, l + 12);
		} else if (!strncmp(l, "expect-finding:", 15)) {
			check_finding(input, board, l + 15);
		} else if (!strncmp(l, "expect-dts-json:", 16) && input == f->path) {
			check_value(input, board, l + 16);
		}
	}
	cJSON_Delete(doc);
}

static void test_fixture(void **state)
{
	const struct fixture *f = *state;
	char *dtb = xasprintf("%s/fixture.dtb", tmpdir);
	char err[1024];
	size_t len;
	void *blob;
	FILE *fp;

	check_one(f, f->path);
	if (!f->dtb)
		goto out;
	/* the same board as a DTB, compiled the kernel's way */
	blob = dts_compile(f->path, NULL, &len, err, sizeof(err));
	if (!blob) {
		for (size_t i = 0; i < f->nlines; i++)
			if (!strncmp(f->lines[i], "expect-exit: 2", 14))
				goto out;	/* a fixture of input that does not compile */
		fail_msg("%s", err);
	}
	fp = fopen(dtb, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(blob, 1, len, fp), len);
	fclose(fp);
	free(blob);
	check_one(f, dtb);
out:
	unlink(dtb);
	free(dtb);
}

/* CMALINT_TEST_SAMPLE, else CMALINT_TEST_SAMPLE_DEFAULT, else 1: a positive whole number. */
static unsigned long sample_every(void)
{
	const char *v = getenv("CMALINT_TEST_SAMPLE");
	unsigned long n;
	char *end;

	if (!v || !*v)
		v = getenv("CMALINT_TEST_SAMPLE_DEFAULT");
	if (!v || !*v)
		return 1;
	n = strtoul(v, &end, 10);
	if (*end || !n || *v == '-') {
		fprintf(stderr, "CMALINT_TEST_SAMPLE must be a positive whole number, not '%s'\n", v);
		exit(2);
	}
	return n;
}

int main(void)
{
	struct CMUnitTest *tests;
	unsigned long every = sample_every();
	int rc;

	if (chdir(CMALINT_SOURCE_DIR) || !mkdtemp(tmpdir))
		return 2;
	scan_dir("fixtures", NULL);
	qsort(fixtures, nfixtures, sizeof(*fixtures), cmp_fixture);
	tests = xcalloc(nfixtures, sizeof(*tests));
	for (size_t i = 0; i < nfixtures; i++) {
		tests[i].name = fixtures[i].path;
		tests[i].test_func = test_fixture;
		tests[i].initial_state = &fixtures[i];
		fixtures[i].dtb = i % every == 0;
	}
	if (every > 1)
		printf("every fixture as DTS, one in %lu as DTB too (CMALINT_TEST_SAMPLE=1: all)\n", every);
	rc = _cmocka_run_group_tests("fixtures", tests, nfixtures, NULL, NULL);
	rmdir(tmpdir);
	return rc;
}
