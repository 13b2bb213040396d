// SPDX-License-Identifier: MIT
/* What every command prints alike: usage errors and the version (lint/commands/commands.h). */
#include <stdarg.h>
#include <stdio.h>

#include "commands.h"
#include "version.h"

int usage_error(const char *see, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("cmalint: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see '%s')\n", see);
	return EXIT_TROUBLE;
}

void print_version(void)
{
	if (CMALINT_GIT_REV[0])
		printf("cmalint %s (%s)\n", CMALINT_VERSION, CMALINT_GIT_REV);
	else
		printf("cmalint %s\n", CMALINT_VERSION);
}
