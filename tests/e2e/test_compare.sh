#!/bin/sh
# The compare view of the French/Arabic pair: the screen rows below the
# column heads are exactly `tandem --compare fr-rehearsal,ar-rehearsal` at
# the same width (aligned rows, Arabic right-aligned and in visual order),
# an Arabic line ends at the right edge of its column; synchronised and
# independent scrolling, focus, L; 80x24 and 160x48, both TERMs.
. "$(dirname "$0")/lib.sh"

for term in xterm-256color screen; do
	for size in 80x24 160x48; do
		cols=${size%x*} rows=${size#*x}
		n="compare $term $size"
		start "$cols" "$rows" "$term" --open fr-rehearsal --compare
		if ! wait_for "[sync]"; then notok "$n: opens"; continue; fi
		# main.c's --compare gives columns of (W - 3) / 2 with " │ " between:
		# W = cols - 1 gives the same column width as the screen
		{ "$TANDEM" --compare fr-rehearsal,ar-rehearsal --width $((cols - 1)); yes '' | head -n "$rows"; } |
			head -n $((rows - 2)) | sed 's/ *$//' >"$TMP/want"
		screen | sed -n "2,$((rows - 1))p" | sed 's/ *$//' >"$TMP/got"
		if cmp -s "$TMP/want" "$TMP/got"; then ok "$n: aligned rows as laid out"; else
			notok "$n: aligned rows as laid out" "$(diff "$TMP/want" "$TMP/got" | head -6)"; fi
		colw=$(((cols - 3) / 2))
		# row 1: the Arabic title, flush right: it ends at the last column
		# (wc -m counts characters only in a UTF-8 locale, whatever the caller's)
		w=$(line 1 | tr -d '\n' | LC_ALL=C.UTF-8 wc -m)
		if [ "$w" -eq $((2 * colw + 3)) ]; then ok "$n: Arabic ends at the column's right edge"; else
			notok "$n: Arabic ends at the column's right edge" "width $w"; fi
		if line 0 | grep -q '^ fr  fr-rehearsal  \*.* ar  ar-rehearsal'; then ok "$n: column heads"; else
			notok "$n: column heads"; fi
		# synchronised scrolling: both columns move together
		keys '}' '}'
		settle || true
		{ "$TANDEM" --compare fr-rehearsal,ar-rehearsal --width $((cols - 1)); yes '' | head -n "$rows"; } >"$TMP/all"
		top=$(status_line | sed -n 's/.* \([0-9][0-9]*\)\/[0-9]* .*/\1/p')
		sed -n "${top}p" "$TMP/all" | sed 's/ *$//' >"$TMP/want1"
		line 1 >"$TMP/got1"
		if [ -n "$top" ] && cmp -s "$TMP/want1" "$TMP/got1"; then ok "$n: synchronised paragraph step"; else
			notok "$n: synchronised paragraph step" "top=$top"; fi
		keys Q
	done
done

start 80 24 xterm-256color --open fr-rehearsal --compare
check "compare opens" "[sync]"
keys a
check "a: independent" "independent scrolling"
keys Tab
check "Tab focuses the Arabic column" "ar-rehearsal ar 2025-10-23 [independent]"
keys j j j
check "independent: only the focused column scrolls" "4/"
if line 1 | grep -q '^Le président Luong Cuong'; then ok "the other column stayed"; else notok "the other column stayed"; fi
keys a
check "a: synchronised again" "synchronised scrolling"
keys l
check "l moves the focus" "fr-rehearsal fr"
keys L
check "L cycles the translation" "column 1: id-rehearsal"
if line 0 | grep -q '^ id  id-rehearsal'; then ok "L: column head"; else notok "L: column head"; fi
keys q
check "q back to the article" "article"
keys c
check "c from the article" "[sync]"
# the heads say what each column is; L bringing in another report says so
if line 0 | grep -q 'ar-rehearsal  · translation'; then ok "head: a translation"; else notok "head: a translation"; fi
keys Tab L
check "L: another report of the event" "column 2: id-rehearsal, another report of this event, aligned by shared facts"
if line 0 | grep -q 'id-rehearsal  \*  · other report$'; then ok "head: another report"; else
	notok "head: another report"; fi
keys Q
check "quit" "EXIT=0"

# compare an event: three columns
# the timeline, not the article read last: a state of its own (the reader
# quit above may still be saving the other)
XDG_STATE_HOME="$TMP/state-timeline"
mkdir -p "$XDG_STATE_HOME"
start 160 48 xterm-256color
check "timeline" "timeline"
keys j c
check "event compare" "[sync]"
if line 0 | grep -q ' fr .* ar .* id '; then ok "event compare: three columns"; else notok "event compare: three columns"; fi
keys Q
# 200 columns: the columns keep the 80-column measure, the group centred
start 200 40 xterm-256color --open fr-rehearsal --compare
check "wide: opened" "[sync]"
lead=$(line 2 | sed 's/[^ ].*//' | tr -d '\n' | wc -c)
gap=$(line 2 | sed 's/│.*//' | tr -d '\n' | LC_ALL=C.UTF-8 wc -m)
if [ "$lead" -ge 15 ] && [ "$gap" -le $((lead + 81)) ]; then ok "wide: columns at the measure, centred"; else
	notok "wide: columns at the measure, centred" "lead $lead, gap at $gap"; fi
keys Q
finish
