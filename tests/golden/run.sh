#!/bin/sh
# Golden tests: the plain-text renderers (--dump, --compare, --render), which
# print the very rows the reader draws, compared byte for byte with frozen
# files in tests/golden/expected/ (whitespace matters: right-to-left lines are
# flush right through their leading spaces).
#   sh tests/golden/run.sh            compare
#   UPDATE=1 sh tests/golden/run.sh   rewrite the expected files (review them!)
set -u
cd "$(dirname "$0")/../.." || exit 1
bin=${TANDEM:-${BUILD:-build}/tandem} # BUILD: the Makefile's build directory
exp=tests/golden/expected
out=$(mktemp -d "${TMPDIR:-/tmp}/tandem-golden.XXXXXX") || exit 1
trap 'rm -rf "$out"' EXIT INT TERM
pass=0 fail=0

# golden NAME COMMAND... : run COMMAND, compare its stdout with $exp/NAME
golden() {
	name=$1; shift
	if ! "$@" >"$out/$name" 2>"$out/$name.err"; then
		echo "not ok $name: exit status $? ($(head -c 300 "$out/$name.err"))"
		fail=$((fail + 1)); return
	fi
	if [ "${UPDATE:-0}" = 1 ]; then
		cp "$out/$name" "$exp/$name"
	fi
	if cmp -s "$out/$name" "$exp/$name"; then
		echo "ok $name"; pass=$((pass + 1))
	else
		echo "not ok $name: differs from $exp/$name:"
		diff -u "$exp/$name" "$out/$name" | head -40
		fail=$((fail + 1))
	fi
}

export TANDEM_CORPUS=corpus LC_ALL=C.UTF-8
for id in fr-rehearsal ar-rehearsal id-rehearsal id-reception id-discussion; do
	for w in 40 80 120; do
		golden "dump-$id-$w.txt" "$bin" --dump "$id" --width "$w" --order=visual
	done
done
golden compare-fr-ar-120.txt "$bin" --compare fr-rehearsal,ar-rehearsal --width 120 --order=visual
golden compare-fr-ar-80.txt "$bin" --compare fr-rehearsal,ar-rehearsal --width 80 --order=visual
golden compare-fr-ar-id-160.txt "$bin" --compare fr-rehearsal,ar-rehearsal,id-rehearsal --width 160 --order=visual
# into a pipe the text as stored: logical order, unshaped, not padded
golden dump-ar-rehearsal-80-logical.txt "$bin" --dump ar-rehearsal --width 80
golden render-ar-30.txt sh -c "head -n 3 corpus/ar-rehearsal-vietnamplus.txt | $bin --render --width 30"
golden render-ar-30-noshape.txt sh -c "head -n 1 corpus/ar-rehearsal-vietnamplus.txt | $bin --render --width 30 --shape off --no-pad"
golden facts-fr-ar.txt "$bin" --facts fr-rehearsal,ar-rehearsal
golden facts-fr-id.txt "$bin" --facts fr-rehearsal,id-rehearsal
for ev in adoption rehearsal signing plenary reception discussion; do
	golden "facts-$ev.txt" "$bin" --facts "$ev"
	golden "evidence-$ev.txt" "$bin" --evidence "$ev" --width 100
done
# a line-initial combining mark is drawn on a base of its own, and measured so
golden render-lone-mark-20.txt sh -c "printf '\\314\\201xxxxxxxxxxxxxxxxxxxx\\nab \\314\\201cd ef\\n' | $bin --render --width 20"
# Thai, Lao, Khmer and Myanmar, written without spaces, wrapped between words
# (ICU's dictionaries: a new ICU may move a wrap between two other words)
golden render-wordbreak-30.txt sh -c "for s in th lo km my; do head -n 1 tests/data/wordbreak/\$s.txt; done | $bin --render --width 30"
golden list.txt "$bin" --list
# plain files in many languages: dates, source lines, comment counts, titles
golden check-multilingual.txt "$bin" --check tests/data/multilingual
golden list-multilingual.txt "$bin" --list tests/data/multilingual
golden timeline.txt "$bin" --timeline
# a headline first, then the text: the headline shown once, as the title; a
# first paragraph longer than a title keeps its place under the shortened one
for id in en-signing ar-signing fr-long; do
	golden "dump-headline-$id-60.txt" "$bin" --dump "$id" --width 60 --order=visual tests/data/headline
done

echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
