// SPDX-License-Identifier: MIT
#include "livetree.h"

#include <dirent.h>
#include <errno.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bounds.h"
#include "fdtutil.h"
#include "util.h"

bool livetree_detect(const char *path)
{
	struct stat st;
	bool found = false;
	char *p;

	if (stat(path, &st) || !S_ISDIR(st.st_mode))
		return false;
	p = xasprintf("%s/#address-cells", path);
	found = stat(p, &st) == 0 && S_ISREG(st.st_mode);
	free(p);
	if (!found) {
		p = xasprintf("%s/name", path);
		found = stat(p, &st) == 0 && S_ISREG(st.st_mode);
		free(p);
	}
	return found;
}

struct lt {
	void *buf;
	int size;
	char *err;
	size_t errlen;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entries of @dir except "." and "..", sorted so the blob does not depend on readdir order. */
static char **list_dir(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t cap = 0;

	*n = 0;
	if (!d)
		return NULL;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (*n >= CMALINT_MAX_NODES)
			break;
		*ARRAY_PUSH(names, *n, cap) = xstrdup(e->d_name);
	}
	closedir(d);
	if (*n)
		sort_array(names, *n, sizeof(*names), cmp_str);
	return names;
}

static void free_list(char **l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(l[i]);
	free(l);
}

/* Double the sequential-write buffer; -1 past the blob size limit. */
static int grow(struct lt *lt)
{
	if ((size_t)lt->size * 2 > CMALINT_MAX_DTB_SIZE)
		return -1;
	lt->buf = xrealloc(lt->buf, (size_t)lt->size * 2);
	if (fdt_resize(lt->buf, lt->buf, lt->size * 2))
		return -1;
	lt->size *= 2;
	return 0;
}

/* Run a sequential-write call, growing the buffer while libfdt says it is full. */
#define SW(lt, rc, call) \
	do { \
		while (((rc) = (call)) == -FDT_ERR_NOSPACE && !grow(lt)) \
			; \
	} while (0)

/* The node name as the kernel shows "name": without the unit address. */
static bool is_synthetic_name(const char *node, const char *val, size_t len)
{
	size_t base = strcspn(node, "@");

	return len == base + 1 && val[base] == '\0' && !strncmp(node, val, base);
}

static int add_node(struct lt *lt, const char *dir, const char *name, int depth)
{
	size_t n;
	char **ents;
	int rc;

	if (depth > LIVETREE_MAX_DEPTH) {
		snprintf(lt->err, lt->errlen, "'%s': nodes nested deeper than %d", dir, LIVETREE_MAX_DEPTH);
		return -1;
	}
	errno = 0;
	ents = list_dir(dir, &n);
	if (!ents && errno) {
		snprintf(lt->err, lt->errlen, "cannot read '%s': %s", dir, strerror(errno));
		return -1;
	}
	SW(lt, rc, fdt_begin_node(lt->buf, name));
	/* properties first (sequential write wants them before subnodes) */
	for (size_t i = 0; !rc && i < n; i++) {
		char *p = xasprintf("%s/%s", dir, ents[i]);
		struct stat st;
		size_t len;
		void *val;

		if (lstat(p, &st) == 0 && S_ISREG(st.st_mode)) {
			val = read_file(p, LIVETREE_MAX_PROP, &len);
			if (!val) {
				snprintf(lt->err, lt->errlen, "cannot read '%s': %s", p,
					 errno == EFBIG ? "property larger than 1 MiB" : strerror(errno));
				rc = -1;
			} else if (!(depth > 0 && !strcmp(ents[i], "name") && is_synthetic_name(name, val, len)) &&
				   !(depth == 0 && !strcmp(ents[i], "name"))) {
				/* the kernel adds 'name' to every node; it is not in the DTB */
				SW(lt, rc, fdt_property(lt->buf, ents[i], val, (int)len));
			}
			free(val);
		}
		free(p);
	}
	for (size_t i = 0; !rc && i < n; i++) {
		char *p = xasprintf("%s/%s", dir, ents[i]);
		struct stat st;

		/* symbolic links are never followed: a live tree has none */
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
			rc = add_node(lt, p, ents[i], depth + 1);
		free(p);
	}
	if (!rc)
		SW(lt, rc, fdt_end_node(lt->buf));
	free_list(ents, n);
	return rc;
}

void *livetree_read(const char *path, size_t *len, char *err, size_t errlen)
{
	struct lt lt = { .size = 65536, .err = err, .errlen = errlen };
	int rc;

	err[0] = '\0';
	lt.buf = xmalloc((size_t)lt.size);
	rc = fdt_create(lt.buf, lt.size);
	if (!rc)
		SW(&lt, rc, fdt_finish_reservemap(lt.buf));
	if (!rc)
		rc = add_node(&lt, path, "", 0);
	if (!rc)
		SW(&lt, rc, fdt_finish(lt.buf));
	if (rc) {
		if (!err[0])
			snprintf(err, errlen, "cannot read the live tree '%s': %s", path, fdt_error_text(rc));
		free(lt.buf);
		return NULL;
	}
	*len = fdt_totalsize(lt.buf);
	return lt.buf;
}
