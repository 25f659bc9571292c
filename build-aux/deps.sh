#!/bin/sh
# What a step of the build needs, found by what it needs (a header that
# compiles and links, a command that runs), not by asking a package
# manager, so a library built from source or a non-Debian system counts.
#
#   sh build-aux/deps.sh build       libcsv, zlib, OpenCC (make, make demo)
#   sh build-aux/deps.sh check       what `make check` runs
#   sh build-aux/deps.sh check-all   what `make check-all` adds
#
# When something is missing: as root with apt-get, install the Debian
# packages that provide it; otherwise print the exact apt-get line (and
# what is missing) and fail, so no step needs a manual first step on a
# fresh Debian machine.  CC, CPPFLAGS, LDFLAGS, CSV_LIBS and Z_LIBS are honoured
# by the library probes.
set -u
CC=${CC:-cc}
CSV_LIBS=${CSV_LIBS:--lcsv}
Z_LIBS=${Z_LIBS:--lz}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cs-deps.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

missing=		# what is missing, for the message
pkgs=			# the Debian packages that provide it

need() {
	# need WHAT PACKAGES: record WHAT as missing, provided by PACKAGES.
	missing="$missing $1"
	pkgs="$pkgs $2"
}

have_cmd() { command -v "$1" > /dev/null 2>&1; }

# libcsv: a program using csv.h compiles and links.
probe_libcsv() {
	printf '#include <stdio.h>\n#include <csv.h>\nint main(void) { struct csv_parser p; return csv_init(&p, 0); }\n' > "$tmp/csv.c"
	# shellcheck disable=SC2086
	$CC ${CPPFLAGS:-} -o "$tmp/csv" "$tmp/csv.c" ${LDFLAGS:-} $CSV_LIBS > "$tmp/csv.log" 2>&1
}

# zlib: a program using zlib.h compiles and links (gzip input).
probe_zlib() {
	printf '#include <zlib.h>\nint main(void) { z_stream z = { 0 }; return inflateInit2(&z, 31) != Z_OK; }\n' > "$tmp/z.c"
	# shellcheck disable=SC2086
	$CC ${CPPFLAGS:-} -o "$tmp/z" "$tmp/z.c" ${LDFLAGS:-} $Z_LIBS > "$tmp/z.log" 2>&1
}

# liblinear: a program using linear.h compiles and links.
probe_liblinear() {
	printf '#include <stdio.h>\n#include <linear.h>\nint main(void) { struct parameter p = { 0 }; destroy_param(&p); return 0; }\n' > "$tmp/lin.c"
	# shellcheck disable=SC2086
	$CC ${CPPFLAGS:-} -o "$tmp/lin" "$tmp/lin.c" ${LDFLAGS:-} -llinear > "$tmp/lin.log" 2>&1
}

# OpenCC: the command converts with its t2s configuration.
probe_opencc() {
	have_cmd opencc && [ "$(printf '\351\253\224\n' | opencc -c t2s.json 2>/dev/null)" = "$(printf '\344\275\223')" ]
}

# clang with the libFuzzer and sanitizer runtimes (tests/fuzz/smoke.t).
probe_fuzzer() {
	have_cmd clang || return 1
	printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n);\nint LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' > "$tmp/f.c"
	clang -fsanitize=fuzzer,address,undefined -o "$tmp/f" "$tmp/f.c" > /dev/null 2>&1
}

build() {
	probe_libcsv || need libcsv libcsv-dev
	probe_zlib || need zlib zlib1g-dev
	probe_opencc || need opencc opencc
	probe_liblinear || need liblinear liblinear-dev
}

check() {
	build
	# The ASan+UBSan pass links the sanitizer runtimes with $CC.
	printf 'int main(void) { return 0; }\n' > "$tmp/san.c"
	$CC -fsanitize=address,undefined -o "$tmp/san" "$tmp/san.c" > /dev/null 2>&1 ||
		need "sanitizer runtimes for $CC" "libasan8 libubsan1"
	have_cmd mandoc || need mandoc mandoc		# manual pages lint clean
	have_cmd python3 || need python3 python3	# independent checks of figures
	probe_fuzzer || need "clang with libFuzzer" "clang libclang-rt-dev"
	# The completion test starts each shell clean.
	have_cmd bash || need bash bash
	[ -f /usr/share/bash-completion/bash_completion ] || need bash-completion bash-completion
	have_cmd zsh || need zsh zsh
	have_cmd fish || need fish fish
	have_cmd setpriv || need setpriv util-linux	# fault tests as nobody
	have_cmd iconv || need iconv libc-bin
	have_cmd chromium || need chromium chromium	# renders the HTML report
}

check_all() {
	check
	have_cmd valgrind || need valgrind valgrind
	have_cmd parallel || need "GNU parallel" parallel
	# tests/io/excel-calc.slow.t opens --excel output in LibreOffice Calc.
	have_cmd soffice || need "LibreOffice Calc" libreoffice-calc-nogui
}

case ${1:-} in
build) build ;;
check) check ;;
check-all) check_all ;;
*) echo "usage: sh build-aux/deps.sh build|check|check-all" >&2; exit 2 ;;
esac

[ -z "$missing" ] && exit 0
# The same package twice is asked for once.
pkgs=$(printf '%s\n' $pkgs | awk '!seen[$0]++' | tr '\n' ' ' | sed 's/ $//')
if [ "$(id -u)" = 0 ] && have_cmd apt-get; then
	echo "cs: installing what '$1' needs:$missing (apt-get install $pkgs)" >&2
	{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $pkgs; } > "$tmp/apt.log" 2>&1 || {
		tail -20 "$tmp/apt.log" >&2
		echo "cs: apt-get failed; install: $pkgs" >&2
		exit 1
	}
	exit 0
fi
echo "cs: '$1' needs what is missing here:$missing" >&2
if have_cmd apt-get; then
	echo "cs: run: sudo apt-get install -y $pkgs" >&2
else
	echo "cs: install them (Debian packages: $pkgs)" >&2
fi
exit 1
