// SPDX-License-Identifier: MIT
/*
 * `cmalint diff`: compare the predictions of two runs (docs/diff.md) and
 * print the regions, totals and findings that changed as text, JSON,
 * Markdown or an HTML page with the two memory maps side by side.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include "diff.h"
#include "fingerprint.h"
#include "json_util.h"
#include "out_svg.h"
#include "util.h"
#include "version.h"

enum { CH_ADDED = 1, CH_REMOVED = 2, CH_RESIZED = 4, CH_MOVED = 8, CH_STATUS = 16 };

struct rchange {
	char *name;
	const struct kregion *a, *b;	/* old, new; one may be NULL */
	unsigned what;
};

struct fref {
	const struct board_result *r;
	size_t i;
	char fp[FINGERPRINT_LEN];
};

/* A signed change of a 64-bit quantity, kept as sign and magnitude so it never overflows. */
struct delta {
	bool neg;
	uint64_t mag;
};

struct bdiff {
	const char *key;		/* the board's name in the comparison */
	const char *fpkey;		/* the board part of its fingerprints: the same on both sides */
	const struct board_result *a, *b;	/* old, new; one may be NULL (board added or removed) */
	struct rchange *rc;
	size_t nrc, crc;
	struct fref *added, *fixed;
	size_t nadded, cadded, nfixed, cfixed;
	bool headroom_known;
};

struct diff {
	const struct diff_side *old, *new;
	struct bdiff *b;
	size_t nb, cb;
	size_t boards;			/* compared, errors aside */
	size_t changed;			/* boards with any change */
	size_t nregions;
	size_t nnew[3], nfixed[3];	/* by severity */
	struct delta cma, headroom;
	bool headroom_known;
	enum severity fail_on;
};

static const char *change_names[] = { "added", "removed", "resized", "moved", "status" };

static struct delta delta_u64(uint64_t a, uint64_t b)
{
	struct delta d = { b < a, b < a ? a - b : b - a };

	return d;
}

static struct delta delta_i64(int64_t a, int64_t b)
{
	struct delta d = { b < a, b < a ? (uint64_t)a - (uint64_t)b : (uint64_t)b - (uint64_t)a };

	return d;
}

static void delta_add(struct delta *acc, struct delta d)
{
	if (acc->neg == d.neg) {
		acc->mag = acc->mag + d.mag < acc->mag ? UINT64_MAX : acc->mag + d.mag;
	} else if (acc->mag >= d.mag) {
		acc->mag -= d.mag;
	} else {
		acc->mag = d.mag - acc->mag;
		acc->neg = d.neg;
	}
	if (!acc->mag)
		acc->neg = false;
}

/* "+64 MiB", "-64 MiB", "0 B" */
static const char *fmt_delta(struct delta d, char buf[SIZE_STR_MAX + 1])
{
	char sz[SIZE_STR_MAX];

	fmt_size(d.mag, sz);
	snprintf(buf, SIZE_STR_MAX + 1, "%s%s", d.mag ? (d.neg ? "-" : "+") : "", sz);
	return buf;
}

static const char *fmt_ssize(int64_t v, char buf[SIZE_STR_MAX + 1])
{
	char sz[SIZE_STR_MAX];

	fmt_size(v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v, sz);
	snprintf(buf, SIZE_STR_MAX + 1, "%s%s", v < 0 ? "-" : "", sz);
	return buf;
}

static void json_add_delta(cJSON *o, const char *name, struct delta d)
{
	if (d.neg)
		json_add_i64(o, name, d.mag > (uint64_t)INT64_MAX ? INT64_MIN : -(int64_t)d.mag);
	else
		json_add_i64(o, name, d.mag > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)d.mag);
}

/* The name that matches a region across the two sides. */
static char *region_key(const struct kregion *k)
{
	if (k->origin == RO_MEMRESERVE)
		return xasprintf("%s#%u", k->name, k->memreserve_index);
	return xstrdup(k->name);
}

