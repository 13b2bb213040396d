// SPDX-License-Identifier: MIT
/*
 * Source positions from dtc's annotated output. The text read here is
 * dtc's own `-O dts -T -T` output, one node or property a line, each line
 * ending with "/ * file:L:C-L:C, file:L:C-L:C * /" (dtc 1.6; older releases
 * write "file:L.C-L.C"); the user's DTS itself is never parsed.
 */
#include "srcpos.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dts.h"
#include "util.h"

#define SRCPOS_MAX_DEPTH 256
#define SRCPOS_MAX_SPANS 4096

/* Digits at *p: the number (bounded) and p advanced; -1 when none. */
static int read_num(const char **p, const char *end)
{
	long v = 0;
	const char *s = *p;

	if (s >= end || !isdigit((unsigned char)*s))
		return -1;
	while (s < end && isdigit((unsigned char)*s)) {
		if (v < 100000000)
			v = v * 10 + (*s - '0');
		s++;
	}
	*p = s;
	return (int)v;
}

/*
 * Match ":L:C-L:C" (or ".C", or a same-line "-C") at @p, followed by the end
 * or ", ". Fills @sp's numbers; returns the position after it or NULL.
 */
static const char *match_span(const char *p, const char *end, struct srcspan *sp)
{
	int l1, c1, l2, c2;

	if (p >= end || *p != ':')
		return NULL;
	p++;
	if ((l1 = read_num(&p, end)) < 0 || p >= end || (*p != ':' && *p != '.'))
		return NULL;
	p++;
	if ((c1 = read_num(&p, end)) < 0 || p >= end || *p != '-')
		return NULL;
	p++;
	if ((l2 = read_num(&p, end)) < 0)
		return NULL;
	if (p < end && (*p == ':' || *p == '.')) {
		p++;
		if ((c2 = read_num(&p, end)) < 0)
			return NULL;
	} else {
		c2 = l2;
		l2 = l1;
	}
	if (p != end && !(end - p >= 2 && p[0] == ',' && p[1] == ' '))
		return NULL;
	sp->line = l1;
	sp->column = c1;
	sp->last_line = l2;
	sp->last_column = c2;
	return p;
}

/* cpp writes '"' and '\' in file names escaped; dtc passes them on as written. */
static char *unescape(const char *s, size_t n)
{
	char *out = xmalloc(n + 1), *o = out;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n)
			i++;
		*o++ = s[i];
	}
	*o = '\0';
	return out;
}

static void parse_spans(const char *s, const char *end, struct srcspan **out, size_t *nout,
			const char *from, const char *to)
{
	size_t cap = 0;

	*out = NULL;
	*nout = 0;
	while (s < end && *nout < SRCPOS_MAX_SPANS) {
		struct srcspan sp = { 0 };
		const char *after = NULL, *colon;

		for (colon = s; colon < end; colon++) {
			if (*colon == ':' && colon > s && (after = match_span(colon, end, &sp)))
				break;
		}
		if (!after)
			break;
		sp.file = unescape(s, (size_t)(colon - s));
		if (from && to && !strcmp(sp.file, from)) {
			free(sp.file);
			sp.file = xstrdup(to);
		} else if (from && to && strcmp(from, to) && !strncmp(sp.file, "./", 2)) {
			/* the "./" given to cpp for a leading '-' also prefixes its includes */
			memmove(sp.file, sp.file + 2, strlen(sp.file + 2) + 1);
		}
		*ARRAY_PUSH(*out, *nout, cap) = sp;
		s = after < end ? after + 2 : end;
	}
}

/* Skip "label: " prefixes (labels are C identifiers; names have no ':'). */
static const char *skip_labels(const char *s, const char *end)
{
	for (;;) {
		const char *p = s;

		if (p >= end || !(isalpha((unsigned char)*p) || *p == '_'))
			return s;
		while (p < end && (isalnum((unsigned char)*p) || *p == '_'))
			p++;
		if (p >= end || *p != ':')
			return s;
		p++;
		while (p < end && *p == ' ')
			p++;
		s = p;
	}
}

static void add_entry(struct srcpos_table *t, const char *path, const char *prop, size_t proplen,
		      const char *ann, const char *annend, const char *from, const char *to)
{
	struct srcpos_entry *e;
	struct srcspan *spans;
	size_t n;

	parse_spans(ann, annend, &spans, &n, from, to);
	if (!n)
		return;
	e = ARRAY_PUSH(t->e, t->n, t->cap);
	e->path = xstrdup(path);
	e->prop = prop ? xstrndup(prop, proplen) : NULL;
	e->spans = spans;
	e->nspans = n;
}

