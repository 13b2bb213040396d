/* SPDX-License-Identifier: MIT */
/*
 * report.h - findings collected from the rules for one board, and the
 * severity policy (-W/-E/--fail-on) applied to them.
 */
#ifndef CMALINT_REPORT_H
#define CMALINT_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "srcloc.h"
#include "util.h"

#include "severity.h"

struct rule;

struct finding {
	const char *rule;	/* rule id (static) */
	enum severity severity;
	char *message;
	char *node;		/* DT path or NULL */
	char *property;		/* or NULL */
	struct srcloc loc;	/* file NULL when unknown */
	struct srcloc *related;	/* other definitions */
	size_t nrelated;
	char *kernel_message;	/* or NULL */
	/*
	 * A finding between two nodes' same property (an overlap): the other
	 * node. When locations are found, the finding moves to whichever of
	 * the two was overridden last, and at_pair says node and pair_node
	 * were swapped (fingerprints keep the node the rule named).
	 */
	char *pair_node;
	bool at_pair;
};

/* Per-rule severity overrides from the command line or configuration. */
struct severity_override {
	const char *id;
	enum severity sev;
};
struct severity_policy {
	struct severity_override *o;
	size_t n, cap;
};
void policy_set(struct severity_policy *p, const char *id, enum severity s);
bool policy_get(const struct severity_policy *p, const char *id, enum severity *out);
void policy_release(struct severity_policy *p);

struct report {
	struct finding *f;
	size_t n, cap;
	const struct severity_policy *policy;	/* may be NULL */
};

/*
 * What a finding rests on that the user has not confirmed: it falls to
 * @cap (unless the policy names the rule) and its message ends with
 * " (@why)", "assumes ...; confirm with --option". Rules get one from
 * rule_assumption() (lint/check/rule.h).
 */
struct assumption {
	enum severity cap;
	char why[1024];		/* "" when every fact is confirmed */
};

/* Everything about a finding besides its rule, severity and message. */
struct finding_at {
	const char *node;		/* DT path (for oom: the zone), or NULL */
	const char *property;		/* or NULL */
	const struct srcloc *loc;	/* where to point, or NULL */
	const char *kernel_message;	/* the kernel's boot message, or NULL */
	const char *pair_node;		/* a finding between two nodes' same property: the other */
	const struct assumption *assumed;	/* NULL: rests on confirmed facts only */
};
/* report_add(out, rule, SEV_OFF, AT(.node = n->path, .property = "reg"), "...") */
#define AT(...) (&(const struct finding_at){ __VA_ARGS__ })

/*
 * report_add - record the whole finding of @rule at its default (or @sev
 * when not SEV_OFF) severity, after an assumption's cap and the policy.
 * @at may be NULL. A finding the policy turns off is not recorded.
 */
void PRINTF(5, 6) report_add(struct report *r, const struct rule *rule, enum severity sev,
			     const struct finding_at *at, const char *fmt, ...);
void report_sort(struct report *r);
/*
 * report_filter - remove (and free) every finding for which @drop returns
 * true, keeping the order of the others. Returns how many were removed.
 */
size_t report_filter(struct report *r, bool (*drop)(const struct finding *f, void *arg), void *arg);
void report_release(struct report *r);
void report_count(const struct report *r, size_t *errors, size_t *warnings, size_t *infos);

#endif
