// SPDX-License-Identifier: MIT
/*
 * runtime.c - read what a running kernel publishes about its memory:
 * the parsers of /proc/meminfo, /proc/zoneinfo and /proc/iomem, and the
 * loader of a whole capture (a root directory holding those files).
 */
#include "runtime.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* ------------------------------------------------------------------ */
/* lines and numbers                                                   */

struct lines {
	const char *p, *end;
	unsigned no;
};

static bool next_line(struct lines *l, const char **s, size_t *n)
{
	const char *nl;

	if (l->p >= l->end)
		return false;
	nl = memchr(l->p, '\n', (size_t)(l->end - l->p));
	*s = l->p;
	*n = (size_t)((nl ? nl : l->end) - l->p);
	l->p = nl ? nl + 1 : l->end;
	l->no++;
	return true;
}

static char *PRINTF(2, 3) line_err(unsigned no, const char *fmt, ...)
{
	va_list ap;
	char *msg, *out;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	out = xasprintf("line %u: %s", no, msg);
	free(msg);
	return out;
}

/* A text file: no NUL bytes, a bounded number of lines. */
static int check_text(const char *buf, size_t len, char **err)
{
	size_t lines = 0;

	if (memchr(buf, '\0', len)) {
		*err = xstrdup("holds NUL bytes: not a text file");
		return -1;
	}
	for (size_t i = 0; i < len; i++)
		if (buf[i] == '\n' && ++lines > RT_MAX_LINES) {
			*err = xasprintf("more than %u lines", RT_MAX_LINES);
			return -1;
		}
	return 0;
}