static int nullcmp(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int cmp_entry(const void *x, const void *y)
{
	const struct srcpos_entry *a = x, *b = y;
	int c = strcmp(a->path, b->path);

	return c ? c : nullcmp(a->prop, b->prop);
}

void srcpos_parse(struct srcpos_table *t, const char *text, const char *from, const char *to)
{
	char *stack[SRCPOS_MAX_DEPTH];
	int depth = 0;

	memset(t, 0, sizeof(*t));
	for (const char *line = text; line && *line;) {
		const char *eol = strchr(line, '\n'), *end = eol ? eol : line + strlen(line);
		const char *s = line, *code_end = end, *ann = NULL, *annend = NULL;

		line = eol ? eol + 1 : NULL;
		while (s < end && isspace((unsigned char)*s))
			s++;
		while (code_end > s && isspace((unsigned char)code_end[-1]))
			code_end--;
		/* the annotation: the last comment, closing the line */
		if (code_end - s >= 4 && !memcmp(code_end - 2, "*/", 2)) {
			for (const char *c = code_end - 3; c >= s; c--) {
				if (c[0] == '/' && c[1] == '*') {
					ann = c + 2;
					annend = code_end - 2;
					code_end = c;
					break;
				}
			}
		}
		while (ann && ann < annend && *ann == ' ')
			ann++;
		while (ann && annend > ann && annend[-1] == ' ')
			annend--;
		while (code_end > s && isspace((unsigned char)code_end[-1]))
			code_end--;
		if (code_end == s)
			continue;
		if (code_end - s == 2 && !memcmp(s, "};", 2)) {
			if (depth > 0)
				free(stack[--depth]);
			continue;
		}
		if (code_end[-1] == '{') {
			const char *name = skip_labels(s, code_end), *ne = code_end - 1;
			char *path;

			while (ne > name && ne[-1] == ' ')
				ne--;
			if (depth == 0)
				path = xstrdup("/");
			else if (!strcmp(stack[depth - 1], "/"))
				path = xasprintf("/%.*s", (int)(ne - name), name);
			else
				path = xasprintf("%s/%.*s", stack[depth - 1], (int)(ne - name), name);
			if (depth >= SRCPOS_MAX_DEPTH) {
				free(path);
				break;
			}
			stack[depth++] = path;
			if (ann)
				add_entry(t, path, NULL, 0, ann, annend, from, to);
			continue;
		}
		if (code_end[-1] == ';' && *s != '/' && depth > 0 && ann) {
			const char *name = skip_labels(s, code_end), *ne = name;

			while (ne < code_end && *ne != ' ' && *ne != ';' && *ne != '=')
				ne++;
			if (ne > name)
				add_entry(t, stack[depth - 1], name, (size_t)(ne - name), ann, annend, from, to);
		}
	}
	while (depth > 0)
		free(stack[--depth]);
	if (t->n)
		sort_array(t->e, t->n, sizeof(*t->e), cmp_entry);
}

const struct srcpos_entry *srcpos_find(const struct srcpos_table *t, const char *path, const char *prop)
{
	struct srcpos_entry key = { .path = (char *)path, .prop = (char *)prop };

	if (!t->n)
		return NULL;
	return bsearch(&key, t->e, t->n, sizeof(*t->e), cmp_entry);
}

void srcpos_release(struct srcpos_table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		for (size_t j = 0; j < t->e[i].nspans; j++)
			free(t->e[i].spans[j].file);
		free(t->e[i].spans);
		free(t->e[i].path);
		free(t->e[i].prop);
	}
	free(t->e);
	memset(t, 0, sizeof(*t));
}

static void set_loc(struct srcloc *dst, const struct srcspan *sp)
{
	free(dst->file);
	dst->file = xstrdup(sp->file);
	dst->line = sp->line;
	dst->column = sp->column;
}

static void copy_loc(struct srcloc *dst, const struct srcloc *src)
{
	dst->file = src->file ? xstrdup(src->file) : NULL;
	dst->line = src->line;
	dst->column = src->column;
}

static void push_more(struct prop_info *pi, size_t *cap, const struct srcspan *sp)
{
	struct srcloc *l = ARRAY_PUSH(pi->more, pi->nmore, *cap);

	memset(l, 0, sizeof(*l));
	set_loc(l, sp);
}

