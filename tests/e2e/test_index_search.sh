#!/bin/sh
# Corpus-wide search through the index: in the reader, while it builds the
# index of a 2,000-article corpus, every article is searched; once the index
# is warm, a search for a word three articles hold opens
# those three files and no other (every file opened is logged through
# TANDEM_TEST_OPEN_LOG), and lists the same hits as with --no-cache; a word
# most articles hold shows its first hits before every article is read
# (with or without the index), and G reaches the same count as --no-cache.
. "$(dirname "$0")/lib.sh"

BIG="$TMP/big"
gen_corpus "$BIG" 2000
for f in a00010 a00777 a01999; do
	printf '\nLe maire de Ouagadougou est venu.\n' >>"$BIG/$f.txt"
done
# txt_opened LOG: the article files the log names, one each, sorted
txt_opened() { if [ -f "$1" ]; then grep '\.txt$' "$1" | sed 's|.*/||' | sort -u; fi; }

# the index, built by a first reader (each batch held 300 ms): a search
# while it reads the files finds what every article holds, those not read
# yet too (the index does not have them all: every file is searched)
TIMEOUT_TICKS=600
ENV_EXTRA="TANDEM_TEST_INDEX_DELAY_MS=300"
start 100 30 xterm-256color "'$BIG'"
check "index search: reader shows the corpus while indexing" "indexing "
keys /ouagadougou Enter
check "index search: while indexing, every article searched" "3 matches in the corpus"
if screen | grep -q '^ *a01999 ' && status_line | grep -q 'indexing'; then
	ok "index search: an article not indexed yet is found"; else
	notok "index search: an article not indexed yet is found" "$(status_line)"; fi
keys Escape q
wait_gone "indexing"
keys Q
check "index search: first reader quits" "EXIT=0"

# a rare word: only its three articles are read
ENV_EXTRA="TANDEM_TEST_OPEN_LOG=$TMP/open1"
start 100 30 xterm-256color "'$BIG'"
check "index search: reader shows the corpus" "a00000"
settle
rm -f "$TMP/open1"
keys /ouagadougou Enter
check "index search: a rare word is found" "3 matches in the corpus"
got=$(txt_opened "$TMP/open1" | tr '\n' ' ')
if [ "$got" = "a00010.txt a00777.txt a01999.txt " ]; then
	ok "index search: only the candidates' files are read"; else
	notok "index search: only the candidates' files are read" "read: $(echo "$got" | cut -c1-200)"; fi
screen | sed '$d' | grep 'a0' >"$TMP/rare-index"

# a common word: the first screen before every article is read, then all
rm -f "$TMP/open1"
keys Escape q
settle
keys /hanoi Enter
check "index search: a common word shows its first hits" "matches so far in the corpus"
n=$(txt_opened "$TMP/open1" | wc -l)
if [ "$n" -gt 0 ] && [ "$n" -lt 1000 ]; then ok "index search: the first screen reads part of the corpus"; else
	notok "index search: the first screen reads part of the corpus" "$n read"; fi
keys G
check "index search: G searches to the end" "1500 matches in the corpus"
keys Q
check "index search: quits" "EXIT=0"

# --no-cache: the same hits
ENV_EXTRA=
start 100 30 xterm-256color --no-cache "'$BIG'"
check "index search: --no-cache reader" "a00000"
# its files read (the fields of those not read yet are placeholders)
wait_gone "reading "
keys /ouagadougou Enter
check "index search: --no-cache finds the rare word" "3 matches in the corpus"
screen | sed '$d' | grep 'a0' >"$TMP/rare-plain"
if [ -s "$TMP/rare-plain" ] && cmp -s "$TMP/rare-index" "$TMP/rare-plain"; then
	ok "index search: the same hits as --no-cache"; else
	notok "index search: the same hits as --no-cache" "$(diff "$TMP/rare-index" "$TMP/rare-plain" | head -5)"; fi
keys Escape q
settle
keys /hanoi Enter
check "index search: --no-cache common word" "matches so far in the corpus"
keys G
check "index search: --no-cache G" "1500 matches in the corpus"
keys Q
check "index search: --no-cache quits" "EXIT=0"
finish
