#!/usr/bin/env bash
# Instructions per JSON quote, counted by callgrind (repeatable whatever the machine's
# load, unlike wall-clock time): runs core/examples/json_quote_loop.rs with N quotes and
# with none, and divides the difference. Needs valgrind. BENCHMARKS.md quotes its figures.
#   bash scripts/callgrind-quote.sh [N] [REQUEST_JSON | typed]
# (`typed`: the typed quote of the same person, `Engine::quote_typed`.)
# With ANNOTATE=1 it also prints the costliest functions (callgrind_annotate).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-2000}
request=${2:-}
cargo build --release --quiet -p yibao --example json_quote_loop
bin=${CARGO_TARGET_DIR:-target}/release/examples/json_quote_loop
out=$(mktemp -d)
count() {
  valgrind --tool=callgrind --callgrind-out-file="$out/cg.$1" "$bin" "$1" ${request:+"$request"} \
    >/dev/null 2>"$out/log.$1"
  grep -m1 -o 'Collected : [0-9]*' "$out/log.$1" | grep -o '[0-9]*'
}
base=$(count 0)
full=$(count "$n")
kind=$([ "$request" = typed ] && echo "typed quote" || echo "JSON quote")
echo "instructions per $kind: $(( (full - base) / n )) (N=$n; engine start-up $base)"
if [ "${ANNOTATE:-0}" = 1 ]; then
  callgrind_annotate --inclusive=no "$out/cg.$n" 2>/dev/null | sed -n '1,60p'
fi
rm -rf "$out"
