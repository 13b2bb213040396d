// SPDX-License-Identifier: MIT
#include <stdio.h>
#include <string.h>

#include "oom.h"

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "oom"))
		return cmd_oom(argc - 1, argv + 1);
	fputs("cmalint: not built yet\n", stderr);
	return 2;
}
