/* SPDX-License-Identifier: MIT */
/* commands.h - the subcommands; each takes argv with argv[0] = its name. */
#ifndef CMALINT_COMMANDS_H
#define CMALINT_COMMANDS_H

int cmd_check(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_explain(int argc, char **argv);
void print_version(void);

/*
 * usage_error - a usage error as one line on stderr: "cmalint: PROBLEM
 * (see 'SEE')", with exactly one hint. Returns EXIT_TROUBLE.
 */
int usage_error(const char *see, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Exit statuses of the contract. */
enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_TROUBLE = 2 };

#endif
