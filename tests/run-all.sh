#!/bin/sh
# tests/run-all.sh: run every test suite; `make check` calls it after building.
#
# In order: each build/tests/test_* (cmocka unit tests), each build/tests/conf_*
# (Unicode conformance), each build/tests/fuzz_* over its seeds in
# tests/fuzz/NAME/ (the fuzz targets as a smoke run), then tests/golden/run.sh
# and tests/e2e/run.sh when they exist. Each suite's output is shown under a
# "== KIND: NAME" header; a failing suite does not stop the others. The last
# line is "N passed, N failed" (suites), and the exit status is 1 when any
# suite failed.
#
# Runs from the repository root (the conformance tests read
# tests/conformance/known-deviations.txt relative to it). BUILD=dir overrides
# build/, as the Makefile's BUILD would; the golden and end-to-end tests run
# that build's tandem.
#
# SANITIZE=1 (a build made with it): AddressSanitizer and UBSan write their
# reports into BUILD/san-logs/ instead of the terminal, where a test under
# tmux would lose them. A suite after which a report is there fails, and the
# report is shown under it.

cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
export BUILD

# tandem keeps corpus indexes in $XDG_CACHE_HOME/tandem: the tests' go under
# the build, never into the user's cache (the end-to-end tests use their own)
case $BUILD in
/*) XDG_CACHE_HOME=$BUILD/test-cache ;;
*) XDG_CACHE_HOME=$(pwd)/$BUILD/test-cache ;;
esac
rm -rf "$XDG_CACHE_HOME"
export XDG_CACHE_HOME

SAN_LOGS=
if [ "${SANITIZE:-0}" = 1 ]; then
	case $BUILD in
	/*) SAN_LOGS=$BUILD/san-logs ;;
	*) SAN_LOGS=$(pwd)/$BUILD/san-logs ;;
	esac
	rm -rf "$SAN_LOGS"
	mkdir -p "$SAN_LOGS" || exit 1
	# Ours last: later options win. halt_on_error: the first error ends the
	# program with a failing status (the build also has
	# -fno-sanitize-recover=all).
	export TANDEM_SAN_LOGS="$SAN_LOGS"
	export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$SAN_LOGS/asan:detect_leaks=1:halt_on_error=1"
	export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=$SAN_LOGS/ubsan:halt_on_error=1:print_stacktrace=1"
fi

# san_reports: shows and removes the sanitizer reports written so far;
# 1 when there were any.
san_reports() {
	[ -n "$SAN_LOGS" ] || return 0
	found=0
	for f in "$SAN_LOGS"/*; do
		[ -f "$f" ] || continue
		found=1
		printf '!! sanitizer report %s:\n' "${f##*/}"
		head -n 80 "$f"
		rm -f "$f"
	done
	[ "$found" -eq 0 ]
}

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
	if ! san_reports && [ "$rc" -eq 0 ]; then
		printf '!! %s: %s: a sanitizer report (above)\n' "$kind" "$name"
		rc=1
	fi
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
for t in "$BUILD"/tests/fuzz_*; do
	if [ -f "$t" ] && [ -x "$t" ]; then
		name=${t##*/fuzz_}
		run_suite fuzz "$name" "$t" "tests/fuzz/$name"
	fi
done
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
