# tandem — a terminal reader for multilingual news.
#
#   make            build build/tandem
#   make run        bootstrap dependencies, build, open the bundled corpus
#   make check      bootstrap dependencies, build, run every test
#   make bench      every figure with its budget: first frame, search, keys,
#                   terminal bytes, layout throughput, growth (a few minutes)
#   make bench-large
#                   first frame and search at 100,000 articles (generates
#                   about 570 MB once; several minutes)
#   make install    PREFIX=/usr/local DESTDIR=
#   make SANITIZE=1 check
#                   build into build-san with AddressSanitizer and UBSan
#                   (any error fails) and run every test against that build
#                   (a sibling of build/, so that its tandem finds ../corpus)
#   make fuzz       build the libFuzzer targets of tests/fuzz/ with clang into
#                   build/fuzz and run each for FUZZ_SECONDS (default 60);
#                   FUZZ_TARGETS="text align" picks some
#   make V=1        show the commands
#
# BUILD=dir puts objects and binaries elsewhere (default build, build-san with
# SANITIZE=1); the test scripts are told which build to run.

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/tandem
MANDIR  ?= $(PREFIX)/share/man
DESTDIR ?=
VERSION := 0.1.0

CC      ?= cc
PKG_CONFIG ?= pkg-config
ifneq ($(origin BUILD),command line)
BUILD := $(if $(filter 1,$(FUZZER)),build/fuzz,$(if $(filter 1,$(SANITIZE)),build-san,build))
endif
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang

ifeq ($(V),1)
Q :=
else
Q := @
endif

# pkg-config gives -D_XOPEN_SOURCE=600 for ncursesw; we set our own feature macros.
# sqlite3 holds the on-disk index of a corpus (src/corpus/index.c).
pc_inc = $(filter -I%,$(shell $(PKG_CONFIG) --cflags $(1) 2>/dev/null))

CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wno-unused-parameter
CPPFLAGS += -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE_EXTENDED \
           -DTANDEM_VERSION='"$(VERSION)"' -DTANDEM_DATADIR='"$(DATADIR)"' \
           -Iinclude $(call pc_inc,fribidi ncursesw icu-uc sqlite3)
ifeq ($(SANITIZE),1)
CFLAGS  += -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
LDFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=all
endif
# FUZZER=1 (set by tests/fuzz/run.sh, with CC=clang): objects instrumented for
# libFuzzer, targets linked with its main instead of tests/fuzz/driver.c.
ifeq ($(FUZZER),1)
CFLAGS  += -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
           -fno-omit-frame-pointer
FUZZ_LDFLAGS := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_MAIN :=
else
FUZZ_LDFLAGS :=
FUZZ_MAIN := tests/fuzz/driver.c
endif

TEXT_LIBS   := $(shell $(PKG_CONFIG) --libs fribidi 2>/dev/null || echo -lfribidi) \
               $(shell $(PKG_CONFIG) --libs icu-uc 2>/dev/null || echo -licuuc -licudata) -lunistring
# Languages are identified from libexttextcat's fingerprints (read by
# src/corpus/langid.c, which computes the library's measure itself: nothing
# of the library is linked); they live in its pkgdatadir.
TEXTCAT_DIR := $(shell $(PKG_CONFIG) --variable=pkgdatadir libexttextcat 2>/dev/null)
ifeq ($(TEXTCAT_DIR),)
TEXTCAT_DIR := /usr/share/libexttextcat
endif
CORPUS_LIBS := $(TEXT_LIBS) $(shell $(PKG_CONFIG) --libs sqlite3 2>/dev/null || echo -lsqlite3) -lm -pthread
$(BUILD)/src/corpus/langid.o: CPPFLAGS += -DTANDEM_TEXTCAT_DIR='"$(TEXTCAT_DIR)"'
UI_LIBS     := $(shell $(PKG_CONFIG) --libs ncursesw 2>/dev/null || echo -lncursesw) $(CORPUS_LIBS)
TEST_LIBS   := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)

