/* ini.c — owns reading INI text line by line (the dialect is described in
 * ini.h): each line, of any length, is checked for NUL bytes and UTF-8
 * (invalid sequences read as U+FFFD), then split into a section header or a key and value, which go to the
 * caller's handler with the line number. The parser keeps only the current
 * section's name and the line being read. */
#include "tandem/ini.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

struct parser {
	ini_handler handler;
	void *user;
	unsigned line;
	char *section;       /* current section name; owned, NULL before the first */
	char *fixed;         /* a line with invalid UTF-8 replaced; owned */
	size_t fixed_cap;
	char msg[160];
};

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static char *skip_blanks(char *s)
{
	while (is_blank(*s))
		s++;
	return s;
}

/* Cuts trailing blanks from the string that ends at `end`. */
static void trim_end(char *s, char *end)
{
	while (end > s && is_blank(end[-1]))
		end--;
	*end = '\0';
}

static int emit(struct parser *p, enum ini_kind kind, const char *name, const char *value)
{
	struct ini_item it = {
		.kind = kind,
		.line = p->line,
		.section = p->section ? p->section : "",
		.name = name,
		.value = value,
		.message = kind == INI_ERROR || kind == INI_WARNING ? p->msg : NULL,
	};
	return p->handler(p->user, &it);
}

static int report(struct parser *p, enum ini_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Hands the handler an INI_ERROR or INI_WARNING whose message is the printf
 * format. */
static int report(struct parser *p, enum ini_kind kind, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->msg, sizeof p->msg, fmt, ap);
	va_end(ap);
	return emit(p, kind, NULL, NULL);
}

/* A copy of s[0..len) in p->fixed with each invalid UTF-8 sequence replaced
 * by U+FFFD, or NULL when memory runs out. */
static char *replace_invalid(struct parser *p, const char *s, size_t len)
{
	if (len > (SIZE_MAX - 1) / 3)
		return NULL;
	if (3 * len + 1 > p->fixed_cap) {
		char *grown = realloc(p->fixed, 3 * len + 1);
		if (!grown)
			return NULL;
		p->fixed = grown;
		p->fixed_cap = 3 * len + 1;
	}
	const uint8_t *in = (const uint8_t *)s;
	uint8_t *out = (uint8_t *)p->fixed;
	size_t i = 0, k = 0;
	while (i < len) {
		ucs4_t c;
		int n = u8_mbtouc(&c, in + i, len - i); /* U+FFFD for an invalid sequence */
		i += n > 0 ? (size_t)n : 1;
		int w = u8_uctomb(out + k, c, (ptrdiff_t)(p->fixed_cap - 1 - k));
		if (w > 0)
			k += (size_t)w;
	}
	out[k] = '\0';
	return p->fixed;
}

/* Reads one line: `s` holds its `len` bytes without the newline, with a NUL
 * after them, and may be changed. Returns the handler's answer (nonzero: go
 * on), or -1 when memory runs out. A NUL byte skips the line; invalid UTF-8
 * is reported, then the line is read with U+FFFD in its place. */
static int parse_line(struct parser *p, char *s, size_t len)
{
	const char *start = s;
	if (p->line == 1 && len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3)) {
		s += 3; /* a byte order mark */
		len -= 3;
	}
	const char *nul = memchr(s, '\0', len);
	if (nul)
		return report(p, INI_ERROR, "NUL byte in line %u (byte %zu); line ignored", p->line,
		              (size_t)(nul - start) + 1);
	const uint8_t *bad = u8_check((const uint8_t *)s, len);
	if (bad) {
		int r = report(p, INI_WARNING,
		               "invalid UTF-8 in line %u (byte %zu), read as U+FFFD (save the file as UTF-8)",
		               p->line, (size_t)((const char *)bad - start) + 1);
		if (!r)
			return 0;
		if (!(s = replace_invalid(p, s, len)))
			return -1;
	}

	s = skip_blanks(s);
	if (*s == '\0' || *s == ';' || *s == '#')
		return 1;
	/* an inline comment starts at a ';' after a blank */
	char *end = s + strlen(s);
	for (char *q = s + 1; *q; q++)
		if (*q == ';' && (q[-1] == ' ' || q[-1] == '\t')) {
			end = q;
			break;
		}
	trim_end(s, end);

	if (*s == '[') {
		char *close = strchr(s, ']');
		if (!close)
			return report(p, INI_ERROR,
			              "'[' with no ']' (a section header is [name]); line ignored");
		char *name = skip_blanks(s + 1);
		trim_end(name, close);
		char *copy = strdup(name);
		if (!copy)
			return -1;
		free(p->section);
		p->section = copy;
		return emit(p, INI_SECTION, NULL, NULL);
	}
	char *sep = strpbrk(s, "=:");
	if (!sep)
		return report(p, INI_ERROR,
		              "not a [section], key = value or ; comment (no '='); line ignored");
	char sepc = *sep;
	trim_end(s, sep);
	if (*s == '\0')
		return report(p, INI_ERROR, "no key before '%c'; line ignored", sepc);
	return emit(p, INI_KEY, s, skip_blanks(sep + 1));
}

/* Runs parse_line on a line and turns its answer into a status, or
 * INI_OK to go on. */
static enum ini_status step(struct parser *p, char *s, size_t len)
{
	p->line++;
	int r = parse_line(p, s, len);
	return r < 0 ? INI_NO_MEMORY : r == 0 ? INI_STOPPED : INI_OK;
}

enum ini_status ini_parse_file(FILE *fp, ini_handler handler, void *user)
{
	struct parser p = {.handler = handler, .user = user};
	char *buf = NULL;
	size_t cap = 0;
	ssize_t n;
	enum ini_status st = INI_OK;
	while (st == INI_OK && (n = getline(&buf, &cap, fp)) >= 0) {
		size_t len = (size_t)n;
		if (len > 0 && buf[len - 1] == '\n')
			buf[--len] = '\0';
		st = step(&p, buf, len);
	}
	if (st == INI_OK && ferror(fp))
		st = INI_READ_ERROR;
	else if (st == INI_OK && !feof(fp))
		st = INI_NO_MEMORY; /* getline fails only when it cannot grow the line */
	free(buf);
	free(p.section);
	free(p.fixed);
	return st;
}

enum ini_status ini_parse_buffer(const char *buf, size_t len, ini_handler handler, void *user)
{
	struct parser p = {.handler = handler, .user = user};
	char *line = NULL;
	size_t cap = 0, pos = 0;
	enum ini_status st = INI_OK;
	while (st == INI_OK && pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (buf + pos)) : len - pos;
		if (n + 1 > cap) {
			char *grown = realloc(line, n + 1);
			if (!grown) {
				st = INI_NO_MEMORY;
				break;
			}
			line = grown;
			cap = n + 1;
		}
		memcpy(line, buf + pos, n);
		line[n] = '\0';
		pos += n + (nl != NULL);
		st = step(&p, line, n);
	}
	free(line);
	free(p.section);
	free(p.fixed);
	return st;
}
