// SPDX-License-Identifier: MIT
/* The command line of `cmalint check` and `cmalint diff` (lint/commands/check_args.h). */
#include "check_args.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "config.h"
#include "out_svg.h"
#include "overlay.h"
#include "tree.h"
#include "util.h"

enum {
	OPT_BOOTARGS = 256, OPT_KERNEL, OPT_ARCH, OPT_PAGE_SIZE, OPT_RAM, OPT_FORMAT,
	OPT_VERSION, OPT_CMA_MBYTES, OPT_NO_CMA,
	OPT_KERNEL_IMAGE, OPT_MIN_HEADROOM, OPT_MIN_CMA, OPT_BOOT_RESERVED,
	OPT_OVERLAY,
	/* configuration and baseline */
	OPT_CONFIG = 320, OPT_NO_CONFIG,
	OPT_BOOTARGS_FILE, OPT_BOOTARGS_FORMAT, OPT_LABEL, OPT_KCONFIG,
	OPT_MAP,
};

static const struct option long_opts[] = {
	{ "bootargs", required_argument, NULL, OPT_BOOTARGS },
	{ "kernel", required_argument, NULL, OPT_KERNEL },
	{ "arch", required_argument, NULL, OPT_ARCH },
	{ "page-size", required_argument, NULL, OPT_PAGE_SIZE },
	{ "ram", required_argument, NULL, OPT_RAM },
	{ "cma-size-mbytes", required_argument, NULL, OPT_CMA_MBYTES },
	{ "no-cma", no_argument, NULL, OPT_NO_CMA },
	{ "kernel-image", required_argument, NULL, OPT_KERNEL_IMAGE },
	{ "bootloader-reserved", required_argument, NULL, OPT_BOOT_RESERVED },
	{ "min-headroom", required_argument, NULL, OPT_MIN_HEADROOM },
	{ "min-cma", required_argument, NULL, OPT_MIN_CMA },
	{ "bootargs-file", required_argument, NULL, OPT_BOOTARGS_FILE },
	{ "bootargs-format", required_argument, NULL, OPT_BOOTARGS_FORMAT },
	{ "label", required_argument, NULL, OPT_LABEL },
	{ "kconfig", required_argument, NULL, OPT_KCONFIG },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "map", required_argument, NULL, OPT_MAP },
	{ "overlay", required_argument, NULL, OPT_OVERLAY },
	/* configuration and baseline */
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "no-config", no_argument, NULL, OPT_NO_CONFIG },
	GATE_LONG_OPTIONS,
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

/* Leave check_args_parse() through its cleanup with a usage error. */
#define USAGE_ERROR(...) do { rc = usage_error("cmalint --help", __VA_ARGS__); goto done; } while (0)
/* The same with another hint than --help. */
#define USAGE_ERROR_SEE(see, ...) do { rc = usage_error(see, __VA_ARGS__); goto done; } while (0)

