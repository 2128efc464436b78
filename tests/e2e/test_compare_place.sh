#!/bin/sh
# The compare view keeps the reader's place: c from an article opens it with
# the paragraph being read on the top row of the article's column and its
# aligned counterpart beside it; q returns to the article at the paragraph
# (and line) the compare view was showing, and exactly where it was when the
# compare view did not move (c q c q drifts nowhere); a mark set in the compare view
# and the saved position lead back there.
. "$(dirname "$0")/lib.sh"

# the text of the left column on screen row N (compare view)
left() { line "$1" | sed 's/ *│.*//'; }
# the text right of the gap on screen row N
right() { line "$1" | sed -n 's/^.*│ *//p'; }
# the first three words of a string
words3() { echo "$1" | awk '{print $1, $2, $3}'; }

start 120 30 xterm-256color --open fr-rehearsal
wait_for "fr-rehearsal fr" || true
keys t # no sidebar: the article's text starts at column 0 + margin
settle || true
keys '}' '}' '}'
settle || true
apos=$(status_line | sed -n 's/.* \([0-9][0-9]*\)\/[0-9]* .*/\1/p')
atop=$(line 0 | sed 's/^ *//')
para=$(words3 "$atop")
keys c
check "place: compare opened" "[sync]"
ltop=$(left 1)
if [ -n "$para" ] && echo "$ltop" | grep -qF "$para"; then ok "place: the paragraph being read on the top row"; else
	notok "place: the paragraph being read on the top row" "article '$atop', compare '$ltop'"; fi
# the counterpart: the row beside it in the Arabic column is the one
# `tandem --compare` aligns with it
"$TANDEM" --compare fr-rehearsal,ar-rehearsal --width 119 --order=visual | sed 's/ *$//' >"$TMP/all"
want=$(grep -n -F -- "$ltop" "$TMP/all" | head -1 | cut -d: -f2- | sed -n 's/^.*│ *//p')
got=$(right 1)
if [ -n "$got" ] && [ "$got" = "$want" ]; then ok "place: its aligned counterpart beside it"; else
	notok "place: its aligned counterpart beside it" "want '$want' got '$got'"; fi
# back without moving, from inside a paragraph: the article exactly where
# it was, however often
keys q
wait_for " article " || true
keys j j
settle || true
p0=$(status_line | sed -n 's/.* \([0-9][0-9]*\)\/[0-9]* .*/\1/p')
keys c q c q c q
wait_for " article " || true
settle || true
pos=$(status_line | sed -n 's/.* \([0-9][0-9]*\)\/[0-9]* .*/\1/p')
if [ -n "$p0" ] && [ "$pos" = "$p0" ]; then ok "place: c q c q c q leaves the article where it was"; else
	notok "place: c q c q c q leaves the article where it was" "$p0 -> $pos"; fi
keys c
check "place: compare opened again" "[sync]"
# scroll in the compare view, then back
keys '}' j j
settle || true
ctop=$(left 1)
cw=$(words3 "$ctop")
keys q
check "place: back in the article" "article"
settle || true
if [ -n "$cw" ] && line 0 | grep -qF "$cw"; then ok "place: q returns to where compare was"; else
	notok "place: q returns to where compare was" "compare '$ctop', article '$(line 0)'"; fi
newpos=$(status_line | sed -n 's/.* \([0-9][0-9]*\)\/[0-9]* .*/\1/p')
if [ -n "$newpos" ] && [ "$newpos" -gt "$apos" ]; then ok "place: the article moved on"; else
	notok "place: the article moved on" "$apos -> $newpos"; fi
# a mark set in the compare view
keys c
check "place: compare again" "[sync]"
mtop=$(left 1)
keys m a
check "place: mark set in the compare view" "mark 'a' set in fr-rehearsal"
keys q g
settle || true
keys "'" a
settle || true
if line 0 | grep -qF "$(words3 "$mtop")"; then ok "place: the mark leads back"; else
	notok "place: the mark leads back" "mark '$mtop', article '$(line 0)'"; fi
# the saved position: quit from the compare view, start again
keys c
check "place: compare a third time" "[sync]"
keys '}'
settle || true
stop=$(left 1)
keys Q
check "place: quits" "EXIT=0"
start 120 30 xterm-256color --open fr-rehearsal
wait_for "fr-rehearsal fr" || true
keys t
settle || true
if screen | grep -qF "$(words3 "$stop")"; then ok "place: the position read in compare is saved"; else
	notok "place: the position read in compare is saved" "compare '$stop'"; fi
keys Q

# plain files: no group, no event; c offers the other articles, Enter
# compares the two by the facts they share
mkdir -p "$TMP/plain"
# (a second sentence: a first paragraph that is the whole title would be
# shown once, as the title, and not as a paragraph to pair)
printf 'Le 25 octobre 2025, 69 États ont signé la convention à Hanoi. La cérémonie a duré deux heures.\n\nUn paragraphe sans rien de commun.\n' >"$TMP/plain/fr.txt"
printf 'On 25 October 2025, 69 states signed the convention in Hanoi. The ceremony lasted two hours.\n\nDeputy Prime Minister Bui Thanh Son attended.\n' >"$TMP/plain/en.txt"
start 100 24 xterm-256color "'$TMP/plain/fr.txt'" "'$TMP/plain/en.txt'"
check "pick: list" "list"
keys Enter
check "pick: article" "article"
keys c
check "pick: offered" "Compare fr with:"
check "pick: the other file listed" "On 25 October 2025"
keys Enter
check "pick: compared" "[sync]"
if line 0 | grep -q 'en  en  · other report, aligned by shared facts'; then ok "pick: another report"; else notok "pick: another report"; fi
# (the titles sit side by side anyway: the body's first paragraphs too)
if [ "$(screen | grep -c '^Le 25 octobre 2025, 69 États.*│ On 25 October 2025, 69 states')" -ge 2 ]; then ok "pick: paired by date and number"; else
	notok "pick: paired by date and number"; fi
if screen | grep -q '^Un paragraphe sans rien de commun\. *│ *$'; then ok "pick: nothing force-paired"; else
	notok "pick: nothing force-paired"; fi
keys q
check "pick: q back to the article" "article"
keys Q
finish
