// SPDX-License-Identifier: MIT
/* `cmalint [check] [OPTIONS] INPUT...`: lint boards. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_args.h"
#include "checkstream.h"
#include "commands.h"
#include "runfiles.h"
#include "tree.h"
#include "util.h"

static const char usage[] =
"usage: cmalint [check] [OPTIONS] INPUT...\n"
"       cmalint diff OLD NEW | rules | explain RULE | oom FILE... | runtime | help [COMMAND] | --version\n"
"\n"
"Predict what the Linux kernel will do with a board's reserved memory and CMA.\n"
"INPUT is a .dtb, a .dts (preprocessed with cpp and compiled with dtc), a live\n"
"tree (/sys/firmware/fdt, /proc/device-tree), a directory: every *.dtb and\n"
"*.dts below it is a board, or '-': a DTB or DTS on standard input, reported\n"
"as <stdin>. The content tells a DTB (magic 0xd00dfeed) from a DTS.\n"
"\n"
"  -I DIR                 include path for DTS preprocessing (repeatable)\n"
"      --overlay FILE     apply an overlay (.dtbo, or .dtso/.dts source) before\n"
"                         checking (repeatable, applied in order)\n"
"  -j N                   lint N boards in parallel (default 1)\n"
"      --bootargs STRING  the kernel command line; replaces /chosen/bootargs\n"
"      --bootargs-file FILE  take it from a U-Boot environment or boot script, extlinux.conf,\n"
"                         grub.cfg, cmdline.txt or /proc/cmdline\n"
"      --bootargs-format FMT  uenv, extlinux, grub, cmdline (default: detected)\n"
"      --label NAME       the extlinux label or grub menuentry (default: the file's default)\n"
"      --kconfig FILE     the kernel .config (CMA sizes, page size, orders, CONFIG_CMDLINE)\n"
"      --kernel VERSION   kernel version to predict, 5.4 to 7.3 (default 6.12, the newest\n"
"                         LTS a boot confirmed; booted: arm64 5.10 6.1 6.12 7.3, arm 6.1 7.2,\n"
"                         riscv64 7.2; other versions follow the source-derived steps)\n"
"      --arch ARCH        arm64, arm, riscv64, x86_64 (default arm64; x86_64 is unverified:\n"
"                         no recorded boot checks it)\n"
"      --page-size SIZE   4K, 16K, 64K (default 4K)\n"
"      --ram SIZE[@BASE]  RAM bank replacing /memory (repeatable)\n"
"      --cma-size-mbytes N  CONFIG_CMA_SIZE_MBYTES of the kernel (default 32; overrides --kconfig)\n"
"      --no-cma           the kernel is built without CONFIG_CMA/CONFIG_DMA_CMA (overrides --kconfig)\n"
"      --bootloader-reserved SIZE@BASE  memory the bootloader uses before the kernel\n"
"                         (kernel image, initrd, DTB; repeatable)\n"
"      --kernel-image SIZE  kernel image and early allocations, a headroom term\n"
"                         (default by kernel version, 21M-43M)\n"
"      --min-headroom SIZE  headroom_low threshold (default 256M, or a quarter of RAM under 1 GiB)\n"
"      --min-cma SIZE     cma_too_small threshold: the CMA the board's devices need\n"
"      --format FMT       text (default), json, sarif, github, gcc, codeclimate, svg, html\n"
"      --map PATH         also draw the memory map: PATH.svg, or DIR/ for one SVG per board\n"
"  -o FILE                write the report to FILE\n"
"      --fail-on LEVEL    error (default), warning, info, never\n"
"      --exit-zero        exit 0 even with findings (input errors still exit 2)\n"
"  -W RULE, -W no-RULE    raise RULE to warning / turn it off\n"
"  -E RULE                raise RULE to error\n"
"      --config FILE      project configuration (default: .cmalint.json found upward\n"
"                         from each input, up to a directory holding .git)\n"
"      --no-config        do not look for .cmalint.json\n"
"      --baseline FILE    hide the findings FILE accepts; report its stale entries\n"
"      --write-baseline FILE  record the current findings in FILE (and hide them)\n"
"  -h, --help             this help; 'cmalint help COMMAND' or 'COMMAND --help' for the others\n"
"      --version          print the version\n"
"\n"
"Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage or input error.\n";


int cmd_check(int argc, char **argv)
{
	struct check_args a;
	struct run_files rf = { 0 };
	struct tree_input *inputs = NULL;
	size_t ninputs = 0;
	int rc = check_args_parse(&a, argc, argv, false, usage);

	if (rc >= 0)
		goto done;
	rf.config_opt = a.config_opt;
	rf.no_config = a.no_config;
	/* Every board below directory inputs, linted by -j threads, reported in path order. */
	tree_collect(a.inputs, a.ninputs, &inputs, &ninputs);
	{
		char **paths = xcalloc(ninputs ? ninputs : 1, sizeof(*paths));

		for (size_t i = 0; i < ninputs; i++)
			paths[i] = inputs[i].path;
		rc = run_files_load(&rf, paths, ninputs) || gate_load(&a.gate) ? EXIT_TROUBLE : EXIT_CLEAN;
		free(paths);
		if (rc)
			goto done;
	}
	for (size_t i = 0; i < ninputs; i++)
		inputs[i].config = rf.per_input[i];
	rc = check_stream(&a, &rf, inputs, ninputs);
done:
	run_files_release(&rf);
	tree_inputs_release(inputs, ninputs);
	check_args_release(&a);
	return rc;
}
