#!/bin/sh
# The frames tandem sends itself (output.c) show on the terminal exactly
# what curses shows when it sends the same frames (TANDEM_OUTPUT=curses:
# the frame copied into stdscr, then doupdate): the same keys, in
# the article, compare, search and list views, over Latin, Arabic, Hebrew
# and wide Chinese, Japanese and Korean text, with the timeline shown and
# hidden, after a resize and a redraw, give the same characters and the same
# colours cell for cell (capture-pane -e). And the frames are its own: a
# page down reaches the next row with a line feed, which curses never sends
# for that; the tab stop it sets to reach the text's column is gone when it
# quits or is suspended.
. "$(dirname "$0")/lib.sh"

M="$TMP/multi"
mkdir -p "$M"
cp "$ROOT"/tests/data/multilingual/zh-water.txt "$ROOT"/tests/data/multilingual/ja-water.txt \
	"$ROOT"/tests/data/multilingual/ko-water.txt "$ROOT"/tests/data/multilingual/he-water.txt \
	"$ROOT"/tests/data/multilingual/en-water.txt "$M/"

# run_steps NAME: replays the steps of $STEPS (one send-keys argument list
# a line, "resize C R" to resize) and writes each settled screen, with its
# attributes, into $TMP/NAME.N
run_steps() {
	out=$1
	n=0
	echo "$STEPS" | while IFS= read -r step; do
		[ -n "$step" ] || continue
		case $step in
		resize*)
			# shellcheck disable=SC2086
			set -- $step
			tm resize-window -x "$2" -y "$3"
			;;
		*)
			# shellcheck disable=SC2086
			keys $step
			;;
		esac
		settle || true
		n=$((n + 1))
		screen_e >"$TMP/$out.$n"
	done
}

# what a capture shows, cell by cell (sgr.py): whatever resets tmux places
# where
E2E_DIR=$(cd "$(dirname "$0")" && pwd)
shows() { python3 "$E2E_DIR/sgr.py" "$1"; }

# same NAME: the screens of the two runs compared, step by step
same() {
	n=1
	differ=
	while [ -f "$TMP/direct-$1.$n" ]; do
		shows "$TMP/direct-$1.$n" >"$TMP/direct-$1.$n.cells"
		shows "$TMP/curses-$1.$n" >"$TMP/curses-$1.$n.cells"
		if ! cmp -s "$TMP/direct-$1.$n.cells" "$TMP/curses-$1.$n.cells"; then
			differ="step $n"
			break
		fi
		n=$((n + 1))
	done
	if [ $n -gt 1 ] && [ -z "$differ" ]; then
		ok "$1: the same screens as curses ($((n - 1)) steps)"
	else
		notok "$1: the same screens as curses" "${differ:-no screens}"
		[ -n "$differ" ] && diff "$TMP/direct-$1.$n" "$TMP/curses-$1.$n" | head -20 | sed 's/^/# /'
	fi
}

# both NAME COLS ROWS ARGS...: the steps run under each output
both() {
	name=$1 c=$2 r=$3
	shift 3
	for how in direct curses; do
		rm -f "$XDG_STATE_HOME/tandem/state"
		if [ $how = curses ]; then ENV_EXTRA="TANDEM_OUTPUT=curses"; else ENV_EXTRA=; fi
		start "$c" "$r" xterm-256color "$@"
		wait_for "?:help" >/dev/null || true
		settle || true
		run_steps "$how-$name"
		keys Q
		wait_for "EXIT=" >/dev/null || true
	done
	ENV_EXTRA=
	same "$name"
}

STEPS='j j j
Space
b
t
j
d
G
g
/ h a n o i Enter
n
c
j
Space
a
j
Tab
j
q
C-l
resize 70 20
j
resize 120 40
]
]
q'
both "bundled, article and compare" 100 30 --open fr-rehearsal

STEPS='Space
j
t
Space
c
j
q
q
j
Enter
Space'
both "bundled, Arabic" 90 28 --open ar-rehearsal

STEPS='Space
j
]
Space
]
j
]
Space
t
b
q
j j
Enter
resize 61 20
Space'
both "wide and right-to-left scripts" 80 24 --open zh-water "$M"

# a page down sends rows reached by line feeds: the frames are tandem's
PIPE_TO="$TMP/bytes"
start 80 24 xterm-256color --open fr-rehearsal
PIPE_TO=
check "bytes: opened" "1/"
keys t
settle || true
before=$(wc -c <"$TMP/bytes")
keys Space
settle || true
if tail -c +$((before + 1)) "$TMP/bytes" | od -An -c | grep -q '\\n'; then
	ok "a page down: rows reached by line feeds"
else
	notok "a page down: rows reached by line feeds"
fi
keys Q
check "bytes: quits" "EXIT=0"

# the tab stop set for the rows of text is the terminal's own again at the
# end (every 8 columns), after a quit and around a suspend
shell_session 100 30
keys "'$TANDEM' --open fr-rehearsal; printf 'a\\tb|\\n'" Enter
check "tabs: opened" "fr-rehearsal fr"
keys Space Space C-z
check "tabs: suspended" "prompt\$"
keys "printf 'c\\td|\\n'" Enter
check "tabs: the shell's own while suspended" "c       d|"
keys fg Enter
check "tabs: back" "fr-rehearsal fr"
keys Space b Q
check "tabs: the shell's own after quitting" "a       b|"

finish
