// SPDX-License-Identifier: MIT
/* The configurations of a run (lint/commands/runfiles.h). */
#include "runfiles.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suppress.h"
#include "util.h"

static struct config *config_get(struct run_files *rf, const char *path, char *err, size_t errlen)
{
	struct config *c;

	for (size_t i = 0; i < rf->nconfigs; i++)
		if (!strcmp(rf->configs[i]->path, path))
			return rf->configs[i];
	c = xcalloc(1, sizeof(*c));
	if (config_load(c, path, err, errlen)) {
		config_release(c);
		free(c);
		return NULL;
	}
	*ARRAY_PUSH(rf->configs, rf->nconfigs, rf->cconfigs) = c;
	return c;
}

/* Load every input's configuration; 0, or -1 after one line on stderr. */
int run_files_load(struct run_files *rf, char **inputs, size_t n)
{
	char err[1024];

	rf->per_input = xcalloc(n, sizeof(*rf->per_input));
	for (size_t i = 0; i < n; i++) {
		char *found = NULL;
		const char *path = rf->config_opt;

		if (!path && !rf->no_config)
			path = found = config_find(inputs[i]);
		if (path) {
			rf->per_input[i] = config_get(rf, path, err, sizeof(err));
			free(found);
			if (!rf->per_input[i]) {
				fprintf(stderr, "cmalint: %s\n", err);
				return -1;
			}
		}
	}
	return 0;
}

int run_files_finish(struct run_files *rf, struct emit_run *run, struct gate *g)
{
	(void)rf;
	suppress_run(run->boards, run->nboards);
	if (g)
		return gate_baseline(g, run);
	late_run(run->boards, run->nboards, NULL);
	return 0;
}

void run_files_release(struct run_files *rf)
{
	for (size_t i = 0; i < rf->nconfigs; i++) {
		config_release(rf->configs[i]);
		free(rf->configs[i]);
	}
	free(rf->configs);
	free(rf->per_input);
}
