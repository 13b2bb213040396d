// SPDX-License-Identifier: MIT
#include "fingerprint.h"

#include <stdio.h>
#include <string.h>

const char *board_key(const char *input)
{
	while (input[0] == '.' && input[1] == '/')
		input += 2;
	return input;
}

uint64_t fnv1a64(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

/* A field and a separator; a missing field hashes differently from an empty one. */
static uint64_t add_field(uint64_t h, const char *s)
{
	static const unsigned char sep = 0x1f, none = 0x1e;

	if (s)
		h = fnv1a64(h, s, strlen(s));
	else
		h = fnv1a64(h, &none, 1);
	return fnv1a64(h, &sep, 1);
}

static int nullcmp(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

/* The node the rule named, wherever the finding was moved to (struct finding). */
static const char *key_node(const struct finding *f)
{
	return f->at_pair ? f->pair_node : f->node;
}

void finding_fingerprint(const struct board_result *r, size_t i, char out[FINGERPRINT_LEN])
{
	const struct finding *f = &r->report.f[i];
	uint64_t h = FNV1A64_INIT;
	size_t rank = 0;

	for (size_t j = 0; j < i; j++) {
		const struct finding *g = &r->report.f[j];

		if (!strcmp(g->rule, f->rule) && !nullcmp(key_node(g), key_node(f)) &&
		    !nullcmp(g->property, f->property))
			rank++;
	}
	h = add_field(h, f->rule);
	h = add_field(h, board_key(r->input));
	h = add_field(h, key_node(f));
	h = add_field(h, f->property);
	if (rank) {
		char buf[32];

		snprintf(buf, sizeof(buf), "#%zu", rank);
		h = add_field(h, buf);
	}
	snprintf(out, FINGERPRINT_LEN, "%016llx", (unsigned long long)h);
}
