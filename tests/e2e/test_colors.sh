#!/bin/sh
# Colours: the default theme sends colours; NO_COLOR=1 sends no colour at
# all (checked in the bytes written) and search highlights stay visible
# through bold/underline/reverse; a [colors] line in the config changes what
# is sent; a monochrome terminal (xterm-mono) gets attributes; a bad
# [colors] line is reported.
. "$(dirname "$0")/lib.sh"
ESC=$(printf '\033')

# sgr_params FILE: every parameter of every SGR (CSI ... m) in FILE, a line
# each (an empty CSI m gives 0)
sgr_params() {
	grep -ao "$ESC\[[0-9;]*m" "$1" | sed 's/^.\[//; s/m$//; s/^$/0/' | tr ';' '\n'
}
# colour parameters: 30-49 (38/48 extended), 90-97, 100-107
colour_params() { sgr_params "$1" | grep -Ex '3[0-9]|4[0-9]|9[0-7]|10[0-7]' | sort -u | tr '\n' ' '; }
# before WORD: the parameters of the SGRs right before WORD on the screen
before() {
	screen_e | grep -ao "\($ESC\[[0-9;]*m\)*$1" | sed "s/$1\$//" >"$TMP/before"
	sgr_params "$TMP/before"
}

# search_hanoi NAME ENV TERM: tandem on fr-rehearsal, bytes in $TMP/NAME.out,
# "hanoi" searched; the caller checks the screen, then calls quit_run
search_hanoi() {
	rm -f "$XDG_STATE_HOME/tandem/state"
	ENV_EXTRA=$2 PIPE_TO="$TMP/$1.out"
	start 80 24 "$3" --open fr-rehearsal
	ENV_EXTRA= PIPE_TO=
	wait_for "1/126" || true
	keys / h a n o i Enter
	wait_gone "/hanoi" || true
	wait_for "Hanoi" || true
	# the frame may reach the screen in parts: wait until it stops changing
	i=0 prev=
	while [ $i -lt "$TIMEOUT_TICKS" ]; do
		cur=$(screen_e)
		[ -n "$prev" ] && [ "$cur" = "$prev" ] && break
		prev=$cur
		sleep 0.1
		i=$((i + 1))
	done
}
quit_run() {
	keys Q
	wait_for "EXIT=0" || true
	wait_file "$TMP/$1.out" "EXIT=0" || true
}

# the default: colours are sent
search_hanoi default "" xterm-256color
quit_run default
c=$(colour_params "$TMP/default.out")
if [ -n "$c" ]; then ok "default: colours sent"; else notok "default: colours sent"; fi
if ! sgr_params "$TMP/default.out" | grep -qx 45; then ok "default: no magenta"; else notok "default: no magenta"; fi

# NO_COLOR: not one colour, highlights by attributes
search_hanoi nocolor NO_COLOR=1 xterm-256color
if before Hanoi | grep -qE '^(1|4|7)$'; then ok "NO_COLOR: highlight by attributes"; else notok "NO_COLOR: highlight by attributes" "$(cat -v "$TMP/before")"; fi
if before Hanoi | grep -qx 7; then ok "NO_COLOR: current match reversed"; else notok "NO_COLOR: current match reversed"; fi
quit_run nocolor
c=$(colour_params "$TMP/nocolor.out")
if [ -z "$c" ] && grep -aq "$ESC\[?1049h" "$TMP/nocolor.out"; then ok "NO_COLOR: no colour sequence sent"; else notok "NO_COLOR: no colour sequence sent" "params: $c"; fi
# an empty NO_COLOR does not count (no-color.org)
search_hanoi emptync NO_COLOR= xterm-256color
quit_run emptync
if [ -n "$(colour_params "$TMP/emptync.out")" ]; then ok "NO_COLOR empty: colours"; else notok "NO_COLOR empty: colours"; fi

# [colors]: match = white magenta bold
mkdir -p "$XDG_CONFIG_HOME/tandem"
printf '[colors]\nmatch = white magenta bold\n' >"$XDG_CONFIG_HOME/tandem/config"
search_hanoi config "" xterm-256color
if before Hanoi | grep -qx 45; then ok "[colors] match: magenta on screen"; else notok "[colors] match: magenta on screen" "$(cat -v "$TMP/before")"; fi
quit_run config
if sgr_params "$TMP/config.out" | grep -qx 45; then ok "[colors] match: magenta sent"; else notok "[colors] match: magenta sent"; fi
if ! cmp -s "$TMP/default.out" "$TMP/config.out"; then ok "[colors] changes the bytes"; else notok "[colors] changes the bytes"; fi
# and NO_COLOR still wins over the config
search_hanoi confignc NO_COLOR=1 xterm-256color
if before Hanoi | grep -qx 1; then ok "[colors] with NO_COLOR: its bold"; else notok "[colors] with NO_COLOR: its bold"; fi
quit_run confignc
if [ -z "$(colour_params "$TMP/confignc.out")" ]; then ok "[colors] with NO_COLOR: no colour"; else notok "[colors] with NO_COLOR: no colour"; fi

# colours only, without attributes: where colours are off, the highlight
# keeps the default attributes (it would vanish otherwise)
printf '[colors]\nmatch = black yellow\nmatch-current = black green\n' >"$XDG_CONFIG_HOME/tandem/config"
search_hanoi colouronly NO_COLOR=1 xterm-256color
if before Hanoi | grep -qx 7 && before Hanoi | grep -qE '^(1|4)$'; then ok "[colors] without attributes, NO_COLOR: highlights still visible"; else
	notok "[colors] without attributes, NO_COLOR: highlights still visible" "$(cat -v "$TMP/before")"; fi
quit_run colouronly

# a bad [colors] line: named, the rest applies
printf '[colors]\nmatch = purple\n' >"$XDG_CONFIG_HOME/tandem/config"
start 80 24 xterm-256color --open fr-rehearsal
check "[colors] bad line named" "config:2: [colors] match"
keys Q
rm -f "$XDG_CONFIG_HOME/tandem/config"

# a monochrome terminal
if infocmp xterm-mono >/dev/null 2>&1; then
	search_hanoi mono "" xterm-mono
	if before Hanoi | grep -qE '^(1|4|7)$'; then ok "xterm-mono: highlight by attributes"; else notok "xterm-mono: highlight by attributes" "$(cat -v "$TMP/before")"; fi
	if before Hanoi | grep -qx 7; then ok "xterm-mono: current match reversed"; else notok "xterm-mono: current match reversed"; fi
	if screen_e | grep -q "${ESC}\[7m[^${ESC}]*event\|${ESC}\[7m *fr-rehearsal"; then ok "xterm-mono: status line reversed"; else notok "xterm-mono: status line reversed"; fi
	quit_run mono
	if [ -z "$(colour_params "$TMP/mono.out")" ]; then ok "xterm-mono: no colour sent"; else notok "xterm-mono: no colour sent"; fi
else
	echo "# xterm-mono has no terminfo entry here: monochrome checks skipped"
fi
finish
