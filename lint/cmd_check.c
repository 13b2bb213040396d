// SPDX-License-Identifier: MIT
/* `cmalint [check] [OPTIONS] INPUT...`: lint boards. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "baseline.h"
#include "bootfile.h"
#include "commands.h"
#include "config.h"
#include "diff.h"
#include "emit.h"
#include "kconfig.h"
#include "out_svg.h"
#include "overlay.h"
#include "run.h"
#include "suppress.h"
#include "tree.h"
#include "util.h"
#include "version.h"

static const char usage[] =
"usage: cmalint [check] [OPTIONS] INPUT...\n"
"       cmalint diff OLD NEW | rules | explain RULE | oom FILE... | runtime | help [COMMAND] | --version\n"
"\n"
"Predict what the Linux kernel will do with a board's reserved memory and CMA.\n"
"INPUT is a .dtb, a .dts (preprocessed with cpp and compiled with dtc), a live\n"
"tree (/sys/firmware/fdt, /proc/device-tree), a directory: every *.dtb and\n"
"*.dts below it is a board, or '-': a DTB or DTS on standard input, reported\n"
"as <stdin>. The content tells a DTB (magic 0xd00dfeed) from a DTS.\n"
"\n"
"  -I DIR                 include path for DTS preprocessing (repeatable)\n"
"      --overlay FILE     apply an overlay (.dtbo, or .dtso/.dts source) before\n"
"                         checking (repeatable, applied in order)\n"
"  -j N                   lint N boards in parallel (default 1)\n"
"      --bootargs STRING  the kernel command line; replaces /chosen/bootargs\n"
"      --bootargs-file FILE  take it from a U-Boot environment or boot script, extlinux.conf,\n"
"                         grub.cfg, cmdline.txt or /proc/cmdline\n"
"      --bootargs-format FMT  uenv, extlinux, grub, cmdline (default: detected)\n"
"      --label NAME       the extlinux label or grub menuentry (default: the file's default)\n"
"      --kconfig FILE     the kernel .config (CMA sizes, page size, orders, CONFIG_CMDLINE)\n"
"      --kernel VERSION   kernel version to predict, 5.4 to 7.3 (default 6.12, the newest\n"
"                         LTS a boot confirmed; booted: arm64 5.10 6.1 6.12 7.3, arm 6.1 7.2,\n"
"                         riscv64 7.2; other versions follow the source-derived steps)\n"
"      --arch ARCH        arm64, arm, riscv64, x86_64 (default arm64; x86_64 is unverified:\n"
"                         no recorded boot checks it)\n"
"      --page-size SIZE   4K, 16K, 64K (default 4K)\n"
"      --ram SIZE[@BASE]  RAM bank replacing /memory (repeatable)\n"
"      --cma-size-mbytes N  CONFIG_CMA_SIZE_MBYTES of the kernel (default 32; overrides --kconfig)\n"
"      --no-cma           the kernel is built without CONFIG_CMA/CONFIG_DMA_CMA (overrides --kconfig)\n"
"      --bootloader-reserved SIZE@BASE  memory the bootloader uses before the kernel\n"
"                         (kernel image, initrd, DTB; repeatable)\n"
"      --kernel-image SIZE  kernel image and early allocations, a headroom term\n"
"                         (default by kernel version, 21M-43M)\n"
"      --min-headroom SIZE  headroom_low threshold (default 256M, or a quarter of RAM under 1 GiB)\n"
"      --min-cma SIZE     cma_too_small threshold: the CMA the board's devices need\n"
"      --format FMT       text (default), json, sarif, github, gcc, codeclimate, svg, html\n"
"      --map PATH         also draw the memory map: PATH.svg, or DIR/ for one SVG per board\n"
"  -o FILE                write the report to FILE\n"
"      --fail-on LEVEL    error (default), warning, info, never\n"
"      --exit-zero        exit 0 even with findings (input errors still exit 2)\n"
"  -W RULE, -W no-RULE    raise RULE to warning / turn it off\n"
"  -E RULE                raise RULE to error\n"
"      --config FILE      project configuration (default: .cmalint.json found upward\n"
"                         from each input, up to a directory holding .git)\n"
"      --no-config        do not look for .cmalint.json\n"
"      --baseline FILE    hide the findings FILE accepts; report its stale entries\n"
"      --write-baseline FILE  record the current findings in FILE (and hide them)\n"
"  -h, --help             this help; 'cmalint help COMMAND' or 'COMMAND --help' for the others\n"
"      --version          print the version\n"
"\n"
"Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage or input error.\n";

enum {
	OPT_BOOTARGS = 256, OPT_KERNEL, OPT_ARCH, OPT_PAGE_SIZE, OPT_RAM, OPT_FORMAT, OPT_FAIL_ON,
	OPT_EXIT_ZERO, OPT_VERSION, OPT_CMA_MBYTES, OPT_NO_CMA,
	OPT_KERNEL_IMAGE, OPT_MIN_HEADROOM, OPT_MIN_CMA, OPT_BOOT_RESERVED,
	OPT_OVERLAY,
	/* configuration and baseline */
	OPT_CONFIG = 320, OPT_NO_CONFIG, OPT_BASELINE, OPT_WRITE_BASELINE,
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
	{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
	{ "exit-zero", no_argument, NULL, OPT_EXIT_ZERO },
	{ "overlay", required_argument, NULL, OPT_OVERLAY },
	/* configuration and baseline */
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "no-config", no_argument, NULL, OPT_NO_CONFIG },
	{ "baseline", required_argument, NULL, OPT_BASELINE },
	{ "write-baseline", required_argument, NULL, OPT_WRITE_BASELINE },
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

