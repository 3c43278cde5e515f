#!/usr/bin/env bash
# The C library: builds libyibao.a/.so, checks the checked-in header against a freshly
# generated one, checks the SONAME and the exported symbols, runs the C tests under
# ASan/UBSan and valgrind (debug build), installs the release build into a temporary
# prefix with `make install`, builds the bank example against it through pkg-config
# (shared and static) and compares its output, and runs the release artefacts under
# valgrind and ASan/UBSan too.
set -euo pipefail
cd "$(dirname "$0")/.."

# cbindgen on PATH (cargo install puts it in ~/.cargo/bin).
export PATH="$HOME/.cargo/bin:$PATH"

echo "== cargo build -p yibao-c"
cargo build -p yibao-c --quiet
target_dir="$(cargo metadata --format-version 1 --no-deps |
  sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')"
build=bindings-c/tests/build
rm -rf "$build"
mkdir -p "$build/lib"
# Cargo names the outputs after the Rust lib `yibao_c` (the core crate is `yibao`); C
# programs link them under their installed names, as `make install` does.
cp "$target_dir/debug/libyibao_c.a" "$build/lib/libyibao.a"
# The shared library under its installed names: the file, its SONAME and the link name.
so_version="$(cargo pkgid -p yibao-c | sed 's/.*[#@]//')"
cp "$target_dir/debug/libyibao_c.so" "$build/lib/libyibao.so.$so_version"
ln -s "libyibao.so.$so_version" "$build/lib/libyibao.so.${so_version%%.*}"
ln -s "libyibao.so.${so_version%%.*}" "$build/lib/libyibao.so"
lib_dir="$build/lib"
static_lib="$lib_dir/libyibao.a"
shared_lib="$lib_dir/libyibao.so"

echo "== header: regenerate with cbindgen $(cbindgen --version | cut -d' ' -f2) and compare"
(cd bindings-c && cbindgen --quiet --config cbindgen.toml --crate yibao-c --output "../$build/yibao.h")
if ! cmp -s bindings-c/include/yibao.h "$build/yibao.h"; then
  diff -u bindings-c/include/yibao.h "$build/yibao.h" || true
  echo "bindings-c/include/yibao.h is stale: regenerate it (see bindings-c/README.md)" >&2
  exit 1
fi
# The header also compiles as C++ and as strict C99.
g++ -fsyntax-only -Wall -Wextra -Werror -x c++ bindings-c/include/yibao.h
gcc -fsyntax-only -std=c99 -pedantic -Wall -Wextra -Werror -x c bindings-c/include/yibao.h

echo "== SONAME is libyibao.so.MAJOR"
soname="$(readelf -d "$shared_lib" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')"
if [ "$soname" != "libyibao.so.${so_version%%.*}" ]; then
  echo "SONAME is '$soname', expected libyibao.so.${so_version%%.*}" >&2
  exit 1
fi

echo "== exported symbols all start with yibao_"
bad_symbols="$(nm -D --defined-only "$shared_lib" | awk '{print $3}' | grep -v '^yibao_' || true)"
if [ -n "$bad_symbols" ]; then
  echo "symbols without the yibao_ prefix: $bad_symbols" >&2
  exit 1
fi

