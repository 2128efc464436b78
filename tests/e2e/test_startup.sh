#!/bin/sh
# Startup: the timeline sidebar, the article list, quitting, at 80x24 and
# 160x48 under TERM=xterm-256color and TERM=screen; TERM and locale errors.
. "$(dirname "$0")/lib.sh"

for term in xterm-256color screen; do
	for size in 80x24 160x48; do
		cols=${size%x*} rows=${size#*x}
		n="startup $term $size"
		start "$cols" "$rows" "$term"
		check "$n: timeline shown" "event 1/6  timeline"
		# the sidebar: first event's date at column 1, badges of its languages
		# (in parentheses: the articles only mention the adoption), the
		# rehearsal's without (they report it)
		if line 0 | grep -q '^ 2024-12-24  *(fr ar id) │'; then ok "$n: sidebar row"; else notok "$n: sidebar row"; fi
		if line 2 | grep -q '^ 2025-10-23  *fr ar id │'; then ok "$n: sidebar: reported"; else notok "$n: sidebar: reported"; fi
		if [ "$(screen | wc -l)" -eq "$rows" ]; then ok "$n: screen size"; else notok "$n: screen size"; fi
		keys j
		check "$n: next event" "event 2/6"
		keys Enter
		check "$n: article list" "fr-rehearsal fr 2025-10-23"
		if screen | grep -q ' ar  2025-10-23 '; then ok "$n: list rows"; else notok "$n: list rows"; fi
		keys q
		check "$n: back to timeline" "timeline"
		keys q
		check "$n: q quits" "EXIT=0"
	done
done

# narrow: the sidebar collapses to dates
start 50 20 xterm-256color
check "narrow: dates only" "event 1/6"
if line 0 | grep -q '^ 2024-12-24 *│'; then ok "narrow: sidebar dates only"; else notok "narrow: sidebar dates only"; fi
keys t
wait_gone "2024-12-24  │" && ok "t hides the sidebar" || notok "t hides the sidebar"
keys Q
check "Q quits" "EXIT=0"

# narrower still: the sidebar steps aside (said), and comes back with room;
# at 60 columns it narrows so the text keeps its room
XDG_STATE_HOME="$TMP/state-narrow"
mkdir -p "$XDG_STATE_HOME"
start 60 20 xterm-256color --open fr-rehearsal
check "60 columns: opened" "fr-rehearsal fr"
sw=$(line 0 | sed 's/│.*//' | tr -d '\n' | LC_ALL=C.UTF-8 wc -m)
if [ "$sw" -ge 12 ] && [ $((60 - sw - 1)) -ge 36 ]; then ok "60 columns: the text keeps 36 columns"; else
	notok "60 columns: the text keeps 36 columns" "sidebar $sw"; fi
tm resize-window -x 44 -y 20 >/dev/null 2>&1
check "44 columns: the timeline steps aside, said" "timeline hidden: the terminal is too narrow"
if ! screen | grep -q '│'; then ok "44 columns: no sidebar"; else notok "44 columns: no sidebar"; fi
tm resize-window -x 100 -y 20 >/dev/null 2>&1
check "100 columns: back, said" "timeline shown again"
if line 0 | grep -q '│'; then ok "100 columns: the sidebar again"; else notok "100 columns: the sidebar again"; fi
keys Q
check "narrow: quits" "EXIT=0"

# the current article's event is highlighted in the sidebar, and the
# highlight follows the article: the sidebar row of its event is drawn
# differently (its escape sequences) from the row of an event not shown
date_sgr() { # date_sgr DATE: the attributes (SGR escapes) the first sidebar row with DATE draws it in
	screen_e | sed 's/│.*//' | grep -m1 -- "$1" | sed -e "s/$1.*//" -e 's/ *$//' |
		grep -o "\($(printf '\033')\[[0-9;]*m\)*\$" | od -An -c | tr -d ' \n'
}
start 100 30 xterm-256color --open id-discussion
check "highlight: opened" "id-discussion id"
cur=$(date_sgr 2025-10-26)
other=$(date_sgr 2024-12-24)
if [ -n "$cur" ] && [ "$cur" != "$other" ]; then
	ok "highlight: the article's event row is highlighted"
else notok "highlight: the article's event row is highlighted" "cur=$cur other=$other"; fi
keys '['
check "highlight: previous article" "id-reception id"
settle
now=$(date_sgr 2025-10-26)
if [ "$now" = "$other" ] && [ "$now" != "$cur" ]; then
	ok "highlight: moves off the event the article left"
else notok "highlight: moves off the event the article left" "now=$now other=$other"; fi
keys Q
check "highlight: quit" "EXIT=0"

# terminals that cannot work: exit 2 with a message, nothing drawn
err=$(TERM=dumb "$TANDEM" 2>&1 </dev/null)
rc=$?
if [ $rc -eq 2 ] && echo "$err" | grep -q 'TERM=dumb'; then ok "TERM=dumb refused"; else notok "TERM=dumb refused" "rc=$rc $err"; fi
start 80 24 no-such-terminal
check "unknown TERM refused" "unknown terminal type TERM=no-such-terminal"
check "unknown TERM exit 2" "EXIT=2"
if ! screen_e | grep -q "$(printf '\033')\[?1049h"; then ok "unknown TERM: no garbage"; else notok "unknown TERM: no garbage"; fi
finish
