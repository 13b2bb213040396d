// SPDX-License-Identifier: MIT
/*
 * cmd_oom.c - "cmalint oom": explain OOM reports in CMA terms.
 *
 * Every input is read and parsed before anything is written, so a bad
 * input leaves stdout (or the -o file) untouched.
 */
#include "commands.h"
#include "gate.h"
#include "oom.h"
#include "profile.h"
#include "rule.h"
#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
	"usage: cmalint oom [OPTIONS] FILE|-...\n"
	"\n"
	"Explain kernel OOM reports in CMA terms: which zone ran out of memory\n"
	"outside CMA, how much CMA sat unused, and what to change.\n"
	"Several inputs may be given (e.g. the OOM log and a boot log); '-' is stdin.\n"
	"\n"
	"      --format FMT       text (default), json, sarif, github, gcc, codeclimate\n"
	"  -o FILE                write the report to FILE\n"
	"      --kernel VERSION   kernel version to assume, e.g. 5.4 (overrides the log)\n"
	"      --page-size SIZE   4K, 16K or 64K (overrides the log)\n"
	GATE_USAGE
	"  -h, --help             show this help\n"
	"\n"
	"Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage, input or parse error.\n";

/* The formats of `cmalint oom`: its own text and JSON, and the findings-only ones of check. */
static const char *const finding_formats[] = { "sarif", "github", "gcc", "codeclimate" };

static const struct emitter *finding_emitter(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(finding_formats); i++)
		if (!strcmp(name, finding_formats[i]))
			return emitter_find(name);
	return NULL;
}

/*
 * The reports as a run of the emitters and the baseline: one entry per
 * OOM report, named after its log, holding the report's findings. The
 * findings move into the run and back (oom_run_return).
 */
static void oom_run_take(struct oom_log *log, struct emit_run *run)
{
	run->nboards = log->n_reports;
	run->boards = xcalloc(log->n_reports ? log->n_reports : 1, sizeof(*run->boards));
	run->passes = PASSES_OOM;
	for (size_t i = 0; i < log->n_reports; i++) {
		run->boards[i].input = xstrdup(log->reports[i].file);
		run->boards[i].report = log->reports[i].findings;
		memset(&log->reports[i].findings, 0, sizeof(log->reports[i].findings));
	}
}

static void oom_run_return(struct oom_log *log, struct emit_run *run)
{
	for (size_t i = 0; i < run->nboards; i++) {
		log->reports[i].findings = run->boards[i].report;
		memset(&run->boards[i].report, 0, sizeof(run->boards[i].report));
		board_result_release(&run->boards[i]);
	}
	free(run->boards);
	memset(run, 0, sizeof(*run));
}

/* A usage error pointing at this command's help. */
#define USAGE(...) usage_error("cmalint oom --help", __VA_ARGS__)

/* "--name VALUE" or "--name=VALUE": the value, advancing *i; NULL if not this option. */
static const char *opt_value(int argc, char **argv, int *i, const char *name, bool *missing)
{
	size_t n = strlen(name);
	const char *a = argv[*i];

	*missing = false;
	if (strncmp(a, name, n) != 0)
		return NULL;
	if (a[n] == '=')
		return a + n + 1;
	if (a[n] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		*missing = true;
		return NULL;
	}
	return argv[++*i];
}

/*
 * An option of the gate (-W RULE, -WRULE, -E RULE, --fail-on, --exit-zero,
 * --baseline, --write-baseline): its code with *@v its value, advancing
 * *@i; 0 when @argv[*i] is none of them.
 */
static int gate_arg(int argc, char **argv, int *i, const char **v, bool *missing)
{
	static const struct { const char *name; int code; bool value; } opts[] = {
		{ "--fail-on", GATE_OPT_FAIL_ON, true },
		{ "--exit-zero", GATE_OPT_EXIT_ZERO, false },
		{ "--baseline", GATE_OPT_BASELINE, true },
		{ "--write-baseline", GATE_OPT_WRITE_BASELINE, true },
	};
	const char *a = argv[*i];

	*missing = false;
	*v = NULL;
	if ((a[1] == 'W' || a[1] == 'E') && a[0] == '-') {
		if (a[2]) {
			*v = a + 2;
		} else if (*i + 1 < argc) {
			*v = argv[++*i];
		} else {
			*missing = true;
		}
		return a[1];
	}
	for (size_t k = 0; k < ARRAY_SIZE(opts); k++) {
		if (!opts[k].value) {
			if (!strcmp(a, opts[k].name))
				return opts[k].code;
			continue;
		}
		if ((*v = opt_value(argc, argv, i, opts[k].name, missing)) || *missing)
			return opts[k].code;
	}
	return 0;
}

static int write_output(const char *path, const char *text)
{
	FILE *f = path ? fopen(path, "w") : stdout;
	size_t n = strlen(text);

	if (!f) {
		fprintf(stderr, "cmalint: cannot open '%s' for writing: %s\n", path, strerror(errno));
		return 2;
	}
	if (fwrite(text, 1, n, f) != n || fflush(f) != 0 || (path && fclose(f) != 0)) {
		fprintf(stderr, "cmalint: cannot write '%s': %s\n", path ? path : "stdout",
			strerror(errno));
		return 2;
	}
	return 0;
}