/*
 * One line: the problem, then exactly one hint, @see ("cmalint --help"
 * unless the problem has a better place to look).
 */
static int PRINTF(2, 3) bad_usage(const char *see, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("cmalint: ", stderr);
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, " (see '%s')\n", see);
	va_end(ap);
	return EXIT_TROUBLE;
}

/* Leave cmd_check() through its cleanup with a usage error. */
#define USAGE_ERROR(...) do { rc = bad_usage("cmalint --help", __VA_ARGS__); goto done; } while (0)
/* The same with another hint than --help. */
#define USAGE_ERROR_SEE(see, ...) do { rc = bad_usage(see, __VA_ARGS__); goto done; } while (0)

/* Configuration and baseline of a run: loaded before any board is linted. */
struct run_files {
	const char *config_opt;		/* --config */
	bool no_config;
	const char *baseline_opt;	/* --baseline */
	const char *write_baseline;	/* --write-baseline */
	struct config **configs;	/* distinct files */
	size_t nconfigs, cconfigs;
	struct config **per_input;	/* configuration of each input, or NULL */
	struct baseline baseline;
	bool has_baseline;
};

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

/* Load every configuration and the baseline; 0, or -1 after one line on stderr. */
static int run_files_load(struct run_files *rf, char **inputs, size_t n)
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
	if (rf->baseline_opt) {
		if (baseline_load(&rf->baseline, rf->baseline_opt, err, sizeof(err))) {
			fprintf(stderr, "cmalint: %s\n", err);
			return -1;
		}
		rf->has_baseline = true;
	}
	return 0;
}

/*
 * After every board: suppressions, then --write-baseline (whose file then
 * is the baseline), then the baseline and the late rules. 0, or -1 after
 * one line on stderr.
 */
static int run_files_finish(struct run_files *rf, struct emit_run *run)
{
	char err[1024];

	suppress_run(run->boards, run->nboards, rf->configs, rf->nconfigs);
	if (rf->write_baseline) {
		for (size_t i = 0; i < run->nboards; i++) {
			if (run->boards[i].error) {
				fprintf(stderr, "cmalint: not writing the baseline '%s': '%s' could not be linted\n",
					rf->write_baseline, run->boards[i].input);
				return -1;
			}
		}
		if (baseline_write(rf->write_baseline, run->boards, run->nboards, err, sizeof(err))) {
			fprintf(stderr, "cmalint: %s\n", err);
			return -1;
		}
		if (rf->has_baseline)
			baseline_release(&rf->baseline);
		if (baseline_load(&rf->baseline, rf->write_baseline, err, sizeof(err))) {
			fprintf(stderr, "cmalint: %s\n", err);
			return -1;
		}
		rf->has_baseline = true;
	}
	late_run(run->boards, run->nboards, rf->configs, rf->nconfigs, rf->has_baseline ? &rf->baseline : NULL);
	return 0;
}

static void run_files_release(struct run_files *rf)
{
	for (size_t i = 0; i < rf->nconfigs; i++) {
		config_release(rf->configs[i]);
		free(rf->configs[i]);
	}
	free(rf->configs);
	free(rf->per_input);
	if (rf->has_baseline)
		baseline_release(&rf->baseline);
}

