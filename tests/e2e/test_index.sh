#!/bin/sh
# The on-disk index: a 2,000-article corpus opened twice in the reader; the
# first start shows it at once and reads every article while it is used
# (progress on the status line), the second reads none but the one it
# shows (every file opened is logged through TANDEM_TEST_OPEN_LOG), and
# --list gives the same lines from the index as from the files
# (--no-cache). --reindex reads everything again. A long load shows its
# progress on a terminal.
. "$(dirname "$0")/lib.sh"

BIG="$TMP/big"
gen_corpus "$BIG" 2000
# txt_reads LOG: how many article files the log says were opened
txt_reads() { if [ -f "$1" ]; then grep -c '\.txt$' "$1"; else echo 0; fi; }

# first start: the reader shows the corpus at once and reads the files
# while it is used (each batch held 300 ms, so that this is seen): the
# progress on the status line, placeholders for what is not read yet, keys
# answered, an article opened before its turn read then
ENV_EXTRA="TANDEM_TEST_OPEN_LOG=$TMP/open1 TANDEM_TEST_INDEX_DELAY_MS=300"
start 100 30 xterm-256color "'$BIG'"
TIMEOUT_TICKS=600 check "index: first start shows the reader" "a00000"
if status_line | grep -q 'indexing [0-9,]* / 2,000'; then ok "index: progress on the status line"; else
	notok "index: progress on the status line" "$(status_line)"; fi
keys G
check "index: keys answered while indexing" "2000/2000"
if status_line | grep -q 'a01999 not read yet' && screen | grep -q ' a01999$'; then
	ok "index: an article not read yet shows its id"; else
	notok "index: an article not read yet shows its id" "$(status_line)"; fi
keys Enter
check "index: an article opened before its turn is read then" "Article 1999: the summit opens"
if status_line | grep -q 'indexing'; then ok "index: opened while indexing"; else
	notok "index: opened while indexing" "$(status_line)"; fi
keys q
TIMEOUT_TICKS=900 wait_gone "indexing"
if ! status_line | grep -q 'indexing'; then ok "index: the progress leaves when done"; else
	notok "index: the progress leaves when done" "$(status_line)"; fi
check "index: the title read replaces the placeholder" "Article 1999: the summit opens"
n=$(txt_reads "$TMP/open1")
if [ "$n" -ge 2000 ]; then ok "index: first start reads every article"; else
	notok "index: first start reads every article" "$n read"; fi
