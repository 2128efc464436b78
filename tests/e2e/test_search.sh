#!/bin/sh
# Search: in an article with highlight (hanoi finds Hanoï/Hanoi), Arabic
# without harakat, n/N and wrapping, in the compare view, corpus-wide from
# the timeline, the rest of an article's hits beyond the bound; both TERMs.
. "$(dirname "$0")/lib.sh"
ESC=$(printf '\033')

for term in xterm-256color screen; do
	n="search $term"
	start 80 24 "$term" --open fr-rehearsal
	check "$n: opened" "fr-rehearsal fr"
	keys / h a n o i
	check "$n: prompt" "/hanoi"
	keys Enter
	wait_gone "/hanoi" || true
	# a highlighted Hanoi: an SGR right before it, a reset right after
	if screen_e | grep -q "${ESC}\[[0-9;]*mHanoi${ESC}\["; then ok "$n: highlight"; else notok "$n: highlight"; fi
	# the current match stands out most: white on red, the others black on
	# yellow (xterm-256color has colours)
	if [ "$term" = xterm-256color ]; then
		if [ "$(screen_e | grep -o "${ESC}\[[0-9;]*41m" | wc -l)" -eq 1 ] &&
			screen_e | grep -q "${ESC}\[[0-9;]*43m"; then ok "$n: the current match stands out"; else
			notok "$n: the current match stands out" "$(screen_e | grep -a Hanoi | cat -v | head -3)"; fi
	fi
	keys n
	keys n
	if ! status_line | grep -q 'not found'; then ok "$n: n"; else notok "$n: n"; fi
	keys N
	keys / z z q x Enter
	check "$n: not found" "not found: zzqx"
	keys Q
done

# Arabic: a word typed without its harakat finds the text that has them;
# the highlight lands in the cells of the visually reordered line
start 80 24 xterm-256color --open ar-rehearsal
check "ar: opened" "ar-rehearsal ar"
word=$(printf '\331\207\330\247\331\206\331\210\331\212') # هانوي
tm send-keys -l "/$word"
keys Enter
sleep 0.2
if ! status_line | grep -q 'not found'; then ok "ar: found"; else notok "ar: found"; fi
if screen_e | grep -q "${ESC}\[[0-9;]*m[^ ${ESC}]*${ESC}\[0m"; then ok "ar: highlighted cells"; else notok "ar: highlighted cells"; fi
keys Q

# a word found once: n wraps
start 80 24 xterm-256color --open fr-rehearsal
check "wrap: opened" "fr-rehearsal fr"
keys / a r t i s t i q u e Enter
wait_gone "/artistique" || true
keys n
check "search wrapped" "search wrapped"
keys Q

# compare view
start 80 24 xterm-256color --open fr-rehearsal --compare
check "compare search: opened" "[sync]"
keys / c y b e r Enter
wait_gone "/cyber" || true
if screen_e | grep -qi "${ESC}\[[0-9;]*mcyber${ESC}\["; then ok "compare search highlight"; else notok "compare search highlight"; fi
keys Q

# corpus-wide from the timeline
# the timeline, not the article read last: a state of its own (the reader
# quit above may still be saving the other)
XDG_STATE_HOME="$TMP/state-timeline"
mkdir -p "$XDG_STATE_HOME"
start 80 24 xterm-256color
check "corpus: timeline" "timeline"
keys / h a n o i Enter
check "corpus: results" "matches in the corpus for"
if screen | grep -q 'fr-rehearsal *fr .*Hanoï'; then ok "corpus: hanoi finds Hanoï"; else notok "corpus: hanoi finds Hanoï"; fi
keys Enter
check "corpus: hit opens the article" "article"
keys Q

# an article that matches more often than the results keep: a row says how
# many more it has
mkdir -p "$TMP/many"
{
	echo "Introduction."
	i=0
	while [ $i -lt 130 ]; do echo; echo "Paragraphe $i avec zorglub."; i=$((i + 1)); done
} > "$TMP/many/many.txt"
start 80 24 xterm-256color "$TMP/many"
check "bounded: list" "Introduction."
keys / z o r g l u b Enter
check "bounded: all counted" "130 matches in the corpus for"
keys G
check "bounded: the rest" "and 30 more in this article"
check "bounded: status" "30 more"
keys Q
finish
