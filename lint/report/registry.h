/* SPDX-License-Identifier: MIT */
/*
 * registry.h - the rule registry: every rule of every command, read from
 * rules/registry.def (id, default severity, pass, summary) by
 * rules/registry.c. What a rule checks is rule.h's business.
 */
#ifndef CMALINT_REGISTRY_H
#define CMALINT_REGISTRY_H

#include <stddef.h>

#include "severity.h"

struct rule;
struct lint_ctx;
struct report;
typedef void rule_fn(const struct rule *rule, const struct lint_ctx *ctx, struct report *out);

/* Where a rule runs (the PASS column of rules/registry.def). */
enum rule_pass {
	PASS_BOARD = 1u << 0,	/* each board of `cmalint check` */
	PASS_LATE = 1u << 1,	/* after every board of a run: configuration, baseline */
	PASS_OOM = 1u << 2,	/* `cmalint oom`: findings of the OOM analysis */
	PASS_RUNTIME = 1u << 3,	/* `cmalint runtime`: findings of the comparison */
};
/* The passes whose rules a command can report. */
#define PASSES_CHECK (PASS_BOARD | PASS_LATE)
#define PASSES_OOM PASS_OOM
#define PASSES_RUNTIME (PASS_RUNTIME | PASS_BOARD)

struct rule {
	const char *id;
	enum severity severity;
	enum rule_pass pass;
	const char *summary;
	rule_fn *check;		/* BOARD and LATE rules; NULL for OOM and RUNTIME */
};

extern const struct rule rule_table[];
extern const size_t rule_count;
const struct rule *rule_find(const char *id);
/* The rule's documentation (rules/<id>.md), or NULL. */
const char *rule_doc(const char *id);

#endif
