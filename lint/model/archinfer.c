// SPDX-License-Identifier: MIT
/*
 * archinfer.c - which architecture's kernel boots a tree, from what the
 * tree says: where the file sits in a kernel or U-Boot source tree, and
 * the CPU nodes' compatible and enable-method. The profile takes the
 * result only when nobody gave --arch, --kconfig or a configuration.
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "fdtindex.h"
#include "profile.h"
#include "util.h"

static int arch_word(const char *s, size_t n)
{
	if (n == 5 && !strncmp(s, "arm64", 5))
		return ARCH_ARM64;
	if (n == 3 && !strncmp(s, "arm", 3))
		return ARCH_ARM;
	if (n == 5 && !strncmp(s, "riscv", 5))
		return ARCH_RISCV64;
	return -1;
}

/*
 * A path component arm, arm64 or riscv right after "arch/" (a kernel
 * tree: arch/arm/boot/dts/..., arch/arm64/boot/dts/..., source or build
 * output), after "boot/dts/" or after "dts/upstream/src/" (U-Boot's copy
 * of the kernel's trees). The last such component in the path wins.
 */
int arch_from_path(const char *path, char *comp, size_t complen)
{
	static const char *const prefixes[] = { "arch/", "boot/dts/", "dts/upstream/src/" };
	int found = -1;

	for (const char *p = path; *p; p++) {
		if (p != path && p[-1] != '/')
			continue;
		for (size_t i = 0; i < ARRAY_SIZE(prefixes); i++) {
			size_t pl = strlen(prefixes[i]);
			const char *w = p + pl, *e;
			int a;

			if (strncmp(p, prefixes[i], pl))
				continue;
			e = strchr(w, '/');
			if (!e)
				continue;
			a = arch_word(w, (size_t)(e - w));
			if (a < 0)
				continue;
			found = a;
			if (comp)
				snprintf(comp, complen, "%.*s", (int)(e - p), p);
		}
	}
	return found;
}

static bool starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

static bool in_list(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(s, list[i]))
			return true;
	return false;
}

int arch_from_cpu_compatible(const char *c, bool *nommu)
{
	/* ARMv7 and older cores: only a 32-bit arm kernel runs on them */
	static const char *const arm32[] = {
		"arm,cortex-a5", "arm,cortex-a7", "arm,cortex-a8", "arm,cortex-a9", "arm,cortex-a12",
		"arm,cortex-a15", "arm,cortex-a17", "arm,arm1176jzf-s", "arm,arm1176jzf", "arm,arm11mpcore",
		"arm,arm1136jf-s", "arm,arm926ej-s", "arm,arm920t", "arm,arm946e-s", "arm,arm7tdmi",
		"arm,cortex-r4", "arm,cortex-r5", "arm,cortex-r7", "marvell,sheeva-v5", "marvell,sheeva-v7",
		"marvell,pj4a", "marvell,pj4b", "qcom,krait", "qcom,scorpion", "faraday,fa526",
		"brcm,brahma-b15", "arm,cortex-a32",	/* AArch32-only ARMv8 */
		"marvell,feroceon", "marvell,xscale", "arm,arm720t", "arm,arm710t", "arm,arm1020e",
		"arm,arm1022", "arm,arm1026ej-s", "arm,arm940t", "arm,arm922t",
	};

	*nommu = false;
	if (starts(c, "arm,cortex-m")) {
		*nommu = true;
		return ARCH_ARM;
	}
	if (in_list(c, arm32, ARRAY_SIZE(arm32)))
		return ARCH_ARM;
	/* ARMv8 and later cores: an arm64 kernel (a tree under arch/arm/ runs them 32-bit) */
	if (!strcmp(c, "arm,armv8") || starts(c, "arm,cortex-a3") || starts(c, "arm,cortex-a5") ||
	    starts(c, "arm,cortex-a6") || starts(c, "arm,cortex-a7") || starts(c, "arm,cortex-x") ||
	    starts(c, "arm,neoverse") || starts(c, "qcom,kryo") || starts(c, "qcom,oryon") ||
	    starts(c, "nvidia,denver") || starts(c, "nvidia,carmel") || starts(c, "apple,") ||
	    starts(c, "cavium,thunder") || starts(c, "brcm,brahma-b53") || starts(c, "brcm,vulcan") ||
	    starts(c, "arm,cortex-r82"))
		return ARCH_ARM64;
	if (!strcmp(c, "riscv") || starts(c, "sifive,") || starts(c, "thead,c9") || starts(c, "starfive,"))
		return ARCH_RISCV64;
	return -1;
}

