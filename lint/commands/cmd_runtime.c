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
#include "gate.h"
#include "rule.h"
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
	"  --format FMT           text (default), json, sarif, github, gcc, codeclimate\n"
	"  -o FILE                write the report to FILE\n"
	GATE_USAGE
	"  -h, --help             this help\n"
	"\n"
	"Exit status: 0 the board matches the prediction, 1 mismatches or board errors\n"
	"(with --fail-on: findings at or above it), 2 usage error or a missing or\n"
	"malformed input file.\n";

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
	GATE_LONG_OPTIONS,
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* A usage error pointing at this command's help. */
#define USAGE(...) usage_error("cmalint runtime --help", __VA_ARGS__)

/*
 * The findings of a runtime check as one board of the emitters: the live
 * tree's findings, then the comparison's (moved in; runtime_run_return
 * gives them back).
 */
static void runtime_run_take(struct rt_result *res, struct board_result *one, struct emit_run *run)
{
	memset(one, 0, sizeof(*one));
	one->input = xstrdup(res->root);
	one->report = res->board.report;
	memset(&res->board.report, 0, sizeof(res->board.report));
	for (size_t i = 0; i < res->findings.n; i++)
		*ARRAY_PUSH(one->report.f, one->report.n, one->report.cap) = res->findings.f[i];
	free(res->findings.f);
	res->findings.f = NULL;
	res->findings.n = res->findings.cap = 0;
	run->boards = one;
	run->nboards = 1;
	run->passes = PASSES_RUNTIME;
}

/* Split the findings back: those of the RUNTIME pass to the comparison, the rest to the live tree. */
static void runtime_run_return(struct rt_result *res, struct board_result *one)
{
	for (size_t i = 0; i < one->report.n; i++) {
		const struct rule *r = rule_find(one->report.f[i].rule);
		struct report *to = r && r->pass == PASS_RUNTIME ? &res->findings : &res->board.report;

		*ARRAY_PUSH(to->f, to->n, to->cap) = one->report.f[i];
	}
	free(one->report.f);
	memset(&one->report, 0, sizeof(one->report));
	board_result_release(one);
}

int cmd_runtime(int argc, char **argv)
{
	struct rt_options o = { 0 };
	const char *root = "/", *outpath = NULL, *format = "text";
	const struct emitter *em = NULL;
	struct gate gate;
	struct board_result one;
	struct emit_run run = { 0 };
	bool fail, have_cap = false, have_res = false;
	struct rt_capture cap;
	struct rt_result res;
	char *err = NULL, *doc;
	FILE *out = stdout;
	int c, rc;

	gate_init(&gate, PASSES_RUNTIME);
	o.policy = &gate.policy;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":ho:W:E:", long_opts, NULL)) != -1) {
		char gerr[512];
		const char *see;
		int g = gate_option(&gate, c, optarg, gerr, sizeof(gerr), &see);

		if (g < 0) {
			rc = usage_error(see ? see : "cmalint runtime --help", "%s", gerr);
			goto done;
		}
		if (g > 0)
			continue;
		switch (c) {
		case 'h':
			fputs(usage_text, stdout);
			rc = EXIT_CLEAN;
			goto done;
		case 'o':
			outpath = optarg;
			break;
		case OPT_ROOT:
			root = optarg;
			break;
		case OPT_KERNEL: {
			struct kver k;

			if (kver_parse(optarg, &k))
				{ rc = USAGE("--kernel '%s' is not a kernel version like 6.1 or 5.4.74", optarg); goto done; }
			o.kernel = optarg;
			break;
		}
		case OPT_ARCH: {
			enum arch a;

			if (arch_parse(optarg, &a))
				{ rc = USAGE("--arch '%s' is not one of arm64, arm, riscv64, x86_64", optarg); goto done; }
			o.arch = optarg;
			break;
		}
		case OPT_PAGE_SIZE:
			if (page_size_parse(optarg, &o.page_size))
				{ rc = USAGE("--page-size '%s' is not one of 4K, 16K, 64K", optarg); goto done; }
			break;
		case OPT_CMA_MBYTES: {
			uint64_t v;

			if (cl_parse_size(optarg, &v) || v > (UINT64_MAX >> 20))
				{ rc = USAGE("--cma-size-mbytes '%s' is not a number of MiB", optarg); goto done; }
			o.cma_size_mbytes = v;
			o.have_cma_size_mbytes = true;
			break;
		}
		case OPT_NO_CMA:
			o.no_cma = true;
			break;
		case OPT_KERNEL_IMAGE:
			if (cl_parse_size(optarg, &o.kernel_image))
				{ rc = USAGE("--kernel-image '%s' is not a size like 32M or 0x2000000", optarg); goto done; }
			break;
		case OPT_FORMAT:
			em = NULL;
			if (!strcmp(optarg, "sarif") || !strcmp(optarg, "github") || !strcmp(optarg, "gcc") ||
			    !strcmp(optarg, "codeclimate"))
				em = emitter_find(optarg);
			else if (strcmp(optarg, "text") && strcmp(optarg, "json"))
				{ rc = USAGE("unknown format '%s' (expected one of: text, json, sarif, github, gcc, "
						   "codeclimate)", optarg); goto done; }
			format = optarg;
			break;
		case ':':
			{ rc = USAGE("option '%s' needs a value", argv[optind - 1]); goto done; }
		default:
			{ rc = USAGE("unknown option '%s'", argv[optind - 1]); goto done; }
		}
	}
	if (optind < argc)
		{ rc = USAGE("unexpected argument '%s' (the files are read from --root)", argv[optind]); goto done; }

	have_cap = true;
	if (rt_capture_load(&cap, root, &err)) {
		fprintf(stderr, "cmalint: %s\n", err);
		free(err);
		rc = EXIT_TROUBLE;
		goto done;
	}
	have_res = true;
	if (runtime_check(&res, &cap, &o, &err)) {
		fprintf(stderr, "cmalint: %s\n", err);
		free(err);
		rc = EXIT_TROUBLE;
		goto done;
	}
	/* the baseline sees every finding, of the comparison and of the live tree */
	runtime_run_take(&res, &one, &run);
	if (gate_baseline(&gate, &run)) {
		runtime_run_return(&res, &one);
		rc = EXIT_TROUBLE;
		goto done;
	}
	fail = gate.fail_on_set ? gate_fails(&gate, &run) : false;
	if (em) {
		rc = gate_emit(em, &run, outpath) ? EXIT_TROUBLE : EXIT_CLEAN;
		runtime_run_return(&res, &one);
		doc = NULL;
	} else {
		runtime_run_return(&res, &one);
		doc = !strcmp(format, "json") ? runtime_format_json(&cap, &res) : runtime_format_text(&cap, &res);
		rc = EXIT_CLEAN;
	}
	/* by default: any mismatch, or an error of the live tree */
	if (!gate.fail_on_set)
		fail = rt_failures(&res) != 0;
	if (!doc) {
		/* written above */
	} else if (outpath && !(out = fopen(outpath, "w"))) {
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
	if (rc == EXIT_CLEAN && fail && !gate.exit_zero)
		rc = EXIT_FINDINGS;
	free(doc);
done:
	if (have_res)
		rt_result_release(&res);
	if (have_cap)
		rt_capture_release(&cap);
	gate_release(&gate);
	return rc;
}
