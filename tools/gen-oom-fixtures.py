#!/usr/bin/env python3
# Regenerate the synthetic OOM fixtures under fixtures/oom/ (the E2000Q logs
# are project data and are not generated). Deterministic: same output each run.
import random, re, textwrap
random.seed(7)
import os
D = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures', 'oom') + '/'

def buddy(total_kb, page_kb, orders, tags):
    """counts per order summing to total_kb, largest first greedy with some spread"""
    sizes = [page_kb << i for i in range(orders)]
    counts = [0]*orders
    rem = total_kb
    for i in reversed(range(orders)):
        if i > 0:
            c = rem // sizes[i] // 2 if i < orders-1 else rem // sizes[i] // 3
        else:
            c = rem // sizes[i]
        counts[i] = c
        rem -= c*sizes[i]
    assert rem == 0
    parts = []
    for i in range(orders):
        t = tags[i % len(tags)]
        parts.append(f"{counts[i]}*{sizes[i]}kB" + (f" ({t})" if counts[i] else ""))
    return " ".join(parts) + f" = {total_kb}kB"

# ---------- 1. arm64 4K 6.1, GFP_KERNEL, DMA32 + Normal, no timestamps ----------
dma32 = dict(free=1070000, cma=1040000, min=17064, low=21330, high=25596, present=3145728, managed=2972060)
normal = dict(free=27100, cma=0, min=27992, low=34990, high=41988, present=5242880, managed=5160000)
def zone(name, z):
    return (f"Node 0 {name} free:{z['free']}kB boost:0kB min:{z['min']}kB low:{z['low']}kB high:{z['high']}kB "
            f"reserved_highatomic:0KB active_anon:1024kB inactive_anon:402112kB active_file:208kB inactive_file:96kB "
            f"unevictable:0kB writepending:0kB present:{z['present']}kB managed:{z['managed']}kB mlocked:0kB "
            f"bounce:0kB free_pcp:1200kB local_pcp:212kB free_cma:{z['cma']}kB")
free_pages = (dma32['free'] + normal['free']) // 4
log1 = f"""Booting Linux on physical CPU 0x0000000000 [0x410fd034]
Linux version 6.1.0-18-arm64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP Debian 6.1.76-1 (2024-02-01)
Machine model: Example Board 8G
Reserved memory: created CMA memory pool at 0x0000000080000000, size 1024 MiB
OF: reserved mem: initialized node linux,cma, compatible id shared-dma-pool
Memory: 7069164K/8388608K available (13248K kernel code, 2806K rwdata, 9524K rodata, 6464K init, 627K bss, 270868K reserved, 1048576K cma-reserved)
kworker/u8:1 invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0
CPU: 3 PID: 2210 Comm: kworker/u8:1 Not tainted 6.1.0-18-arm64 #1  Debian 6.1.76-1
Hardware name: Example Board 8G (DT)
Workqueue: events_unbound async_run_entry_fn
Call trace:
 dump_backtrace+0xe4/0x140
 show_stack+0x20/0x30
 dump_stack_lvl+0x64/0x80
 dump_header+0x50/0x1f0
 oom_kill_process+0x1ec/0x200
 out_of_memory+0xe8/0x330
 __alloc_pages_slowpath.constprop.0+0x6b4/0xc54
 __alloc_pages+0x27c/0x2c0
 new_slab+0x2a0/0x3a0
Mem-Info:
active_anon:256 inactive_anon:100528 isolated_anon:0
 active_file:52 inactive_file:24 isolated_file:0
 unevictable:0 dirty:0 writeback:0
 slab_reclaimable:5120 slab_unreclaimable:1701632
 mapped:18 shmem:40 pagetables:612
 sec_pagetables:0 bounce:0
 kernel_misc_reclaimable:0
 free:{free_pages} free_pcp:600 free_cma:{dma32['cma']//4}
Node 0 active_anon:1024kB inactive_anon:402112kB active_file:208kB inactive_file:96kB unevictable:0kB isolated(anon):0kB isolated(file):0kB mapped:72kB dirty:0kB writeback:0kB shmem:160kB shmem_thp: 0kB shmem_pmdmapped: 0kB anon_thp: 0kB writeback_tmp:0kB kernel_stack:3072kB pagetables:2448kB sec_pagetables:0kB all_unreclaimable? yes
{zone('DMA32', dma32)}
lowmem_reserve[]: 0 5039 5039
{zone('Normal', normal)}
lowmem_reserve[]: 0 0 0
Node 0 DMA32: {buddy(dma32['free'], 4, 11, ['UMEC','UMC','MC','C','UC'])}
Node 0 Normal: {buddy(normal['free'], 4, 11, ['UME','UM','U','M'])}
Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=1048576kB
Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=32768kB
Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB
Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=64kB
192 total pagecache pages
0 pages in swap cache
Free swap  = 0kB
Total swap = 0kB
2097152 pages RAM
0 pages HighMem/MovableOnly
67717 pages reserved
262144 pages cma reserved
0 pages hwpoisoned
Tasks state (memory values in pages):
[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name
[    412]     0   412    10240     2400    90112        0             0 worker
Out of memory and no killable processes...
Kernel panic - not syncing: System is deadlocked on memory
"""
open(D+'arm64-4k-6.1-gfp-kernel.log','w').write(log1)

