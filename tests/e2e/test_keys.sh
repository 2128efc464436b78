#!/bin/sh
# Keys: Esc acts at once (the search prompt is gone well under 300 ms, even
# with ESCDELAY=1000 in the environment) and clears the highlight; the help
# screen is the live key map: every request, keys bound in the config
# listed, a long list of keys wrapped rather than cut.
. "$(dirname "$0")/lib.sh"
ESC=$(printf '\033')

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# esc_delay NAME: after / and a query, Esc must clear the prompt in < 300 ms
esc_delay() {
	keys / z q
	if ! wait_for "/zq"; then notok "$1" "no prompt"; return; fi
	t0=$(now_ms)
	keys Escape
	gone=
	while [ $(($(now_ms) - t0)) -lt 1000 ]; do
		if ! status_line | grep -q '^/zq'; then gone=$(($(now_ms) - t0)); break; fi
		sleep 0.02
	done
	if [ -n "$gone" ] && [ "$gone" -lt 300 ]; then ok "$1 (${gone} ms)"; else notok "$1" "prompt still there after ${gone:-1000+} ms"; fi
}

if [ "$(date +%N)" != "N" ] && [ -n "$(date +%N)" ]; then
	start 80 24 xterm-256color --open fr-rehearsal
	check "esc: opened" "1/126"
	esc_delay "Esc closes the prompt at once"
	esc_delay "Esc closes the prompt at once, again"
	# ESCDELAY in the environment does not slow it down
	ENV_EXTRA=ESCDELAY=1000
	start 80 24 xterm-256color --open fr-rehearsal
	ENV_EXTRA=
	check "esc ESCDELAY=1000: opened" "1/126"
	esc_delay "Esc at once with ESCDELAY=1000"
	# the prompt was cancelled, not run
	if ! status_line | grep -q 'not found'; then ok "Esc cancels the search"; else notok "Esc cancels the search"; fi
	# Esc clears the highlight
	keys / h a n o i Enter
	wait_gone "/hanoi" || true
	# the search runs after the prompt closes: poll for the highlight
	i=0
	while [ $i -lt "$TIMEOUT_TICKS" ] && ! screen_e | grep -q "${ESC}\[[0-9;]*mHanoi${ESC}\["; do sleep 0.1; i=$((i + 1)); done
	if screen_e | grep -q "${ESC}\[[0-9;]*mHanoi${ESC}\["; then ok "esc: highlighted"; else notok "esc: highlighted"; fi
	keys Escape
	i=0
	while [ $i -lt 25 ] && screen_e | grep -q "${ESC}\[[0-9;]*mHanoi${ESC}\["; do sleep 0.02; i=$((i + 1)); done
	if ! screen_e | grep -q "${ESC}\[[0-9;]*mHanoi${ESC}\["; then ok "Esc clears the highlight"; else notok "Esc clears the highlight"; fi
	keys Q
	check "esc: quit" "EXIT=0"
else
	echo "# date has no %N here: Esc timing skipped"
fi

# the help screen from the live key map
mkdir -p "$XDG_CONFIG_HOME/tandem"
printf '[keys]\nsearch-next = x\ntop = g Home F2 F3 F4 F5 F6 F7 F8 F9 F10 F11 F12\n' >"$XDG_CONFIG_HOME/tandem/config"
start 100 48 xterm-256color --open fr-rehearsal
check "help: opened" "1/"
keys '?'
check "help: shown" "tandem keys (from the live key map)"
if screen | grep -q '^ n x  *next match  \[search-next\]'; then ok "help: a key bound in the config is listed"; else notok "help: a key bound in the config is listed"; fi
if screen | grep -q 'F12'; then ok "help: a long list of keys is listed whole"; else notok "help: a long list of keys is listed whole"; fi
# every request of the key table, by its config name
missing=
for r in $(grep -v '/\*' "$ROOT/include/tandem/keymap.h" | sed -n 's/.*R([A-Z_]*, "\([a-z-]*\)".*/\1/p'); do
	screen | grep -qF "[$r]" || missing="$missing $r"
done
if [ -z "$missing" ]; then ok "help: every request listed"; else notok "help: every request listed" "missing:$missing"; fi
keys q
check "help: q closes it" "article"
keys Q

# narrow: the long list wraps onto the next rows, nothing cut
start 60 48 xterm-256color --open fr-rehearsal
check "help narrow: opened" "1/"
keys F1
check "help narrow: F1" "tandem keys"
if screen | grep -q '^ g Home F2 .*go to the top' && screen | grep -q '^ [F0-9 ]*F12 *$'; then ok "help narrow: long key list wrapped"; else
	notok "help narrow: long key list wrapped"; fi
keys G
check "help narrow: scrolls to the end" "state:"
keys g
check "help narrow: back to the top" "tandem keys"
keys Q
rm -f "$XDG_CONFIG_HOME/tandem/config"
finish
