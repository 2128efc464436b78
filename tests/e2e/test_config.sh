#!/bin/sh
# The configuration file is opened by the one file rule: a FIFO, a device
# (a symbolic link to /dev/zero) or a directory where it should be is named
# on the status line with what it is, and skipped: the reader starts at
# once with the defaults, never waiting or spinning. A [keys] value of any
# length binds every key in it; a bad key in it is named whole (or cut with
# its length when it is long), never as half a token.
. "$(dirname "$0")/lib.sh"

CFG="$XDG_CONFIG_HOME/tandem/config"
mkdir -p "$XDG_CONFIG_HOME/tandem"

# wide enough for the whole message, with the temporary directory's path
not_regular() { # NAME KIND
	rm -f "$XDG_STATE_HOME/tandem/state"
	start 200 24 xterm-256color --open fr-rehearsal
	check "config $1: reader starts" "Le président"
	check "config $1: named with what it is" "config: not a regular file ($2); configuration ignored"
	keys j
	check "config $1: default keys" "2/78"
	keys Q
	check "config $1: quits" "EXIT=0"
}

rm -f "$CFG"; mkfifo "$CFG"
not_regular FIFO "a FIFO"
rm -f "$CFG"; ln -s /dev/zero "$CFG"
not_regular /dev/zero "a character device"
rm -f "$CFG"; mkdir "$CFG"
not_regular directory "a directory"
rmdir "$CFG"

# a [keys] value of 400 bytes: every key binds, and the lines after it keep
# their numbers
keys_list=$(i=0; while [ $i -lt 100 ]; do printf 'C-n '; i=$((i + 1)); done)
printf '[keys]\nline-down = %s x\n[reader]\nmeasure = 9\n' "$keys_list" >"$CFG"
rm -f "$XDG_STATE_HOME/tandem/state"
start 200 24 xterm-256color --open fr-rehearsal
check "long [keys] value: the next line keeps its number" "config:4: measure takes"
if ! screen | grep -q "bad key"; then ok "long [keys] value: no bad key"; else notok "long [keys] value: no bad key"; fi
keys x
check "long [keys] value: its last key binds" "2/78"
keys Q
check "long [keys] value: quits" "EXIT=0"

# a bad key far longer than a key: named by its start and its length
long=$(printf 'C-%060d' 0)
printf '[keys]\nline-down = x %s\n' "$long" >"$CFG"
rm -f "$XDG_STATE_HOME/tandem/state"
start 200 24 xterm-256color --open fr-rehearsal
check "long bad key: named with its length" "config:2: bad key 'C-000000000000000000000000000000...' (62 bytes) for line-down"
keys x
check "long bad key: the good key binds" "2/78"
keys Q
check "long bad key: quits" "EXIT=0"
rm -f "$CFG"
# every problem at once: counted on the status line, listed in the help,
# printed by --check-config (exit 1), a bad colour named
rm -rf "$XDG_CONFIG_HOME/tandem"
mkdir -p "$XDG_CONFIG_HOME/tandem"
printf '[reader]\nmeasure = 5\nbogus = 1\n[colors]\nmatch = purple black\n[keys]\nline-down = j\n' >"$XDG_CONFIG_HOME/tandem/config"
start 100 30 xterm-256color --open fr-rehearsal
check "problems: counted" "3 problems in $XDG_CONFIG_HOME/tandem/config: ? lists them"
keys '?'
check "problems: help lists the first" "line 2: measure takes a number of columns"
check "problems: help lists the colour" "line 5: [colors] match: 'purple': unknown colour"
check "problems: the good line applies" "line-down"
keys Q
check "problems: quits" "EXIT=0"
out=$("$TANDEM" --check-config "$XDG_CONFIG_HOME/tandem/config")
rc=$?
if [ "$rc" -eq 1 ] && [ "$(echo "$out" | grep -c ':[0-9]*: ')" -eq 3 ] && echo "$out" | grep -q "3 problem(s)"; then
	ok "--check-config: every problem, exit 1"; else notok "--check-config: every problem, exit 1" "$rc $out"; fi
printf '[reader]\nmeasure = 60\n' >"$XDG_CONFIG_HOME/tandem/config"
if "$TANDEM" --check-config "$XDG_CONFIG_HOME/tandem/config" | grep -q ': 0 problem(s)'; then
	ok "--check-config: a good file"; else notok "--check-config: a good file"; fi
finish
