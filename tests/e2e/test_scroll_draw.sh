#!/bin/sh
# A scroll moves the rows already on screen and draws only the rows it
# uncovers (DIRTY_ROWS): the screen after each scroll, colours included, is
# the one a full redraw (Ctrl-L) draws from scratch. In the article view
# with the timeline shown and hidden (where the terminal itself scrolls the
# rows) and in the compare view, synchronised and independent; 80x24 and
# 150x40. A view opened again from what the reader kept of it (the page of
# an article read a moment ago, the comparison just closed) shows what it
# showed, and what a redraw shows; a kept page whose file changed on disk is
# read again.
. "$(dirname "$0")/lib.sh"
E2E_DIR=$(cd "$(dirname "$0")" && pwd)

# same_as_redraw NAME [pane]: the screen now shows what a full redraw
# (Ctrl-L) shows: the same characters in the same attributes (with `pane`,
# above the status line only: Ctrl-L clears a message shown there)
same_as_redraw() {
	settle || true
	screen_e >"$TMP/scrolled"
	keys C-l
	settle || true
	screen_e >"$TMP/redrawn"
	last=-1
	[ "${2:-}" = pane ] && last=$((rows - 1))
	python3 "$E2E_DIR/sgr.py" "$TMP/scrolled" | awk -v l="$last" '$1 != l' >"$TMP/scrolled.cells"
	python3 "$E2E_DIR/sgr.py" "$TMP/redrawn" | awk -v l="$last" '$1 != l' >"$TMP/redrawn.cells"
	if [ -s "$TMP/redrawn.cells" ] && cmp -s "$TMP/scrolled.cells" "$TMP/redrawn.cells"; then
		ok "$1"
	else
		notok "$1" "$(diff "$TMP/redrawn.cells" "$TMP/scrolled.cells" | head -6)"
	fi
}

for size in 80x24 150x40; do
	cols=${size%x*} rows=${size#*x}
	n="article $size"
	start "$cols" "$rows" xterm-256color --open id-discussion
	if ! wait_for "id-discussion"; then notok "$n: opens"; continue; fi
	keys j j j
	same_as_redraw "$n, timeline shown: three lines down"
	keys d
	same_as_redraw "$n, timeline shown: half a page down"
	keys t
	settle || true
	keys j j
	same_as_redraw "$n, timeline hidden: two lines down"
	keys Space k
	same_as_redraw "$n, timeline hidden: a page down, a line up"
	keys u u
	same_as_redraw "$n, timeline hidden: two half pages up"
	keys Q

	n="compare $size"
	start "$cols" "$rows" xterm-256color --open fr-rehearsal --compare
	if ! wait_for "[sync]"; then notok "$n: opens"; continue; fi
	keys j j j
	same_as_redraw "$n, synchronised: three lines down"
	keys d k
	same_as_redraw "$n, synchronised: half a page down, a line up"
	keys a
	settle || true
	keys Tab j j
	same_as_redraw "$n, independent: the second column two lines down"
	keys BTab Space
	same_as_redraw "$n, independent: the first column a page down"
	keys a
	same_as_redraw "$n, synchronised again" pane
	keys Q

	n="kept views $size"
	start "$cols" "$rows" xterm-256color --open fr-rehearsal
	if ! wait_for "fr-rehearsal"; then notok "$n: opens"; continue; fi
	settle || true
	screen_e >"$TMP/first"
	python3 "$E2E_DIR/sgr.py" "$TMP/first" >"$TMP/first.cells"
	keys ']'
	settle || true
	keys '['
	same_as_redraw "$n: the next article and back"
	if cmp -s "$TMP/first.cells" "$TMP/redrawn.cells"; then
		ok "$n: back, the article as it was"
	else
		notok "$n: back, the article as it was" \
			"$(diff "$TMP/first.cells" "$TMP/redrawn.cells" | head -6)"
	fi
	# at the top: the article goes back where the compare view stood
	keys g c
	wait_for "[sync]" || true
	settle || true
	screen_e >"$TMP/compare1"
	python3 "$E2E_DIR/sgr.py" "$TMP/compare1" >"$TMP/compare1.cells"
	keys q
	wait_gone "[sync]" || true
	keys c
	same_as_redraw "$n: compare opened again"
	if cmp -s "$TMP/compare1.cells" "$TMP/redrawn.cells"; then
		ok "$n: compare opened again as it was"
	else
		notok "$n: compare opened again as it was" \
			"$(diff "$TMP/compare1.cells" "$TMP/redrawn.cells" | head -6)"
	fi
	keys G a
	same_as_redraw "$n: compare at its end, independent" pane
	keys a
	same_as_redraw "$n: compare at its end, synchronised" pane
	keys Q
done

# far into a long article, and back to it from the next one (its page
# kept): what a redraw shows, where it was
mkdir -p "$TMP/long"
python3 - "$TMP/long" <<'PY'
import os, sys
d = sys.argv[1]
with open(os.path.join(d, "a-long.txt"), "w", encoding="utf-8") as f:
    f.write("Le sommet s'ouvre le 23 octobre 2025 à Hanoï.\n\n")
    for i in range(400):
        f.write("Paragraphe %d : les délégations arrivent, la séance d'ouverture "
                "commence et les ministres parlent de la convention. " % i * 2 + "\n\n")
with open(os.path.join(d, "b-short.txt"), "w", encoding="utf-8") as f:
    f.write("The summit opens on 24 October 2025 in Hanoi.\n\nDelegations arrive.\n")
PY
rows=40
start 150 40 xterm-256color --open a-long "$TMP/long"
if wait_for "a-long"; then
	keys G
	same_as_redraw "long article: at its end"
	cp "$TMP/redrawn.cells" "$TMP/end.cells"
	keys ']'
	wait_for "b-short" || true
	keys '['
	same_as_redraw "long article: back from the next, at its end"
	if cmp -s "$TMP/end.cells" "$TMP/redrawn.cells"; then
		ok "long article: back where it was"
	else
		notok "long article: back where it was" "$(diff "$TMP/end.cells" "$TMP/redrawn.cells" | head -6)"
	fi
	keys g d d
	same_as_redraw "long article: from the top, two half pages down"
	keys Q
else
	notok "long article: opens"
fi

# a kept page whose file changed on disk while another article was shown
mkdir -p "$TMP/corpus"
cp "$ROOT"/corpus/* "$TMP/corpus/"
start 150 40 xterm-256color --open fr-rehearsal "$TMP/corpus"
if wait_for "fr-rehearsal"; then
	keys ']'
	wait_gone "fr-rehearsal" || true
	sed -i 's/Le matin du 23 octobre/Au matin du 23 octobre/' "$TMP/corpus/fr-rehearsal-vietnamplus.txt"
	keys '[' g
	check "kept page: a file changed on disk is read again" "Au matin du 23 octobre"
	keys Q
else
	notok "kept page: opens"
fi
finish
