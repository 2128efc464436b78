#!/bin/sh
# Terminal behaviour: resize keeps the reading position (by paragraph),
# including mid-search; "terminal too small"; Ctrl-Z suspend and fg; quitting
# keeps state; SIGTERM restores and saves; a corrupt state line is reported
# and ignored; a bad config line is reported; the C locale switches to
# C.UTF-8.
. "$(dirname "$0")/lib.sh"

for term in xterm-256color screen; do
	n="resize $term"
	rm -f "$XDG_STATE_HOME/tandem/state"
	start 80 24 "$term" --open fr-rehearsal
	check "$n: opened" "fr-rehearsal fr"
	keys t '}' '}' '}'
	settle || true
	first=$(line 0 | sed 's/^ *//' | cut -d' ' -f1-3)
	tm resize-window -x 160 -y 48
	settle || true
	after=$(line 0 | sed 's/^ *//' | cut -d' ' -f1-3)
	if [ -n "$first" ] && [ "$first" = "$after" ]; then ok "$n: position kept 80x24 -> 160x48"; else
		notok "$n: position kept 80x24 -> 160x48" "'$first' vs '$after'"; fi
	tm resize-window -x 15 -y 5
	check "$n: too small" "too small"
	tm resize-window -x 80 -y 24
	wait_gone "too small" || true
	back=$(line 0 | sed 's/^ *//' | cut -d' ' -f1-3)
	if [ "$first" = "$back" ]; then ok "$n: position kept back at 80x24"; else notok "$n: position kept back at 80x24" "'$back'"; fi
	# resize in the middle of typing a search
	keys / h a n
	check "$n: prompt" "/han"
	tm resize-window -x 100 -y 30
	check "$n: prompt survives resize" "/han"
	keys o i Enter
	wait_gone "/hanoi" || true
	if ! status_line | grep -q 'not found'; then ok "$n: search after resize"; else notok "$n: search after resize"; fi
	keys Q
	check "$n: quit" "EXIT=0"
done

# too small: q still goes back (it quits only at the top), Q quits
rm -f "$XDG_STATE_HOME/tandem/state"
start 80 24 xterm-256color --open fr-rehearsal
check "too small: opened" "fr-rehearsal fr"
tm resize-window -x 15 -y 5
check "too small: shown" "too small"
keys q
settle
tm resize-window -x 80 -y 24
check "too small: q went back to the list" " list "
if ! screen | grep -q "EXIT="; then ok "too small: q did not quit"; else notok "too small: q did not quit"; fi
tm resize-window -x 15 -y 5
check "too small: again" "too small"
keys Q
check "too small: Q quits" "EXIT=0"

# Ctrl-Z in an interactive shell, then fg
rm -f "$XDG_STATE_HOME/tandem/state"
shell_session 80 24
keys "'$TANDEM' --open fr-rehearsal; echo EXIT=\$?" Enter
check "suspend: opened" "fr-rehearsal fr"
keys C-z
check "suspend: shell back" "prompt\$"
if ! screen | grep -q '1/126'; then ok "suspend: screen restored"; else notok "suspend: screen restored"; fi
keys fg Enter
check "resume: reader back" "1/126"
keys j
check "resume: keys work" "2/126"
keys Q
wait_gone "/126" && ok "resume: quit" || notok "resume: quit"

# state: the reading position survives quitting and a different width
rm -f "$XDG_STATE_HOME/tandem/state"
start 80 24 xterm-256color --open fr-rehearsal
check "state: opened" "fr-rehearsal fr"
keys '}' '}' '}'
settle || true
first=$(line 0 | sed 's/.*│ *//' | cut -d' ' -f1-3)
keys q q q
check "state: q q q quits" "EXIT=0"
if grep -q '^pos fr-rehearsal 2 0 [0-9]*$' "$XDG_STATE_HOME/tandem/state" && grep -q '^last fr-rehearsal [0-9]*$' "$XDG_STATE_HOME/tandem/state"; then
	ok "state: file written"; else notok "state: file written" "$(cat "$XDG_STATE_HOME/tandem/state" 2>&1)"; fi
