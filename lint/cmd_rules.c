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
	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "cmalint: 'rules' takes no arguments\n");
		return EXIT_TROUBLE;
	}
	const struct oom_rule_info *oom;
	const struct rt_rule_info *rt;
	size_t noom, nrt;

	for (size_t i = 0; i < rule_count; i++)
		printf("%-24s %-8s %s\n", rule_table[i].id, severity_name(rule_table[i].severity),
		       rule_table[i].summary);
	/* the rules of `cmalint oom` */
	oom = oom_rules(&noom);
	for (size_t i = 0; i < noom; i++)
		printf("%-24s %-8s %s\n", oom[i].id, oom[i].severity, oom[i].summary);
	/* the rules of `cmalint runtime` */
	rt = runtime_rules(&nrt);
	for (size_t i = 0; i < nrt; i++)
		printf("%-24s %-8s %s\n", rt[i].id, rt[i].severity, rt[i].summary);
	return EXIT_CLEAN;
}

int cmd_explain(int argc, char **argv)
{
	const char *doc;

	if (argc != 2) {
		fprintf(stderr, "cmalint: usage: cmalint explain RULE\n");
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
