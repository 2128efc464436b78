#!/bin/sh
# The search prompt with right-to-left text: Arabic and Hebrew typed at "/"
# show shaped and in visual order (as --render sets the same string), a
# right-to-left query flush right, the terminal cursor where the next
# character goes (left of a right-to-left word's end, after "hanoi " at the
# end of "hanoi هانوي"); Left/Right move visually, Home/End (Ctrl-A/Ctrl-E),
# Backspace, Delete, Ctrl-W and Ctrl-U act on the logical text, a character
# typed in the middle lands there; a long query scrolls, the cursor in view;
# the corpus search finds the Arabic word and its header quotes it shaped
# and in order, as the "not found" message quotes Hebrew; a typed character
# sends its own cells only; with --bidi=terminal the prompt keeps logical
# order.
. "$(dirname "$0")/lib.sh"

# the visual form tandem gives a string (one line, not flushed right)
vis() { printf '%s\n' "$1" | "$TANDEM" --render --no-pad --width 200; }
# the prompt of a right-to-left query at 80 columns: "/", blanks, the
# query flush right against column 78 (the last one stays blank)
rtl() {
	v=$(vis "$1")
	printf '%*s%s' $((78 - $(printf '%s' "$v" | LC_ALL=C.UTF-8 wc -m))) '' "$v"
}
cursor_x() { tm display -p '#{cursor_x}'; }
# quiet_size FILE: its size once it has stopped growing (the same three
# times 0.1 s apart)
quiet_size() {
	last=-1 same=0 i=0
	while [ $same -lt 3 ] && [ $i -lt "$TIMEOUT_TICKS" ]; do
		sz=$(wc -c <"$1")
		if [ "$sz" = "$last" ]; then same=$((same + 1)); else same=0; fi
		last=$sz
		sleep 0.1
		i=$((i + 1))
	done
	echo "$last"
}
prompt_is() { [ "$(status_line | sed 's/ *$//')" = "/$1" ]; }

# check_prompt NAME VISUAL CURSOR_X: the prompt shows /VISUAL, the cursor
# at column CURSOR_X (waiting for the screen to settle)
check_prompt() {
	settle || true
	got=$(status_line | sed 's/ *$//')
	cx=$(cursor_x)
	if [ "$got" = "/$2" ] && [ "$cx" = "$3" ]; then ok "$1"; else
		notok "$1" "expected '/$2' cursor $3, got '$got' cursor $cx"; fi
}

ar=$(printf '\331\207\330\247\331\206\331\210\331\212')   # هانوي (logical)
ar_b=$(printf '\330\250')                                  # ب
he=$(printf '\327\251\327\234\327\225\327\235')           # שלום (logical)

# the timeline: a state of its own, so no article is reopened
XDG_STATE_HOME="$TMP/state-rtl"
mkdir -p "$XDG_STATE_HOME"
# screen: its terminfo has the Home, End and Delete keys tmux sends
start 80 24 screen
check "opened" "timeline"

# Arabic typed: shaped, right to left, flush right (the prompt's last
# column stays blank), the cursor in the cell left of it where the next
# letter goes
keys /
tm send-keys -l "$ar"
check_prompt "arabic: shaped, visual order, flush right, cursor left of it" "$(rtl "$ar")" 73
keys Left
check_prompt "arabic: Left at the left end stays" "$(rtl "$ar")" 73
keys Right
check_prompt "arabic: Right moves one letter right (back in the text)" "$(rtl "$ar")" 74
keys Home
check_prompt "arabic: Home is the start, at the right" "$(rtl "$ar")" 78
# typed at the start: lands before the first letter (drawn rightmost)
tm send-keys -l "$ar_b"
check_prompt "arabic: typed at the start, joined to the word" "$(rtl "$ar_b$ar")" 77
keys C-e BSpace
check_prompt "arabic: End, Backspace deletes the last letter" \
	"$(rtl "$ar_b$(printf '\331\207\330\247\331\206\331\210')")" 73
keys C-a DC
check_prompt "arabic: Ctrl-A, Delete deletes the first letter" \
	"$(rtl "$(printf '\331\207\330\247\331\206\331\210')")" 78
keys End
tm send-keys -l "$(printf '\331\212')"
check_prompt "arabic: End and a letter complete the word" "$(rtl "$ar")" 73

# mixed: the Arabic word's end is its left end, right after "hanoi "
keys C-u
check_prompt "Ctrl-U clears the query" "" 1
tm send-keys -l "hanoi $ar"
check_prompt "mixed: cursor at the Arabic word's left end" "$(vis "hanoi $ar")" 7
keys Left
check_prompt "mixed: Left moves into hanoi" "$(vis "hanoi $ar")" 6
keys C-e C-w
check_prompt "mixed: Ctrl-W deletes the Arabic word" "hanoi" 7
keys C-w
check_prompt "mixed: Ctrl-W again deletes hanoi" "" 1

# the search: found, the header quoting the word shaped and in order
tm send-keys -l "$ar"
keys Enter
check "arabic: the corpus search finds it" "matches in the corpus for “$(vis "$ar")”"
keys q
settle || true

# Hebrew: visual order, cursor at the left end; the message quotes it
keys /
tm send-keys -l "$he"
check_prompt "hebrew: visual order, flush right, cursor left of it" "$(rtl "$he")" 74
keys Right Right
check_prompt "hebrew: Right twice" "$(rtl "$he")" 76
keys Enter
check "hebrew: the message quotes it in visual order" "not found in the corpus: $(vis "$he")"

# a query longer than the line scrolls, the cursor in view
keys /
long=$(printf 'x%.0s' $(seq 1 100))
tm send-keys -l "${long}end"
settle || true
got=$(status_line)
if [ "$(cursor_x)" = 78 ] && printf '%s' "$got" | grep -q '^/x*xend *$' && [ "${#got}" -le 80 ]; then
	ok "long query: scrolled, its end and the cursor shown"
else
	notok "long query: scrolled, its end and the cursor shown" "cursor $(cursor_x): '$got'"
fi
keys Home
settle || true
if [ "$(cursor_x)" = 1 ] && status_line | grep -q '^/xxxx'; then ok "long query: Home scrolls back"; else
	notok "long query: Home scrolls back" "cursor $(cursor_x)"; fi
keys Escape
settle || true
keys Q
check "quit" "EXIT=0"

# bytes: a typed character at the prompt sends its own cells only (less
# sends 6 bytes for one; the budget is twice that)
PIPE_TO="$TMP/bytes.out"
start 80 24 xterm-256color --open fr-rehearsal
PIPE_TO=
check "bytes: opened" "fr-rehearsal fr"
keys /
check "bytes: prompt" "/"
before=$(quiet_size "$TMP/bytes.out")
keys h
check "bytes: typed" "/h"
after=$(quiet_size "$TMP/bytes.out")
if [ $((after - before)) -le 12 ] && [ $((after - before)) -ge 1 ]; then
	ok "bytes: one typed character, $((after - before)) bytes"
else
	notok "bytes: one typed character" "$((after - before)) bytes"
fi
keys Escape Q
check "bytes: quit" "EXIT=0"

# --bidi=terminal: the terminal reorders, the prompt sends logical order
start 80 24 xterm-256color --bidi=terminal --open fr-rehearsal
check "terminal: opened" "fr-rehearsal fr"
keys /
tm send-keys -l "$ar"
check_prompt "terminal bidi: logical order, cursor after the last letter" "$ar" 6
keys Escape Q
check "terminal: quit" "EXIT=0"
finish