keys Q
check "index: first start quits" "EXIT=0"
if ls "$XDG_CACHE_HOME"/tandem/*-big.db >/dev/null 2>&1; then ok "index: written in XDG_CACHE_HOME/tandem"; else
	notok "index: written in XDG_CACHE_HOME/tandem" "$(ls -R "$XDG_CACHE_HOME" 2>&1)"; fi

# second start: from the index
ENV_EXTRA="TANDEM_TEST_OPEN_LOG=$TMP/open2"
start 100 30 xterm-256color "'$BIG'"
# (it reopens the article read last)
check "index: second start shows the reader" "Article 1999: the summit opens"
settle
n=$(txt_reads "$TMP/open2")
if [ "$n" -le 1 ]; then ok "index: second start reads no article but the one shown"; else
	notok "index: second start reads no article but the one shown" "$n read: $(head -3 "$TMP/open2")"; fi
keys Q
check "index: second start quits" "EXIT=0"

# --list from the index: nothing read, the same lines as from the files
TANDEM_TEST_OPEN_LOG="$TMP/open3" "$TANDEM" --list "$BIG" >"$TMP/list-warm" 2>"$TMP/err-warm"
n=$(txt_reads "$TMP/open3")
if [ "$n" -eq 0 ]; then ok "index: --list reads no article"; else notok "index: --list reads no article" "$n read"; fi
"$TANDEM" --no-cache --list "$BIG" >"$TMP/list-files" 2>"$TMP/err-files"
if [ "$(wc -l <"$TMP/list-warm")" -eq 2000 ] && cmp -s "$TMP/list-warm" "$TMP/list-files"; then
	ok "index: --list the same as without the index"; else
	notok "index: --list the same as without the index" "$(diff "$TMP/list-warm" "$TMP/list-files" | head -5)"; fi
if [ ! -s "$TMP/err-warm" ]; then ok "index: no message when all is well"; else
	notok "index: no message when all is well" "$(head -3 "$TMP/err-warm")"; fi

# evidence from the index: the links it keeps for each article, so that
# only the articles whose paragraphs are printed are read (r08 holds every
# trigram of "Zanzibar", in two paragraphs, and no paragraph of it holds
# the word: the trigram table names it, its links say no); the same
# paragraphs as read from the files
EV="$TMP/ev"
mkdir -p "$EV"
printf '[event meeting]\ndate = 2019-03-03\ntitle = The Lyon meeting\n' >"$EV/corpus.ini"
printf '\n[event summit]\ndate = 2030-05-05\ntitle = A summit\nkeywords = heliotrope garden, Zanzibar\n' >>"$EV/corpus.ini"
for i in 01 02 03 04 05 06 07 08 09 10 11 12; do
	case $i in
	01 | 02) day="3 March 2019" date=2019-03-05 ;;
	*) day="12 June 2021" date=2021-06-20 ;;
	esac
	printf 'Report %s\n\nThe delegates met on %s in Lyon, %s of them.\n' "$i" "$day" "$i" >"$EV/r$i.txt"
	[ "$i" = 08 ] && printf '\nA Zanzi boat.\n\nA zibar.\n' >>"$EV/r$i.txt"
	[ "$i" = 07 ] && printf '\nThey walked in the Heliotrope Garden.\n' >>"$EV/r$i.txt"
	printf '\n[article r%s]\nfile = r%s.txt\nlang = en\ndate = %s\n' "$i" "$i" "$date" >>"$EV/corpus.ini"
done
"$TANDEM" --list "$EV" >/dev/null 2>&1
# evidence_reads NAME EVENT READS PATTERN: ok when --evidence EVENT opens
# READS article files, prints a line matching PATTERN, and prints what it
# prints without the index
evidence_reads() {
	rm -f "$TMP/open-$2"
	TANDEM_TEST_OPEN_LOG="$TMP/open-$2" "$TANDEM" --evidence "$2" "$EV" >"$TMP/ev-$2" 2>/dev/null
	"$TANDEM" --no-cache --evidence "$2" "$EV" >"$TMP/ev-$2-files" 2>/dev/null
	n=$(txt_reads "$TMP/open-$2")
	if [ "$n" -eq "$3" ] && grep -q "$4" "$TMP/ev-$2" && cmp -s "$TMP/ev-$2" "$TMP/ev-$2-files"; then
		ok "$1"; else
		notok "$1" "$n read: $(cat "$TMP/ev-$2"; diff "$TMP/ev-$2" "$TMP/ev-$2-files" | head -5)"; fi
}
evidence_reads "index: evidence reads only the articles that mention the event's day" meeting 2 \
	'^r01#p2 .*3 March 2019'
if grep -q '^r02#p2 ' "$TMP/ev-meeting"; then ok "index: evidence: both of them"; else
	notok "index: evidence: both of them" "$(cat "$TMP/ev-meeting")"; fi
# the manifest as read is kept in the index: not read again while unchanged
if ! grep -q 'corpus\.ini$' "$TMP/open-meeting"; then ok "index: the manifest as read is kept"; else
	notok "index: the manifest as read is kept" "$(cat "$TMP/open-meeting")"; fi
evidence_reads "index: a keyword's evidence read from the one article that holds it" summit 1 \
	'^r07#p3 .*keyword'
# the event's keywords changed: the links kept were found for the old ones,
# and the articles are read again, with what the files say
sed -i 's/^keywords = heliotrope garden, Zanzibar$/keywords = delegates met/' "$EV/corpus.ini"
evidence_reads "index: links found for other keywords are not taken" summit 12 '^r08#p2 .*keyword'
if [ "$(grep -c 'keyword' "$TMP/ev-summit")" -eq 12 ]; then ok "index: evidence: all twelve"; else
	notok "index: evidence: all twelve" "$(cat "$TMP/ev-summit")"; fi
if grep -q 'corpus\.ini$' "$TMP/open-summit"; then ok "index: a changed manifest is read again"; else
	notok "index: a changed manifest is read again" "$(cat "$TMP/open-summit")"; fi

# a file changed on disk: read again, and listed with its new title
printf 'A changed article, longer than before.\n' >"$BIG/a00007.txt"
TANDEM_TEST_OPEN_LOG="$TMP/open4" "$TANDEM" --list "$BIG" >"$TMP/list-changed" 2>/dev/null
n=$(txt_reads "$TMP/open4")
if [ "$n" -eq 1 ] && grep -q '^a00007 .*A changed article' "$TMP/list-changed"; then
	ok "index: a changed file is read again"; else
	notok "index: a changed file is read again" "$n read; $(grep '^a00007' "$TMP/list-changed")"; fi

# --reindex: every article read again
TANDEM_TEST_OPEN_LOG="$TMP/open5" "$TANDEM" --reindex --list "$BIG" >/dev/null 2>"$TMP/err-re"
n=$(txt_reads "$TMP/open5")
if [ "$n" -eq 2000 ] && [ ! -s "$TMP/err-re" ]; then ok "index: --reindex reads everything"; else
	notok "index: --reindex reads everything" "$n read; $(head -2 "$TMP/err-re")"; fi

# garbage over the index: one message, the list as before, then whole again
db=$(ls "$XDG_CACHE_HOME"/tandem/*-big.db)
head -c 8192 /dev/urandom >"$db"
"$TANDEM" --check "$BIG" >"$TMP/check" 2>&1
if [ "$(grep -c 'index' "$TMP/check")" -eq 1 ] && grep -q 'damaged.*rebuilt' "$TMP/check"; then
	ok "index: a damaged index is rebuilt, said once"; else
	notok "index: a damaged index is rebuilt, said once" "$(grep index "$TMP/check" | head -3)"; fi
TANDEM_TEST_OPEN_LOG="$TMP/open6" "$TANDEM" --list "$BIG" >"$TMP/list-again" 2>/dev/null
if [ "$(txt_reads "$TMP/open6")" -eq 0 ] && cmp -s "$TMP/list-again" "$TMP/list-changed"; then
	ok "index: rebuilt whole"; else notok "index: rebuilt whole"; fi

# a long load shows its progress on a terminal, and wipes it when done
shell_session 100 10
keys "TANDEM_TEST_INDEX_DELAY_MS=300 '$TANDEM' --reindex --list '$BIG' >/dev/null; echo DONE=\$?" Enter
TIMEOUT_TICKS=300 check "index: progress shown" "tandem: indexing "
if screen | grep -q 'indexing [0-9,]* / 2,000'; then ok "index: progress counts"; else
	notok "index: progress counts"; fi
TIMEOUT_TICKS=300 check "index: progress: done" "DONE=0"
if ! screen | grep -q 'indexing'; then ok "index: progress wiped"; else notok "index: progress wiped"; fi

# --no-cache writes nothing
rm -rf "$XDG_CACHE_HOME/tandem"
"$TANDEM" --no-cache --list "$BIG" >/dev/null 2>&1
if [ ! -e "$XDG_CACHE_HOME/tandem" ]; then ok "index: --no-cache writes nothing"; else
	notok "index: --no-cache writes nothing"; fi

finish
