// SPDX-License-Identifier: MIT
/* A kernel .config: the CMA-related symbols, read strictly. */
#include "kconfig.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

enum ktype { KT_BOOL, KT_INT, KT_STRING };

struct ksym {
	const char *name;	/* without CONFIG_ */
	enum ktype type;
	size_t off;		/* offset of the field in struct kconfig */
	uint64_t max;		/* KT_INT: largest sensible value */
};

#define B(n, f) { n, KT_BOOL, offsetof(struct kconfig, f), 0 }
#define I(n, f, m) { n, KT_INT, offsetof(struct kconfig, f), m }

static const struct ksym symbols[] = {
	B("ARM64", arm64), B("ARM", arm), B("RISCV", riscv), B("X86_64", x86_64),
	B("ARM64_4K_PAGES", pages_4k), B("ARM64_16K_PAGES", pages_16k), B("ARM64_64K_PAGES", pages_64k),
	B("CMA", cma), B("DMA_CMA", dma_cma),
	B("CMA_SIZE_SEL_MBYTES", sel_mbytes), B("CMA_SIZE_SEL_PERCENTAGE", sel_percentage),
	B("CMA_SIZE_SEL_MIN", sel_min), B("CMA_SIZE_SEL_MAX", sel_max),
	B("HUGETLB_PAGE", hugetlb), B("TRANSPARENT_HUGEPAGE", thp), B("HIGHMEM", highmem),
	B("ARM_LPAE", lpae), B("ZONE_DMA", zone_dma), B("ZONE_DMA32", zone_dma32), B("NUMA", numa),
	B("CMDLINE_FORCE", cmdline_force), B("CMDLINE_EXTEND", cmdline_extend),
	B("CMDLINE_FROM_BOOTLOADER", cmdline_from_bootloader), B("CMDLINE_OVERRIDE", cmdline_override),
	B("VMSPLIT_3G", vmsplit_3g), B("VMSPLIT_3G_OPT", vmsplit_3g_opt), B("VMSPLIT_2G", vmsplit_2g),
	B("VMSPLIT_1G", vmsplit_1g), I("PAGE_OFFSET", page_offset, 0xffffffffu),
	/* MiB as 64-bit bytes */
	I("CMA_SIZE_MBYTES", cma_size_mbytes, UINT64_MAX >> 20),
	I("CMA_SIZE_PERCENTAGE", cma_size_percentage, 100),
	I("CMA_AREAS", cma_areas, 255),
	I("ARCH_FORCE_MAX_ORDER", arch_force_max_order, 20),
	I("FORCE_MAX_ZONEORDER", force_max_zoneorder, 20),
	/* 6.16: PAGE_BLOCK_ORDER, renamed PAGE_BLOCK_MAX_ORDER; caps pageblock_order */
	I("PAGE_BLOCK_ORDER", page_block_order, 20),
	I("PAGE_BLOCK_MAX_ORDER", page_block_max_order, 20),
	{ "CMDLINE", KT_STRING, offsetof(struct kconfig, cmdline), 0 },
};

