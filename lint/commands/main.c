// SPDX-License-Identifier: MIT
/* cmalint: dispatch to a subcommand; `check` is the default. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "oom.h"
#include "runtime.h"

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} commands[] = {
	{ "check", cmd_check },
	{ "diff", cmd_diff },
	{ "explain", cmd_explain },
	{ "oom", cmd_oom },
	{ "rules", cmd_rules },
	{ "runtime", cmd_runtime },
};

static int (*command_find(const char *name))(int, char **)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(name, commands[i].name))
			return commands[i].fn;
	return NULL;
}

static bool is_help_option(const char *a)
{
	return !strcmp(a, "-h") || !strcmp(a, "--help");
}

/*
 * `cmalint help [COMMAND]`: the command's --help; `cmalint --help` without
 * one. `help --help` is the usage of help itself.
 */
static int cmd_help(int argc, char **argv)
{
	const char *name = NULL;
	bool help_opt = false;
	int (*fn)(int, char **);

	for (int i = 1; i < argc; i++) {
		if (is_help_option(argv[i])) {
			help_opt = true;
		} else if (name) {
			fprintf(stderr, "cmalint: 'help' takes at most one command (see 'cmalint help help')\n");
			return EXIT_TROUBLE;
		} else {
			name = argv[i];
		}
	}
	if (!name)
		name = help_opt ? "help" : "check";
	if (!strcmp(name, "help")) {
		fputs("usage: cmalint help [COMMAND]\n"
		      "\n"
		      "Print the usage of COMMAND (check, diff, rules, explain, oom, runtime, help),\n"
		      "or that of check, the default command, without one: 'cmalint --help'.\n", stdout);
		return EXIT_CLEAN;
	}
	fn = command_find(name);
	if (!fn) {
		fprintf(stderr, "cmalint: unknown command '%s': commands are check, diff, rules, explain, oom, runtime, help (see 'cmalint --help')\n",
			name);
		return EXIT_TROUBLE;
	}
	{
		char *args[] = { (char *)name, (char *)"--help", NULL };

		return fn(2, args);
	}
}

int main(int argc, char **argv)
{
	int (*fn)(int, char **);

	if (argc > 1 && !strcmp(argv[1], "--version")) {
		print_version();
		return EXIT_CLEAN;
	}
	if (argc > 1 && !strcmp(argv[1], "help"))
		return cmd_help(argc - 1, argv + 1);
	if (argc > 1 && (fn = command_find(argv[1])))
		return fn(argc - 1, argv + 1);
	/* no command word: `cmalint [OPTIONS] INPUT...` means check */
	argv[0] = (char *)"check";
	return cmd_check(argc, argv);
}
