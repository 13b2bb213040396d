/* SPDX-License-Identifier: MIT */
/*
 * memlimit.h - what the kernel's `mem=` does to the board's RAM before the
 * reserved-memory scan: arm64 and riscv64 keep the first SIZE bytes of RAM
 * in address order, 32-bit arm replaces the banks with SIZE@START ones,
 * x86_64 drops RAM above the address SIZE (docs/kernel-model.md, "mem=").
 */
#ifndef CMALINT_MEMLIMIT_H
#define CMALINT_MEMLIMIT_H

#include <stdbool.h>
#include <stddef.h>

#include "board.h"
#include "cmdline.h"
#include "profile.h"

/*
 * mem_limit_apply - the RAM the kernel keeps after every `mem=` of @cl.
 * Returns true and a new array in @out (banks named after the bank they
 * come from, or the parameter) when `mem=` changes RAM; false otherwise.
 * @which gets the occurrence that decided (the last one; arm: the first).
 */
bool mem_limit_apply(const struct cmdline *cl, const struct profile *p, const struct ram_bank *in, size_t nin,
		     struct ram_bank **out, size_t *nout, const struct mem_arg **which);

#endif
