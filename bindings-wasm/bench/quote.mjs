// The wasm quote in Node (issue #6): median time per call of the package's `quote` (plain
// object in, plain object out: JSON.stringify → wasm → JSON.parse) and of the raw JSON
// `handle`, over several rounds. Compare with `cargo bench -p yibao --bench engine`
// (json_quote) for the "within 3× native" budget; BENCHMARKS.md has the numbers.
// Run after scripts/build-wasm.sh:  node bindings-wasm/bench/quote.mjs
import { handle, quote } from '../pkg/node.mjs';

const request = {
  policy: '140400-2024',
  paid_on: '2023-10-10',
  person: { birth_date: '1980-05-01', categories: ['minimum_living'] },
};
const text = JSON.stringify(request);

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function measure(name, fn, calls = 20000, rounds = 7) {
  for (let i = 0; i < calls; i++) fn(); // warm-up (JIT, wasm tier-up)
  const perCall = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) fn();
    perCall.push(Number(process.hrtime.bigint() - t0) / calls);
  }
  console.log(`${name.padEnd(24)} median ${(median(perCall) / 1000).toFixed(2)} µs per call (${rounds} rounds × ${calls})`);
}

const check = quote(request);
if (check.personal_due !== '76.00') throw new Error(`unexpected answer ${check.personal_due}`);
measure('wasm quote (objects)', () => quote(request));
measure('wasm handle (JSON text)', () => handle('quote', text));
