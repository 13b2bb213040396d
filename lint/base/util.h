/* SPDX-License-Identifier: MIT */
/*
 * util.h - small helpers shared by the engine: allocation that never
 * returns NULL, a growable string buffer, checked 64-bit range arithmetic
 * and size formatting with units.
 */
#ifndef CMALINT_UTIL_H
#define CMALINT_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define PRINTF(i, j) __attribute__((format(printf, i, j)))
#define NORETURN __attribute__((noreturn))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define KiB (UINT64_C(1) << 10)
#define MiB (UINT64_C(1) << 20)
#define GiB (UINT64_C(1) << 30)

void NORETURN PRINTF(1, 2) die(const char *fmt, ...);
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *PRINTF(1, 2) xasprintf(const char *fmt, ...);
char *PRINTF(1, 0) xvasprintf(const char *fmt, va_list ap);

/* qsort() that accepts an empty (NULL) array, which qsort itself must not be given. */
void sort_array(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

/* Grow an array of elements of size @elem so that it holds at least @need. */
void *grow_array(void *arr, size_t elem, size_t need, size_t *cap);
#define ARRAY_PUSH(arr, n, cap) \
	((arr) = grow_array((arr), sizeof(*(arr)), (size_t)(n) + 1, &(cap)), &(arr)[(n)++])

struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
};
#define STRBUF_INIT { NULL, 0, 0 }
void sb_add(struct strbuf *sb, const char *s);
void sb_addn(struct strbuf *sb, const char *s, size_t n);
void PRINTF(2, 3) sb_addf(struct strbuf *sb, const char *fmt, ...);
char *sb_detach(struct strbuf *sb);
void sb_release(struct strbuf *sb);

/*
 * range_end - exclusive end of [base, base + size) as a 65-bit quantity:
 * returns false when base + size does not fit in 64 bits (the range wraps).
 */
bool range_end(uint64_t base, uint64_t size, uint64_t *end);
/* True when [a, a+as) and [b, b+bs) share at least one byte (no overflow). */
bool ranges_overlap(uint64_t a, uint64_t as, uint64_t b, uint64_t bs);
/* True when [a, a+as) lies wholly inside [b, b+bs). */
bool range_inside(uint64_t a, uint64_t as, uint64_t b, uint64_t bs);
static inline bool is_aligned(uint64_t v, uint64_t align) { return align == 0 || v % align == 0; }

/*
 * fmt_size - a human size, the one rule for every text message: in the
 * largest binary unit that divides the value when that takes at most four
 * digits ("512 MiB", "4095 MiB", "4864 KiB", "100 bytes"); otherwise "~"
 * and one decimal, rounded to nearest, in the largest unit the value
 * reaches ("~2.0 GiB" for 2047964 KiB, "~72.8 KiB" for 74565 bytes).
 * Messages that need the exact value also give it in hex. Writes into
 * @buf and returns it.
 */
#define SIZE_STR_MAX 48
#define SIZE_EXACT_MAX 9999
const char *fmt_size(uint64_t v, char buf[SIZE_STR_MAX]);
/* fmt_hex - "0x" plus lowercase hex digits. */
const char *fmt_hex(uint64_t v, char buf[SIZE_STR_MAX]);

/* Read a whole file (at most @limit bytes); NULL with errno set on failure, EFBIG when too large. */
void *read_file(const char *path, size_t limit, size_t *len_out);
/* The same for an open stream (stdin); NUL-terminated. */
void *read_stream(FILE *f, size_t limit, size_t *len_out);

#endif

/* fmt_approx - a rounded size for people ("1.33 GiB"); exact values use fmt_size. */
const char *fmt_approx(uint64_t v, char buf[SIZE_STR_MAX]);
