// SPDX-License-Identifier: MIT
/* `cmalint [check] [OPTIONS] INPUT...`: lint boards. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "emit.h"
#include "out_svg.h"
#include "run.h"
#include "util.h"
#include "version.h"

static const char usage[] =
"usage: cmalint [check] [OPTIONS] INPUT...\n"
"       cmalint rules | explain RULE | oom FILE... | --version\n"
"\n"
"Predict what the Linux kernel will do with a board's reserved memory and CMA.\n"
"INPUT is a .dtb or a .dts (preprocessed with cpp and compiled with dtc).\n"
"\n"
"  -I DIR                 include path for DTS preprocessing (repeatable)\n"
"      --bootargs STRING  the kernel command line; replaces /chosen/bootargs\n"
"      --kernel VERSION   kernel version to predict, e.g. 5.4, 6.1, 6.12 (default 6.12)\n"
"      --arch ARCH        arm64, arm, riscv64, x86_64 (default arm64)\n"
"      --page-size SIZE   4K, 16K, 64K (default 4K)\n"
"      --ram SIZE[@BASE]  RAM bank replacing /memory (repeatable)\n"
"      --cma-size-mbytes N  CONFIG_CMA_SIZE_MBYTES of the kernel (default 32)\n"
"      --no-cma           the kernel is built without CONFIG_CMA/CONFIG_DMA_CMA\n"
"      --bootloader-reserved SIZE@BASE  memory the bootloader uses before the kernel\n"
"                         (kernel image, initrd, DTB; repeatable)\n"
"      --kernel-image SIZE  kernel image and early allocations, a headroom term\n"
"                         (default by kernel version, 21M-43M)\n"
"      --min-headroom SIZE  headroom_low threshold (default 256M, or a quarter of RAM under 1 GiB)\n"
"      --min-cma SIZE     cma_too_small threshold: the CMA the board's devices need\n"
"      --format FMT       text (default), json, svg (memory map), html (page of a run)\n"
"      --map PATH         also draw the memory map: PATH.svg, or DIR/ for one SVG per board\n"
"  -o FILE                write the report to FILE\n"
"      --fail-on LEVEL    error (default), warning, info, never\n"
"      --exit-zero        exit 0 even with findings (input errors still exit 2)\n"
"  -W RULE, -W no-RULE    raise RULE to warning / turn it off\n"
"  -E RULE                raise RULE to error\n"
"  -h, --help             this help\n"
"      --version          print the version\n"
"\n"
"Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage or input error.\n";

enum {
	OPT_BOOTARGS = 256, OPT_KERNEL, OPT_ARCH, OPT_PAGE_SIZE, OPT_RAM, OPT_FORMAT, OPT_FAIL_ON,
	OPT_EXIT_ZERO, OPT_VERSION, OPT_CMA_MBYTES, OPT_NO_CMA,
	OPT_KERNEL_IMAGE, OPT_MIN_HEADROOM, OPT_MIN_CMA, OPT_BOOT_RESERVED,
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
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "map", required_argument, NULL, OPT_MAP },
	{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
	{ "exit-zero", no_argument, NULL, OPT_EXIT_ZERO },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

void print_version(void)
{
	if (CMALINT_GIT_REV[0])
		printf("cmalint %s (%s)\n", CMALINT_VERSION, CMALINT_GIT_REV);
	else
		printf("cmalint %s\n", CMALINT_VERSION);
}

/* A size like the kernel's memparse, but strict: digits, optional suffix, nothing else. */
static int parse_size(const char *s, uint64_t *out)
{
	struct memparse_result m;

	cl_memparse(s, &m);
	if (!m.digits || m.overflow || s[m.consumed] != '\0')
		return -1;
	*out = m.value;
	return 0;
}

