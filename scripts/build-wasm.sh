#!/usr/bin/env bash
# Builds the npm package `yibao` into bindings-wasm/pkg/: the wasm module (size-optimised),
# the policy reader module (bindings-wasm/reader: the TOML reader, loaded only when a
# user's policy file is), the wasm-bindgen glue of each for browsers (--target web) and
# Node (--target nodejs), the built-in policies packed by the reader (policies.js), the
# JavaScript wrapper, the TypeScript types and the README. Fails when the gzipped main
# module exceeds the size budget (issue #14). Needs what scripts/setup-wasm.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# The browser entry's module, gzipped (issue #14: at most 200 000; aim 120 000). The
# reader module is fetched only by initPolicyReader() and has no budget of its own.
budget=200000
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
# YIBAO_WASM_CARGO_FLAGS: extra cargo arguments for measuring trade-offs, e.g.
#   YIBAO_WASM_CARGO_FLAGS="--config profile.release.package.yibao.opt-level=3"
# shellcheck disable=SC2086
# Size-oriented settings for this build only; the workspace profile stays as it is.
CARGO_PROFILE_RELEASE_OPT_LEVEL=z \
CARGO_PROFILE_RELEASE_PANIC=abort \
CARGO_PROFILE_RELEASE_DEBUG=0 \
  cargo build --release --target wasm32-unknown-unknown -p yibao-wasm -p yibao-wasm-reader \
    ${YIBAO_WASM_CARGO_FLAGS:-}
wasm=$target_dir/wasm32-unknown-unknown/release/yibao_wasm.wasm
reader_wasm=$target_dir/wasm32-unknown-unknown/release/yibao_wasm_reader.wasm

work=$target_dir/yibao-wasm-pkg
rm -rf "$work"
mkdir -p "$work"

echo "== wasm-bindgen (web, nodejs)"
wasm-bindgen --target web --out-dir "$work/web" --out-name yibao_wasm "$wasm"
wasm-bindgen --target nodejs --out-dir "$work/node" --out-name yibao_wasm "$wasm"
wasm-bindgen --target web --out-dir "$work/reader/web" --out-name yibao_wasm_reader "$reader_wasm"
wasm-bindgen --target nodejs --out-dir "$work/reader/node" --out-name yibao_wasm_reader "$reader_wasm"

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
# The package ships one module, web/yibao_wasm_bg.wasm, which the Node glue reads too:
# both targets must have emitted the same module (they import the same functions).
if ! cmp -s "$work/node/yibao_wasm_bg.wasm" "$work/web/yibao_wasm_bg.wasm"; then
  echo "wasm-bindgen's web and nodejs targets emitted different modules: the package cannot share one" >&2
  exit 1
fi
if ! cmp -s "$work/reader/node/yibao_wasm_reader_bg.wasm" "$work/reader/web/yibao_wasm_reader_bg.wasm"; then
  echo "wasm-bindgen's web and nodejs targets emitted different reader modules: the package cannot share one" >&2
  exit 1
fi
opt "$work/web/yibao_wasm_bg.wasm"
opt "$work/reader/web/yibao_wasm_reader_bg.wasm"

echo "== assemble $pkg"
rm -rf "$pkg"
mkdir -p "$pkg/web" "$pkg/node" "$pkg/reader/web" "$pkg/reader/node"
js=$root/bindings-wasm/js
cp "$js/package.json" "$js/web.js" "$js/node.mjs" "$js/index.cjs" "$js/api.js" "$js/yibao.d.ts" "$pkg/"
# The CommonJS types: the same declarations, read as a CommonJS module (`require`).
{
  echo "// Generated from yibao.d.ts by scripts/build-wasm.sh: the types of the CommonJS entry."
  cat "$js/yibao.d.ts"
} > "$pkg/yibao.d.cts"
cp "$root/bindings-wasm/README.md" "$pkg/README.md"
cp "$root/bindings-wasm/LICENSE" "$pkg/LICENSE"
# The CommonJS copy of the wrapper: its only export line becomes module.exports.
{
  echo "'use strict';"
  echo "// Generated from api.js by scripts/build-wasm.sh."
  sed 's/^export { createApi, YibaoError };$/module.exports = { createApi, YibaoError };/' "$js/api.js"
} > "$pkg/api.cjs"
grep -q '^module.exports = { createApi, YibaoError };$' "$pkg/api.cjs"
cp "$work/web/yibao_wasm.js" "$work/web/yibao_wasm_bg.wasm" "$work/web/yibao_wasm.d.ts" "$pkg/web/"
# The Node glue reads the one module in web/.
sed 's#^const wasmPath = `${__dirname}/yibao_wasm_bg.wasm`;$#const wasmPath = `${__dirname}/../web/yibao_wasm_bg.wasm`;#' \
  "$work/node/yibao_wasm.js" > "$pkg/node/yibao_wasm.js"
