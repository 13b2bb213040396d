// SPDX-License-Identifier: MIT
/*
 * Whole-tree output: every format gives the same bytes with -j 1 and -j 2
 * on the fixture tree, the JSON report written board by board is the
 * document cJSON prints when it holds every board at once, and the boards
 * tree_stream() hands on one at a time (in input order, each freed once
 * written) make the same document as the whole run.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "emit.h"
#include "json_util.h"
#include "run.h"
#include "tree.h"
#include "version.h"

struct linted {
	struct board_result *res;
	size_t n;
};

static struct linted lint_tree(unsigned jobs)
{
	static const char *incs[] = { "fixtures/bsp/include", NULL };
	static char tree[] = "fixtures", missing[] = "fixtures/no-such-board.dtb";
	char *args[] = { tree, missing };
	struct tree_input *in;
	struct run_opts o;
	struct linted l;

	run_opts_init(&o);
	o.load.include_dirs = incs;
	tree_collect(args, 2, &in, &l.n);
	assert_true(l.n > 100);
	l.res = calloc(l.n, sizeof(*l.res));
	assert_non_null(l.res);
	tree_lint(l.res, in, l.n, &o, jobs);
	tree_inputs_release(in, l.n);
	return l;
}

static void release(struct linted *l)
{
	for (size_t i = 0; i < l->n; i++)
		board_result_release(&l->res[i]);
	free(l->res);
}

static char *emit(const struct emitter *em, struct linted *l, size_t *len)
{
	struct emit_run run = { .boards = l->res, .nboards = l->n, .passes = PASSES_CHECK };
	char *text = NULL;
	FILE *f = open_memstream(&text, len);

	assert_non_null(f);
	assert_int_equal(emit_whole(em, f, &run), 0);
	assert_int_equal(fclose(f), 0);
	return text;
}

/* The JSON report as one cJSON document of every board, printed at once. */
static char *whole_json(struct linted *l, size_t *len)
{
	cJSON *doc = cJSON_CreateObject(), *tool = cJSON_CreateObject(), *boards = cJSON_CreateArray();
	cJSON *errors = cJSON_CreateArray();
	char *text = NULL;
	FILE *f = open_memstream(&text, len);

	json_add_u64(doc, "schema_version", 1);
	cJSON_AddStringToObject(tool, "name", "cmalint");
	cJSON_AddStringToObject(tool, "version", CMALINT_VERSION);
	cJSON_AddItemToObject(doc, "tool", tool);
	for (size_t i = 0; i < l->n; i++) {
		if (l->res[i].error) {
			cJSON *e = cJSON_CreateObject();

			cJSON_AddStringToObject(e, "input", l->res[i].input);
			cJSON_AddStringToObject(e, "message", l->res[i].error);
			cJSON_AddItemToArray(errors, e);
		} else {
			cJSON_AddItemToArray(boards, emit_board_json(&l->res[i]));
		}
	}
	cJSON_AddItemToObject(doc, "boards", boards);
	cJSON_AddItemToObject(doc, "errors", errors);
	assert_int_equal(json_print(f, doc), 0);
	cJSON_Delete(doc);
	assert_int_equal(fclose(f), 0);
	return text;
}

static void same_bytes(const char *what, const char *a, size_t alen, const char *b, size_t blen)
{
	if (alen != blen || memcmp(a, b, alen)) {
		size_t i = 0;

		while (i < alen && i < blen && a[i] == b[i])
			i++;
		fail_msg("%s: outputs differ at byte %zu (%zu and %zu bytes)", what, i, alen, blen);
	}
}

static void every_format_every_j(void **state)
{
	struct linted one = lint_tree(1), two = lint_tree(2);
	char names[128], *save = NULL;
	size_t nformats = 0;

	(void)state;
	snprintf(names, sizeof(names), "%s", emitter_names());
	for (char *name = strtok_r(names, ", ", &save); name; name = strtok_r(NULL, ", ", &save)) {
		const struct emitter *em = emitter_find(name);
		size_t l1, l2;
		char *t1, *t2;

		assert_non_null(em);
		t1 = emit(em, &one, &l1);
		t2 = emit(em, &two, &l2);
		assert_true(l1 > 0);
		same_bytes(name, t1, l1, t2, l2);
		if (!strcmp(name, "json")) {
			size_t lw;
			char *tw = whole_json(&one, &lw);

			same_bytes("json board by board vs the whole document", t1, l1, tw, lw);
			free(tw);
		}
		free(t1);
		free(t2);
		nformats++;
	}
	assert_true(nformats >= 8);
	release(&one);
	release(&two);
}

struct streamed {
	struct emit_doc **docs;
	size_t ndocs, next;
};

static void take_board(void *arg, struct board_result *r, size_t index)
{
	struct streamed *s = arg;

	/* in input order, every one */
	assert_int_equal(index, s->next);
	s->next++;
	for (size_t i = 0; i < s->ndocs; i++)
		emit_board(s->docs[i], r, index);
	board_result_release(r);
	free(r);
}

static void streamed_is_whole(void **state)
{
	static const char *incs[] = { "fixtures/bsp/include", NULL };
	static char tree[] = "fixtures", missing[] = "fixtures/no-such-board.dtb";
	char *args[] = { tree, missing };
	struct linted whole = lint_tree(1);
	char names[128], *save = NULL, *text[16] = { 0 };
	size_t len[16] = { 0 };
	FILE *f[16];
	struct emit_doc *docs[16];
	const struct emitter *ems[16];
	struct streamed s = { .docs = docs };
	struct tree_input *in;
	struct run_opts o;
	size_t n;

	(void)state;
	snprintf(names, sizeof(names), "%s", emitter_names());
	for (char *name = strtok_r(names, ", ", &save); name; name = strtok_r(NULL, ", ", &save)) {
		assert_true(s.ndocs < 16);
		ems[s.ndocs] = emitter_find(name);
		f[s.ndocs] = open_memstream(&text[s.ndocs], &len[s.ndocs]);
		assert_non_null(f[s.ndocs]);
		docs[s.ndocs] = emit_begin(ems[s.ndocs], f[s.ndocs], PASSES_CHECK);
		s.ndocs++;
	}
	run_opts_init(&o);
	o.load.include_dirs = incs;
	tree_collect(args, 2, &in, &n);
	tree_stream(in, n, &o, 3, take_board, &s);
	assert_int_equal(s.next, n);
	tree_inputs_release(in, n);
	for (size_t i = 0; i < s.ndocs; i++) {
		size_t lw;
		char *tw;

		assert_int_equal(emit_end(docs[i]), 0);
		assert_int_equal(fclose(f[i]), 0);
		tw = emit(ems[i], &whole, &lw);
		same_bytes(ems[i]->name, text[i], len[i], tw, lw);
		free(tw);
		free(text[i]);
	}
	release(&whole);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_format_every_j),
		cmocka_unit_test(streamed_is_whole),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
