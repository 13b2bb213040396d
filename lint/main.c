// SPDX-License-Identifier: MIT
/* cmalint: dispatch to a subcommand; `check` is the default. */
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
	{ "explain", cmd_explain },
	{ "oom", cmd_oom },
	{ "rules", cmd_rules },
	{ "runtime", cmd_runtime },
};

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--version")) {
		print_version();
		return EXIT_CLEAN;
	}
	for (size_t i = 0; argc > 1 && i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	/* no command word: `cmalint [OPTIONS] INPUT...` means check */
	argv[0] = (char *)"check";
	return cmd_check(argc, argv);
}
