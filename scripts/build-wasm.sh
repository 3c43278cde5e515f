#!/usr/bin/env bash
# Builds the npm package `yibao` into bindings-wasm/pkg/: the wasm module (size-optimised),
# the wasm-bindgen glue for browsers (--target web) and Node (--target nodejs), the
# JavaScript wrapper, the TypeScript types and the README. Fails when the gzipped module
# exceeds the size budget. Needs what scripts/setup-wasm.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

budget=256000
target_dir=${CARGO_TARGET_DIR:-$root/target}
case "$target_dir" in /*) ;; *) target_dir=$root/$target_dir ;; esac
wasm_opt=$root/bindings-wasm/node_modules/.bin/wasm-opt
pkg=$root/bindings-wasm/pkg

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen 0.2.130" ]; then
  echo "wasm-bindgen 0.2.130 is required: run scripts/setup-wasm.sh" >&2
  exit 1
fi
if [ ! -x "$wasm_opt" ]; then
  echo "wasm-opt (npm binaryen) is missing: run scripts/setup-wasm.sh" >&2
  exit 1
fi

echo "== cargo build (wasm32-unknown-unknown, release, opt-level z)"
# Size-oriented settings for this build only; the workspace profile stays as it is.
CARGO_PROFILE_RELEASE_OPT_LEVEL=z \
CARGO_PROFILE_RELEASE_PANIC=abort \
CARGO_PROFILE_RELEASE_DEBUG=0 \
  cargo build --release --target wasm32-unknown-unknown -p yibao-wasm
wasm=$target_dir/wasm32-unknown-unknown/release/yibao_wasm.wasm

work=$target_dir/yibao-wasm-pkg
rm -rf "$work"
mkdir -p "$work"

echo "== wasm-bindgen (web, nodejs)"
wasm-bindgen --target web --out-dir "$work/web" --out-name yibao_wasm "$wasm"
wasm-bindgen --target nodejs --out-dir "$work/node" --out-name yibao_wasm "$wasm"

echo "== wasm-opt -Oz"
# Enables the wasm features rustc emits by default today, so wasm-opt keeps them.
opt() {
  # --converge repeats -Oz until it gains nothing; the module's own memory starts zeroed
  # (it is not imported), which --zero-filled-memory lets the optimiser assume. Rust lays
  # the 1 MiB stack first, growing down towards address 0, so the first KiB is touched
  # only by a stack about to overflow: --low-memory-unused may assume it is not.
  "$wasm_opt" -Oz --converge --zero-filled-memory --low-memory-unused --strip-producers \
    --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
    --enable-nontrapping-float-to-int --enable-multivalue --enable-reference-types \
    "$1" -o "$1.opt"
  mv "$1.opt" "$1"
}
cp "$work/web/yibao_wasm_bg.wasm" "$work/web-unoptimised.wasm"
opt "$work/web/yibao_wasm_bg.wasm"
# Both targets usually emit the same module: optimise it once then.
if cmp -s "$work/node/yibao_wasm_bg.wasm" "$work/web-unoptimised.wasm"; then
  cp "$work/web/yibao_wasm_bg.wasm" "$work/node/yibao_wasm_bg.wasm"
else
  opt "$work/node/yibao_wasm_bg.wasm"
fi

echo "== assemble $pkg"
rm -rf "$pkg"
mkdir -p "$pkg/web" "$pkg/node"
js=$root/bindings-wasm/js
cp "$js/package.json" "$js/web.js" "$js/node.mjs" "$js/index.cjs" "$js/api.js" "$js/yibao.d.ts" "$pkg/"
cp "$root/bindings-wasm/README.md" "$pkg/README.md"
# The CommonJS copy of the wrapper: its only export line becomes module.exports.
{
  echo "'use strict';"
  echo "// Generated from api.js by scripts/build-wasm.sh."
  sed 's/^export { createApi, YibaoError };$/module.exports = { createApi, YibaoError };/' "$js/api.js"
} > "$pkg/api.cjs"
grep -q '^module.exports = { createApi, YibaoError };$' "$pkg/api.cjs"
for part in web node; do
  cp "$work/$part/yibao_wasm.js" "$work/$part/yibao_wasm_bg.wasm" "$pkg/$part/"
  cp "$work/$part/yibao_wasm.d.ts" "$pkg/$part/"
done
echo '{ "type": "module" }' > "$pkg/web/package.json"
echo '{ "type": "commonjs" }' > "$pkg/node/package.json"

raw_size=$(wc -c < "$pkg/web/yibao_wasm_bg.wasm")
gz_size=$(gzip -9 -c "$pkg/web/yibao_wasm_bg.wasm" | wc -c)
before=$(wc -c < "$wasm")
echo "== yibao_wasm_bg.wasm: $raw_size bytes raw, $gz_size bytes gzipped (cargo output: $before bytes; budget: $budget bytes gzipped)"
if [ "$gz_size" -gt "$budget" ]; then
  echo "the gzipped wasm module ($gz_size bytes) exceeds the budget of $budget bytes" >&2
  exit 1
fi
echo "== built $pkg"
