// SPDX-License-Identifier: MIT
#include "emit.h"

#include <string.h>

static const struct emitter emitters[] = {
	{ "text", emit_text },
	{ "json", emit_json },
	{ "sarif", emit_sarif },
	{ "github", emit_github },
	{ "gcc", emit_gcc },
	{ "codeclimate", emit_codeclimate },
	{ "svg", emit_svg },
	{ "html", emit_html },
};

const struct emitter *emitter_find(const char *name)
{
	for (size_t i = 0; i < sizeof(emitters) / sizeof(emitters[0]); i++)
		if (!strcmp(emitters[i].name, name))
			return &emitters[i];
	return NULL;
}

const char *emitter_names(void)
{
	static char buf[128];

	if (!buf[0]) {
		for (size_t i = 0; i < sizeof(emitters) / sizeof(emitters[0]); i++) {
			if (i)
				strncat(buf, ", ", sizeof(buf) - strlen(buf) - 1);
			strncat(buf, emitters[i].name, sizeof(buf) - strlen(buf) - 1);
		}
	}
	return buf;
}