static const struct kregion *region_find(const struct kmodel *k, const char *key)
{
	for (size_t i = 0; i < k->nregions; i++) {
		char *n = region_key(&k->regions[i]);
		bool same = !strcmp(n, key);

		free(n);
		if (same)
			return &k->regions[i];
	}
	return NULL;
}

static void compare_regions(struct bdiff *bd)
{
	const struct kmodel *ka = bd->a ? &bd->a->kmodel : NULL, *kb = bd->b ? &bd->b->kmodel : NULL;

	for (size_t i = 0; ka && i < ka->nregions; i++) {
		const struct kregion *a = &ka->regions[i];
		char *key = region_key(a);
		const struct kregion *b = kb ? region_find(kb, key) : NULL;
		unsigned what = 0;

		if (!b)
			what = CH_REMOVED;
		else {
			if (a->size != b->size)
				what |= CH_RESIZED;
			if (a->has_base != b->has_base || (a->has_base && a->base != b->base))
				what |= CH_MOVED;
			if (a->status != b->status)
				what |= CH_STATUS;
			/* a region the kernel does not reserve on one side has no size or place to compare */
			if ((what & CH_STATUS) && (a->status != RS_RESERVED || b->status != RS_RESERVED))
				what = CH_STATUS;
		}
		if (what) {
			struct rchange *c = ARRAY_PUSH(bd->rc, bd->nrc, bd->crc);

			c->name = key;
			c->a = a;
			c->b = b;
			c->what = what;
		} else {
			free(key);
		}
	}
	for (size_t i = 0; kb && i < kb->nregions; i++) {
		char *key = region_key(&kb->regions[i]);

		if (!ka || !region_find(ka, key)) {
			struct rchange *c = ARRAY_PUSH(bd->rc, bd->nrc, bd->crc);

			c->name = key;
			c->a = NULL;
			c->b = &kb->regions[i];
			c->what = CH_ADDED;
		} else {
			free(key);
		}
	}
}

/* Fingerprints with the board named by the comparison's key, so both sides agree. */
static struct fref *fingerprints(const struct board_result *r, const char *key)
{
	struct board_result *w = (struct board_result *)r;
	char *saved = w->input;
	struct fref *f = xcalloc(r->report.n ? r->report.n : 1, sizeof(*f));

	w->input = (char *)key;
	for (size_t i = 0; i < r->report.n; i++) {
		f[i].r = r;
		f[i].i = i;
		finding_fingerprint(r, i, f[i].fp);
	}
	w->input = saved;
	return f;
}

static int fref_cmp(const void *x, const void *y)
{
	return strcmp(((const struct fref *)x)->fp, ((const struct fref *)y)->fp);
}

static bool fp_in(const struct fref *set, size_t n, const char *fp)
{
	struct fref k;

	memcpy(k.fp, fp, FINGERPRINT_LEN);
	return n && bsearch(&k, set, n, sizeof(*set), fref_cmp);
}

static void compare_findings(struct diff *d, struct bdiff *bd)
{
	size_t na = bd->a ? bd->a->report.n : 0, nb = bd->b ? bd->b->report.n : 0;
	struct fref *fa = bd->a ? fingerprints(bd->a, bd->fpkey) : NULL;
	struct fref *fb = bd->b ? fingerprints(bd->b, bd->fpkey) : NULL;
	struct fref *sa = NULL, *sb = NULL;

	if (fa) {
		sa = xcalloc(na ? na : 1, sizeof(*sa));
		memcpy(sa, fa, na * sizeof(*sa));
		sort_array(sa, na, sizeof(*sa), fref_cmp);
	}
	if (fb) {
		sb = xcalloc(nb ? nb : 1, sizeof(*sb));
		memcpy(sb, fb, nb * sizeof(*sb));
		sort_array(sb, nb, sizeof(*sb), fref_cmp);
	}
	/* in report order */
	for (size_t i = 0; i < nb; i++) {
		if (!fp_in(sa, na, fb[i].fp)) {
			*ARRAY_PUSH(bd->added, bd->nadded, bd->cadded) = fb[i];
			d->nnew[bd->b->report.f[i].severity]++;
		}
	}
	for (size_t i = 0; i < na; i++) {
		if (!fp_in(sb, nb, fa[i].fp)) {
			*ARRAY_PUSH(bd->fixed, bd->nfixed, bd->cfixed) = fa[i];
			d->nfixed[bd->a->report.f[i].severity]++;
		}
	}
	free(fa);
	free(fb);
	free(sa);
	free(sb);
}