# ---------- 2. two reports with noise (x86_64 5.10, syslog/journal prefixes) ----------
def x86_report(prefix, ts, comm, gfp, order, zones, ram_pages, cma_pages):
    t = [ts]
    def L(s):
        t[0] += 0.000731
        return f"{prefix}[{t[0]:12.6f}] {s}\n"
    out = L(f"{comm} invoked oom-killer: gfp_mask={gfp}, order={order}, oom_score_adj=0")
    out += L(f"CPU: 1 PID: 3321 Comm: {comm} Tainted: G           OE     5.10.0-28-amd64 #1 Debian 5.10.209-2")
    out += L("Hardware name: QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.2-debian-1.16.2-1 04/01/2014")
    out += L("Call Trace:")
    out += L(" dump_stack+0x6b/0x83")
    out += L(" dump_header+0x4a/0x1f4")
    out += L("Mem-Info:")
    fp = sum(z['free'] for z in zones.values()) // 4
    fc = sum(z['cma'] for z in zones.values()) // 4
    out += L("active_anon:1721 inactive_anon:901223 isolated_anon:0")
    out += L(" active_file:10 inactive_file:37 isolated_file:0")
    out += L(" unevictable:0 dirty:0 writeback:0")
    out += L(" slab_reclaimable:4112 slab_unreclaimable:14335")
    out += L(" mapped:12 shmem:177 pagetables:2238 bounce:0")
    out += L(f" free:{fp} free_pcp:61 free_cma:{fc}")
    out += L("Node 0 active_anon:6884kB inactive_anon:3604892kB active_file:40kB inactive_file:148kB unevictable:0kB isolated(anon):0kB isolated(file):0kB mapped:48kB dirty:0kB writeback:0kB shmem:708kB shmem_thp: 0kB shmem_pmdmapped: 0kB anon_thp: 0kB writeback_tmp:0kB kernel_stack:2912kB all_unreclaimable? yes")
    reserves = {'DMA': '0 2945 3857 3857', 'DMA32': '0 0 912 912', 'Normal': '0 0 0 0'}
    for name, z in zones.items():
        out += L(f"Node 0 {name} free:{z['free']}kB min:{z['min']}kB low:{z['low']}kB high:{z['high']}kB reserved_highatomic:0KB active_anon:0kB inactive_anon:0kB active_file:0kB inactive_file:0kB unevictable:0kB writepending:0kB present:{z['present']}kB managed:{z['managed']}kB mlocked:0kB pagetables:0kB bounce:0kB free_pcp:0kB local_pcp:0kB free_cma:{z['cma']}kB")
        out += L(f"lowmem_reserve[]: {reserves[name]}")
    for name, z in zones.items():
        out += L(f"Node 0 {name}: {buddy(z['free'], 4, 11, ['U','UM','M','UME'])}")
    out += L("Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=1048576kB")
    out += L("Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB")
    out += L("224 total pagecache pages")
    out += L("0 pages in swap cache")
    out += L(f"{ram_pages} pages RAM")
    out += L("0 pages HighMem/MovableOnly")
    out += L("45623 pages reserved")
    out += L(f"{cma_pages} pages cma reserved")
    out += L("0 pages hwpoisoned")
    out += L(f"Out of memory: Killed process 3321 ({comm}) total-vm:3702100kB, anon-rss:3601000kB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:7100kB oom_score_adj:0")
    return out