static int PRINTF(5, 6) kfail(char *err, size_t errlen, const char *name, int line, const char *fmt, ...)
{
	va_list ap;
	int n = line > 0 ? snprintf(err, errlen, "%s:%d: ", name, line) : snprintf(err, errlen, "%s: ", name);

	if (n >= 0 && (size_t)n < errlen) {
		va_start(ap, fmt);
		vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static const struct ksym *find_symbol(const char *s, size_t n)
{
	for (size_t i = 0; i < ARRAY_SIZE(symbols); i++)
		if (strlen(symbols[i].name) == n && !strncmp(symbols[i].name, s, n))
			return &symbols[i];
	return NULL;
}

static bool symbol_name(const char *s, size_t n)
{
	if (!n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_')
			return false;
	return true;
}

/* "# Linux/arm64 6.1.0 Kernel Configuration" */
static void read_header(struct kconfig *kc, const char *p)
{
	char archs[32], ver[32];
	static const struct { const char *n; enum arch a; } arches[] = {
		{ "arm64", ARCH_ARM64 }, { "arm", ARCH_ARM }, { "riscv", ARCH_RISCV64 },
		{ "x86", ARCH_X86_64 }, { "x86_64", ARCH_X86_64 },
	};

	if (kc->has_version || sscanf(p, "# Linux/%31s %31s Kernel Configuration", archs, ver) != 2)
		return;
	if (!kver_parse(ver, &kc->version)) {
		kc->has_version = true;
		snprintf(kc->version_str, sizeof(kc->version_str), "%.23s", ver);
	}
	for (size_t i = 0; i < ARRAY_SIZE(arches); i++) {
		if (!strcmp(archs, arches[i].n)) {
			kc->has_header_arch = true;
			kc->header_arch = arches[i].a;
		}
	}
}

static int read_string(const char *v, char **out)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = v;

	if (*p++ != '"')
		return -1;
	sb_add(&sb, "");
	for (; *p && *p != '"'; p++) {
		if (*p == '\\' && p[1])
			p++;
		sb_addn(&sb, p, 1);
	}
	if (*p != '"' || p[1]) {
		sb_release(&sb);
		return -1;
	}
	*out = sb_detach(&sb);
	return 0;
}

static int set_symbol(struct kconfig *kc, const struct ksym *s, const char *v, int line, char *err, size_t errlen)
{
	char *field = (char *)kc + s->off;

	switch (s->type) {
	case KT_BOOL:
		if (!strcmp(v, "y"))
			*(enum kbool *)field = KB_Y;
		else if (!strcmp(v, "n"))
			*(enum kbool *)field = KB_N;
		else
			return kfail(err, errlen, kc->name, line, "CONFIG_%s=%s: expected y or n", s->name, v);
		return 0;
	case KT_INT: {
		struct kconfig_int *ki = (struct kconfig_int *)field;
		char *end;
		uint64_t n;

		errno = 0;
		if (!isdigit((unsigned char)*v))
			return kfail(err, errlen, kc->name, line, "CONFIG_%s=%s: expected a non-negative number",
				     s->name, v);
		n = strtoull(v, &end, 0);
		if (*end)
			return kfail(err, errlen, kc->name, line, "CONFIG_%s=%s: expected a number", s->name, v);
		if (errno == ERANGE || n > s->max)
			return kfail(err, errlen, kc->name, line, "CONFIG_%s=%s is out of range (at most %llu%s)",
				     s->name, v, (unsigned long long)s->max,
				     s->max == (UINT64_MAX >> 20) ? " MiB: the size in bytes must fit in 64 bits" : "");
		ki->set = true;
		ki->v = n;
		ki->line = line;
		return 0;
	}
	case KT_STRING:
		free(kc->cmdline);
		kc->cmdline = NULL;
		if (read_string(v, &kc->cmdline))
			return kfail(err, errlen, kc->name, line, "CONFIG_%s=%s: expected a string in double quotes",
				     s->name, v);
		kc->cmdline_line = line;
		return 0;
	}
	return 0;
}

int kconfig_parse(struct kconfig *kc, const char *name, const char *text, size_t len, char *err, size_t errlen)
{
	const char *p = text, *end = text + len;
	int line = 0;
	char *buf = NULL;
	int rc = -1;

	memset(kc, 0, sizeof(*kc));
	for (size_t i = 0; i < ARRAY_SIZE(symbols); i++)
		if (symbols[i].type == KT_BOOL)
			*(enum kbool *)((char *)kc + symbols[i].off) = KB_UNSET;
	kc->name = xstrdup(name);
	if (memchr(text, '\0', len))
		return kfail(err, errlen, name, 0, "binary data: not a kernel .config");
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *s, *e;

		line++;
		free(buf);
		buf = xstrndup(p, n);
		p += n + (nl ? 1 : 0);
		for (s = buf; isspace((unsigned char)*s); s++)
			;
		for (e = s + strlen(s); e > s && isspace((unsigned char)e[-1]);)
			*--e = '\0';
		if (!*s)
			continue;
		if (*s == '#') {
			const char *q = s + 1;

			while (*q == ' ')
				q++;
			if (!strncmp(q, "CONFIG_", 7)) {
				const char *nm = q + 7, *is = strstr(nm, " is not set");
				const struct ksym *sym;

				if (is && !is[11] && symbol_name(nm, (size_t)(is - nm))) {
					kc->nsymbols++;
					sym = find_symbol(nm, (size_t)(is - nm));
					if (sym && sym->type == KT_BOOL)
						*(enum kbool *)((char *)kc + sym->off) = KB_N;
				}
			} else {
				read_header(kc, s);
			}
			continue;
		}
		if (!strncmp(s, "CONFIG_", 7)) {
			char *eq = strchr(s, '=');
			const struct ksym *sym;

			if (!eq || !symbol_name(s + 7, (size_t)(eq - s - 7))) {
				kfail(err, errlen, name, line, "not a .config line: '%.60s'", s);
				goto out;
			}
			kc->nsymbols++;
			sym = find_symbol(s + 7, (size_t)(eq - s - 7));
			if (sym && set_symbol(kc, sym, eq + 1, line, err, errlen))
				goto out;
			continue;
		}
		kfail(err, errlen, name, line, "not a .config line: '%.60s' (expected CONFIG_NAME=value or a comment)", s);
		goto out;
	}
	if (!kc->nsymbols) {
		kfail(err, errlen, name, 0, "no CONFIG_ lines: not a kernel .config");
		goto out;
	}
	rc = 0;
out:
	free(buf);
	return rc;
}

int kconfig_load(struct kconfig *kc, const char *path, char *err, size_t errlen)
{
	size_t len;
	char *text = read_file(path, KCONFIG_MAX_BYTES, &len);
	const char *base = strrchr(path, '/');
	int rc;

	if (!text) {
		memset(kc, 0, sizeof(*kc));
		if (errno == EFBIG)
			snprintf(err, errlen, "%s: larger than %u bytes: not a kernel .config", path, KCONFIG_MAX_BYTES);
		else
			snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
		return -1;
	}
	rc = kconfig_parse(kc, base && base[1] ? base + 1 : path, text, len, err, errlen);
	free(text);
	kc->path = xstrdup(path);
	return rc;
}

static void apply_bool(enum kbool v, bool *dst, enum vsource *src)
{
	if (v == KB_UNSET || *src == SRC_CLI)
		return;
	*dst = v == KB_Y;
	*src = SRC_KCONFIG;
}

void kconfig_apply(const struct kconfig *kc, struct profile *p)
{
	p->kconfig_name = kc->name;
	p->kconfig_path = kc->path;
	if (kc->has_version && p->kernel_src != SRC_CLI) {
		p->kernel = kc->version;
		snprintf(p->kernel_str, sizeof(p->kernel_str), "%s", kc->version_str);
		p->kernel_src = SRC_KCONFIG;
	}
	if (p->arch_src != SRC_CLI) {
		int a = -1;

		if (kc->arm64 == KB_Y || kc->pages_4k == KB_Y || kc->pages_16k == KB_Y || kc->pages_64k == KB_Y)
			a = ARCH_ARM64;
		else if (kc->x86_64 == KB_Y)
			a = ARCH_X86_64;
		else if (kc->riscv == KB_Y)
			a = ARCH_RISCV64;
		else if (kc->arm == KB_Y)
			a = ARCH_ARM;
		else if (kc->has_header_arch)
			a = (int)kc->header_arch;
		if (a >= 0) {
			p->arch = (enum arch)a;
			p->arch_src = SRC_KCONFIG;
		}
	}
	if (kc->page_offset.set || kc->vmsplit_3g == KB_Y || kc->vmsplit_3g_opt == KB_Y ||
	    kc->vmsplit_2g == KB_Y || kc->vmsplit_1g == KB_Y) {
		/* CONFIG_PAGE_OFFSET follows the VMSPLIT_* choice (arch/arm/Kconfig) */
		p->arm_page_offset = kc->page_offset.set ? kc->page_offset.v
				     : kc->vmsplit_1g == KB_Y ? 0x40000000u
				     : kc->vmsplit_2g == KB_Y ? 0x80000000u
				     : kc->vmsplit_3g_opt == KB_Y ? 0xB0000000u : 0xC0000000u;
		p->arm_page_offset_src = SRC_KCONFIG;
	}
	if (p->page_size_src != SRC_CLI) {
		uint32_t ps = kc->pages_64k == KB_Y ? 65536 : kc->pages_16k == KB_Y ? 16384 : kc->pages_4k == KB_Y ? 4096 : 0;

		if (!ps && kc->has_header_arch && kc->header_arch != ARCH_ARM64)
			ps = 4096;
		if (ps) {
			p->page_size = ps;
			p->page_size_src = SRC_KCONFIG;
		}
	}
	if ((kc->cma != KB_UNSET || kc->dma_cma != KB_UNSET) && p->cma_src != SRC_CLI) {
		p->cma = kc->cma != KB_N && kc->dma_cma != KB_N;
		p->cma_src = SRC_KCONFIG;
	}
	if (p->cma_size_mbytes_src != SRC_CLI) {
		if (kc->cma_size_mbytes.set) {
			p->cma_size_mbytes = kc->cma_size_mbytes.v;
			p->cma_size_mbytes_src = SRC_KCONFIG;
		} else if (kc->sel_percentage == KB_Y) {
			/* CMA_SIZE_MBYTES depends on !CMA_SIZE_SEL_PERCENTAGE: it counts as 0 */
			p->cma_size_mbytes = 0;
			p->cma_size_mbytes_src = SRC_KCONFIG;
		}
	}
	if (kc->cma_size_percentage.set) {
		p->cma_size_percentage = (unsigned)kc->cma_size_percentage.v;
		p->cma_size_percentage_src = SRC_KCONFIG;
	}
	if (kc->sel_mbytes == KB_Y || kc->sel_percentage == KB_Y || kc->sel_min == KB_Y || kc->sel_max == KB_Y) {
		p->cma_size_sel = kc->sel_percentage == KB_Y ? CMA_SEL_PERCENTAGE : kc->sel_min == KB_Y ? CMA_SEL_MIN
				  : kc->sel_max == KB_Y ? CMA_SEL_MAX : CMA_SEL_MBYTES;
		p->cma_size_sel_src = SRC_KCONFIG;
	}
	if (kc->cma_areas.set) {
		p->cma_areas = (unsigned)kc->cma_areas.v;
		p->cma_areas_src = SRC_KCONFIG;
	}
	if (kc->arch_force_max_order.set || kc->force_max_zoneorder.set) {
		p->force_max_order = (int)(kc->arch_force_max_order.set ? kc->arch_force_max_order.v
									 : kc->force_max_zoneorder.v);
		p->force_max_order_src = SRC_KCONFIG;
	}
	if (kc->page_block_max_order.set || kc->page_block_order.set) {
		p->page_block_max_order = (int)(kc->page_block_max_order.set ? kc->page_block_max_order.v
									      : kc->page_block_order.v);
		p->page_block_max_order_src = SRC_KCONFIG;
	}
	apply_bool(kc->hugetlb, &p->hugetlb, &p->hugetlb_src);
	apply_bool(kc->thp, &p->thp, &p->thp_src);
	apply_bool(kc->lpae, &p->lpae, &p->lpae_src);
	apply_bool(kc->numa, &p->numa, &p->numa_src);
	apply_bool(kc->highmem, &p->highmem, &p->highmem_src);
	if (kc->zone_dma != KB_UNSET || kc->zone_dma32 != KB_UNSET) {
		if (kc->zone_dma != KB_UNSET)
			p->zone_dma = kc->zone_dma == KB_Y;
		if (kc->zone_dma32 != KB_UNSET)
			p->zone_dma32 = kc->zone_dma32 == KB_Y;
		p->zone_dma_src = SRC_KCONFIG;
	}
	if (kc->cmdline && kc->cmdline[0]) {
		p->config_cmdline = kc->cmdline;
		p->config_cmdline_mode = kc->cmdline_force == KB_Y || kc->cmdline_override == KB_Y ? CMDLINE_FORCE
					 : kc->cmdline_extend == KB_Y ? CMDLINE_EXTEND : CMDLINE_FROM_BOOTLOADER;
		p->config_cmdline_src = SRC_KCONFIG;
		p->config_cmdline_line = kc->cmdline_line;
	}
}

void kconfig_release(struct kconfig *kc)
{
	free(kc->path);
	free(kc->name);
	free(kc->cmdline);
	memset(kc, 0, sizeof(*kc));
}
