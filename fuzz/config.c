// SPDX-License-Identifier: MIT
/*
 * config.c - fuzz target: the project configuration (.cmalint.json,
 * --config) and the baseline (--baseline).
 *
 * seeds: files fuzz/corpus/config .json
 *
 * The input is a JSON file, read by both loaders (they take a path, so it
 * is written to a private temporary file first). Each either accepts it
 * or refuses it with one line naming the file; an accepted baseline's
 * entries all have a rule and a board.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baseline.h"
#include "config.h"
#include "fuzz_util.h"

static char path[64];

static void remove_file(void)
{
	unlink(path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	int fd;

	(void)argc;
	(void)argv;
	strcpy(path, "/tmp/cmalint-fuzz-config.XXXXXX");
	fd = mkstemp(path);
	FUZZ_CHECK(fd >= 0, "cannot create a temporary file");
	close(fd);
	atexit(remove_file);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config c;
	struct baseline b;
	char err[1024];
	FILE *f = fopen(path, "wb");

	FUZZ_CHECK(f && fwrite(data, 1, size, f) == size && fclose(f) == 0, "cannot write %s", path);
	memset(&c, 0, sizeof(c));
	if (config_load(&c, path, err, sizeof(err)))
		fuzz_check_error(err);
	config_release(&c);

	memset(&b, 0, sizeof(b));
	if (baseline_load(&b, path, err, sizeof(err))) {
		fuzz_check_error(err);
	} else {
		for (size_t i = 0; i < b.n; i++)
			FUZZ_CHECK(b.e[i].rule && b.e[i].board, "a baseline entry without rule or board");
	}
	baseline_release(&b);
	return 0;
}