static const char *side_key(const struct diff_side *s, const struct board_result *r)
{
	const char *p = r->input;
	size_t n;

	if (!s->root)
		return NULL;
	n = strlen(s->root);
	if (!strncmp(p, s->root, n)) {
		p += n;
		while (*p == '/')
			p++;
	}
	return p;
}

struct keyed {
	const char *key;
	const struct board_result *r;
};

static int keyed_cmp(const void *x, const void *y)
{
	return strcmp(((const struct keyed *)x)->key, ((const struct keyed *)y)->key);
}

static void add_board(struct diff *d, const char *key, const char *fpkey, const struct board_result *a,
		      const struct board_result *b)
{
	struct bdiff *bd = ARRAY_PUSH(d->b, d->nb, d->cb);

	memset(bd, 0, sizeof(*bd));
	bd->key = key;
	bd->fpkey = fpkey;
	bd->a = a;
	bd->b = b;
	compare_regions(bd);
	compare_findings(d, bd);
	d->boards++;
	d->nregions += bd->nrc;
	delta_add(&d->cma, delta_u64(a ? a->kmodel.cma_bytes : 0, b ? b->kmodel.cma_bytes : 0));
	if (a && b && a->headroom.known && b->headroom.known) {
		bd->headroom_known = true;
		d->headroom_known = true;
		delta_add(&d->headroom, delta_i64(a->headroom.headroom, b->headroom.headroom));
	}
	if (bd->nrc || bd->nadded || bd->nfixed || !a || !b ||
	    a->kmodel.cma_bytes != b->kmodel.cma_bytes ||
	    (bd->headroom_known && a->headroom.headroom != b->headroom.headroom))
		d->changed++;
}

static struct keyed *keyed_list(const struct diff_side *s, size_t *n)
{
	struct keyed *k = xcalloc(s->run->nboards ? s->run->nboards : 1, sizeof(*k));

	*n = 0;
	for (size_t i = 0; i < s->run->nboards; i++) {
		if (s->run->boards[i].error)
			continue;
		k[*n].r = &s->run->boards[i];
		k[*n].key = side_key(s, k[*n].r);
		(*n)++;
	}
	sort_array(k, *n, sizeof(*k), keyed_cmp);
	return k;
}

static void diff_build(struct diff *d)
{
	if (!d->old->root || !d->new->root) {
		/* two boards: whatever their names */
		const struct board_result *a = NULL, *b = NULL;

		for (size_t i = 0; i < d->old->run->nboards; i++)
			if (!d->old->run->boards[i].error)
				a = &d->old->run->boards[i];
		for (size_t i = 0; i < d->new->run->nboards; i++)
			if (!d->new->run->boards[i].error)
				b = &d->new->run->boards[i];
		if (a || b)
			add_board(d, d->new->label, "", a, b);
		return;
	}
	{
		size_t na, nb, i = 0, j = 0;
		struct keyed *ka = keyed_list(d->old, &na), *kb = keyed_list(d->new, &nb);

		while (i < na || j < nb) {
			int c = i >= na ? 1 : j >= nb ? -1 : strcmp(ka[i].key, kb[j].key);

			if (c < 0) {
				add_board(d, ka[i].key, ka[i].key, ka[i].r, NULL);
				i++;
			} else if (c > 0) {
				add_board(d, kb[j].key, kb[j].key, NULL, kb[j].r);
				j++;
			} else {
				add_board(d, kb[j].key, kb[j].key, ka[i].r, kb[j].r);
				i++;
				j++;
			}
		}
		free(ka);
		free(kb);
	}
}

static void diff_release(struct diff *d)
{
	for (size_t i = 0; i < d->nb; i++) {
		for (size_t j = 0; j < d->b[i].nrc; j++)
			free(d->b[i].rc[j].name);
		free(d->b[i].rc);
		free(d->b[i].added);
		free(d->b[i].fixed);
	}
	free(d->b);
}

