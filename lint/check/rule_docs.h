/* SPDX-License-Identifier: MIT */
#ifndef CMALINT_RULE_DOCS_H
#define CMALINT_RULE_DOCS_H
/* Generated at build time from rules/<id>.md (tools/embed-docs.cmake). */
struct rule_doc {
	const char *id;
	const char *markdown;
};
extern const struct rule_doc rule_docs[];
#endif
