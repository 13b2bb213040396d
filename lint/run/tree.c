// SPDX-License-Identifier: MIT
#include "tree.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "livetree.h"
#include "srcpos.h"
#include "util.h"

struct walk {
	struct tree_input *in;
	size_t n, cap;
	struct { dev_t dev; ino_t ino; } *seen;
	size_t nseen, cseen;
};

static void add_input(struct walk *w, const char *path, char *error)
{
	struct tree_input *t;

	if (w->n >= TREE_MAX_INPUTS) {
		free(error);
		return;
	}
	t = ARRAY_PUSH(w->in, w->n, w->cap);
	t->path = xstrdup(path);
	t->error = error;
}

static bool is_board_name(const char *name)
{
	size_t l = strlen(name);

	return (l > 4 && !strcmp(name + l - 4, ".dts")) || (l > 4 && !strcmp(name + l - 4, ".dtb"));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk_dir(struct walk *w, const char *dir, int depth)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t nn = 0, cn = 0;

	if (depth > TREE_MAX_DEPTH) {
		add_input(w, dir, xasprintf("'%s': directories nested deeper than %d", dir, TREE_MAX_DEPTH));
		return;
	}
	if (stat(dir, &st)) {
		add_input(w, dir, xasprintf("cannot read '%s': %s", dir, strerror(errno)));
		return;
	}
	/* a directory reached twice (through a symbolic link) is read once; a loop is an error */
	for (size_t i = 0; i < w->nseen; i++) {
		if (w->seen[i].dev == st.st_dev && w->seen[i].ino == st.st_ino) {
			add_input(w, dir, xasprintf("'%s': symbolic link loop (directory already visited)", dir));
			return;
		}
	}
	w->seen = grow_array(w->seen, sizeof(*w->seen), w->nseen + 1, &w->cseen);
	w->seen[w->nseen].dev = st.st_dev;
	w->seen[w->nseen++].ino = st.st_ino;

	d = opendir(dir);
	if (!d) {
		add_input(w, dir, xasprintf("cannot read directory '%s': %s", dir, strerror(errno)));
		return;
	}
	while ((e = readdir(d)) && nn < TREE_MAX_INPUTS) {
		if (e->d_name[0] == '.')
			continue;
		*ARRAY_PUSH(names, nn, cn) = xstrdup(e->d_name);
	}
	closedir(d);
	if (nn)
		sort_array(names, nn, sizeof(*names), cmp_str);
	for (size_t i = 0; i < nn; i++) {
		char *p = xasprintf("%s/%s", dir, names[i]);

		if (stat(p, &st)) {
			struct stat lst;

			/* a dangling or looping link that looks like a board is an input error */
			if (is_board_name(names[i]) || (lstat(p, &lst) == 0 && S_ISLNK(lst.st_mode) && errno == ELOOP))
				add_input(w, p, xasprintf("cannot read '%s': %s", p, strerror(errno)));
		} else if (S_ISDIR(st.st_mode)) {
			if (livetree_detect(p))
				add_input(w, p, NULL);
			else
				walk_dir(w, p, depth + 1);
		} else if (is_board_name(names[i])) {
			add_input(w, p, NULL);
		}
		free(p);
		free(names[i]);
	}
	free(names);
}

static int cmp_input(const void *a, const void *b)
{
	return strcmp(((const struct tree_input *)a)->path, ((const struct tree_input *)b)->path);
}

void tree_collect(char *const *args, size_t nargs, struct tree_input **out, size_t *nout)
{
	struct walk w = { 0 };

	for (size_t i = 0; i < nargs; i++) {
		struct stat st;
		size_t first = w.n;
		char *dir;
		size_t l;

		if (stat(args[i], &st) || !S_ISDIR(st.st_mode) || livetree_detect(args[i])) {
			add_input(&w, args[i], NULL);
			continue;
		}
		/* "boards/" and "boards" name the same files */
		dir = xstrdup(args[i]);
		l = strlen(dir);
		while (l > 1 && dir[l - 1] == '/')
			dir[--l] = '\0';
		w.nseen = 0;
		walk_dir(&w, dir, 0);
		free(dir);
		if (w.n == first)
			add_input(&w, args[i], xasprintf("'%s': no *.dtb or *.dts below it", args[i]));
		sort_array(w.in + first, w.n - first, sizeof(*w.in), cmp_input);
	}
	free(w.seen);
	*out = w.in;
	*nout = w.n;
}

void tree_inputs_release(struct tree_input *in, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(in[i].path);
		free(in[i].error);
	}
	free(in);
}

struct work {
	struct board_result *res;
	const struct tree_input *in;
	size_t n, next;
	const struct run_opts *o;
	pthread_mutex_t lock;
};

