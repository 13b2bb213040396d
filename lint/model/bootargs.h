/* SPDX-License-Identifier: MIT */
/*
 * bootargs.h - the command line the kernel ends up with: the bootloader's
 * (--bootargs, --bootargs-file, else the tree's /chosen/bootargs) combined
 * with CONFIG_CMDLINE as CONFIG_CMDLINE_FORCE / _EXTEND / _FROM_BOOTLOADER
 * say, per arch.
 */
#ifndef CMALINT_BOOTARGS_H
#define CMALINT_BOOTARGS_H

#include <stdbool.h>

#include "cmdline.h"
#include "profile.h"

/*
 * bootargs_resolve - build and parse the effective command line into @cl.
 * @bootloader is the bootloader's command line or NULL (none), named by
 * @bootloader_source, written at @bootloader_loc (may be NULL). Returns false, leaving @cl untouched, when the kernel
 * gets no command line at all.
 */
bool bootargs_resolve(struct cmdline *cl, const char *bootloader, const char *bootloader_source,
		      const struct srcloc *bootloader_loc, const struct profile *p);

#endif
