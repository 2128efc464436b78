#!/bin/sh
# Differences between translations in the compare view: the status line
# counts them, x and X go from one to the next (and wrap), the message says
# what differs, the facts are drawn in the difference colours (and bold,
# underlined under NO_COLOR); the French and Arabic translations of the
# bundled corpus have none.
. "$(dirname "$0")/lib.sh"
C="$TMP/dt"
mkdir -p "$C"
cat >"$C/corpus.ini" <<'EOF2'
[article fr]
file = fr.txt
lang = fr
group = g
[article en]
file = en.txt
lang = en
group = g
EOF2
printf 'La signature à Hanoi\n\nLe 25 octobre 2025, 69 États ont signé la convention.\n\nEnviron 1 500 délégués étaient présents, venus de 110 pays.\n\nLa cérémonie a duré deux heures.\n' >"$C/fr.txt"
printf 'The signing in Hanoi\n\nOn 25 October 2025, 96 states signed the convention.\n\n1,500 delegates attended, from 110 countries.\n\nThe ceremony lasted two hours.\n' >"$C/en.txt"

start 110 20 xterm-256color --open fr --compare "'$C'"
check "differences: counted" "[sync] · 4 differences"
keys x
check "x: the first" "difference 1/4: 69 in fr, not in en"
keys x
check "x: the next" "difference 2/4: 96 in en, not in fr"
keys x
check "x: a hedge" "difference 3/4: fr says approximately 1500; en qualifies it otherwise"
keys x x
check "x: wraps" "difference 1/4"
keys X
check "X: back, wrapping" "difference 4/4"
# the facts are drawn in the difference colours (magenta background), the
# unchanged 110 is not
if screen_e | grep -q "$(printf '\033')\[[0-9;]*45m69"; then ok "differences: highlighted"; else
	notok "differences: highlighted" "$(screen_e | grep -a 69 | cat -v | head -2)"; fi
if ! screen_e | grep -q "45m110"; then ok "differences: agreement not highlighted"; else
	notok "differences: agreement not highlighted"; fi
keys Q
check "differences: quits" "EXIT=0"

# NO_COLOR: bold and underline instead
ENV_EXTRA=NO_COLOR=1 start 110 20 xterm-256color --open fr --compare "'$C'"
check "NO_COLOR: opened" "4 differences"
if screen_e | grep -q "$(printf '\033')\[1;4m69"; then ok "NO_COLOR: differences bold and underlined"; else
	notok "NO_COLOR: differences bold and underlined" "$(screen_e | grep -a 69 | cat -v | head -2)"; fi
keys Q
check "NO_COLOR: quits" "EXIT=0"
ENV_EXTRA=

# the bundled translations agree
start 120 30 xterm-256color --open fr-rehearsal --compare
check "fr/ar: no difference" "[sync] · 0 differences"
keys x
check "fr/ar: x says so" "no differences: these translations give the same numbers and dates"
keys Q
finish
