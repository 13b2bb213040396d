// SPDX-License-Identifier: MIT
/* The project configuration: read, validate, find, match and apply. */
#define _XOPEN_SOURCE 700	/* realpath */
#include "config.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmdline.h"
#include "util.h"

#define CONFIG_MAX_SIZE ((size_t)1 << 20)
#define CONFIG_MAX_ITEMS 1000		/* boards, suppressions, RAM banks each */
#define CONFIG_MAX_DEPTH 64		/* directories searched upward */

struct vctx {
	const char *file;
	char *err;
	size_t errlen;
};

static int PRINTF(2, 3) fail(struct vctx *v, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(v->err, v->errlen, "'%s': ", v->file);
	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < v->errlen)
		vsnprintf(v->err + n, v->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	/* keys and values come from the file: keep the message on one line */
	for (char *c = v->err; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = '?';
	return -1;
}

/* "profile" + "kernel" -> "profile.kernel"; "" + "rules" -> "rules". */
static void key_path(char *out, size_t len, const char *parent, const char *key)
{
	if (snprintf(out, len, "%s%s%s", parent, *parent ? "." : "", key) >= (int)len)
		memcpy(out + len - 4, "...", 4);	/* shown shortened; keys are bounded anyway */
}

/* Every member of object @o is one of @keys (NULL-terminated) and appears once. */
static int check_keys(struct vctx *v, const cJSON *o, const char *where, const char *const *keys)
{
	const cJSON *m, *n;
	char path[256];

	if (!cJSON_IsObject(o))
		return fail(v, "'%s' must be an object", where);
	cJSON_ArrayForEach(m, o) {
		bool known = false;

		for (const char *const *k = keys; *k; k++)
			if (!strcmp(*k, m->string))
				known = true;
		/* the JSON Schema an editor validates the file with (docs/cmalint-config.schema.json) */
		if (!*where && !strcmp(m->string, "$schema")) {
			if (!cJSON_IsString(m))
				return fail(v, "'$schema' must be a string (the schema's path or URL)");
			known = true;
		}
		key_path(path, sizeof(path), where, m->string);
		if (!known) {
			struct strbuf sb = STRBUF_INIT;

			for (const char *const *k = keys; *k; k++)
				sb_addf(&sb, "%s%s", k == keys ? "" : ", ", *k);
			fail(v, "'%s' is not a known key (expected one of: %s)", path, sb.buf);
			sb_release(&sb);
			return -1;
		}
		for (n = o->child; n != m; n = n->next)
			if (!strcmp(n->string, m->string))
				return fail(v, "'%s' is given twice", path);
	}
	return 0;
}

static int get_string(struct vctx *v, const cJSON *item, const char *path, char **out)
{
	if (!cJSON_IsString(item) || !item->valuestring)
		return fail(v, "'%s' must be a string", path);
	if (strlen(item->valuestring) > 4096)
		return fail(v, "'%s' is longer than 4096 characters", path);
	*out = xstrdup(item->valuestring);
	return 0;
}

static int get_uint(struct vctx *v, const cJSON *item, const char *path, uint64_t max, uint64_t *out)
{
	double d;

	*out = 0;	/* set on every path: no caller reads it uninitialised */
	if (!cJSON_IsNumber(item))
		return fail(v, "'%s' must be a whole number from 0 to %llu", path, (unsigned long long)max);
	d = item->valuedouble;
	if (!(d >= 0) || d > (double)max || (double)(uint64_t)d != d)
		return fail(v, "'%s' must be a whole number from 0 to %llu", path, (unsigned long long)max);
	*out = (uint64_t)d;
	return 0;
}

static int get_size(struct vctx *v, const cJSON *item, const char *path, uint64_t *out)
{
	if (!cJSON_IsString(item) || cl_parse_size(item->valuestring, out))
		return fail(v, "'%s' must be a size string such as \"256M\" or \"0x10000000\"", path);
	return 0;
}

static int parse_profile(struct vctx *v, const cJSON *o, const char *where, struct cfg_section *s)
{
	static const char *const keys[] = { "kernel", "arch", "page_size", "ram", "cma_size_mbytes",
					     "kernel_image", NULL };
	const cJSON *m;
	char path[256];

	if (check_keys(v, o, where, keys))
		return -1;
	cJSON_ArrayForEach(m, o) {
		key_path(path, sizeof(path), where, m->string);
		if (!strcmp(m->string, "kernel")) {
			if (!cJSON_IsString(m) || kver_parse(m->valuestring, &s->kernel))
				return fail(v, "'%s' must be a kernel version such as \"6.1\" or \"5.4.74\"", path);
			kver_format(s->kernel, s->kernel_str);
			s->set |= CFG_KERNEL;
		} else if (!strcmp(m->string, "arch")) {
			if (!cJSON_IsString(m) || arch_parse(m->valuestring, &s->arch))
				return fail(v, "'%s' must be one of \"arm64\", \"arm\", \"riscv64\", \"x86_64\"", path);
			s->set |= CFG_ARCH;
		} else if (!strcmp(m->string, "page_size")) {
			if (!cJSON_IsString(m) || page_size_parse(m->valuestring, &s->page_size))
				return fail(v, "'%s' must be one of \"4K\", \"16K\", \"64K\"", path);
			s->set |= CFG_PAGE_SIZE;
		} else if (!strcmp(m->string, "ram")) {
			const cJSON *b;
			size_t i = 0, cap = 0;

			if (!cJSON_IsArray(m) || !cJSON_GetArraySize(m))
				return fail(v, "'%s' must be a non-empty list of \"SIZE@BASE\" strings", path);
			cJSON_ArrayForEach(b, m) {
				struct ram_bank bank;

				if (i >= CONFIG_MAX_ITEMS)
					return fail(v, "'%s' has more than %d banks", path, CONFIG_MAX_ITEMS);
				if (!cJSON_IsString(b) || ram_bank_parse(b->valuestring, &bank))
					return fail(v, "'%s[%zu]' must be \"SIZE@BASE\" (e.g. \"2G@0x80000000\") within 64 bits",
						    path, i);
				bank.node = xstrdup("configuration");
				*ARRAY_PUSH(s->ram, s->nram, cap) = bank;
				i++;
			}
			s->set |= CFG_RAM;
		} else if (!strcmp(m->string, "cma_size_mbytes")) {
			if (get_uint(v, m, path, UINT64_MAX >> 20, &s->cma_size_mbytes))
				return -1;
			s->set |= CFG_CMA_MBYTES;
		} else if (!strcmp(m->string, "kernel_image")) {
			if (get_size(v, m, path, &s->kernel_image))
				return -1;
			s->set |= CFG_KERNEL_IMAGE;
		}
	}
	return 0;
}

static int parse_thresholds(struct vctx *v, const cJSON *o, const char *where, struct cfg_section *s)
{
	static const char *const keys[] = { "cma_ratio", "headroom_low", "cma_too_small", NULL };
	static const char *const ratio_keys[] = { "warning_percent", "error_percent", NULL };
	static const char *const min_keys[] = { "min", NULL };
	const cJSON *m, *k;
	char path[256], kpath[300];

	if (check_keys(v, o, where, keys))
		return -1;
	cJSON_ArrayForEach(m, o) {
		key_path(path, sizeof(path), where, m->string);
		if (!strcmp(m->string, "cma_ratio")) {
			if (check_keys(v, m, path, ratio_keys))
				return -1;
			cJSON_ArrayForEach(k, m) {
				uint64_t pct;

				key_path(kpath, sizeof(kpath), path, k->string);
				if (get_uint(v, k, kpath, 100, &pct))
					return -1;
				if (!strcmp(k->string, "warning_percent")) {
					s->thresholds.cma_ratio_warn_pct = (unsigned)pct;
					s->set |= CFG_RATIO_WARN;
				} else {
					s->thresholds.cma_ratio_error_pct = (unsigned)pct;
					s->set |= CFG_RATIO_ERROR;
				}
			}
			if ((s->set & CFG_RATIO_WARN) && (s->set & CFG_RATIO_ERROR) &&
			    s->thresholds.cma_ratio_warn_pct > s->thresholds.cma_ratio_error_pct)
				return fail(v, "'%s.warning_percent' (%u) is above '%s.error_percent' (%u)", path,
					    s->thresholds.cma_ratio_warn_pct, path, s->thresholds.cma_ratio_error_pct);
		} else {
			bool headroom = !strcmp(m->string, "headroom_low");

			if (check_keys(v, m, path, min_keys))
				return -1;
			k = cJSON_GetObjectItemCaseSensitive(m, "min");
			if (!k)
				continue;
			key_path(kpath, sizeof(kpath), path, "min");
			if (get_size(v, k, kpath, headroom ? &s->thresholds.headroom_min : &s->thresholds.cma_min))
				return -1;
			s->set |= headroom ? CFG_HEADROOM_MIN : CFG_CMA_MIN;
		}
	}
	return 0;
}

static int parse_rules(struct vctx *v, const cJSON *o, const char *where, struct cfg_section *s)
{
	const cJSON *m, *n;
	char path[256];

	if (!cJSON_IsObject(o))
		return fail(v, "'%s' must be an object of rule ids and severities", where);
	cJSON_ArrayForEach(m, o) {
		const struct rule *r = rule_find(m->string);
		enum severity sev;

		key_path(path, sizeof(path), where, m->string);
		if (!r)
			return fail(v, "'%s': '%s' is not a rule (see 'cmalint rules')", path, m->string);
		for (n = o->child; n != m; n = n->next)
			if (!strcmp(n->string, m->string))
				return fail(v, "'%s' is given twice", path);
		if (!cJSON_IsString(m) || severity_parse(m->valuestring, &sev))
			return fail(v, "'%s' must be one of \"error\", \"warning\", \"info\", \"off\"", path);
		policy_set(&s->rules, r->id, sev);
	}
	return 0;
}

static int parse_section(struct vctx *v, const cJSON *o, const char *where, struct cfg_section *s)
{
	const cJSON *m;
	char path[256];

	thresholds_init(&s->thresholds);
	if ((m = cJSON_GetObjectItemCaseSensitive(o, "profile"))) {
		key_path(path, sizeof(path), where, "profile");
		if (parse_profile(v, m, path, s))
			return -1;
	}
	if ((m = cJSON_GetObjectItemCaseSensitive(o, "thresholds"))) {
		key_path(path, sizeof(path), where, "thresholds");
		if (parse_thresholds(v, m, path, s))
			return -1;
	}
	if ((m = cJSON_GetObjectItemCaseSensitive(o, "rules"))) {
		key_path(path, sizeof(path), where, "rules");
		if (parse_rules(v, m, path, s))
			return -1;
	}
	return 0;
}

static int parse_boards(struct vctx *v, const cJSON *arr, struct config *c)
{
	static const char *const keys[] = { "name", "match", "profile", "thresholds", "rules", NULL };
	static const char *const match_keys[] = { "file", "compatible", "model", NULL };
	const cJSON *o;
	size_t cap = 0;
	char where[64], path[128];

	if (!cJSON_IsArray(arr))
		return fail(v, "'boards' must be a list of board sections");
	cJSON_ArrayForEach(o, arr) {
		struct cfg_board *b;
		const cJSON *m, *k;

		snprintf(where, sizeof(where), "boards[%zu]", c->nboards);
		if (c->nboards >= CONFIG_MAX_ITEMS)
			return fail(v, "'boards' has more than %d sections", CONFIG_MAX_ITEMS);
		if (check_keys(v, o, where, keys))
			return -1;
		b = ARRAY_PUSH(c->boards, c->nboards, cap);
		memset(b, 0, sizeof(*b));
		if ((m = cJSON_GetObjectItemCaseSensitive(o, "name"))) {
			snprintf(path, sizeof(path), "%s.name", where);
			if (get_string(v, m, path, &b->name))
				return -1;
		} else {
			b->name = xstrdup(where);
		}
		m = cJSON_GetObjectItemCaseSensitive(o, "match");
		snprintf(path, sizeof(path), "%s.match", where);
		if (!m)
			return fail(v, "'%s' is missing: give \"file\", \"compatible\" or \"model\"", path);
		if (check_keys(v, m, path, match_keys))
			return -1;
		if (!m->child)
			return fail(v, "'%s' is empty: give \"file\", \"compatible\" or \"model\"", path);
		cJSON_ArrayForEach(k, m) {
			char kpath[160];
			char **dst = !strcmp(k->string, "file") ? &b->file :
				     !strcmp(k->string, "compatible") ? &b->compatible : &b->model;

			key_path(kpath, sizeof(kpath), path, k->string);
			if (get_string(v, k, kpath, dst))
				return -1;
			if (!**dst)
				return fail(v, "'%s' must not be empty", kpath);
		}
		if (parse_section(v, o, where, &b->s))
			return -1;
	}
	return 0;
}

static int parse_suppressions(struct vctx *v, const cJSON *arr, struct config *c)
{
	static const char *const keys[] = { "rule", "board", "node", "property", "reason", NULL };
	const cJSON *o;
	size_t cap = 0;
	char where[64], path[128];

	if (!cJSON_IsArray(arr))
		return fail(v, "'suppressions' must be a list of {rule, board, node, reason}");
	cJSON_ArrayForEach(o, arr) {
		struct cfg_suppression *s;
		const cJSON *m;
		const struct rule *r;
		char *id = NULL;

		snprintf(where, sizeof(where), "suppressions[%zu]", c->nsupp);
		if (c->nsupp >= CONFIG_MAX_ITEMS)
			return fail(v, "'suppressions' has more than %d entries", CONFIG_MAX_ITEMS);
		if (check_keys(v, o, where, keys))
			return -1;
		s = ARRAY_PUSH(c->supp, c->nsupp, cap);
		memset(s, 0, sizeof(*s));
		s->index = c->nsupp - 1;
		snprintf(path, sizeof(path), "%s.rule", where);
		m = cJSON_GetObjectItemCaseSensitive(o, "rule");
		if (!m)
			return fail(v, "'%s' is missing: name the rule to suppress", path);
		if (get_string(v, m, path, &id))
			return -1;
		r = rule_find(id);
		free(id);
		if (!r)
			return fail(v, "'%s': '%s' is not a rule (see 'cmalint rules')", path, m->valuestring);
		s->rule = r->id;
		snprintf(path, sizeof(path), "%s.reason", where);
		m = cJSON_GetObjectItemCaseSensitive(o, "reason");
		if (!m)
			return fail(v, "'%s' is missing: every suppression needs a reason", path);
		if (get_string(v, m, path, &s->reason))
			return -1;
		for (const char *p = s->reason; ; p++) {
			if (!*p)
				return fail(v, "'%s' is empty: every suppression needs a reason", path);
			if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
				break;
		}
		if ((m = cJSON_GetObjectItemCaseSensitive(o, "board"))) {
			snprintf(path, sizeof(path), "%s.board", where);
			if (get_string(v, m, path, &s->board))
				return -1;
		}
		if ((m = cJSON_GetObjectItemCaseSensitive(o, "node"))) {
			snprintf(path, sizeof(path), "%s.node", where);
			if (get_string(v, m, path, &s->node))
				return -1;
		}
		if ((m = cJSON_GetObjectItemCaseSensitive(o, "property"))) {
			snprintf(path, sizeof(path), "%s.property", where);
			if (get_string(v, m, path, &s->property))
				return -1;
		}
	}
	return 0;
}

/* 1-based line of byte @off in @text. */
static unsigned line_of(const char *text, size_t off)
{
	unsigned line = 1;

	for (size_t i = 0; i < off && text[i]; i++)
		if (text[i] == '\n')
			line++;
	return line;
}

int config_load(struct config *c, const char *path, char *err, size_t errlen)
{
	static const char *const keys[] = { "profile", "rules", "thresholds", "boards", "suppressions", NULL };
	struct vctx v = { path, err, errlen };
	const char *end = NULL;
	size_t len;
	char *text;
	cJSON *doc, *m;
	int rc = -1;

	memset(c, 0, sizeof(*c));
	c->path = xstrdup(path);
	thresholds_init(&c->base.thresholds);
	text = read_file(path, CONFIG_MAX_SIZE, &len);
	if (!text)
		return fail(&v, "cannot read the configuration: %s",
			    errno == EFBIG ? "larger than 1 MiB" : strerror(errno));
	if (memchr(text, '\0', len)) {
		free(text);
		return fail(&v, "not a JSON configuration (it holds a NUL byte)");
	}
	doc = cJSON_ParseWithLengthOpts(text, len + 1, &end, true);	/* read_file ends it with NUL */
	if (!doc) {
		size_t off = end && end >= text ? (size_t)(end - text) : 0;

		fail(&v, "not valid JSON (line %u)", line_of(text, off));
		free(text);
		return -1;
	}
	if (!cJSON_IsObject(doc)) {
		fail(&v, "the configuration must be a JSON object");
		goto out;
	}
	if (check_keys(&v, doc, "", keys))
		goto out;
	if (parse_section(&v, doc, "", &c->base))
		goto out;
	if ((m = cJSON_GetObjectItemCaseSensitive(doc, "boards")) && parse_boards(&v, m, c))
		goto out;
	if ((m = cJSON_GetObjectItemCaseSensitive(doc, "suppressions")) && parse_suppressions(&v, m, c))
		goto out;
	rc = 0;
out:
	cJSON_Delete(doc);
	free(text);
	return rc;
}

static void section_release(struct cfg_section *s)
{
	for (size_t i = 0; i < s->nram; i++)
		free(s->ram[i].node);
	free(s->ram);
	policy_release(&s->rules);
}

void config_release(struct config *c)
{
	section_release(&c->base);
	for (size_t i = 0; i < c->nboards; i++) {
		free(c->boards[i].name);
		free(c->boards[i].file);
		free(c->boards[i].compatible);
		free(c->boards[i].model);
		section_release(&c->boards[i].s);
	}
	free(c->boards);
	for (size_t i = 0; i < c->nsupp; i++) {
		free(c->supp[i].board);
		free(c->supp[i].node);
		free(c->supp[i].property);
		free(c->supp[i].reason);
	}
	free(c->supp);
	free(c->path);
	memset(c, 0, sizeof(*c));
}

static bool is_file(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISREG(st.st_mode);
}

char *config_find(const char *input)
{
	char *dir, *slash, *found = NULL;
	char cwd[PATH_MAX], real[PATH_MAX];
	size_t cwdlen;

	dir = xstrdup(input);
	slash = strrchr(dir, '/');
	if (slash)
		slash[slash == dir ? 1 : 0] = '\0';
	if (!realpath(slash ? dir : ".", real)) {
		free(dir);
		return NULL;
	}
	free(dir);
	for (int depth = 0; depth < CONFIG_MAX_DEPTH; depth++) {
		char *cand = xasprintf("%s%s.cmalint.json", real, strcmp(real, "/") ? "/" : "");
		char *git = xasprintf("%s%s.git", real, strcmp(real, "/") ? "/" : "");
		bool stop = !access(git, F_OK);

		free(git);
		if (is_file(cand)) {
			found = cand;
			break;
		}
		free(cand);
		slash = strrchr(real, '/');
		if (stop || !slash || !strcmp(real, "/"))
			break;
		slash[slash == real ? 1 : 0] = '\0';
	}
	if (!found)
		return NULL;
	/* Show it relative to the working directory when it is below it. */
	if (getcwd(cwd, sizeof(cwd)) && (cwdlen = strlen(cwd)) && !strncmp(found, cwd, cwdlen) &&
	    found[cwdlen] == '/') {
		char *rel = xstrdup(found + cwdlen + 1);

		free(found);
		found = rel;
	}
	return found;
}

bool config_file_matches(const char *pattern, const char *input)
{
	const char *base = strrchr(input, '/');

	while (input[0] == '.' && input[1] == '/')
		input += 2;
	if (!fnmatch(pattern, input, 0))
		return true;
	return !strchr(pattern, '/') && !fnmatch(pattern, base ? base + 1 : input, 0);
}

bool config_board_matches(const struct cfg_board *b, const char *input, const struct board *board)
{
	if (b->file && !config_file_matches(b->file, input))
		return false;
	if (b->model && (!board->model || fnmatch(b->model, board->model, 0)))
		return false;
	if (b->compatible) {
		bool any = false;

		for (size_t i = 0; i < board->ncompatible && !any; i++)
			any = !fnmatch(b->compatible, board->compatible[i], 0);
		if (!any)
			return false;
	}
	return true;
}

/*
 * A value from the command line, or read from the kernel's own .config
 * (--kconfig), is a fact about this run: the configuration file does not
 * override it.
 */
static bool config_may_set(enum vsource src)
{
	return src != SRC_CLI && src != SRC_KCONFIG;
}

void config_apply_section(const struct cfg_section *s, unsigned cli_set, struct profile *p,
			  struct thresholds *t, uint64_t *kernel_image, const struct ram_bank **ram,
			  size_t *nram, struct severity_policy *policy)
{
	if ((s->set & CFG_KERNEL) && config_may_set(p->kernel_src)) {
		p->kernel = s->kernel;
		memcpy(p->kernel_str, s->kernel_str, sizeof(p->kernel_str));
		p->kernel_src = SRC_CONFIG;
	}
	if ((s->set & CFG_ARCH) && config_may_set(p->arch_src)) {
		p->arch = s->arch;
		p->arch_src = SRC_CONFIG;
	}
	if ((s->set & CFG_PAGE_SIZE) && config_may_set(p->page_size_src)) {
		p->page_size = s->page_size;
		p->page_size_src = SRC_CONFIG;
	}
	if ((s->set & CFG_CMA_MBYTES) && config_may_set(p->cma_size_mbytes_src)) {
		p->cma_size_mbytes = s->cma_size_mbytes;
		p->cma_size_mbytes_src = SRC_CONFIG;
	}
	if ((s->set & CFG_RAM) && !(cli_set & CFG_RAM)) {
		*ram = s->ram;
		*nram = s->nram;
	}
	if ((s->set & CFG_KERNEL_IMAGE) && !(cli_set & CFG_KERNEL_IMAGE))
		*kernel_image = s->kernel_image;
	if ((s->set & CFG_RATIO_WARN) && !(cli_set & CFG_RATIO_WARN))
		t->cma_ratio_warn_pct = s->thresholds.cma_ratio_warn_pct;
	if ((s->set & CFG_RATIO_ERROR) && !(cli_set & CFG_RATIO_ERROR))
		t->cma_ratio_error_pct = s->thresholds.cma_ratio_error_pct;
	if ((s->set & CFG_HEADROOM_MIN) && !(cli_set & CFG_HEADROOM_MIN))
		t->headroom_min = s->thresholds.headroom_min;
	if ((s->set & CFG_CMA_MIN) && !(cli_set & CFG_CMA_MIN))
		t->cma_min = s->thresholds.cma_min;
	for (size_t i = 0; i < s->rules.n; i++)
		policy_set(policy, s->rules.o[i].id, s->rules.o[i].sev);
}
