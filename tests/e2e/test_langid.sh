#!/bin/sh
# Language identification as the reader shows it: plain files in Persian,
# Russian, Thai and Hebrew get their languages; a text too short or unlike
# any language is "language unknown" in --list, in --check (which names it
# and says why) and in the article's status line; the manifest's lang wins.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C.UTF-8
D="$ROOT/tests/data/langid"

mkdir -p "$TMP/c"
for l in fa ru th he; do cp "$D/$l.txt" "$TMP/c/$l.txt"; done
printf 'Hanoi 2025\n\nxqz vbn wrt plk\n' >"$TMP/c/noise.txt"

out=$(timeout 10 "$TANDEM" --list "$TMP/c"/*.txt 2>"$TMP/err")
for l in fa ru th he; do
	if echo "$out" | grep -q "^$l  *$l "; then ok "--list: $l detected"; else notok "--list: $l detected" "$out"; fi
done
if echo "$out" | grep -q '^noise  *language unknown  *-'; then ok "--list: language unknown"; else notok "--list: language unknown" "$out"; fi
if echo "$out" | grep -q ' und '; then notok "--list: no bare und" "$out"; else ok "--list: no bare und"; fi

out=$(timeout 10 "$TANDEM" --check "$TMP/c" 2>&1)
rc=$?
if [ $rc -eq 0 ] && echo "$out" | grep -q "noise.txt: language unknown: not identified (too few letters)"; then
	ok "--check names the article it could not identify"; else notok "--check names the article it could not identify" "rc=$rc $out"; fi
if echo "$out" | grep -q "^1 article(s) in a language that could not be identified$"; then ok "--check counts them"; else notok "--check counts them" "$out"; fi
if echo "$out" | grep -q "fa.txt: article 'fa': .*; lang fa (detected)"; then ok "--check: lang fa (detected)"; else notok "--check: lang fa (detected)" "$out"; fi

# the manifest's lang wins over detection, even over a Persian text
printf '[article fa]\nfile = fa.txt\nlang = ur\n\n[article noise]\nfile = noise.txt\nlang = und\n' >"$TMP/c/corpus.ini"
out=$(timeout 10 "$TANDEM" --check "$TMP/c" 2>&1)
if echo "$out" | grep -q "fa.txt: article 'fa': .*; lang ur, "; then ok "manifest lang wins"; else notok "manifest lang wins" "$out"; fi
if echo "$out" | grep -q "noise.txt: language unknown: the manifest says lang = und"; then ok "--check: und from the manifest"; else notok "--check: und from the manifest" "$out"; fi
rm "$TMP/c/corpus.ini"

# the reader's status line
start 100 30 xterm-256color --open noise "$TMP/c"/*.txt
if wait_for "noise language unknown"; then ok "status line: language unknown"; else notok "status line: language unknown" "$(screen)"; fi
keys q
finish
