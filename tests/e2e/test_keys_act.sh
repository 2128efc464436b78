#!/bin/sh
# Every key acts or says why not: t in the (full-width) compare view says
# so and leaves the timeline as it was; c in the compare view says it is
# comparing already; h and the left arrow in an article go back; Esc in an
# event's list goes back; a key a view has no use for says so; one wheel
# step in a list moves one item. Restarting reopens the article read last
# where it was left.
. "$(dirname "$0")/lib.sh"

start 100 30 xterm-256color
check "keys: timeline" "event 1/6"
# one wheel notch over the main pane: one event, not three
mouse 65 60 15
check "wheel: one item" "event 2/6"
keys Enter
check "Esc: the list" "list"
keys Escape
check "Esc: back to the timeline" "timeline"
keys Enter Enter
check "h: an article" "article"
keys h
check "h: back to the list" "list"
keys Enter Left
check "left: back to the list" "list"
keys Enter x
check "x in an article: says why not" "difference-next: nothing to do in the article view"
keys c
check "t: compare" "[sync]"
keys t
check "t in compare: says why" "the compare view uses the whole width"
keys c
check "c in compare: says so" "already comparing"
keys q
check "t: back in the article" "article"
if screen | grep -q '│'; then ok "t in compare: the timeline still shown"; else notok "t in compare: the timeline still shown"; fi
keys '}' '}' j
settle || true
pos=$(status_line | sed -n 's/.* \([0-9][0-9]*\)\/[0-9]* .*/\1/p')
keys Q
check "keys: quit" "EXIT=0"

# restart: the article read last, where it was left
start 100 30 xterm-256color
check "reopen: the article read last" "reopened where you left it"
now=$(status_line | sed -n 's/.* \([0-9][0-9]*\)\/[0-9]* .*/\1/p')
if [ -n "$pos" ] && [ "$now" = "$pos" ]; then ok "reopen: at the saved position"; else
	notok "reopen: at the saved position" "$pos -> $now"; fi
keys q
check "reopen: q goes to the list" "list"
keys Q
# files named on the command line: they are what is opened, not the
# article read last
mkdir -p "$TMP/files"
printf 'Premier titre\n\nUn texte.\n' >"$TMP/files/one.txt"
printf 'Second titre\n\nUn autre texte.\n' >"$TMP/files/two.txt"
start 100 30 xterm-256color "'$TMP/files/one.txt'" "'$TMP/files/two.txt'"
check "files: the list" "list"
keys Enter
check "files: an article" "article"
keys Q
check "files: quit" "EXIT=0"
start 100 30 xterm-256color "'$TMP/files/one.txt'" "'$TMP/files/two.txt'"
check "files: named again, the list" "list"
if ! screen | grep -q "reopened"; then ok "files: not reopened"; else notok "files: not reopened"; fi
keys Q
finish
