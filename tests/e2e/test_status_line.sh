#!/bin/sh
# The status line after moves: the position (first row over the rows in
# all, then top, end or the percent) follows each line and page; it is drawn
# in the "position" element — by default the terminal's own colours, a blank
# on each side — while the article's fields and the keys keep the status
# colours (capture-pane -e). So a line down with the timeline hidden sends
# no colour at all, only the row and the changed digits (pipe-pane). A
# [colors] position line gives the position colours of its own.
. "$(dirname "$0")/lib.sh"
ESC=$(printf '\033')
E2E_DIR=$(cd "$(dirname "$0")" && pwd)

# attrs_at TEXT: the SGR parameters in force (sorted, comma-separated; empty
# for the terminal's defaults) at the first cell of TEXT on the last row of
# the screen, as capture-pane -e shows it
cat >"$TMP/attrs.py" <<'PY'
import sys
from sgr import cells
line = open(sys.argv[1], encoding="utf-8", errors="replace").read().rstrip("\n").split("\n")[-1]
want = sys.argv[2]
row = cells(line, {})
text = "".join(c for c, _ in row)
at = text.find(want)
print(row[at][1] if at >= 0 else "absent")
PY
attrs_at() {
	screen_e >"$TMP/screen_e"
	PYTHONPATH="$E2E_DIR" python3 "$TMP/attrs.py" "$TMP/screen_e" "$1"
}

PIPE_TO="$TMP/out"
start 80 24 xterm-256color --open fr-rehearsal
PIPE_TO=
check "opens at the top" "1/126 top"
keys t
wait_for "1/" || true
settle || true
rows=$(status_line | sed -n 's|.* 1/\([0-9]*\) top .*|\1|p')
if [ -n "$rows" ]; then ok "timeline hidden: the position counts $rows rows"; else notok "timeline hidden: the position counts the rows"; fi

keys j
check "a line down: 2/$rows" " 2/$rows "
# the bytes of one more line down, from the end of what was sent so far
settle || true
before=$(wc -c <"$TMP/out")
keys j
check "a line down: 3/$rows" " 3/$rows "
settle || true
tail -c +"$((before + 1))" "$TMP/out" >"$TMP/line.out"
n=$(wc -c <"$TMP/line.out")
if [ "$n" -gt 0 ] && ! grep -aq "$ESC\[[0-9;]*m" "$TMP/line.out"; then
	ok "a line down sends no colour ($n bytes)"
else
	notok "a line down sends no colour" "$n bytes: $(od -c "$TMP/line.out" | head -5)"
fi
if grep -aq "fr-rehearsal\|article" "$TMP/line.out"; then
	notok "a line down leaves the rest of the status line alone" "it was drawn again"
else
	ok "a line down leaves the rest of the status line alone"
fi

a=$(attrs_at "3/$rows")
if [ -z "$a" ]; then ok "the position in the terminal's colours"; else notok "the position in the terminal's colours" "$a"; fi
a=$(attrs_at "fr-rehearsal fr")
if [ "$a" = "37,44" ]; then ok "the fields keep the status colours"; else notok "the fields keep the status colours" "'$a'"; fi
a=$(attrs_at "?:help")
if [ "$a" = "37,44" ]; then ok "the keys keep the status colours"; else notok "the keys keep the status colours" "'$a'"; fi
# a blank in the terminal's colours on each side of the position
if status_line | grep -q "[0-9] 3/$rows  *[0-9]*%  *article  ?:help q:back\$\|2025-10-23 *3/$rows "; then
	ok "the line reads as before"
else
	notok "the line reads as before" "$(status_line)"
fi

keys Space
wait_gone " 3/$rows " || true
settle || true
if status_line | grep -q " [0-9]*/$rows  *[0-9]*%  *article  ?:help q:back\$" &&
	! status_line | grep -q " [1-3]/$rows "; then
	ok "a page down: the position follows"
else
	notok "a page down: the position follows" "$(status_line)"
fi
keys G
check "the end: end" "/$rows end"
a=$(attrs_at "/$rows end")
if [ -z "$a" ]; then ok "the end: the position in the terminal's colours"; else notok "the end: the position in the terminal's colours" "$a"; fi
keys Q
check "quits" "EXIT=0"

# [colors] position: the position's own colours
mkdir -p "$XDG_CONFIG_HOME/tandem"
printf '[colors]\nposition = yellow blue bold\n' >"$XDG_CONFIG_HOME/tandem/config"
rm -f "$XDG_STATE_HOME/tandem/state"
start 80 24 xterm-256color --open fr-rehearsal
check "configured: opens" "1/126 top"
a=$(attrs_at "1/126 top")
if [ "$a" = "1,33,44" ]; then ok "configured: the position in its colours"; else notok "configured: the position in its colours" "'$a'"; fi
a=$(attrs_at "fr-rehearsal fr")
if [ "$a" = "37,44" ]; then ok "configured: the fields unchanged"; else notok "configured: the fields unchanged" "'$a'"; fi
keys Q
rm -f "$XDG_CONFIG_HOME/tandem/config"

# no colour (NO_COLOR): the bar in reverse video, the position not
rm -f "$XDG_STATE_HOME/tandem/state"
ENV_EXTRA=NO_COLOR=1
start 80 24 xterm-256color --open fr-rehearsal
ENV_EXTRA=
check "NO_COLOR: opens" "1/126 top"
a=$(attrs_at "fr-rehearsal fr")
if [ "$a" = "7" ]; then ok "NO_COLOR: the fields reversed"; else notok "NO_COLOR: the fields reversed" "'$a'"; fi
a=$(attrs_at "1/126 top")
if [ -z "$a" ]; then ok "NO_COLOR: the position plain"; else notok "NO_COLOR: the position plain" "'$a'"; fi
keys Q
finish
