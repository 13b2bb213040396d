// SPDX-License-Identifier: MIT
/* One usage-error line for every command (lint/commands/commands.h). */
#include <stdarg.h>
#include <stdio.h>

#include "commands.h"

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