TEXT_SRC   := $(sort $(wildcard src/text/*.c))
CORPUS_SRC := $(sort $(wildcard src/corpus/*.c))
UI_SRC     := $(sort $(wildcard src/ui/*.c))
CLI_SRC    := $(sort $(wildcard src/cli/*.c))
TEXT_OBJ   := $(TEXT_SRC:%.c=$(BUILD)/%.o)
CORPUS_OBJ := $(CORPUS_SRC:%.c=$(BUILD)/%.o)
UI_OBJ     := $(UI_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ    := $(CLI_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ   := $(BUILD)/src/main.o

# Unit tests link text and corpus objects only, never ncursesw: a curses call
# in those layers fails to link, so the layering enforces itself.
UNIT_SRC   := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN   := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
CONF_SRC   := $(sort $(wildcard tests/conformance/*.c))
CONF_BIN   := $(CONF_SRC:tests/conformance/%.c=$(BUILD)/tests/conf_%)
BENCH_BIN  := $(BUILD)/bench/bench_layout
GROWTH_BIN := $(BUILD)/bench/bench_growth
GEN_BIN    := $(BUILD)/bench/gen_corpus
READER_BIN := $(BUILD)/bench/bench_reader
KEYS_BIN   := $(BUILD)/bench/bench_keys
BENCH_DIR  := $(BUILD)/bench

# Fuzz targets: tests/fuzz/NAME.c defines LLVMFuzzerTestOneInput; its seeds
# are in tests/fuzz/NAME/. `make check` links each with driver.c and runs it
# over its seeds; `make fuzz` links it with libFuzzer. The config and state
# readers live in src/ui and need their neighbours and ncursesw.
FUZZ_NAMES := $(filter-out driver,$(basename $(notdir $(wildcard tests/fuzz/*.c))))
FUZZ_BIN   := $(FUZZ_NAMES:%=$(BUILD)/tests/fuzz_%)
FUZZ_UI    := config state
FUZZ_UI_OBJ := $(addprefix $(BUILD)/src/ui/,config.o keymap.o state.o theme.o)

.PHONY: all run check unit conformance golden e2e fuzz fuzz-smoke fuzz-bins bench bench-large install \
        uninstall clean bootstrap

all: $(BUILD)/tandem

bootstrap:
	$(Q)sh scripts/bootstrap

run: bootstrap
	$(Q)$(MAKE) --no-print-directory all
	$(BUILD)/tandem corpus

check: bootstrap
	$(Q)$(MAKE) --no-print-directory all $(UNIT_BIN) $(CONF_BIN) $(FUZZ_BIN)
	$(Q)BUILD=$(BUILD) SANITIZE=$(SANITIZE) sh tests/run-all.sh

unit: $(UNIT_BIN)
	$(Q)for t in $(UNIT_BIN); do $$t || exit 1; done

conformance: $(CONF_BIN)
	$(Q)for t in $(CONF_BIN); do $$t || exit 1; done

golden: $(BUILD)/tandem
	$(Q)BUILD=$(BUILD) sh tests/golden/run.sh

e2e: $(BUILD)/tandem
	$(Q)BUILD=$(BUILD) sh tests/e2e/run.sh

# The fuzz targets over their seeds, without clang.
fuzz-smoke: $(FUZZ_BIN)
	$(Q)for t in $(FUZZ_NAMES); do $(BUILD)/tests/fuzz_$$t tests/fuzz/$$t || exit 1; done

fuzz:
	$(Q)FUZZ_CC="$(FUZZ_CC)" FUZZ_SECONDS="$(FUZZ_SECONDS)" FUZZ_TARGETS="$(FUZZ_TARGETS)" \
		MAKE="$(MAKE)" sh tests/fuzz/run.sh

fuzz-bins: $(FUZZ_BIN)

# `make bench`: every figure with its budget (README, "How to benchmark").
# The generated corpora stay under $(BENCH_DIR) (a stamp file says they are
# complete) and are reused.
bench: bootstrap
	$(Q)$(MAKE) --no-print-directory all $(BENCH_BIN) $(GROWTH_BIN) $(GEN_BIN) $(READER_BIN) \
		$(KEYS_BIN)
	$(Q)$(BENCH_BIN) corpus layout
	$(Q)sh bench/instructions.sh $(BENCH_BIN) corpus
	$(Q)$(GEN_BIN) $(BENCH_DIR) 10000
	$(Q)$(READER_BIN) $(BUILD)/tandem $(BENCH_DIR)/reader frame bundled 10 9 corpus
	$(Q)$(READER_BIN) $(BUILD)/tandem $(BENCH_DIR)/reader frame 10k 150 3 $(BENCH_DIR)/corpus-10000
	$(Q)$(READER_BIN) $(BUILD)/tandem $(BENCH_DIR)/reader frame 10k-plain 150 2 \
		$(BENCH_DIR)/plain-10000
	$(Q)$(READER_BIN) $(BUILD)/tandem $(BENCH_DIR)/reader search 10k 50 \
		$(BENCH_DIR)/corpus-10000 convention Ouagadougou
	$(Q)$(KEYS_BIN) corpus $(BENCH_DIR)/keys
	$(Q)$(READER_BIN) $(BUILD)/tandem $(BENCH_DIR)/reader bytes corpus
	$(Q)$(GROWTH_BIN) $(BUILD)/tandem corpus $(BUILD)/bench/growth

# The same figures at 100,000 articles (about 570 MB of text generated once
# under $(BENCH_DIR), and several minutes).
bench-large: bootstrap
	$(Q)$(MAKE) --no-print-directory all $(GEN_BIN) $(READER_BIN)
	$(Q)$(GEN_BIN) $(BENCH_DIR) 100000
	$(Q)$(READER_BIN) $(BUILD)/tandem $(BENCH_DIR)/reader frame 100k 400 2 \
		$(BENCH_DIR)/corpus-100000
	$(Q)$(READER_BIN) $(BUILD)/tandem $(BENCH_DIR)/reader frame 100k-plain 400 1 \
		$(BENCH_DIR)/plain-100000
	$(Q)$(READER_BIN) $(BUILD)/tandem $(BENCH_DIR)/reader search 100k 150 \
		$(BENCH_DIR)/corpus-100000 convention Ouagadougou

$(BUILD)/tandem: $(MAIN_OBJ) $(CLI_OBJ) $(UI_OBJ) $(CORPUS_OBJ) $(TEXT_OBJ)
	@echo "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(UI_LIBS)

# The word breaks of Thai, Lao, Khmer and Myanmar are judged by breakers
# independent of ICU: libthai for Thai, and for the others the maximal
# matching (fewest words) that the test does over a word list that is not ICU's —
# LibreOffice's Lao list (Debian hunspell-lo) and the Khmer and Burmese lists
# inside Tesseract's trained data (tesseract-ocr-khm, -mya), unpacked here
# with Tesseract's own tools.
THAI_LIBS := $(shell $(PKG_CONFIG) --libs libthai datrie-0.2 2>/dev/null || echo -lthai -ldatrie)
TESSDATA  ?= $(firstword $(wildcard /usr/share/tesseract-ocr/*/tessdata /usr/share/tessdata))
WORDLISTS := $(BUILD)/tests/wordlists

