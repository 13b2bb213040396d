// SPDX-License-Identifier: MIT
/*
 * pipeline.c - fuzz target: a DTB through the whole pipeline, as
 * `cmalint check --format json` runs it: board model, profile, command
 * line (/chosen/bootargs), kernel model, headroom, every rule, both
 * emitters.
 *
 * seeds: dtb
 *
 * Each input runs under several profiles, so the version-dependent steps
 * of the kernel model all see odd trees. The report must parse and must
 * not lose a region (fuzz_lint()).
 */
#include <stdio.h>

#include "fuzz_util.h"
#include "run.h"

struct fuzz_profile {
	const char *kernel;
	enum arch arch;
	uint32_t page_size;
	bool no_cma;
	const char *bootargs;		/* replaces /chosen/bootargs, or NULL */
	bool ram;			/* --ram 2G@0x40000000 */
	bool boot_reserved;		/* --bootloader-reserved 2M@0x48000000 */
};

static const struct fuzz_profile profiles[] = {
	{ "6.12", ARCH_ARM64, 4096, false, NULL, false, false },
	{ "6.19", ARCH_ARM64, 16384, false, NULL, false, true },
	{ "6.1", ARCH_ARM64, 65536, false, "cma=64M@0x50000000-0xc0000000", false, false },
	{ "5.10", ARCH_ARM64, 4096, false, NULL, true, false },
	{ "5.4", ARCH_ARM, 4096, false, NULL, false, false },
	{ "5.15", ARCH_RISCV64, 4096, false, NULL, false, false },
	{ "6.6", ARCH_X86_64, 4096, true, NULL, false, false },
	{ "4.19", ARCH_ARM64, 4096, false, "cma=0", false, false },
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* every profile of the table is valid: an error below comes from the input */
	for (size_t i = 0; i < ARRAY_SIZE(profiles); i++) {
		struct profile p;
		char err[256];

		profile_init(&p);
		FUZZ_CHECK(kver_parse(profiles[i].kernel, &p.kernel) == 0, "bad kernel '%s'", profiles[i].kernel);
		p.arch = profiles[i].arch;
		p.page_size = profiles[i].page_size;
		p.cma = !profiles[i].no_cma;
		FUZZ_CHECK(profile_finish(&p, err, sizeof(err)) == 0, "profile %zu: %s", i, err);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct ram_bank ram[] = { { .base = 0x40000000, .size = 0x80000000 } };
	static const struct range boot[] = { { 0x48000000, 0x200000 } };
	static const char *const no_dirs[] = { NULL };

	for (size_t i = 0; i < ARRAY_SIZE(profiles); i++) {
		const struct fuzz_profile *fp = &profiles[i];
		struct board_result res = { 0 };
		struct run_opts o;
		char err[1024];

		run_opts_init(&o);
		FUZZ_CHECK(kver_parse(fp->kernel, &o.profile.kernel) == 0, "bad kernel '%s'", fp->kernel);
		snprintf(o.profile.kernel_str, sizeof(o.profile.kernel_str), "%s", fp->kernel);
		o.profile.kernel_src = SRC_CLI;
		o.profile.arch = fp->arch;
		o.profile.arch_src = SRC_CLI;
		o.profile.page_size = fp->page_size;
		o.profile.page_size_src = SRC_CLI;
		if (fp->no_cma) {
			o.profile.cma = false;
			o.profile.cma_src = SRC_CLI;
		}
		o.bootargs = fp->bootargs;
		o.load.include_dirs = no_dirs;
		if (fp->ram) {
			o.load.ram = ram;
			o.load.nram = 1;
		}
		if (fp->boot_reserved) {
			o.boot_reserved = boot;
			o.nboot_reserved = 1;
		}

		res.input = xstrdup("fuzz.dtb");
		if (board_load_blob(&res.board, res.input, data, size, &o.load, err, sizeof(err))) {
			fuzz_check_error(err);
			board_result_release(&res);
			return 0;	/* the same blob fails the same way under every profile */
		}
		fuzz_lint(&res, &o, data);
	}
	return 0;
}
