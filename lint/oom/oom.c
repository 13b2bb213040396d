// SPDX-License-Identifier: MIT
/*
 * oom.c - parse kernel logs that hold OOM-killer reports.
 *
 * Two stages. Physical lines are first turned into records: a prefix
 * (printk level, dmesg or journal timestamp, syslog header) is stripped,
 * and in a log whose lines carry such prefixes, a line without one is a
 * continuation of the record before it (a serial console or a copy-paste
 * wrapped it). Records are then matched against the pieces of the kernel's
 * OOM report: the "invoked oom-killer" header, "CPU: … Tainted:", Mem-Info,
 * the per-zone statistics, lowmem_reserve[], the buddy free lists, the
 * hugepage sizes and the "N pages …" totals. Boot lines about CMA are
 * collected for the whole log.
 */
#include "oom.h"
#include "util.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bounds that keep every later product within 64 bits. */
#define KB_MAX (UINT64_C(1) << 53)	/* kB: times 1024 fits */
#define PAGES_MAX (UINT64_C(1) << 45)	/* pages: times a 256 KiB page fits */
#define MIB_MAX (UINT64_C(1) << 43)	/* MiB: times 2^20 fits */
#define RECORD_MAX (256u << 10)		/* a joined record stops growing here */

struct parser {
	struct oom_log *log;
	const char *name;
	long rep;		/* index of the current report, -1 before the first */
	int last_zone;		/* index of the last zone line in it, -1 if none */
	bool in_meminfo;
	unsigned line;		/* first physical line of the record */
	int err;
	char *errmsg;
};

static const char *const zone_names[] = {
	"DMA", "DMA32", "Normal", "HighMem", "Movable", "Device",
};

static bool is_ident(int c)
{
	return isalnum((unsigned char)c) || c == '_';
}

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool known_zone(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(zone_names); i++)
		if (strlen(zone_names[i]) == n && !strncmp(s, zone_names[i], n))
			return true;
	return false;
}

static struct oom_report *cur(struct parser *p)
{
	return p->rep < 0 ? NULL : &p->log->reports[p->rep];
}

static void PRINTF(2, 3) fail(struct parser *p, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (p->err)
		return;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	p->err = -OOM_ERANGE;
	p->errmsg = xasprintf("'%s': line %u: %s", p->name, p->line, msg);
	free(msg);
}

/*
 * Read a decimal number at *s (no sign) that must not exceed @max; moves
 * *s past it. Returns false when there is no digit, or, with an error
 * recorded, when the number is too large.
 */
static bool get_dec(struct parser *p, const char **s, uint64_t max, uint64_t *out)
{
	const char *q = *s;
	uint64_t v = 0;
	bool big = false;

	if (!is_digit(*q))
		return false;
	while (is_digit(*q)) {
		unsigned d = (unsigned)(*q - '0');

		if (v > (UINT64_MAX - d) / 10)
			big = true;
		else
			v = v * 10 + d;
		q++;
	}
	if (big || v > max) {
		fail(p, "number %.*s is too large (more than %llu)", (int)(q - *s), *s,
		     (unsigned long long)max);
		return false;
	}
	*s = q;
	*out = v;
	return true;
}

/* "0x…" at *s, at most 64 bits. */
static bool get_hex(struct parser *p, const char **s, uint64_t *out)
{
	const char *q = *s;
	uint64_t v = 0;
	int n = 0;

	if (q[0] != '0' || (q[1] != 'x' && q[1] != 'X') || !isxdigit((unsigned char)q[2]))
		return false;
	q += 2;
	while (*q == '0' && isxdigit((unsigned char)q[1]))
		q++;
	while (isxdigit((unsigned char)*q)) {
		int c = tolower((unsigned char)*q);

		if (++n > 16) {
			fail(p, "hexadecimal number %.*s does not fit in 64 bits",
			     (int)(strspn(*s + 2, "0123456789abcdefABCDEF") + 2), *s);
			return false;
		}
		v = v << 4 | (uint64_t)(is_digit(c) ? c - '0' : c - 'a' + 10);
		q++;
	}
	*s = q;
	*out = v;
	return true;
}

