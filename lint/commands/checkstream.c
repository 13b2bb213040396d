// SPDX-License-Identifier: MIT
/* check's run written board by board (checkstream.h). */
#include "checkstream.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "fingerprint.h"
#include "out_svg.h"
#include "suppress.h"
#include "util.h"

struct held {
	struct board_result *r;
	size_t index;
};

struct stream_state {
	struct check_args *a;
	const struct tree_input *in;
	size_t n;
	size_t *key_end;	/* per input: one past the last input with its baseline key, or NULL */
	bool hold_all;		/* nothing is written before the last board */
	bool map_clash;		/* two inputs could draw to one --map file */
	bool finishing;		/* every board is taken: all are ready */
	struct held *held;	/* boards taken, not written yet, in input order */
	size_t hfirst, nheld, cheld;
	size_t taken;
	bool started, silent;	/* silent: nothing is written (the only input failed, or the run did) */
	bool trouble, fail;
	bool bad_output;	/* a map or the report could not be written (said on stderr) */
	FILE *out;
	struct emit_doc *doc;
	struct svg_map map;
};

struct keyed {
	const char *key;
	size_t index;
};

static int cmp_keyed(const void *x, const void *y)
{
	const struct keyed *a = x, *b = y;
	int c = strcmp(a->key, b->key);

	return c ? c : a->index < b->index ? -1 : a->index > b->index;
}

/* key_end: inputs that share a baseline key wait for each other (their stale entries are shared). */
static void find_key_ends(struct stream_state *s)
{
	struct keyed *order = xcalloc(s->n ? s->n : 1, sizeof(*order));

	s->key_end = xcalloc(s->n ? s->n : 1, sizeof(*s->key_end));
	for (size_t i = 0; i < s->n; i++)
		order[i] = (struct keyed){ board_key(s->in[i].path), i };
	if (s->n)
		sort_array(order, s->n, sizeof(*order), cmp_keyed);
	for (size_t i = 0; i < s->n;) {
		size_t j = i;

		while (j < s->n && !strcmp(order[i].key, order[j].key))
			j++;
		for (size_t k = i; k < j; k++)
			s->key_end[order[k].index] = order[j - 1].index + 1;
		i = j;
	}
	free(order);
}

/* Each suppression's scope_end: a board it may report on waits for the last input it covers. */
static void find_scope_ends(struct stream_state *s, struct run_files *rf)
{
	for (size_t k = 0; k < rf->nconfigs; k++) {
		struct config *c = rf->configs[k];

		for (size_t j = 0; j < c->nsupp; j++) {
			struct cfg_suppression *sp = &c->supp[j];

			sp->scope_end = 0;
			for (size_t i = 0; i < s->n; i++)
				if (s->in[i].config == c && suppress_in_scope(sp, s->in[i].path))
					sp->scope_end = i + 1;
		}
	}
}

static bool ready(const struct stream_state *s, const struct held *h)
{
	const struct config *c = h->r->config;

	if (s->finishing)
		return true;
	if (s->hold_all || (s->key_end && s->taken < s->key_end[h->index]))
		return false;
	for (size_t j = 0; !h->r->error && c && j < c->nsupp; j++) {
		const struct cfg_suppression *sp = &c->supp[j];

		if (sp->applied && sp->first_board == h->index && !sp->matched && s->taken < sp->scope_end)
			return false;
	}
	return true;
}

/* The report and the maps begin with the first board written. */
static void start(struct stream_state *s, const struct board_result *first)
{
	struct check_args *a = s->a;

	s->started = true;
	/* nothing on stdout when the only input could not be read */
	if (s->n == 1 && first->error) {
		s->silent = true;
		return;
	}
	/* the map first: when it cannot be written, no report claims success */
	if (a->mappath) {
		svg_map_init(&s->map, a->mappath);
		if (svg_map_open(&s->map)) {
			s->bad_output = true;
			s->silent = true;
			return;
		}
	}
	s->out = stdout;
	if (a->outpath && !(s->out = fopen(a->outpath, "w"))) {
		fprintf(stderr, "cmalint: cannot write '%s': %s\n", a->outpath, strerror(errno));
		s->bad_output = true;
		s->silent = true;
		s->out = NULL;
		return;
	}
	s->doc = emit_begin(a->em, s->out, PASSES_CHECK);
}

