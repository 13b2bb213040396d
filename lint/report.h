/* SPDX-License-Identifier: MIT */
/*
 * report.h - findings collected from the rules for one board, and the
 * severity policy (-W/-E/--fail-on) applied to them.
 */
#ifndef CMALINT_REPORT_H
#define CMALINT_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "board.h"
#include "util.h"

enum severity { SEV_INFO, SEV_WARNING, SEV_ERROR, SEV_OFF };

const char *severity_name(enum severity s);
int severity_parse(const char *s, enum severity *out);

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
	bool last_off;		/* the last report_add was turned off: nothing to attach to */
};

/*
 * report_add - record a finding of @rule at its default (or @sev when
 * not SEV_OFF) severity, after the policy. @loc may be NULL. Returns the
 * finding, or NULL when the policy turned it off.
 */
struct finding *PRINTF(7, 8) report_add(struct report *r, const struct rule *rule, enum severity sev,
			     const char *node, const char *property, const struct srcloc *loc,
			     const char *fmt, ...);
/* Attach the kernel's boot message to the last finding. */
void report_set_kernel_message(struct report *r, const char *msg);
/* finding_set_pair - record the other node of a finding between two nodes (see struct finding). */
void finding_set_pair(struct finding *f, const char *node);
/*
 * report_assume - @f rests on a fact the user has not confirmed: cap it
 * at @cap, a warning or an info (unless the policy set the rule's
 * severity explicitly), and append @why, "assumes ...; confirm with
 * --option". @f may be NULL.
 */
void report_assume(struct report *r, struct finding *f, const char *why, enum severity cap);
void report_sort(struct report *r);
/*
 * report_filter - remove (and free) every finding for which @drop returns
 * true, keeping the order of the others. Returns how many were removed.
 */
size_t report_filter(struct report *r, bool (*drop)(const struct finding *f, void *arg), void *arg);
void report_release(struct report *r);
void report_count(const struct report *r, size_t *errors, size_t *warnings, size_t *infos);

#endif