grep -q '^const wasmPath = `${__dirname}/../web/yibao_wasm_bg.wasm`;$' "$pkg/node/yibao_wasm.js"
cp "$work/node/yibao_wasm.d.ts" "$pkg/node/"
echo '{ "type": "module" }' > "$pkg/web/package.json"
echo '{ "type": "commonjs" }' > "$pkg/node/package.json"
cp "$work/reader/web/yibao_wasm_reader.js" "$work/reader/web/yibao_wasm_reader_bg.wasm" "$work/reader/web/yibao_wasm_reader.d.ts" "$pkg/reader/web/"
sed 's#^const wasmPath = `${__dirname}/yibao_wasm_reader_bg.wasm`;$#const wasmPath = `${__dirname}/../web/yibao_wasm_reader_bg.wasm`;#' \
  "$work/reader/node/yibao_wasm_reader.js" > "$pkg/reader/node/yibao_wasm_reader.js"
grep -q '^const wasmPath = `${__dirname}/../web/yibao_wasm_reader_bg.wasm`;$' "$pkg/reader/node/yibao_wasm_reader.js"
cp "$work/reader/node/yibao_wasm_reader.d.ts" "$pkg/reader/node/"
echo '{ "type": "module" }' > "$pkg/reader/web/package.json"
echo '{ "type": "commonjs" }' > "$pkg/reader/node/package.json"

# The built-in policies as a data module (ES and CommonJS), not compiled into the wasm:
# every policy file of core/policies/ (not the case files) read, validated and packed by
# the reader module just built (bindings-wasm/js/pack-policies.cjs), so that the main
# module needs no TOML reader and reads a policy only when it is first asked for; with
# their `policies` listing, made by the main module just built (the wrapper answers it
# while an engine has nothing else, and hands a policy over when a request names it).
node "$root/bindings-wasm/js/pack-policies.cjs" "$pkg/reader/node/yibao_wasm_reader.js" "$pkg/node/yibao_wasm.js" "$root/core/policies" "$pkg"

raw_size=$(wc -c < "$pkg/web/yibao_wasm_bg.wasm")
gz_size=$(gzip -9 -c "$pkg/web/yibao_wasm_bg.wasm" | wc -c)
before=$(wc -c < "$wasm")
echo "== yibao_wasm_bg.wasm: $raw_size bytes raw, $gz_size bytes gzipped (cargo output: $before bytes; budget: $budget bytes gzipped)"
reader_gz=$(gzip -9 -c "$pkg/reader/web/yibao_wasm_reader_bg.wasm" | wc -c)
echo "== yibao_wasm_reader_bg.wasm (policy reader, loaded by initPolicyReader): $(wc -c < "$pkg/reader/web/yibao_wasm_reader_bg.wasm") bytes raw, $reader_gz bytes gzipped"
if [ "$gz_size" -gt "$budget" ]; then
  echo "the gzipped wasm module ($gz_size bytes) exceeds the budget of $budget bytes" >&2
  exit 1
fi
data_gz=$(gzip -9 -c "$pkg/policies.js" | wc -c)
echo "== policies.js (the built-in policies, packed data): $(wc -c < "$pkg/policies.js") bytes raw, $data_gz bytes gzipped"
echo "== built $pkg"