/* Late rules, the failure status and the board's part of the outputs; then the board goes. */
static void write_board(struct stream_state *s, struct board_result *r, size_t index)
{
	struct gate *g = &s->a->gate;

	if (!r->error) {
		/* the late rules report under the run's policy */
		gate_policy(g, r);
		late_board(r, index, g->has_baseline ? &g->baseline : NULL);
		s->fail |= gate_board_fails(g, r);
	}
	if (!s->started)
		start(s, r);
	if (!s->silent && !s->bad_output) {
		/* the map first: when it cannot be written, the report stops */
		if (s->a->mappath && svg_map_board(&s->map, r, index))
			s->bad_output = true;
		else
			emit_board(s->doc, r, index);
	}
	board_result_release(r);
	free(r);
}

static void drain(struct stream_state *s)
{
	while (s->hfirst < s->nheld && ready(s, &s->held[s->hfirst])) {
		struct held h = s->held[s->hfirst++];

		write_board(s, h.r, h.index);
	}
	/* the written ones leave the queue: it holds only what waits */
	if (s->hfirst && s->hfirst >= s->nheld / 2) {
		memmove(s->held, s->held + s->hfirst, (s->nheld - s->hfirst) * sizeof(*s->held));
		s->nheld -= s->hfirst;
		s->hfirst = 0;
	}
}

static void take(void *arg, struct board_result *r, size_t index)
{
	struct stream_state *s = arg;
	struct gate *g = &s->a->gate;

	if (r->error) {
		fprintf(stderr, "cmalint: %s\n", r->error);
		s->trouble = true;
	} else {
		suppress_board(r, index);
		if (g->has_baseline && !g->write_baseline)
			r->baselined = baseline_apply(&g->baseline, r);
	}
	*ARRAY_PUSH(s->held, s->nheld, s->cheld) = (struct held){ r, index };
	s->taken = index + 1;
	drain(s);
}

/* After the last board: what the whole run decides, then every board still held. */
static int finish(struct stream_state *s)
{
	struct gate *g = &s->a->gate;
	size_t nh = s->nheld - s->hfirst;
	int rc = 0;

	if (s->a->gate.write_baseline || s->map_clash) {
		const struct board_result **list = xcalloc(nh ? nh : 1, sizeof(*list));
		const char **names = xcalloc(nh ? nh : 1, sizeof(*names));

		for (size_t i = 0; i < nh; i++) {
			list[i] = s->held[s->hfirst + i].r;
			names[i] = list[i]->error ? NULL : list[i]->input;
		}
		if (g->write_baseline && gate_write_baseline(g, list, nh))
			rc = -1;
		if (!rc && s->map_clash && !(s->n == 1 && nh && list[0]->error) &&
		    svg_map_clash(s->a->mappath, names, nh, true))
			rc = -1;
		for (size_t i = 0; !rc && g->write_baseline && i < nh; i++)
			if (!s->held[s->hfirst + i].r->error)
				s->held[s->hfirst + i].r->baselined = baseline_apply(&g->baseline,
										     s->held[s->hfirst + i].r);
		free(list);
		free(names);
		if (rc) {
			s->started = s->silent = true;
			s->bad_output = true;
		}
	}
	s->finishing = true;
	drain(s);
	return rc;
}

int check_stream(struct check_args *a, struct run_files *rf, const struct tree_input *in, size_t n)
{
	struct stream_state s = { .a = a, .in = in, .n = n };
	int rc;

	s.hold_all = a->gate.write_baseline != NULL;
	if (a->mappath) {
		const char **names = xcalloc(n ? n : 1, sizeof(*names));

		for (size_t i = 0; i < n; i++)
			names[i] = in[i].error ? NULL : in[i].path;
		s.map_clash = svg_map_clash(a->mappath, names, n, false);
		s.hold_all |= s.map_clash;
		free(names);
	}
	if (a->gate.has_baseline)
		find_key_ends(&s);
	find_scope_ends(&s, rf);
	tree_stream(in, n, &a->o, a->jobs, take, &s);
	if (finish(&s))
		s.trouble = true;
	if (s.doc) {
		bool bad = emit_end(s.doc) != 0;

		if (s.out != stdout ? fclose(s.out) : fflush(s.out))
			bad = true;
		if (bad) {
			fprintf(stderr, "cmalint: cannot write the report to '%s'\n", a->outpath ? a->outpath : "stdout");
			s.bad_output = true;
		}
	}
	if (a->mappath && svg_map_close(&s.map))
		s.bad_output = true;
	rc = s.trouble || s.bad_output ? EXIT_TROUBLE : s.fail && !a->gate.exit_zero ? EXIT_FINDINGS : EXIT_CLEAN;
	free(s.held);
	free(s.key_end);
	return rc;
}
