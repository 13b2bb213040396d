// SPDX-License-Identifier: MIT
#include "overlay.h"

#include <errno.h>
#include <libfdt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dts.h"
#include "util.h"

#define OVERLAY_MAX 64

static bool is_source(const char *path)
{
	size_t l = strlen(path);

	return (l > 4 && !strcmp(path + l - 4, ".dts")) || (l > 5 && !strcmp(path + l - 5, ".dtso"));
}

/*
 * An overlay has fragments (a node under the root holding __overlay__,
 * /fragment@N/__overlay__ as dtc writes them) or fixups. Without either,
 * fdt_overlay_apply() changes nothing: a board given as --overlay.
 */
static bool is_overlay(const void *fdt)
{
	int node;

	if (fdt_subnode_offset(fdt, 0, "__fixups__") >= 0 || fdt_subnode_offset(fdt, 0, "__local_fixups__") >= 0)
		return true;
	fdt_for_each_subnode(node, fdt, 0)
		if (fdt_subnode_offset(fdt, node, "__overlay__") >= 0)
			return true;
	return false;
}

static void not_an_overlay(const char *path, char *err, size_t errlen)
{
	snprintf(err, errlen, "--overlay '%s' is not an overlay: it has no /fragment@*/__overlay__ node and no __fixups__ or __local_fixups__; a board is an INPUT",
		 path);
}

static void *load_overlay(const char *path, const struct load_opts *o, size_t *len, char *err, size_t errlen)
{
	void *blob;
	char msg[1024];

	/* the content decides: a DTB by its magic whatever the name, else source */
	blob = read_file(path, CMALINT_MAX_DTB_SIZE, len);
	if (!blob) {
		snprintf(err, errlen, "cannot read overlay '%s': %s", path,
			 errno == EFBIG ? "larger than the limit for a device tree blob" : strerror(errno));
		return NULL;
	}
	if (!(*len >= 4 && fdt_magic(blob) == FDT_MAGIC) && (is_source(path) || dts_text_is_source(blob, *len))) {
		struct dts_opts d = { .include_dirs = o->include_dirs };

		free(blob);
		blob = dts_compile_ex(path, &d, NULL, len, err, errlen);
		if (!blob)
			return NULL;
	}
	/* the checks a base gets: libfdt 1.6.1 crashes or loops on some broken blobs */
	if (fdt_blob_validate(path, blob, *len, msg, sizeof(msg))) {
		snprintf(err, errlen, "overlay %s", msg);
		free(blob);
		return NULL;
	}
	if (!is_overlay(blob)) {
		not_an_overlay(path, err, errlen);
		free(blob);
		return NULL;
	}
	return blob;
}

int overlay_check(const char *path, const struct load_opts *o, char *err, size_t errlen)
{
	size_t len;
	void *blob = load_overlay(path, o, &len, err, errlen);
	char msg[1024];

	if (blob) {
		free(blob);
		return 0;
	}
	not_an_overlay(path, msg, sizeof(msg));
	return strcmp(err, msg) ? -1 : 1;
}

static void log_add(struct ovl_log *l, const char *path, const char *prop, const char *overlay)
{
	struct ovl_change *c = ARRAY_PUSH(l->c, l->n, l->cap);

	c->path = xstrdup(path);
	c->prop = prop ? xstrdup(prop) : NULL;
	c->overlay = overlay;
}

/* The nodes the board model reads: /chosen, /memory*, /reserved-memory and its children. */
static bool watched(const void *fdt, int node, int depth)
{
	const char *name = fdt_get_name(fdt, node, NULL);

	if (!name)
		return false;
	if (depth == 1)
		return !strcmp(name, "chosen") || !strncmp(name, "memory", 6) ||
		       !strcmp(name, "reserved-memory") || fdt_getprop(fdt, node, "device_type", NULL);
	return false;
}

