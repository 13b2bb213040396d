// SPDX-License-Identifier: MIT
/* memory_reg_mismatch: a memory node whose unit address is not the base of its 'reg'. */
#include "rule.h"

RULE_CHECK(memory_reg_mismatch)
{
	const struct board *b = ctx->board;

	if (b->ram_from_cli)
		return;
	for (size_t i = 0; i < b->nram; i++) {
		const struct ram_bank *r = &b->ram[i];
		size_t n = r->unit_strays;
		char s1[SIZE_STR_MAX];

		if (!r->unit_mismatch)
			continue;
		if (n)
			report_add(out, rule, SEV_ERROR, AT(.node = r->node, .property = "reg",
				   .loc = r->loc.file ? &r->loc : NULL),
				   "'%s' reg starts at 0x%llx, not at its unit address 0x%llx: the kernel takes RAM "
				   "from 'reg' (%s from 0x%llx), which leaves %zu reserved region%s of the unit "
				   "address's window outside RAM; fix the 'reg' (or the name) of '%s'",
				   r->node, (unsigned long long)r->base, (unsigned long long)r->unit_addr,
				   fmt_size(r->size, s1), (unsigned long long)r->base, n, n == 1 ? "" : "s", r->node);
		else
			report_add(out, rule, SEV_INFO, AT(.node = r->node, .property = "reg",
				   .loc = r->loc.file ? &r->loc : NULL),
				   "'%s' reg starts at 0x%llx, not at its unit address 0x%llx: the kernel takes RAM "
				   "from 'reg'; fix the name or the 'reg' of '%s' so that they agree",
				   r->node, (unsigned long long)r->base, (unsigned long long)r->unit_addr, r->node);
	}
}
