#!/usr/bin/env bash
# Release artefacts of the C library for the servers banks run (bindings-c/README.md,
# "Platforms"): x86_64 and aarch64 Linux, glibc 2.28 or older (Kylin V10, UOS, RHEL 8).
#
#   bash scripts/release-c.sh          both targets: build with cargo-zigbuild against
#                                      glibc $GLIBC_TARGET, install each into
#                                      target/release-c/<triple>/, check the glibc floor
#                                      with objdump -T, and run the C tests and the bank
#                                      example of the aarch64 build under qemu-user
#   bash scripts/release-c.sh floor    the x86_64 build and its floor check only (what
#                                      scripts/test-c.sh runs)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

# zig links against this glibc's symbol versions; no artefact may need a newer one than
# the floor promised to banks.
GLIBC_TARGET=2.17
GLIBC_FLOOR=2.28
mode="${1:-all}"
case "$mode" in
  all) bash scripts/setup-c.sh --cross ;;
  floor) bash scripts/setup-c.sh ;;
  *)
    echo "usage: $0 [floor]" >&2
    exit 2
    ;;
esac

out="$PWD/target/release-c"
version="$(cargo pkgid -p yibao-c | sed 's/.*[#@]//')"
major="${version%%.*}"

# Builds and installs one target into $out/<triple> (prefix = that folder).
build() {
  local triple="$1"
  echo "== $triple: cargo zigbuild --release (glibc $GLIBC_TARGET), make install"
  rm -rf "${out:?}/$triple"
  make -s -C bindings-c install TARGET="$triple.$GLIBC_TARGET" CARGO_BUILD="cargo zigbuild" \
    PREFIX="$out/$triple" >/dev/null
  local machine
  case "$triple" in
    x86_64-*) machine="X86-64" ;;
    aarch64-*) machine="AArch64" ;;
  esac
  readelf -h "$out/$triple/lib/libyibao.so.$version" | grep -q "Machine:.*$machine"
}

# Fails when an ELF file needs a glibc symbol version above the floor.
check_floor() {
  local elf="$1" newest
  newest="$(objdump -T "$elf" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n 1)"
  if [ -z "$newest" ]; then
    echo "$elf: no GLIBC symbol versions (not a dynamic glibc object?)" >&2
    exit 1
  fi
  if [ "$(printf '%s\n%s\n' "$newest" "$GLIBC_FLOOR" | sort -V | tail -n 1)" != "$GLIBC_FLOOR" ]; then
    echo "$elf needs GLIBC_$newest, above the floor GLIBC_$GLIBC_FLOOR:" >&2
    objdump -T "$elf" | grep -E "GLIBC_$newest\b" >&2 || true
    exit 1
  fi
  echo "$(basename "$elf"): newest glibc symbol version GLIBC_$newest (floor $GLIBC_FLOOR)"
}

build x86_64-unknown-linux-gnu
check_floor "$out/x86_64-unknown-linux-gnu/lib/libyibao.so.$version"
if [ "$mode" = floor ]; then
  exit 0
fi

build aarch64-unknown-linux-gnu
aarch64="$out/aarch64-unknown-linux-gnu"
check_floor "$aarch64/lib/libyibao.so.$version"
readelf -d "$aarch64/lib/libyibao.so.$version" | grep -q "Library soname: \[libyibao.so.$major\]"

# The static libraries linked for the floor too: a program zig links against glibc
# $GLIBC_TARGET with libyibao.a needs no newer glibc than the floor. (zig has no libgcc_s:
# its own libunwind, -lunwind, unwinds instead.)
zig_cc=(python3 -m ziglang cc)
for triple in x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu; do
  echo "== $triple: bank example linked statically against glibc $GLIBC_TARGET (zig cc)"
  "${zig_cc[@]}" -target "${triple%%-*}-linux-gnu.$GLIBC_TARGET" -std=c11 \
    -I "$out/$triple/include" examples/bank-c/bank.c "$out/$triple/lib/libyibao.a" \
    -lunwind -lpthread -ldl -lm -o "$out/$triple/bank-zig"
  check_floor "$out/$triple/bank-zig"
done
"$out/x86_64-unknown-linux-gnu/bank-zig" examples/bank-c/residents.csv 2023-10-26 2>/dev/null |
  diff -u examples/bank-c/expected-output.txt -

echo "== aarch64: C tests and bank example under qemu-user"
export QEMU_LD_PREFIX=/usr/aarch64-linux-gnu
qemu=(qemu-aarch64-static)
cc=(aarch64-linux-gnu-gcc -std=c11 -Wall -Wextra -Werror -O1 -I "$aarch64/include" -I bindings-c/tests)
libs=(-lpthread -ldl -lm)
export YIBAO_POLICY_FILE=core/policies/411024-2024.toml

# Runs a test program and requires its last line to be "N passed, 0 failed".
run_test() {
  local last
  last="$("$@" | tail -n 1)"
  echo "$last"
  echo "$last" | grep -Eq '^[0-9]+ passed, 0 failed$'
}

for t in test_api test_threads; do
  "${cc[@]}" "bindings-c/tests/$t.c" "$aarch64/lib/libyibao.a" "${libs[@]}" -o "$aarch64/$t-static"
  run_test "${qemu[@]}" "$aarch64/$t-static"
done
# The shared library through pkg-config, found by its SONAME at run time.
pc="$aarch64/lib/pkgconfig"
# shellcheck disable=SC2046
"${cc[@]}" bindings-c/tests/test_api.c $(PKG_CONFIG_PATH="$pc" pkg-config --cflags --libs yibao) -o "$aarch64/test_api-shared"
LD_LIBRARY_PATH="$aarch64/lib" run_test "${qemu[@]}" "$aarch64/test_api-shared"
# shellcheck disable=SC2046
"${cc[@]}" examples/bank-c/bank.c $(PKG_CONFIG_PATH="$pc" pkg-config --cflags --libs yibao) -o "$aarch64/bank-shared"
LD_LIBRARY_PATH="$aarch64/lib" "${qemu[@]}" "$aarch64/bank-shared" examples/bank-c/residents.csv 2023-10-26 2>/dev/null |
  diff -u examples/bank-c/expected-output.txt -
echo "bank (aarch64, shared): output matches"
# shellcheck disable=SC2046
"${cc[@]}" examples/bank-c/bank.c $(PKG_CONFIG_PATH="$pc" pkg-config --cflags --libs yibao-static) -o "$aarch64/bank-static"
"${qemu[@]}" "$aarch64/bank-static" examples/bank-c/residents.csv 2023-10-26 2>/dev/null |
  diff -u examples/bank-c/expected-output.txt -
echo "bank (aarch64, static): output matches"
"${qemu[@]}" "$aarch64/bank-zig" examples/bank-c/residents.csv 2023-10-26 2>/dev/null |
  diff -u examples/bank-c/expected-output.txt -
echo "bank (aarch64, zig-linked for glibc $GLIBC_TARGET): output matches"

echo "== release artefacts in $out: all checks passed"