static void diff_node(const void *old, const void *new, int node, const char *path,
		      const char *overlay, struct ovl_log *log)
{
	int onode = fdt_path_offset(old, path), prop;

	if (onode < 0) {
		log_add(log, path, NULL, overlay);
		return;
	}
	fdt_for_each_property_offset(prop, new, node) {
		const char *name;
		int len, olen;
		const void *v = fdt_getprop_by_offset(new, prop, &name, &len), *ov;

		if (!v || !strcmp(name, "phandle") || !strcmp(name, "linux,phandle"))
			continue;
		ov = fdt_getprop(old, onode, name, &olen);
		if (!ov || olen != len || memcmp(ov, v, (size_t)len))
			log_add(log, path, name, overlay);
	}
}

/* Compare what the model reads before (@old) and after (@new) one overlay. */
static void diff_trees(const void *old, const void *new, const char *overlay, struct ovl_log *log)
{
	int node;
	char path[1024];

	fdt_for_each_subnode(node, new, 0) {
		int child;

		if (!watched(new, node, 1) || fdt_get_path(new, node, path, sizeof(path)) < 0)
			continue;
		diff_node(old, new, node, path, overlay, log);
		if (strcmp(path, "/reserved-memory"))
			continue;
		fdt_for_each_subnode(child, new, node) {
			if (fdt_get_path(new, child, path, sizeof(path)) >= 0)
				diff_node(old, new, child, path, overlay, log);
		}
	}
}

int overlay_apply_all(void **blob, size_t *len, const char *base, const struct load_opts *o,
		      struct ovl_log *log, char *err, size_t errlen)
{
	size_t count = 0;

	for (const char *const *ov = o ? o->overlays : NULL; ov && *ov; ov++, count++) {
		size_t olen, size;
		void *obl, *merged, *before;
		int rc;

		if (count >= OVERLAY_MAX) {
			snprintf(err, errlen, "more than %d overlays", OVERLAY_MAX);
			return -1;
		}
		obl = load_overlay(*ov, o, &olen, err, errlen);
		if (!obl)
			return -1;
		size = *len + olen + 4096;
		if (size > CMALINT_MAX_DTB_SIZE) {
			snprintf(err, errlen, "cannot apply overlay '%s' to '%s': the merged tree exceeds %zu MiB",
				 *ov, base, CMALINT_MAX_DTB_SIZE >> 20);
			free(obl);
			return -1;
		}
		merged = xmalloc(size);
		rc = fdt_open_into(*blob, merged, (int)size);
		if (!rc)
			rc = fdt_overlay_apply(merged, obl);
		free(obl);
		if (rc) {
			snprintf(err, errlen, "cannot apply overlay '%s' to '%s': %s", *ov, base,
				 rc == -FDT_ERR_NOTFOUND ? "a label or path it targets is not in the base (DTS bases are compiled with symbols, DTB bases need dtc -@)" : fdt_error_text(rc));
			free(merged);
			return -1;
		}
		fdt_pack(merged);
		before = *blob;
		diff_trees(before, merged, *ov, log);
		free(before);
		*blob = merged;
		*len = fdt_totalsize(merged);
	}
	return 0;
}

const char *ovl_log_find(const struct ovl_log *l, const char *path, const char *prop)
{
	for (size_t i = l->n; i-- > 0;) {
		const struct ovl_change *c = &l->c[i];

		if (strcmp(c->path, path))
			continue;
		if (!prop || !c->prop || !strcmp(c->prop, prop))
			return c->overlay;
	}
	return NULL;
}

const char *ovl_log_created(const struct ovl_log *l, const char *path)
{
	for (size_t i = l->n; i-- > 0;)
		if (!l->c[i].prop && !strcmp(l->c[i].path, path))
			return l->c[i].overlay;
	return NULL;
}

void ovl_log_release(struct ovl_log *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->c[i].path);
		free(l->c[i].prop);
	}
	free(l->c);
	memset(l, 0, sizeof(*l));
}
