#!/usr/bin/env bash
# Every test of the project: Rust (fmt, clippy, docs, unit, integration, property and
# doc tests), every fuzz target for a short bounded time (FUZZ_SECONDS each, 15 by
# default, 0 to skip; kept inputs replayed first), the C library (sanitizers, valgrind,
# the bank example) and the npm package (Node and headless Chromium). Installs what it
# needs first, skipping what is present.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

echo "== cargo fmt"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets -- -D warnings
echo "== cargo doc"
# Libraries only: the CLI binary is named `yibao` like the core library, and their doc
# pages would collide (cargo#6313).
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --lib --quiet
echo "== cargo test"
cargo test --workspace
echo "== the built-in policies' case files (yibao test core/policies)"
cargo run --quiet -p yibao-cli -- test core/policies | tail -n 1
echo "== statutory calendar against chinesecalendar"
python3 tests/calendar_oracle.py
fuzz_seconds="${FUZZ_SECONDS:-15}"
if [ "$fuzz_seconds" != 0 ]; then
  echo "== fuzz targets, ${fuzz_seconds} s each (scripts/fuzz.sh; long runs: bash scripts/fuzz.sh 600)"
  bash scripts/fuzz.sh "$fuzz_seconds"
fi
for part in scripts/test-c.sh scripts/test-wasm.sh; do
  if [ -f "$part" ]; then
    echo "== $part"
    bash "$part"
  fi
done
echo "== all tests passed"
