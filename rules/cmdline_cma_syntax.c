// SPDX-License-Identifier: MIT
/* cmdline_cma_syntax: cma= values the kernel reads differently from what was meant. */
#include "cmdline_util.h"

static void check_number(const struct rule *rule, struct report *out, const struct cma_arg *a,
			 const struct memparse_result *m, const char *text, const char *what)
{
	const char *node, *prop;
	const struct srcloc *loc;

	cma_arg_site(a, &node, &prop, &loc);
	if (!m->digits && *text == '-')
		report_add(out, rule, SEV_OFF, AT(.node = node, .property = prop, .loc = loc),
			   "'cma=%s' in %s has a negative %s: the kernel reads no number there, so the %s is 0",
			   a->text, a->source, what, what);
	else if (!m->digits)
		report_add(out, rule, SEV_OFF, AT(.node = node, .property = prop, .loc = loc),
			   "'cma=%s' in %s has no number for the %s: the kernel reads 0", a->text, a->source, what);
	else if (m->overflow)
		report_add(out, rule, SEV_OFF, AT(.node = node, .property = prop, .loc = loc),
			   "'cma=%s' in %s: the %s does not fit in 64 bits; the kernel's value wraps to 0x%llx",
			   a->text, a->source, what, (unsigned long long)m->value);
	else if (m->octal)
		report_add(out, rule, SEV_OFF, AT(.node = node, .property = prop, .loc = loc),
			   "'cma=%s' in %s: the %s has a leading 0 and is read as octal: 0x%llx (%s), not decimal",
			   a->text, a->source, what, (unsigned long long)m->value,
			   fmt_size(m->value, (char[SIZE_STR_MAX]){ 0 }));
}

RULE_CHECK(cmdline_cma_syntax)
{
	const struct cmdline *cl = ctx->cmdline;
	const char *node, *prop;
	const struct srcloc *loc;

	if (!cl)
		return;
	for (size_t i = 0; i < cl->ncma; i++) {
		const struct cma_arg *a = &cl->cma[i];
		const char *p;

		cma_arg_site(a, &node, &prop, &loc);
		if (!a->text) {
			report_add(out, rule, SEV_OFF, AT(.node = node, .property = prop, .loc = loc,
				   .kernel_message = "cma: Config string not provided"),
				   "'cma' without a value in %s: the kernel ignores it", a->source);
			continue;
		}
		if (a->empty) {
			report_add(out, rule, SEV_OFF, AT(.node = node, .property = prop, .loc = loc),
				   "empty 'cma=' in %s is read as size 0: no default CMA area at all", a->source);
			continue;
		}
		p = a->text;
		check_number(rule, out, a, &a->size, p, "size");
		p += a->size.consumed;
		if (a->has_base)
			check_number(rule, out, a, &a->base, p + 1, "base");
		if (a->has_limit) {
			check_number(rule, out, a, &a->limit, p + 1 + a->base.consumed + 1, "limit");
			if (a->limit.digits && a->limit.value <= a->base.value)
				report_add(out, rule, SEV_OFF, AT(.node = node, .property = prop, .loc = loc),
					   "'cma=%s' in %s: the limit 0x%llx is not above the base 0x%llx, so the area cannot be placed",
					   a->text, a->source, (unsigned long long)a->limit.value,
					   (unsigned long long)a->base.value);
		}
		if (a->trailing && a->size.digits)
			report_add(out, rule, SEV_OFF, AT(.node = node, .property = prop, .loc = loc),
				   "'cma=%s' in %s has trailing '%s' that the kernel ignores (expected cma=SIZE[KMG][@BASE[-LIMIT]])",
				   a->text, a->source, a->trailing);
	}
	if (cl->cma_after_dashdash) {
		node = prop = NULL;
		loc = NULL;
		if (cl->npieces == 1)
			cma_arg_site(&(struct cma_arg){ .source = cl->pieces[0].source, .loc = &cl->pieces[0].loc },
				     &node, &prop, &loc);
		report_add(out, rule, SEV_WARNING, AT(.node = node, .property = prop, .loc = loc),
			   "'cma=' after '--' in %s goes to init, not to the kernel", cl->source);
	}
}