static bool span_contains(const struct srcspan *outer, const struct srcspan *in)
{
	if (strcmp(outer->file, in->file))
		return false;
	if (in->line < outer->line || (in->line == outer->line && in->column < outer->column))
		return false;
	if (in->line > outer->last_line || (in->line == outer->last_line && in->column > outer->last_column))
		return false;
	return true;
}

/*
 * A property's location is where it was last set; its earlier definitions
 * are its own earlier spans when dtc lists them, else the earlier blocks of
 * its node (dtc keeps only the last position of an overridden property,
 * but every block that opened the node).
 */
static void fill_prop(struct prop_info *pi, const struct srcpos_entry *node, const struct srcpos_entry *pe)
{
	size_t cap = pi->nmore;
	const struct srcspan *last = &pe->spans[pe->nspans - 1];

	if (pe->nspans > 1) {
		for (size_t i = 0; i + 1 < pe->nspans; i++)
			push_more(pi, &cap, &pe->spans[i]);
	} else if (node) {
		size_t k = node->nspans;

		for (size_t i = 0; i < node->nspans && k == node->nspans; i++)
			if (span_contains(&node->spans[i], last))
				k = i;
		/* the blocks before the one that holds it (none when no block does) */
		for (size_t i = 0; k < node->nspans && i < k; i++)
			push_more(pi, &cap, &node->spans[i]);
	}
	if (pi->overlay && pi->loc.file) {
		/* set by an overlay: the base's definition is the earlier one */
		push_more(pi, &cap, last);
		return;
	}
	set_loc(&pi->loc, last);
}

void srcpos_fill_board(struct board *b, const struct srcpos_table *t)
{
	const struct srcpos_entry *e;

	for (size_t i = 0; i < b->nnodes; i++) {
		struct rmem_node *n = &b->nodes[i];
		const struct srcpos_entry *ne = srcpos_find(t, n->path, NULL);

		if (ne && !n->loc.file)
			set_loc(&n->loc, &ne->spans[ne->nspans - 1]);
		for (size_t j = 0; j < n->nprops; j++) {
			const struct srcpos_entry *pe = srcpos_find(t, n->path, n->props[j].name);

			if (pe)
				fill_prop(&n->props[j], ne, pe);
		}
	}
	for (size_t i = 0; i < b->nusers; i++) {
		struct region_user *u = &b->users[i];

		if (!u->loc.file && (e = srcpos_find(t, u->path, NULL)))
			set_loc(&u->loc, &e->spans[e->nspans - 1]);
		if (!u->region_loc.file && (e = srcpos_find(t, u->path, "memory-region")))
			set_loc(&u->region_loc, &e->spans[e->nspans - 1]);
		if (!u->names_loc.file && (e = srcpos_find(t, u->path, "memory-region-names")))
			set_loc(&u->names_loc, &e->spans[e->nspans - 1]);
	}
	if (b->rmem.present && !b->rmem.loc.file && (e = srcpos_find(t, b->rmem.path, NULL)))
		set_loc(&b->rmem.loc, &e->spans[e->nspans - 1]);
	if (b->has_dt_bootargs && !b->dt_bootargs_loc.file && (e = srcpos_find(t, "/chosen", "bootargs")))
		set_loc(&b->dt_bootargs_loc, &e->spans[e->nspans - 1]);
	for (size_t i = 0; i < b->nram; i++) {
		struct ram_bank *r = &b->ram[i];

		if (b->ram_from_cli || r->loc.file || !r->node)
			continue;
		e = srcpos_find(t, r->node, "linux,usable-memory");
		if (!e)
			e = srcpos_find(t, r->node, "reg");
		if (!e)
			e = srcpos_find(t, r->node, NULL);
		if (e)
			set_loc(&r->loc, &e->spans[e->nspans - 1]);
	}
}

/*
 * Where the model says node @node (property @prop) of a finding comes from:
 * the location, and the earlier definitions when it is a property.
 */
