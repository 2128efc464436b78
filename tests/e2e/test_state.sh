#!/bin/sh
# The state file never loses a reader's work: two readers open at once in
# one tmux server (two sessions, one XDG_STATE_HOME), A scrolls one
# article, B another, A quits, then B: both positions are restored after.
# A state that is a FIFO is named on the status line with what it is and
# neither waited on nor replaced; a temporary file a killed save left is
# removed at start.
. "$(dirname "$0")/lib.sh"

STATE="$XDG_STATE_HOME/tandem/state"

# reader SESSION ARGS...: tandem in a new session of this test's server
reader() {
	s=$1
	shift
	tm new-session -d -s "$s" -x 80 -y 24 \
		"cd '$ROOT' && env TERM=xterm-256color LANG=C.UTF-8 HOME='$HOME' XDG_STATE_HOME='$XDG_STATE_HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' '$TANDEM' $*; echo EXIT=\$?; sleep 60"
	tm set-option -g status off >/dev/null 2>&1
}
# on SESSION CHECK-NAME STRING: ok when that session's screen shows STRING
on() {
	i=0
	while [ $i -lt "$TIMEOUT_TICKS" ]; do
		if tm capture-pane -p -t "$1" 2>/dev/null | grep -qF -- "$3"; then
			ok "$2"
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	notok "$2" "expected '$3' in session $1: $(tm capture-pane -p -t "$1" 2>/dev/null | tail -1)"
	return 1
}

rm -f "$STATE"
tm kill-server 2>/dev/null
SERIAL=$((SERIAL + 1)); SOCK="tandem-test-$$-$SERIAL"; SOCKS="$SOCKS $SOCK"
reader A --open fr-rehearsal
reader B --open ar-rehearsal
on A "two readers: A opened" "fr-rehearsal fr"
on B "two readers: B opened" "ar-rehearsal ar"
tm send-keys -t A '}' '}' '}'
on A "two readers: A moved" " 19/126"
tm send-keys -t B j j j j j
on B "two readers: B moved" " 6/"
tm send-keys -t A Q
on A "two readers: A quits" "EXIT=0"
tm send-keys -t B Q
on B "two readers: B quits" "EXIT=0"
if grep -q '^pos fr-rehearsal 2 0 ' "$STATE" && grep -q '^pos ar-rehearsal 0 1 ' "$STATE"; then
	ok "two readers: both positions in the file"; else
	notok "two readers: both positions in the file" "$(cat "$STATE" 2>&1)"; fi
start 80 24 xterm-256color --open fr-rehearsal
check "two readers: A's position restored" " 19/126"
keys Q
check "two readers: restarted A quits" "EXIT=0"
start 80 24 xterm-256color --open ar-rehearsal
check "two readers: B's position restored" " 6/"
keys Q
check "two readers: restarted B quits" "EXIT=0"

# a temporary file a killed save left: removed at start; the state is read
printf 'tandem-state 2\npos fr-reh' >"$XDG_STATE_HOME/tandem/.state.k1Ll9x"
start 80 24 xterm-256color --open fr-rehearsal
check "stale temporary: reader starts where it was" " 19/126"
if [ ! -e "$XDG_STATE_HOME/tandem/.state.k1Ll9x" ]; then ok "stale temporary: removed"; else notok "stale temporary: removed"; fi
keys Q
check "stale temporary: quits" "EXIT=0"
if ls -a "$XDG_STATE_HOME/tandem" | grep -q '^\.state\.'; then notok "no temporary file left" "$(ls -a "$XDG_STATE_HOME/tandem")"; else ok "no temporary file left"; fi

# the state is a FIFO: said, never waited on, not replaced at exit
rm -f "$STATE"
mkfifo "$STATE"
start 200 24 xterm-256color --open fr-rehearsal
check "FIFO state: named with what it is" "state: not a regular file (a FIFO); state not restored"
keys j
check "FIFO state: reader works" "2/78"
keys Q
check "FIFO state: quits" "EXIT=0"
if [ -p "$STATE" ]; then ok "FIFO state: left as it was"; else notok "FIFO state: left as it was"; fi
rm -f "$STATE"

# leaving an article saves its position once the frame is out: a state
# that cannot be written is said on the status line at once
rm -rf "$XDG_STATE_HOME/tandem"
start 200 24 xterm-256color --open fr-rehearsal
if wait_for "fr-rehearsal"; then
	keys j
	wait_for "2/78" || true
	touch "$XDG_STATE_HOME/tandem" # a file where its directory goes
	keys ']'
	check "unwritable state: said on leaving an article" "state not saved"
	keys Q
fi
rm -f "$XDG_STATE_HOME/tandem"
finish
