/* SPDX-License-Identifier: MIT */
/* srcloc.h - a place in a source file, and an address range: what every layer names. */
#ifndef CMALINT_SRCLOC_H
#define CMALINT_SRCLOC_H

#include <stdint.h>

/* A source position, when the input was DTS and dtc told us; file NULL otherwise. */
struct srcloc {
	char *file;
	int line;
	int column;
};

struct range {
	uint64_t base;
	uint64_t size;
};

#endif