static bool board_changed(const struct bdiff *bd)
{
	return bd->nrc || bd->nadded || bd->nfixed || !bd->a || !bd->b ||
	       bd->a->kmodel.cma_bytes != bd->b->kmodel.cma_bytes ||
	       (bd->headroom_known && bd->a->headroom.headroom != bd->b->headroom.headroom);
}

/* "CMA 64 MiB at 0x60000000, reserved" */
static void region_desc(struct strbuf *sb, const struct kregion *k)
{
	char sz[SIZE_STR_MAX], hx[SIZE_STR_MAX];

	sb_addf(sb, "%s %s", region_kind_name(k->kind), fmt_size(k->size, sz));
	if (k->has_base)
		sb_addf(sb, " at %s", fmt_hex(k->base, hx));
	sb_addf(sb, ", %s", region_status_name(k->status));
}

/* What changed, in words: "resized 256 MiB -> 320 MiB; moved 0x... -> 0x..." */
static void change_desc(struct strbuf *sb, const struct rchange *c, const char *arrow)
{
	char s1[SIZE_STR_MAX], s2[SIZE_STR_MAX];
	const char *sep = "";

	if (c->what & CH_ADDED) {
		sb_add(sb, "added: ");
		region_desc(sb, c->b);
		return;
	}
	if (c->what & CH_REMOVED) {
		sb_add(sb, "removed: ");
		region_desc(sb, c->a);
		return;
	}
	if (c->what & CH_RESIZED) {
		sb_addf(sb, "resized %s %s ", fmt_size(c->a->size, s1), arrow);
		sb_add(sb, fmt_size(c->b->size, s2));
		sep = "; ";
	}
	if (c->what & CH_MOVED) {
		sb_addf(sb, "%smoved %s %s %s", sep, c->a->has_base ? fmt_hex(c->a->base, s1) : "(no place)", arrow,
			c->b->has_base ? fmt_hex(c->b->base, s2) : "(no place)");
		sep = "; ";
	}
	if (c->what & CH_STATUS)
		sb_addf(sb, "%sstatus %s %s %s", sep, region_status_name(c->a->status), arrow,
			region_status_name(c->b->status));
}

static const struct finding *fref_finding(const struct fref *f)
{
	return &f->r->report.f[f->i];
}

static void summary_line(struct strbuf *sb, const struct diff *d)
{
	char s1[SIZE_STR_MAX + 1], s2[SIZE_STR_MAX + 1];
	size_t nn = d->nnew[0] + d->nnew[1] + d->nnew[2], nf = d->nfixed[0] + d->nfixed[1] + d->nfixed[2];

	sb_addf(sb, "%zu of %zu board%s changed, %zu region%s changed, CMA %s, headroom %s, "
		"%zu new finding%s (%zu error%s), %zu fixed",
		d->changed, d->boards, d->boards == 1 ? "" : "s", d->nregions, d->nregions == 1 ? "" : "s",
		fmt_delta(d->cma, s1), d->headroom_known ? fmt_delta(d->headroom, s2) : "unknown",
		nn, nn == 1 ? "" : "s", d->nnew[SEV_ERROR], d->nnew[SEV_ERROR] == 1 ? "" : "s", nf);
}

/* --- text */

static void text_findings(struct strbuf *sb, const char *what, const struct fref *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct finding *x = fref_finding(&f[i]);

		sb_addf(sb, "  %s %s: %s [%s]\n", what, severity_name(x->severity), x->message, x->rule);
	}
}