/* Find @key where a token starts (or right after a "kB" unit): pointer past it. */
static const char *find_key(const char *s, const char *key)
{
	size_t kl = strlen(key);
	const char *q = s;

	while ((q = strstr(q, key))) {
		if (q == s || !is_ident(q[-1]) ||
		    (q - s >= 2 && (q[-2] == 'k' || q[-2] == 'K') && q[-1] == 'B'))
			return q + kl;
		q++;
	}
	return NULL;
}

/* "key" NUMBER "kB": true and *out set when present. */
static bool key_kb(struct parser *p, const char *rec, const char *key, uint64_t *out)
{
	const char *q = find_key(rec, key);

	if (!q)
		return false;
	while (*q == ' ')
		q++;
	return get_dec(p, &q, KB_MAX, out);
}

static bool key_pages(struct parser *p, const char *rec, const char *key, uint64_t *out)
{
	const char *q = find_key(rec, key);

	if (!q)
		return false;
	while (*q == ' ')
		q++;
	return get_dec(p, &q, PAGES_MAX, out);
}

/* ------------------------------------------------------------------ */
/* Physical lines: prefixes and continuation                           */

static const char *const months[] = {
	"Jan ", "Feb ", "Mar ", "Apr ", "May ", "Jun ",
	"Jul ", "Aug ", "Sep ", "Oct ", "Nov ", "Dec ",
};

/* "[   89.758736]": index after ']' or @i when absent. */
static size_t skip_timestamp(const char *s, size_t n, size_t i)
{
	size_t j = i, d;

	if (j >= n || s[j] != '[')
		return i;
	j++;
	while (j < n && s[j] == ' ')
		j++;
	for (d = j; j < n && is_digit(s[j]); j++)
		;
	if (j == d || j >= n || s[j] != '.')
		return i;
	for (d = ++j; j < n && is_digit(s[j]); j++)
		;
	if (j == d || j >= n || s[j] != ']')
		return i;
	return j + 1;
}

/* The caller id of CONFIG_PRINTK_CALLER, "[ T1440]" or "[  C2]". */
static size_t skip_caller(const char *s, size_t n, size_t i)
{
	size_t j = i, d;

	if (j >= n || s[j] != '[')
		return i;
	j++;
	while (j < n && s[j] == ' ')
		j++;
	if (j >= n || (s[j] != 'T' && s[j] != 'C'))
		return i;
	for (d = ++j; j < n && is_digit(s[j]); j++)
		;
	if (j == d || j >= n || s[j] != ']')
		return i;
	return j + 1;
}

/* dmesg -T: "[Mon Nov 25 10:57:01 2024]". */
static size_t skip_human_time(const char *s, size_t n, size_t i)
{
	size_t j;

	if (i + 26 > n || s[i] != '[' || !isupper((unsigned char)s[i + 1]))
		return i;
	for (j = i + 1; j < n && j < i + 32 && s[j] != ']'; j++)
		;
	if (j >= n || s[j] != ']' || !memchr(s + i, ':', j - i))
		return i;
	return j + 1;
}

/* "kern  :warn  : " (dmesg -x). */
static size_t skip_facility(const char *s, size_t n, size_t i)
{
	size_t j = i;
	int k;

	for (k = 0; k < 2; k++) {
		size_t d = j;

		while (j < n && islower((unsigned char)s[j]))
			j++;
		if (j == d)
			return i;
		while (j < n && s[j] == ' ')
			j++;
		if (j >= n || s[j] != ':')
			return i;
		j++;
	}
	return j;
}

