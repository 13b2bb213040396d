// SPDX-License-Identifier: MIT
#include "cmdline.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return 99;
}

void cl_memparse(const char *s, struct memparse_result *out)
{
	const char *p = s;
	unsigned base = 10;
	uint64_t v = 0;
	int shift = 0;

	memset(out, 0, sizeof(*out));
	/* The radix rules of simple_strtoull(s, &end, 0). */
	if (p[0] == '0' && tolower((unsigned char)p[1]) == 'x' && isxdigit((unsigned char)p[2])) {
		base = 16;
		out->hex = true;
		p += 2;
	} else if (p[0] == '0') {
		base = 8;
		if (isdigit((unsigned char)p[1]))
			out->octal = true;
	}
	for (; digit_value(*p) < (int)base; p++) {
		unsigned d = (unsigned)digit_value(*p);

		out->digits = true;
		if (v > (UINT64_MAX - d) / base)
			out->overflow = true;
		v = v * base + d;	/* wraps like the kernel's on overflow */
	}
	switch (*p) {
	case 'E': case 'e': shift += 10; /* fall through */
	case 'P': case 'p': shift += 10; /* fall through */
	case 'T': case 't': shift += 10; /* fall through */
	case 'G': case 'g': shift += 10; /* fall through */
	case 'M': case 'm': shift += 10; /* fall through */
	case 'K': case 'k': shift += 10;
		if (out->digits) {
			out->suffix = true;
			p++;
		} else {
			shift = 0;
		}
		break;
	default:
		break;
	}
	if (shift && (v >> (64 - shift)))
		out->overflow = true;
	out->value = shift ? v << shift : v;
	out->consumed = (size_t)(p - s);
}

int cl_parse_size(const char *s, uint64_t *out)
{
	struct memparse_result m;

	cl_memparse(s, &m);
	if (!m.digits || m.overflow || s[m.consumed] != '\0')
		return -1;
	*out = m.value;
	return 0;
}

static void parse_cma_value(struct cma_arg *a)
{
	const char *p = a->text;

	a->empty = *p == '\0';
	cl_memparse(p, &a->size);
	p += a->size.consumed;
	if (*p == '@') {
		a->has_base = true;
		p++;
		cl_memparse(p, &a->base);
		p += a->base.consumed;
		if (*p == '-') {
			a->has_limit = true;
			p++;
			cl_memparse(p, &a->limit);
			p += a->limit.consumed;
		}
	}
	a->trailing = *p ? p : NULL;
}

/*
 * The kernel's next_arg(): a parameter runs to the next space outside
 * double quotes; quotes around the value (or the whole "param=value") are
 * dropped.
 */
static const char *next_param(const char *p, char **param, char **val)
{
	const char *start = p, *eq = NULL;
	bool inq = false;
	struct strbuf sb = STRBUF_INIT;

	for (; *p && (inq || !isspace((unsigned char)*p)); p++) {
		if (*p == '"')
			inq = !inq;
		else if (*p == '=' && !eq)
			eq = p;
	}
	/* Rebuild param and value without the quote characters. */
	if (eq) {
		for (const char *q = start; q < eq; q++)
			if (*q != '"')
				sb_addn(&sb, q, 1);
		*param = sb_detach(&sb);
		for (const char *q = eq + 1; q < p; q++)
			if (*q != '"')
				sb_addn(&sb, q, 1);
		*val = sb_detach(&sb);
	} else {
		for (const char *q = start; q < p; q++)
			if (*q != '"')
				sb_addn(&sb, q, 1);
		*param = sb_detach(&sb);
		*val = NULL;
	}
	return p;
}

void cmdline_parse(struct cmdline *cl, const char *value, const char *source)
{
	struct cmdline_piece one = { 0, strlen(value), (char *)source, false, { NULL, 0, 0 } };

	cmdline_parse_pieces(cl, value, &one, 1);
}

char *cma_arg_desc(const struct cma_arg *a)
{
	if (!a->text)
		return xasprintf("'cma' (%s)", a->source);
	return xasprintf("'cma=%s' (%s)", a->text, a->source);
}

