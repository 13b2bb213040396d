// SPDX-License-Identifier: MIT
/* memory_reg_mismatch: a memory node whose unit address is not the base of its 'reg'. */
#include "rule.h"

/* Static regions outside RAM that the unit address's window would hold. */
static size_t moved_out(const struct board *b, const struct ram_bank *bank)
{
	uint64_t ub = bank->unit_addr, ue;
	size_t n = 0;

	if (!range_end(ub, bank->size, &ue))
		return 0;
	for (size_t i = 0; i < b->nnodes; i++) {
		const struct rmem_node *r = &b->nodes[i];

		for (size_t j = 0; r->available && r->reg.valid && j < r->nregs; j++) {
			uint64_t base = r->regs[j].base, end;
			bool in_ram = false;

			if (!r->regs[j].size || !range_end(base, r->regs[j].size, &end) || base < ub || end > ue)
				continue;
			for (size_t k = 0; k < b->nram; k++)
				if (base >= b->ram[k].base && end - b->ram[k].base <= b->ram[k].size)
					in_ram = true;
			n += !in_ram;
		}
	}
	return n;
}

RULE_CHECK(memory_reg_mismatch)
{
	const struct board *b = ctx->board;

	if (b->ram_from_cli)
		return;
	for (size_t i = 0; i < b->nram; i++) {
		const struct ram_bank *r = &b->ram[i];
		size_t n;
		char s1[SIZE_STR_MAX];

		if (!r->unit_mismatch)
			continue;
		n = moved_out(b, r);
		if (n)
			report_add(out, rule, SEV_ERROR, r->node, "reg", r->loc.file ? &r->loc : NULL,
				   "'%s' reg starts at 0x%llx, not at its unit address 0x%llx: the kernel takes RAM "
				   "from 'reg' (%s from 0x%llx), which leaves %zu reserved region%s of the unit "
				   "address's window outside RAM; fix the 'reg' (or the name) of '%s'",
				   r->node, (unsigned long long)r->base, (unsigned long long)r->unit_addr,
				   fmt_size(r->size, s1), (unsigned long long)r->base, n, n == 1 ? "" : "s", r->node);
		else
			report_add(out, rule, SEV_WARNING, r->node, "reg", r->loc.file ? &r->loc : NULL,
				   "'%s' reg starts at 0x%llx, not at its unit address 0x%llx: the kernel takes RAM "
				   "from 'reg'; fix the name or the 'reg' of '%s' so that they agree",
				   r->node, (unsigned long long)r->base, (unsigned long long)r->unit_addr, r->node);
	}
}
