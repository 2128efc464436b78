# tests/e2e/lib.sh — helpers for the end-to-end tests: a private tmux server
# per test file, build/tandem (or $BUILD/tandem) run in it with HOME and the
# XDG directories in a temporary directory, keys sent with send-keys, the
# screen read with capture-pane and polled (never fixed long sleeps), the
# bytes the program writes to the terminal captured with pipe-pane. Sourced
# by test_*.sh. Under `make check SANITIZE=1`, finish fails the test file
# when a sanitizer wrote a report into $TANDEM_SAN_LOGS (see run-all.sh).

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
case ${BUILD:-build} in
/*) TANDEM="$BUILD/tandem" ;;
*) TANDEM="$ROOT/${BUILD:-build}/tandem" ;;
esac
SOCK="tandem-test-$$"
SERIAL=0
SOCKS=
TMP=$(mktemp -d "${TMPDIR:-/tmp}/tandem-e2e.XXXXXX") || exit 1
export HOME="$TMP/home" XDG_STATE_HOME="$TMP/state" XDG_CONFIG_HOME="$TMP/config" \
	XDG_CACHE_HOME="$TMP/cache"
mkdir -p "$HOME" "$XDG_STATE_HOME" "$XDG_CONFIG_HOME"
unset NO_COLOR TANDEM_CORPUS
if [ -n "${TANDEM_SAN_LOGS:-}" ]; then
	# No LeakSanitizer here: a tandem that ends because its tmux server went
	# away can hang for good in the leak check's stop-the-world at exit
	# (seen as an orphan spinning at 25% CPU). The unit, fuzz and golden
	# suites keep it.
	export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
fi
FAILS=0
TIMEOUT_TICKS=${TIMEOUT_TICKS:-50} # 50 x 0.1 s

tm() { tmux -L "$SOCK" -f /dev/null "$@"; }

cleanup() {
	for s in $SOCKS; do
		tmux -L "$s" -f /dev/null kill-server 2>/dev/null
		rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$s" # a killed server leaves it
	done
	rm -rf "$TMP"
	if [ -n "${TANDEM_SAN_LOGS:-}" ]; then
		# a tandem ended with its server reports as it exits
		sleep 0.5
		before=$FAILS
		san_check
		[ "$FAILS" -eq "$before" ] || exit 1
	fi
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
# prints EXIT=status when it ends. ENV_EXTRA (e.g. NO_COLOR=1) is added to
# its environment. With PIPE_TO=FILE, every byte tandem writes to the
# terminal is copied to FILE from the first (tandem waits for the pipe).
start() {
	cols=$1 rows=$2 term=$3
	shift 3
	tm kill-server 2>/dev/null
	SERIAL=$((SERIAL + 1))
	SOCK="tandem-test-$$-$SERIAL"
	SOCKS="$SOCKS $SOCK"
	gate=
	if [ -n "$PIPE_TO" ]; then
		gate="while [ ! -e '$TMP/go.$SERIAL' ]; do sleep 0.02; done; "
	fi
	tm new-session -d -x "$cols" -y "$rows" \
		"cd '$ROOT' && ${gate}env $ENV_EXTRA TERM=$term LANG=C.UTF-8 HOME='$HOME' XDG_STATE_HOME='$XDG_STATE_HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' XDG_CACHE_HOME='$XDG_CACHE_HOME' '$TANDEM' $*; echo EXIT=\$?; sleep 60"
	tm set-option -g status off >/dev/null 2>&1
	tm resize-window -x "$cols" -y "$rows" >/dev/null 2>&1
	if [ -n "$PIPE_TO" ]; then
		: >"$PIPE_TO"
		tm pipe-pane -O "cat >>'$PIPE_TO'"
		touch "$TMP/go.$SERIAL"
	fi
}

# shell_session COLS ROWS: a fresh session running an interactive sh whose
# prompt is "prompt$ " (to run tandem from, as a user does)
shell_session() {
	tm kill-server 2>/dev/null
	SERIAL=$((SERIAL + 1))
	SOCK="tandem-test-$$-$SERIAL"
	SOCKS="$SOCKS $SOCK"
	tm new-session -d -x "$1" -y "$2" "env PS1='prompt\$ ' TERM=xterm-256color LANG=C.UTF-8 HOME='$HOME' XDG_STATE_HOME='$XDG_STATE_HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' XDG_CACHE_HOME='$XDG_CACHE_HOME' sh -i"
	tm set-option -g status off >/dev/null 2>&1
	wait_for 'prompt$' || true
}

# tandem_pid: the tandem process of this test's pane (never another one)
tandem_pid() {
	ppid=$(tm display-message -p '#{pane_pid}')
	pgrep -P "$ppid" -x tandem | head -1
}

# mouse B X Y [M|m]: an xterm SGR (mode 1006) mouse report, 1-based
# coordinates; M is a press (or a wheel step), m a release
mouse() {
	tm send-keys -l "$(printf '\033[<%d;%d;%d%s' "$1" "$2" "$3" "${4:-M}")"
}
# click X Y: button 1 pressed and released at column X, row Y (1-based)
click() {
	mouse 0 "$1" "$2" M
	mouse 0 "$1" "$2" m
}

# wait_file FILE STRING: polls until FILE holds STRING (bytes); 1 on timeout
wait_file() {
	i=0
	while [ $i -lt "$TIMEOUT_TICKS" ]; do
		if grep -aqF -- "$2" "$1" 2>/dev/null; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# has_bytes FILE PRINTF-FORMAT: true when FILE holds the bytes
has_bytes() { grep -aqF -- "$(printf "$2")" "$1"; }

# private_modes FILE h|l: the DEC private modes FILE sets (h) or resets (l),
# one number a line, from every CSI ? Pm h / l in it
private_modes() {
	grep -ao "$(printf '\033')\[?[0-9;]*$2" "$1" | sed "s/^.\[?//; s/$2\$//" | tr ';' '\n'
}

# gen_corpus DIR N: N small plain articles (*.txt, no manifest) in DIR, in
# French, Arabic, Indonesian and English, each with its own title and date
gen_corpus() {
	python3 - "$1" "$2" <<'PY'
import os, sys
out, n = sys.argv[1], int(sys.argv[2])
os.makedirs(out, exist_ok=True)
texts = [
    "Article {i} : le sommet s'ouvre le {d} octobre 2025 à Hanoï.\n\nLes délégations arrivent.\n",
    "المقال {i}: تفتتح القمة في {d} أكتوبر 2025 في هانوي.\n\nتصل الوفود.\n",
    "Artikel {i}: KTT dibuka pada {d} Oktober 2025 di Hanoi.\n\nPara delegasi tiba.\n",
    "Article {i}: the summit opens on {d} October 2025 in Hanoi.\n\nDelegations arrive.\n",
]
for i in range(n):
    with open(os.path.join(out, "a%05d.txt" % i), "w", encoding="utf-8") as f:
        f.write(texts[i % 4].format(i=i, d=1 + i % 28))
PY
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

# settle: waits until the screen stops changing (keys sent together have
# all been handled): the same capture twice 0.1 s apart
settle() {
	i=0
	prev=$(screen)
	while [ $i -lt "$TIMEOUT_TICKS" ]; do
		sleep 0.1
		cur=$(screen)
		[ "$cur" = "$prev" ] && return 0
		prev=$cur
		i=$((i + 1))
	done
	return 1
}

# check NAME STRING: ok when the screen shows STRING (waiting for it)
check() {
	if wait_for "$2"; then ok "$1"; else notok "$1" "expected '$2'"; fi
}

# san_check: a "not ok" for each sanitizer report tandem wrote (shown, then
# removed), when the tests run against a sanitizer build
san_check() {
	[ -n "${TANDEM_SAN_LOGS:-}" ] || return 0
	for f in "$TANDEM_SAN_LOGS"/*; do
		[ -f "$f" ] || continue
		echo "not ok sanitizer report ${f##*/}"
		sed 's/^/#   /' "$f" | head -n 80
		rm -f "$f"
		FAILS=$((FAILS + 1))
	done
}

finish() {
	san_check
	[ "$FAILS" -eq 0 ]
	exit $?
}