cflags=(-std=c11 -Wall -Wextra -Werror -g -I bindings-c/include -I bindings-c/tests)
libs=(-lpthread -ldl -lm)
sanitize=(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
export YIBAO_POLICY_FILE=core/policies/411024-2024.toml
export YIBAO_FIXTURE_DIR=tests/vectors/policies

# Runs a test program and requires its last line to be "N passed, 0 failed".
run_test() {
  local out
  out="$("$@")" || { echo "$out"; echo "FAILED: $*" >&2; exit 1; }
  echo "$out" | tail -n 1
  echo "$out" | tail -n 1 | grep -Eq '^[0-9]+ passed, 0 failed$'
}

tests=(test_api test_threads)
echo "== C tests with ASan/UBSan (static library)"
for t in "${tests[@]}"; do
  gcc "${cflags[@]}" "${sanitize[@]}" "bindings-c/tests/$t.c" "$static_lib" "${libs[@]}" -o "$build/$t-asan"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    run_test "$build/$t-asan"
done

echo "== C tests under valgrind (static library, no sanitizers)"
for t in "${tests[@]}"; do
  gcc "${cflags[@]}" -O1 "bindings-c/tests/$t.c" "$static_lib" "${libs[@]}" -o "$build/$t-plain"
done
run_test valgrind -q --leak-check=full --errors-for-leak-kinds=definite,possible \
  --error-exitcode=1 "$build/test_api-plain"
run_test valgrind -q --leak-check=full --errors-for-leak-kinds=definite,possible \
  --error-exitcode=1 "$build/test_threads-plain"

echo "== C tests against the shared library"
gcc "${cflags[@]}" bindings-c/tests/test_api.c -L"$lib_dir" -lyibao "${libs[@]}" -o "$build/test_api-shared"
LD_LIBRARY_PATH="$lib_dir" run_test "$build/test_api-shared"
# The program records the SONAME, not the link name.
readelf -d "$build/test_api-shared" | grep -q "Shared library: \[libyibao.so.${so_version%%.*}\]"

echo "== release: make install into a temporary prefix"
prefix="$PWD/$build/prefix"
make -s -C bindings-c install PREFIX="$prefix" >/dev/null
v="$so_version"
major="${so_version%%.*}"
for f in "lib/libyibao.so.$v" lib/libyibao.a include/yibao.h lib/pkgconfig/yibao.pc \
  lib/pkgconfig/yibao-static.pc; do
  [ -f "$prefix/$f" ] || { echo "not installed: $f" >&2; exit 1; }
done
[ "$(readlink "$prefix/lib/libyibao.so.$major")" = "libyibao.so.$v" ]
[ "$(readlink "$prefix/lib/libyibao.so")" = "libyibao.so.$major" ]
readelf -d "$prefix/lib/libyibao.so.$v" | grep -q "Library soname: \[libyibao.so.$major\]"
bad_symbols="$(nm -D --defined-only "$prefix/lib/libyibao.so.$v" | awk '{print $3}' | grep -v '^yibao_' || true)"
[ -z "$bad_symbols" ] || { echo "release symbols without the yibao_ prefix: $bad_symbols" >&2; exit 1; }
cmp -s bindings-c/include/yibao.h "$prefix/include/yibao.h"

echo "== pkg-config: yibao.pc, Libs.private = rustc --print native-static-libs"
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
header_version="$(sed -n 's/^#define YIBAO_VERSION "\(.*\)"/\1/p' bindings-c/include/yibao.h)"
pkg-config --exact-version="$header_version" yibao
pkg-config --exact-version="$header_version" yibao-static
probe="$(mktemp -d)"
: >"$probe/probe.rs"
native="$(rustc --crate-type staticlib --crate-name probe --print native-static-libs \
  -o "$probe/probe.a" "$probe/probe.rs" 2>&1 | sed -n 's/^note: native-static-libs: //p')"
rm -rf "$probe"
[ -n "$native" ]
[ "$(pkg-config --variable=prefix yibao)" = "$prefix" ]
[ "$(sed -n 's/^Libs.private: //p' "$prefix/lib/pkgconfig/yibao.pc")" = "$native" ]
echo "Libs.private: $native"

# The bank example against the installed library: shared (yibao.pc), static (yibao-static.pc,
# and yibao.pc --static where the folder holds only libyibao.a), each run and compared.
bank_check() {
  "$@" examples/bank-c/residents.csv 2023-10-26 2>/dev/null | diff -u examples/bank-c/expected-output.txt -
}
# shellcheck disable=SC2046
gcc -std=c11 -Wall -Wextra -Werror examples/bank-c/bank.c $(pkg-config --cflags --libs yibao) -o "$build/bank-shared"
readelf -d "$build/bank-shared" | grep -q "Shared library: \[libyibao.so.$major\]"
LD_LIBRARY_PATH="$prefix/lib" bank_check "$build/bank-shared"
echo "bank (shared, pkg-config yibao): output matches"
# shellcheck disable=SC2046
gcc -std=c11 -Wall -Wextra -Werror examples/bank-c/bank.c $(pkg-config --cflags --libs yibao-static) -o "$build/bank-static"
if readelf -d "$build/bank-static" | grep -q 'Shared library: \[libyibao'; then
  echo "bank-static needs libyibao.so" >&2
  exit 1
fi
bank_check "$build/bank-static"
echo "bank (static, pkg-config yibao-static): output matches"
static_only="$build/static-only"
mkdir -p "$static_only/lib/pkgconfig"
cp "$prefix/lib/libyibao.a" "$static_only/lib/"
sed "s|^libdir=.*|libdir=$PWD/$static_only/lib|" "$prefix/lib/pkgconfig/yibao.pc" >"$static_only/lib/pkgconfig/yibao.pc"
# shellcheck disable=SC2046
gcc -std=c11 examples/bank-c/bank.c $(PKG_CONFIG_PATH="$static_only/lib/pkgconfig" pkg-config --static --cflags --libs yibao) -o "$build/bank-pc-static"
bank_check "$build/bank-pc-static"
echo "bank (static, pkg-config --static yibao): output matches"

echo "== release artefacts under valgrind (what ships: LTO, optimised)"
vg=(valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,possible)
"${vg[@]}" "$build/bank-static" examples/bank-c/residents.csv 2023-10-26 2>/dev/null >"$build/bank-vg.txt" ||
  { "${vg[@]}" "$build/bank-static" examples/bank-c/residents.csv 2023-10-26 >/dev/null || true; exit 1; }
diff -u examples/bank-c/expected-output.txt "$build/bank-vg.txt"
LD_LIBRARY_PATH="$prefix/lib" "${vg[@]}" "$build/bank-shared" examples/bank-c/residents.csv 2023-10-26 >/dev/null
echo "bank (static and shared release) clean under valgrind"
for t in "${tests[@]}"; do
  gcc "${cflags[@]}" -O1 "bindings-c/tests/$t.c" "$prefix/lib/libyibao.a" "${libs[@]}" -o "$build/$t-release"
  run_test "${vg[@]}" "$build/$t-release"
done

echo "== release artefacts with ASan/UBSan (the C side instrumented)"
for t in "${tests[@]}"; do
  gcc "${cflags[@]}" "${sanitize[@]}" "bindings-c/tests/$t.c" "$prefix/lib/libyibao.a" "${libs[@]}" -o "$build/$t-release-asan"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    run_test "$build/$t-release-asan"
done
gcc "${cflags[@]}" "${sanitize[@]}" examples/bank-c/bank.c "$prefix/lib/libyibao.a" "${libs[@]}" -o "$build/bank-release-asan"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1 bank_check "$build/bank-release-asan"
echo "bank (release, ASan/UBSan): output matches"

echo "== examples/bank-c"
gcc "${cflags[@]}" "${sanitize[@]}" examples/bank-c/bank.c "$static_lib" "${libs[@]}" -o "$build/bank"
"$build/bank" examples/bank-c/residents.csv 2023-10-26 >"$build/bank-output.txt"
diff -u examples/bank-c/expected-output.txt "$build/bank-output.txt"
echo "bank example output matches examples/bank-c/expected-output.txt"

echo "== glibc floor of the x86_64 release build (scripts/release-c.sh floor)"
# The whole release run (aarch64 too, under qemu-user) is scripts/release-c.sh: a few
# minutes more, so it is not part of this script.
bash scripts/release-c.sh floor

echo "== C library: all tests passed"
