// SPDX-License-Identifier: MIT
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("cmalint: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(2);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		die("out of memory");
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		die("out of memory");
	return p;
}

void *xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (!p)
		die("out of memory");
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	char *p;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		die("bad format string");
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void sort_array(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

void *grow_array(void *arr, size_t elem, size_t need, size_t *cap)
{
	size_t n;

	if (need <= *cap)
		return arr;
	n = *cap ? *cap * 2 : 8;
	while (n < need)
		n *= 2;
	if (n > SIZE_MAX / elem)
		die("out of memory");
	arr = xrealloc(arr, n * elem);
	memset((char *)arr + *cap * elem, 0, (n - *cap) * elem);
	*cap = n;
	return arr;
}

void sb_addn(struct strbuf *sb, const char *s, size_t n)
{
	if (sb->len + n + 1 > sb->cap) {
		size_t cap = sb->cap ? sb->cap : 64;

		while (cap < sb->len + n + 1)
			cap *= 2;
		sb->buf = xrealloc(sb->buf, cap);
		sb->cap = cap;
	}
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void sb_add(struct strbuf *sb, const char *s)
{
	sb_addn(sb, s, strlen(s));
}

void sb_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	sb_add(sb, p);
	free(p);
}

char *sb_detach(struct strbuf *sb)
{
	char *p = sb->buf ? sb->buf : xstrdup("");

	sb->buf = NULL;
	sb->len = sb->cap = 0;
	return p;
}

void sb_release(struct strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

bool range_end(uint64_t base, uint64_t size, uint64_t *end)
{
	if (size > UINT64_MAX - base) {
		*end = UINT64_MAX;
		return false;
	}
	*end = base + size;
	return true;
}

bool ranges_overlap(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
	/* Compare inclusive last bytes: never overflows for non-empty ranges. */
	if (!as || !bs)
		return false;
	uint64_t alast = as - 1 > UINT64_MAX - a ? UINT64_MAX : a + (as - 1);
	uint64_t blast = bs - 1 > UINT64_MAX - b ? UINT64_MAX : b + (bs - 1);

	return a <= blast && b <= alast;
}

bool range_inside(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
	uint64_t aend, bend;
	bool aok = range_end(a, as, &aend), bok = range_end(b, bs, &bend);

	if (a < b)
		return false;
	if (!aok)
		return !bok;	/* a reaches past 2^64: only inside another such range */
	return !bok || aend <= bend;
}

const char *fmt_size(uint64_t v, char buf[SIZE_STR_MAX])
{
	static const char *const units[] = { "bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
	unsigned u = 0, a = 0;
	uint64_t n = v;
	unsigned __int128 tenths;

	while (n && u + 1 < ARRAY_SIZE(units) && (n & 1023) == 0) {
		n >>= 10;
		u++;
	}
	if (n <= SIZE_EXACT_MAX) {
		snprintf(buf, SIZE_STR_MAX, "%llu %s", (unsigned long long)n,
			 n == 1 && u == 0 ? "byte" : units[u]);
		return buf;
	}
	/* Too many digits to read: one decimal in the largest unit the value reaches. */
	while (a + 1 < ARRAY_SIZE(units) && v >> (10 * (a + 1)))
		a++;
	tenths = ((unsigned __int128)v * 10 + (((unsigned __int128)1 << (10 * a)) >> 1)) >> (10 * a);
	if (tenths >= 10240 && a + 1 < ARRAY_SIZE(units)) {
		a++;
		tenths = ((unsigned __int128)v * 10 + (((unsigned __int128)1 << (10 * a)) >> 1)) >> (10 * a);
	}
	snprintf(buf, SIZE_STR_MAX, "~%llu.%u %s", (unsigned long long)(tenths / 10), (unsigned)(tenths % 10),
		 units[a]);
	return buf;
}

const char *fmt_hex(uint64_t v, char buf[SIZE_STR_MAX])
{
	snprintf(buf, SIZE_STR_MAX, "0x%llx", (unsigned long long)v);
	return buf;
}

void *read_stream(FILE *f, size_t limit, size_t *len_out)
{
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	for (;;) {
		if (len + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 65536;
			buf = xrealloc(buf, cap);
		}
		n = fread(buf + len, 1, cap - len - 1, f);
		len += n;
		if (len > limit) {
			free(buf);
			errno = EFBIG;
			return NULL;
		}
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		errno = EIO;
		return NULL;
	}
	buf[len] = '\0';
	*len_out = len;
	return buf;
}

void *read_file(const char *path, size_t limit, size_t *len_out)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	void *buf;
	int e;

	if (!f)
		return NULL;
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		errno = EISDIR;
		return NULL;
	}
	buf = read_stream(f, limit, len_out);
	e = errno;
	fclose(f);
	errno = e;
	return buf;
}

const char *fmt_approx(uint64_t v, char buf[SIZE_STR_MAX])
{
	static const char *const units[] = { "bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
	unsigned u = 0;
	uint64_t scale = 1;

	while (u + 1 < ARRAY_SIZE(units) && v / scale >= 1024) {
		scale <<= 10;
		u++;
	}
	if (v % scale == 0 || u == 0) {
		snprintf(buf, SIZE_STR_MAX, "%llu %s", (unsigned long long)(v / scale), units[u]);
	} else {
		/* two decimals, rounded, in integer arithmetic */
		uint64_t whole = v / scale, frac = (v % scale) / (scale / 1024);
		uint64_t hundredths = (frac * 100 + 512) / 1024;

		if (hundredths >= 100) {
			whole++;
			hundredths -= 100;
		}
		snprintf(buf, SIZE_STR_MAX, "%llu.%02llu %s", (unsigned long long)whole,
			 (unsigned long long)hundredths, units[u]);
	}
	return buf;
}
