// SPDX-License-Identifier: MIT
#include "dts.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bounds.h"
#include "util.h"

extern char **environ;

int run_argv(const char *const *argv, const char *out_path, const char *err_path)
{
	return run_argv_in(argv, NULL, out_path, err_path);
}

int run_argv_in(const char *const *argv, const char *in_path, const char *out_path, const char *err_path)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int status, rc;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, in_path ? in_path : "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, out_path ? out_path : "/dev/null",
					 O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_addopen(&fa, 2, err_path ? err_path : "/dev/null",
					 O_WRONLY | O_CREAT | O_TRUNC, 0600);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0)
		return 127;
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return 127;
	}
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return 127;
}

/*
 * The first line of @path that looks like a diagnostic, trimmed, without
 * dtc's "Error: " prefix, so that it reads "file:line...: problem".
 */
static char *first_error_line(const char *path)
{
	static const char *const prefixes[] = { "FATAL ERROR: ", "Error: ", "ERROR: " };
	size_t len;
	char *text = read_file(path, 1 << 20, &len), *first = NULL, *line = NULL, *save = NULL;

	if (!text)
		return xstrdup("(no message)");
	for (char *p = strtok_r(text, "\n", &save); p; p = strtok_r(NULL, "\n", &save)) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			continue;
		if (strstr(p, "rror") || strstr(p, "fatal") || strstr(p, "No such file")) {
			line = p;
			break;
		}
		if (!first)
			first = p;
	}
	if (!line)
		line = first;
	for (size_t i = 0; line && i < ARRAY_SIZE(prefixes); i++) {
		size_t l = strlen(prefixes[i]);

		if (!strncmp(line, prefixes[i], l)) {
			line += l;
			break;
		}
	}
	line = xstrdup(line ? line : "(no message)");
	free(text);
	return line;
}

/* Write @len bytes to a new private file @path; 0, or -1 with errno. */
static int write_file(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600), e;
	const char *p = data;

	if (fd < 0)
		return -1;
	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			e = n < 0 ? errno : EIO;
			close(fd);
			errno = e;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return close(fd);
}

/*
 * With no -I, cpp (-nostdinc) finds no #include <...> and says "no include
 * path in which to search for NAME": the hint names -I and, for the
 * kernel's headers, where they are. "" for other messages.
 */
static const char *include_hint(const char *cpp_line, char *buf, size_t len)
{
	static const char marker[] = "no include path in which to search for ";
	const char *name = strstr(cpp_line, marker);
	size_t top;

	if (!name)
		return "";
	name += sizeof(marker) - 1;
	if (!strncmp(name, "dt-bindings/", 12))
		return " (pass the directory holding dt-bindings/ with -I DIR: the kernel's include/ or scripts/dtc/include-prefixes)";
	/* its first component: "vendor/x.h" is found below the directory holding vendor/ */
	top = strcspn(name, "/");
	snprintf(buf, len, " (pass the directory holding %.*s%s with -I DIR)", (int)(top < 200 ? top : 200), name,
		 name[top] == '/' ? "/" : "");
	return buf;
}

static void add_arg(const char ***argv, size_t *n, size_t *cap, const char *a)
{
	*ARRAY_PUSH(*argv, *n, *cap) = a;
}

static void remove_tmpdir(const char *dir)
{
	static const char *const files[] = { "in.dts", "pp.dts", "out.dtb", "ann.dts", "cpp.err", "dtc.err", NULL };

	for (const char *const *f = files; *f; f++) {
		char *p = xasprintf("%s/%s", dir, *f);

		unlink(p);
		free(p);
	}
	rmdir(dir);
}

/* The dtc command line reading @in (DTS) and writing @fmt to @out. */
static void dtc_argv(const char ***argv, size_t *n, size_t *cap, const struct dts_unit *u,
		     const char *fmt, bool symbols, bool annotate, const char *in, const char *out)
{
	*n = 0;
	add_arg(argv, n, cap, "dtc");
	add_arg(argv, n, cap, "-q");
	add_arg(argv, n, cap, "-I");
	add_arg(argv, n, cap, "dts");
	add_arg(argv, n, cap, "-O");
	add_arg(argv, n, cap, fmt);
	if (symbols)
		add_arg(argv, n, cap, "-@");
	if (annotate) {
		/* every node and property with all the places that set it */
		add_arg(argv, n, cap, "-T");
		add_arg(argv, n, cap, "-T");
	}
	add_arg(argv, n, cap, "-i");
	add_arg(argv, n, cap, u->srcdir);
	for (const char *const *d = u->include_dirs; d && *d; d++) {
		add_arg(argv, n, cap, "-i");
		add_arg(argv, n, cap, *d);
	}
	add_arg(argv, n, cap, "-o");
	add_arg(argv, n, cap, out);
	add_arg(argv, n, cap, in);
	add_arg(argv, n, cap, NULL);
}

bool dts_text_is_source(const void *buf, size_t len)
{
	static const char *const marks[] = { "/dts-v1/", "#include", "/include/" };

	const char *text = buf;

	if (!len || memchr(buf, '\0', len))
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(marks); i++) {
		size_t l = strlen(marks[i]);

		for (size_t at = 0; at + l <= len; at++)
			if (text[at] == marks[i][0] && !memcmp(text + at, marks[i], l))
				return true;
	}
	return false;
}

void dts_unit_release(struct dts_unit *u)
{
	if (!u)
		return;
	if (u->dir) {
		remove_tmpdir(u->dir);
		free(u->dir);
	}
	free(u->input);
	free(u->safe);
	free(u->srcdir);
	memset(u, 0, sizeof(*u));
}