$(WORDLISTS)/%.words:
	@mkdir -p $(dir $@)
	@echo "  WORDS   $@"
	$(Q)test -r "$(TESSDATA)/$*.traineddata" || { \
		echo "no $*.traineddata in '$(TESSDATA)' (tesseract-ocr-$*; run scripts/bootstrap)" >&2; exit 1; }
	$(Q)combine_tessdata -u "$(TESSDATA)/$*.traineddata" $(WORDLISTS)/$*. >/dev/null 2>&1 && \
		dawg2wordlist $(WORDLISTS)/$*.lstm-unicharset $(WORDLISTS)/$*.lstm-word-dawg $@.tmp \
		>/dev/null 2>&1 && mv $@.tmp $@
	$(Q)rm -f $(WORDLISTS)/$*.lstm* $(WORDLISTS)/$*.version

$(BUILD)/tests/test_text_wordbreak: tests/unit/test_text_wordbreak.c tests/unit/testutil.h \
                                    $(TEXT_OBJ) $(WORDLISTS)/khm.words $(WORDLISTS)/mya.words
	@mkdir -p $(dir $@)
	@echo "  CC/LD   $@"
	$(Q)$(CC) $(CPPFLAGS) -DWORDLISTS='"$(WORDLISTS)"' $(CFLAGS) $(LDFLAGS) -o $@ \
		$(filter %.c %.o,$^) $(TEXT_LIBS) $(THAI_LIBS) $(TEST_LIBS)

