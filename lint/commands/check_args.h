/* SPDX-License-Identifier: MIT */
/*
 * check_args.h - the command line of `cmalint check` and `cmalint diff`:
 * options, and what every board of the run shares (the .config, the boot
 * file's command line, standard input, overlays checked once).
 */
#ifndef CMALINT_CHECK_ARGS_H
#define CMALINT_CHECK_ARGS_H

#include <stdbool.h>
#include <stddef.h>

#include "bootfile.h"
#include "diff.h"
#include "emit.h"
#include "gate.h"
#include "kconfig.h"
#include "run.h"

struct check_args {
	struct run_opts o;		/* what every board is linted with */
	struct gate gate;		/* -W/-E, --fail-on, --exit-zero, --baseline, --write-baseline */
	const struct emitter *em;	/* check's --format */
	enum diff_format dfmt;		/* diff's --format */
	const char *outpath;		/* -o */
	const char *mappath;		/* --map */
	const char *config_opt;		/* --config */
	bool no_config;			/* --no-config */
	unsigned jobs;			/* -j */
	char **inputs;			/* the operands, in argv */
	size_t ninputs;

	/* What the options above point into (owned). */
	const char **incs;
	size_t nincs, cinc;
	struct ram_bank *ram;
	size_t nram, cram;
	const char **ram_args;		/* each --ram as given, for messages */
	size_t nram_args, cram_args;
	struct range *boot;
	size_t nboot, cboot;
	const char **ovls;
	size_t novls, covls;
	const char *bootfile, *label, *kconfig_path;
	enum bootfile_format bootfmt;
	struct bootfile_result bf;
	struct kconfig kc;
	bool have_kc;
	void *stdin_data;		/* the input "-" */
	size_t stdin_len;
};

/*
 * check_args_parse - read the command line of check (@diff false) or diff
 * into @a, with @help printed for -h. Returns -1 when the run goes on,
 * else the exit status: 0 after --help or --version, 2 after a usage or
 * input error (one line on stderr). check_args_release() in every case.
 */
int check_args_parse(struct check_args *a, int argc, char **argv, bool diff, const char *help);
void check_args_release(struct check_args *a);

#endif