int check_args_parse(struct check_args *a, int argc, char **argv, bool diff, const char *help)
{
	char err[1024];
	int c, rc = -1;

	memset(a, 0, sizeof(*a));
	gate_init(&a->gate, PASSES_CHECK);
	a->em = emitter_find("text");
	a->dfmt = DF_TEXT;
	a->jobs = 1;
	a->bootfmt = BF_AUTO;
	run_opts_init(&a->o);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hI:o:W:E:j:", long_opts, NULL)) != -1) {
		const char *see;
		int g = gate_option(&a->gate, c, optarg, err, sizeof(err), &see);

		if (g < 0)
			USAGE_ERROR_SEE(see ? see : "cmalint --help", "%s", err);
		if (g > 0)
			continue;
		switch (c) {
		case 'h':
			fputs(help, stdout);
			rc = EXIT_CLEAN;
			goto done;
		case OPT_VERSION:
			print_version();
			rc = EXIT_CLEAN;
			goto done;
		case 'I':
			*ARRAY_PUSH(a->incs, a->nincs, a->cinc) = optarg;
			break;
		case 'o':
			a->outpath = optarg;
			break;
		case OPT_BOOTARGS:
			a->o.bootargs = optarg;
			break;
		case OPT_KERNEL:
			if (kver_parse(optarg, &a->o.profile.kernel))
				USAGE_ERROR("--kernel '%s' is not a kernel version like 6.1 or 5.4.74", optarg);
			kver_format(a->o.profile.kernel, a->o.profile.kernel_str);
			a->o.profile.kernel_src = SRC_CLI;
			break;
		case OPT_ARCH:
			if (arch_parse(optarg, &a->o.profile.arch))
				USAGE_ERROR("--arch '%s' is not one of arm64, arm, riscv64, x86_64", optarg);
			a->o.profile.arch_src = SRC_CLI;
			break;
		case OPT_PAGE_SIZE:
			if (page_size_parse(optarg, &a->o.profile.page_size))
				USAGE_ERROR("--page-size '%s' is not one of 4K, 16K, 64K", optarg);
			a->o.profile.page_size_src = SRC_CLI;
			break;
		case OPT_RAM: {
			struct ram_bank bank;

			if (ram_bank_parse(optarg, &bank))
				USAGE_ERROR("--ram '%s' is not SIZE[@BASE] (e.g. 2G@0x40000000) within 64 bits", optarg);
			/* banks are memory the kernel adds once: a repeated or overlapping one is a typo */
			for (size_t i = 0; i < a->nram; i++) {
				uint64_t lo, hi, e1, e2;
				char sz[SIZE_STR_MAX];

				if (!ranges_overlap(a->ram[i].base, a->ram[i].size, bank.base, bank.size))
					continue;
				range_end(a->ram[i].base, a->ram[i].size, &e1);
				range_end(bank.base, bank.size, &e2);
				lo = a->ram[i].base > bank.base ? a->ram[i].base : bank.base;
				hi = e1 < e2 ? e1 : e2;
				USAGE_ERROR("--ram '%s' and --ram '%s' overlap by %s from 0x%llx: give each bank once",
					    a->ram_args[i], optarg, fmt_size(hi - lo, sz), (unsigned long long)lo);
			}
			*ARRAY_PUSH(a->ram, a->nram, a->cram) = bank;
			*ARRAY_PUSH(a->ram_args, a->nram_args, a->cram_args) = optarg;
			break;
		}
		case OPT_BOOT_RESERVED: {
			struct ram_bank bank;
			struct range *r;

			if (ram_bank_parse(optarg, &bank) || !strchr(optarg, '@'))
				USAGE_ERROR("--bootloader-reserved '%s' is not SIZE@BASE (e.g. 2M@0x48000000) within 64 bits",
						 optarg);
			r = ARRAY_PUSH(a->boot, a->nboot, a->cboot);
			r->base = bank.base;
			r->size = bank.size;
			break;
		}
		case OPT_CMA_MBYTES: {
			uint64_t v;
			char *end;

			errno = 0;
			v = strtoull(optarg, &end, 10);
			if (errno || *end || end == optarg || v > (UINT64_MAX >> 20))
				USAGE_ERROR("--cma-size-mbytes '%s' is not a number of MiB", optarg);
			a->o.profile.cma_size_mbytes = v;
			a->o.profile.cma_size_mbytes_src = SRC_CLI;
			break;
		}
		case OPT_KERNEL_IMAGE:
		case OPT_MIN_HEADROOM:
		case OPT_MIN_CMA: {
			uint64_t v;

			if (cl_parse_size(optarg, &v))
				USAGE_ERROR("'%s' is not a size like 64M or 0x4000000", optarg);
			if (c == OPT_KERNEL_IMAGE) {
				a->o.kernel_image = v;
				a->o.cli_set |= CFG_KERNEL_IMAGE;
			} else if (c == OPT_MIN_HEADROOM) {
				a->o.thresholds.headroom_min = v;
				a->o.cli_set |= CFG_HEADROOM_MIN;
			} else {
				a->o.thresholds.cma_min = v;
				a->o.cli_set |= CFG_CMA_MIN;
			}
			break;
		}
		case OPT_NO_CMA:
			a->o.profile.cma = false;
			a->o.profile.cma_src = SRC_CLI;
			break;
		case OPT_BOOTARGS_FILE:
			a->bootfile = optarg;
			break;
		case OPT_BOOTARGS_FORMAT:
			if (bootfile_format_parse(optarg, &a->bootfmt))
				USAGE_ERROR("--bootargs-format '%s' is not one of uenv, extlinux, grub, cmdline", optarg);
			break;
		case OPT_LABEL:
			a->label = optarg;
			break;
		case OPT_KCONFIG:
			a->kconfig_path = optarg;
			break;
		case OPT_FORMAT:
			if (diff) {
				if (diff_format_parse(optarg, &a->dfmt))
					USAGE_ERROR_SEE("cmalint diff --help",
							"unknown format '%s' (expected one of: text, json, markdown, html)",
							optarg);
				break;
			}
			a->em = emitter_find(optarg);
			if (!a->em)
				USAGE_ERROR("unknown format '%s' (expected one of: %s)", optarg, emitter_names());
			break;
		case OPT_MAP:
			if (!*optarg)
				USAGE_ERROR("%s", "--map needs a file or a directory");
			a->mappath = optarg;
			break;
		/* configuration and baseline */
		case OPT_CONFIG:
			a->config_opt = optarg;
			break;
		case OPT_NO_CONFIG:
			a->no_config = true;
			break;
		case OPT_OVERLAY:
			*ARRAY_PUSH(a->ovls, a->novls, a->covls) = optarg;
			break;
		case 'j': {
			char *end;
			unsigned long v;

			errno = 0;
			v = strtoul(optarg, &end, 10);
			if (errno || *end || end == optarg || v < 1 || v > TREE_MAX_JOBS) {
				USAGE_ERROR("-j '%s' is not a number of jobs from 1 to %d", optarg, TREE_MAX_JOBS);
			}
			a->jobs = (unsigned)v;
			break;
		}
		case ':':
			USAGE_ERROR("option '%s' needs a value", argv[optind - 1]);
		default:
			USAGE_ERROR("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (diff) {
		if (argc - optind != 2)
			USAGE_ERROR_SEE("cmalint diff --help", "diff takes two inputs, OLD and NEW (%d given)",
					argc - optind);
		if (a->mappath || a->gate.baseline_path || a->gate.write_baseline)
			USAGE_ERROR_SEE("cmalint diff --help", "%s",
					"--map, --baseline and --write-baseline are options of check, not diff");
		if (!strcmp(argv[optind], CMALINT_STDIN_ARG) || !strcmp(argv[optind + 1], CMALINT_STDIN_ARG))
			USAGE_ERROR_SEE("cmalint diff --help", "%s", "diff reads files, not standard input ('-')");
	}
	if (optind >= argc)
		USAGE_ERROR("%s", "no input given");
	if (a->bootfile && a->o.bootargs)
		USAGE_ERROR("%s", "--bootargs and --bootargs-file both give the command line: use one");
	if (!a->bootfile && (a->label || a->bootfmt != BF_AUTO))
		USAGE_ERROR("%s", "--label and --bootargs-format need --bootargs-file");
	/* The .config fills what was assumed; options given above keep their values. */
	if (a->kconfig_path) {
		if (kconfig_load(&a->kc, a->kconfig_path, err, sizeof(err))) {
			fprintf(stderr, "cmalint: %s\n", err);
			kconfig_release(&a->kc);
			rc = EXIT_TROUBLE;
			goto done;
		}
		a->have_kc = true;
		kconfig_apply(&a->kc, &a->o.profile);
	}
	if (a->bootfile) {
		if (bootfile_read(a->bootfile, a->bootfmt, a->label, &a->bf, err, sizeof(err))) {
			fprintf(stderr, "cmalint: %s\n", err);
			rc = EXIT_TROUBLE;
			goto done;
		}
		a->o.bootargs = a->bf.value;
		a->o.bootargs_source = a->bf.source;
		a->o.bootargs_loc.file = a->bf.file;
		a->o.bootargs_loc.line = a->bf.line;
	}
	/* "-": the board on standard input, read once before the boards are linted */
	for (int i = optind; i < argc; i++) {
		if (strcmp(argv[i], CMALINT_STDIN_ARG))
			continue;
		if (a->stdin_data)
			USAGE_ERROR("%s", "'-' (standard input) given more than once");
		if (isatty(STDIN_FILENO))
			USAGE_ERROR("%s", "'-' reads a DTB or DTS from standard input, which is a terminal");
		a->stdin_data = read_stream(stdin, CMALINT_MAX_DTB_SIZE, &a->stdin_len);
		if (!a->stdin_data) {
			if (errno == EFBIG)
				fprintf(stderr, "cmalint: '%s' is larger than the %zu MiB limit for a device tree\n",
					CMALINT_STDIN_NAME, CMALINT_MAX_DTB_SIZE >> 20);
			else
				fprintf(stderr, "cmalint: cannot read '%s': %s\n", CMALINT_STDIN_NAME, strerror(errno));
			rc = EXIT_TROUBLE;
			goto done;
		}
	}
	a->o.load.stdin_data = a->stdin_data;
	a->o.load.stdin_len = a->stdin_len;
	if (a->mappath && argc - optind > 1 && !svg_map_is_dir(a->mappath))
		USAGE_ERROR("--map '%s' is a file but there are %d inputs: give a directory (DIR/)", a->mappath,
				 argc - optind);

	*ARRAY_PUSH(a->incs, a->nincs, a->cinc) = NULL;
	a->o.load.include_dirs = a->incs;
	*ARRAY_PUSH(a->ovls, a->novls, a->covls) = NULL;
	a->o.load.overlays = a->ovls;
	/* every overlay once, before any board: a board given as --overlay is a usage error */
	for (size_t i = 0; i + 1 < a->novls; i++) {
		int r = overlay_check(a->ovls[i], &a->o.load, err, sizeof(err));

		if (r > 0)
			USAGE_ERROR("%s", err);
		if (r < 0) {
			fprintf(stderr, "cmalint: %s\n", err);
			rc = EXIT_TROUBLE;
			goto done;
		}
	}
	a->o.load.ram = a->ram;
	a->o.load.nram = a->nram;
	a->o.boot_reserved = a->boot;
	a->o.nboot_reserved = a->nboot;
	a->o.policy = &a->gate.policy;
	if (a->nram)
		a->o.cli_set |= CFG_RAM;
	a->inputs = argv + optind;
	a->ninputs = (size_t)(argc - optind);
done:
	return rc;
}

void check_args_release(struct check_args *a)
{
	free(a->incs);
	free(a->ovls);
	free(a->ram);
	free(a->ram_args);
	free(a->boot);
	gate_release(&a->gate);
	bootfile_result_release(&a->bf);
	free(a->stdin_data);
	if (a->have_kc)
		kconfig_release(&a->kc);
	memset(a, 0, sizeof(*a));
}