void cmdline_parse_pieces(struct cmdline *cl, const char *value, const struct cmdline_piece *pieces,
			  size_t npieces)
{
	const char *p = value;
	bool dashdash = false;
	struct cma_cmdline *r = &cl->resolved;
	struct strbuf src = STRBUF_INIT;

	memset(cl, 0, sizeof(*cl));
	cl->value = xstrdup(value);
	cl->pieces = xcalloc(npieces ? npieces : 1, sizeof(*cl->pieces));
	for (size_t i = 0; i < npieces; i++) {
		cl->pieces[i] = pieces[i];
		cl->pieces[i].source = xstrdup(pieces[i].source);
		if (pieces[i].loc.file)
			cl->pieces[i].loc.file = xstrdup(pieces[i].loc.file);
		sb_addf(&src, "%s%s", i ? " + " : "", pieces[i].source);
	}
	cl->npieces = npieces;
	cl->source = src.buf ? sb_detach(&src) : xstrdup("");
	r->size_from = r->base_from = -1;

	for (;;) {
		char *param, *val;
		size_t off;

		while (isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		off = (size_t)(p - value);
		p = next_param(p, &param, &val);
		if (!val && !strcmp(param, "--"))
			dashdash = true;
		if (!strcmp(param, "mem") && val && !dashdash) {
			struct mem_arg *m = ARRAY_PUSH(cl->mem, cl->nmem, cl->mem_cap);
			const char *at;

			m->offset = off;
			m->source = cl->source;
			m->loc = &cl->pieces[0].loc;
			for (size_t j = 0; j < cl->npieces; j++) {
				const struct cmdline_piece *pc = &cl->pieces[j];

				if (off >= pc->start && off < pc->start + pc->len) {
					m->source = pc->source;
					m->loc = &pc->loc;
				}
			}
			m->text = val;
			val = NULL;
			cl_memparse(m->text, &m->size);
			at = m->text + m->size.consumed;
			if (*at == '@') {
				m->has_base = true;
				cl_memparse(at + 1, &m->base);
			}
		}
		if (!strcmp(param, "cma")) {
			if (dashdash) {
				cl->cma_after_dashdash++;
			} else {
				struct cma_arg *a = ARRAY_PUSH(cl->cma, cl->ncma, cl->cma_cap);

				a->index = (unsigned)(cl->ncma - 1);
				a->offset = off;
				a->source = cl->source;
				a->loc = &cl->pieces[0].loc;
				for (size_t j = 0; j < cl->npieces; j++) {
					const struct cmdline_piece *pc = &cl->pieces[j];

					if (off >= pc->start && off < pc->start + pc->len) {
						a->source = pc->source;
						a->loc = &pc->loc;
						a->from_config = pc->from_config;
					}
				}
				a->text = val;
				val = NULL;
				if (a->text)
					parse_cma_value(a);
			}
		}
		free(param);
		free(val);
	}

	/* Replay early_cma() for each occurrence: later ones overwrite. */
	for (size_t i = 0; i < cl->ncma; i++) {
		struct cma_arg *a = &cl->cma[i];

		if (!a->text)
			continue;	/* "Config string not provided": nothing set */
		r->given = true;
		r->size = a->size.value;
		r->size_from = (int)i;
		if (a->has_base) {
			r->base = a->base.value;
			r->base_from = (int)i;
			if (a->has_limit) {
				r->limit = a->limit.value;
				r->limit_overflow = false;
			} else {
				r->limit_overflow = !range_end(r->base, r->size, &r->limit);
			}
		}
	}
	/* dma_contiguous_reserve(): fixed when base + size == limit (wrapping like phys_addr_t). */
	if (r->base_from >= 0)
		r->fixed = r->base + r->size == r->limit;
}

void cmdline_release(struct cmdline *cl)
{
	for (size_t i = 0; i < cl->ncma; i++)
		free(cl->cma[i].text);
	free(cl->cma);
	for (size_t i = 0; i < cl->nmem; i++)
		free(cl->mem[i].text);
	free(cl->mem);
	free(cl->value);
	free(cl->source);
	for (size_t i = 0; i < cl->npieces; i++) {
		free(cl->pieces[i].source);
		free(cl->pieces[i].loc.file);
	}
	free(cl->pieces);
	if (cl->discarded) {
		cmdline_release(cl->discarded);
		free(cl->discarded);
	}
	memset(cl, 0, sizeof(*cl));
}
