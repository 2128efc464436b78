#!/bin/sh
# tests/run-all.sh: run every test suite; `make check` calls it after building.
#
# In order: each build/tests/test_* (cmocka unit tests), each build/tests/conf_*
# (Unicode conformance), then tests/golden/run.sh and tests/e2e/run.sh when they
# exist. Each suite's output is shown under a "== KIND: NAME" header; a failing
# suite does not stop the others. The last line is "N passed, N failed"
# (suites), and the exit status is 1 when any suite failed.
#
# Runs from the repository root (the conformance tests read
# tests/conformance/known-deviations.txt relative to it). BUILD=dir overrides
# build/, as the Makefile's BUILD would.

cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}

passed=0
failed=0
failed_names=

# run_suite KIND NAME COMMAND...
run_suite() {
	kind=$1
	name=$2
	shift 2
	printf '== %s: %s\n' "$kind" "$name"
	"$@" </dev/null
	rc=$?
	if [ "$rc" -eq 0 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		failed_names="$failed_names $kind:$name"
		if [ "$rc" -gt 128 ]; then
			printf '!! %s: %s FAILED (killed by signal %d)\n' "$kind" "$name" $((rc - 128))
		else
			printf '!! %s: %s FAILED (exit status %d)\n' "$kind" "$name" "$rc"
		fi
	fi
}

# run_binaries KIND PATTERN-PREFIX: every executable file matching the prefix.
# An unmatched glob stays literal and fails the -f test, so an empty list runs
# nothing; directories (macOS .dSYM bundles) and non-executables are skipped.
run_binaries() {
	kind=$1
	for t in "$2"*; do
		if [ -f "$t" ] && [ -x "$t" ]; then
			run_suite "$kind" "${t##*/}" "$t"
		fi
	done
}

run_binaries unit "$BUILD/tests/test_"
run_binaries conformance "$BUILD/tests/conf_"
for s in golden e2e; do
	if [ -f "tests/$s/run.sh" ]; then
		run_suite "$s" "tests/$s/run.sh" sh "tests/$s/run.sh"
	fi
done

echo
if [ "$failed" -gt 0 ]; then
	echo "failed suites:$failed_names"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
