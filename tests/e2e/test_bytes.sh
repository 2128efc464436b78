#!/bin/sh
# The bytes tandem writes to the terminal (captured with pipe-pane):
# --bidi=app sends CSI 8 l before anything else and CSI 8 h at the very end,
# --bidi=terminal (or bidi = terminal in the config) neither; escape
# sequences and control characters in an article never reach the terminal
# (shown as visible symbols, the title unchanged), in the reader and in
# --dump.
. "$(dirname "$0")/lib.sh"
ESC=$(printf '\033')

# offset FILE PRINTF-FORMAT: byte offset of the first occurrence, or -1
offset() {
	o=$(grep -abo -F -- "$(printf "$2")" "$1" | head -1 | cut -d: -f1)
	echo "${o:--1}"
}

# run_and_quit NAME ARGS...: tandem at 80x24, its bytes in $TMP/NAME.out
run_and_quit() {
	name=$1
	shift
	PIPE_TO="$TMP/$name.out"
	start 80 24 xterm-256color "$@"
	PIPE_TO=
	wait_for "?:help" || true
	keys Q
	wait_for "EXIT=0" || true
	wait_file "$TMP/$name.out" "EXIT=0" || true
}

# --bidi=app: CSI 8 l first (before the alternate screen), CSI 8 h last
run_and_quit app --open ar-rehearsal --bidi=app
l=$(offset "$TMP/app.out" '\033[8l')
h=$(offset "$TMP/app.out" '\033[8h')
alt_on=$(offset "$TMP/app.out" '\033[?1049h')
alt_off=$(offset "$TMP/app.out" '\033[?1049l')
if [ "$l" -eq 0 ]; then ok "bidi=app: CSI 8 l is the first thing sent"; else notok "bidi=app: CSI 8 l is the first thing sent" "at $l"; fi
if [ "$l" -ge 0 ] && [ "$l" -lt "$alt_on" ]; then ok "bidi=app: CSI 8 l before the reader"; else notok "bidi=app: CSI 8 l before the reader" "8l at $l, 1049h at $alt_on"; fi
if [ "$h" -gt "$alt_off" ] && [ "$alt_off" -ge 0 ]; then ok "bidi=app: CSI 8 h after the screen is restored"; else notok "bidi=app: CSI 8 h after the screen is restored" "8h at $h, 1049l at $alt_off"; fi
if [ "$(grep -ao "$ESC\[8[hl]" "$TMP/app.out" | wc -l)" -eq 2 ]; then ok "bidi=app: once each"; else notok "bidi=app: once each"; fi

# the default is app
run_and_quit default --open ar-rehearsal
if has_bytes "$TMP/default.out" '\033[8l' && has_bytes "$TMP/default.out" '\033[8h'; then ok "bidi default: app"; else notok "bidi default: app"; fi

# --bidi=terminal: the terminal keeps its own bidi mode
run_and_quit terminal --open ar-rehearsal --bidi=terminal
if ! grep -aq "$ESC\[8[hl]" "$TMP/terminal.out" && grep -aq "$ESC\[?1049h" "$TMP/terminal.out"; then ok "bidi=terminal: no CSI 8 h/l"; else notok "bidi=terminal: no CSI 8 h/l"; fi

# the config's bidi = terminal, and the command line winning over it
mkdir -p "$XDG_CONFIG_HOME/tandem"
printf '[reader]\nbidi = terminal\n' >"$XDG_CONFIG_HOME/tandem/config"
run_and_quit cfgterminal --open ar-rehearsal
if ! grep -aq "$ESC\[8[hl]" "$TMP/cfgterminal.out"; then ok "config bidi = terminal: no CSI 8 h/l"; else notok "config bidi = terminal: no CSI 8 h/l"; fi
run_and_quit cfgapp --open ar-rehearsal --bidi=app
if has_bytes "$TMP/cfgapp.out" '\033[8l' && has_bytes "$TMP/cfgapp.out" '\033[8h'; then ok "--bidi=app wins over the config"; else notok "--bidi=app wins over the config"; fi
rm -f "$XDG_CONFIG_HOME/tandem/config"

# an article full of escape sequences and control characters: ESC [ 2 J,
# OSC 0 (set title) ended by BEL, C1 CSI (U+009B), a raw 0x9B byte, BEL,
# backspace, DEL; in the title and in the text
mkdir -p "$TMP/esc"
printf 'Escape \033]0;pwned-by-title\007 test\n\nClear \033[2J screen, title \033]0;pwned\007 set, C1 \302\23331m csi, raw \23331m byte, bell \007 and back\010space, del \177 end.\n\nSecond paragraph.\n' >"$TMP/esc/esc.txt"
PIPE_TO="$TMP/esc.out"
start 100 24 xterm-256color "'$TMP/esc'"
PIPE_TO=
title0=$(tm display-message -p '#{pane_title}')
check "escapes: list" "1/1  list"
keys Enter
check "escapes: article opened" "Second paragraph"
if status_line | grep -q '^esc language unknown undated .*article'; then ok "escapes: status line"; else notok "escapes: status line"; fi
if screen | grep -qF '␛[2J'; then ok "escapes: ESC shown as ␛"; else notok "escapes: ESC shown as ␛"; fi
if screen | grep -qF '␛]0;pwned␇'; then ok "escapes: OSC and BEL shown as ␛ ␇"; else notok "escapes: OSC and BEL shown as ␛ ␇"; fi
if screen | grep -qF 'back␈space'; then ok "escapes: backspace shown as ␈"; else notok "escapes: backspace shown as ␈"; fi
if screen | grep -qF 'del ␡ end'; then ok "escapes: DEL shown as ␡"; else notok "escapes: DEL shown as ␡"; fi
if screen | grep -q 'Escape .*test'; then ok "escapes: the title shown"; else notok "escapes: the title shown"; fi
keys r
check "escapes: raw view" "(raw:"
wait_for "Second paragraph" || true
if screen | grep -qF '␛[2J'; then ok "escapes: raw view shows ␛"; else notok "escapes: raw view shows ␛"; fi
keys q q
# the status line and the search prompt with control characters typed
keys / C-a x Enter
keys Q
check "escapes: quit" "EXIT=0"
wait_file "$TMP/esc.out" "EXIT=0" || true
out="$TMP/esc.out"
title1=$(tm display-message -p '#{pane_title}')
if [ "$title0" = "$title1" ] && ! echo "$title1" | grep -q pwned; then ok "escapes: the terminal title unchanged"; else notok "escapes: the terminal title unchanged" "'$title0' -> '$title1'"; fi
if ! has_bytes "$out" '\033]'; then ok "escapes: no OSC sent"; else notok "escapes: no OSC sent"; fi
if ! has_bytes "$out" '\007'; then ok "escapes: no BEL sent"; else notok "escapes: no BEL sent"; fi
# (curses moves the cursor left with ^H itself: only the article's is checked)
if ! has_bytes "$out" 'back\010'; then ok "escapes: the article's backspace not sent"; else notok "escapes: the article's backspace not sent"; fi
if ! has_bytes "$out" '\177'; then ok "escapes: no DEL sent"; else notok "escapes: no DEL sent"; fi
if ! has_bytes "$out" 'Clear \033'; then ok "escapes: the article's ESC not sent"; else notok "escapes: the article's ESC not sent"; fi
if ! LC_ALL=C grep -aq "$(printf '\302')[$(printf '\200')-$(printf '\237')]" "$out"; then ok "escapes: no C1 control sent"; else notok "escapes: no C1 control sent"; fi
if iconv -f UTF-8 -t UTF-8 "$out" >/dev/null 2>&1; then ok "escapes: output is valid UTF-8 (no raw 0x9B)"; else notok "escapes: output is valid UTF-8 (no raw 0x9B)"; fi

# --dump: no control character but the newline, no DEL, no C1
"$TANDEM" --dump esc "$TMP/esc" >"$TMP/dump.out" 2>/dev/null
bad=$(od -An -tx1 -v "$TMP/dump.out" | tr -s ' ' '\n' | grep -E '^(0[0-9a-f]|1[0-9a-f]|7f)$' | grep -v '^0a$' | sort -u | tr '\n' ' ')
if [ -s "$TMP/dump.out" ] && [ -z "$bad" ]; then ok "--dump: no control bytes"; else notok "--dump: no control bytes" "$bad"; fi
if ! LC_ALL=C grep -aq "$(printf '\302')[$(printf '\200')-$(printf '\237')]" "$TMP/dump.out" &&
	iconv -f UTF-8 -t UTF-8 "$TMP/dump.out" >/dev/null 2>&1; then ok "--dump: no C1, valid UTF-8"; else notok "--dump: no C1, valid UTF-8"; fi
if grep -qF '␛[2J' "$TMP/dump.out" && grep -qF '␇' "$TMP/dump.out"; then ok "--dump: visible symbols"; else notok "--dump: visible symbols"; fi
# --list on a terminal, in visual and in logical order (--bidi=terminal): a
# manifest title's C1 CSI, DEL and invalid byte never reach the terminal
mkdir -p "$TMP/c1"
printf '[article a]\nfile = a.txt\ntitle = X \302\2332J del \177 bad \377 end\n' >"$TMP/c1/corpus.ini"
printf 'Bonjour le monde et la paix.\n' >"$TMP/c1/a.txt"
for b in app terminal; do
	PIPE_TO="$TMP/list-$b.out"
	start 100 24 xterm-256color --list --bidi=$b "'$TMP/c1'"
	PIPE_TO=
	check "--list --bidi=$b: listed" "EXIT=0"
	wait_file "$TMP/list-$b.out" "EXIT=0" || true
	out="$TMP/list-$b.out"
	if screen | grep -qF 'X <9B>2J del ␡ bad � end' && ! has_bytes "$out" '\177' &&
		! LC_ALL=C grep -aq "$(printf '\302')[$(printf '\200')-$(printf '\237')]" "$out" &&
		iconv -f UTF-8 -t UTF-8 "$out" >/dev/null 2>&1; then
		ok "--list --bidi=$b: no C1, DEL or invalid UTF-8 sent"
	else
		notok "--list --bidi=$b: no C1, DEL or invalid UTF-8 sent"
	fi
done
finish