static void emit_diff_text(struct strbuf *sb, const struct diff *d)
{
	char s1[SIZE_STR_MAX + 1], s2[SIZE_STR_MAX + 1], s3[SIZE_STR_MAX + 1];

	sb_addf(sb, "cmalint diff %s -> %s\n", d->old->label, d->new->label);
	for (size_t i = 0; i < d->nb; i++) {
		const struct bdiff *bd = &d->b[i];

		if (!board_changed(bd))
			continue;
		sb_addf(sb, "\n%s:%s\n", bd->key, !bd->a ? " board added" : !bd->b ? " board removed" : "");
		for (size_t j = 0; j < bd->nrc; j++) {
			const struct rchange *c = &bd->rc[j];

			sb_addf(sb, "  %c '%s' ", c->what & CH_ADDED ? '+' : c->what & CH_REMOVED ? '-' : '~', c->name);
			change_desc(sb, c, "->");
			sb_add(sb, "\n");
		}
		if (bd->a && bd->b) {
			sb_addf(sb, "  CMA total: %s -> ", fmt_size(bd->a->kmodel.cma_bytes, s1));
			sb_addf(sb, "%s (%s)\n", fmt_size(bd->b->kmodel.cma_bytes, s2),
				fmt_delta(delta_u64(bd->a->kmodel.cma_bytes, bd->b->kmodel.cma_bytes), s3));
			if (bd->headroom_known) {
				sb_addf(sb, "  headroom: %s -> ", fmt_ssize(bd->a->headroom.headroom, s1));
				sb_addf(sb, "%s (%s)\n", fmt_ssize(bd->b->headroom.headroom, s2),
					fmt_delta(delta_i64(bd->a->headroom.headroom, bd->b->headroom.headroom), s3));
			}
		}
		text_findings(sb, "new", bd->added, bd->nadded);
		text_findings(sb, "fixed", bd->fixed, bd->nfixed);
	}
	sb_add(sb, "\n");
	summary_line(sb, d);
	sb_add(sb, "\n");
}

/* --- JSON */

static cJSON *region_json(const struct kregion *k)
{
	cJSON *o;

	if (!k)
		return cJSON_CreateNull();
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "kind", region_kind_name(k->kind));
	cJSON_AddStringToObject(o, "status", region_status_name(k->status));
	if (k->has_base)
		json_add_u64(o, "base", k->base);
	else
		cJSON_AddNullToObject(o, "base");
	json_add_u64(o, "size", k->size);
	return o;
}

static cJSON *findings_json(const struct fref *f, size_t n)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < n; i++) {
		const struct finding *x = fref_finding(&f[i]);
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "rule", x->rule);
		cJSON_AddStringToObject(o, "severity", severity_name(x->severity));
		cJSON_AddStringToObject(o, "message", x->message);
		json_add_str(o, "node", x->node);
		json_add_str(o, "property", x->property);
		cJSON_AddStringToObject(o, "fingerprint", f[i].fp);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static cJSON *total_json(uint64_t a, uint64_t b)
{
	cJSON *o = cJSON_CreateObject();

	json_add_u64(o, "old", a);
	json_add_u64(o, "new", b);
	json_add_delta(o, "delta", delta_u64(a, b));
	return o;
}

