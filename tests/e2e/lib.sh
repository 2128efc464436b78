# tests/e2e/lib.sh — helpers for the end-to-end tests: a private tmux server
# per test file, build/tandem run in it with HOME and the XDG directories in
# a temporary directory, keys sent with send-keys, the screen read with
# capture-pane and polled (never fixed long sleeps). Sourced by test_*.sh.

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TANDEM="$ROOT/build/tandem"
SOCK="tandem-test-$$"
SERIAL=0
SOCKS=
TMP=$(mktemp -d "${TMPDIR:-/tmp}/tandem-e2e.XXXXXX") || exit 1
export HOME="$TMP/home" XDG_STATE_HOME="$TMP/state" XDG_CONFIG_HOME="$TMP/config"
mkdir -p "$HOME" "$XDG_STATE_HOME" "$XDG_CONFIG_HOME"
unset NO_COLOR TANDEM_CORPUS
FAILS=0
TIMEOUT_TICKS=${TIMEOUT_TICKS:-50} # 50 x 0.1 s

tm() { tmux -L "$SOCK" -f /dev/null "$@"; }

cleanup() {
	for s in $SOCKS; do
		tmux -L "$s" -f /dev/null kill-server 2>/dev/null
	done
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

ok() { echo "ok $1"; }
notok() {
	echo "not ok $1"
	FAILS=$((FAILS + 1))
	if [ -n "$2" ]; then
		echo "# $2"
	fi
	echo "# screen:"
	screen | sed 's/^/#   |/'
}

# start COLS ROWS TERM ARGS... : a fresh session running tandem; the shell
# prints EXIT=status when it ends.
start() {
	cols=$1 rows=$2 term=$3
	shift 3
	tm kill-server 2>/dev/null
	SERIAL=$((SERIAL + 1))
	SOCK="tandem-test-$$-$SERIAL"
	SOCKS="$SOCKS $SOCK"
	tm new-session -d -x "$cols" -y "$rows" \
		"cd '$ROOT' && env TERM=$term LANG=C.UTF-8 HOME='$HOME' XDG_STATE_HOME='$XDG_STATE_HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' '$TANDEM' $*; echo EXIT=\$?; sleep 60"
	tm set-option -g status off >/dev/null 2>&1
	tm resize-window -x "$cols" -y "$rows" >/dev/null 2>&1
}

screen() { tm capture-pane -p 2>/dev/null; }
screen_e() { tm capture-pane -p -e 2>/dev/null; }
keys() { tm send-keys "$@"; }
# line N of the screen (0-based), trailing blanks removed
line() { screen | sed -n "$(($1 + 1))p" | sed 's/ *$//'; }
status_line() { screen | sed -n '$p'; }

# wait_for STRING: polls the screen until it shows STRING; 1 on timeout
wait_for() {
	i=0
	while [ $i -lt "$TIMEOUT_TICKS" ]; do
		if screen | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# wait_gone STRING: polls until the screen no longer shows STRING
wait_gone() {
	i=0
	while [ $i -lt "$TIMEOUT_TICKS" ]; do
		if ! screen | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# check NAME STRING: ok when the screen shows STRING (waiting for it)
check() {
	if wait_for "$2"; then ok "$1"; else notok "$1" "expected '$2'"; fi
}

finish() {
	[ "$FAILS" -eq 0 ]
	exit $?
}
