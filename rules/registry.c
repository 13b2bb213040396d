// SPDX-License-Identifier: MIT
/* The rule table, expanded from registry.def. */
#include <string.h>

#include "rule.h"
#include "rule_docs.h"

/* The check function of a BOARD or LATE rule; OOM and RUNTIME rules have none. */
#define CHECK_BOARD(id) rule_##id
#define CHECK_LATE(id) rule_##id
#define CHECK_OOM(id) NULL
#define CHECK_RUNTIME(id) NULL
#define DECLARE_BOARD(id) rule_fn rule_##id;
#define DECLARE_LATE(id) rule_fn rule_##id;
#define DECLARE_OOM(id)
#define DECLARE_RUNTIME(id)

#define RULE(id, sev, pass, summary) DECLARE_##pass(id)
#include "registry.def"
#undef RULE

const struct rule rule_table[] = {
#define RULE(id, sev, pass, summary) { #id, SEV_##sev, PASS_##pass, summary, CHECK_##pass(id) },
#include "registry.def"
#undef RULE
};
const size_t rule_count = sizeof(rule_table) / sizeof(rule_table[0]);

const struct rule *rule_find(const char *id)
{
	for (size_t i = 0; i < rule_count; i++)
		if (!strcmp(rule_table[i].id, id))
			return &rule_table[i];
	return NULL;
}

const char *rule_doc(const char *id)
{
	for (const struct rule_doc *d = rule_docs; d->id; d++)
		if (!strcmp(d->id, id))
			return d->markdown;
	return NULL;
}
