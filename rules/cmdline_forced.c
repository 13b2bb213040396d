// SPDX-License-Identifier: MIT
/* cmdline_forced: CONFIG_CMDLINE_FORCE / _EXTEND against the bootloader's cma=. */
#include <stdlib.h>

#include "cmdline_util.h"

RULE_CHECK(cmdline_forced)
{
	const struct cmdline *cl = ctx->cmdline;
	const struct profile *p = ctx->profile;
	const struct cma_arg *eff = cma_effective(cl);
	const char *node, *prop;
	const struct srcloc *loc;
	char s1[SIZE_STR_MAX];

	if (!cl)
		return;
	/* FORCE: the bootloader's cma= never reaches the kernel. */
	if (cl->discarded && cl->discarded->ncma) {
		const struct cma_arg *lost = &cl->discarded->cma[cl->discarded->ncma - 1];
		char *d = cma_arg_desc(lost);
		char *now = eff ? cma_arg_desc(eff) : NULL;

		cma_arg_site(lost, &node, &prop, &loc);
		if (now)
			report_add(out, rule, SEV_OFF, AT(.node = node, .property = prop, .loc = loc),
				   "%s is discarded: CONFIG_CMDLINE_FORCE in %s replaces the bootloader's command line, so the kernel uses %s (%s)",
				   d, p->kconfig_name ? p->kconfig_name : "the .config", now,
				   cl->resolved.size ? fmt_size(cl->resolved.size, s1) : "no default CMA area");
		else
			report_add(out, rule, SEV_OFF, AT(.node = node, .property = prop, .loc = loc),
				   "%s is discarded: CONFIG_CMDLINE_FORCE in %s replaces the bootloader's command line, which has no cma=; the default CMA area comes from the device tree or Kconfig",
				   d, p->kconfig_name ? p->kconfig_name : "the .config");
		free(d);
		free(now);
		return;
	}
	/* EXTEND (or x86's built-in line): a cma= from each side, and the last one wins. */
	if (eff) {
		const struct cma_arg *other = NULL;

		for (size_t i = 0; i < cl->ncma; i++)
			if (cl->cma[i].text && cl->cma[i].from_config != eff->from_config)
				other = &cl->cma[i];
		if (other) {
			char *w = cma_arg_desc(eff), *l = cma_arg_desc(other);

			cma_arg_site(eff->from_config ? other : eff, &node, &prop, &loc);
			report_add(out, rule, SEV_OFF, AT(.node = node, .property = prop, .loc = loc),
				   "the command line has %s and %s: %s combines CONFIG_CMDLINE with the bootloader's line and the later cma= wins, so the %s one (%s) applies",
				   l, w, p->arch == ARCH_X86_64 ? "x86" : cmdline_mode_name(p->config_cmdline_mode),
				   eff->from_config ? "kernel's built-in" : "bootloader's",
				   cl->resolved.size ? fmt_size(cl->resolved.size, s1) : "size 0: no default CMA area");
			free(w);
			free(l);
		}
	}
}