static const char diff_usage[] =
"usage: cmalint diff [OPTIONS] OLD NEW\n"
"\n"
"Compare the predictions for two versions of a board: the regions added,\n"
"removed, resized, moved or changing status, the change of the CMA total and\n"
"of the non-CMA headroom, and the findings that are new or fixed.\n"
"OLD and NEW are each a .dtb or .dts, a directory (a whole tree: boards are\n"
"matched by their path below it), or REV:PATH, the file or directory PATH at\n"
"the git revision REV of the repository of the current directory (PATH from\n"
"its top; a .dts is built with the includes of the same revision).\n"
"Both sides run the same checks with the same options as 'cmalint check':\n"
"-I, -j, --overlay, --bootargs, --bootargs-file, --kconfig, --kernel, --arch,\n"
"--page-size, --ram, --cma-size-mbytes, --no-cma, --bootloader-reserved,\n"
"--kernel-image, --min-headroom, --min-cma, -W, -E, --config, --no-config.\n"
"\n"
"      --format FMT       text (default), json, markdown (a pull-request comment),\n"
"                         html (the two memory maps side by side)\n"
"  -o FILE                write the result to FILE\n"
"      --fail-on LEVEL    error (default), warning, info, never: the new findings that fail\n"
"      --exit-zero        exit 0 even with new findings (input errors still exit 2)\n"
"  -h, --help             this help\n"
"\n"
"Exit status: 0 no new finding at or above --fail-on, 1 new findings, 2 usage or\n"
"input error. Findings OLD already had never fail the comparison.\n";

/* A REV:PATH side of a diff, checked out in a temporary directory. */
struct diff_input {
	char *path;		/* what is linted */
	char *tmp;		/* the temporary tree, or NULL */
	char *display;		/* "REV:" the name boards get instead of tmp/, or NULL */
	char *prefix;		/* the current directory below the repository's top ("" or "sub/") */
	const char **incs;	/* the include path with relative -I moved into the checkout */
};

static char *shell_quote(const char *s)
{
	struct strbuf sb = { 0 };

	sb_add(&sb, "'");
	for (; *s; s++) {
		if (*s == '\'')
			sb_add(&sb, "'\\''");
		else
			sb_addn(&sb, s, 1);
	}
	sb_add(&sb, "'");
	return sb_detach(&sb);
}

/*
 * Resolve OLD or NEW: an existing path is used as it is; REV:PATH is
 * checked out from the repository of the current directory (the whole
 * tree at REV, so the includes of a .dts come from the same revision).
 * 0, or -1 after one line on stderr.
 */
static int diff_input_resolve(const char *arg, struct diff_input *di)
{
	const char *colon = strchr(arg, ':');
	char *rev, *qrev, *qtmp, *cmd, *top = NULL, tmpl[] = "/tmp/cmalint-diff-XXXXXX";
	size_t len = 0;
	int rc;

	memset(di, 0, sizeof(*di));
	if (!access(arg, F_OK) || !colon || colon == arg) {
		di->path = xstrdup(arg);
		return 0;
	}
	rev = xstrndup(arg, (size_t)(colon - arg));
	qrev = shell_quote(rev);
	cmd = xasprintf("git rev-parse --verify --quiet %s'^{commit}' >/dev/null 2>&1", qrev);
	rc = system(cmd);
	free(cmd);
	if (rc) {
		fprintf(stderr, "cmalint: '%s' is neither a file nor REV:PATH with a git revision '%s'\n", arg, rev);
		goto fail;
	}
	{
		FILE *p = popen("git rev-parse --show-toplevel --show-prefix 2>/dev/null", "r");
		char buf[4096];

		if (p && fgets(buf, sizeof(buf), p)) {
			len = strcspn(buf, "\n");
			top = xstrndup(buf, len);
			if (fgets(buf, sizeof(buf), p))
				di->prefix = xstrndup(buf, strcspn(buf, "\n"));
		}
		if (p)
			pclose(p);
	}
	if (!top || !mkdtemp(tmpl)) {
		fprintf(stderr, "cmalint: cannot check out '%s': %s\n", arg,
			top ? strerror(errno) : "not in a git repository");
		goto fail;
	}
	qtmp = shell_quote(tmpl);
	{
		char *qtop = shell_quote(top);

		cmd = xasprintf("git -C %s archive --format=tar %s | tar -x -C %s", qtop, qrev, qtmp);
		free(qtop);
	}
	rc = system(cmd);
	free(cmd);
	free(qtmp);
	di->tmp = xstrdup(tmpl);
	if (rc) {
		fprintf(stderr, "cmalint: cannot check out revision '%s' of '%s'\n", rev, top);
		goto fail;
	}
	while (colon[1] == '/')
		colon++;
	di->path = xasprintf("%s/%s", tmpl, colon[1] ? colon + 1 : ".");
	if (access(di->path, F_OK)) {
		fprintf(stderr, "cmalint: '%s' does not exist at revision '%s'\n", colon + 1, rev);
		goto fail;
	}
	di->display = xasprintf("%s:", rev);
	free(rev);
	free(qrev);
	free(top);
	return 0;
fail:
	free(rev);
	free(qrev);
	free(top);
	return -1;
}

