#!/bin/sh
# Files that are not UTF-8 text in a corpus directory: a PNG, noise, an
# Arabic article in windows-1256 and a Russian one in windows-1251 beside
# good UTF-8 files. --check names each (left out, or decoded from what),
# --list opens the rest, the decoded articles read as text, and the reader
# starts and shows them. The files are made here with printf and iconv.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C.UTF-8

D="$TMP/mixed"
mkdir -p "$D"
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\001\000\000\000\000\300\010\006\000\000\000\037\363\377a\000\000\000\tpHYs' >"$D/image.txt"
printf '\037\213\010\000\000\000\000\000\000\003\313H\315\311\311W(\317/\312I\341\002\000' >"$D/notes.txt"
printf 'قال وزير الخارجية يوم الخميس إن الاتفاقية ستدخل حيز التنفيذ العام المقبل، بعد أن تصادق عليها ثلاثون دولة؛ واجتمعت الوفود في هانوي.\n' |
	iconv -f UTF-8 -t CP1256 >"$D/ar-khabar.txt" || exit 1
printf 'Министр иностранных дел заявил в четверг, что конвенция вступит в силу в следующем году, после того как её ратифицируют тридцать государств.\n' |
	iconv -f UTF-8 -t CP1251 >"$D/ru-novosti.txt" || exit 1
cp "$ROOT/corpus/fr-rehearsal-vietnamplus.txt" "$D/fr-rehearsal.txt"
cp "$ROOT/tests/data/corpora/plain/b-id-catatan.txt" "$D/id-catatan.txt"

"$TANDEM" --check "$D" >"$TMP/out" 2>"$TMP/err"
rc=$?
if [ $rc -eq 1 ]; then ok "--check: exit 1 (files left out)"; else notok "--check: exit 1 (files left out)" "rc=$rc"; fi
if grep -q "image.txt: error: not a text file (a PNG image); left out" "$TMP/err"; then ok "--check: the PNG named"; else
	notok "--check: the PNG named" "$(cat "$TMP/err")"; fi
if grep -q "notes.txt: error: not a text file (gzip data)" "$TMP/err"; then ok "--check: the gzip named"; else
	notok "--check: the gzip named" "$(cat "$TMP/err")"; fi
if grep -q "ar-khabar.txt: info: decoded from windows-1256" "$TMP/err"; then ok "--check: windows-1256 decoded"; else
	notok "--check: windows-1256 decoded" "$(cat "$TMP/err")"; fi
if grep -q "ru-novosti.txt: info: decoded from windows-1251" "$TMP/err"; then ok "--check: windows-1251 decoded"; else
	notok "--check: windows-1251 decoded" "$(cat "$TMP/err")"; fi
if grep -q "^4 article(s), 0 event(s): 2 error(s), " "$TMP/out"; then ok "--check: four articles"; else
	notok "--check: four articles" "$(tail -1 "$TMP/out")"; fi
if ! grep -q "U+FFFD" "$TMP/err"; then ok "--check: no U+FFFD"; else notok "--check: no U+FFFD" "$(cat "$TMP/err")"; fi

"$TANDEM" --list "$D" >"$TMP/out" 2>"$TMP/err"
rc=$?
ids=$(cut -d' ' -f1 "$TMP/out" | sort | tr '\n' ' ')
if [ $rc -eq 0 ] && [ "$ids" = "ar-khabar fr-rehearsal id-catatan ru-novosti " ]; then ok "--list: the rest opens"; else
	notok "--list: the rest opens" "rc=$rc ids=$ids"; fi
if grep -q '^ar-khabar  *ar ' "$TMP/out"; then ok "--list: the decoded Arabic is Arabic"; else notok "--list: the decoded Arabic is Arabic" "$(cat "$TMP/out")"; fi
if grep -q 'not a text file' "$TMP/err" && ! grep -q 'decoded from' "$TMP/err"; then ok "--list: refusals on stderr, notes only in --check"; else
	notok "--list: refusals on stderr, notes only in --check" "$(cat "$TMP/err")"; fi
n=$("$TANDEM" --dump ar-khabar "$D" 2>/dev/null | grep -c 'هانوي')
if [ "$n" -eq 1 ]; then ok "--dump: the windows-1256 text read"; else notok "--dump: the windows-1256 text read" "$n"; fi
n=$("$TANDEM" --dump ru-novosti "$D" 2>/dev/null | grep -c 'ратифицируют')
if [ "$n" -eq 1 ]; then ok "--dump: the windows-1251 text read"; else notok "--dump: the windows-1251 text read" "$n"; fi

# a file named alone that is not text: said, nothing to show
"$TANDEM" --list "$D/image.txt" >"$TMP/out" 2>"$TMP/err"
rc=$?
if [ $rc -eq 1 ] && grep -q "image.txt: error: not a text file" "$TMP/err" && grep -q "no article to show" "$TMP/err"; then
	ok "a lone binary file: refused"; else notok "a lone binary file: refused" "rc=$rc $(cat "$TMP/err")"; fi

# the reader starts on the list of the articles that opened, the decoded
# ones among them, and reads the decoded Arabic shaped, right to left
start 100 30 xterm-256color "'$D'"
check "reader: starts on the list" "1/4  list"
if screen | grep -q "Министр иностранных дел" && ! screen | grep -q "PNG"; then ok "reader: the rest listed, the PNG not"; else
	notok "reader: the rest listed, the PNG not"; fi
keys Enter
check "reader: the decoded Arabic article" "ar-khabar ar undated"
# (the list's status line names the selected article too: wait for the text)
check "reader: the windows-1256 text shown shaped" "ﻱﻮﻧﺎﻫ ﻲﻓ ﺩﻮﻓﻮﻟﺍ"
keys Q
check "reader: quits" "EXIT=0"
finish
