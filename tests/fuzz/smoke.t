# A short run of every libFuzzer harness in fuzz/ (the long runs are
# `make fuzz FUZZ_SECONDS=600`): builds them with clang into
# ${O%/san}/fuzz-smoke (one build serves the plain and the sanitizer pass
# of `make check`), then runs each SMOKE_SECONDS (2) seconds from its seed
# corpus, with a fresh corpus, and fails on any crash, leak, hang,
# sanitizer report or broken invariant.  Skipped only when clang cannot
# link a fuzzer at all.
set -u
secs=${SMOKE_SECONDS:-2}
base=${O%/san}
dir=$base/fuzz-smoke
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n);\nint LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' > "$t/probe.c"
if ! command -v "${CLANG:-clang}" > /dev/null 2>&1 ||
   ! "${CLANG:-clang}" -fsanitize=fuzzer,address,undefined -o "$t/probe" "$t/probe.c" > "$t/probe.log" 2>&1; then
	echo "SKIP: no clang with the libFuzzer runtime (libclang-rt-dev):"
	cat "$t/probe.log" 2>/dev/null | head -5
	exit 77
fi

cd "$top" || exit 1
if ! make --no-print-directory -f fuzz/Makefile O="$dir" build > "$t/build.log" 2>&1; then
	echo "building the harnesses failed:"
	tail -30 "$t/build.log"
	exit 1
fi
# A fixed seed: the same inputs in the same order on every run, so that
# make check does not pass or fail by chance (the long runs in make fuzz
# vary the seed).
if ! make --no-print-directory -k -f fuzz/Makefile O="$dir" CORPUS="$t/corpus" \
    FUZZ_SECONDS="$secs" FUZZ_FLAGS="-seed=1" run > "$t/run.log" 2>&1; then
	cat "$t/run.log" | grep -v '^  stat::' | tail -80
	exit 1
fi
grep -c '^fuzz_' "$t/run.log" | sed 's/$/ harnesses ran clean/'