/* Decimal digits at *p (no sign): 0 and *p advanced, or -1 (none, or over 2^64). */
static int read_dec(const char **p, const char *end, uint64_t *out)
{
	const char *s = *p;
	uint64_t v = 0;

	if (s >= end || !isdigit((unsigned char)*s))
		return -1;
	while (s < end && isdigit((unsigned char)*s)) {
		unsigned d = (unsigned)(*s - '0');

		if (v > (UINT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
		s++;
	}
	*p = s;
	*out = v;
	return 0;
}

static int read_hex(const char **p, const char *end, uint64_t *out)
{
	const char *s = *p;
	uint64_t v = 0;
	unsigned digits = 0;

	while (s < end && isxdigit((unsigned char)*s)) {
		if (++digits > 16)
			return -1;
		v = v << 4 | (uint64_t)(isdigit((unsigned char)*s) ? *s - '0' : (tolower((unsigned char)*s) - 'a' + 10));
		s++;
	}
	if (!digits)
		return -1;
	*p = s;
	*out = v;
	return 0;
}

static const char *skip_blanks(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t' || *s == '\r'))
		s++;
	return s;
}

/* ------------------------------------------------------------------ */
/* /proc/meminfo                                                       */

/* Values in kB must convert to bytes without wrapping. */
#define RT_KB_MAX (UINT64_MAX >> 10)

int rt_parse_meminfo(const char *buf, size_t len, struct rt_meminfo *out, char **err)
{
	static const char *const keys[] = { "MemTotal", "MemFree", "CmaTotal", "CmaFree", "Hugepagesize" };
	struct lines l = { buf, buf + len, 0 };
	bool seen[ARRAY_SIZE(keys)] = { false };
	const char *s;
	size_t n;

	memset(out, 0, sizeof(*out));
	if (check_text(buf, len, err))
		return -1;
	while (next_line(&l, &s, &n)) {
		const char *end = s + n, *colon = memchr(s, ':', n), *p;
		size_t klen;
		uint64_t v;

		if (skip_blanks(s, end) == end)
			continue;
		if (!colon || colon == s || (size_t)(colon - s) >= RT_NAME_MAX) {
			*err = line_err(l.no, "expected 'Name: value', got '%.*s'", (int)(n > 40 ? 40 : n), s);
			return -1;
		}
		klen = (size_t)(colon - s);
		for (p = s; p < colon; p++)
			if (isspace((unsigned char)*p)) {
				*err = line_err(l.no, "expected 'Name: value', got '%.*s'", (int)(n > 40 ? 40 : n), s);
				return -1;
			}
		p = skip_blanks(colon + 1, end);
		if (read_dec(&p, end, &v)) {
			*err = line_err(l.no, "'%.*s' has no number (or one over 2^64)", (int)klen, s);
			return -1;
		}
		p = skip_blanks(p, end);
		if (end - p >= 2 && p[0] == 'k' && p[1] == 'B') {
			if (v > RT_KB_MAX) {
				*err = line_err(l.no, "'%.*s' of %llu kB does not fit in 64 bits as bytes", (int)klen, s,
						(unsigned long long)v);
				return -1;
			}
			p = skip_blanks(p + 2, end);
		}
		if (p != end) {
			*err = line_err(l.no, "unexpected '%.*s' after the value of '%.*s'", (int)(end - p > 20 ? 20 : end - p),
					p, (int)klen, s);
			return -1;
		}
		for (size_t k = 0; k < ARRAY_SIZE(keys); k++) {
			if (strlen(keys[k]) != klen || memcmp(keys[k], s, klen))
				continue;
			if (seen[k]) {
				*err = line_err(l.no, "'%s' appears twice", keys[k]);
				return -1;
			}
			seen[k] = true;
			switch (k) {
			case 0: out->total_kb = v; out->line_total = (int)l.no; break;
			case 1: out->free_kb = v; out->have_free = true; break;
			case 2:
				out->cma_total_kb = v;
				out->have_cma_total = true;
				out->line_cma_total = (int)l.no;
				break;
			case 3: out->cma_free_kb = v; out->have_cma_free = true; break;
			default: out->hugepagesize_kb = v; out->have_hugepagesize = true; break;
			}
		}
	}
	if (!seen[0]) {
		*err = xstrdup("no 'MemTotal:' line");
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* /proc/zoneinfo                                                      */

/* "Node 0, zone      DMA": 1 and the zone started, 0 when not such a line, -1 on error. */
static int zone_header(const char *s, const char *end, struct rt_zone *z)
{
	const char *p = s, *name;
	uint64_t node;

	if (end - p < 5 || memcmp(p, "Node ", 5))
		return 0;
	p += 5;
	if (read_dec(&p, end, &node) || node > 65535)
		return -1;
	if (end - p < 7 || memcmp(p, ", zone ", 7))
		return -1;
	p = skip_blanks(p + 7, end);
	name = p;
	while (p < end && !isspace((unsigned char)*p))
		p++;
	if (p == name || (size_t)(p - name) >= RT_NAME_MAX || skip_blanks(p, end) != end)
		return -1;
	memset(z, 0, sizeof(*z));
	z->node = (int)node;
	memcpy(z->name, name, (size_t)(p - name));
	return 1;
}

int rt_parse_zoneinfo(const char *buf, size_t len, struct rt_zoneinfo *out, char **err)
{
	/* the zone fields, each "WORD N" on a line of its own ("pages free N" is first) */
	static const char *const keys[] = { "min", "low", "high", "spanned", "present", "managed", "cma", "nr_free_cma" };
	struct lines l = { buf, buf + len, 0 };
	struct rt_zone *z = NULL;
	unsigned seen = 0;
	const char *s;
	size_t n;

	memset(out, 0, sizeof(*out));
	if (check_text(buf, len, err))
		return -1;
	while (next_line(&l, &s, &n)) {
		const char *end = s + n, *p = skip_blanks(s, end), *w;
		struct rt_zone hdr;
		size_t wlen;
		uint64_t v;
		int h;

		if (p == end)
			continue;
		h = zone_header(p, end, &hdr);
		if (h < 0) {
			*err = line_err(l.no, "expected 'Node N, zone NAME', got '%.*s'", (int)(n > 40 ? 40 : n), s);
			return -1;
		}
		if (h) {
			if (z && !(seen & 1u)) {
				*err = line_err(l.no, "zone '%s' before it has no 'min' line", z->name);
				return -1;
			}
			if (out->n >= RT_MAX_ZONES) {
				*err = line_err(l.no, "more than %d zones", RT_MAX_ZONES);
				return -1;
			}
			z = &out->z[out->n++];
			*z = hdr;
			seen = 0;
			continue;
		}
		if (!z) {
			*err = line_err(l.no, "expected 'Node N, zone NAME' first, got '%.*s'", (int)(n > 40 ? 40 : n), s);
			return -1;
		}
		w = p;
		while (p < end && !isspace((unsigned char)*p))
			p++;
		wlen = (size_t)(p - w);
		p = skip_blanks(p, end);
		if (wlen == 5 && !memcmp(w, "pages", 5)) {
			if (end - p < 4 || memcmp(p, "free", 4)) {
				continue;
			}
			p = skip_blanks(p + 4, end);
			if (read_dec(&p, end, &z->free) || skip_blanks(p, end) != end) {
				*err = line_err(l.no, "'pages free' of zone '%s' is not a number", z->name);
				return -1;
			}
			continue;
		}
		for (unsigned k = 0; k < ARRAY_SIZE(keys); k++) {
			if (strlen(keys[k]) != wlen || memcmp(keys[k], w, wlen))
				continue;
			if (read_dec(&p, end, &v) || skip_blanks(p, end) != end) {
				*err = line_err(l.no, "'%s' of zone '%s' is not a number", keys[k], z->name);
				return -1;
			}
			if (seen & (1u << k)) {
				*err = line_err(l.no, "'%s' appears twice in zone '%s'", keys[k], z->name);
				return -1;
			}
			seen |= 1u << k;
			switch (k) {
			case 0: z->min = v; break;
			case 1: z->low = v; break;
			case 2: z->high = v; break;
			case 3: z->spanned = v; break;
			case 4: z->present = v; break;
			case 5: z->managed = v; break;
			case 6: z->cma = v; z->have_cma = true; break;
			default: z->free_cma = v; z->have_free_cma = true; break;
			}
		}
	}
	if (!out->n) {
		*err = xstrdup("no 'Node N, zone NAME' line");
		return -1;
	}
	if (!(seen & 1u) || !(seen & (1u << 5))) {
		*err = xasprintf("zone '%s' has no '%s' line (truncated?)", z->name, !(seen & 1u) ? "min" : "managed");
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* /proc/iomem                                                         */

int rt_parse_iomem(const char *buf, size_t len, struct rt_iomem *out, char **err)
{
	struct lines l = { buf, buf + len, 0 };
	bool nonzero = false;
	const char *s;
	size_t n;

	memset(out, 0, sizeof(*out));
	if (check_text(buf, len, err))
		return -1;
	while (next_line(&l, &s, &n)) {
		const char *end = s + n, *p = s;
		struct rt_iomem_entry *e;
		uint64_t start, last;
		unsigned spaces = 0;

		while (p < end && *p == ' ')
			p++, spaces++;
		if (skip_blanks(p, end) == end)
			continue;
		if (read_hex(&p, end, &start) || p >= end || *p++ != '-' || read_hex(&p, end, &last) ||
		    end - p < 3 || memcmp(p, " : ", 3)) {
			*err = line_err(l.no, "expected 'START-END : NAME', got '%.*s'", (int)(n > 40 ? 40 : n), s);
			rt_iomem_release(out);
			return -1;
		}
		if (last < start) {
			*err = line_err(l.no, "range end 0x%llx is below its start 0x%llx", (unsigned long long)last,
					(unsigned long long)start);
			rt_iomem_release(out);
			return -1;
		}
		if (spaces / 2 > RT_MAX_IOMEM_DEPTH) {
			*err = line_err(l.no, "nested deeper than %d levels", RT_MAX_IOMEM_DEPTH);
			rt_iomem_release(out);
			return -1;
		}
		p += 3;
		while (end > p && (end[-1] == '\r' || end[-1] == ' '))
			end--;
		e = ARRAY_PUSH(out->e, out->n, out->cap);
		e->start = start;
		e->end = last;
		e->depth = spaces / 2;
		e->name = xstrndup(p, (size_t)(end - p));
		if (start || last)
			nonzero = true;
	}
	if (out->n && !nonzero) {
		*err = xstrdup("every address is zero: read by an unprivileged user (capture it as root)");
		rt_iomem_release(out);
		return -1;
	}
	return 0;
}

void rt_iomem_release(struct rt_iomem *io)
{
	for (size_t i = 0; i < io->n; i++)
		free(io->e[i].name);
	free(io->e);
	memset(io, 0, sizeof(*io));
}

static bool is_reserved_name(const char *s)
{
	return !strcmp(s, "reserved") || !strcmp(s, "Reserved");
}

static int cmp_entry(const void *a, const void *b)
{
	const struct rt_iomem_entry *x = *(const struct rt_iomem_entry *const *)a;
	const struct rt_iomem_entry *y = *(const struct rt_iomem_entry *const *)b;

	return x->start < y->start ? -1 : x->start > y->start;
}

size_t rt_iomem_ram(const struct rt_iomem *io, struct ram_bank **out)
{
	const struct rt_iomem_entry **v = xcalloc(io->n ? io->n : 1, sizeof(*v));
	struct ram_bank *banks = NULL;
	size_t nv = 0, nb = 0, cb = 0, i = 0;

	for (size_t j = 0; j < io->n; j++)
		if (!io->e[j].depth && (!strcmp(io->e[j].name, "System RAM") || is_reserved_name(io->e[j].name)))
			v[nv++] = &io->e[j];
	sort_array(v, nv, sizeof(*v), cmp_entry);
	while (i < nv) {
		uint64_t start = v[i]->start, last = v[i]->end;
		bool ram = !strcmp(v[i]->name, "System RAM");

		/* merge entries that touch or overlap */
		for (i++; i < nv && last != UINT64_MAX && v[i]->start <= last + 1; i++) {
			if (v[i]->end > last)
				last = v[i]->end;
			ram |= !strcmp(v[i]->name, "System RAM");
		}
		if (ram && !(start == 0 && last == UINT64_MAX)) {
			struct ram_bank *b = ARRAY_PUSH(banks, nb, cb);

			b->base = start;
			b->size = last - start + 1;
			b->node = NULL;
		}
	}
	free(v);
	*out = banks;
	return nb;
}

bool rt_iomem_kernel(const struct rt_iomem *io, struct range *out)
{
	uint64_t lo = UINT64_MAX, hi = 0;

	for (size_t i = 0; i < io->n; i++) {
		const struct rt_iomem_entry *e = &io->e[i];

		if (!e->depth || strncmp(e->name, "Kernel ", 7))
			continue;
		if (e->start < lo)
			lo = e->start;
		if (e->end > hi)
			hi = e->end;
	}
	if (lo > hi || hi == UINT64_MAX)
		return false;
	out->base = lo;
	out->size = hi - lo + 1;
	return true;
}

bool rt_iomem_covers(const struct rt_iomem *io, const char *name, int depth, uint64_t base, uint64_t size)
{
	uint64_t end;

	if (!size || !range_end(base, size, &end))
		return false;
	for (size_t i = 0; i < io->n; i++) {
		const struct rt_iomem_entry *e = &io->e[i];

		if ((depth >= 0 && e->depth != (unsigned)depth) || strcmp(e->name, name))
			continue;
		if (base >= e->start && end - 1 <= e->end)
			return true;
	}
	return false;
}

/* ------------------------------------------------------------------ */
/* page size                                                           */

static bool valid_page_size(uint64_t v)
{
	return v == 4096 || v == 16384 || v == 65536;
}

uint64_t rt_page_size_from_managed(const struct rt_meminfo *m, const struct rt_zoneinfo *z)
{
	uint64_t managed = 0;

	for (size_t i = 0; i < z->n; i++) {
		if (z->z[i].managed > UINT64_MAX / 2 - managed)
			return 0;
		managed += z->z[i].managed;
	}
	/* MemTotal is totalram_pages in kB, and totalram_pages the sum of the zones' managed pages */
	if (!managed || m->total_kb % managed || !valid_page_size(m->total_kb / managed * 1024))
		return 0;
	return m->total_kb / managed * 1024;
}

uint64_t rt_page_size_from_hugepage(uint64_t kb)
{
	switch (kb) {
	case 2048:		/* 4K pages: a PMD maps 2 MiB (arm64, arm LPAE, riscv, x86) */
	case 4096:		/* x86 without PAE */
		return 4096;
	case 32768:		/* 16K pages */
		return 16384;
	case 524288:		/* 64K pages */
		return 65536;
	default:
		return 0;
	}
}

/* ------------------------------------------------------------------ */
/* the capture                                                         */

static char *path_in(const char *root, const char *rel)
{
	size_t n = strlen(root);

	while (n > 1 && root[n - 1] == '/')
		n--;
	if (n == 1 && root[0] == '/')
		return xasprintf("/%s", rel);
	return xasprintf("%.*s/%s", (int)n, root, rel);
}

/* Read ROOT/REL: the text, or NULL with *err set (when @required or unreadable for another reason). */
static char *read_in(const char *root, const char *rel, bool required, size_t *len, char **err, char **path_out)
{
	char *path = path_in(root, rel), *buf;

	buf = read_file(path, RT_FILE_LIMIT, len);
	if (!buf) {
		if (errno == ENOENT && !required) {
			free(path);
			return NULL;
		}
		*err = xasprintf("cannot read '%s': %s", path, errno == EFBIG ? "larger than 16 MiB" : strerror(errno));
		free(path);
		return NULL;
	}
	if (path_out)
		*path_out = path;
	else
		free(path);
	return buf;
}

static int load_one(const char *root, const char *rel, void *out, int (*parse)(const char *, size_t, void *, char **),
		    char **err)
{
	size_t len;
	char *perr = NULL, *buf = read_in(root, rel, true, &len, err, NULL);
	int rc;

	if (!buf)
		return -1;
	rc = parse(buf, len, out, &perr);
	free(buf);
	if (rc) {
		char *path = path_in(root, rel);

		*err = xasprintf("'%s': %s", path, perr);
		free(path);
		free(perr);
	}
	return rc;
}

static int parse_meminfo_v(const char *b, size_t n, void *o, char **e) { return rt_parse_meminfo(b, n, o, e); }
static int parse_zoneinfo_v(const char *b, size_t n, void *o, char **e) { return rt_parse_zoneinfo(b, n, o, e); }
static int parse_iomem_v(const char *b, size_t n, void *o, char **e) { return rt_parse_iomem(b, n, o, e); }

/* The first line of @buf, without trailing blanks; NULL when it holds control characters. */
static char *first_line(const char *buf, size_t len)
{
	const char *nl = memchr(buf, '\n', len);
	size_t n = nl ? (size_t)(nl - buf) : len;

	while (n && (buf[n - 1] == ' ' || buf[n - 1] == '\r' || buf[n - 1] == '\t'))
		n--;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)buf[i] < 0x20 && buf[i] != '\t')
			return NULL;
	return xstrndup(buf, n);
}

static int load_text_line(const char *root, const char *rel, char **out, char **err)
{
	size_t len;
	char *buf = read_in(root, rel, true, &len, err, NULL);

	if (!buf)
		return -1;
	*out = memchr(buf, '\0', len) ? NULL : first_line(buf, len);
	free(buf);
	if (!*out) {
		char *path = path_in(root, rel);

		*err = xasprintf("'%s': holds control characters: not a text file", path);
		free(path);
		return -1;
	}
	return 0;
}

/* A file holding one decimal number (sysfs, debugfs, sysctl): 1 read, 0 absent, -1 error. */
static int load_number(const char *root, const char *rel, uint64_t *out, char **err)
{
	size_t len;
	char *buf = read_in(root, rel, false, &len, err, NULL);
	const char *p, *end;

	if (!buf)
		return *err ? -1 : 0;
	p = skip_blanks(buf, buf + len);
	end = buf + len;
	while (end > p && isspace((unsigned char)end[-1]))
		end--;
	if (read_dec(&p, end, out) || p != end) {
		char *path = path_in(root, rel);

		*err = xasprintf("'%s': expected one decimal number", path);
		free(path);
		free(buf);
		return -1;
	}
	free(buf);
	return 1;
}

static struct rt_cma_area *area_named(struct rt_capture *c, const char *name)
{
	struct rt_cma_area *a;

	for (size_t i = 0; i < c->nareas; i++)
		if (!strcmp(c->areas[i].name, name))
			return &c->areas[i];
	a = ARRAY_PUSH(c->areas, c->nareas, c->cap_areas);
	memset(a, 0, sizeof(*a));
	a->name = xstrdup(name);
	return a;
}

/* The CMA areas under ROOT/@dir: sysfs (total_pages, available_pages) or debugfs (base_pfn, count). */
static int load_cma_dir(struct rt_capture *c, const char *dir, bool debugfs, char **err)
{
	char *path = path_in(c->root, dir);
	DIR *d = opendir(path);
	struct dirent *de;
	char **names = NULL;
	size_t nn = 0, cn = 0;
	int rc = 0;

	if (!d) {
		free(path);
		return 0;
	}
	if (debugfs)
		c->have_cma_debugfs = true;
	else
		c->have_cma_sysfs = true;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (nn >= RT_MAX_CMA_AREAS) {
			*err = xasprintf("'%s': more than %d CMA areas", path, RT_MAX_CMA_AREAS);
			rc = -1;
			break;
		}
		*ARRAY_PUSH(names, nn, cn) = xstrdup(de->d_name);
	}
	closedir(d);
	for (size_t i = 0; i < nn && !rc; i++) {
		static const char *const files[2][2] = { { "total_pages", "available_pages" }, { "base_pfn", "count" } };
		/* debugfs names its directories "cma-NAME" up to 5.x, "NAME" later */
		const char *name = debugfs && !strncmp(names[i], "cma-", 4) ? names[i] + 4 : names[i];
		struct rt_cma_area *a = area_named(c, name);

		for (int f = 0; f < 2 && !rc; f++) {
			char *rel = xasprintf("%s/%s/%s", dir, names[i], files[debugfs][f]);
			uint64_t v;
			int got = load_number(c->root, rel, &v, err);

			free(rel);
			if (got < 0) {
				rc = -1;
			} else if (got) {
				uint64_t *dst[2][2] = { { &a->total_pages, &a->available_pages }, { &a->base_pfn, &a->count } };
				bool *have[2][2] = { { &a->have_total_pages, &a->have_available_pages },
						     { &a->have_base_pfn, &a->have_count } };

				*dst[debugfs][f] = v;
				*have[debugfs][f] = true;
			}
		}
	}
	for (size_t i = 0; i < nn; i++)
		free(names[i]);
	free(names);
	free(path);
	return rc;
}

/* The few Kconfig values the prediction needs, from ROOT/boot/config-RELEASE. */
static void load_kconfig(struct rt_capture *c)
{
	struct rt_kconfig *k = &c->kconfig;
	char *rel = xasprintf("boot/config-%s", c->release), *err = NULL, *path = NULL;
	size_t len;
	char *buf;
	struct lines l;
	const char *s;
	size_t n;
	bool cma = false, dma_cma = false, seen_cma = false;

	if (strchr(c->release, '/')) {
		free(rel);
		return;
	}
	buf = read_in(c->root, rel, false, &len, &err, &path);
	free(rel);
	free(err);		/* an unreadable config is as good as none: the values stay assumed */
	if (!buf || memchr(buf, '\0', len)) {
		free(buf);
		free(path);
		return;
	}
	k->present = true;
	k->path = path;
	l = (struct lines){ buf, buf + len, 0 };
	while (next_line(&l, &s, &n)) {
		const char *end = s + n, *p;
		uint64_t v;

#define KEY(lit) (n >= sizeof(lit) - 1 && !memcmp(s, lit, sizeof(lit) - 1) ? s + sizeof(lit) - 1 : NULL)
		if ((p = KEY("CONFIG_CMA_SIZE_MBYTES="))) {
			if (!read_dec(&p, end, &v) && v <= (UINT64_MAX >> 20)) {
				k->cma_size_mbytes = v;
				k->have_cma_size_mbytes = true;
			}
		} else if (KEY("CONFIG_CMA=y")) {
			cma = seen_cma = true;
		} else if (KEY("# CONFIG_CMA is not set")) {
			seen_cma = true;
		} else if (KEY("CONFIG_DMA_CMA=y")) {
			dma_cma = true;
		} else if (KEY("CONFIG_TRANSPARENT_HUGEPAGE=y")) {
			k->thp = k->have_thp = true;
		} else if (KEY("# CONFIG_TRANSPARENT_HUGEPAGE is not set")) {
			k->thp = false;
			k->have_thp = true;
		}
#undef KEY
	}
	if (seen_cma) {
		k->have_cma = true;
		k->cma = cma && dma_cma;
	}
	free(buf);
}

int rt_capture_load(struct rt_capture *c, const char *root, char **err)
{
	struct stat st;
	const char *p;
	size_t n;
	int got;

	memset(c, 0, sizeof(*c));
	*err = NULL;
	c->root = xstrdup(root);
	if (stat(root, &st)) {
		*err = xasprintf("cannot read '%s': %s", root, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		*err = xasprintf("cannot read '%s': not a directory", root);
		return -1;
	}
	if (load_one(root, "proc/meminfo", &c->meminfo, parse_meminfo_v, err) ||
	    load_one(root, "proc/zoneinfo", &c->zoneinfo, parse_zoneinfo_v, err) ||
	    load_one(root, "proc/iomem", &c->iomem, parse_iomem_v, err) ||
	    load_text_line(root, "proc/cmdline", &c->cmdline, err) ||
	    load_text_line(root, "proc/version", &c->version, err))
		return -1;
	p = c->version;
	if (strncmp(p, "Linux version ", 14) || !p[14] || isspace((unsigned char)p[14])) {
		char *path = path_in(root, "proc/version");

		*err = xasprintf("'%s': expected 'Linux version RELEASE ...', got '%.40s'", path, c->version);
		free(path);
		return -1;
	}
	p += 14;
	n = strcspn(p, " \t");
	c->release = xstrndup(p, n);
	c->fdt_path = path_in(root, "sys/firmware/fdt");
	if (access(c->fdt_path, R_OK)) {
		*err = xasprintf("cannot read '%s': %s", c->fdt_path, strerror(errno));
		return -1;
	}
	got = load_number(root, "proc/sys/vm/min_free_kbytes", &c->min_free_kbytes, err);
	if (got < 0)
		return -1;
	c->have_min_free_kbytes = got > 0;
	if (load_cma_dir(c, "sys/kernel/mm/cma", false, err) || load_cma_dir(c, "sys/kernel/debug/cma", true, err))
		return -1;
	load_kconfig(c);
	return 0;
}

void rt_capture_release(struct rt_capture *c)
{
	free(c->root);
	rt_iomem_release(&c->iomem);
	free(c->cmdline);
	free(c->version);
	free(c->release);
	free(c->fdt_path);
	for (size_t i = 0; i < c->nareas; i++)
		free(c->areas[i].name);
	free(c->areas);
	free(c->kconfig.path);
	memset(c, 0, sizeof(*c));
}
