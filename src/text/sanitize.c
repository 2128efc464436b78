/* sanitize.c — owns the one output filter: the mapping of a character a
 * terminal could obey to a visible symbol, and the writers every printed byte
 * of tandem goes through (see sanitize.h). A writer decodes its input strictly
 * (libunistring u8_mbtoucr), maps each character, and encodes the result into
 * a small buffer flushed with fwrite. */
#include "tandem/sanitize.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>

size_t sanitize_next(const char *s, size_t n, uint32_t *c, int *invalid)
{
	const uint8_t *u = (const uint8_t *)s;
	if (invalid)
		*invalid = 0;
	if (u[0] < 0x80) {
		*c = u[0];
		return 1;
	}
	ucs4_t uc;
	int k = u8_mbtoucr(&uc, u, n);
	if (k <= 0) { /* -1 invalid, -2 cut short: one byte, one U+FFFD */
		*c = 0xfffd;
		if (invalid)
			*invalid = 1;
		return 1;
	}
	*c = uc;
	return (size_t)k;
}

/* The one external definition of the inline in sanitize.h. */
extern inline int sanitize_is_control(uint32_t c);

size_t sanitize_char(uint32_t c, uint32_t out[SANITIZE_MAX_CP])
{
	static const char hex[] = "0123456789ABCDEF";
	if (!sanitize_is_control(c)) {
		out[0] = c;
		return 1;
	}
	if (c < 0x20) {
		out[0] = 0x2400 + c;
		return 1;
	}
	if (c == 0x7f) {
		out[0] = 0x2421;
		return 1;
	}
	if (c >= 0x80 && c <= 0x9f) {
		out[0] = '<';
		out[1] = (uint32_t)hex[c >> 4];
		out[2] = (uint32_t)hex[c & 15];
		out[3] = '>';
		return 4;
	}
	out[0] = 0xfffd;
	return 1;
}

/* An output buffer in front of a stream. */
struct out_buf {
	FILE *fp;
	size_t len;
	int err;
	uint8_t b[4096];
};

static void out_flush(struct out_buf *o)
{
	if (o->len && fwrite(o->b, 1, o->len, o->fp) != o->len)
		o->err = 1;
	o->len = 0;
}

static void out_cp(struct out_buf *o, uint32_t c)
{
	if (o->len + 6 > sizeof o->b)
		out_flush(o);
	if (c < 0x80) {
		o->b[o->len++] = (uint8_t)c;
		return;
	}
	int k = u8_uctomb(o->b + o->len, c, 6);
	if (k > 0)
		o->len += (size_t)k;
}

int sanitize_write(FILE *fp, const char *s, size_t n, int flags)
{
	struct out_buf o;
	o.fp = fp;
	o.len = 0;
	o.err = 0;
	size_t i = 0;
	while (i < n) {
		unsigned char b = (unsigned char)s[i];
		if (b >= 0x20 && b < 0x7f) { /* printable ASCII: as is */
			if (o.len == sizeof o.b)
				out_flush(&o);
			o.b[o.len++] = b;
			i++;
			continue;
		}
		uint32_t c, vis[SANITIZE_MAX_CP];
		i += sanitize_next(s + i, n - i, &c, NULL);
		if ((c == '\n' && (flags & SANITIZE_KEEP_LF)) ||
		    (c == '\t' && (flags & SANITIZE_KEEP_TAB)) ||
		    (c == '\r' && (flags & SANITIZE_KEEP_CR))) {
			out_cp(&o, c);
			continue;
		}
		size_t k = sanitize_char(c, vis);
		for (size_t j = 0; j < k; j++)
			out_cp(&o, vis[j]);
	}
	out_flush(&o);
	return o.err || ferror(fp) ? -1 : 0;
}

int sanitize_fputs(FILE *fp, const char *s)
{
	return sanitize_write(fp, s, strlen(s), 0);
}

int sanitize_vfprintf(FILE *fp, const char *fmt, va_list ap)
{
	char stack[1024];
	char *buf = stack;
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(stack, sizeof stack, fmt, ap);
	if (n < 0) {
		va_end(ap2);
		return -1;
	}
	if ((size_t)n >= sizeof stack) {
		buf = malloc((size_t)n + 1);
		if (!buf) {
			va_end(ap2);
			return -1;
		}
		vsnprintf(buf, (size_t)n + 1, fmt, ap2);
	}
	va_end(ap2);
	size_t len = (size_t)n;
	int final_lf = len && buf[len - 1] == '\n';
	int r = sanitize_write(fp, buf, len - (size_t)final_lf, 0);
	if (final_lf && fputc('\n', fp) == EOF)
		r = -1;
	if (buf != stack)
		free(buf);
	return r;
}

int sanitize_fprintf(FILE *fp, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = sanitize_vfprintf(fp, fmt, ap);
	va_end(ap);
	return r;
}

char *sanitize_strdup(const char *s)
{
	size_t n = strlen(s), cap = n + 1, len = 0, i = 0;
	char *r = malloc(cap);
	if (!r)
		return NULL;
	while (i < n) {
		uint32_t c, vis[SANITIZE_MAX_CP];
		i += sanitize_next(s + i, n - i, &c, NULL);
		size_t k = sanitize_char(c, vis);
		for (size_t j = 0; j < k; j++) {
			if (len + 7 > cap) {
				size_t ncap = cap * 2 + 8;
				char *t = realloc(r, ncap);
				if (!t) {
					free(r);
					return NULL;
				}
				r = t;
				cap = ncap;
			}
			int w = u8_uctomb((uint8_t *)r + len, vis[j], 6);
			if (w > 0)
				len += (size_t)w;
		}
	}
	r[len] = 0;
	return r;
}
