#!/usr/bin/env bash
# The C library: builds libyibao.a/.so, checks the checked-in header against a freshly
# generated one, runs the C tests under ASan/UBSan and valgrind, checks the exported
# symbols, and runs the bank example against its expected output.
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
# programs link them under their installed name, libyibao, as `make install` and
# `cargo cinstall` do.
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

if command -v pkg-config >/dev/null; then
  echo "== install layout: yibao.pc (pkg-config) builds the bank example"
  stage="$PWD/$build/stage"
  mkdir -p "$stage/lib/pkgconfig" "$stage/include"
  cp "$static_lib" "$stage/lib/"
  cp bindings-c/include/yibao.h "$stage/include/"
  crate_version="$(cargo pkgid -p yibao-c | sed 's/.*[#@]//')"
  header_version="$(sed -n 's/^#define YIBAO_VERSION "\(.*\)"/\1/p' bindings-c/include/yibao.h)"
  sed -e "s|@PREFIX@|$stage|" -e "s|@LIBDIR@|$stage/lib|" -e "s|@VERSION@|$crate_version|" \
    bindings-c/yibao.pc.in >"$stage/lib/pkgconfig/yibao.pc"
  # The header's YIBAO_VERSION is the crate's version.
  PKG_CONFIG_PATH="$stage/lib/pkgconfig" pkg-config --exact-version="$header_version" yibao
  # shellcheck disable=SC2046
  gcc -std=c11 examples/bank-c/bank.c $(PKG_CONFIG_PATH="$stage/lib/pkgconfig" pkg-config --static --cflags --libs yibao) -o "$build/bank-pc"
  "$build/bank-pc" examples/bank-c/residents.csv 2023-10-26 | diff -u examples/bank-c/expected-output.txt -
fi

echo "== examples/bank-c"
gcc "${cflags[@]}" "${sanitize[@]}" examples/bank-c/bank.c "$static_lib" "${libs[@]}" -o "$build/bank"
"$build/bank" examples/bank-c/residents.csv 2023-10-26 >"$build/bank-output.txt"
diff -u examples/bank-c/expected-output.txt "$build/bank-output.txt"
echo "bank example output matches examples/bank-c/expected-output.txt"

echo "== C library: all tests passed"
