// SPDX-License-Identifier: MIT
/*
 * kconfig.c - fuzz target: a kernel .config (--kconfig).
 *
 * seeds: files fixtures/kconfig .config
 * seeds: files fixtures/oracle-results .config
 * seeds: files fixtures/examples .config
 *
 * The input is .config text. An error is one line; a parsed file is put
 * into the default profile, which must then either be refused with one
 * line or give a CMA granule that is a power of two of at least a page.
 */
#include <string.h>

#include "fuzz_util.h"
#include "kconfig.h"
#include "profile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kconfig kc;
	struct profile p;
	char err[1024];

	if (size > KCONFIG_MAX_BYTES)
		return 0;
	memset(&kc, 0, sizeof(kc));
	if (kconfig_parse(&kc, ".config", (const char *)data, size, err, sizeof(err))) {
		fuzz_check_error(err);
		kconfig_release(&kc);
		return 0;
	}
	profile_init(&p);
	kconfig_apply(&kc, &p);
	if (profile_finish(&p, err, sizeof(err))) {
		fuzz_check_error(err);
	} else {
		FUZZ_CHECK(p.cma_granule >= p.page_size, "granule %llu below the page size",
			   (unsigned long long)p.cma_granule);
		FUZZ_CHECK((p.cma_granule & (p.cma_granule - 1)) == 0, "granule %llu not a power of two",
			   (unsigned long long)p.cma_granule);
	}
	kconfig_release(&kc);
	return 0;
}