static cJSON *diff_json(const struct diff *d)
{
	cJSON *doc = cJSON_CreateObject(), *tool = cJSON_CreateObject(), *boards = cJSON_CreateArray();
	cJSON *sum = cJSON_CreateObject();

	json_add_u64(doc, "schema_version", 1);
	cJSON_AddStringToObject(tool, "name", "cmalint");
	cJSON_AddStringToObject(tool, "version", CMALINT_VERSION);
	cJSON_AddItemToObject(doc, "tool", tool);
	cJSON_AddStringToObject(doc, "kind", "diff");
	cJSON_AddStringToObject(doc, "old", d->old->label);
	cJSON_AddStringToObject(doc, "new", d->new->label);
	for (size_t i = 0; i < d->nb; i++) {
		const struct bdiff *bd = &d->b[i];
		cJSON *o, *regions;

		if (!board_changed(bd))
			continue;
		o = cJSON_CreateObject();
		regions = cJSON_CreateArray();
		cJSON_AddStringToObject(o, "board", bd->key);
		cJSON_AddStringToObject(o, "change", !bd->a ? "added" : !bd->b ? "removed" : "changed");
		json_add_str(o, "old_input", bd->a ? bd->a->input : NULL);
		json_add_str(o, "new_input", bd->b ? bd->b->input : NULL);
		for (size_t j = 0; j < bd->nrc; j++) {
			const struct rchange *c = &bd->rc[j];
			cJSON *r = cJSON_CreateObject(), *what = cJSON_CreateArray();

			cJSON_AddStringToObject(r, "name", c->name);
			for (size_t k = 0; k < sizeof(change_names) / sizeof(change_names[0]); k++)
				if (c->what & (1u << k))
					cJSON_AddItemToArray(what, cJSON_CreateString(change_names[k]));
			cJSON_AddItemToObject(r, "changes", what);
			cJSON_AddItemToObject(r, "old", region_json(c->a));
			cJSON_AddItemToObject(r, "new", region_json(c->b));
			cJSON_AddItemToArray(regions, r);
		}
		cJSON_AddItemToObject(o, "regions", regions);
		cJSON_AddItemToObject(o, "cma", total_json(bd->a ? bd->a->kmodel.cma_bytes : 0,
							   bd->b ? bd->b->kmodel.cma_bytes : 0));
		if (bd->headroom_known) {
			cJSON *h = cJSON_CreateObject();

			json_add_i64(h, "old", bd->a->headroom.headroom);
			json_add_i64(h, "new", bd->b->headroom.headroom);
			json_add_delta(h, "delta", delta_i64(bd->a->headroom.headroom, bd->b->headroom.headroom));
			cJSON_AddItemToObject(o, "headroom", h);
		} else {
			cJSON_AddNullToObject(o, "headroom");
		}
		cJSON_AddItemToObject(o, "new_findings", findings_json(bd->added, bd->nadded));
		cJSON_AddItemToObject(o, "fixed_findings", findings_json(bd->fixed, bd->nfixed));
		cJSON_AddItemToArray(boards, o);
	}
	cJSON_AddItemToObject(doc, "boards", boards);
	json_add_u64(sum, "boards", d->boards);
	json_add_u64(sum, "boards_changed", d->changed);
	json_add_u64(sum, "regions_changed", d->nregions);
	json_add_delta(sum, "cma_delta", d->cma);
	if (d->headroom_known)
		json_add_delta(sum, "headroom_delta", d->headroom);
	else
		cJSON_AddNullToObject(sum, "headroom_delta");
	json_add_u64(sum, "new_errors", d->nnew[SEV_ERROR]);
	json_add_u64(sum, "new_warnings", d->nnew[SEV_WARNING]);
	json_add_u64(sum, "new_infos", d->nnew[SEV_INFO]);
	json_add_u64(sum, "fixed_errors", d->nfixed[SEV_ERROR]);
	json_add_u64(sum, "fixed_warnings", d->nfixed[SEV_WARNING]);
	json_add_u64(sum, "fixed_infos", d->nfixed[SEV_INFO]);
	cJSON_AddStringToObject(sum, "fail_on", d->fail_on == SEV_OFF ? "never" : severity_name(d->fail_on));
	cJSON_AddItemToObject(doc, "summary", sum);
	return doc;
}

/* --- Markdown */

static void md_text(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		if (strchr("\\`*_[]<>|#", *s))
			sb_addf(sb, "\\%c", *s);
		else if (*s == '\n')
			sb_add(sb, " ");
		else
			sb_addn(sb, s, 1);
	}
}

static void md_findings(struct strbuf *sb, const char *title, const struct diff *d, bool added)
{
	bool any = false;

	for (size_t i = 0; i < d->nb; i++) {
		const struct bdiff *bd = &d->b[i];
		const struct fref *f = added ? bd->added : bd->fixed;
		size_t n = added ? bd->nadded : bd->nfixed;

		for (size_t j = 0; j < n; j++) {
			const struct finding *x = fref_finding(&f[j]);

			if (!any)
				sb_addf(sb, "\n### %s\n\n", title);
			any = true;
			sb_addf(sb, "- **%s** `%s` ", severity_name(x->severity), x->rule);
			if (d->nb > 1) {
				sb_add(sb, "(");
				md_text(sb, bd->key);
				sb_add(sb, ") ");
			}
			md_text(sb, x->message);
			sb_add(sb, "\n");
		}
	}
}

