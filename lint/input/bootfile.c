// SPDX-License-Identifier: MIT
/*
 * Bootloader files that carry the kernel command line. One parser per
 * format; all of them work on a copy of the text split into lines and
 * report errors as "NAME:LINE: problem".
 */
#include "bootfile.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

struct lines {
	char *buf;
	char **l;
	size_t n, cap;
};

static void split_lines(struct lines *ls, const char *text)
{
	char *p;

	memset(ls, 0, sizeof(*ls));
	ls->buf = xstrdup(text);
	p = ls->buf;
	while (*p) {
		char *nl = strchr(p, '\n'), *end;

		if (nl)
			*nl = '\0';
		end = p + strlen(p);
		if (end > p && end[-1] == '\r')
			end[-1] = '\0';
		*ARRAY_PUSH(ls->l, ls->n, ls->cap) = p;
		if (!nl)
			break;
		p = nl + 1;
	}
}

static void lines_release(struct lines *ls)
{
	free(ls->buf);
	free(ls->l);
}

static char *skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return (char *)p;
}

static void rtrim(char *s)
{
	size_t n = strlen(s);

	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s && s[1] ? s + 1 : path;
}

static int PRINTF(5, 6) fail(char *err, size_t errlen, const char *name, int line, const char *fmt, ...)
{
	va_list ap;
	int n = line > 0 ? snprintf(err, errlen, "%s:%d: ", name, line) : snprintf(err, errlen, "%s: ", name);

	if (n < 0 || (size_t)n >= errlen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

static void set_result(struct bootfile_result *out, const char *name, int line, char *value,
		       const char *what, const char *label)
{
	memset(out, 0, sizeof(*out));
	out->value = value;
	out->line = line;
	if (what)
		out->source = xasprintf("%s:%d (%s)", name, line, what);
	else
		out->source = xasprintf("%s:%d", name, line);
	out->label = label ? xstrdup(label) : NULL;
}

/* "word" at the start of @p, case-insensitive, followed by a blank or the end. */
static char *keyword(const char *p, const char *word)
{
	size_t n = strlen(word);

	if (strncasecmp(p, word, n) || (p[n] && p[n] != ' ' && p[n] != '\t'))
		return NULL;
	return skip_ws(p + n);
}

/*
 * Shell-like words: blanks separate, '...' and "..." group and are removed.
 * With @vars set, ${x} and $x outside single quotes are passed to @expand.
 * Returns 0, or -1 on an unterminated quote.
 */
typedef int expand_fn(void *ctx, const char *name, size_t len, struct strbuf *sb);

static int shell_words(const char *p, char ***words, size_t *n, expand_fn *expand, void *ctx)
{
	size_t cap = 0;

	*words = NULL;
	*n = 0;
	for (;;) {
		struct strbuf sb = STRBUF_INIT;
		char quote = 0;

		p = skip_ws(p);
		if (!*p)
			break;
		sb_add(&sb, "");
		for (; *p && (quote || (*p != ' ' && *p != '\t')); p++) {
			if (!quote && (*p == '\'' || *p == '"')) {
				quote = *p;
				continue;
			}
			if (quote && *p == quote) {
				quote = 0;
				continue;
			}
			if (expand && quote != '\'' && *p == '$') {
				const char *q = p + 1, *s;
				bool brace = *q == '{';

				if (brace)
					q++;
				for (s = q; isalnum((unsigned char)*s) || *s == '_'; s++)
					;
				if (s > q && (!brace || *s == '}')) {
					if (expand(ctx, q, (size_t)(s - q), &sb)) {
						sb_release(&sb);
						goto bad;
					}
					p = brace ? s : s - 1;
					continue;
				}
			}
			sb_addn(&sb, p, 1);
		}
		*ARRAY_PUSH(*words, *n, cap) = sb_detach(&sb);
		if (quote)
			return -1;
	}
	return 0;
bad:
	return -2;
}

static void free_words(char **w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(w[i]);
	free(w);
}

static char *join_words(char **w, size_t n, size_t from)
{
	struct strbuf sb = STRBUF_INIT;

	sb_add(&sb, "");
	for (size_t i = from; i < n; i++) {
		if (i > from)
			sb_add(&sb, " ");
		sb_add(&sb, w[i]);
	}
	return sb_detach(&sb);
}

/* ---- U-Boot environment ------------------------------------------------ */

struct uvar {
	char *name;
	char *value;	/* raw (lazy, name=value) or already expanded (setenv) */
	bool expanded;
	int line;
};

struct uenv {
	const char *file;
	struct uvar *v;
	size_t n, cap;
	const char *stack[BOOTFILE_MAX_DEPTH + 1];
	unsigned depth;
	char *err;
	size_t errlen;
	int line;	/* line being read, for messages */
};

static struct uvar *uvar_find(struct uenv *e, const char *name, size_t len)
{
	for (size_t i = e->n; i-- > 0;)
		if (strlen(e->v[i].name) == len && !strncmp(e->v[i].name, name, len))
			return &e->v[i];
	return NULL;
}

static void uvar_set(struct uenv *e, const char *name, char *value, bool expanded, int line)
{
	struct uvar *v = uvar_find(e, name, strlen(name));

	if (!v) {
		v = ARRAY_PUSH(e->v, e->n, e->cap);
		v->name = xstrdup(name);
	} else {
		free(v->value);
	}
	v->value = value;
	v->expanded = expanded;
	v->line = line;
}

static int count_quotes_ok(const char *s)
{
	unsigned n = 0;

	for (; *s; s++)
		n += *s == '"';
	return n % 2 == 0;
}

static int uenv_expand_text(struct uenv *e, const char *text, struct strbuf *sb);

/* Expand one reference: unknown variables stay as written. */
static int uenv_expand_ref(void *ctx, const char *name, size_t len, struct strbuf *sb)
{
	struct uenv *e = ctx;
	struct uvar *v = uvar_find(e, name, len);

	if (!v) {
		sb_add(sb, "${");
		sb_addn(sb, name, len);
		sb_add(sb, "}");
		return 0;
	}
	if (v->expanded) {
		sb_add(sb, v->value);
		return 0;
	}
	for (unsigned i = 0; i < e->depth; i++) {
		if (!strcmp(e->stack[i], v->name)) {
			struct strbuf chain = STRBUF_INIT;

			for (unsigned j = i; j < e->depth; j++)
				sb_addf(&chain, "%s -> ", e->stack[j]);
			sb_add(&chain, v->name);
			fail(e->err, e->errlen, e->file, v->line, "variable '%s' refers back to itself (%s)",
			     v->name, chain.buf);
			sb_release(&chain);
			return -1;
		}
	}
	if (e->depth >= BOOTFILE_MAX_DEPTH) {
		fail(e->err, e->errlen, e->file, v->line, "variable references nest deeper than %d levels at '%s'",
		     BOOTFILE_MAX_DEPTH, v->name);
		return -1;
	}
	if (!count_quotes_ok(v->value)) {
		fail(e->err, e->errlen, e->file, v->line, "unterminated '\"' quote in '%s'", v->name);
		return -1;
	}
	e->stack[e->depth++] = v->name;
	if (uenv_expand_text(e, v->value, sb))
		return -1;
	e->depth--;
	return 0;
}

/* Lazy text (name=value): ${x} and $x anywhere, quotes kept as written. */
static int uenv_expand_text(struct uenv *e, const char *text, struct strbuf *sb)
{
	for (const char *p = text; *p; p++) {
		if (*p == '$') {
			const char *q = p + 1, *s;
			bool brace = *q == '{';

			if (brace)
				q++;
			for (s = q; isalnum((unsigned char)*s) || *s == '_'; s++)
				;
			if (s > q && (!brace || *s == '}')) {
				if (uenv_expand_ref(e, q, (size_t)(s - q), sb))
					return -1;
				p = brace ? s : s - 1;
				continue;
			}
		}
		sb_addn(sb, p, 1);
	}
	return 0;
}

static bool is_var_name(const char *s, size_t n)
{
	if (!n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_' && s[i] != '.' && s[i] != '-')
			return false;
	return true;
}

/* "name=value" with a plausible variable name: the offset of '=', else 0. */
static size_t assignment(const char *p)
{
	const char *eq = strchr(p, '=');

	if (!eq || !is_var_name(p, (size_t)(eq - p)))
		return 0;
	return (size_t)(eq - p);
}

static char *setenv_args(char *p)
{
	char *r = keyword(p, "setenv");

	if (r)
		return r;
	r = keyword(p, "env");
	return r ? keyword(r, "set") : NULL;
}

int bootfile_parse_uenv(const char *name, const char *text, struct bootfile_result *out,
			char *err, size_t errlen)
{
	struct lines ls;
	struct uenv e;
	struct uvar *ba;
	int rc = -1;

	memset(&e, 0, sizeof(e));
	e.file = name;
	e.err = err;
	e.errlen = errlen;
	split_lines(&ls, text);
	for (size_t i = 0; i < ls.n; i++) {
		char *p = skip_ws(ls.l[i]), *args;
		int line = (int)i + 1;
		size_t eq;

		if (!*p || *p == '#')
			continue;
		e.line = line;
		if ((args = setenv_args(p))) {
			char **w;
			size_t nw;
			int r = shell_words(args, &w, &nw, uenv_expand_ref, &e);

			if (r == -1) {
				free_words(w, nw);
				fail(err, errlen, name, line, "unterminated quote in '%s'", p);
				goto out;
			}
			if (r) {
				free_words(w, nw);
				goto out;
			}
			if (nw >= 1) {
				if (nw == 1) {
					struct uvar *v = uvar_find(&e, w[0], strlen(w[0]));

					if (v)	/* setenv NAME: deletes it */
						v->name[0] = '\0';
				} else {
					uvar_set(&e, w[0], join_words(w, nw, 1), true, line);
				}
			}
			free_words(w, nw);
		} else if ((eq = assignment(p))) {
			char *nm = xstrndup(p, eq);

			uvar_set(&e, nm, xstrdup(p + eq + 1), false, line);
			free(nm);
		}
	}
	ba = uvar_find(&e, "bootargs", 8);
	if (!ba) {
		fail(err, errlen, name, 0, "no 'bootargs' is set (expected 'bootargs=...' or 'setenv bootargs ...')");
		goto out;
	}
	if (ba->expanded) {
		set_result(out, name, ba->line, xstrdup(ba->value), NULL, NULL);
	} else {
		struct strbuf sb = STRBUF_INIT;

		sb_add(&sb, "");
		if (uenv_expand_ref(&e, "bootargs", 8, &sb)) {
			sb_release(&sb);
			goto out;
		}
		set_result(out, name, ba->line, sb_detach(&sb), NULL, NULL);
	}
	rc = 0;
out:
	for (size_t i = 0; i < e.n; i++) {
		free(e.v[i].name);
		free(e.v[i].value);
	}
	free(e.v);
	lines_release(&ls);
	return rc;
}

/* ---- extlinux.conf ------------------------------------------------------ */

struct xlabel {
	char *name;
	int line;
	char *append;
	int append_line;
	bool menu_default;
};

int bootfile_parse_extlinux(const char *name, const char *text, const char *label,
			    struct bootfile_result *out, char *err, size_t errlen)
{
	struct lines ls;
	struct xlabel *lab = NULL, *cur = NULL, *pick = NULL;
	size_t nlab = 0, clab = 0;
	char *global = NULL, *def = NULL, *what;
	int global_line = 0, rc = -1;

	split_lines(&ls, text);
	for (size_t i = 0; i < ls.n; i++) {
		char *p = skip_ws(ls.l[i]), *a;
		int line = (int)i + 1;

		rtrim(p);
		if (!*p || *p == '#')
			continue;
		if ((a = keyword(p, "label"))) {
			if (!*a) {
				fail(err, errlen, name, line, "'label' without a name");
				goto out;
			}
			cur = ARRAY_PUSH(lab, nlab, clab);
			memset(cur, 0, sizeof(*cur));
			cur->name = xstrdup(a);
			cur->line = line;
		} else if ((a = keyword(p, "append"))) {
			if (!strcmp(a, "-"))
				*a = '\0';	/* "APPEND -": no options */
			if (cur) {
				free(cur->append);
				cur->append = xstrdup(a);
				cur->append_line = line;
			} else {
				free(global);
				global = xstrdup(a);
				global_line = line;
			}
		} else if ((a = keyword(p, "default"))) {
			free(def);
			def = xstrdup(a);
		} else if ((a = keyword(p, "menu")) && keyword(a, "default") && cur) {
			cur->menu_default = true;
		}
	}
	if (label) {
		for (size_t i = 0; i < nlab && !pick; i++)
			if (!strcmp(lab[i].name, label))
				pick = &lab[i];
		if (!pick) {
			struct strbuf sb = STRBUF_INIT;

			for (size_t i = 0; i < nlab; i++)
				sb_addf(&sb, "%s'%s'", i ? ", " : "", lab[i].name);
			fail(err, errlen, name, 0, "no label '%s' (labels: %s)", label, sb.buf ? sb.buf : "none");
			sb_release(&sb);
			goto out;
		}
	} else if (def) {
		for (size_t i = 0; i < nlab && !pick; i++)
			if (!strcmp(lab[i].name, def))
				pick = &lab[i];
		if (!pick && nlab) {
			fail(err, errlen, name, 0, "the default label '%s' is not defined", def);
			goto out;
		}
	} else {
		for (size_t i = 0; i < nlab && !pick; i++)
			if (lab[i].menu_default)
				pick = &lab[i];
		if (!pick && nlab)
			pick = &lab[0];
	}
	if (!pick) {
		if (!global) {
			fail(err, errlen, name, 0, "no 'label' and no 'append' line: not an extlinux.conf with a command line");
			goto out;
		}
		set_result(out, name, global_line, xstrdup(global), NULL, NULL);
		rc = 0;
		goto out;
	}
	/* A label's own APPEND replaces the global one (syslinux semantics). */
	what = xasprintf("label %s", pick->name);
	if (pick->append)
		set_result(out, name, pick->append_line, xstrdup(pick->append), what, pick->name);
	else if (global)
		set_result(out, name, global_line, xstrdup(global), what, pick->name);
	else
		set_result(out, name, pick->line, xstrdup(""), what, pick->name);
	free(what);
	rc = 0;
out:
	for (size_t i = 0; i < nlab; i++) {
		free(lab[i].name);
		free(lab[i].append);
	}
	free(lab);
	free(global);
	free(def);
	lines_release(&ls);
	return rc;
}

/* ---- grub.cfg ----------------------------------------------------------- */

struct gentry {
	char *title;
	char *id;
	char *path;	/* "2" or "1>0" */
	char *args;
	int line;	/* menuentry line */
	int linux_line;
};

#define GRUB_MAX_DEPTH 8

int bootfile_parse_grub(const char *name, const char *text, const char *label,
			struct bootfile_result *out, char *err, size_t errlen)
{
	struct lines ls;
	struct gentry *ent = NULL, *pick = NULL;
	size_t nent = 0, cent = 0;
	/* per brace level: is it a menuentry/submenu block, its index path */
	char *path[GRUB_MAX_DEPTH + 1] = { NULL };
	unsigned count[GRUB_MAX_DEPTH + 1] = { 0 };
	int kind[GRUB_MAX_DEPTH + 1] = { 0 };	/* 0 other, 1 submenu, 2 menuentry */
	unsigned depth = 0;
	struct gentry *cur = NULL;
	char *def = NULL, *what;
	int rc = -1;

	split_lines(&ls, text);
	for (size_t i = 0; i < ls.n; i++) {
		char *p = skip_ws(ls.l[i]), *a;
		int line = (int)i + 1;
		size_t len;

		rtrim(p);
		if (!*p || *p == '#')
			continue;
		len = strlen(p);
		if ((a = keyword(p, "menuentry")) || (a = keyword(p, "submenu"))) {
			bool sub = *p == 's';
			char **w;
			size_t nw;
			char *idx;

			if (shell_words(a, &w, &nw, NULL, NULL)) {
				free_words(w, nw);
				fail(err, errlen, name, line, "unterminated quote in the %s title", sub ? "submenu" : "menuentry");
				goto out;
			}
			if (!nw || p[len - 1] != '{') {
				free_words(w, nw);
				fail(err, errlen, name, line, "%s without a title or an opening '{' on its line",
				     sub ? "submenu" : "menuentry");
				goto out;
			}
			if (depth >= GRUB_MAX_DEPTH) {
				free_words(w, nw);
				fail(err, errlen, name, line, "blocks nest deeper than %d levels", GRUB_MAX_DEPTH);
				goto out;
			}
			idx = path[depth] ? xasprintf("%s>%u", path[depth], count[depth])
					  : xasprintf("%u", count[depth]);
			count[depth]++;
			depth++;
			kind[depth] = sub ? 1 : 2;
			path[depth] = idx;
			count[depth] = 0;
			if (!sub) {
				cur = ARRAY_PUSH(ent, nent, cent);
				memset(cur, 0, sizeof(*cur));
				cur->title = xstrdup(w[0]);
				cur->path = xstrdup(idx);
				cur->line = line;
				for (size_t j = 1; j + 1 < nw; j++) {
					if (strcmp(w[j], "--id") && strcmp(w[j], "$menuentry_id_option"))
						continue;
					free(cur->id);	/* the last --id counts */
					cur->id = xstrdup(w[j + 1]);
				}
			}
			free_words(w, nw);
			continue;
		}
		if (!strcmp(p, "}")) {
			if (!depth) {
				fail(err, errlen, name, line, "'}' without an open block");
				goto out;
			}
			if (kind[depth] == 2)
				cur = NULL;
			free(path[depth]);
			path[depth] = NULL;
			depth--;
			continue;
		}
		if (p[len - 1] == '{' && (keyword(p, "if") || keyword(p, "function") || keyword(p, "for") ||
					  keyword(p, "while"))) {
			/* a non-menu block: counted for balance, shares its parent's index */
			if (depth >= GRUB_MAX_DEPTH) {
				fail(err, errlen, name, line, "blocks nest deeper than %d levels", GRUB_MAX_DEPTH);
				goto out;
			}
			depth++;
			kind[depth] = 0;
			path[depth] = path[depth - 1] ? xstrdup(path[depth - 1]) : NULL;
			continue;
		}
		if (cur && ((a = keyword(p, "linux")) || (a = keyword(p, "linux16")) || (a = keyword(p, "linuxefi")))) {
			char **w;
			size_t nw;

			if (shell_words(a, &w, &nw, NULL, NULL)) {
				free_words(w, nw);
				fail(err, errlen, name, line, "unterminated quote in the linux line");
				goto out;
			}
			free(cur->args);
			cur->args = join_words(w, nw, nw ? 1 : 0);
			cur->linux_line = line;
			free_words(w, nw);
			continue;
		}
		if (!depth && (a = keyword(p, "set")) && !strncmp(a, "default=", 8)) {
			char **w;
			size_t nw;

			if (shell_words(a + 8, &w, &nw, NULL, NULL)) {
				free_words(w, nw);
				fail(err, errlen, name, line, "unterminated quote in 'set default'");
				goto out;
			}
			free(def);
			def = nw ? xstrdup(w[0]) : NULL;
			free_words(w, nw);
		}
	}
	if (depth) {
		fail(err, errlen, name, 0, "a block is not closed with '}' at the end of the file");
		goto out;
	}
	if (!nent) {
		fail(err, errlen, name, 0, "no menuentry");
		goto out;
	}
	if (label) {
		for (size_t i = 0; i < nent && !pick; i++)
			if (!strcmp(ent[i].title, label) || (ent[i].id && !strcmp(ent[i].id, label)) ||
			    !strcmp(ent[i].path, label))
				pick = &ent[i];
		if (!pick) {
			struct strbuf sb = STRBUF_INIT;

			for (size_t i = 0; i < nent; i++)
				sb_addf(&sb, "%s'%s'", i ? ", " : "", ent[i].title);
			fail(err, errlen, name, 0, "no menuentry '%s' (menuentries: %s)", label, sb.buf);
			sb_release(&sb);
			goto out;
		}
	} else {
		/* set default=N, N>M, a title or an id; anything else falls back to entry 0 like GRUB */
		for (size_t i = 0; def && i < nent && !pick; i++)
			if (!strcmp(ent[i].path, def) || !strcmp(ent[i].title, def) ||
			    (ent[i].id && !strcmp(ent[i].id, def)))
				pick = &ent[i];
		if (!pick)
			pick = &ent[0];
	}
	if (!pick->args) {
		fail(err, errlen, name, pick->line, "menuentry '%s' has no linux line", pick->title);
		goto out;
	}
	what = xasprintf("menuentry '%s'", pick->title);
	set_result(out, name, pick->linux_line, xstrdup(pick->args), what, pick->title);
	free(what);
	rc = 0;
out:
	for (unsigned i = 0; i <= GRUB_MAX_DEPTH; i++)
		free(path[i]);
	for (size_t i = 0; i < nent; i++) {
		free(ent[i].title);
		free(ent[i].id);
		free(ent[i].path);
		free(ent[i].args);
	}
	free(ent);
	free(def);
	lines_release(&ls);
	return rc;
}

/* ---- cmdline.txt, /proc/cmdline ---------------------------------------- */

int bootfile_parse_cmdline(const char *name, const char *text, struct bootfile_result *out,
			   char *err, size_t errlen)
{
	struct lines ls;
	int first = 0;

	split_lines(&ls, text);
	for (size_t i = 0; i < ls.n; i++) {
		char *p = skip_ws(ls.l[i]);

		if (!*p)
			continue;
		if (first) {
			fail(err, errlen, name, (int)i + 1,
			     "a second line: the command line file must be a single line (line %d is the first)", first);
			lines_release(&ls);
			return -1;
		}
		first = (int)i + 1;
	}
	if (!first) {
		set_result(out, name, 1, xstrdup(""), NULL, NULL);
	} else {
		char *v = xstrdup(skip_ws(ls.l[first - 1]));

		rtrim(v);
		set_result(out, name, first, v, NULL, NULL);
	}
	lines_release(&ls);
	return 0;
}

/* ---- detection and reading --------------------------------------------- */

static const char *const format_names[] = { "auto", "uenv", "extlinux", "grub", "cmdline" };

const char *bootfile_format_name(enum bootfile_format f)
{
	return format_names[f];
}

int bootfile_format_parse(const char *s, enum bootfile_format *out)
{
	static const struct { const char *n; enum bootfile_format f; } names[] = {
		{ "auto", BF_AUTO }, { "uenv", BF_UENV }, { "uboot", BF_UENV }, { "boot.cmd", BF_UENV },
		{ "extlinux", BF_EXTLINUX }, { "grub", BF_GRUB }, { "cmdline", BF_CMDLINE },
		{ "cmdline.txt", BF_CMDLINE }, { "proc", BF_CMDLINE },
	};

	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		if (!strcmp(s, names[i].n)) {
			*out = names[i].f;
			return 0;
		}
	}
	return -1;
}

enum bootfile_format bootfile_detect(const char *text)
{
	struct lines ls;
	size_t content = 0, assigns = 0;
	bool grub = false, ext = false, uenv = false;

	split_lines(&ls, text);
	for (size_t i = 0; i < ls.n; i++) {
		char *p = skip_ws(ls.l[i]), *a;

		if (!*p || *p == '#')
			continue;
		content++;
		if (keyword(p, "menuentry") || keyword(p, "submenu"))
			grub = true;
		else if ((keyword(p, "label") && *keyword(p, "label")) || keyword(p, "append"))
			ext = true;
		else if ((a = setenv_args(p)) && *a)
			uenv = true;
		else if (!strncmp(p, "bootargs=", 9))
			uenv = true;
		else if (assignment(p) && !strchr(p, ' '))
			assigns++;
	}
	lines_release(&ls);
	if (grub)
		return BF_GRUB;
	if (ext)
		return BF_EXTLINUX;
	if (uenv || (assigns >= 2 && assigns == content))
		return BF_UENV;
	if (content == 1)
		return BF_CMDLINE;
	return BF_AUTO;
}

int bootfile_read(const char *path, enum bootfile_format fmt, const char *label,
		  struct bootfile_result *out, char *err, size_t errlen)
{
	size_t len;
	char *text = read_file(path, BOOTFILE_MAX_BYTES, &len);
	const char *name = base_name(path);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!text) {
		if (errno == EFBIG)
			snprintf(err, errlen, "%s: larger than %u bytes: not a boot configuration file", path,
				 BOOTFILE_MAX_BYTES);
		else
			snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
		return -1;
	}
	if (memchr(text, '\0', len)) {
		snprintf(err, errlen, "%s: binary data (a NUL byte at offset %zu): not a boot configuration file", path,
			 (size_t)((char *)memchr(text, '\0', len) - text));
		free(text);
		return -1;
	}
	if (fmt == BF_AUTO) {
		fmt = bootfile_detect(text);
		if (fmt == BF_AUTO) {
			snprintf(err, errlen,
				 "%s: unknown format: not a U-Boot environment or script, extlinux.conf, grub.cfg or a one-line cmdline.txt (use --bootargs-format)",
				 path);
			free(text);
			return -1;
		}
	}
	if (label && fmt != BF_EXTLINUX && fmt != BF_GRUB) {
		snprintf(err, errlen, "%s: --label applies to extlinux.conf and grub.cfg, not to a %s file", path,
			 bootfile_format_name(fmt));
		free(text);
		return -1;
	}
	switch (fmt) {
	case BF_UENV:
		rc = bootfile_parse_uenv(name, text, out, err, errlen);
		break;
	case BF_EXTLINUX:
		rc = bootfile_parse_extlinux(name, text, label, out, err, errlen);
		break;
	case BF_GRUB:
		rc = bootfile_parse_grub(name, text, label, out, err, errlen);
		break;
	default:
		rc = bootfile_parse_cmdline(name, text, out, err, errlen);
		break;
	}
	free(text);
	if (!rc)
		out->file = xstrdup(path);
	return rc;
}

void bootfile_result_release(struct bootfile_result *r)
{
	free(r->value);
	free(r->source);
	free(r->file);
	free(r->label);
	memset(r, 0, sizeof(*r));
}
