// SPDX-License-Identifier: MIT
/*
 * bootfile.c - fuzz target: the bootloader files of --bootargs-file.
 *
 * seeds: files fixtures/cmdline .txt
 * seeds: files fixtures/cmdline .conf
 * seeds: files fixtures/cmdline .cfg
 * seeds: files fixtures/cmdline .cmd
 * seeds: files fixtures/cmdline cmdline
 *
 * The input is a file's text, given to the format detector and to every
 * parser (U-Boot environment and scripts with ${var} expansion,
 * extlinux.conf, grub.cfg, cmdline.txt), with and without a label. An
 * error is one line; a command line found lies within the limits and is
 * then parsed as the kernel parses it.
 */
#include <stdlib.h>
#include <string.h>

#include "bootfile.h"
#include "cmdline.h"
#include "fuzz_util.h"

static void check(int rc, struct bootfile_result *r, const char *err)
{
	if (rc) {
		fuzz_check_error(err);
		return;
	}
	FUZZ_CHECK(r->value && r->source, "a parsed file has no command line or source");
	FUZZ_CHECK(r->line >= 1, "a command line without its line");
	{
		struct cmdline cl;

		cmdline_parse(&cl, r->value, r->source);
		for (size_t i = 0; i < cl.ncma; i++)
			FUZZ_CHECK(cl.cma[i].offset < strlen(r->value), "a cma= outside the command line");
		cmdline_release(&cl);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text, err[1024];
	struct bootfile_result r;
	int rc;

	if (size > BOOTFILE_MAX_BYTES)
		return 0;
	text = fuzz_cstr(data, size);
	(void)bootfile_detect(text);

	memset(&r, 0, sizeof(r));
	rc = bootfile_parse_uenv("uEnv.txt", text, &r, err, sizeof(err));
	check(rc, &r, err);
	bootfile_result_release(&r);

	for (int with_label = 0; with_label < 2; with_label++) {
		memset(&r, 0, sizeof(r));
		rc = bootfile_parse_extlinux("extlinux.conf", text, with_label ? "linux" : NULL, &r, err,
					     sizeof(err));
		check(rc, &r, err);
		bootfile_result_release(&r);
		memset(&r, 0, sizeof(r));
		rc = bootfile_parse_grub("grub.cfg", text, with_label ? "Debian" : NULL, &r, err, sizeof(err));
		check(rc, &r, err);
		bootfile_result_release(&r);
	}
	memset(&r, 0, sizeof(r));
	rc = bootfile_parse_cmdline("cmdline.txt", text, &r, err, sizeof(err));
	check(rc, &r, err);
	bootfile_result_release(&r);
	free(text);
	return 0;
}