static void diff_input_release(struct diff_input *di)
{
	if (di->tmp) {
		char *q = shell_quote(di->tmp), *cmd = xasprintf("rm -rf %s", q);

		if (system(cmd))
			fprintf(stderr, "cmalint: cannot remove '%s'\n", di->tmp);
		free(cmd);
		free(q);
	}
	free(di->path);
	free(di->tmp);
	free(di->display);
	if (di->incs)
		for (size_t i = 0; di->incs[i]; i++)
			free((char *)di->incs[i]);
	free(di->incs);
	free(di->prefix);
}

/* One side of a diff through the pipeline of check; true when an input could not be linted. */
static int diff_lint_side(const char *path, const struct run_files *rf_opts, struct run_files *rf,
			  const struct run_opts *o, unsigned jobs, struct emit_run *run, bool *trouble)
{
	struct tree_input *inputs = NULL;
	size_t ninputs = 0;
	char *arg = (char *)path;
	char **paths;
	int rc;

	rf->config_opt = rf_opts->config_opt;
	rf->no_config = rf_opts->no_config;
	tree_collect(&arg, 1, &inputs, &ninputs);
	paths = xcalloc(ninputs ? ninputs : 1, sizeof(*paths));
	for (size_t i = 0; i < ninputs; i++)
		paths[i] = inputs[i].path;
	rc = run_files_load(rf, paths, ninputs);
	free(paths);
	if (rc) {
		tree_inputs_release(inputs, ninputs);
		return -1;
	}
	for (size_t i = 0; i < ninputs; i++)
		inputs[i].config = rf->per_input[i];
	run->nboards = ninputs;
	run->boards = xcalloc(ninputs ? ninputs : 1, sizeof(*run->boards));
	tree_lint(run->boards, inputs, ninputs, o, jobs);
	tree_inputs_release(inputs, ninputs);
	for (size_t i = 0; i < run->nboards; i++) {
		if (run->boards[i].error) {
			fprintf(stderr, "cmalint: %s\n", run->boards[i].error);
			*trouble = true;
		}
	}
	return run_files_finish(rf, run);
}

/* Name the boards of a REV:PATH side "REV:PATH/..." instead of their temporary path. */
static void diff_rename(struct emit_run *run, const struct diff_input *di)
{
	size_t n;

	if (!di->display)
		return;
	n = strlen(di->tmp);
	for (size_t i = 0; i < run->nboards; i++) {
		char *in = run->boards[i].input, *p;

		if (!in || strncmp(in, di->tmp, n))
			continue;
		p = in + n;
		while (*p == '/')
			p++;
		run->boards[i].input = xasprintf("%s%s", di->display, p);
		free(in);
	}
}

static void emit_run_release(struct emit_run *run)
{
	for (size_t i = 0; run->boards && i < run->nboards; i++)
		board_result_release(&run->boards[i]);
	free(run->boards);
}

/*
 * diff_main - both sides linted with @o, then compared; the exit status of
 * the contract from the new findings alone.
 */
static int diff_main(const char *olda, const char *newa, const struct run_files *rf_opts,
		     const struct run_opts *o, unsigned jobs, enum diff_format fmt, const char *outpath,
		     enum severity fail_on, bool exit_zero)
{
	struct diff_input di[2] = { { 0 }, { 0 } };
	struct run_files rf[2] = { { 0 }, { 0 } };
	struct emit_run run[2] = { { 0 }, { 0 } };
	const char *args[2] = { olda, newa };
	bool trouble = false;
	int rc = EXIT_CLEAN;
	size_t new_at = 0;
	FILE *out = stdout;

