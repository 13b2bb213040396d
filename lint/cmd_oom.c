// SPDX-License-Identifier: MIT
/*
 * cmd_oom.c - "cmalint oom": explain OOM reports in CMA terms.
 *
 * Every input is read and parsed before anything is written, so a bad
 * input leaves stdout (or the -o file) untouched.
 */
#include "oom.h"
#include "profile.h"
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
	"  --format text|json   report format (default text)\n"
	"  -o FILE              write the report to FILE\n"
	"  --kernel VERSION     kernel version to assume, e.g. 5.4 (overrides the log)\n"
	"  --page-size SIZE     4K, 16K or 64K (overrides the log)\n"
	"  -h, --help           show this help\n"
	"\n"
	"Exit status: 0 no error finding, 1 error findings, 2 usage, input or parse error.\n";

static int PRINTF(1, 2) usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("cmalint: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs(" (see 'cmalint oom --help')\n", stderr);
	return 2;
}

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
	struct oom_options opt = { NULL, 0 };
	struct oom_log log = { 0 };
	const char *format = "text", *out = NULL;
	const char **files;
	int i, nfiles = 0, ret, rc;
	bool only_files = false, stdin_used = false, missing;
	char *err = NULL, *text;

	files = xcalloc((size_t)argc + 1, sizeof(*files));
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v;

		if (only_files || a[0] != '-' || !strcmp(a, "-")) {
			files[nfiles++] = a;
		} else if (!strcmp(a, "--")) {
			only_files = true;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			free(files);
			fputs(usage_text, stdout);
			return 0;
		} else if ((v = opt_value(argc, argv, &i, "--format", &missing)) || missing) {
			if (missing || (strcmp(v, "text") && strcmp(v, "json"))) {
				free(files);
				return usage_error("unknown format '%s' (use text or json)", missing ? "" : v);
			}
			format = v;
		} else if ((v = opt_value(argc, argv, &i, "-o", &missing)) || missing) {
			if (missing || !*v) {
				free(files);
				return usage_error("option '%s' needs a file name", "-o");
			}
			out = v;
		} else if ((v = opt_value(argc, argv, &i, "--kernel", &missing)) || missing) {
			struct oom_kver k;

			if (missing || !oom_parse_kver(v, &k)) {
				free(files);
				return usage_error("kernel version '%s' is not MAJOR.MINOR[.PATCH]",
						   missing ? "" : v);
			}
			opt.kernel = v;
		} else if ((v = opt_value(argc, argv, &i, "--page-size", &missing)) || missing) {
			uint32_t ps = 0;

			if (missing || page_size_parse(v, &ps)) {
				free(files);
				return usage_error("page size '%s' is not 4K, 16K or 64K", missing ? "" : v);
			}
			opt.page_size = ps;
		} else {
			free(files);
			return usage_error("unknown option '%s'", a);
		}
	}
	if (!nfiles) {
		free(files);
		return usage_error("%s", "no input given");
	}

	for (i = 0; i < nfiles; i++) {
		const char *name = files[i];
		size_t len = 0;
		char *buf;
		int e = 0;

		if (!strcmp(name, "-")) {
			if (stdin_used) {
				ret = usage_error("%s", "'-' (stdin) given more than once");
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
	text = !strcmp(format, "json") ? oom_format_json(&log) : oom_format_text(&log);
	ret = write_output(out, text);
	free(text);
	if (!ret)
		ret = oom_errors(&log) ? 1 : 0;
out:
	free(err);
	free(files);
	oom_log_release(&log);
	return ret;
}
