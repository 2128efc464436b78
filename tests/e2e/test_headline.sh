#!/bin/sh
# A headline shown once: a plain file opening on a headline (no sentence end)
# has it as its title, drawn once, bold, above the meta row; a search for
# words of the headline, in the article or across the corpus, lights them on
# the title row, the current match there.
. "$(dirname "$0")/lib.sh"
ESC=$(printf '\033')
HEAD="UN cybercrime convention signed in Hanoi by 72 countries"

# the title row (row 0) carries the current match (white on red) around
# "signed in", and the headline is on the screen once
title_lit() {
	if screen_e | sed -n 1p | grep -q "${ESC}\[[0-9;]*41msigned in${ESC}\["; then ok "$1: lit on the title row"; else
		notok "$1: lit on the title row" "$(screen_e | head -3 | cat -v)"; fi
	if [ "$(screen | grep -cF "$HEAD")" -eq 1 ]; then ok "$1: headline once"; else
		notok "$1: headline once"; fi
}

start 80 24 xterm-256color --open en-signing tests/data/headline
check "article: opened" "en-signing en"
if [ "$(screen | grep -cF "$HEAD")" -eq 1 ] && line 0 | grep -qF "$HEAD" &&
	line 1 | grep -q '2025-10-25 · en · example.org'; then ok "article: headline once, as the title"; else
	notok "article: headline once, as the title"; fi
keys / s i g n e d Space i n Enter
wait_gone "/signed in" || true
settle
title_lit "article search"
keys Q

# corpus-wide from the list of articles (a fresh state: the list, not the
# article read last)
XDG_STATE_HOME="$TMP/state-timeline"
mkdir -p "$XDG_STATE_HOME"
start 80 24 xterm-256color tests/data/headline
check "corpus: the list" "list  ?:help"
keys / s i g n e d Space i n Enter
check "corpus: results" "1 match in the corpus for"
keys Enter
check "corpus: hit opens the article" "en-signing en"
settle
title_lit "corpus search"
keys Q

finish