static bool model_site(const struct board *b, const char *node, const char *prop,
		       const struct srcloc **loc, const struct prop_info **pi)
{
	*loc = NULL;
	*pi = NULL;
	if (!node || node[0] != '/')
		return false;
	for (size_t i = 0; i < b->nnodes; i++) {
		const struct rmem_node *n = &b->nodes[i];

		if (strcmp(n->path, node))
			continue;
		*pi = prop ? rmem_node_prop(n, prop) : NULL;
		*loc = *pi && (*pi)->loc.file ? &(*pi)->loc : &n->loc;
		if (*pi && !(*pi)->loc.file)
			*pi = NULL;
		return true;
	}
	if (b->rmem.present && !strcmp(node, b->rmem.path)) {
		*loc = &b->rmem.loc;
		return true;
	}
	if (b->has_dt_bootargs && !strcmp(node, "/chosen") && prop && !strcmp(prop, "bootargs")) {
		*loc = &b->dt_bootargs_loc;
		return true;
	}
	for (size_t i = 0; i < b->nram; i++) {
		if (b->ram[i].node && !strcmp(b->ram[i].node, node)) {
			*loc = &b->ram[i].loc;
			return true;
		}
	}
	/* a device that lists regions: at the property the finding names, else the node */
	for (size_t i = 0; i < b->nusers; i++) {
		const struct region_user *u = &b->users[i];

		if (strcmp(u->path, node))
			continue;
		*loc = &u->loc;
		if (prop && !strcmp(prop, "memory-region") && u->region_loc.file)
			*loc = &u->region_loc;
		else if (prop && !strcmp(prop, "memory-region-names") && u->names_loc.file)
			*loc = &u->names_loc;
		return true;
	}
	return false;
}

static bool needs_locations(const struct board *b, const struct report *r)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct srcloc *loc;
		const struct prop_info *pi;

		if (model_site(b, r->f[i].node, r->f[i].property, &loc, &pi))
			return true;
	}
	return false;
}

/*
 * A finding between two nodes' same property: place it at the one whose
 * property was set last (the override that created the problem, when only
 * one was overridden), with the other's definition as the first related
 * location and the placed one's earlier definitions after it. returns:
 * true when done, false to locate @f as any other finding.
 */
static bool locate_pair(const struct board *b, struct finding *f, const struct srcloc **loc,
			const struct prop_info **pi)
{
	const struct srcloc *oloc;
	const struct prop_info *opi;
	size_t n = 0;

	if (f->loc.file || !model_site(b, f->pair_node, f->property, &oloc, &opi) || !*loc || !(*loc)->file ||
	    !oloc || !oloc->file)
		return false;
	if (opi && opi->nmore && !(*pi && (*pi)->nmore)) {
		const struct srcloc *tl = *loc;
		const struct prop_info *tp = *pi;
		char *tn = f->node;

		f->node = f->pair_node;
		f->pair_node = tn;
		f->at_pair = true;
		*loc = oloc;
		*pi = opi;
		oloc = tl;
		opi = tp;
	}
	copy_loc(&f->loc, *loc);
	f->related = xcalloc(1 + (*pi ? (*pi)->nmore : 0), sizeof(*f->related));
	copy_loc(&f->related[n++], oloc);
	for (size_t j = 0; *pi && j < (*pi)->nmore; j++)
		copy_loc(&f->related[n++], &(*pi)->more[j]);
	f->nrelated = n;
	return true;
}

void board_locate(struct board *b, struct report *r)
{
	if (b->src && needs_locations(b, r)) {
		char err[1024];
		char *text = dts_annotate(b->src, err, sizeof(err));

		/* dtc compiled the same text a moment ago; without it there are just no positions */
		if (text) {
			struct srcpos_table t;

			srcpos_parse(&t, text, b->src->safe, b->src->input);
			srcpos_fill_board(b, &t);
			srcpos_release(&t);
			free(text);
		}
	}
	if (b->src) {
		dts_unit_release(b->src);
		free(b->src);
		b->src = NULL;
	}
	for (size_t i = 0; i < r->n; i++) {
		struct finding *f = &r->f[i];
		const struct srcloc *loc;
		const struct prop_info *pi;

		if (!model_site(b, f->node, f->property, &loc, &pi))
			continue;
		if (f->pair_node && locate_pair(b, f, &loc, &pi))
			continue;
		if (!f->loc.file && loc && loc->file)
			copy_loc(&f->loc, loc);
		if (pi && !f->nrelated && pi->nmore && f->loc.file && !strcmp(f->loc.file, pi->loc.file) &&
		    f->loc.line == pi->loc.line) {
			f->related = xcalloc(pi->nmore, sizeof(*f->related));
			for (size_t j = 0; j < pi->nmore; j++)
				copy_loc(&f->related[j], &pi->more[j]);
			f->nrelated = pi->nmore;
		}
	}
	/* the order follows the locations just found */
	report_sort(r);
}