	for (int s = 0; s < 2; s++) {
		if (diff_input_resolve(args[s], &di[s])) {
			rc = EXIT_TROUBLE;
			goto done;
		}
	}
	for (int s = 0; s < 2; s++) {
		struct run_opts so = *o;

		/* a REV:PATH side reads its includes from the same revision */
		if (di[s].tmp) {
			size_t n = 0;

			while (o->load.include_dirs && o->load.include_dirs[n])
				n++;
			di[s].incs = xcalloc(n + 1, sizeof(*di[s].incs));
			for (size_t i = 0; i < n; i++) {
				const char *inc = o->load.include_dirs[i];

				di[s].incs[i] = inc[0] == '/' ? xstrdup(inc) :
					xasprintf("%s/%s%s", di[s].tmp, di[s].prefix ? di[s].prefix : "", inc);
			}
			so.load.include_dirs = di[s].incs;
		}
		if (diff_lint_side(di[s].path, rf_opts, &rf[s], &so, jobs, &run[s], &trouble)) {
			rc = EXIT_TROUBLE;
			goto done;
		}
		diff_rename(&run[s], &di[s]);
	}
	if (trouble) {
		rc = EXIT_TROUBLE;
		goto done;
	}
	{
		struct stat st0, st1;
		bool dir0 = !stat(di[0].path, &st0) && S_ISDIR(st0.st_mode);
		bool dir1 = !stat(di[1].path, &st1) && S_ISDIR(st1.st_mode);
		char *root0 = dir0 ? xstrdup(di[0].display ? di[0].display : di[0].path) : NULL;
		char *root1 = dir1 ? xstrdup(di[1].display ? di[1].display : di[1].path) : NULL;
		struct diff_side so = { olda, &run[0], root0 }, sn = { newa, &run[1], root1 };

		if (dir0 != dir1) {
			fprintf(stderr, "cmalint: '%s' and '%s' are not both directories: compare a board with a board, a tree with a tree\n",
				olda, newa);
			rc = EXIT_TROUBLE;
		}
		/* a REV: side names its boards from the revision's top: keep PATH/ in the key out */
		if (!rc && dir0 && di[0].display)
			so.root = root0 = (free(root0), xasprintf("%s%s", di[0].display, strchr(olda, ':') + 1));
		if (!rc && dir1 && di[1].display)
			sn.root = root1 = (free(root1), xasprintf("%s%s", di[1].display, strchr(newa, ':') + 1));
		if (!rc && outpath) {
			out = fopen(outpath, "w");
			if (!out) {
				fprintf(stderr, "cmalint: cannot write '%s': %s\n", outpath, strerror(errno));
				rc = EXIT_TROUBLE;
			}
		}
		if (!rc && (diff_emit(out, fmt, &so, &sn, fail_on, &new_at) || (out != stdout && fclose(out)))) {
			fprintf(stderr, "cmalint: cannot write the result to '%s'\n", outpath ? outpath : "stdout");
			rc = EXIT_TROUBLE;
		}
		free(root0);
		free(root1);
	}
	if (!rc)
		rc = new_at && !exit_zero ? EXIT_FINDINGS : EXIT_CLEAN;
done:
	for (int s = 0; s < 2; s++) {
		emit_run_release(&run[s]);
		run_files_release(&rf[s]);
		diff_input_release(&di[s]);
	}
	return rc;
}

