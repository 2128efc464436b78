#!/bin/sh
# Opening each article: its rows on screen are exactly the rows of
# `tandem --dump ID` at the same width (the same engine), so right-to-left
# paragraphs are right-aligned and in visual order; 80x24 and 160x48, both
# TERMs. Also paging, paragraphs, the raw view and help.
. "$(dirname "$0")/lib.sh"

ids=$("$TANDEM" --list | cut -d' ' -f1)
for term in xterm-256color screen; do
	for size in 80x24 160x48; do
		cols=${size%x*} rows=${size#*x}
		# sidebar hidden (t): text width min(80, cols - 4), centred
		tw=$((cols - 4))
		[ $tw -gt 80 ] && tw=80
		x0=$(((cols - tw) / 2))
		pad=$(printf "%${x0}s" "")
		for id in $ids; do
			n="article $id $term $size"
			start "$cols" "$rows" "$term" --open "$id"
			if ! wait_for "$id "; then notok "$n: opens"; continue; fi
			keys t
			wait_gone "2024-12-24" || true
			{ "$TANDEM" --dump "$id" --width $tw --order=visual | sed "s/^/$pad/"; yes '' | head -n "$rows"; } |
				head -n $((rows - 1)) | sed 's/ *$//' >"$TMP/want"
			screen | head -n $((rows - 1)) | sed 's/ *$//' >"$TMP/got"
			if cmp -s "$TMP/want" "$TMP/got"; then ok "$n: rows as laid out"; else
				notok "$n: rows as laid out" "$(diff "$TMP/want" "$TMP/got" | head -5)"; fi
			keys Q
		done
	done
done

start 80 24 xterm-256color --open fr-rehearsal
check "status line" "fr-rehearsal fr 2025-10-23"
check "position" "1/126 top"
keys Space
check "page down" "23/126"
keys b
check "page up" "1/126"
keys G
check "end" "/126 end"
keys g
keys '}'
check "next paragraph" "6/126"
keys r
check "raw view" "(raw:"
keys G
wait_for "Source:" || true
if screen | grep -q 'Source:'; then ok "raw shows the source line"; else notok "raw shows the source line"; fi
keys q
check "back from raw" "article"
keys '?'
check "help from the key map" "tandem keys (from the live key map)"
keys G
check "help explains the status line" "status line: the article"
keys k k k k k k k k k k k k k k k k k k
wait_for "focus the next column" || true
if screen | grep -q 'Tab l Right  *compare: focus the next column'; then ok "help lists keys"; else notok "help lists keys"; fi
keys q
keys ']'
check "next article on the timeline" "ar-rehearsal ar"
keys '['
check "previous article on the timeline" "fr-rehearsal fr"
keys Q
check "quit" "EXIT=0"

# The list under an article follows the event the article moved to: after
# opening the third article of the first event and stepping along the
# timeline to a one-article event, back in the list the selection is that
# event's article (a stale selection once read past the list's end).
# the timeline, not the article read last: a state of its own (the reader
# quit above may still be saving the other)
XDG_STATE_HOME="$TMP/state-timeline"
mkdir -p "$XDG_STATE_HOME"
start 100 30 xterm-256color
check "stale list: timeline" "2024-12-24"
keys g Enter
check "stale list: first event's list" "list"
keys G Enter
check "stale list: third article" "id-rehearsal id"
for k in ] ] ] ] ] ]; do keys "$k"; settle; done
check "stale list: last article" "last article of the timeline"
keys q
check "stale list: back in the list, the selection is valid" "id-discussion id 2025-10-26"
keys Enter
check "stale list: Enter opens it" "article"
keys Q
check "stale list: quit" "EXIT=0"
finish
