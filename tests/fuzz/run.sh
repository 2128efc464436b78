#!/bin/sh
# tests/fuzz/run.sh — `make fuzz`: builds every target of tests/fuzz/ with
# clang and libFuzzer (AddressSanitizer and UBSan on, any error fatal) into
# build/fuzz, then runs each in turn for FUZZ_SECONDS (default 60) at low
# priority, starting from its seeds in tests/fuzz/NAME/. Inputs it finds go
# to build/fuzz/corpus/NAME/ (kept between runs), a crashing input to
# build/fuzz/crash-NAME-*: add it to tests/fuzz/NAME/ once fixed.
# tests/fuzz/known/NAME/ holds inputs that still break a target, kept out of
# `make check` until their fix lands (then they move to tests/fuzz/NAME/).
#   FUZZ_TARGETS="text align"   only these targets
#   FUZZ_CC=clang-14            the compiler (default clang)
#   FUZZ_ARGS="-jobs=2"         more libFuzzer options
# Exit status 1 when a target crashed or could not be built.
set -u
cd "$(dirname "$0")/../.." || exit 1
FUZZ_CC=${FUZZ_CC:-clang}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
MAKE=${MAKE:-make}
out=build/fuzz
targets=${FUZZ_TARGETS:-}
if [ -z "$targets" ]; then
	for f in tests/fuzz/*.c; do
		n=${f##*/}
		n=${n%.c}
		[ "$n" = driver ] || targets="$targets $n"
	done
fi

need() {
	echo "fuzz: $1" >&2
	echo "fuzz: install clang and its libFuzzer runtime, e.g. on Debian or Ubuntu:" >&2
	echo "fuzz:   BOOTSTRAP_FUZZ=1 sh scripts/bootstrap   (apt-get install clang libclang-rt-dev)" >&2
	echo "fuzz: or set FUZZ_CC to a clang that has it (FUZZ_CC=clang-14)" >&2
	exit 1
}

command -v "$FUZZ_CC" >/dev/null 2>&1 || need "no $FUZZ_CC found"
mkdir -p "$out" || exit 1
printf '#include <stddef.h>\n#include <stdint.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { return (int)(d && n > 1000000); }\n' \
	>"$out/probe.c"
"$FUZZ_CC" -fsanitize=fuzzer,address,undefined -o "$out/probe" "$out/probe.c" >"$out/probe.log" 2>&1 ||
	need "$FUZZ_CC cannot link with -fsanitize=fuzzer,address,undefined ($(head -c 200 "$out/probe.log"))"

bins=
for t in $targets; do
	[ -f "tests/fuzz/$t.c" ] || { echo "fuzz: no target tests/fuzz/$t.c" >&2; exit 1; }
	bins="$bins $out/tests/fuzz_$t"
done
# shellcheck disable=SC2086
$MAKE --no-print-directory BUILD="$out" CC="$FUZZ_CC" FUZZER=1 $bins || exit 1

status=0
for t in $targets; do
	mkdir -p "$out/corpus/$t"
	echo "== fuzz: $t for ${FUZZ_SECONDS}s"
	# shellcheck disable=SC2086
	nice "$out/tests/fuzz_$t" -max_total_time="$FUZZ_SECONDS" -print_final_stats=1 \
		-artifact_prefix="$out/crash-$t-" ${FUZZ_ARGS:-} "$out/corpus/$t" "tests/fuzz/$t" \
		>"$out/$t.log" 2>&1
	rc=$?
	grep -E '^(stat::number_of_executed_units|stat::new_units_added|#[0-9]+ +DONE)' "$out/$t.log"
	if [ "$rc" -ne 0 ]; then
		status=1
		echo "!! fuzz: $t FAILED (exit status $rc); the report, from $out/$t.log:"
		grep -E -A30 '^==[0-9]+==|invariant violated|runtime error' "$out/$t.log" | head -60
		ls "$out"/crash-"$t"-* 2>/dev/null
	fi
done
[ "$status" -eq 0 ]