static void lint_one(struct board_result *r, const struct tree_input *in, const struct run_opts *o)
{
	struct run_opts local;

	if (in->error) {
		memset(r, 0, sizeof(*r));
		r->input = xstrdup(in->path);
		r->error = xstrdup(in->error);
		return;
	}
	local = *o;
	local.config = in->config;
	lint_board(r, in->path, &local);
	if (!r->error)
		board_locate(&r->board, &r->report);
}

static void *worker(void *arg)
{
	struct work *w = arg;

	for (;;) {
		size_t i;

		pthread_mutex_lock(&w->lock);
		i = w->next++;
		pthread_mutex_unlock(&w->lock);
		if (i >= w->n)
			break;
		lint_one(&w->res[i], &w->in[i], w->o);
	}
	return NULL;
}

void tree_lint(struct board_result *res, const struct tree_input *in, size_t n,
	       const struct run_opts *o, unsigned jobs)
{
	struct work w = { .res = res, .in = in, .n = n, .o = o };
	pthread_t *threads;
	unsigned started = 0;

	if (jobs > n)
		jobs = (unsigned)n;
	if (jobs <= 1) {
		for (size_t i = 0; i < n; i++)
			lint_one(&res[i], &in[i], o);
		return;
	}
	pthread_mutex_init(&w.lock, NULL);
	threads = xcalloc(jobs, sizeof(*threads));
	for (unsigned i = 0; i < jobs; i++)
		if (pthread_create(&threads[started], NULL, worker, &w) == 0)
			started++;
	/* when no thread could start, this thread does the work */
	if (!started)
		worker(&w);
	for (unsigned i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	free(threads);
	pthread_mutex_destroy(&w.lock);
}

/*
 * The streaming pool: the workers lint into a ring of slots, the calling
 * thread takes them in order. A worker waits while the board it would
 * take next is a whole ring ahead of the one the caller waits for.
 */
struct stream {
	const struct tree_input *in;
	size_t n, next, taken, ring;
	struct board_result **slot;
	const struct run_opts *o;
	pthread_mutex_t lock;
	pthread_cond_t cond;
};

static void *stream_worker(void *arg)
{
	struct stream *s = arg;

	for (;;) {
		struct board_result *r;
		size_t i;

		pthread_mutex_lock(&s->lock);
		while (s->next < s->n && s->next >= s->taken + s->ring)
			pthread_cond_wait(&s->cond, &s->lock);
		i = s->next++;
		pthread_mutex_unlock(&s->lock);
		if (i >= s->n)
			break;
		r = xcalloc(1, sizeof(*r));
		lint_one(r, &s->in[i], s->o);
		pthread_mutex_lock(&s->lock);
		s->slot[i % s->ring] = r;
		pthread_cond_broadcast(&s->cond);
		pthread_mutex_unlock(&s->lock);
	}
	return NULL;
}

void tree_stream(const struct tree_input *in, size_t n, const struct run_opts *o, unsigned jobs,
		 tree_take_fn *take, void *arg)
{
	struct stream s = { .in = in, .n = n, .o = o };
	pthread_t *threads = NULL;
	unsigned started = 0;

	if (jobs > n)
		jobs = (unsigned)n;
	if (jobs > 1) {
		s.ring = (size_t)jobs * TREE_STREAM_AHEAD;
		s.slot = xcalloc(s.ring, sizeof(*s.slot));
		pthread_mutex_init(&s.lock, NULL);
		pthread_cond_init(&s.cond, NULL);
		threads = xcalloc(jobs, sizeof(*threads));
		for (unsigned i = 0; i < jobs; i++)
			if (pthread_create(&threads[started], NULL, stream_worker, &s) == 0)
				started++;
	}
	/* one job, or no thread could start: this thread does the work */
	if (!started) {
		for (size_t i = 0; i < n; i++) {
			struct board_result *r = xcalloc(1, sizeof(*r));

			lint_one(r, &in[i], o);
			take(arg, r, i);
		}
	} else {
		for (size_t i = 0; i < n; i++) {
			struct board_result *r;

			pthread_mutex_lock(&s.lock);
			while (!s.slot[i % s.ring])
				pthread_cond_wait(&s.cond, &s.lock);
			r = s.slot[i % s.ring];
			s.slot[i % s.ring] = NULL;
			s.taken = i + 1;
			pthread_cond_broadcast(&s.cond);
			pthread_mutex_unlock(&s.lock);
			take(arg, r, i);
		}
		for (unsigned i = 0; i < started; i++)
			pthread_join(threads[i], NULL);
	}
	if (s.slot) {
		pthread_mutex_destroy(&s.lock);
		pthread_cond_destroy(&s.cond);
	}
	free(threads);
	free(s.slot);
}