$(BUILD)/tests/test_text_%: tests/unit/test_text_%.c tests/unit/testutil.h $(TEXT_OBJ)
	@mkdir -p $(dir $@)
	@echo "  CC/LD   $@"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $(filter-out %.h,$^) $(TEXT_LIBS) $(TEST_LIBS)

# the state file module has no curses call: its test links it alone from src/ui
$(BUILD)/tests/test_state: tests/unit/test_state.c tests/unit/testutil.h $(BUILD)/src/ui/state.o \
                           $(CORPUS_OBJ) $(TEXT_OBJ)
	@mkdir -p $(dir $@)
	@echo "  CC/LD   $@"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $(filter-out %.h,$^) $(CORPUS_LIBS) $(TEST_LIBS)

$(BUILD)/tests/test_%: tests/unit/test_%.c tests/unit/testutil.h $(CORPUS_OBJ) $(TEXT_OBJ)
	@mkdir -p $(dir $@)
	@echo "  CC/LD   $@"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $(filter-out %.h,$^) $(CORPUS_LIBS) $(TEST_LIBS)

$(BUILD)/tests/conf_%: tests/conformance/%.c tests/conformance/harness.h $(TEXT_OBJ)
	@mkdir -p $(dir $@)
	@echo "  CC/LD   $@"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $(filter-out %.h,$^) $(TEXT_LIBS)

$(FUZZ_UI:%=$(BUILD)/tests/fuzz_%): $(FUZZ_UI_OBJ)
$(BUILD)/tests/fuzz_%: tests/fuzz/%.c tests/fuzz/fuzz.h $(FUZZ_MAIN) $(CORPUS_OBJ) $(TEXT_OBJ)
	@mkdir -p $(dir $@)
	@echo "  CC/LD   $@"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) $(FUZZ_LDFLAGS) -o $@ $(filter-out %.h,$^) \
		$(if $(filter $(FUZZ_UI),$*),$(UI_LIBS),$(CORPUS_LIBS))

$(BENCH_BIN): bench/bench_layout.c $(CORPUS_OBJ) $(TEXT_OBJ)
	@mkdir -p $(dir $@)
	@echo "  CC/LD   $@"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(CORPUS_LIBS)

$(GROWTH_BIN): bench/bench_growth.c
	@mkdir -p $(dir $@)
	@echo "  CC/LD   $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $<

$(GEN_BIN): bench/gen_corpus.c
	@mkdir -p $(dir $@)
	@echo "  CC/LD   $@"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $<

$(READER_BIN): bench/bench_reader.c
	@mkdir -p $(dir $@)
	@echo "  CC/LD   $@"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $<

# links the reader's objects (src/ui too) to replay keys in-process
$(KEYS_BIN): bench/bench_keys.c $(UI_OBJ) $(CORPUS_OBJ) $(TEXT_OBJ)
	@mkdir -p $(dir $@)
	@echo "  CC/LD   $@"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(UI_LIBS) -lpthread

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

install: $(BUILD)/tandem
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/corpus $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BUILD)/tandem $(DESTDIR)$(BINDIR)/tandem
	install -m 644 corpus/*.txt corpus/corpus.ini $(DESTDIR)$(DATADIR)/corpus/
	install -m 644 man/tandem.1 $(DESTDIR)$(MANDIR)/man1/tandem.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/tandem $(DESTDIR)$(MANDIR)/man1/tandem.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf $(BUILD) $(if $(filter command line,$(origin BUILD)),,build build-san)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
