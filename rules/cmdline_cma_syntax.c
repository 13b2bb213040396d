// SPDX-License-Identifier: MIT
/* cmdline_cma_syntax: cma= values the kernel reads differently from what was meant. */
#include "rule.h"

static void check_number(const struct rule *rule, const struct lint_ctx *ctx, struct report *out,
			 const struct cma_arg *a, const struct memparse_result *m, const char *what)
{
	const char *node, *prop;
	const struct srcloc *loc;

	cmdline_site(ctx, &node, &prop, &loc);
	if (!m->digits)
		report_add(out, rule, SEV_OFF, node, prop, loc,
			   "'cma=%s' has no number for the %s: the kernel reads 0", a->text, what);
	else if (m->overflow)
		report_add(out, rule, SEV_OFF, node, prop, loc,
			   "'cma=%s' %s does not fit in 64 bits: the kernel's value wraps to 0x%llx", a->text, what,
			   (unsigned long long)m->value);
	else if (m->octal)
		report_add(out, rule, SEV_OFF, node, prop, loc,
			   "'cma=%s' %s has a leading 0 and is read as octal: 0x%llx (%llu bytes), not decimal",
			   a->text, what, (unsigned long long)m->value, (unsigned long long)m->value);
}

RULE_CHECK(cmdline_cma_syntax)
{
	const struct cmdline *cl = ctx->cmdline;
	const char *node, *prop;
	const struct srcloc *loc;

	if (!cl)
		return;
	cmdline_site(ctx, &node, &prop, &loc);
	for (size_t i = 0; i < cl->ncma; i++) {
		const struct cma_arg *a = &cl->cma[i];

		if (!a->text) {
			report_add(out, rule, SEV_OFF, node, prop, loc,
				   "'cma' without a value in %s: the kernel ignores it", cl->source);
			report_set_kernel_message(out, "cma: Config string not provided");
			continue;
		}
		if (a->empty) {
			report_add(out, rule, SEV_OFF, node, prop, loc,
				   "empty 'cma=' in %s is read as size 0: no default CMA area at all", cl->source);
			continue;
		}
		check_number(rule, ctx, out, a, &a->size, "size");
		if (a->has_base)
			check_number(rule, ctx, out, a, &a->base, "base");
		if (a->has_limit) {
			check_number(rule, ctx, out, a, &a->limit, "limit");
			if (a->limit.digits && a->limit.value <= a->base.value)
				report_add(out, rule, SEV_OFF, node, prop, loc,
					   "'cma=%s' limit 0x%llx is not above its base 0x%llx: the area cannot be placed",
					   a->text, (unsigned long long)a->limit.value, (unsigned long long)a->base.value);
		}
		if (a->trailing && a->size.digits)
			report_add(out, rule, SEV_OFF, node, prop, loc,
				   "'cma=%s' has trailing '%s' that the kernel ignores (expected cma=SIZE[KMG][@BASE[-LIMIT]])",
				   a->text, a->trailing);
	}
	if (cl->cma_after_dashdash)
		report_add(out, rule, SEV_WARNING, node, prop, loc,
			   "'cma=' after '--' in %s goes to init, not to the kernel", cl->source);
}
