/* keymap.c — owns the key map: the request table (names, default keys, help
 * text, from KEYMAP_REQUESTS), key-spec parsing and naming, and the binding
 * list the main loop looks keys up in (later bindings win). */
#include "tandem/keymap.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct request_info {
	const char *name, *keys, *help;
};

static const struct request_info requests[REQ_COUNT] = {
	[REQ_NONE] = {"none", "", ""},
#define KEYMAP_INFO(id, name, keys, help) [REQ_##id] = {name, keys, help},
	KEYMAP_REQUESTS(KEYMAP_INFO)
#undef KEYMAP_INFO
};

static const struct {
	const char *name;
	int key;
} key_names[] = {
	{"Space", ' '},
	{"Enter", '\n'},
	{"Tab", '\t'},
	{"Esc", 27},
	{"Backspace", KEYMAP_FN | KEY_BACKSPACE},
	{"Up", KEYMAP_FN | KEY_UP},
	{"Down", KEYMAP_FN | KEY_DOWN},
	{"Left", KEYMAP_FN | KEY_LEFT},
	{"Right", KEYMAP_FN | KEY_RIGHT},
	{"PgUp", KEYMAP_FN | KEY_PPAGE},
	{"PgDn", KEYMAP_FN | KEY_NPAGE},
	{"Home", KEYMAP_FN | KEY_HOME},
	{"End", KEYMAP_FN | KEY_END},
	{"BackTab", KEYMAP_FN | KEY_BTAB},
	{"Del", KEYMAP_FN | KEY_DC},
	{"Ins", KEYMAP_FN | KEY_IC},
	{"KpEnter", KEYMAP_FN | KEY_ENTER},
};

int keymap_bind(struct keymap *km, int key, enum request req)
{
	for (size_t i = 0; i < km->n; i++)
		if (km->b[i].key == key) {
			km->b[i].req = req;
			return 0;
		}
	if (km->n == km->cap) {
		size_t nc = km->cap ? km->cap * 2 : 64;
		struct keymap_binding *nb = realloc(km->b, nc * sizeof *nb);
		if (!nb)
			return -1;
		km->b = nb;
		km->cap = nc;
	}
	km->b[km->n++] = (struct keymap_binding){key, req};
	return 0;
}

int keymap_init(struct keymap *km)
{
	memset(km, 0, sizeof *km);
	for (int r = 1; r < REQ_COUNT; r++) {
		char keys[64];
		snprintf(keys, sizeof keys, "%s", requests[r].keys);
		char *save = NULL;
		for (char *t = strtok_r(keys, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
			int k = keymap_parse_key(t);
			if (k >= 0 && keymap_bind(km, k, (enum request)r) != 0)
				return -1;
		}
	}
	/* terminals differ in what Backspace and Enter send */
	if (keymap_bind(km, 127, REQ_BACK) || keymap_bind(km, 8, REQ_BACK) ||
	    keymap_bind(km, '\r', REQ_ENTER) || keymap_bind(km, KEYMAP_FN | KEY_ENTER, REQ_ENTER))
		return -1;
	return 0;
}

void keymap_free(struct keymap *km)
{
	free(km->b);
	memset(km, 0, sizeof *km);
}

enum request keymap_lookup(const struct keymap *km, int key)
{
	for (size_t i = 0; i < km->n; i++)
		if (km->b[i].key == key)
			return km->b[i].req;
	return REQ_NONE;
}

int keymap_parse_key(const char *spec)
{
	size_t n = strlen(spec);
	if (n == 0)
		return -1;
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (!strcasecmp(spec, key_names[i].name))
			return key_names[i].key;
	if ((spec[0] == 'C' || spec[0] == 'c') && spec[1] == '-' && n == 3) {
		int c = (unsigned char)spec[2];
		if (c >= 'a' && c <= 'z')
			return c - 'a' + 1;
		if (c >= 'A' && c <= 'Z')
			return c - 'A' + 1;
		return -1;
	}
	if ((spec[0] == 'F' || spec[0] == 'f') && n >= 2 && n <= 3 && spec[1] >= '1' &&
	    spec[1] <= '9') {
		int f = atoi(spec + 1);
		if (f >= 1 && f <= 12)
			return KEYMAP_FN | KEY_F(f);
	}
	/* one UTF-8 character */
	const unsigned char *s = (const unsigned char *)spec;
	int c, len;
	if (s[0] < 0x80)
		c = s[0], len = 1;
	else if ((s[0] & 0xe0) == 0xc0)
		c = s[0] & 0x1f, len = 2;
	else if ((s[0] & 0xf0) == 0xe0)
		c = s[0] & 0x0f, len = 3;
	else if ((s[0] & 0xf8) == 0xf0)
		c = s[0] & 0x07, len = 4;
	else
		return -1;
	if ((size_t)len != n)
		return -1;
	for (int i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return -1;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < 0x20 && c != '\t' && c != '\n')
		return -1;
	return c;
}

char *keymap_key_name(int key, char *buf, size_t n)
{
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (key_names[i].key == key) {
			snprintf(buf, n, "%s", key_names[i].name);
			return buf;
		}
	if (key & KEYMAP_FN) {
		int k = key & ~KEYMAP_FN;
		if (k >= KEY_F(1) && k <= KEY_F(12))
			snprintf(buf, n, "F%d", k - KEY_F(0));
		else
			snprintf(buf, n, "key%d", k);
	} else if (key > 0 && key < 0x20) {
		snprintf(buf, n, "C-%c", 'a' + key - 1);
	} else if (key == 127) {
		snprintf(buf, n, "DEL");
	} else {
		char u[5] = {0};
		if (key < 0x80)
			u[0] = (char)key;
		else if (key < 0x800)
			u[0] = (char)(0xc0 | key >> 6), u[1] = (char)(0x80 | (key & 0x3f));
		else if (key < 0x10000)
			u[0] = (char)(0xe0 | key >> 12), u[1] = (char)(0x80 | ((key >> 6) & 0x3f)),
			u[2] = (char)(0x80 | (key & 0x3f));
		else
			u[0] = (char)(0xf0 | key >> 18), u[1] = (char)(0x80 | ((key >> 12) & 0x3f)),
			u[2] = (char)(0x80 | ((key >> 6) & 0x3f)), u[3] = (char)(0x80 | (key & 0x3f));
		snprintf(buf, n, "%s", u);
	}
	return buf;
}

enum request keymap_request_by_name(const char *name)
{
	for (int r = 1; r < REQ_COUNT; r++)
		if (!strcmp(requests[r].name, name))
			return (enum request)r;
	return REQ_NONE;
}

const char *keymap_request_name(enum request r)
{
	return r < REQ_COUNT ? requests[r].name : "";
}

const char *keymap_request_help(enum request r)
{
	return r < REQ_COUNT ? requests[r].help : "";
}

char *keymap_keys_of(const struct keymap *km, enum request r, char *buf, size_t n)
{
	size_t k = 0;
	buf[0] = 0;
	for (size_t i = 0; i < km->n; i++) {
		char name[32];
		if (km->b[i].req != r)
			continue;
		/* the alternative codes bound in keymap_init are not worth listing */
		int key = km->b[i].key;
		if (key == 127 || key == 8 || key == '\r' || key == (KEYMAP_FN | KEY_ENTER))
			continue;
		int w = snprintf(buf + k, n - k, "%s%s", k ? " " : "", keymap_key_name(key, name, sizeof name));
		if (w < 0 || (size_t)w >= n - k)
			break;
		k += (size_t)w;
	}
	return buf;
}
