// SPDX-License-Identifier: MIT
/* `cmalint rules` and `cmalint explain RULE`. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "rule.h"

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
	int w = 0;

	if (wants_help(argc, argv)) {
		fputs(rules_usage, stdout);
		return EXIT_CLEAN;
	}
	if (argc > 1) {
		fprintf(stderr, "cmalint: 'rules' takes no arguments (see 'cmalint rules --help')\n");
		return EXIT_TROUBLE;
	}
	/* one column wide enough for the longest id */
	for (size_t i = 0; i < rule_count; i++)
		w = (int)strlen(rule_table[i].id) > w ? (int)strlen(rule_table[i].id) : w;
	/* the registry's order: check's rules, then those of oom and runtime */
	for (size_t i = 0; i < rule_count; i++)
		printf("%-*s %-8s %s\n", w, rule_table[i].id, severity_name(rule_table[i].severity),
		       rule_table[i].summary);
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
