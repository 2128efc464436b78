#!/bin/sh
# bench/instructions.sh — the layout engine against the bare library calls,
# counted in instructions by callgrind (valgrind): unlike seconds, the same on
# a busy or a quiet machine, so the ratio can be compared between runs.
#   sh bench/instructions.sh BENCH_BINARY CORPUS_DIR
set -u
bin=$1 corpus=$2
if ! command -v valgrind >/dev/null 2>&1; then
	echo "instructions: valgrind not found; instruction counts skipped"
	exit 0
fi
out=$(mktemp -d "${TMPDIR:-/tmp}/tandem-callgrind.XXXXXX") || exit 1
trap 'rm -rf "$out"' EXIT INT TERM
# count FUNCTION LANG: instructions executed inside FUNCTION (and its callees)
count() {
	valgrind --tool=callgrind --toggle-collect="$1" --callgrind-out-file="$out/cg" \
		"$bin" "$corpus" "count-$2" >/dev/null 2>&1 || return 1
	sed -n 's/^totals: *//p' "$out/cg" | head -n 1
}
status=0
for lang in fr ar; do
	e=$(count engine_pass $lang) && b=$(count bare_pass $lang) && [ -n "$e" ] && [ -n "$b" ] || {
		echo "instructions $lang: callgrind failed"; status=1; continue; }
	awk -v l="$lang" -v e="$e" -v b="$b" 'BEGIN {
		r = b / e
		printf "instructions %s: engine %.2f M, bare libraries %.2f M per pass, ratio %.2f  budget >= 0.80  %s\n",
		       l, e / 20e6, b / 20e6, r, (r >= 0.80 ? "ok" : "over") }'
done
exit $status