int cmd_oom(int argc, char **argv)
{
	struct oom_options opt = { 0 };
	struct gate gate;
	struct emit_run run = { 0 };
	const struct emitter *em = NULL;
	struct oom_log log = { 0 };
	const char *format = "text", *out = NULL;
	const char **files;
	int i, nfiles = 0, ret, rc;
	bool only_files = false, stdin_used = false, missing, fail;
	int gc;
	char *err = NULL, *text;

	gate_init(&gate, PASSES_OOM);
	files = xcalloc((size_t)argc + 1, sizeof(*files));
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v;

		if (only_files || a[0] != '-' || !strcmp(a, "-")) {
			files[nfiles++] = a;
		} else if (!strcmp(a, "--")) {
			only_files = true;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(usage_text, stdout);
			ret = EXIT_CLEAN;
			goto out;
		} else if ((v = opt_value(argc, argv, &i, "--format", &missing)) || missing) {
			if (missing || (strcmp(v, "text") && strcmp(v, "json") && !finding_emitter(v))) {
				ret = USAGE("unknown format '%s' (use text, json, sarif, github, gcc or codeclimate)",
						  missing ? "" : v);
				goto out;
			}
			format = v;
			em = finding_emitter(v);
		} else if ((v = opt_value(argc, argv, &i, "-o", &missing)) || missing) {
			if (missing || !*v) {
				ret = USAGE("option '%s' needs a file name", "-o");
				goto out;
			}
			out = v;
		} else if ((v = opt_value(argc, argv, &i, "--kernel", &missing)) || missing) {
			struct kver k;

			if (missing || kver_parse(v, &k)) {
				ret = USAGE("kernel version '%s' is not MAJOR.MINOR[.PATCH]",
						  missing ? "" : v);
				goto out;
			}
			opt.kernel = v;
		} else if ((v = opt_value(argc, argv, &i, "--page-size", &missing)) || missing) {
			uint32_t ps = 0;

			if (missing || page_size_parse(v, &ps)) {
				ret = USAGE("page size '%s' is not 4K, 16K or 64K", missing ? "" : v);
				goto out;
			}
			opt.page_size = ps;
		} else if ((gc = gate_arg(argc, argv, &i, &v, &missing))) {
			char gerr[512];
			const char *see;

			if (missing) {
				ret = USAGE("option '%s' needs a value", a);
				goto out;
			}
			if (gate_option(&gate, gc, v, gerr, sizeof(gerr), &see) < 0) {
				ret = usage_error(see ? see : "cmalint oom --help", "%s", gerr);
				goto out;
			}
		} else {
			ret = USAGE("unknown option '%s'", a);
			goto out;
		}
	}
	opt.policy = &gate.policy;
	if (!nfiles) {
		ret = USAGE("%s", "no input given");
		goto out;
	}

	for (i = 0; i < nfiles; i++) {
		const char *name = files[i];
		size_t len = 0;
		char *buf;
		int e = 0;

		if (!strcmp(name, "-")) {
			if (stdin_used) {
				ret = USAGE("%s", "'-' (stdin) given more than once");
				goto out;
			}
			stdin_used = true;
			name = "<stdin>";
			buf = read_stream(stdin, OOM_INPUT_LIMIT, &len);
			e = errno;
		} else {
			buf = read_file(name, OOM_INPUT_LIMIT, &len);
			e = errno;
		}
		if (!buf) {
			if (e == EFBIG)
				fprintf(stderr, "cmalint: '%s': input is larger than %u MiB\n", name,
					OOM_INPUT_LIMIT >> 20);
			else
				fprintf(stderr, "cmalint: cannot read '%s': %s\n", name, strerror(e));
			ret = 2;
			goto out;
		}
		rc = oom_parse(&log, name, buf, len, &err);
		free(buf);
		if (rc) {
			fprintf(stderr, "cmalint: %s\n", err);
			ret = 2;
			goto out;
		}
	}
	if (oom_analyse(&log, &opt, &err)) {
		fprintf(stderr, "cmalint: %s\n", err);
		ret = 2;
		goto out;
	}
	/* the baseline sees every finding; then the document, then the verdict on what is left */
	oom_run_take(&log, &run);
	if (gate_baseline(&gate, &run)) {
		ret = EXIT_TROUBLE;
		goto out;
	}
	fail = gate_fails(&gate, &run);
	if (em) {
		ret = gate_emit(em, &run, out) ? EXIT_TROUBLE : EXIT_CLEAN;
	} else {
		oom_run_return(&log, &run);
		text = !strcmp(format, "json") ? oom_format_json(&log) : oom_format_text(&log);
		ret = write_output(out, text);
		free(text);
	}
	if (!ret)
		ret = fail && !gate.exit_zero ? EXIT_FINDINGS : EXIT_CLEAN;
out:
	if (run.boards)
		oom_run_return(&log, &run);
	free(err);
	free(files);
	oom_log_release(&log);
	gate_release(&gate);
	return ret;
}