zA = {  # genuinely out of memory, CMA small and empty
 'DMA': dict(free=15360, cma=0, min=268, low=332, high=396, present=15992, managed=15360),
 'DMA32': dict(free=5300, cma=0, min=52976, low=66220, high=79464, present=3129216, managed=3063740),
 'Normal': dict(free=16000, cma=12, min=16432, low=20540, high=24648, present=1048576, managed=934604),
}
zB = {  # order-3 failure, no zone below min
 'DMA': dict(free=15360, cma=0, min=268, low=332, high=396, present=15992, managed=15360),
 'DMA32': dict(free=312000, cma=0, min=52976, low=66220, high=79464, present=3129216, managed=3063740),
 'Normal': dict(free=88000, cma=65536, min=16432, low=20540, high=24648, present=1048576, managed=934604),
}
noise = """Nov 25 10:55:01 buildhost systemd[1]: Starting Daily apt upgrade and clean activities...
Nov 25 10:55:02 buildhost kernel: [    0.000000] Linux version 5.10.0-28-amd64 (debian-kernel@lists.debian.org) (gcc-10 (Debian 10.2.1-6) 10.2.1 20210110, GNU ld (GNU Binutils for Debian) 2.35.2) #1 SMP Debian 5.10.209-2 (2024-01-31)
Nov 25 10:55:02 buildhost kernel: [    0.000000] cma: Reserved 64 MiB at 0x000000011c000000
Nov 25 10:55:03 buildhost CRON[812]: (root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)
"""
log2 = noise
log2 += x86_report("Nov 25 11:02:17 buildhost kernel: ", 4211.5, "stress-ng", "0x100cca(GFP_HIGHUSER_MOVABLE)", 0, zA, 1048445, 16384)
log2 += "Nov 25 11:02:18 buildhost systemd[1]: stress.service: A process of this unit has been killed by the OOM killer.\n"
log2 += "Nov 25 11:02:18 buildhost systemd[1]: stress.service: Failed with result 'oom-kill'.\n"
log2 += x86_report("2024-11-25T11:09:41+0100 buildhost kernel: ", 4655.2, "ld.lld", "0x40dc0(GFP_KERNEL|__GFP_COMP|__GFP_ZERO)", 3, zB, 1048445, 16384)
log2 += "Nov 25 11:09:42 buildhost sshd[1902]: Connection closed by 10.0.0.5 port 52211\n"
open(D+'two-reports-noise.log','w').write(log2)

# ---------- 3. E2000Q re-wrapped at 80 columns, mid-token ----------
src = open(D+'e2000q-oom.log').read().splitlines()
recs = []
for l in src:
    if l.startswith('[') or not recs:
        recs.append(l)
    else:
        recs[-1] += ' ' + l
out = []
for r in recs:
    while len(r) > 80:
        out.append(r[:80]); r = r[80:]
    out.append(r)
open(D+'e2000q-oom-wrap80.log','w').write('\n'.join(out) + '\n')

# ---------- 4. truncated reports ----------
lines = open(D+'e2000q-oom.log').read().splitlines(True)
cut = next(i for i,l in enumerate(lines) if '= 613120kB' in l)
open(D+'truncated-after-buddy.log','w').write(''.join(lines[:cut+1]))
cut = next(i for i,l in enumerate(lines) if 'free:9580' in l)
open(D+'truncated-before-zones.log','w').write(''.join(lines[:cut+1]))

# ---------- 5. no report ----------
open(D+'no-report.log','w').write("""[    0.000000] Booting Linux on physical CPU 0x0000000000 [0x701f6643]
[    0.000000] Linux version 5.4.74 (builder@host) (gcc version 9.3.0) #14 SMP PREEMPT
[    0.000000] Machine model: E2000Q DEMO DDR4
[    0.000000] cma: Reserved 512 MiB at 0x00000000c0000000
[    0.000000] Memory: 1411136K/2031616K available (11328K kernel code, 1286K rwdata, 4052K rodata, 1920K init, 1174K bss, 96192K reserved, 524288K cma-reserved)
[    2.103311] EXT4-fs (mmcblk0p2): mounted filesystem with ordered data mode. Opts: (null)
[   30.517102] oncealloc2[1415]: unhandled level 2 translation fault (11) at 0x00000000, esr 0x92000006
""")
