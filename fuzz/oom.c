// SPDX-License-Identifier: MIT
/*
 * oom.c - fuzz target: kernel logs for `cmalint oom`.
 *
 * seeds: files fixtures/oom .log
 *
 * Any text either parses or fails with a message; a parsed log is
 * analysed (with the log's own kernel and page size, then with both given
 * as options) and written by both emitters; the JSON must parse.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "oom.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static void run(const uint8_t *data, size_t size, const struct oom_options *opt)
{
	struct oom_log log = { 0 };
	char *err = NULL, *text;
	cJSON *doc;

	if (oom_parse(&log, "fuzz.log", (const char *)data, size, &err) ||
	    oom_analyse(&log, opt, &err)) {
		fuzz_check_error(err);
		free(err);
		oom_log_release(&log);
		return;
	}
	FUZZ_CHECK(!err, "a message without an error");
	FUZZ_CHECK(log.n_reports > 0, "oom_analyse() accepted a log without a report");
	for (size_t i = 0; i < log.n_reports; i++)
		FUZZ_CHECK(log.reports[i].n_zones <= OOM_MAX_ZONES && log.reports[i].verdict,
			   "report %zu has %zu zones or no verdict", i, log.reports[i].n_zones);
	(void)oom_errors(&log);
	text = oom_format_text(&log);
	FUZZ_CHECK(text, "no text report");
	free(text);
	text = oom_format_json(&log);
	FUZZ_CHECK(text, "no JSON report");
	doc = fuzz_parse_json(text, strlen(text));
	FUZZ_CHECK(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(doc, "reports")) == (int)log.n_reports,
		   "the JSON report does not list every report");
	cJSON_Delete(doc);
	free(text);
	oom_log_release(&log);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct oom_options given = { .kernel = "5.4", .page_size = 16384 };

	run(data, size, NULL);
	run(data, size, &given);
	return 0;
}
