// SPDX-License-Identifier: MIT
#include "emit.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

static const struct emitter *const emitters[] = {
	&emitter_text, &emitter_json, &emitter_sarif, &emitter_github,
	&emitter_gcc, &emitter_codeclimate, &emitter_svg, &emitter_html,
};

const struct emitter *emitter_find(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(emitters); i++)
		if (!strcmp(emitters[i]->name, name))
			return emitters[i];
	return NULL;
}

const char *emitter_names(void)
{
	static char buf[128];

	if (!buf[0]) {
		for (size_t i = 0; i < ARRAY_SIZE(emitters); i++) {
			if (i)
				strncat(buf, ", ", sizeof(buf) - strlen(buf) - 1);
			strncat(buf, emitters[i]->name, sizeof(buf) - strlen(buf) - 1);
		}
	}
	return buf;
}

struct emit_doc *emit_begin(const struct emitter *em, FILE *out, unsigned passes)
{
	struct emit_doc *d = xcalloc(1, sizeof(*d));

	d->em = em;
	d->out = out;
	d->passes = passes ? passes : PASSES_CHECK;
	if (em->begin && em->begin(d))
		d->rc = -1;
	return d;
}

void emit_board(struct emit_doc *d, const struct board_result *r, size_t index)
{
	d->index = index;
	if (!d->rc && d->em->board(d, r))
		d->rc = -1;
}

int emit_end(struct emit_doc *d)
{
	int rc = d->rc;

	/* end runs after a failure too: it releases the state */
	if (d->em->end(d) || ferror(d->out))
		rc = -1;
	free(d);
	return rc;
}

int emit_whole(const struct emitter *em, FILE *out, const struct emit_run *run)
{
	struct emit_doc *d = emit_begin(em, out, EMIT_PASSES(run));

	for (size_t i = 0; i < run->nboards; i++)
		emit_board(d, &run->boards[i], i);
	return emit_end(d);
}

int spool_open(struct spool *s)
{
	const char *dir = getenv("TMPDIR");
	char *path;
	int fd;

	memset(s, 0, sizeof(*s));
	path = xasprintf("%s/cmalint-spool.XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkstemp(path);
	if (fd >= 0) {
		unlink(path);
		s->f = fdopen(fd, "w+");
		if (!s->f)
			close(fd);
	}
	free(path);
	if (!s->f) {
		s->in_memory = true;
		s->f = open_memstream(&s->buf, &s->len);
	}
	return s->f ? 0 : -1;
}

int spool_copy(struct spool *s, FILE *out)
{
	char chunk[65536];
	size_t n;
	int rc = 0;

	if (!s->f)
		return -1;
	if (s->in_memory) {
		rc = fclose(s->f) ? -1 : 0;
		s->f = NULL;
		if (!rc && s->len && fwrite(s->buf, 1, s->len, out) != s->len)
			rc = -1;
	} else {
		if (fflush(s->f) || fseek(s->f, 0, SEEK_SET))
			rc = -1;
		while (!rc && (n = fread(chunk, 1, sizeof(chunk), s->f)) > 0)
			if (fwrite(chunk, 1, n, out) != n)
				rc = -1;
		if (ferror(s->f))
			rc = -1;
	}
	spool_close(s);
	return rc;
}

void spool_close(struct spool *s)
{
	if (s->f)
		fclose(s->f);
	free(s->buf);
	memset(s, 0, sizeof(*s));
}
