// SPDX-License-Identifier: MIT
#include "fdtindex.h"

#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static int cmp_iphandle(const void *a, const void *b)
{
	const struct fdt_iphandle *x = a, *y = b;

	if (x->phandle != y->phandle)
		return x->phandle < y->phandle ? -1 : 1;
	return x->node < y->node ? -1 : x->node > y->node;
}

/* Every node's phandle, sorted, so that resolving one costs a binary search. */
static void index_phandles(struct fdt_index *ix)
{
	size_t cap = 0;

	for (size_t n = 0; n < ix->nnodes; n++) {
		uint32_t ph = fdt_index_phandle(ix, (int)n);

		if (ph && ph != UINT32_MAX)
			*ARRAY_PUSH(ix->phandles, ix->nphandles, cap) = (struct fdt_iphandle){ ph, (int)n };
	}
	if (ix->nphandles)
		sort_array(ix->phandles, ix->nphandles, sizeof(*ix->phandles), cmp_iphandle);
}

int fdt_index_by_phandle(const struct fdt_index *ix, uint32_t ph)
{
	size_t lo = 0, hi = ix->nphandles;

	/* the first entry not below @ph */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ix->phandles[mid].phandle < ph)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ix->nphandles && ix->phandles[lo].phandle == ph ? ix->phandles[lo].node : -1;
}

int fdt_index_build(struct fdt_index *ix, const void *fdt)
{
	int offset = 0, next, cur = -1;
	uint32_t tag;

	memset(ix, 0, sizeof(*ix));
	ix->fdt = fdt;
	do {
		tag = fdt_next_tag(fdt, offset, &next);
		if (next < 0 && tag != FDT_END)
			goto bad;
		switch (tag) {
		case FDT_BEGIN_NODE: {
			struct fdt_inode *n;
			const char *name = fdt_get_name(fdt, offset, NULL);
			int idx = (int)ix->nnodes;

			/* fdt_check_full() lets a second top-level node through: libfdt walks it, so do we */
			if (!name)
				goto bad;
			n = ARRAY_PUSH(ix->nodes, ix->nnodes, ix->cnodes);
			n->offset = offset;
			n->name = name;
			n->parent = cur;
			n->depth = cur < 0 ? 0 : ix->nodes[cur].depth + 1;
			n->first_child = n->next_sibling = n->last_child = -1;
			n->prop0 = ix->nprops;
			n->nprops = 0;
			if (cur >= 0) {
				struct fdt_inode *p = &ix->nodes[cur];

				if (p->last_child >= 0)
					ix->nodes[p->last_child].next_sibling = idx;
				else
					p->first_child = idx;
				p->last_child = idx;
			}
			cur = idx;
			break;
		}
		case FDT_END_NODE:
			if (cur < 0)
				goto bad;
			cur = ix->nodes[cur].parent;
			break;
		case FDT_PROP: {
			const struct fdt_property *p = fdt_offset_ptr(fdt, offset, sizeof(*p));
			struct fdt_iprop *ip;
			const char *name;

			if (!p || cur < 0)
				goto bad;
			if (ix->nodes[cur].first_child >= 0)
				break;	/* libfdt sees no property after a node's first subnode */
			name = fdt_string(fdt, (int)fdt32_to_cpu(p->nameoff));
			if (!name)
				goto bad;
			ip = ARRAY_PUSH(ix->props, ix->nprops, ix->cprops);
			ip->name = name;
			ip->len = (int)fdt32_to_cpu(p->len);
			ip->value = p->data;
			ix->nodes[cur].nprops++;
			break;
		}
		default:
			break;
		}
		offset = next;
	} while (tag != FDT_END);
	if (!ix->nnodes || cur >= 0)
		goto bad;
	index_phandles(ix);
	return 0;
bad:
	fdt_index_release(ix);
	return -FDT_ERR_BADSTRUCTURE;
}

void fdt_index_release(struct fdt_index *ix)
{
	free(ix->nodes);
	free(ix->props);
	free(ix->phandles);
	memset(ix, 0, sizeof(*ix));
}

const void *fdt_index_getprop(const struct fdt_index *ix, int n, const char *name, int *len)
{
	const struct fdt_inode *node = &ix->nodes[n];

	for (size_t i = node->prop0; i < node->prop0 + node->nprops; i++) {
		const struct fdt_iprop *p = &ix->props[i];

		if (!strcmp(p->name, name)) {
			if (len)
				*len = p->len;
			return p->value;
		}
	}
	if (len)
		*len = -FDT_ERR_NOTFOUND;
	return NULL;
}

uint32_t fdt_index_phandle(const struct fdt_index *ix, int n)
{
	int len;
	const fdt32_t *p = fdt_index_getprop(ix, n, "phandle", &len);

	if (!p || len != (int)sizeof(*p)) {
		p = fdt_index_getprop(ix, n, "linux,phandle", &len);
		if (!p || len != (int)sizeof(*p))
			return 0;
	}
	return fdt32_to_cpu(*p);
}

/* libfdt's node-name match: exact, or "name@unit" for a name given without '@'. */
static bool name_eq(const char *name, const char *s, size_t len)
{
	if (strncmp(name, s, len) || strnlen(name, len) < len)
		return false;
	return name[len] == '\0' || (name[len] == '@' && !memchr(s, '@', len));
}

int fdt_index_path(const struct fdt_index *ix, const char *path)
{
	const char *p = path, *end = path + strlen(path);
	int node = 0;

	if (*path != '/' || !ix->nnodes)
		return -1;
	while (p < end) {
		const char *q;
		int child;

		while (*p == '/') {
			p++;
			if (p == end)
				return node;
		}
		q = memchr(p, '/', (size_t)(end - p));
		if (!q)
			q = end;
		fdt_index_for_each_child(ix, child, node)
			if (name_eq(ix->nodes[child].name, p, (size_t)(q - p)))
				break;
		if (child < 0)
			return -1;
		node = child;
		p = q;
	}
	return node;
}

int fdt_index_compatible(const struct fdt_index *ix, const char *compat)
{
	for (size_t i = 0; i < ix->nnodes; i++) {
		int len;
		const char *p = fdt_index_getprop(ix, (int)i, "compatible", &len);

		if (p && fdt_stringlist_contains(p, len, compat))
			return (int)i;
	}
	return -1;
}

bool fdt_index_node_path(const struct fdt_index *ix, int n, char *buf, size_t buflen)
{
	size_t len = 0, pos;

	if (!buflen)
		return false;
	if (n == 0) {
		if (buflen < 2)
			return false;
		strcpy(buf, "/");
		return true;
	}
	/* "/a/b" fits when "/a/b/" does, as fdt_get_path() builds it */
	for (int i = n; i > 0; i = ix->nodes[i].parent)
		len += 1 + strlen(ix->nodes[i].name);
	if (len + 1 > buflen)
		return false;
	pos = len;
	buf[pos] = '\0';
	for (int i = n; i > 0; i = ix->nodes[i].parent) {
		size_t l = strlen(ix->nodes[i].name);

		pos -= l;
		memcpy(buf + pos, ix->nodes[i].name, l);
		buf[--pos] = '/';
	}
	return true;
}
