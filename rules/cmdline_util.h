/* SPDX-License-Identifier: MIT */
/* Where a cma= occurrence is written, for the command-line rules. */
#ifndef CMALINT_RULES_CMDLINE_UTIL_H
#define CMALINT_RULES_CMDLINE_UTIL_H

#include <string.h>

#include "rule.h"

/* '/chosen' 'bootargs' for the tree's bootargs; the file location for a boot file or .config. */
static inline void cma_arg_site(const struct cma_arg *a, const char **node, const char **prop,
				const struct srcloc **loc)
{
	bool dt = a->source && !strcmp(a->source, "/chosen/bootargs");

	*node = dt ? "/chosen" : NULL;
	*prop = dt ? "bootargs" : NULL;
	*loc = a->loc && a->loc->file ? a->loc : NULL;
}

/* The occurrence that set the size the kernel uses, or NULL. */
static inline const struct cma_arg *cma_effective(const struct cmdline *cl)
{
	return cl && cl->resolved.size_from >= 0 ? &cl->cma[cl->resolved.size_from] : NULL;
}

#endif
