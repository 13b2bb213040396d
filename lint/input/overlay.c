// SPDX-License-Identifier: MIT
#include "overlay.h"
#include "bounds.h"

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

/* The path a label of @fdt names in its __symbols__, or NULL. */
static const char *symbol_path(const void *fdt, const char *label)
{
	int sym = fdt_path_offset(fdt, "/__symbols__"), len;
	const char *v;

	if (sym < 0)
		return NULL;
	v = fdt_getprop(fdt, sym, label, &len);
	if (!v || len < 1 || strnlen(v, (size_t)len) >= (size_t)len)
		return NULL;
	return v;
}

/*
 * Before libfdt applies an overlay: every __fixups__ label must be a label
 * of the base, or libfdt fails with a bare FDT_ERR_NOTFOUND. Name it.
 */
static int check_fixups(const void *base, const void *ovl, const char *ovname, const char *basefile, char *err,
			size_t errlen)
{
	int fix = fdt_path_offset(ovl, "/__fixups__"), prop;
	bool have_symbols = fdt_path_offset(base, "/__symbols__") >= 0;

	if (fix < 0)
		return 0;
	fdt_for_each_property_offset(prop, ovl, fix) {
		const char *label;

		if (!fdt_getprop_by_offset(ovl, prop, &label, NULL))
			continue;
		if (symbol_path(base, label))
			continue;
		snprintf(err, errlen, "cannot apply overlay '%s' to '%s': label '%s' is not in the base's __symbols__%s",
			 ovname, basefile, label, have_symbols ? "" : " (the base has none: compile it with dtc -@)");
		return -1;
	}
	return 0;
}

/* A label the overlay puts on a fragment's __overlay__ node, resolved to the base node it targets. */
struct ovl_sym {
	char *label, *path;
};

/* The base path a fragment targets: target-path, or target through __fixups__ or a base phandle. */
static char *fragment_target(const void *base, const void *ovl, const char *frag, size_t fraglen)
{
	int fnode = fdt_subnode_offset_namelen(ovl, 0, frag, (int)fraglen), len, fix, prop;
	const char *tp;
	const fdt32_t *ph;
	char want[300], path[1024];

	if (fnode < 0)
		return NULL;
	tp = fdt_getprop(ovl, fnode, "target-path", &len);
	if (tp && len > 0 && strnlen(tp, (size_t)len) < (size_t)len)
		return fdt_path_offset(base, tp) >= 0 ? xstrdup(tp) : NULL;
	ph = fdt_getprop(ovl, fnode, "target", &len);
	if (!ph || len != 4)
		return NULL;
	/* a label of the base: /__fixups__/LABEL lists "/FRAG:target:0" */
	snprintf(want, sizeof(want), "/%.*s:target:0", (int)fraglen, frag);
	fix = fdt_path_offset(ovl, "/__fixups__");
	if (fix >= 0) {
		fdt_for_each_property_offset(prop, ovl, fix) {
			const char *label, *v = fdt_getprop_by_offset(ovl, prop, &label, &len);

			for (int off = 0; v && off < len;) {
				size_t sl = strnlen(v + off, (size_t)(len - off));

				if (sl == strlen(want) && !memcmp(v + off, want, sl)) {
					const char *bp = symbol_path(base, label);

					return bp ? xstrdup(bp) : NULL;
				}
				off += (int)sl + 1;
			}
		}
	}
	/* a phandle already in the base */
	len = fdt_node_offset_by_phandle(base, fdt32_to_cpu(*ph));
	if (len >= 0 && fdt_get_path(base, len, path, sizeof(path)) >= 0)
		return xstrdup(path);
	return NULL;
}

/*
 * A label on a fragment's __overlay__ node itself (Raspberry Pi's cma
 * overlay: "frag0: __overlay__ { ... }") is a __symbols__ entry
 * "/fragment@0/__overlay__". libfdt 1.6.1 accepts only entries below
 * __overlay__ and fails the whole overlay with FDT_ERR_NOTFOUND; the
 * kernel's overlay code and newer libfdt make such a label name the
 * target node. Take those entries out of the overlay before it is
 * applied, each resolved to its target's path for the merged tree's
 * __symbols__ (or dropped when the target is unknown, as then the
 * fragment itself fails).
 */
static void take_overlay_labels(const void *base, void *ovl, struct ovl_sym **syms, size_t *nsyms)
{
	int symnode = fdt_path_offset(ovl, "/__symbols__"), prop;
	size_t cap = 0;

	if (symnode < 0)
		return;
	for (prop = fdt_first_property_offset(ovl, symnode); prop >= 0;) {
		const char *label, *v;
		int len;
		const char *slash;
		size_t vl;

		v = fdt_getprop_by_offset(ovl, prop, &label, &len);
		if (!v || len < 2 || v[0] != '/' || (vl = strnlen(v, (size_t)len)) >= (size_t)len) {
			prop = fdt_next_property_offset(ovl, prop);
			continue;
		}
		slash = memchr(v + 1, '/', vl - 1);
		if (!slash || strcmp(slash, "/__overlay__")) {
			prop = fdt_next_property_offset(ovl, prop);
			continue;
		}
		{
			char *target = fragment_target(base, ovl, v + 1, (size_t)(slash - v - 1));
			char *name = xstrdup(label);

			if (target) {
				struct ovl_sym *s = ARRAY_PUSH(*syms, *nsyms, cap);

				s->label = name;
				s->path = target;
			} else {
				free(name);
			}
			name = xstrdup(label);
			fdt_delprop(ovl, symnode, name);	/* the offsets after it move: start again */
			free(name);
			prop = fdt_first_property_offset(ovl, symnode);
		}
	}
}

int overlay_apply_all(void **blob, size_t *len, const char *base, const struct load_opts *o,
		      struct ovl_log *log, char *err, size_t errlen)
{
	size_t count = 0;

	for (const char *const *ov = o ? o->overlays : NULL; ov && *ov; ov++, count++) {
		size_t olen, size, nsyms = 0;
		void *obl, *merged, *before;
		struct ovl_sym *syms = NULL;
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
		if (!rc && check_fixups(merged, obl, *ov, base, err, errlen)) {
			free(obl);
			free(merged);
			return -1;
		}
		if (!rc)
			take_overlay_labels(merged, obl, &syms, &nsyms);
		if (!rc)
			rc = fdt_overlay_apply(merged, obl);
		free(obl);
		for (size_t i = 0; !rc && i < nsyms; i++) {
			int sn = fdt_path_offset(merged, "/__symbols__");

			if (sn < 0)
				sn = fdt_add_subnode(merged, 0, "__symbols__");
			rc = sn < 0 ? sn : fdt_setprop_string(merged, sn, syms[i].label, syms[i].path);
		}
		for (size_t i = 0; i < nsyms; i++) {
			free(syms[i].label);
			free(syms[i].path);
		}
		free(syms);
		syms = NULL;
		nsyms = 0;
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