static void emit_diff_markdown(struct strbuf *sb, const struct diff *d)
{
	char s1[SIZE_STR_MAX + 1];
	size_t nn = d->nnew[0] + d->nnew[1] + d->nnew[2], nf = d->nfixed[0] + d->nfixed[1] + d->nfixed[2];

	sb_add(sb, "## cmalint diff\n\n`");
	sb_add(sb, d->old->label);
	sb_add(sb, "` → `");
	sb_add(sb, d->new->label);
	sb_add(sb, "`\n\n| | |\n|---|---|\n");
	sb_addf(sb, "| Boards changed | %zu of %zu |\n", d->changed, d->boards);
	sb_addf(sb, "| Regions changed | %zu |\n", d->nregions);
	sb_addf(sb, "| CMA total | %s |\n", fmt_delta(d->cma, s1));
	sb_addf(sb, "| Non-CMA headroom | %s |\n", d->headroom_known ? fmt_delta(d->headroom, s1) : "unknown");
	sb_addf(sb, "| New findings | %zu (%zu error%s, %zu warning%s) |\n", nn, d->nnew[SEV_ERROR],
		d->nnew[SEV_ERROR] == 1 ? "" : "s", d->nnew[SEV_WARNING], d->nnew[SEV_WARNING] == 1 ? "" : "s");
	sb_addf(sb, "| Fixed findings | %zu |\n", nf);
	if (d->nregions) {
		sb_add(sb, "\n### Regions\n\n| Board | Region | Change |\n|---|---|---|\n");
		for (size_t i = 0; i < d->nb; i++) {
			for (size_t j = 0; j < d->b[i].nrc; j++) {
				struct strbuf c = { 0 };

				sb_add(sb, "| ");
				md_text(sb, d->b[i].key);
				sb_add(sb, " | `");
				sb_add(sb, d->b[i].rc[j].name);
				sb_add(sb, "` | ");
				change_desc(&c, &d->b[i].rc[j], "→");
				md_text(sb, c.buf);
				sb_release(&c);
				sb_add(sb, " |\n");
			}
		}
	}
	md_findings(sb, "New findings", d, true);
	md_findings(sb, "Fixed findings", d, false);
}

/* --- HTML: the two maps side by side, per changed board */

static void html_escape(struct strbuf *sb, const char *s)
{
	sb_add_xml(sb, s);
}

static void html_side(struct strbuf *sb, const struct board_result *r, const char *label, const char *pfx)
{
	double w, h;

	sb_add(sb, "<div class=\"side\"><h3>");
	html_escape(sb, label);
	sb_add(sb, "</h3>");
	if (r) {
		sb_add(sb, "<div class=\"map\">");
		svg_board(sb, r, pfx, &w, &h);
		sb_add(sb, "</div>");
	} else {
		sb_add(sb, "<p>(no such board)</p>");
	}
	sb_add(sb, "</div>");
}

