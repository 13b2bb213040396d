// SPDX-License-Identifier: MIT
#include <stdio.h>

int main(void)
{
	fputs("cmalint: not built yet\n", stderr);
	return 2;
}
