/* SPDX-License-Identifier: MIT */
/*
 * livetree.h - a running system's device tree as the kernel shows it in
 * /proc/device-tree (/sys/firmware/devicetree/base): a directory per node,
 * a file per property. It is turned into a DTB with libfdt's
 * sequential-write functions. (/sys/firmware/fdt is a DTB already.)
 */
#ifndef CMALINT_LIVETREE_H
#define CMALINT_LIVETREE_H

#include <stdbool.h>
#include <stddef.h>

/* Limits for a live tree (docs/architecture.md). */
#define LIVETREE_MAX_DEPTH 32
#define LIVETREE_MAX_PROP ((size_t)1 << 20)

/* True when @path is a directory whose top holds a '#address-cells' or 'name' file. */
bool livetree_detect(const char *path);

/*
 * livetree_read - build a DTB from the directory tree at @path.
 * returns: the blob (free() it) and its size in @len, or NULL with one
 * line in @err naming the file at fault.
 */
void *livetree_read(const char *path, size_t *len, char *err, size_t errlen);

#endif