static void emit_diff_html(struct strbuf *sb, const struct diff *d)
{
	struct strbuf s = { 0 };

	sb_add(sb, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>cmalint diff</title>\n"
		   "<style>\n"
		   ":root{color-scheme:light dark}\n"
		   "body{font-family:system-ui,'DejaVu Sans',sans-serif;margin:1.5em;background:#fff;color:#1a1a1a}\n"
		   "table{border-collapse:collapse;margin:0.5em 0 1em}th,td{border:1px solid #c4c9d0;padding:0.25em 0.6em;text-align:left}\n"
		   ".pair{display:flex;gap:1.5em;align-items:flex-start}.side{flex:1 1 0;min-width:0}\n"
		   ".map svg{max-width:100%;height:auto;border:1px solid #c4c9d0}\n"
		   ".new{color:#b3261e}.fixed{color:#2e7d32}code{font-family:'DejaVu Sans Mono',monospace;font-size:0.9em}\n"
		   "section.board{border-top:2px solid #c4c9d0;margin-top:2em;padding-top:0.5em}\n"
		   "@media (prefers-color-scheme: dark){body{background:#15171c;color:#e6e6e6}th,td{border-color:#4a5058}"
		   ".new{color:#ff6b6b}.fixed{color:#81c784}}\n"
		   "</style></head><body>\n<h1>cmalint diff</h1>\n<p><code>");
	html_escape(sb, d->old->label);
	sb_add(sb, "</code> → <code>");
	html_escape(sb, d->new->label);
	sb_add(sb, "</code></p>\n<p id=\"summary\">");
	summary_line(&s, d);
	html_escape(sb, s.buf);
	sb_release(&s);
	sb_add(sb, "</p>\n");
	for (size_t i = 0; i < d->nb; i++) {
		const struct bdiff *bd = &d->b[i];
		char pfx[32];

		if (!board_changed(bd))
			continue;
		sb_add(sb, "<section class=\"board\"><h2>");
		html_escape(sb, bd->key);
		sb_add(sb, "</h2>\n");
		if (bd->nrc) {
			sb_add(sb, "<table><tr><th>Region</th><th>Change</th></tr>\n");
			for (size_t j = 0; j < bd->nrc; j++) {
				struct strbuf c = { 0 };

				sb_add(sb, "<tr><td><code>");
				html_escape(sb, bd->rc[j].name);
				sb_add(sb, "</code></td><td>");
				change_desc(&c, &bd->rc[j], "→");
				html_escape(sb, c.buf);
				sb_release(&c);
				sb_add(sb, "</td></tr>\n");
			}
			sb_add(sb, "</table>\n");
		}
		if (bd->nadded || bd->nfixed) {
			sb_add(sb, "<ul>\n");
			for (size_t j = 0; j < bd->nadded + bd->nfixed; j++) {
				bool added = j < bd->nadded;
				const struct finding *x = fref_finding(added ? &bd->added[j] : &bd->fixed[j - bd->nadded]);

				sb_addf(sb, "<li class=\"%s\">%s %s: ", added ? "new" : "fixed", added ? "new" : "fixed",
					severity_name(x->severity));
				html_escape(sb, x->message);
				sb_addf(sb, " <code>[%s]</code></li>\n", x->rule);
			}
			sb_add(sb, "</ul>\n");
		}
		sb_add(sb, "<div class=\"pair\">");
		snprintf(pfx, sizeof(pfx), "o%zu-", i);
		html_side(sb, bd->a, d->old->label, pfx);
		snprintf(pfx, sizeof(pfx), "n%zu-", i);
		html_side(sb, bd->b, d->new->label, pfx);
		sb_add(sb, "</div></section>\n");
	}
	sb_add(sb, "</body></html>\n");
}

int diff_format_parse(const char *s, enum diff_format *out)
{
	static const char *names[] = { "text", "json", "markdown", "html" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!strcmp(s, names[i])) {
			*out = (enum diff_format)i;
			return 0;
		}
	}
	return -1;
}

int diff_emit(FILE *out, enum diff_format fmt, const struct diff_side *old, const struct diff_side *new,
	      enum severity fail_on, size_t *new_at)
{
	struct diff d = { 0 };
	struct strbuf sb = { 0 };
	int rc = 0;

	d.old = old;
	d.new = new;
	d.fail_on = fail_on;
	diff_build(&d);
	*new_at = 0;
	for (int s = SEV_INFO; s <= SEV_ERROR; s++)
		if (fail_on != SEV_OFF && s >= (int)fail_on)
			*new_at += d.nnew[s];
	if (fmt == DF_JSON) {
		cJSON *doc = diff_json(&d);

		rc = json_print(out, doc);
		cJSON_Delete(doc);
	} else {
		if (fmt == DF_TEXT)
			emit_diff_text(&sb, &d);
		else if (fmt == DF_MARKDOWN)
			emit_diff_markdown(&sb, &d);
		else
			emit_diff_html(&sb, &d);
		if (sb.len && fwrite(sb.buf, 1, sb.len, out) != sb.len)
			rc = -1;
		if (fflush(out))
			rc = -1;
		sb_release(&sb);
	}
	diff_release(&d);
	return rc;
}
