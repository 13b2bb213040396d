// SPDX-License-Identifier: MIT
#include "run.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void run_opts_init(struct run_opts *o)
{
	memset(o, 0, sizeof(*o));
	profile_init(&o->profile);
	thresholds_init(&o->thresholds);
}

/* A command line the kernel could receive: printable, bounded. */
static int check_cmdline(const char *s, const char *what, char *err, size_t errlen)
{
	size_t len = strlen(s);

	if (len > CMALINT_MAX_CMDLINE) {
		snprintf(err, errlen, "%s is %zu bytes, over the %d-byte limit", what, len, CMALINT_MAX_CMDLINE);
		return -1;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 && c != '\t' && c != '\n') {
			snprintf(err, errlen, "%s has a control character (0x%02x) at byte %zu", what, c, i);
			return -1;
		}
	}
	return 0;
}

void lint_board(struct board_result *res, const char *path, const struct run_opts *o)
{
	char err[1024];

	memset(res, 0, sizeof(*res));
	res->input = xstrdup(path);
	if (board_load(&res->board, path, &o->load, err, sizeof(err))) {
		res->error = xstrdup(err);
		return;
	}
	lint_loaded_board(res, o);
}

void lint_loaded_board(struct board_result *res, const struct run_opts *o)
{
	char err[1024];
	struct lint_ctx ctx;
	const char *path = res->input, *args = NULL, *source = NULL;

	res->profile = o->profile;
	if (profile_finish(&res->profile, err, sizeof(err))) {
		res->error = xasprintf("'%s': %s", path, err);
		return;
	}
	if (o->bootargs) {
		args = o->bootargs;
		source = "--bootargs";
	} else if (res->board.has_dt_bootargs) {
		args = res->board.dt_bootargs;
		source = "/chosen/bootargs";
	}
	if (args) {
		if (check_cmdline(args, source, err, sizeof(err))) {
			res->error = xasprintf("'%s': %s", path, err);
			return;
		}
		cmdline_parse(&res->cmdline, args, source);
		res->has_cmdline = true;
	}
	kmodel_build(&res->kmodel, &res->board, &res->profile, res->has_cmdline ? &res->cmdline : NULL,
		     o->boot_reserved, o->nboot_reserved);
	headroom_estimate(&res->headroom, &res->board, &res->profile, &res->kmodel, o->kernel_image);

	ctx.board = &res->board;
	ctx.profile = &res->profile;
	ctx.cmdline = res->has_cmdline ? &res->cmdline : NULL;
	ctx.kmodel = &res->kmodel;
	ctx.thresholds = &o->thresholds;
	ctx.headroom = &res->headroom;
	res->report.policy = o->policy;
	lint_run(&ctx, &res->report);
}

void board_result_release(struct board_result *res)
{
	free(res->input);
	free(res->error);
	board_release(&res->board);
	if (res->has_cmdline)
		cmdline_release(&res->cmdline);
	kmodel_release(&res->kmodel);
	report_release(&res->report);
	memset(res, 0, sizeof(*res));
}
