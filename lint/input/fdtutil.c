// SPDX-License-Identifier: MIT
/* Checks of an untrusted blob, libfdt's errors in words, the input's name (lint/input/fdtutil.h). */
#include "fdtutil.h"

#include <libfdt.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "bounds.h"
#include "util.h"

bool fdt_is_dtb(const void *buf, size_t len)
{
	return len >= 4 && fdt_magic(buf) == FDT_MAGIC;
}

/*
 * libfdt 1.6.1's fdt_check_full() loops forever on a property whose
 * length is negative: the next tag is found at the same offset. Walk the
 * tags once (fdt_check_header() passed, the blob holds totalsize bytes),
 * requiring progress: the offset of the first tag that does not advance,
 * or -1. Other errors are left to fdt_check_full().
 */
static int stuck_tag(const void *fdt)
{
	int offset = 0, next;
	uint32_t tag;

	do {
		tag = fdt_next_tag(fdt, offset, &next);
		if (next < 0)
			return -1;
		if (next <= offset)
			return offset;
		offset = next;
	} while (tag != FDT_END);
	return -1;
}

const char *fdt_error_text(int err)
{
	/* libfdt's FDT_ERR_* codes as users read them; fdt_strerror() gives only the names */
	static const char *const words[] = {
		[FDT_ERR_NOTFOUND] = "a node, property or label it refers to does not exist",
		[FDT_ERR_EXISTS] = "a node or property it adds already exists",
		[FDT_ERR_NOSPACE] = "the blob has no room left for the change",
		[FDT_ERR_BADOFFSET] = "an offset points outside the structure block or at the wrong tag",
		[FDT_ERR_BADPATH] = "a node path is malformed",
		[FDT_ERR_BADPHANDLE] = "a phandle is 0 or 0xffffffff",
		[FDT_ERR_BADSTATE] = "the blob was left unfinished by the program that wrote it",
		[FDT_ERR_TRUNCATED] = "the blob is truncated: a block or a name runs past its end",
		[FDT_ERR_BADMAGIC] = "bad magic: not a device-tree blob",
		[FDT_ERR_BADVERSION] = "unsupported device-tree blob version",
		[FDT_ERR_BADSTRUCTURE] = "the structure block is malformed (nodes not properly nested or ended)",
		[FDT_ERR_BADLAYOUT] = "its blocks are laid out in an order libfdt cannot edit",
		[FDT_ERR_INTERNAL] = "libfdt failed an internal consistency check",
		[FDT_ERR_BADNCELLS] = "an #address-cells or #size-cells value is out of range",
		[FDT_ERR_BADVALUE] = "a property has a value of the wrong form",
		[FDT_ERR_BADOVERLAY] = "the overlay is malformed (its fragments, __fixups__ or __local_fixups__)",
		[FDT_ERR_NOPHANDLES] = "no phandle values are left",
		[FDT_ERR_BADFLAGS] = "invalid flags",
#ifdef FDT_ERR_ALIGNMENT
		[FDT_ERR_ALIGNMENT] = "the blob is not aligned on 8 bytes in memory",
#endif
	};
	int code = err < 0 ? -err : err;

	if (code > 0 && (size_t)code < ARRAY_SIZE(words) && words[code])
		return words[code];
	return "unknown libfdt error";
}

/*
 * The header's claims against the bytes there are, in words; NULL when
 * they hold (fdt_check_header() then has the last word).
 */
static char *header_problem(const void *blob, size_t len)
{
	static const char *const names[] = { "memory reservation", "structure", "strings" };
	uint32_t total = fdt_totalsize(blob);
	uint64_t off[3] = { fdt_off_mem_rsvmap(blob), fdt_off_dt_struct(blob), fdt_off_dt_strings(blob) };
	uint64_t size[3] = { 0, fdt_version(blob) >= 17 ? fdt_size_dt_struct(blob) : 0,
			     fdt_size_dt_strings(blob) };

	if (total > len)
		return xasprintf("the file is truncated: the header says %u bytes, the file has %zu", total, len);
	for (int i = 0; i < 3; i++)
		if (off[i] > total || size[i] > total - off[i])
			return xasprintf("the %s block (%llu bytes at offset %llu) runs past the blob's %u bytes",
					 names[i], (unsigned long long)size[i], (unsigned long long)off[i], total);
	/* dtc aligns both; the tags and cells inside are read as 32-bit words */
	if (off[0] % 8 || off[1] % 4)
		return xasprintf("the %s block starts at offset %llu, not a multiple of %d bytes",
				 names[off[0] % 8 ? 0 : 1], (unsigned long long)off[off[0] % 8 ? 0 : 1],
				 off[0] % 8 ? 8 : 4);
	return NULL;
}

int fdt_blob_validate(const char *name, const void *blob, size_t len, char *err, size_t errlen)
{
	int rc, stuck;
	char *problem;

	if (!len) {
		snprintf(err, errlen, "'%s' is empty: not a device-tree blob", name);
		return -1;
	}
	if (!fdt_is_dtb(blob, len)) {
		snprintf(err, errlen, "'%s': %s", name, fdt_error_text(-FDT_ERR_BADMAGIC));
		return -1;
	}
	if (len < sizeof(struct fdt_header)) {
		snprintf(err, errlen, "'%s': the file is truncated: %zu bytes, less than the %zu-byte header",
			 name, len, sizeof(struct fdt_header));
		return -1;
	}
	if (len > CMALINT_MAX_DTB_SIZE) {
		snprintf(err, errlen, "'%s' is larger than the %zu MiB limit for a device tree blob",
			 name, CMALINT_MAX_DTB_SIZE >> 20);
		return -1;
	}
	/*
	 * Before version 16 node names were full paths; libfdt 1.6.1's
	 * fdt_check_full() dereferences NULL on such a blob whose names lack
	 * a '/'. dtc has written version 17 since 2007: refuse older ones.
	 */
	if (fdt_version(blob) < 16) {
		snprintf(err, errlen, "'%s' is a version %u device tree blob; cmalint reads version 16 and later",
			 name, fdt_version(blob));
		return -1;
	}
	problem = header_problem(blob, len);
	if (problem) {
		snprintf(err, errlen, "'%s': %s", name, problem);
		free(problem);
		return -1;
	}
	rc = fdt_check_header(blob);
	if (!rc && (stuck = stuck_tag(blob)) >= 0) {
		snprintf(err, errlen, "'%s' is a corrupt device tree blob: the tag at offset %d of the structure block has a negative length",
			 name, stuck);
		return -1;
	}
	if (!rc)
		rc = fdt_check_full(blob, len);
	if (rc) {
		snprintf(err, errlen, "'%s' is a corrupt device tree blob: %s", name, fdt_error_text(rc));
		return -1;
	}
	return 0;
}

const char *input_name(const char *path)
{
	return strcmp(path, CMALINT_STDIN_ARG) ? path : CMALINT_STDIN_NAME;
}
