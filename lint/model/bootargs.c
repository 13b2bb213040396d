// SPDX-License-Identifier: MIT
/*
 * The kernel's choice between the bootloader's command line and
 * CONFIG_CMDLINE. On the device-tree arches (arm64, arm, riscv) the chosen
 * node's bootargs are read in early_init_dt_scan_chosen(): EXTEND appends
 * " " and CONFIG_CMDLINE after them, FORCE replaces them, otherwise
 * CONFIG_CMDLINE is used only when they are empty. x86 builds the line in
 * setup_arch(): the built-in line goes first and the bootloader's after
 * it, unless CMDLINE_OVERRIDE replaces it.
 */
#include "bootargs.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static struct cmdline_piece piece(size_t start, const char *text, const char *source, bool cfg,
				  const struct srcloc *loc)
{
	struct cmdline_piece pc = { start, strlen(text), (char *)source, cfg, { NULL, 0, 0 } };

	if (loc)
		pc.loc = *loc;
	return pc;
}

bool bootargs_resolve(struct cmdline *cl, const char *bootloader, const char *bootloader_source,
		      const struct srcloc *bootloader_loc, const struct profile *p)
{
	struct srcloc cfg_loc = { (char *)p->kconfig_path, p->config_cmdline_line, 0 };
	const char *cfg = p->config_cmdline && p->config_cmdline[0] ? p->config_cmdline : NULL;
	struct cmdline_piece pc[2];
	size_t npc = 0;
	struct strbuf sb = STRBUF_INIT;
	char *cfg_src;
	enum cmdline_mode mode = p->config_cmdline_mode;
	bool bl = bootloader && bootloader[0];

	if (!cfg) {
		if (!bootloader)
			return false;
		pc[0] = piece(0, bootloader, bootloader_source, false, bootloader_loc);
		cmdline_parse_pieces(cl, bootloader, pc, 1);
		return true;
	}
	cfg_src = xasprintf("%s: CONFIG_CMDLINE", p->kconfig_name ? p->kconfig_name : ".config");
	if (p->arch == ARCH_X86_64 && mode == CMDLINE_EXTEND)
		mode = CMDLINE_FROM_BOOTLOADER;	/* x86 has no EXTEND: built-in first, always */
	sb_add(&sb, "");
	if (mode == CMDLINE_FORCE || (!bl && p->arch != ARCH_X86_64)) {
		pc[npc++] = piece(0, cfg, cfg_src, true, &cfg_loc);
		sb_add(&sb, cfg);
	} else if (p->arch == ARCH_X86_64) {
		pc[npc++] = piece(0, cfg, cfg_src, true, &cfg_loc);
		sb_add(&sb, cfg);
		if (bl) {
			sb_add(&sb, " ");
			pc[npc++] = piece(sb.len, bootloader, bootloader_source, false, bootloader_loc);
			sb_add(&sb, bootloader);
		}
	} else if (mode == CMDLINE_EXTEND) {
		pc[npc++] = piece(0, bootloader, bootloader_source, false, bootloader_loc);
		sb_add(&sb, bootloader);
		sb_add(&sb, " ");
		pc[npc++] = piece(sb.len, cfg, cfg_src, true, &cfg_loc);
		sb_add(&sb, cfg);
	} else {
		/* FROM_BOOTLOADER with a bootloader line: CONFIG_CMDLINE unused */
		pc[npc++] = piece(0, bootloader, bootloader_source, false, bootloader_loc);
		sb_add(&sb, bootloader);
	}
	cmdline_parse_pieces(cl, sb.buf, pc, npc);
	if (mode == CMDLINE_FORCE && bootloader) {
		struct cmdline_piece d = piece(0, bootloader, bootloader_source, false, bootloader_loc);

		cl->discarded = xmalloc(sizeof(*cl->discarded));
		cmdline_parse_pieces(cl->discarded, bootloader, &d, 1);
	}
	sb_release(&sb);
	free(cfg_src);
	return true;
}
