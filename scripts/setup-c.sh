#!/usr/bin/env bash
# Tools for the C library's tests: cbindgen 0.29.4 (the header's generator, pinned), gcc
# (with ASan/UBSan), valgrind, pkg-config, and cargo-zigbuild with zig (the glibc floor).
# With --cross, also the aarch64 target, cross gcc and qemu-user for scripts/release-c.sh.
# Each is installed only when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

CBINDGEN_VERSION=0.29.4
if [ "$(cbindgen --version 2>/dev/null || true)" != "cbindgen $CBINDGEN_VERSION" ]; then
  echo "== installing cbindgen $CBINDGEN_VERSION"
  cargo install cbindgen --version "$CBINDGEN_VERSION" --locked
fi

# The glibc floor of the release artefacts (scripts/release-c.sh; test-c.sh checks the
# x86_64 one): cargo-zigbuild links with zig, from PyPI's ziglang, against old glibc.
ZIGLANG_VERSION=0.17.1
CARGO_ZIGBUILD_VERSION=0.24.1
if ! python3 -m ziglang version >/dev/null 2>&1; then
  echo "== installing ziglang $ZIGLANG_VERSION (PyPI)"
  python3 -m pip install --quiet "ziglang==$ZIGLANG_VERSION"
fi
if [ "$(cargo-zigbuild --version 2>/dev/null || true)" != "cargo-zigbuild $CARGO_ZIGBUILD_VERSION" ]; then
  echo "== installing cargo-zigbuild $CARGO_ZIGBUILD_VERSION"
  cargo install cargo-zigbuild --version "$CARGO_ZIGBUILD_VERSION" --locked
fi

missing=()
command -v gcc >/dev/null || missing+=(gcc)
command -v valgrind >/dev/null || missing+=(valgrind)
command -v pkg-config >/dev/null || missing+=(pkg-config)
command -v objdump >/dev/null || missing+=(binutils)
# --cross: what scripts/release-c.sh needs besides, to build and run the aarch64 build.
if [ "${1:-}" = "--cross" ]; then
  if ! rustup target list --installed 2>/dev/null | grep -qx aarch64-unknown-linux-gnu; then
    rustup target add aarch64-unknown-linux-gnu
  fi
  command -v aarch64-linux-gnu-gcc >/dev/null || missing+=(gcc-aarch64-linux-gnu)
  [ -f /usr/aarch64-linux-gnu/lib/libc.so.6 ] || missing+=(libc6-arm64-cross)
  [ -f /usr/aarch64-linux-gnu/include/stdio.h ] || missing+=(libc6-dev-arm64-cross)
  command -v qemu-aarch64-static >/dev/null || missing+=(qemu-user-static)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "== installing ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update
  $sudo apt-get install -y "${missing[@]}"
fi
