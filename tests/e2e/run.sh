#!/bin/sh
# tests/e2e/run.sh — runs every tests/e2e/test_*.sh (each drives build/tandem,
# or $BUILD/tandem, in a private tmux server) and prints "N passed, N failed"
# over all their "ok NAME" / "not ok NAME" lines; exit status 1 when any
# failed.
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
if ! command -v tmux >/dev/null 2>&1; then
	echo "tmux is not installed: end-to-end tests skipped"
	echo "0 passed, 0 failed"
	exit 0
fi
if [ ! -x "$BUILD/tandem" ]; then
	echo "$BUILD/tandem is missing: run make first"
	echo "0 passed, 1 failed"
	exit 1
fi
passed=0
failed=0
out=$(mktemp "${TMPDIR:-/tmp}/tandem-e2e-out.XXXXXX") || exit 1
for t in tests/e2e/test_*.sh; do
	[ -f "$t" ] || continue
	echo "# $t"
	sh "$t" >"$out" 2>&1
	rc=$?
	cat "$out"
	p=$(grep -c '^ok ' "$out")
	f=$(grep -c '^not ok ' "$out")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok $t (exit status $rc)"
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
done
rm -f "$out"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
