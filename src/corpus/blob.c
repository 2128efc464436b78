/* blob.c — owns the byte records the index keeps beside an article
 * (blob.h): varints, doubles and strings, written to a growing buffer and
 * read back with every read bounded by the record's end. */
#include "tandem/blob.h"

#include <stdlib.h>
#include <string.h>

static int reserve(struct blob *b, size_t more)
{
	if (b->failed)
		return -1;
	if (b->len + more <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + more)
		cap *= 2;
	unsigned char *d = realloc(b->data, cap);
	if (!d) {
		b->failed = 1;
		return -1;
	}
	b->data = d;
	b->cap = cap;
	return 0;
}

void blob_put_uint(struct blob *b, uint64_t v)
{
	if (reserve(b, 10) != 0)
		return;
	do {
		unsigned char byte = v & 0x7f;
		v >>= 7;
		b->data[b->len++] = byte | (v ? 0x80 : 0);
	} while (v);
}

void blob_put_int(struct blob *b, int64_t v)
{
	/* zigzag: small negative numbers stay short */
	blob_put_uint(b, ((uint64_t)v << 1) ^ (uint64_t)(v >> 63));
}

void blob_put_double(struct blob *b, double v)
{
	uint64_t u;
	memcpy(&u, &v, sizeof u);
	if (reserve(b, 8) != 0)
		return;
	for (int i = 0; i < 8; i++)
		b->data[b->len++] = (unsigned char)(u >> (8 * i));
}

void blob_put_str(struct blob *b, const char *s)
{
	size_t n = strlen(s);
	blob_put_uint(b, n);
	if (reserve(b, n) != 0)
		return;
	memcpy(b->data + b->len, s, n);
	b->len += n;
}

void blob_put_opt(struct blob *b, const char *s)
{
	if (!s) {
		blob_put_uint(b, 0);
		return;
	}
	size_t n = strlen(s);
	blob_put_uint(b, n + 1);
	if (reserve(b, n) != 0)
		return;
	memcpy(b->data + b->len, s, n);
	b->len += n;
}

void blob_free(struct blob *b)
{
	free(b->data);
	memset(b, 0, sizeof *b);
}

void blob_reader_init(struct blob_reader *r, const void *data, size_t len)
{
	r->p = data;
	r->end = r->p + (data ? len : 0);
	r->bad = 0;
}

uint64_t blob_get_uint(struct blob_reader *r)
{
	uint64_t v = 0;
	for (int shift = 0; shift < 64; shift += 7) {
		if (r->p >= r->end)
			break;
		unsigned char byte = *r->p++;
		v |= (uint64_t)(byte & 0x7f) << shift;
		if (!(byte & 0x80))
			return v;
	}
	r->bad = 1;
	return 0;
}

int64_t blob_get_int(struct blob_reader *r)
{
	uint64_t u = blob_get_uint(r);
	return (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
}

double blob_get_double(struct blob_reader *r)
{
	if (r->end - r->p < 8) {
		r->bad = 1;
		r->p = r->end;
		return 0;
	}
	uint64_t u = 0;
	for (int i = 0; i < 8; i++)
		u |= (uint64_t)r->p[i] << (8 * i);
	r->p += 8;
	double v;
	memcpy(&v, &u, sizeof v);
	return v;
}

void blob_get_str(struct blob_reader *r, char *buf, size_t size)
{
	uint64_t n = blob_get_uint(r);
	if (size)
		buf[0] = 0;
	if (r->bad || n >= size || n > (uint64_t)(r->end - r->p)) {
		r->bad = 1;
		r->p = r->end;
		return;
	}
	memcpy(buf, r->p, n);
	buf[n] = 0;
	r->p += n;
}

char *blob_get_opt(struct blob_reader *r)
{
	uint64_t n = blob_get_uint(r);
	if (r->bad || n == 0)
		return NULL;
	n--;
	char *s;
	if (n > (uint64_t)(r->end - r->p) || !(s = malloc(n + 1))) {
		r->bad = 1;
		r->p = r->end;
		return NULL;
	}
	memcpy(s, r->p, n);
	s[n] = 0;
	r->p += n;
	return s;
}
