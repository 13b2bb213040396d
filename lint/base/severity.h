/* SPDX-License-Identifier: MIT */
/* severity.h - how much a finding matters: info, warning, error, or off (a rule turned off). */
#ifndef CMALINT_SEVERITY_H
#define CMALINT_SEVERITY_H

enum severity { SEV_INFO, SEV_WARNING, SEV_ERROR, SEV_OFF };

const char *severity_name(enum severity s);
/* "info", "warning", "error", "off": 0, or -1 for anything else. */
int severity_parse(const char *s, enum severity *out);

#endif
