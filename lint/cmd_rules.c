// SPDX-License-Identifier: MIT
/* `cmalint rules` and `cmalint explain RULE`. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "oom.h"
#include "rule.h"
#include "runtime.h"

static const char rules_usage[] =
"usage: cmalint rules\n"
"\n"
"List every rule: id, default severity, one-line summary; the rules of\n"
"check, then those of oom and runtime.\n"
"\n"
"  -h, --help             this help\n";

static const char explain_usage[] =
"usage: cmalint explain RULE\n"
"\n"
"Print the documentation of RULE (any id 'cmalint rules' lists): what it\n"
"checks, why the kernel behaves so, and bad and good device trees.\n"
"\n"
"  -h, --help             this help\n";

/* -h or --help anywhere among the arguments (before a "--"). */
static bool wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			return true;
	return false;
}

int cmd_rules(int argc, char **argv)
{
	const struct oom_rule_info *oom;
	const struct rt_rule_info *rt;
	size_t noom, nrt;
	int w = 0;

	if (wants_help(argc, argv)) {
		fputs(rules_usage, stdout);
		return EXIT_CLEAN;
	}
	if (argc > 1) {
		fprintf(stderr, "cmalint: 'rules' takes no arguments (see 'cmalint rules --help')\n");
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

	if (wants_help(argc, argv)) {
		fputs(explain_usage, stdout);
		return EXIT_CLEAN;
	}
	/* "explain -- RULE" is "explain RULE" */
	if (argc == 3 && !strcmp(argv[1], "--")) {
		argc--;
		argv++;
	}
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
