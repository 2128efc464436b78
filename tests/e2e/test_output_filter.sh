#!/bin/sh
# One output filter: every channel tandem writes through — diagnostics, file
# names, ids, titles, --list, --timeline, --check, --dump, --compare,
# --render, usage errors, messages before the reader starts and after it
# ends, the reader itself — is fed every payload (OSC 0/8/52, CSI, DCS, APC,
# a raw 0x9B byte, U+009B, BEL, BS, DEL), and the bytes captured hold none
# of them: into a pipe and on a terminal (a pseudo-terminal driven by
# outcheck.py). Each channel must also show the payload's visible form, so
# a channel that dropped the text would not pass.
. "$(dirname "$0")/lib.sh"
CHECK="$ROOT/tests/e2e/outcheck.py"
if ! command -v python3 >/dev/null 2>&1; then
	echo "python3 is not installed: output filter tests skipped"
	finish
fi

EVIL=$(printf '\033]0;PWN0\007 \033]8;;http://pwn8/\033\\LINK\033]8;;\033\\ \033]52;c;cHduZWQ=\007 \033[21t \033P1$qmDCSX\033\\ \033_APCX\033\\ \2332JRAW \302\2332JC1X \007BELL \010BACK \177DELT')
# the same without '/', for file names
FEVIL=$(printf '\033]0;PWN0\007 \033]8;;pwn8\033\\ \033]52;c;cHduZWQ=\007 \033[21t \033P1$qmDCSX\033\\ \033_APCX\033\\ \2332JRAW \302\2332JC1X \007BELL \010BACK \177DELT')
# the visible form of the OSC 0 payload: ESC and BEL as Control Pictures
SHOWN='␛]0;PWN0␇'

C="$TMP/evil"
mkdir -p "$C"
cat >"$C/corpus.ini" <<EOF
[corpus]
title = T $EVIL
[event ev$EVIL]
date = 2025-10-25
[event bad]
date = $EVIL
title = Event $EVIL
[article a]
file = a.txt
lang = $EVIL
event = x$EVIL
title = Title $EVIL
source = https://x/$EVIL
[article b$EVIL]
file = missing$FEVIL.txt
[article c]
file = c.txt
lang = fr
event = bad
date = $EVIL
EOF
printf 'Titre %s\n\nUn paragraphe %s fin.\n\nSource: https://example.org/%s\n' "$EVIL" "$EVIL" "$EVIL" >"$C/a.txt"
printf 'Le texte de C est ici %s.\n\nDeux.\n' "$EVIL" >"$C/c.txt"
# a plain directory with a hostile file name
P="$TMP/plain"
mkdir -p "$P"
printf 'Texte simple %s.\n' "$EVIL" >"$P/x${FEVIL}y.txt"
printf 'Autre texte.\n' >"$P/ok.txt"
printf 'not UTF-8 \377\376 at all\n' >"$P/z$(printf '\n')nl.txt"

# pipe NAME ARGS...: stdout and stderr of tandem into a pipe, checked
pipe() {
	name=$1
	shift
	"$TANDEM" "$@" >"$TMP/$name.out" 2>&1 </dev/null
	verify "$name" "$TMP/$name.out" "" "$EXPECT"
}

# verify NAME FILE TTYFLAG [SHOWN]: no control reaches FILE; the payload
# shows (as SHOWN, by default the OSC 0 payload's symbols)
verify() {
	if r=$(python3 "$CHECK" strict "$2" $3); then
		ok "$1: no control sequence"
	else
		notok "$1: no control sequence" "$r"
	fi
	if grep -qF -- "${4:-$SHOWN}" "$2"; then
		ok "$1: the payload shows as symbols"
	else
		notok "$1: the payload shows as symbols" "$(head -c 400 "$2")"
	fi
}

# tty NAME [VAR=VALUE...] -- ARGS...: tandem on a pseudo-terminal
tty() {
	name=$1
	shift
	python3 "$CHECK" pty "$TMP/$name.out" LANG=C.UTF-8 TERM=xterm-256color "$@" >/dev/null 2>&1
}

pipe list --list "$C"
pipe timeline --timeline "$C"
pipe check --check "$C"
pipe dump --dump a "$C"
pipe compare --compare a,c "$C"
# (a detected title keeps the text between the controls; ids keep letters,
# digits, '.', '-' and '_')
EXPECT=PWN0 pipe list-plain --list "$P"
pipe check-plain --check "$P"
printf 'Ligne %s fin\n' "$EVIL" | "$TANDEM" --render --width 40 >"$TMP/render.out" 2>&1
verify render "$TMP/render.out" ""
pipe open-missing --open "x$EVIL" "$C"
pipe dump-missing --dump "x$EVIL" "$C"
pipe bad-width --width "$EVIL" "$C"
pipe bad-option "--x$EVIL"
pipe no-corpus "$TMP/none$FEVIL"

tty list-tty -- "$TANDEM" --list "$C"
verify "--list on a terminal" "$TMP/list-tty.out" --tty
tty timeline-tty -- "$TANDEM" --timeline "$C"
verify "--timeline on a terminal" "$TMP/timeline-tty.out" --tty
tty timeline-tty-logical -- "$TANDEM" --timeline --bidi=terminal "$C"
verify "--timeline --bidi=terminal on a terminal" "$TMP/timeline-tty-logical.out" --tty
tty dump-tty -- "$TANDEM" --dump a "$C"
verify "--dump on a terminal" "$TMP/dump-tty.out" --tty
# before the reader starts: an unknown TERM is named in the message
tty term-before "TERM=xterm$EVIL" -- "$TANDEM" "$C"
verify "TERM named before the reader starts" "$TMP/term-before.out" --tty
if grep -q 'unknown terminal type' "$TMP/term-before.out"; then ok "TERM: the message"; else notok "TERM: the message" "$(cat "$TMP/term-before.out")"; fi

# the reader: the corpus's errors printed before it starts, a config with a
# hostile bad line (on the status line), and a state directory that cannot
# be made, named in the message after it ends
mkdir -p "$TMP/cfg$FEVIL/tandem"
printf '[keys]\nline-down = %s\n' "$FEVIL" >"$TMP/cfg$FEVIL/tandem/config"
: >"$TMP/st$FEVIL"
tty reader "XDG_CONFIG_HOME=$TMP/cfg$FEVIL" "XDG_STATE_HOME=$TMP/st$FEVIL/sub" -- "$TANDEM" "$C"
if r=$(python3 "$CHECK" payloads "$TMP/reader.out"); then
	ok "reader: no payload sequence sent"
else
	notok "reader: no payload sequence sent" "$r"
fi
if grep -qF 'PWN0' "$TMP/reader.out" && grep -qF '␛' "$TMP/reader.out"; then
	ok "reader: the payload shows as symbols"
else
	notok "reader: the payload shows as symbols"
fi
finish
