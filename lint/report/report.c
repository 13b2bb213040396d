// SPDX-License-Identifier: MIT
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "registry.h"

const char *severity_name(enum severity s)
{
	static const char *const n[] = { "info", "warning", "error", "off" };

	return n[s];
}

int severity_parse(const char *s, enum severity *out)
{
	static const char *const n[] = { "info", "warning", "error", "off" };

	for (unsigned i = 0; i < ARRAY_SIZE(n); i++) {
		if (!strcmp(s, n[i])) {
			*out = (enum severity)i;
			return 0;
		}
	}
	return -1;
}

void policy_set(struct severity_policy *p, const char *id, enum severity s)
{
	struct severity_override *o;

	for (size_t i = 0; i < p->n; i++) {
		if (!strcmp(p->o[i].id, id)) {
			p->o[i].sev = s;
			return;
		}
	}
	o = ARRAY_PUSH(p->o, p->n, p->cap);
	o->id = id;
	o->sev = s;
}

bool policy_get(const struct severity_policy *p, const char *id, enum severity *out)
{
	for (size_t i = 0; p && i < p->n; i++) {
		if (!strcmp(p->o[i].id, id)) {
			*out = p->o[i].sev;
			return true;
		}
	}
	return false;
}

void policy_release(struct severity_policy *p)
{
	free(p->o);
	memset(p, 0, sizeof(*p));
}

static void copy_loc(struct srcloc *dst, const struct srcloc *src)
{
	memset(dst, 0, sizeof(*dst));
	if (src && src->file) {
		dst->file = xstrdup(src->file);
		dst->line = src->line;
		dst->column = src->column;
	}
}

void report_add(struct report *r, const struct rule *rule, enum severity sev, const struct finding_at *at,
		const char *fmt, ...)
{
	static const struct finding_at nowhere;
	struct finding *f;
	enum severity s = sev == SEV_OFF ? rule->severity : sev;
	const struct assumption *as;
	va_list ap;

	if (!at)
		at = &nowhere;
	as = at->assumed && at->assumed->why[0] ? at->assumed : NULL;
	if (as && s > as->cap)
		s = as->cap;
	policy_get(r->policy, rule->id, &s);
	if (s == SEV_OFF)
		return;
	f = ARRAY_PUSH(r->f, r->n, r->cap);
	memset(f, 0, sizeof(*f));
	f->rule = rule->id;
	f->severity = s;
	va_start(ap, fmt);
	f->message = xvasprintf(fmt, ap);
	va_end(ap);
	if (as) {
		char *m = xasprintf("%s (%s)", f->message, as->why);

		free(f->message);
		f->message = m;
	}
	f->node = at->node ? xstrdup(at->node) : NULL;
	f->property = at->property ? xstrdup(at->property) : NULL;
	copy_loc(&f->loc, at->loc);
	f->kernel_message = at->kernel_message ? xstrdup(at->kernel_message) : NULL;
	f->pair_node = at->pair_node ? xstrdup(at->pair_node) : NULL;
}

static int nullcmp(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static bool has_line(const struct finding *f)
{
	return f->loc.file && f->loc.line > 0;
}

/*
 * Findings with a source line first, by file, line and column; then those
 * without one. Ties (and the findings without a line) by severity, node,
 * rule, property and message, so the order never depends on the rules'.
 */
static int cmp_finding(const void *x, const void *y)
{
	const struct finding *a = x, *b = y;
	int c;

	if (has_line(a) != has_line(b))
		return has_line(a) ? -1 : 1;
	if (has_line(a)) {
		if ((c = strcmp(a->loc.file, b->loc.file)))
			return c;
		if (a->loc.line != b->loc.line)
			return a->loc.line < b->loc.line ? -1 : 1;
		if (a->loc.column != b->loc.column)
			return a->loc.column < b->loc.column ? -1 : 1;
	}
	if (a->severity != b->severity)
		return a->severity > b->severity ? -1 : 1;
	if ((c = nullcmp(a->node, b->node)))
		return c;
	if ((c = strcmp(a->rule, b->rule)))
		return c;
	if ((c = nullcmp(a->property, b->property)))
		return c;
	return strcmp(a->message, b->message);
}

void report_sort(struct report *r)
{
	if (r->n)
		sort_array(r->f, r->n, sizeof(*r->f), cmp_finding);
}

static void finding_release(struct finding *f)
{
	free(f->message);
	free(f->node);
	free(f->property);
	free(f->loc.file);
	for (size_t j = 0; j < f->nrelated; j++)
		free(f->related[j].file);
	free(f->related);
	free(f->kernel_message);
	free(f->pair_node);
}

size_t report_filter(struct report *r, bool (*drop)(const struct finding *f, void *arg), void *arg)
{
	size_t kept = 0, dropped = 0;

	for (size_t i = 0; i < r->n; i++) {
		if (drop(&r->f[i], arg)) {
			finding_release(&r->f[i]);
			dropped++;
		} else {
			r->f[kept++] = r->f[i];
		}
	}
	r->n = kept;
	return dropped;
}

void report_release(struct report *r)
{
	for (size_t i = 0; i < r->n; i++)
		finding_release(&r->f[i]);
	free(r->f);
	r->f = NULL;
	r->n = r->cap = 0;
}

void report_count(const struct report *r, size_t *errors, size_t *warnings, size_t *infos)
{
	*errors = *warnings = *infos = 0;
	for (size_t i = 0; i < r->n; i++) {
		switch (r->f[i].severity) {
		case SEV_ERROR: (*errors)++; break;
		case SEV_WARNING: (*warnings)++; break;
		case SEV_INFO: (*infos)++; break;
		case SEV_OFF: break;
		}
	}
}