/* Index past "host kernel: " when it comes within the first 200 bytes. */
static size_t skip_kernel_tag(const char *s, size_t n, size_t i)
{
	size_t j, lim = n < i + 200 ? n : i + 200;

	for (j = i; j + 8 <= lim; j++)
		if (!memcmp(s + j, " kernel:", 8))
			return j + 8;
	return i;
}

static bool is_syslog_date(const char *s, size_t n)
{
	size_t k;

	for (k = 0; k < ARRAY_SIZE(months); k++)
		if (n >= 4 && !memcmp(s, months[k], 4))
			return true;
	/* ISO 8601: 2024-11-25T10:57:01 or 2024-11-25 10:57:01 */
	return n >= 11 && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) &&
	       is_digit(s[3]) && s[4] == '-' && is_digit(s[5]) && s[7] == '-' &&
	       (s[10] == 'T' || s[10] == ' ');
}

/*
 * strip_prefix - offset of the kernel's message in a physical line, and
 * whether the line carried a prefix that marks the start of a record.
 */
static size_t strip_prefix(const char *s, size_t n, bool *prefixed)
{
	size_t i = 0, j;

	*prefixed = false;
	if (n > 2 && s[0] == '<' && is_digit(s[1])) {
		for (j = 1; j < n && is_digit(s[j]); j++)
			;
		if (j < n && s[j] == '>') {
			i = j + 1;
			*prefixed = true;
		}
	}
	j = skip_facility(s, n, i);
	if (j != i) {
		i = j;
		*prefixed = true;
		while (i < n && s[i] == ' ')
			i++;
	}
	if (is_syslog_date(s + i, n - i)) {
		*prefixed = true;
		i = skip_kernel_tag(s, n, i);
		while (i < n && s[i] == ' ')
			i++;
	}
	j = skip_timestamp(s, n, i);
	if (j == i)
		j = skip_human_time(s, n, i);
	if (j != i) {
		*prefixed = true;
		i = skip_caller(s, n, j);
		/* journalctl -o short-monotonic: "[ 89.75] host kernel: msg" */
		j = i;
		while (j < n && s[j] == ' ')
			j++;
		while (j < n && s[j] != ' ' && s[j] != ':')
			j++;
		if (j + 8 <= n && !memcmp(s + j, " kernel:", 8))
			i = j + 8;
	}
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/* A line that starts a record of its own even without a prefix. */
static bool starts_record(const char *m)
{
	const char *q = m;
	size_t k;

	if (starts_with(m, "Mem-Info:") || starts_with(m, "lowmem_reserve[]:") ||
	    starts_with(m, "CPU: ") || starts_with(m, "Hardware name:") ||
	    starts_with(m, "Call trace:") || starts_with(m, "Out of memory") ||
	    starts_with(m, "Kernel panic") || strstr(m, " invoked oom-killer: "))
		return true;
	if (starts_with(m, "Node ") && is_digit(m[5]))
		return true;
	while (is_digit(*q))
		q++;
	if (q != m && starts_with(q, " pages "))
		return true;
	for (k = 0; k < ARRAY_SIZE(zone_names); k++) {
		size_t zl = strlen(zone_names[k]);

		if (!strncmp(m, zone_names[k], zl) &&
		    (starts_with(m + zl, " free:") || starts_with(m + zl, ": ")))
			return true;
	}
	return false;
}

static bool unit_start(const char *s)
{
	if ((s[0] == 'k' || s[0] == 'K') &&
	    (s[1] == 'B' || s[1] == ' ' || s[1] == '/' || s[1] == ',' ||
	     s[1] == ')' || s[1] == '\0'))
		return true;
	return starts_with(s, "KiB") || starts_with(s, "MiB") || starts_with(s, "GiB");
}

/*
 * join_with_space - whether a continuation @next is a new token (the wrap
 * ate a space) or the rest of a token split mid-way (nothing was lost).
 */
static bool join_with_space(const char *prev, size_t plen, const char *next)
{
	char a = prev[plen - 1], b = next[0];
	size_t t = plen;
	bool unit, hex;

	while (t > 0 && prev[t - 1] != ' ')
		t--;
	/* does the last token end in a unit ("…0kB"), or is it a hex number? */
	unit = plen - t >= 3 && (prev[plen - 2] == 'k' || prev[plen - 2] == 'K') &&
	       prev[plen - 1] == 'B' && is_digit(prev[plen - 3]);
	hex = false;
	for (size_t k = t; k + 1 < plen; k++)
		if (prev[k] == '0' && prev[k + 1] == 'x')
			hex = true;
	if (strchr(":=*(|_/.-", a) || strchr(":=*)|_,.(", b))
		return false;
	if (is_digit(a) && is_digit(b))
		return false;
	if (hex && isxdigit((unsigned char)b))
		return false;
	if (is_digit(a) && isalpha((unsigned char)b))
		return !(unit_start(next) || (a == '0' && b == 'x'));
	if (isalpha((unsigned char)a) && isalnum((unsigned char)b))
		return unit;
	return true;
}

/* ------------------------------------------------------------------ */
/* Records                                                             */

static void add_area(struct oom_boot *b, enum oom_cma_source src, uint64_t base,
		     uint64_t size, const char *line)
{
	struct oom_cma_area *a;
	size_t i;

	for (i = 0; i < b->n_areas; i++)
		if (b->areas[i].source == src && b->areas[i].base == base &&
		    b->areas[i].size == size)
			return;	/* the same boot line from a second input */
	a = ARRAY_PUSH(b->areas, b->n_areas, b->cap_areas);
	a->source = src;
	a->base = base;
	a->size = size;
	a->node = NULL;
	a->line = xstrdup(line);
}

/* Boot lines: CMA areas, the "Memory:" line, the kernel version. */
static void parse_boot(struct parser *p, const char *m)
{
	struct oom_boot *b = &p->log->boot;
	const char *q;
	uint64_t size, base;

	if ((q = strstr(m, "cma: Reserved "))) {
		q += strlen("cma: Reserved ");
		if (!get_dec(p, &q, MIB_MAX, &size) || !starts_with(q, " MiB at "))
			return;
		q += strlen(" MiB at ");
		if (get_hex(p, &q, &base))
			add_area(b, OOM_CMA_SRC_CMDLINE, base, size * MiB, m);
	} else if ((q = strstr(m, "created CMA memory pool at "))) {
		q += strlen("created CMA memory pool at ");
		if (!get_hex(p, &q, &base) || !starts_with(q, ", size "))
			return;
		q += strlen(", size ");
		if (get_dec(p, &q, MIB_MAX, &size) && starts_with(q, " MiB"))
			add_area(b, OOM_CMA_SRC_DT, base, size * MiB, m);
	} else if ((q = strstr(m, "initialized node ")) &&
		   strstr(q, ", compatible id shared-dma-pool")) {
		size_t i, n;

		q += strlen("initialized node ");
		n = (size_t)(strstr(q, ", compatible id ") - q);	/* names may hold commas */
		for (i = b->n_areas; i-- > 0;) {
			if (b->areas[i].source == OOM_CMA_SRC_DT && !b->areas[i].node) {
				b->areas[i].node = xstrndup(q, n);
				break;
			}
		}
	} else if (starts_with(m, "Memory: ") && strstr(m, " available") && !b->have_memory) {
		const char *c = strstr(m, "K cma-reserved");
		uint64_t avail, total, cma = 0;

		q = m + strlen("Memory: ");
		if (!get_dec(p, &q, KB_MAX, &avail) || !starts_with(q, "K/"))
			return;
		q += 2;
		if (!get_dec(p, &q, KB_MAX, &total) || !starts_with(q, "K available"))
			return;
		if (c) {
			while (c > m && is_digit(c[-1]))
				c--;
			if (!get_dec(p, &c, KB_MAX, &cma))
				return;
		}
		b->have_memory = true;
		b->mem_available_kb = avail;
		b->mem_total_kb = total;
		b->mem_cma_kb = cma;
		b->memory_line = xstrdup(m);
	} else if ((q = strstr(m, "Linux version ")) && !b->version) {
		q += strlen("Linux version ");
		if (is_digit(*q))
			b->version = xstrndup(q, strcspn(q, " "));
	}
}

static void start_report(struct parser *p, const char *m, const char *inv)
{
	struct oom_log *log = p->log;
	struct oom_report *r;
	const char *q, *c = inv;
	uint64_t v;

	r = ARRAY_PUSH(log->reports, log->n_reports, log->cap_reports);
	p->rep = (long)(log->n_reports - 1);
	p->last_zone = -1;
	p->in_meminfo = false;
	r->file = xstrdup(p->name);
	r->line = p->line;
	while (c > m && c[-1] != ' ')
		c--;
	r->comm = xstrndup(c, (size_t)(inv - c));
	if ((q = find_key(inv, "gfp_mask="))) {
		if (get_hex(p, &q, &r->gfp_mask)) {
			r->have |= OOM_R_GFP;
			if (*q == '(') {
				size_t n = strcspn(q + 1, ")");

				r->gfp_flags = xstrndup(q + 1, n);
			}
		}
	}
	if ((q = find_key(inv, "order="))) {
		bool neg = *q == '-';

		if (neg)
			q++;
		if (get_dec(p, &q, 64, &v)) {
			r->order = neg ? -(long)v : (long)v;
			r->have |= OOM_R_ORDER;
		}
	}
}

/* "CPU: 2 PID: 1440 Comm: x Tainted: G S 5.4.74 #14" → "5.4.74". */
static void parse_cpu_line(struct oom_report *r, const char *m)
{
	const char *q = strstr(m, "Tainted:");

	if (!q)
		q = strstr(m, "Not tainted");
	if (!q || r->kernel_seen)
		return;
	q = strchr(q, ' ');
	while (q && *q) {
		size_t n;

		while (*q == ' ')
			q++;
		n = strcspn(q, " ");
		if (is_digit(*q) && memchr(q, '.', n)) {
			r->kernel_seen = xstrndup(q, n);
			return;
		}
		q += n;
	}
}

/*
 * Zone head: optional "Node N ", then a name. Zone statistics continue
 * with " free:", buddy lists with ": " and a count. Without the Node
 * prefix only the kernel's zone names are accepted.
 */
static const char *zone_head(const char *m, int *node, char name[OOM_NAME_MAX])
{
	const char *q = m;
	size_t n;
	bool has_node = false;

	*node = -1;
	if (starts_with(q, "Node ") && is_digit(q[5])) {
		char *end;
		long v = strtol(q + 5, &end, 10);

		if (*end != ' ' || v > 1024)
			return NULL;
		*node = (int)v;
		q = end + 1;
		has_node = true;
	}
	for (n = 0; is_ident(q[n]); n++)
		;
	if (n == 0 || n >= OOM_NAME_MAX || (!has_node && !known_zone(q, n)))
		return NULL;
	memcpy(name, q, n);
	name[n] = '\0';
	return q + n;
}

static struct oom_zone *find_zone(struct oom_report *r, const char *name, int node)
{
	size_t i;

	for (i = 0; i < r->n_zones; i++)
		if (!strcmp(r->zones[i].name, name) && r->zones[i].node == node)
			return &r->zones[i];
	return NULL;
}

static void parse_zone_line(struct parser *p, struct oom_report *r, const char *m,
			    const char *name, int node)
{
	struct oom_zone *z = find_zone(r, name, node);
	static const struct {
		const char *key;
		unsigned bit;
		size_t off;
	} keys[] = {
		{ "free:", OOM_Z_FREE, offsetof(struct oom_zone, free_kb) },
		{ "min:", OOM_Z_MIN, offsetof(struct oom_zone, min_kb) },
		{ "low:", OOM_Z_LOW, offsetof(struct oom_zone, low_kb) },
		{ "high:", OOM_Z_HIGH, offsetof(struct oom_zone, high_kb) },
		{ "present:", OOM_Z_PRESENT, offsetof(struct oom_zone, present_kb) },
		{ "managed:", OOM_Z_MANAGED, offsetof(struct oom_zone, managed_kb) },
		{ "free_cma:", OOM_Z_FREE_CMA, offsetof(struct oom_zone, free_cma_kb) },
	};
	size_t k;

	p->in_meminfo = false;
	if (z || r->n_zones >= OOM_MAX_ZONES) {
		p->last_zone = -1;	/* a repeat: keep the first */
		return;
	}
	z = &r->zones[r->n_zones];
	memset(z, 0, sizeof(*z));
	snprintf(z->name, sizeof(z->name), "%s", name);
	z->node = node;
	z->line = p->line;
	for (k = 0; k < ARRAY_SIZE(keys); k++) {
		uint64_t v;

		if (key_kb(p, m, keys[k].key, &v)) {
			*(uint64_t *)((char *)z + keys[k].off) = v;
			z->have |= keys[k].bit;
		}
	}
	p->last_zone = (int)r->n_zones++;
}

static void parse_lowmem(struct parser *p, struct oom_report *r, const char *m)
{
	struct oom_zone *z;
	const char *q = m + strlen("lowmem_reserve[]:");
	uint64_t v;

	if (p->last_zone < 0)
		return;
	z = &r->zones[p->last_zone];
	if (z->have & OOM_Z_LOWMEM)
		return;
	for (;;) {
		while (*q == ' ')
			q++;
		if (!get_dec(p, &q, PAGES_MAX, &v))
			break;
		if (z->n_lowmem_reserve < OOM_MAX_ZONES)
			z->lowmem_reserve[z->n_lowmem_reserve++] = v;
	}
	z->have |= OOM_Z_LOWMEM;
}

/* "12*64kB (UM) 10*128kB (UM) … 0*524288kB = 613120kB" */
static void parse_buddy(struct parser *p, struct oom_zone *z, const char *q)
{
	uint64_t count, size, total;

	if (z->have & OOM_Z_BUDDY)
		return;
	z->n_orders = 0;
	for (;;) {
		while (*q == ' ')
			q++;
		if (*q == '=') {
			q++;
			while (*q == ' ')
				q++;
			if (get_dec(p, &q, KB_MAX, &total)) {
				z->buddy_total_kb = total;
				z->have |= OOM_Z_BUDDY;
			}
			return;
		}
		if (!get_dec(p, &q, PAGES_MAX, &count) || *q != '*')
			return;
		q++;
		if (!get_dec(p, &q, KB_MAX, &size) || (q[0] != 'k' && q[0] != 'K') || q[1] != 'B')
			return;
		q += 2;
		while (*q == ' ')
			q++;
		if (*q == '(')
			q += strcspn(q, ")") + (strchr(q, ')') ? 1 : 0);
		if (z->n_orders < OOM_MAX_ORDERS) {
			z->buddy_count[z->n_orders] = count;
			z->buddy_kb[z->n_orders] = size;
			z->n_orders++;
		}
	}
}

static void parse_report_record(struct parser *p, const char *m)
{
	struct oom_report *r = cur(p);
	const char *q;
	char name[OOM_NAME_MAX];
	int node;
	uint64_t v;

	if (starts_with(m, "CPU: ")) {
		parse_cpu_line(r, m);
		return;
	}
	if (starts_with(m, "memory: usage ") || strstr(m, "Memory cgroup out of memory") ||
	    strstr(m, "constraint=CONSTRAINT_MEMCG")) {
		r->have |= OOM_R_MEMCG;
		return;
	}
	if (starts_with(m, "Mem-Info:")) {
		p->in_meminfo = true;
		m += strlen("Mem-Info:");
	}
	if (starts_with(m, "lowmem_reserve[]:")) {
		parse_lowmem(p, r, m);
		return;
	}
	if ((q = zone_head(m, &node, name))) {
		if (starts_with(q, " free:")) {
			parse_zone_line(p, r, m, name, node);
			return;
		}
		if (q[0] == ':') {
			const char *d = q + 1;
			struct oom_zone *z;

			while (*d == ' ')
				d++;
			d += strspn(d, "0123456789");
			if (*d == '*' && (z = find_zone(r, name, node))) {
				parse_buddy(p, z, q + 1);
				return;
			}
		}
		if (node >= 0)
			p->in_meminfo = false;	/* "Node 0 active_anon:…" ends Mem-Info */
	}
	if ((q = strstr(m, "hugepages_size="))) {
		size_t k;

		q += strlen("hugepages_size=");
		if (!get_dec(p, &q, KB_MAX, &v))
			return;
		for (k = 0; k < r->n_hugepage; k++)
			if (r->hugepage_kb[k] == v)
				return;
		if (r->n_hugepage < OOM_MAX_HUGEPAGE_SIZES)
			r->hugepage_kb[r->n_hugepage++] = v;
		return;
	}
	if (is_digit(*m)) {
		static const struct {
			const char *tail;
			unsigned bit;
			size_t off;
		} totals[] = {
			{ " pages RAM", OOM_R_PAGES_RAM, offsetof(struct oom_report, pages_ram) },
			{ " pages reserved", OOM_R_PAGES_RESERVED,
			  offsetof(struct oom_report, pages_reserved) },
			{ " pages cma reserved", OOM_R_PAGES_CMA, offsetof(struct oom_report, pages_cma) },
			{ " pages HighMem/MovableOnly", OOM_R_PAGES_HIGHMEM,
			  offsetof(struct oom_report, pages_highmem) },
		};
		size_t k;

		q = m + strspn(m, "0123456789");
		for (k = 0; k < ARRAY_SIZE(totals); k++) {
			if (strcmp(q, totals[k].tail) != 0 || (r->have & totals[k].bit))
				continue;
			q = m;
			if (get_dec(p, &q, PAGES_MAX, &v)) {
				*(uint64_t *)((char *)r + totals[k].off) = v;
				r->have |= totals[k].bit;
			}
			return;
		}
	}
	if (p->in_meminfo) {
		if (!(r->have & OOM_R_MEMINFO_FREE) && key_pages(p, m, "free:", &v)) {
			r->meminfo_free = v;
			r->have |= OOM_R_MEMINFO_FREE;
		}
		if (!(r->have & OOM_R_MEMINFO_FREE_CMA) && key_pages(p, m, "free_cma:", &v)) {
			r->meminfo_free_cma = v;
			r->have |= OOM_R_MEMINFO_FREE_CMA;
		}
	}
}

static void parse_record(struct parser *p, char *m)
{
	const char *inv;
	size_t n = strlen(m);

	while (n > 0 && (m[n - 1] == ' ' || m[n - 1] == '\t'))
		m[--n] = '\0';
	if (!n)
		return;
	parse_boot(p, m);
	if ((inv = strstr(m, " invoked oom-killer:"))) {
		start_report(p, m, inv);
		return;
	}
	if (cur(p))
		parse_report_record(p, m);
}

/* ------------------------------------------------------------------ */

struct line_ref {
	const char *s;
	size_t n;
};

/* The next physical line at *pos: \n, \r\n or a lone \r ends it. */
static bool next_line(const char *buf, size_t len, size_t *pos, struct line_ref *l)
{
	size_t i = *pos;

	if (i >= len)
		return false;
	l->s = buf + i;
	while (i < len && buf[i] != '\n' && buf[i] != '\r')
		i++;
	l->n = (size_t)(buf + i - l->s);
	if (i < len && buf[i] == '\r')
		i++;
	if (i < len && buf[i] == '\n')
		i++;
	*pos = i;
	return true;
}

int oom_parse(struct oom_log *log, const char *name, const char *buf, size_t len, char **err)
{
	struct parser p = { .log = log, .name = name, .rep = -1, .last_zone = -1 };
	struct strbuf rec = STRBUF_INIT;
	struct line_ref l;
	size_t pos = 0, with = 0, without = 0;
	unsigned lineno = 0;
	bool prefixed_log;

	*err = NULL;
	if (len > OOM_INPUT_LIMIT) {
		*err = xasprintf("'%s': input is larger than %u MiB", name, OOM_INPUT_LIMIT >> 20);
		return -OOM_EBIG;
	}
	if (memchr(buf, '\0', len)) {
		*err = xasprintf("'%s': input holds NUL bytes; not a text log", name);
		return -OOM_EBINARY;
	}
	/* First pass: limits, and whether lines carry prefixes at all. */
	while (next_line(buf, len, &pos, &l)) {
		bool pre;

		lineno++;
		if (l.n > OOM_LINE_LIMIT) {
			*err = xasprintf("'%s': line %u is longer than %u bytes", name, lineno,
					 OOM_LINE_LIMIT);
			return -OOM_ELINE;
		}
		strip_prefix(l.s, l.n, &pre);
		if (pre)
			with++;
		else if (l.n)
			without++;
	}
	prefixed_log = with > 0 && with >= without;

	*ARRAY_PUSH(log->inputs, log->n_inputs, log->cap_inputs) = xstrdup(name);
	pos = 0;
	lineno = 0;
	while (!p.err && next_line(buf, len, &pos, &l)) {
		bool pre;
		size_t off = strip_prefix(l.s, l.n, &pre);
		const char *m = l.s + off;
		size_t mn = l.n - off;
		char *tmp;

		lineno++;
		if (!mn)
			continue;
		tmp = xstrndup(m, mn);
		if (prefixed_log && !pre && rec.len && rec.len < RECORD_MAX && !starts_record(tmp)) {
			/*
			 * A wrapped continuation of the record before. Blanks
			 * kept at either side of the break settle the join;
			 * otherwise the tokens on both sides do.
			 */
			if (rec.buf[rec.len - 1] == ' ' || rec.buf[rec.len - 1] == '\t')
				;
			else if (off > 0 || join_with_space(rec.buf, rec.len, tmp))
				sb_add(&rec, " ");
			sb_add(&rec, tmp);
		} else {
			if (rec.len)
				parse_record(&p, rec.buf);
			rec.len = 0;
			if (rec.buf)
				rec.buf[0] = '\0';
			p.line = lineno;
			sb_add(&rec, tmp);
		}
		free(tmp);
	}
	if (!p.err && rec.len)
		parse_record(&p, rec.buf);
	sb_release(&rec);
	if (p.err) {
		*err = p.errmsg;
		return p.err;
	}
	return 0;
}

/* ------------------------------------------------------------------ */

static void oom_report_release(struct oom_report *r)
{
	size_t i;

	free(r->file);
	free(r->comm);
	free(r->kernel_seen);
	free(r->gfp_flags);
	free(r->kernel);
	free(r->missing);
	free(r->verdict);
	report_release(&r->findings);
	for (i = 0; i < r->n_advice; i++)
		free(r->advice[i]);
	free(r->advice);
}

void oom_log_release(struct oom_log *log)
{
	size_t i;

	for (i = 0; i < log->n_reports; i++)
		oom_report_release(&log->reports[i]);
	free(log->reports);
	for (i = 0; i < log->boot.n_areas; i++) {
		free(log->boot.areas[i].node);
		free(log->boot.areas[i].line);
	}
	free(log->boot.areas);
	free(log->boot.memory_line);
	free(log->boot.version);
	for (i = 0; i < log->n_inputs; i++)
		free(log->inputs[i]);
	free(log->inputs);
	memset(log, 0, sizeof(*log));
}
