#!/bin/sh
# Mouse, where the terminal reports it (xterm SGR reports sent into the pane
# as bytes): the wheel scrolls an article; a click on a sidebar event
# selects it, from the timeline and from an article; a click on an article
# of the list or of the timeline's preview opens it, also when the list is
# scrolled; in the compare view the wheel scrolls and a click focuses a
# column. The modes tandem asks for are button events only (1000, SGR
# 1006), never any-motion tracking (1003), so Shift+drag still selects text,
# and they are switched off at exit. TERM=screen's X10 reports work too.
. "$(dirname "$0")/lib.sh"

# wheel in an article (WHEEL_LINES = 3 rows a step)
PIPE_TO="$TMP/mouse.out"
start 80 24 xterm-256color --open fr-rehearsal
PIPE_TO=
check "wheel: opened" "1/126"
mouse 65 50 10
check "wheel down scrolls" "4/126"
mouse 65 50 10
check "wheel down again" "7/126"
mouse 64 50 10
check "wheel up scrolls back" "4/126"
# a click on the sidebar's 5th event (rows 9-10) from the article: back to
# the timeline with that event selected
click 5 9
check "sidebar click from an article: timeline" "timeline"
check "sidebar click from an article: event selected" "event 5/6"
if line 0 | grep -q '│ 2025-10-25 '; then ok "sidebar click: preview of that event"; else notok "sidebar click: preview of that event"; fi
keys Q
check "mouse: quit" "EXIT=0"
wait_file "$TMP/mouse.out" "EXIT=0" || true
on=$(private_modes "$TMP/mouse.out" h)
off=$(private_modes "$TMP/mouse.out" l)
if echo "$on" | grep -qx 1000; then ok "mouse mode: button events (1000)"; else notok "mouse mode: button events (1000)" "set: $(echo $on)"; fi
if echo "$on" | grep -qx 1006; then ok "mouse mode: SGR reports (1006)"; else notok "mouse mode: SGR reports (1006)" "set: $(echo $on)"; fi
if ! echo "$on" | grep -qx 1003; then ok "mouse mode: no any-motion tracking (1003)"; else notok "mouse mode: no any-motion tracking (1003)"; fi
if ! has_bytes "$TMP/mouse.out" '\033[?1003h'; then ok "mouse mode: no CSI ? 1003 h"; else notok "mouse mode: no CSI ? 1003 h"; fi
if echo "$off" | grep -qx 1000; then ok "mouse mode: off at exit"; else notok "mouse mode: off at exit" "reset: $(echo $off)"; fi

# TERM=screen reports the mouse the old X10 way: CSI M Cb Cx Cy, each byte
# the value + 32 (coordinates up to 95 here)
x10() {
	tm send-keys -l "$(printf '\033[M')$(printf "\\$(printf %o $(($1 + 32)))\\$(printf %o $(($2 + 32)))\\$(printf %o $(($3 + 32)))")"
}
rm -f "$XDG_STATE_HOME/tandem/state"
start 80 24 screen --open fr-rehearsal
check "X10 wheel: opened" "1/126"
x10 65 50 10
check "X10: wheel down scrolls" "4/126"
x10 0 5 9
x10 3 5 9
check "X10: sidebar click" "event 5/6  timeline"
keys Q
check "X10: quit" "EXIT=0"

# the timeline: a click on an event, then on an article of the preview
rm -f "$XDG_STATE_HOME/tandem/state"
start 80 24 xterm-256color
check "click: timeline" "event 1/6"
click 5 5
check "click on the 3rd event selects it" "event 3/6"
if line 0 | grep -q '│ 2025-10-25 morning'; then ok "click: the list shows that event"; else notok "click: the list shows that event"; fi
# preview rows start at pane row 3: screen row 5 is the event's 2nd article
set -- $(line 4 | sed "s/.*│ *//")
want="$1 $2"
click 50 5
check "click on a preview row opens the article" "article  ?:help"
if status_line | grep -q "^[a-z-]* $want "; then ok "click: the clicked article ($want)"; else notok "click: the clicked article ($want)"; fi
keys q
check "click: q goes back to the list" "list  ?:help"
keys q
check "click: then the timeline" "timeline"
# the list view: a click on its 3rd row
keys k k Enter
check "click: list" "1/3  list"
click 50 6
check "click on a list row opens the article" "id-rehearsal id"
keys q
check "click: back to the list, that row selected" "3/3  list"
# clicks outside anything (the border beside a row, the status line) do
# nothing
click 31 4
click 40 24
sleep 0.2
if status_line | grep -q "3/3  list"; then ok "click on the border and status line: nothing"; else notok "click on the border and status line: nothing"; fi
keys Q

# the compare view: the wheel scrolls the columns together, a click focuses
# the column under the mouse
start 80 24 xterm-256color --open fr-rehearsal --compare
check "compare: opened" "[sync]"
first=$(status_line | awk '{print $1}')
mouse 65 20 10
wait_gone " 1/" && ok "compare: wheel scrolls" || notok "compare: wheel scrolls"
click 60 10
settle || true
second=$(line 0 | sed 's/.*│ *//' | awk '{print $2}')
if status_line | grep -q "^$second " && [ "$second" != "$first" ]; then ok "compare: click focuses the column ($second)"; else
	notok "compare: click focuses the column ($second)"; fi
click 10 10
check "compare: click on the first column" "$first "
keys Q

# a long list, scrolled to its end: the click opens the row under the mouse
mkdir -p "$TMP/many"
awk -v dir="$TMP/many" 'BEGIN {
	for (i = 1; i <= 300; i++) {
		n = sprintf("n%03d", i)
		f = dir "/" n ".txt"
		printf "Title %s\n\nText of article %s.\n", n, n >f
		close(f)
	}
}'
start 80 24 xterm-256color "'$TMP/many'"
check "long list: opened" "1/300  list"
keys G
check "long list: every article listed" "300/300  list"
want=$(line 9 | awk '{print $NF}')
click 40 10
if wait_for "$want " && status_line | grep -q "^$want "; then ok "long list: click after scrolling opens the row clicked ($want)"; else
	notok "long list: click after scrolling opens the row clicked ($want)"; fi
keys q
keys g
check "long list: top" "1/300  list"
keys Space
check "long list: page down moves a page" "20/300  list"
keys Q
finish