static int parse_ram(const char *arg, struct ram_bank *bank)
{
	char *copy = xstrdup(arg), *at = strchr(copy, '@');
	int rc = 0;
	uint64_t end;

	memset(bank, 0, sizeof(*bank));
	if (at)
		*at++ = '\0';
	if (parse_size(copy, &bank->size) || !bank->size || (at && parse_size(at, &bank->base)) ||
	    !range_end(bank->base, bank->size, &end))
		rc = -1;
	free(copy);
	return rc;
}

static int PRINTF(1, 2) bad_usage(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("cmalint: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputs(" (see 'cmalint --help')\n", stderr);
	va_end(ap);
	return EXIT_TROUBLE;
}

int cmd_check(int argc, char **argv)
{
	struct run_opts o;
	struct severity_policy policy = { 0 };
	const struct emitter *em = emitter_find("text");
	const char *outpath = NULL;
	const char *mappath = NULL;
	const char **incs = NULL;
	size_t nincs = 0, cinc = 0, cram = 0;
	struct ram_bank *ram = NULL;
	size_t nram = 0;
	struct range *boot = NULL;
	size_t nboot = 0, cboot = 0;
	enum severity fail_on = SEV_ERROR;
	bool never_fail = false, exit_zero = false, trouble = false, fail = false;
	struct emit_run run = { 0 };
	int c, rc = EXIT_CLEAN;
	FILE *out = stdout;

	run_opts_init(&o);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hI:o:W:E:", long_opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(usage, stdout);
			return EXIT_CLEAN;
		case OPT_VERSION:
			print_version();
			return EXIT_CLEAN;
		case 'I':
			*ARRAY_PUSH(incs, nincs, cinc) = optarg;
			break;
		case 'o':
			outpath = optarg;
			break;
		case OPT_BOOTARGS:
			o.bootargs = optarg;
			break;
		case OPT_KERNEL:
			if (kver_parse(optarg, &o.profile.kernel))
				return bad_usage("--kernel '%s' is not a kernel version like 6.1 or 5.4.74", optarg);
			snprintf(o.profile.kernel_str, sizeof(o.profile.kernel_str), "%d.%d",
				 o.profile.kernel.major, o.profile.kernel.minor);
			o.profile.kernel_src = SRC_CLI;
			break;
		case OPT_ARCH:
			if (arch_parse(optarg, &o.profile.arch))
				return bad_usage("--arch '%s' is not one of arm64, arm, riscv64, x86_64", optarg);
			o.profile.arch_src = SRC_CLI;
			break;
		case OPT_PAGE_SIZE:
			if (page_size_parse(optarg, &o.profile.page_size))
				return bad_usage("--page-size '%s' is not one of 4K, 16K, 64K", optarg);
			o.profile.page_size_src = SRC_CLI;
			break;
		case OPT_RAM: {
			struct ram_bank bank;

			if (parse_ram(optarg, &bank))
				return bad_usage("--ram '%s' is not SIZE[@BASE] (e.g. 2G@0x40000000) within 64 bits", optarg);
			*ARRAY_PUSH(ram, nram, cram) = bank;
			break;
		}
		case OPT_BOOT_RESERVED: {
			struct ram_bank bank;
			struct range *r;

			if (parse_ram(optarg, &bank) || !strchr(optarg, '@'))
				return bad_usage("--bootloader-reserved '%s' is not SIZE@BASE (e.g. 2M@0x48000000) within 64 bits",
						 optarg);
			r = ARRAY_PUSH(boot, nboot, cboot);
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
				return bad_usage("--cma-size-mbytes '%s' is not a number of MiB", optarg);
			o.profile.cma_size_mbytes = v;
			o.profile.cma_size_mbytes_src = SRC_CLI;
			break;
		}
		case OPT_KERNEL_IMAGE:
		case OPT_MIN_HEADROOM:
		case OPT_MIN_CMA: {
			uint64_t v;

			if (parse_size(optarg, &v))
				return bad_usage("'%s' is not a size like 64M or 0x4000000", optarg);
			if (c == OPT_KERNEL_IMAGE)
				o.kernel_image = v;
			else if (c == OPT_MIN_HEADROOM)
				o.thresholds.headroom_min = v;
			else
				o.thresholds.cma_min = v;
			break;
		}
		case OPT_NO_CMA:
			o.profile.cma = false;
			o.profile.cma_src = SRC_CLI;
			break;
		case OPT_FORMAT:
			em = emitter_find(optarg);
			if (!em) {
				fprintf(stderr, "cmalint: unknown format '%s' (expected one of: %s)\n", optarg,
					emitter_names());
				return EXIT_TROUBLE;
			}
			break;
		case OPT_MAP:
			if (!*optarg)
				return bad_usage("%s", "--map needs a file or a directory");
			mappath = optarg;
			break;
		case OPT_FAIL_ON:
			if (!strcmp(optarg, "never"))
				never_fail = true;
			else if (severity_parse(optarg, &fail_on) || fail_on == SEV_OFF)
				return bad_usage("--fail-on '%s' is not one of error, warning, info, never", optarg);
			break;
		case OPT_EXIT_ZERO:
			exit_zero = true;
			break;
		case 'W':
		case 'E': {
			bool off = c == 'W' && !strncmp(optarg, "no-", 3);
			const char *id = off ? optarg + 3 : optarg;
			const struct rule *r = rule_find(id);

			if (!r)
				return bad_usage("unknown rule '%s' (see 'cmalint rules')", id);
			policy_set(&policy, r->id, off ? SEV_OFF : c == 'E' ? SEV_ERROR : SEV_WARNING);
			break;
		}
		case ':':
			return bad_usage("option '%s' needs a value", argv[optind - 1]);
		default:
			return bad_usage("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return bad_usage("%s", "no input given");
	if (mappath && argc - optind > 1 && !svg_map_is_dir(mappath))
		return bad_usage("--map '%s' is a file but there are %d inputs: give a directory (DIR/)", mappath,
				 argc - optind);

	*ARRAY_PUSH(incs, nincs, cinc) = NULL;
	o.load.include_dirs = incs;
	o.load.ram = ram;
	o.load.nram = nram;
	o.boot_reserved = boot;
	o.nboot_reserved = nboot;
	o.policy = &policy;

	run.nboards = (size_t)(argc - optind);
	run.boards = xcalloc(run.nboards, sizeof(*run.boards));
	for (size_t i = 0; i < run.nboards; i++) {
		struct board_result *r = &run.boards[i];

		lint_board(r, argv[optind + (int)i], &o);
		if (r->error) {
			fprintf(stderr, "cmalint: %s\n", r->error);
			trouble = true;
			continue;
		}
		for (size_t j = 0; j < r->report.n; j++)
			if (!never_fail && r->report.f[j].severity >= fail_on)
				fail = true;
	}

	/* Nothing on stdout when the only input could not be read. */
	if (!(trouble && run.nboards == 1)) {
		/* the maps first: when one cannot be written, no report claims success */
		if (mappath && svg_write_map(mappath, run.boards, run.nboards)) {
			rc = EXIT_TROUBLE;
			goto done;
		}
		if (outpath) {
			out = fopen(outpath, "w");
			if (!out) {
				fprintf(stderr, "cmalint: cannot write '%s': %s\n", outpath, strerror(errno));
				rc = EXIT_TROUBLE;
				goto done;
			}
		}
		if (em->emit(out, &run) || (out != stdout && fclose(out))) {
			fprintf(stderr, "cmalint: cannot write the report to '%s'\n", outpath ? outpath : "stdout");
			rc = EXIT_TROUBLE;
			goto done;
		}
	}
	rc = trouble ? EXIT_TROUBLE : fail && !exit_zero ? EXIT_FINDINGS : EXIT_CLEAN;
done:
	for (size_t i = 0; i < run.nboards; i++)
		board_result_release(&run.boards[i]);
	free(run.boards);
	free(incs);
	free(ram);
	free(boot);
	policy_release(&policy);
	return rc;
}
