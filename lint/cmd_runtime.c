// SPDX-License-Identifier: MIT
/*
 * cmd_runtime.c - "cmalint runtime": check a running board (or a captured
 * copy of its /proc and /sys files) against the prediction.
 *
 * Everything is read and compared before anything is written, so a bad
 * input leaves stdout (or the -o file) untouched.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "commands.h"
#include "profile.h"
#include "runtime.h"
#include "util.h"

static const char usage_text[] =
	"usage: cmalint runtime [OPTIONS]\n"
	"\n"
	"Check a running board against the prediction: read /proc/meminfo, /proc/zoneinfo,\n"
	"/proc/iomem, /proc/cmdline, /proc/version, the live tree /sys/firmware/fdt and the\n"
	"CMA areas in sysfs/debugfs, predict from that tree and command line, and report\n"
	"where the kernel differs (CMA total, MemTotal, min watermark, headroom, pools).\n"
	"\n"
	"  --root DIR             read the files below DIR instead of / (a captured copy)\n"
	"  --kernel VERSION       kernel version to predict (default: /proc/version)\n"
	"  --arch ARCH            arm64, arm, riscv64, x86_64 (default: /proc/version)\n"
	"  --page-size SIZE       4K, 16K, 64K (default: MemTotal / managed pages)\n"
	"  --cma-size-mbytes N    CONFIG_CMA_SIZE_MBYTES (default: DIR/boot/config-RELEASE, else 32)\n"
	"  --no-cma               the kernel is built without CONFIG_CMA/CONFIG_DMA_CMA\n"
	"  --kernel-image SIZE    kernel image and early allocations, a headroom term\n"
	"  --format FMT           text (default), json\n"
	"  -o FILE                write the report to FILE\n"
	"  -h, --help             this help\n"
	"\n"
	"Exit status: 0 the board matches the prediction, 1 mismatches or board errors,\n"
	"2 usage error or a missing or malformed input file.\n";

enum { OPT_ROOT = 256, OPT_KERNEL, OPT_ARCH, OPT_PAGE_SIZE, OPT_CMA_MBYTES, OPT_NO_CMA, OPT_KERNEL_IMAGE, OPT_FORMAT };

static const struct option long_opts[] = {
	{ "root", required_argument, NULL, OPT_ROOT },
	{ "kernel", required_argument, NULL, OPT_KERNEL },
	{ "arch", required_argument, NULL, OPT_ARCH },
	{ "page-size", required_argument, NULL, OPT_PAGE_SIZE },
	{ "cma-size-mbytes", required_argument, NULL, OPT_CMA_MBYTES },
	{ "no-cma", no_argument, NULL, OPT_NO_CMA },
	{ "kernel-image", required_argument, NULL, OPT_KERNEL_IMAGE },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int PRINTF(1, 2) usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("cmalint: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs(" (see 'cmalint runtime --help')\n", stderr);
	return EXIT_TROUBLE;
}

int cmd_runtime(int argc, char **argv)
{
	struct rt_options o = { 0 };
	const char *root = "/", *outpath = NULL, *format = "text";
	struct rt_capture cap;
	struct rt_result res;
	char *err = NULL, *doc;
	FILE *out = stdout;
	int c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":ho:", long_opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_CLEAN;
		case 'o':
			outpath = optarg;
			break;
		case OPT_ROOT:
			root = optarg;
			break;
		case OPT_KERNEL: {
			struct kver k;

			if (kver_parse(optarg, &k))
				return usage_error("--kernel '%s' is not a kernel version like 6.1 or 5.4.74", optarg);
			o.kernel = optarg;
			break;
		}
		case OPT_ARCH: {
			enum arch a;

			if (arch_parse(optarg, &a))
				return usage_error("--arch '%s' is not one of arm64, arm, riscv64, x86_64", optarg);
			o.arch = optarg;
			break;
		}
		case OPT_PAGE_SIZE:
			if (page_size_parse(optarg, &o.page_size))
				return usage_error("--page-size '%s' is not one of 4K, 16K, 64K", optarg);
			break;
		case OPT_CMA_MBYTES: {
			uint64_t v;

			if (cl_parse_size(optarg, &v) || v > (UINT64_MAX >> 20))
				return usage_error("--cma-size-mbytes '%s' is not a number of MiB", optarg);
			o.cma_size_mbytes = v;
			o.have_cma_size_mbytes = true;
			break;
		}
		case OPT_NO_CMA:
			o.no_cma = true;
			break;
		case OPT_KERNEL_IMAGE:
			if (cl_parse_size(optarg, &o.kernel_image))
				return usage_error("--kernel-image '%s' is not a size like 32M or 0x2000000", optarg);
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "text") && strcmp(optarg, "json"))
				return usage_error("unknown format '%s' (expected one of: text, json)", optarg);
			format = optarg;
			break;
		case ':':
			return usage_error("option '%s' needs a value", argv[optind - 1]);
		default:
			return usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return usage_error("unexpected argument '%s' (the files are read from --root)", argv[optind]);

	if (rt_capture_load(&cap, root, &err)) {
		fprintf(stderr, "cmalint: %s\n", err);
		free(err);
		rt_capture_release(&cap);
		return EXIT_TROUBLE;
	}
	if (runtime_check(&res, &cap, &o, &err)) {
		fprintf(stderr, "cmalint: %s\n", err);
		free(err);
		rt_result_release(&res);
		rt_capture_release(&cap);
		return EXIT_TROUBLE;
	}
	doc = !strcmp(format, "json") ? runtime_format_json(&cap, &res) : runtime_format_text(&cap, &res);
	rc = rt_failures(&res) ? EXIT_FINDINGS : EXIT_CLEAN;
	if (outpath && !(out = fopen(outpath, "w"))) {
		fprintf(stderr, "cmalint: cannot write '%s': %s\n", outpath, strerror(errno));
		rc = EXIT_TROUBLE;
	} else {
		size_t len = strlen(doc);
		bool bad = fwrite(doc, 1, len, out) != len || (len && doc[len - 1] != '\n' && fputc('\n', out) == EOF);

		/* close the file even when writing failed */
		if (out != stdout ? fclose(out) : fflush(out))
			bad = true;
		if (bad) {
			fprintf(stderr, "cmalint: cannot write the report to '%s'\n", outpath ? outpath : "stdout");
			rc = EXIT_TROUBLE;
		}
	}
	free(doc);
	rt_result_release(&res);
	rt_capture_release(&cap);
	return rc;
}
