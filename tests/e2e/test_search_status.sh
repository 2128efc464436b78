#!/bin/sh
# Search across compare columns, repeated searches, and the status line: n/N in the compare view go on to
# the next column; n and an empty / after Esc repeat the last search; the
# status line keeps the position when its fields are long (raw view at 80
# columns, any view at 40); the raw view shows no blank rows after the pane
# grows at its end; a search hit's row shows that hit, not the first match
# of its context.
. "$(dirname "$0")/lib.sh"

# compare: "26" is in both columns once; n from the French one reaches the
# Arabic one, N comes back
start 80 24 xterm-256color --open fr-rehearsal --compare
check "compare opens" "[sync]"
keys / 2 6 Enter
settle || true
keys n
if wait_for "ar-rehearsal ar 2025-10-23 [sync]"; then ok "compare: n goes on to the next column"; else
	notok "compare: n goes on to the next column"; fi
if line 0 | grep -q 'ar-rehearsal  \*'; then ok "compare: n focuses the column of the match"; else
	notok "compare: n focuses the column of the match"; fi
keys N
if wait_for "fr-rehearsal fr 2025-10-23 [sync]"; then ok "compare: N comes back"; else
	notok "compare: N comes back"; fi
keys Q

# Esc clears the highlight; n and an empty / search the last query again
start 80 24 xterm-256color --open fr-rehearsal
check "article opens" "article"
keys / h a n o i Enter
settle || true
keys Escape n
settle || true
if status_line | grep -q 'no search yet'; then notok "Esc then n: the last search again"; else
	ok "Esc then n: the last search again"; fi
keys Escape / Enter
settle || true
if status_line | grep -q 'nothing to search for'; then notok "Esc then empty /: the last search again"; else
	ok "Esc then empty /: the last search again"; fi

# the raw view's status line names the file: the position stays
keys r
check "raw opens" "(raw:"
if status_line | grep -q 'line 1/[0-9]*  raw'; then ok "raw 80x24: status keeps the position"; else
	notok "raw 80x24: status keeps the position"; fi
# at the end, a taller pane of the same width: no blank rows below the text
keys G
settle || true
last=$(line 22)
tm resize-window -x 80 -y 44 >/dev/null 2>&1
settle || true
if [ -n "$(line 42 | sed 's/^[^│]*│ *//')" ]; then ok "raw: taller pane at the end shows the end"; else
	notok "raw: taller pane at the end shows the end" "row 42 blank (was '$last')"; fi
keys Q

# 40 columns: the article's position is still on the status line
start 40 12 xterm-256color --open fr-rehearsal
check "40x12 article" "fr-rehearsal"
if status_line | grep -q '1/[0-9]* top'; then ok "40x12: status keeps the position"; else
	notok "40x12: status keeps the position"; fi
keys m
settle || true
if status_line | grep -q 'mark: type a letter'; then ok "40x12: the mark prompt is shown"; else
	notok "40x12: the mark prompt is shown"; fi
keys Escape Q

# corpus search: the third hit is the second "Hanoi" of one paragraph
# the timeline, not the article read last: a state of its own (the reader
# quit above may still be saving the other)
XDG_STATE_HOME="$TMP/state-timeline"
mkdir -p "$XDG_STATE_HOME"
start 80 24 xterm-256color
check "timeline" "timeline"
keys / h a n o i Enter
check "results" "matches in the corpus"
if screen | sed -n 5p | grep -q 'Hanoi du 25'; then ok "search results: a hit's row shows that hit"; else
	notok "search results: a hit's row shows that hit"; fi
keys Q
finish
