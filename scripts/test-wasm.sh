#!/usr/bin/env bash
# Tests of the npm package and the calculator page: builds bindings-wasm/pkg/, runs the
# Node tests against the built package, then the calculator page in headless Chromium.
# Run scripts/setup-wasm.sh first (scripts/test.sh does).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build-wasm.sh

echo "== npm package tests (node --test)"
(cd bindings-wasm && node --test tests/*.test.mjs tests/*.test.cjs)

echo "== calculator page (headless Chromium)"
(cd examples/calculator && node --test tests/*.test.mjs)
