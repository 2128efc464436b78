#!/bin/sh
# R reveals invisible characters: a right-to-left override disguising text
# ("olleh" shown as "hello"), a zero-width joiner and a word joiner show as
# marks, the override no longer acts, and R again hides them — in the
# article, the compare view and the raw view, at the same paragraph; the
# renderers do the same with --reveal.
. "$(dirname "$0")/lib.sh"
C="$TMP/rv"
mkdir -p "$C"
RLO=$(printf '\342\200\256')
PDF=$(printf '\342\200\254')
ZWJ=$(printf '\342\200\215')
cat >"$C/corpus.ini" <<EOF2
[article a]
file = a.txt
lang = en
group = g
[article b]
file = b.txt
lang = en
group = g
EOF2
{
	printf 'A spoofed title\n\n'
	i=1
	while [ $i -le 30 ]; do
		printf 'Paragraph %d of the report, long enough to be a paragraph of substance.\n\n' $i
		i=$((i + 1))
	done
	printf 'Pay the invoice to account %solleh%s now, key%sword.\n' "$RLO" "$PDF" "$ZWJ"
} >"$C/a.txt"
cp "$C/a.txt" "$C/b.txt"

start 100 30 xterm-256color --open a "'$C'"
check "reveal: article opened" "spoofed title"
keys G
check "reveal: the disguised text shows disguised" "account hello now, keyword."
if ! screen | grep -qF '<RLO>'; then ok "reveal: no marks by default"; else notok "reveal: no marks by default"; fi
keys R
check "reveal: marks shown, the override undone" "account <RLO>olleh<PDF> now, key<ZWJ>word."
check "reveal: said on the status line" "invisible characters shown as marks"
keys g
check "reveal: still at the top" "spoofed title"
keys G
keys R
check "reveal: R again hides them" "account hello now, keyword."
keys R c
check "reveal: compare view opened" "[sync]"
keys G
check "reveal: compare shows marks" "account <RLO>olleh<PDF>"
n=$(screen | grep -oF 'account <RLO>olleh<PDF>' | wc -l)
if [ "$n" -ge 2 ]; then ok "reveal: both compare columns"; else notok "reveal: both compare columns" "$n"; fi
keys R
check "reveal: compare hides them again" "account hello now"
keys q R r
check "reveal: raw view" "(raw:"
keys G
check "reveal: raw view shows marks" "<RLO>olleh<PDF>"
keys Q
check "reveal: quits" "EXIT=0"

out=$("$TANDEM" --dump a --reveal --width 100 "$C" 2>&1)
if echo "$out" | grep -qF 'account <RLO>olleh<PDF> now, key<ZWJ>word.'; then ok "--dump --reveal"; else notok "--dump --reveal" "$out"; fi
out=$("$TANDEM" --dump a --width 100 "$C" 2>&1)
if echo "$out" | grep -qF 'account hello now, keyword.'; then ok "--dump hides them"; else notok "--dump hides them" "$out"; fi
out=$(printf 'x%sy\n' "$(printf '\342\201\244')" | "$TANDEM" --render --reveal 2>&1)
if [ "$out" = 'x<U+2064>y' ]; then ok "--render --reveal: a mark without a name"; else notok "--render --reveal: a mark without a name" "$out"; fi
finish
