// SPDX-License-Identifier: MIT
/*
 * runtime.c - fuzz target: the captures `cmalint runtime` reads.
 *
 * seeds: files fixtures/runtime meminfo
 * seeds: files fixtures/runtime zoneinfo
 * seeds: files fixtures/runtime iomem
 *
 * The input is given to the /proc/meminfo, /proc/zoneinfo and /proc/iomem
 * parsers. Each accepts it or refuses it with one line; accepted iomem
 * entries have start <= end, accepted zones stay within the table.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "runtime.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	struct rt_meminfo mi;
	struct rt_zoneinfo *zi = xcalloc(1, sizeof(*zi));
	struct rt_iomem io;
	char *err = NULL;

	memset(&mi, 0, sizeof(mi));
	if (rt_parse_meminfo(buf, size, &mi, &err))
		fuzz_check_error(err);
	free(err);
	err = NULL;

	if (rt_parse_zoneinfo(buf, size, zi, &err))
		fuzz_check_error(err);
	else
		FUZZ_CHECK(zi->n <= RT_MAX_ZONES, "%zu zones", zi->n);
	free(err);
	err = NULL;
	free(zi);

	memset(&io, 0, sizeof(io));
	if (rt_parse_iomem(buf, size, &io, &err)) {
		fuzz_check_error(err);
	} else {
		for (size_t i = 0; i < io.n; i++)
			FUZZ_CHECK(io.e[i].start <= io.e[i].end, "an iomem entry ends before it starts");
	}
	free(err);
	rt_iomem_release(&io);
	return 0;
}
