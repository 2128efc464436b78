/* config.c — fuzz target for the configuration reader ([keys], [colors],
 * [reader]), which takes a path: the input is written to a file in a private
 * directory. Input: the file's bytes.
 * Invariants: every setting stays in its documented range; the count of
 * problems returned is the number reported, each with its file and a
 * message; every binding maps to a real request and
 * is what a lookup of its key returns when it is the key's last binding. */
#include "tandem/config.h"

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[4200];
	fuzz_write("config", data, size, path, sizeof path);
	struct config cfg;
	struct keymap km;
	struct theme th;
	config_defaults(&cfg);
	theme_defaults(&th);
	if (keymap_init(&km) != 0)
		return 0;
	int bad = config_load(&cfg, path, &km, &th);
	FUZZ_CHECK(bad >= 0);
	FUZZ_CHECK(memchr(cfg.lang, 0, sizeof cfg.lang));
	FUZZ_CHECK((size_t)bad == cfg.problems.n + cfg.problems.lost);
	for (size_t i = 0; i < cfg.problems.n; i++)
		FUZZ_CHECK(cfg.problems.items[i].file && cfg.problems.items[i].msg &&
		           cfg.problems.items[i].msg[0]);
	FUZZ_CHECK(cfg.measure >= 20 && cfg.measure <= 1000);
	FUZZ_CHECK(cfg.sidebar >= 13 && cfg.sidebar <= 200);
	FUZZ_CHECK(cfg.bidi_terminal >= -1 && cfg.bidi_terminal <= 1);
	FUZZ_CHECK(cfg.shape >= -1 && cfg.shape <= 2);
	FUZZ_CHECK(cfg.mirror >= -1 && cfg.mirror <= 1);
	for (size_t i = 0; i < km.n; i++) {
		FUZZ_CHECK(km.b[i].req > REQ_NONE && km.b[i].req < REQ_COUNT);
		FUZZ_CHECK(keymap_lookup(&km, km.b[i].key) != REQ_NONE);
	}
	for (int e = 0; e < THEME_COUNT; e++) {
		FUZZ_CHECK(th.spec[e].fg >= -1 && th.spec[e].bg >= -1);
		FUZZ_CHECK(th.spec[e].attrs < (1u << 5));
	}
	keymap_free(&km);
	config_free(&cfg);
	return 0;
}