start 160 48 xterm-256color --open fr-rehearsal
check "state: reopened" "fr-rehearsal fr"
again=$(line 0 | sed 's/.*│ *//' | cut -d' ' -f1-3)
if [ "$first" = "$again" ]; then ok "state: position restored at another width"; else notok "state: position restored at another width" "'$first' vs '$again'"; fi
keys m a G
check "mark: set, moved" " end"
keys "'" a
wait_gone "100%" && ok "mark: ' returns" || notok "mark: ' returns"
# SIGTERM (the SSH link dropped): terminal restored, state saved
keys j j
kill -TERM "$(tandem_pid)"
check "SIGTERM: exits" "EXIT=0"
if grep -q '^mark a fr-rehearsal' "$XDG_STATE_HOME/tandem/state"; then ok "SIGTERM: state saved"; else notok "SIGTERM: state saved"; fi

# corrupt state file: the line reported and skipped, the file kept as state.bad
echo "garbage" >"$XDG_STATE_HOME/tandem/state"
start 80 24 xterm-256color --open fr-rehearsal
check "corrupt state reported" "state:1: corrupt line skipped"
keys j
check "corrupt state: reader works" "2/126"
keys Q
check "corrupt state: quits" "EXIT=0"
if head -1 "$XDG_STATE_HOME/tandem/state" | grep -q '^tandem-state 2$' && grep -qx garbage "$XDG_STATE_HOME/tandem/state.bad"; then ok "corrupt state replaced"; else notok "corrupt state replaced"; fi

# unwritable state (its directory cannot be made): said on the status line
# when an article is left, the reader goes on, and the exit is clean
mkdir -p "$TMP/notadir" && : >"$TMP/notadir/file"
saved_state_home=$XDG_STATE_HOME
XDG_STATE_HOME="$TMP/notadir/file"
start 80 24 xterm-256color --open fr-rehearsal
XDG_STATE_HOME=$saved_state_home
check "unwritable state: said at start" "Not a directory"
keys q
check "unwritable state reported" "state not saved"
keys Enter
check "unwritable state: reader works" "article"
keys Q
check "unwritable state: quits" "EXIT=0"

# config: a bad line is named, the rest applies
rm -f "$XDG_STATE_HOME/tandem/state"
mkdir -p "$XDG_CONFIG_HOME/tandem"
printf '[keys]\nline-down = x\nno-such = y\n[reader]\nmeasure = 60\n' >"$XDG_CONFIG_HOME/tandem/config"
start 80 24 xterm-256color --open fr-rehearsal
check "config: bad line named" "config:3: unknown request 'no-such'"
keys x
check "config: binding applies" "2/126"
keys Q
check "config: quits" "EXIT=0"

# one key bound twice in the file: said, with the line; the later wins
printf '[keys]\nline-down = x\nline-up = x\n' >"$XDG_CONFIG_HOME/tandem/config"
rm -f "$XDG_STATE_HOME/tandem/state" # start at the top
start 80 24 xterm-256color --open fr-rehearsal
check "config: key bound twice named" "config:3: key 'x' is bound twice"
keys j j
check "config: two lines down" "3/126"
keys x
check "config: the later binding wins" "2/126"
keys Q
check "config: key bound twice: quits" "EXIT=0"

# C locale: switches to C.UTF-8
rm -f "$XDG_CONFIG_HOME/tandem/config"
tm kill-server 2>/dev/null
SERIAL=$((SERIAL + 1)); SOCK="tandem-test-$$-$SERIAL"; SOCKS="$SOCKS $SOCK"
tm new-session -d -x 80 -y 24 "cd '$ROOT' && env -u LANG LC_ALL=C TERM=xterm-256color HOME='$HOME' XDG_STATE_HOME='$XDG_STATE_HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' '$TANDEM' --open ar-rehearsal; echo EXIT=\$?; sleep 60"
check "C locale: reader starts" "ar-rehearsal ar"
keys Q
finish
