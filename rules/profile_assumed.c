// SPDX-License-Identifier: MIT
/* profile_assumed: values the prediction depends on that nobody gave. */
#include <string.h>

#include "rule.h"

RULE_CHECK(profile_assumed)
{
	const struct profile *p = ctx->profile;
	const struct kmodel *k = ctx->kmodel;
	struct strbuf what = STRBUF_INIT, how = STRBUF_INIT;

	if (p->kernel_src == SRC_DEFAULT) {
		sb_addf(&what, "kernel %s", p->kernel_str);
		sb_add(&how, "--kernel");
	}
	if (p->arch_src == SRC_DEFAULT) {
		sb_addf(&what, "%sarch %s", what.len ? ", " : "", arch_name(p->arch));
		sb_addf(&how, "%s--arch", how.len ? ", " : "");
	}
	if (p->page_size_src == SRC_DEFAULT) {
		sb_addf(&what, "%s%u KiB pages", what.len ? ", " : "", p->page_size / 1024);
		sb_addf(&how, "%s--page-size", how.len ? ", " : "");
	}
	if (p->arch_src == SRC_INFERRED)
		report_add(out, rule, SEV_OFF, NULL,
			   "arch %s%s inferred from %s: give --arch or --kconfig to confirm it", arch_name(p->arch),
			   p->nommu ? " without MMU (no CMA)" : "", p->arch_evidence ? p->arch_evidence : "the tree");
	if (what.len)
		report_add(out, rule, SEV_OFF, NULL,
			   "%s assumed: the prediction depends on %s; give %s or --kconfig", what.buf,
			   strchr(what.buf, ',') ? "these" : "it", how.buf);
	sb_release(&what);
	sb_release(&how);
	if (!board_ram_known(ctx->board))
		report_add(out, rule, SEV_OFF, AT(.node = "/memory"),
			   "RAM is unknown (no /memory, or a placeholder the bootloader fills): give --ram SIZE[@BASE]; RAM-dependent checks are skipped");
	if (k->default_source == DEF_KCONFIG && p->cma_size_mbytes_src == SRC_DEFAULT)
		report_add(out, rule, SEV_OFF, NULL,
			   "default CMA size CONFIG_CMA_SIZE_MBYTES=%llu assumed (%s): give --kconfig or --cma-size-mbytes",
			   (unsigned long long)p->cma_size_mbytes,
			   p->arch == ARCH_ARM64 ? "the arm64 defconfig" : "the Kconfig default");
}
