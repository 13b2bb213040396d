// SPDX-License-Identifier: MIT
/* `cmalint rules` and `cmalint explain RULE`. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "oom.h"
#include "rule.h"
#include "runtime.h"

int cmd_rules(int argc, char **argv)
{
	const struct oom_rule_info *oom;
	const struct rt_rule_info *rt;
	size_t noom, nrt;
	int w = 0;

	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "cmalint: 'rules' takes no arguments (see 'cmalint --help')\n");
		return EXIT_TROUBLE;
	}
	oom = oom_rules(&noom);
	rt = runtime_rules(&nrt);
	/* one column wide enough for the longest id */
	for (size_t i = 0; i < rule_count; i++)
		w = (int)strlen(rule_table[i].id) > w ? (int)strlen(rule_table[i].id) : w;
	for (size_t i = 0; i < noom; i++)
		w = (int)strlen(oom[i].id) > w ? (int)strlen(oom[i].id) : w;
	for (size_t i = 0; i < nrt; i++)
		w = (int)strlen(rt[i].id) > w ? (int)strlen(rt[i].id) : w;

	for (size_t i = 0; i < rule_count; i++)
		printf("%-*s %-8s %s\n", w, rule_table[i].id, severity_name(rule_table[i].severity),
		       rule_table[i].summary);
	/* the rules of `cmalint oom`, then of `cmalint runtime` */
	for (size_t i = 0; i < noom; i++)
		printf("%-*s %-8s %s\n", w, oom[i].id, oom[i].severity, oom[i].summary);
	for (size_t i = 0; i < nrt; i++)
		printf("%-*s %-8s %s\n", w, rt[i].id, rt[i].severity, rt[i].summary);
	return EXIT_CLEAN;
}

int cmd_explain(int argc, char **argv)
{
	const char *doc;

	if (argc != 2) {
		fprintf(stderr, "cmalint: 'explain' takes one rule id (see 'cmalint rules')\n");
		return EXIT_TROUBLE;
	}
	doc = rule_doc(argv[1]);
	if (!doc) {
		fprintf(stderr, "cmalint: unknown rule '%s' (see 'cmalint rules')\n", argv[1]);
		return EXIT_TROUBLE;
	}
	fputs(doc, stdout);
	return EXIT_CLEAN;
}
