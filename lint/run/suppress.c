// SPDX-License-Identifier: MIT
#include "suppress.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "fingerprint.h"
#include "util.h"

static bool in_scope(const struct cfg_suppression *s, const char *input)
{
	return !s->board || config_file_matches(s->board, input);
}

static bool covers(const struct cfg_suppression *s, const struct finding *f)
{
	if (strcmp(s->rule, f->rule))
		return false;
	if (s->node && (!f->node || fnmatch(s->node, f->node, 0)))
		return false;
	if (s->property && (!f->property || strcmp(s->property, f->property)))
		return false;
	return true;
}

struct supp_arg {
	struct config *c;
	const char *input;
};

static bool drop_suppressed(const struct finding *f, void *arg)
{
	struct supp_arg *a = arg;

	if (rule_is_late(f->rule))
		return false;
	for (size_t i = 0; i < a->c->nsupp; i++) {
		struct cfg_suppression *s = &a->c->supp[i];

		if (in_scope(s, a->input) && covers(s, f)) {
			s->matched++;
			return true;
		}
	}
	return false;
}

bool suppress_in_scope(const struct cfg_suppression *s, const char *input)
{
	return in_scope(s, input);
}

void suppress_board(struct board_result *r, size_t index)
{
	/* the run's configurations (run_files) count what their suppressions hid */
	struct config *c = (struct config *)r->config;
	struct supp_arg a = { c, r->input };

	if (r->error || !c)
		return;
	for (size_t j = 0; j < c->nsupp; j++) {
		struct cfg_suppression *s = &c->supp[j];

		if (!s->applied && in_scope(s, r->input)) {
			s->applied = true;
			s->first_board = index;
		}
	}
	r->suppressed += report_filter(&r->report, drop_suppressed, &a);
}

void suppress_run(struct board_result *boards, size_t nboards)
{
	for (size_t i = 0; i < nboards; i++)
		suppress_board(&boards[i], i);
}

void late_board(struct board_result *r, size_t index, const struct baseline *baseline)
{
	const struct config *c = r->config;
	const struct cfg_suppression **unused = NULL;
	const struct baseline_entry **stale = NULL;
	size_t cu = 0, cs = 0;
	struct late_facts late = { 0 };

	if (r->error)
		return;
	for (size_t j = 0; c && j < c->nsupp; j++) {
		const struct cfg_suppression *s = &c->supp[j];

		if (s->applied && !s->matched && s->first_board == index)
			*ARRAY_PUSH(unused, late.nunused, cu) = s;
	}
	for (size_t j = 0; baseline && j < baseline->n; j++) {
		const struct baseline_entry *e = &baseline->e[j];

		if (!e->used && !strcmp(e->board, board_key(r->input)))
			*ARRAY_PUSH(stale, late.nstale, cs) = e;
	}
	r->stale = late.nstale;
	if (late.nunused || late.nstale) {
		late.config_path = c ? c->path : NULL;
		late.unused = unused;
		late.baseline_path = baseline ? baseline->path : NULL;
		late.stale = stale;
		lint_board_late(r, &late);
	}
	free(unused);
	free(stale);
}

void late_run(struct board_result *boards, size_t nboards, struct baseline *baseline)
{
	for (size_t i = 0; baseline && i < nboards; i++)
		if (!boards[i].error)
			boards[i].baselined = baseline_apply(baseline, &boards[i]);
	for (size_t i = 0; i < nboards; i++)
		late_board(&boards[i], i, baseline);
}