void board_infer_arch(struct board *b, const struct fdt_index *ix)
{
	char comp[256];
	int cpus, cpu, a = arch_from_path(b->input ? b->input : "", comp, sizeof(comp));
	char *cpu_ev = NULL;
	int cpu_arch = -1;
	bool cpu_nommu = false;

	cpus = fdt_index_path(ix, "/cpus");
	if (cpus >= 0) {
		fdt_index_for_each_child(ix, cpu, cpus) {
			const char *dt = fdt_index_getprop(ix, cpu, "device_type", NULL);
			const char *compat, *em;
			int len, clen;
			char path[256];

			if (!dt || strcmp(dt, "cpu"))
				continue;
			if (!fdt_index_node_path(ix, cpu, path, sizeof(path)))
				continue;
			compat = fdt_index_getprop(ix, cpu, "compatible", &clen);
			for (int off = 0; compat && off < clen;) {
				const char *s = compat + off;
				size_t sl = strnlen(s, (size_t)(clen - off));
				bool nm;
				int ca;

				if (sl >= (size_t)(clen - off))
					break;
				ca = arch_from_cpu_compatible(s, &nm);
				if (ca >= 0) {
					cpu_arch = ca;
					cpu_nommu = nm;
					cpu_ev = xasprintf("cpu '%s' compatible '%s'", path, s);
					break;
				}
				off += (int)sl + 1;
			}
			if (cpu_ev)
				break;
			em = fdt_index_getprop(ix, cpu, "enable-method", &len);
			if (em && len > 0 && strnlen(em, (size_t)len) < (size_t)len &&
			    !strcmp(em, "spin-table")) {
				/* the arm64 boot protocol's spin-table; psci serves both */
				cpu_arch = ARCH_ARM64;
				cpu_ev = xasprintf("cpu '%s' enable-method 'spin-table'", path);
				break;
			}
		}
	}
	if (cpu_arch < 0) {
		/* a Cortex-M tree often has no /cpus: its NVIC or SysTick says ARMv7-M/v8-M, no MMU */
		static const char *const v7m[] = { "arm,armv7m-nvic", "arm,v7m-nvic", "arm,armv8m-nvic",
						   "arm,armv7m-systick" };

		for (size_t i = 0; i < ARRAY_SIZE(v7m) && cpu_arch < 0; i++) {
			int n = fdt_index_compatible(ix, v7m[i]);
			char path[256];

			if (n < 0 || !fdt_index_node_path(ix, n, path, sizeof(path)))
				continue;
			cpu_arch = ARCH_ARM;
			cpu_nommu = true;
			cpu_ev = xasprintf("node '%s' compatible '%s'", path, v7m[i]);
		}
	}
	if (a >= 0) {
		b->has_arch_hint = true;
		b->arch_hint = a;
		/* the path says which kernel builds it: an ARMv8 core under arch/arm/ runs 32-bit */
		b->arch_nommu = a == ARCH_ARM && cpu_arch == ARCH_ARM && cpu_nommu;
		b->arch_evidence = xasprintf("path '%s'", comp);
		if (b->arch_nommu) {
			free(b->arch_evidence);
			b->arch_evidence = xasprintf("path '%s', %s", comp, cpu_ev);
		}
		free(cpu_ev);
		return;
	}
	if (cpu_arch >= 0) {
		b->has_arch_hint = true;
		b->arch_hint = cpu_arch;
		b->arch_nommu = cpu_nommu;
		b->arch_evidence = cpu_ev;
	}
}
