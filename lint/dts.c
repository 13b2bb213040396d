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

#include "board.h"
#include "util.h"

extern char **environ;

int run_argv(const char *const *argv, const char *out_path, const char *err_path)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int status, rc;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
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

/* The first line of @path that looks like a diagnostic, trimmed. */
static char *first_error_line(const char *path)
{
	size_t len;
	char *text = read_file(path, 1 << 20, &len), *line = NULL;

	if (!text)
		return xstrdup("(no message)");
	for (char *p = strtok(text, "\n"); p; p = strtok(NULL, "\n")) {
		if (strstr(p, "rror") || strstr(p, "fatal") || strstr(p, "No such file")) {
			line = xstrdup(p);
			break;
		}
		if (!line && *p)
			line = xstrdup(p);
	}
	free(text);
	return line ? line : xstrdup("(no message)");
}

static void add_arg(const char ***argv, size_t *n, size_t *cap, const char *a)
{
	*ARRAY_PUSH(*argv, *n, *cap) = a;
}

static void remove_tmpdir(const char *dir, const char *const *files)
{
	for (; *files; files++) {
		char *p = xasprintf("%s/%s", dir, *files);

		unlink(p);
		free(p);
	}
	rmdir(dir);
}

void *dts_compile(const char *path, const char *const *include_dirs, size_t *len, char *err, size_t errlen)
{
	static const char *const tmpfiles[] = { "pp.dts", "out.dtb", "cpp.err", "dtc.err", NULL };
	char tmpl[] = "/tmp/cmalint.XXXXXX";
	char *dir, *pp, *out, *cpp_err, *dtc_err, *srcdir, *slash, *safe;
	const char **argv = NULL;
	size_t n = 0, cap = 0;
	void *blob = NULL;
	int rc;

	if (access(path, R_OK) != 0) {
		snprintf(err, errlen, "cannot read '%s': %s", path, strerror(errno));
		return NULL;
	}
	dir = mkdtemp(tmpl);
	if (!dir) {
		snprintf(err, errlen, "cannot compile '%s': cannot create a temporary directory: %s",
			 path, strerror(errno));
		return NULL;
	}
	pp = xasprintf("%s/pp.dts", dir);
	out = xasprintf("%s/out.dtb", dir);
	cpp_err = xasprintf("%s/cpp.err", dir);
	dtc_err = xasprintf("%s/dtc.err", dir);
	safe = path[0] == '-' ? xasprintf("./%s", path) : xstrdup(path);
	srcdir = xstrdup(safe);
	slash = strrchr(srcdir, '/');
	if (slash)
		*slash = '\0';
	else
		strcpy(srcdir, ".");

	/* The kernel's cmd_dtc: preprocess, then compile. */
	add_arg(&argv, &n, &cap, "cpp");
	add_arg(&argv, &n, &cap, "-nostdinc");
	add_arg(&argv, &n, &cap, "-undef");
	add_arg(&argv, &n, &cap, "-D__DTS__");
	add_arg(&argv, &n, &cap, "-x");
	add_arg(&argv, &n, &cap, "assembler-with-cpp");
	for (const char *const *d = include_dirs; d && *d; d++) {
		add_arg(&argv, &n, &cap, "-I");
		add_arg(&argv, &n, &cap, *d);
	}
	add_arg(&argv, &n, &cap, "-o");
	add_arg(&argv, &n, &cap, pp);
	/* cpp has no "--": a name that starts with '-' gets a "./" so it is not an option */
	add_arg(&argv, &n, &cap, safe);
	add_arg(&argv, &n, &cap, NULL);
	rc = run_argv(argv, NULL, cpp_err);
	if (rc == 127) {
		snprintf(err, errlen, "cannot compile '%s': 'cpp' not found (install cpp)", path);
		goto out;
	}
	if (rc != 0) {
		char *line = first_error_line(cpp_err);

		snprintf(err, errlen, "cannot preprocess '%s': %s", path, line);
		free(line);
		goto out;
	}

	n = 0;
	add_arg(&argv, &n, &cap, "dtc");
	add_arg(&argv, &n, &cap, "-q");
	add_arg(&argv, &n, &cap, "-I");
	add_arg(&argv, &n, &cap, "dts");
	add_arg(&argv, &n, &cap, "-O");
	add_arg(&argv, &n, &cap, "dtb");
	add_arg(&argv, &n, &cap, "-i");
	add_arg(&argv, &n, &cap, srcdir);
	for (const char *const *d = include_dirs; d && *d; d++) {
		add_arg(&argv, &n, &cap, "-i");
		add_arg(&argv, &n, &cap, *d);
	}
	add_arg(&argv, &n, &cap, "-o");
	add_arg(&argv, &n, &cap, out);
	add_arg(&argv, &n, &cap, pp);
	add_arg(&argv, &n, &cap, NULL);
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
out:
	remove_tmpdir(dir, tmpfiles);
	free(argv);
	free(pp);
	free(out);
	free(cpp_err);
	free(dtc_err);
	free(srcdir);
	free(safe);
	return blob;
}
