// SPDX-License-Identifier: MIT
/* `cmalint diff [OPTIONS] OLD NEW`: what changed between two versions of a board or tree. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_args.h"
#include "commands.h"
#include "diff.h"
#include "runfiles.h"
#include "tree.h"
#include "util.h"

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
	return run_files_finish(rf, run, NULL);
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

int cmd_diff(int argc, char **argv)
{
	struct check_args a;
	struct run_files rf_opts = { 0 };
	int rc = check_args_parse(&a, argc, argv, true, diff_usage);

	if (rc < 0) {
		rf_opts.config_opt = a.config_opt;
		rf_opts.no_config = a.no_config;
		rc = diff_main(a.inputs[0], a.inputs[1], &rf_opts, &a.o, a.jobs, a.dfmt, a.outpath,
			       a.gate.never_fail ? SEV_OFF : a.gate.fail_on, a.gate.exit_zero);
	}
	check_args_release(&a);
	return rc;
}
