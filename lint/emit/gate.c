// SPDX-License-Identifier: MIT
/* The result of a command's findings: policy, baseline, failure threshold, output. */
#include "gate.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rule.h"
#include "suppress.h"
#include "util.h"

void gate_init(struct gate *g, unsigned passes)
{
	memset(g, 0, sizeof(*g));
	g->passes = passes;
	g->fail_on = SEV_ERROR;
}

void gate_release(struct gate *g)
{
	policy_release(&g->policy);
	if (g->has_baseline)
		baseline_release(&g->baseline);
	memset(g, 0, sizeof(*g));
}

int gate_option(struct gate *g, int c, const char *arg, char *err, size_t errlen, const char **see)
{
	*see = NULL;
	switch (c) {
	case 'W':
	case 'E': {
		bool off = c == 'W' && !strncmp(arg, "no-", 3);
		const char *id = off ? arg + 3 : arg;
		const struct rule *r = rule_find(id);

		if (!r) {
			snprintf(err, errlen, "unknown rule '%s'", id);
			*see = "cmalint rules";
			return -1;
		}
		policy_set(&g->policy, r->id, off ? SEV_OFF : c == 'E' ? SEV_ERROR : SEV_WARNING);
		return 1;
	}
	case GATE_OPT_FAIL_ON:
		g->fail_on_set = true;
		g->never_fail = !strcmp(arg, "never");
		if (!g->never_fail && (severity_parse(arg, &g->fail_on) || g->fail_on == SEV_OFF)) {
			snprintf(err, errlen, "--fail-on '%s' is not one of error, warning, info, never", arg);
			return -1;
		}
		return 1;
	case GATE_OPT_EXIT_ZERO:
		g->exit_zero = true;
		return 1;
	case GATE_OPT_BASELINE:
		g->baseline_path = arg;
		return 1;
	case GATE_OPT_WRITE_BASELINE:
		g->write_baseline = arg;
		return 1;
	default:
		return 0;
	}
}

int gate_load(struct gate *g)
{
	char err[1024];

	if (!g->baseline_path || g->has_baseline)
		return 0;
	if (baseline_load(&g->baseline, g->baseline_path, err, sizeof(err))) {
		fprintf(stderr, "cmalint: %s\n", err);
		return -1;
	}
	g->has_baseline = true;
	return 0;
}

int gate_write_baseline(struct gate *g, const struct board_result *const *boards, size_t n)
{
	char err[1024];

	for (size_t i = 0; i < n; i++) {
		if (boards[i]->error) {
			fprintf(stderr, "cmalint: not writing the baseline '%s': '%s' could not be linted\n",
				g->write_baseline, boards[i]->input);
			return -1;
		}
	}
	if (baseline_write_list(g->write_baseline, boards, n, err, sizeof(err))) {
		fprintf(stderr, "cmalint: %s\n", err);
		return -1;
	}
	if (g->has_baseline)
		baseline_release(&g->baseline);
	g->has_baseline = false;
	if (baseline_load(&g->baseline, g->write_baseline, err, sizeof(err))) {
		fprintf(stderr, "cmalint: %s\n", err);
		return -1;
	}
	g->has_baseline = true;
	return 0;
}

void gate_policy(const struct gate *g, struct board_result *r)
{
	for (size_t j = 0; j < g->policy.n; j++)
		policy_set(&r->policy, g->policy.o[j].id, g->policy.o[j].sev);
}

int gate_baseline(struct gate *g, struct emit_run *run)
{
	if (gate_load(g))
		return -1;
	if (g->write_baseline) {
		const struct board_result **list = xcalloc(run->nboards ? run->nboards : 1, sizeof(*list));
		int rc;

		for (size_t i = 0; i < run->nboards; i++)
			list[i] = &run->boards[i];
		rc = gate_write_baseline(g, list, run->nboards);
		free(list);
		if (rc)
			return -1;
	}
	/* the late rules report under the run's policy */
	for (size_t i = 0; i < run->nboards; i++)
		gate_policy(g, &run->boards[i]);
	late_run(run->boards, run->nboards, g->has_baseline ? &g->baseline : NULL);
	return 0;
}

bool gate_board_fails(const struct gate *g, const struct board_result *r)
{
	if (g->never_fail || r->error)
		return false;
	for (size_t j = 0; j < r->report.n; j++)
		if (r->report.f[j].severity >= g->fail_on)
			return true;
	return false;
}

bool gate_fails(const struct gate *g, const struct emit_run *run)
{
	for (size_t i = 0; i < run->nboards; i++)
		if (gate_board_fails(g, &run->boards[i]))
			return true;
	return false;
}

int gate_emit(const struct emitter *em, const struct emit_run *run, const char *outpath)
{
	FILE *out = stdout;
	bool bad;

	if (outpath && !(out = fopen(outpath, "w"))) {
		fprintf(stderr, "cmalint: cannot write '%s': %s\n", outpath, strerror(errno));
		return -1;
	}
	bad = emit_whole(em, out, run) != 0;
	if (out != stdout ? fclose(out) : fflush(out))
		bad = true;
	if (bad) {
		fprintf(stderr, "cmalint: cannot write the report to '%s'\n", outpath ? outpath : "stdout");
		return -1;
	}
	return 0;
}