static int check_main(int argc, char **argv, bool diff)
{
	struct run_files rf = { 0 };
	enum diff_format dfmt = DF_TEXT;
	struct run_opts o;
	struct severity_policy policy = { 0 };
	const struct emitter *em = emitter_find("text");
	const char *outpath = NULL;
	const char *mappath = NULL;
	const char **incs = NULL;
	size_t nincs = 0, cinc = 0, cram = 0;
	struct ram_bank *ram = NULL;
	size_t nram = 0;
	const char **ram_args = NULL;	/* each --ram as given, for messages */
	size_t nram_args = 0, cram_args = 0;
	struct range *boot = NULL;
	size_t nboot = 0, cboot = 0;
	enum severity fail_on = SEV_ERROR;
	bool never_fail = false, exit_zero = false, trouble = false, fail = false;
	struct emit_run run = { 0 };
	int c, rc = EXIT_CLEAN;
	FILE *out = stdout;
	/* whole trees: overlays, -j, directory inputs */
	const char **ovls = NULL;
	size_t novls = 0, covls = 0;
	unsigned jobs = 1;
	struct tree_input *inputs = NULL;
	size_t ninputs = 0;
	/* --bootargs-file, --bootargs-format, --label, --kconfig */
	const char *bootfile = NULL, *label = NULL, *kconfig_path = NULL;
	enum bootfile_format bootfmt = BF_AUTO;
	struct bootfile_result bf = { 0 };
	struct kconfig kc;
	bool have_kc = false;
	char err[1024];
	/* the input "-" */
	void *stdin_data = NULL;
	size_t stdin_len = 0;

	run_opts_init(&o);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hI:o:W:E:j:", long_opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(diff ? diff_usage : usage, stdout);
			goto done;
		case OPT_VERSION:
			print_version();
			goto done;
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
				USAGE_ERROR("--kernel '%s' is not a kernel version like 6.1 or 5.4.74", optarg);
			kver_format(o.profile.kernel, o.profile.kernel_str);
			o.profile.kernel_src = SRC_CLI;
			break;
		case OPT_ARCH:
			if (arch_parse(optarg, &o.profile.arch))
				USAGE_ERROR("--arch '%s' is not one of arm64, arm, riscv64, x86_64", optarg);
			o.profile.arch_src = SRC_CLI;
			break;
		case OPT_PAGE_SIZE:
			if (page_size_parse(optarg, &o.profile.page_size))
				USAGE_ERROR("--page-size '%s' is not one of 4K, 16K, 64K", optarg);
			o.profile.page_size_src = SRC_CLI;
			break;
		case OPT_RAM: {
			struct ram_bank bank;

			if (ram_bank_parse(optarg, &bank))
				USAGE_ERROR("--ram '%s' is not SIZE[@BASE] (e.g. 2G@0x40000000) within 64 bits", optarg);
			/* banks are memory the kernel adds once: a repeated or overlapping one is a typo */
			for (size_t i = 0; i < nram; i++) {
				uint64_t lo, hi, e1, e2;
				char sz[SIZE_STR_MAX];

				if (!ranges_overlap(ram[i].base, ram[i].size, bank.base, bank.size))
					continue;
				range_end(ram[i].base, ram[i].size, &e1);
				range_end(bank.base, bank.size, &e2);
				lo = ram[i].base > bank.base ? ram[i].base : bank.base;
				hi = e1 < e2 ? e1 : e2;
				USAGE_ERROR("--ram '%s' and --ram '%s' overlap by %s from 0x%llx: give each bank once",
					    ram_args[i], optarg, fmt_size(hi - lo, sz), (unsigned long long)lo);
			}
			*ARRAY_PUSH(ram, nram, cram) = bank;
			*ARRAY_PUSH(ram_args, nram_args, cram_args) = optarg;
			break;
		}
		case OPT_BOOT_RESERVED: {
			struct ram_bank bank;
			struct range *r;

			if (ram_bank_parse(optarg, &bank) || !strchr(optarg, '@'))
				USAGE_ERROR("--bootloader-reserved '%s' is not SIZE@BASE (e.g. 2M@0x48000000) within 64 bits",
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
				USAGE_ERROR("--cma-size-mbytes '%s' is not a number of MiB", optarg);
			o.profile.cma_size_mbytes = v;
			o.profile.cma_size_mbytes_src = SRC_CLI;
			break;
		}
		case OPT_KERNEL_IMAGE:
		case OPT_MIN_HEADROOM:
		case OPT_MIN_CMA: {
			uint64_t v;

			if (cl_parse_size(optarg, &v))
				USAGE_ERROR("'%s' is not a size like 64M or 0x4000000", optarg);
			if (c == OPT_KERNEL_IMAGE) {
				o.kernel_image = v;
				o.cli_set |= CFG_KERNEL_IMAGE;
			} else if (c == OPT_MIN_HEADROOM) {
				o.thresholds.headroom_min = v;
				o.cli_set |= CFG_HEADROOM_MIN;
			} else {
				o.thresholds.cma_min = v;
				o.cli_set |= CFG_CMA_MIN;
			}
			break;
		}
		case OPT_NO_CMA:
			o.profile.cma = false;
			o.profile.cma_src = SRC_CLI;
			break;
		case OPT_BOOTARGS_FILE:
			bootfile = optarg;
			break;
		case OPT_BOOTARGS_FORMAT:
			if (bootfile_format_parse(optarg, &bootfmt))
				USAGE_ERROR("--bootargs-format '%s' is not one of uenv, extlinux, grub, cmdline", optarg);
			break;
		case OPT_LABEL:
			label = optarg;
			break;
		case OPT_KCONFIG:
			kconfig_path = optarg;
			break;
		case OPT_FORMAT:
			if (diff) {
				if (diff_format_parse(optarg, &dfmt))
					USAGE_ERROR_SEE("cmalint diff --help",
							"unknown format '%s' (expected one of: text, json, markdown, html)",
							optarg);
				break;
			}
			em = emitter_find(optarg);
			if (!em)
				USAGE_ERROR("unknown format '%s' (expected one of: %s)", optarg, emitter_names());
			break;
		case OPT_MAP:
			if (!*optarg)
				USAGE_ERROR("%s", "--map needs a file or a directory");
			mappath = optarg;
			break;
		case OPT_FAIL_ON:
			if (!strcmp(optarg, "never"))
				never_fail = true;
			else if (severity_parse(optarg, &fail_on) || fail_on == SEV_OFF)
				USAGE_ERROR("--fail-on '%s' is not one of error, warning, info, never", optarg);
			break;
		case OPT_EXIT_ZERO:
			exit_zero = true;
			break;
		/* configuration and baseline */
		case OPT_CONFIG:
			rf.config_opt = optarg;
			break;
		case OPT_NO_CONFIG:
			rf.no_config = true;
			break;
		case OPT_BASELINE:
			rf.baseline_opt = optarg;
			break;
		case OPT_WRITE_BASELINE:
			rf.write_baseline = optarg;
			break;
		case 'W':
		case 'E': {
			bool off = c == 'W' && !strncmp(optarg, "no-", 3);
			const char *id = off ? optarg + 3 : optarg;
			const struct rule *r = rule_find(id);

			if (!r)
				USAGE_ERROR_SEE("cmalint rules", "unknown rule '%s'", id);
			policy_set(&policy, r->id, off ? SEV_OFF : c == 'E' ? SEV_ERROR : SEV_WARNING);
			break;
		}
		case OPT_OVERLAY:
			*ARRAY_PUSH(ovls, novls, covls) = optarg;
			break;
		case 'j': {
			char *end;
			unsigned long v;

			errno = 0;
			v = strtoul(optarg, &end, 10);
			if (errno || *end || end == optarg || v < 1 || v > TREE_MAX_JOBS) {
				USAGE_ERROR("-j '%s' is not a number of jobs from 1 to %d", optarg, TREE_MAX_JOBS);
			}
			jobs = (unsigned)v;
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
		if (mappath || rf.baseline_opt || rf.write_baseline)
			USAGE_ERROR_SEE("cmalint diff --help", "%s",
					"--map, --baseline and --write-baseline are options of check, not diff");
		if (!strcmp(argv[optind], CMALINT_STDIN_ARG) || !strcmp(argv[optind + 1], CMALINT_STDIN_ARG))
			USAGE_ERROR_SEE("cmalint diff --help", "%s", "diff reads files, not standard input ('-')");
	}
	if (optind >= argc)
		USAGE_ERROR("%s", "no input given");
	if (bootfile && o.bootargs)
		USAGE_ERROR("%s", "--bootargs and --bootargs-file both give the command line: use one");
	if (!bootfile && (label || bootfmt != BF_AUTO))
		USAGE_ERROR("%s", "--label and --bootargs-format need --bootargs-file");
	/* The .config fills what was assumed; options given above keep their values. */
	if (kconfig_path) {
		if (kconfig_load(&kc, kconfig_path, err, sizeof(err))) {
			fprintf(stderr, "cmalint: %s\n", err);
			kconfig_release(&kc);
			rc = EXIT_TROUBLE;
			goto done;
		}
		have_kc = true;
		kconfig_apply(&kc, &o.profile);
	}
	if (bootfile) {
		if (bootfile_read(bootfile, bootfmt, label, &bf, err, sizeof(err))) {
			fprintf(stderr, "cmalint: %s\n", err);
			rc = EXIT_TROUBLE;
			goto done;
		}
		o.bootargs = bf.value;
		o.bootargs_source = bf.source;
		o.bootargs_loc.file = bf.file;
		o.bootargs_loc.line = bf.line;
	}
	/* "-": the board on standard input, read once before the boards are linted */
	for (int i = optind; i < argc; i++) {
		if (strcmp(argv[i], CMALINT_STDIN_ARG))
			continue;
		if (stdin_data)
			USAGE_ERROR("%s", "'-' (standard input) given more than once");
		if (isatty(STDIN_FILENO))
			USAGE_ERROR("%s", "'-' reads a DTB or DTS from standard input, which is a terminal");
		stdin_data = read_stream(stdin, CMALINT_MAX_DTB_SIZE, &stdin_len);
		if (!stdin_data) {
			if (errno == EFBIG)
				fprintf(stderr, "cmalint: '%s' is larger than the %zu MiB limit for a device tree\n",
					CMALINT_STDIN_NAME, CMALINT_MAX_DTB_SIZE >> 20);
			else
				fprintf(stderr, "cmalint: cannot read '%s': %s\n", CMALINT_STDIN_NAME, strerror(errno));
			rc = EXIT_TROUBLE;
			goto done;
		}
	}
	o.load.stdin_data = stdin_data;
	o.load.stdin_len = stdin_len;
	if (mappath && argc - optind > 1 && !svg_map_is_dir(mappath))
		USAGE_ERROR("--map '%s' is a file but there are %d inputs: give a directory (DIR/)", mappath,
				 argc - optind);

	*ARRAY_PUSH(incs, nincs, cinc) = NULL;
	o.load.include_dirs = incs;
	*ARRAY_PUSH(ovls, novls, covls) = NULL;
	o.load.overlays = ovls;
	/* every overlay once, before any board: a board given as --overlay is a usage error */
	for (size_t i = 0; i + 1 < novls; i++) {
		int r = overlay_check(ovls[i], &o.load, err, sizeof(err));

		if (r > 0)
			USAGE_ERROR("%s", err);
		if (r < 0) {
			fprintf(stderr, "cmalint: %s\n", err);
			rc = EXIT_TROUBLE;
			goto done;
		}
	}
	o.load.ram = ram;
	o.load.nram = nram;
	o.boot_reserved = boot;
	o.nboot_reserved = nboot;
	o.policy = &policy;
	if (nram)
		o.cli_set |= CFG_RAM;
	if (diff) {
		rc = diff_main(argv[optind], argv[optind + 1], &rf, &o, jobs, dfmt, outpath,
			       never_fail ? SEV_OFF : fail_on, exit_zero);
		goto done;
	}

	/* Every board below directory inputs, linted by -j threads, reported in path order. */
	tree_collect(argv + optind, (size_t)(argc - optind), &inputs, &ninputs);
	{
		char **paths = xcalloc(ninputs ? ninputs : 1, sizeof(*paths));

		for (size_t i = 0; i < ninputs; i++)
			paths[i] = inputs[i].path;
		rc = run_files_load(&rf, paths, ninputs) ? EXIT_TROUBLE : EXIT_CLEAN;
		free(paths);
		if (rc)
			goto done;
	}
	for (size_t i = 0; i < ninputs; i++)
		inputs[i].config = rf.per_input[i];
	run.nboards = ninputs;
	run.boards = xcalloc(run.nboards ? run.nboards : 1, sizeof(*run.boards));
	tree_lint(run.boards, inputs, ninputs, &o, jobs);
	for (size_t i = 0; i < run.nboards; i++) {
		struct board_result *r = &run.boards[i];

		if (r->error) {
			fprintf(stderr, "cmalint: %s\n", r->error);
			trouble = true;
		}
	}
	if (run_files_finish(&rf, &run)) {
		rc = EXIT_TROUBLE;
		goto done;
	}
	for (size_t i = 0; i < run.nboards; i++)
		for (size_t j = 0; !run.boards[i].error && j < run.boards[i].report.n; j++)
			if (!never_fail && run.boards[i].report.f[j].severity >= fail_on)
				fail = true;

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
	for (size_t i = 0; run.boards && i < run.nboards; i++)
		board_result_release(&run.boards[i]);
	run_files_release(&rf);
	free(run.boards);
	free(incs);
	free(ovls);
	tree_inputs_release(inputs, ninputs);
	free(ram);
	free(ram_args);
	free(boot);
	policy_release(&policy);
	bootfile_result_release(&bf);
	free(stdin_data);
	if (have_kc)
		kconfig_release(&kc);
	return rc;
}

int cmd_check(int argc, char **argv)
{
	return check_main(argc, argv, false);
}

int cmd_diff(int argc, char **argv)
{
	return check_main(argc, argv, true);
}
