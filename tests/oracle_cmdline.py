#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Run cmalint on every cma= oracle case for every recorded kernel and compare
with what the real kernel did (fixtures/oracle-results/summary.tsv, copied from
shared/oracle/results): CMA total, whether the default area was reserved or
failed, and the base of a fixed cma=SIZE@BASE area.

The board is qemu's virt machine as the oracle boots it: 2 GiB of RAM at
0x40000000, plus /memreserve/ entries for what the kernel has reserved before
it places CMA and cmalint cannot see in a device tree (the oracle's
RESULTS.md, finding 7): the kernel image and the initramfs qemu loads below
0x48100000, the early allocations at the top of RAM (where the default area of
case a1 ends). The memmap block that splits RAM on the 16K kernel (at
0x9e000000 there) is part of cmalint's kernel model and is not given.

Usage: oracle_cmdline.py CMALINT   (run from the repository root)
"""
import json
import os
import re
import subprocess
import sys
import tempfile

DATA = "fixtures/oracle-results"
KERNELS = {
    # name: (kconfig, [(base, size) of early reservations])
    "5.10": ("5.10.config", [(0x40000000, 0x08100000), (0xBD000000, 0x03000000)]),
    "6.1": ("6.1.config", [(0x40000000, 0x08100000), (0xBDA00000, 0x02600000)]),
    "6.12": ("6.12.config", [(0x40000000, 0x08100000), (0xBDA00000, 0x02600000)]),
    "6.12-16k": ("6.12-16k.config", [(0x40000000, 0x08100000), (0xBE000000, 0x02000000)]),
    "arm32": ("arm32.config", [(0x40000000, 0x08100000)]),
}
FIXED = {"b2-cmdline-128M-at-base", "b9-cmdline-at-2M-aligned", "g5-cmdline-at-16M-aligned"}

FRAGMENTS = {
    "plain": "",
    "dyn128-default": """
	reserved-memory {
		#address-cells = <2>;
		#size-cells = <2>;
		ranges;
		linux,cma {
			compatible = "shared-dma-pool";
			reusable;
			size = <0x0 0x8000000>;
			linux,cma-default;
		};
	};""",
    "dyn128-nodefault": """
	reserved-memory {
		#address-cells = <2>;
		#size-cells = <2>;
		ranges;
		cma-extra {
			compatible = "shared-dma-pool";
			reusable;
			size = <0x0 0x8000000>;
		};
	};""",
}
FRAGMENTS["dyn128-default+bootargs64"] = FRAGMENTS["dyn128-default"] + """
	chosen { bootargs = "cma=64M"; };"""
FRAGMENTS["bootargs32"] = """
	chosen { bootargs = "cma=32M"; };"""


def board(reservations, fragment):
    memres = "".join("/memreserve/ 0x%x 0x%x;\n" % r for r in reservations)
    return """/dts-v1/;
%s
/ {
	#address-cells = <2>;
	#size-cells = <2>;
	model = "qemu virt (oracle)";
	memory@40000000 {
		device_type = "memory";
		reg = <0x0 0x40000000 0x0 0x80000000>;
	};%s
};
""" % (memres, fragment)


def read_tsv(path):
    rows = []
    with open(path) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            rows.append(line.rstrip("\n").split("\t"))
    return rows


def expected(row):
    notes = row[9] if len(row) > 9 else ""
    status = "failed" if "failed" in notes else "reserved" if re.search(r"\barea \d+M@", notes) else "none"
    m = re.search(r"\barea \d+M@(0x[0-9a-f]+)", notes)
    return int(row[5]) * 1024, status, int(m.group(1), 16) if m else None


def main():
    binary = sys.argv[1]
    results = {(r[0], r[1]): r for r in read_tsv(os.path.join(DATA, "summary.tsv"))[1:]}
    cases = read_tsv(os.path.join(DATA, "cases.tsv"))
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for case, dt, append in cases:
            for kernel, (kconfig, res) in KERNELS.items():
                row = results.get((case, kernel))
                if row is None:
                    print("FAIL %s on %s: no recorded result" % (case, kernel))
                    failed += 1
                    continue
                want_bytes, want_status, want_base = expected(row)
                dts = os.path.join(tmp, "%s-%s.dts" % (case, kernel))
                with open(dts, "w") as f:
                    f.write(board(res, FRAGMENTS[dt]))
                argv = [binary, "--kconfig", os.path.join(DATA, kconfig), "--format", "json", "--exit-zero"]
                if append not in ("-", "''"):
                    argv += ["--bootargs", append]
                p = subprocess.run(argv + [dts], capture_output=True, text=True)
                if p.returncode != 0:
                    print("FAIL %s on %s: cmalint exited %d: %s" % (case, kernel, p.returncode, p.stderr.strip()))
                    failed += 1
                    continue
                b = json.loads(p.stdout)["boards"][0]
                regions = [r for r in b["memory"]["regions"] if r["origin"] in ("cmdline", "kconfig")]
                got_status = regions[0]["status"] if regions else "none"
                got_base = regions[0]["base"] if regions else None
                got_bytes = b["memory"]["cma_bytes"]
                problems = []
                if got_bytes != want_bytes:
                    problems.append("CMA %d MiB, the kernel had %d MiB" % (got_bytes >> 20, want_bytes >> 20))
                if got_status != want_status:
                    problems.append("default area %s, the kernel's was %s" % (got_status, want_status))
                if case in FIXED and want_status == "reserved" and got_base != want_base:
                    problems.append("base %s, the kernel's was 0x%x" % (got_base and hex(got_base), want_base))
                if problems:
                    print("FAIL %s on %s: %s" % (case, kernel, "; ".join(problems)))
                    failed += 1
                else:
                    passed += 1
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