void *dts_compile_ex(const char *path, const struct dts_opts *o, struct dts_unit *keep,
		     size_t *len, char *err, size_t errlen)
{
	char tmpl[] = "/tmp/cmalint.XXXXXX";
	struct dts_unit u = { 0 };
	char *pp = NULL, *out = NULL, *cpp_err = NULL, *dtc_err = NULL, *in = NULL, *slash;
	const char **argv = NULL;
	size_t n = 0, cap = 0;
	void *blob = NULL;
	int rc;

	bool text = o && o->text;

	if (!text && access(path, R_OK) != 0) {
		snprintf(err, errlen, "cannot read '%s': %s", path, strerror(errno));
		return NULL;
	}
	if (!mkdtemp(tmpl)) {
		snprintf(err, errlen, "cannot compile '%s': cannot create a temporary directory: %s",
			 path, strerror(errno));
		return NULL;
	}
	u.dir = xstrdup(tmpl);
	u.input = xstrdup(path);
	u.include_dirs = o ? o->include_dirs : NULL;
	pp = xasprintf("%s/pp.dts", u.dir);
	out = xasprintf("%s/out.dtb", u.dir);
	cpp_err = xasprintf("%s/cpp.err", u.dir);
	dtc_err = xasprintf("%s/dtc.err", u.dir);
	if (text) {
		/* given to cpp as "-" on its standard input; includes "..." are then looked for in "." */
		in = xasprintf("%s/in.dts", u.dir);
		if (write_file(in, o->text, o->text_len)) {
			snprintf(err, errlen, "cannot compile '%s': cannot write a temporary file: %s",
				 path, strerror(errno));
			goto out;
		}
		u.safe = xstrdup("-");
	} else {
		/* cpp has no "--": a name that starts with '-' gets a "./" so it is not an option */
		u.safe = path[0] == '-' ? xasprintf("./%s", path) : xstrdup(path);
	}
	u.srcdir = xstrdup(u.safe);
	slash = strrchr(u.srcdir, '/');
	if (slash)
		*slash = '\0';
	else
		strcpy(u.srcdir, ".");

	/* The kernel's cmd_dtc: preprocess, then compile. */
	add_arg(&argv, &n, &cap, "cpp");
	add_arg(&argv, &n, &cap, "-nostdinc");
	add_arg(&argv, &n, &cap, "-undef");
	add_arg(&argv, &n, &cap, "-D__DTS__");
	add_arg(&argv, &n, &cap, "-x");
	add_arg(&argv, &n, &cap, "assembler-with-cpp");
	for (const char *const *d = u.include_dirs; d && *d; d++) {
		add_arg(&argv, &n, &cap, "-I");
		add_arg(&argv, &n, &cap, *d);
	}
	add_arg(&argv, &n, &cap, "-o");
	add_arg(&argv, &n, &cap, pp);
	add_arg(&argv, &n, &cap, u.safe);
	add_arg(&argv, &n, &cap, NULL);
	rc = run_argv_in(argv, in, NULL, cpp_err);
	if (rc == 127) {
		snprintf(err, errlen, "cannot compile '%s': 'cpp' not found (install cpp)", path);
		goto out;
	}
	if (rc != 0) {
		char *line = first_error_line(cpp_err), hint[256];

		snprintf(err, errlen, "cannot preprocess '%s': %s%s", path, line, include_hint(line, hint, sizeof(hint)));
		free(line);
		goto out;
	}

	dtc_argv(&argv, &n, &cap, &u, "dtb", o && o->symbols, false, pp, out);
	rc = run_argv(argv, NULL, dtc_err);
	if (rc == 127) {
		snprintf(err, errlen, "cannot compile '%s': 'dtc' not found (install device-tree-compiler)", path);
		goto out;
	}
	if (rc != 0) {
		char *line = first_error_line(dtc_err);

		snprintf(err, errlen, "cannot compile '%s': %s", path, line);
		free(line);
		goto out;
	}
	blob = read_file(out, CMALINT_MAX_DTB_SIZE, len);
	if (!blob)
		snprintf(err, errlen, "cannot compile '%s': %s", path, strerror(errno));
	unlink(out);
out:
	if (blob && keep) {
		*keep = u;
		memset(&u, 0, sizeof(u));
	}
	dts_unit_release(&u);
	free(argv);
	free(pp);
	free(out);
	free(cpp_err);
	free(dtc_err);
	free(in);
	return blob;
}

void *dts_compile(const char *path, const char *const *include_dirs, size_t *len, char *err, size_t errlen)
{
	struct dts_opts o = { .include_dirs = include_dirs };

	return dts_compile_ex(path, &o, NULL, len, err, errlen);
}

char *dts_annotate(const struct dts_unit *u, char *err, size_t errlen)
{
	const char **argv = NULL;
	size_t n = 0, cap = 0, len;
	char *pp = xasprintf("%s/pp.dts", u->dir), *ann = xasprintf("%s/ann.dts", u->dir);
	char *dtc_err = xasprintf("%s/dtc.err", u->dir), *text = NULL;
	int rc;

	dtc_argv(&argv, &n, &cap, u, "dts", false, true, pp, ann);
	rc = run_argv(argv, NULL, dtc_err);
	if (rc != 0) {
		char *line = first_error_line(dtc_err);

		snprintf(err, errlen, "cannot annotate '%s': %s", u->input, line);
		free(line);
	} else {
		text = read_file(ann, 4 * CMALINT_MAX_DTB_SIZE, &len);
		if (!text)
			snprintf(err, errlen, "cannot annotate '%s': %s", u->input, strerror(errno));
		else
			text[len] = '\0';
	}
	unlink(ann);
	free(argv);
	free(pp);
	free(ann);
	free(dtc_err);
	return text;
}
