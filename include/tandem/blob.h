/* blob.h — compact records of what the index keeps beside an article (its
 * facts, its evidence links) and for a corpus (its manifest as read):
 * unsigned and signed integers as LEB128
 * varints, doubles as 8 little-endian bytes, strings with their length in
 * front. A reader never reads past its end: a record cut short or damaged
 * sets `bad`, and what it gave is then not to be trusted. No curses. */
#ifndef TANDEM_BLOB_H
#define TANDEM_BLOB_H

#include <stddef.h>
#include <stdint.h>

/* A record being written; start it zeroed. A put that runs out of memory
 * sets `failed` (and the puts after it do nothing). */
struct blob {
	unsigned char *data;      /* owned; free with blob_free */
	size_t len, cap;
	int failed;
};

void blob_put_uint(struct blob *b, uint64_t v);
void blob_put_int(struct blob *b, int64_t v);
void blob_put_double(struct blob *b, double v);
/* The string's length, then its bytes (no NUL). */
void blob_put_str(struct blob *b, const char *s);

/* A string or none (NULL): its length plus one, or 0, then its bytes. */
void blob_put_opt(struct blob *b, const char *s);

void blob_free(struct blob *b);

/* A record being read. */
struct blob_reader {
	const unsigned char *p, *end;
	int bad;                  /* read past the end, or a varint too long */
};

void blob_reader_init(struct blob_reader *r, const void *data, size_t len);
uint64_t blob_get_uint(struct blob_reader *r);
int64_t blob_get_int(struct blob_reader *r);
double blob_get_double(struct blob_reader *r);
/* A string into buf (size bytes, NUL-terminated; a longer one sets bad). */
void blob_get_str(struct blob_reader *r, char *buf, size_t size);

/* The string blob_put_opt wrote, in an allocation of its own (caller
 * frees), or NULL for none; NULL with bad set when the record is damaged or
 * memory runs out. */
char *blob_get_opt(struct blob_reader *r);

#endif
