// Start-up of the npm package (issue #14: the built-ins ready at init() in ≤ 5 ms): how
// long a fresh program takes from loading the package to its first answers, in Node and
// in headless Chromium. A benchmark, not a test (the tests check that init reads no
// policy: web-entry.test.mjs); BENCHMARKS.md has the figures.
//
// Each run is a fresh process (Node) or a fresh browser context (Chromium), timed with
// performance.now() around:
//   load      the entry imported and init() resolved: the module compiled and instantiated
//   builtins  the default engine made: every built-in policy added, packed (its summary read)
//   policies  the first `policies()` listing
//   quote     the first quote of 长治 2024: that one policy unpacked, then the quote
//   window    a first call on a second policy (鄢陵 2024)
//
// Run after scripts/build-wasm.sh (Chromium also needs examples/calculator's npm install):
//   node bindings-wasm/bench/startup.mjs [runs]
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const runs = Number(process.argv[2] ?? 9);
const steps = ['load', 'builtins', 'policies', 'quote', 'window'];

// The same program in both: `y` is the package's entry.
async function measure(y, init, now) {
  const t = [now()];
  await init();
  t.push(now());
  y.defaultEngine();
  t.push(now());
  y.policies();
  t.push(now());
  const q = y.quote({ policy: '140400-2024', paid_on: '2023-10-10', person: { birth_date: '1980-05-01', categories: ['minimum_living'] } });
  t.push(now());
  y.windowStatus({ policy: '411024-2024', date: '2024-01-10' });
  t.push(now());
  if (q.personal_due !== '76.00') throw new Error(`unexpected answer ${q.personal_due}`);
  return t.slice(1).map((v, i) => v - t[i]);
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function report(name, samples) {
  const cells = steps.map((s, i) => `${s} ${median(samples.map((r) => r[i])).toFixed(2)}`);
  const total = median(samples.map((r) => r.reduce((a, b) => a + b, 0)));
  const ready = median(samples.map((r) => r[0] + r[1]));
  console.log(`${name.padEnd(9)} ms, median of ${samples.length}: ${cells.join(', ')}; init() + built-ins ready ${ready.toFixed(2)}; all ${total.toFixed(2)}`);
}

if (process.argv[2] === '--child') {
  const t0 = performance.now();
  const y = await import('../pkg/node.mjs');
  const load = performance.now() - t0;
  const rest = await measure(y, y.init, () => performance.now());
  // The import is the Node entry's init (the module is compiled and instantiated on load).
  rest[0] += load;
  console.log(JSON.stringify(rest));
} else {
  const node = [];
  for (let i = 0; i < runs; i++) {
    node.push(JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child'], { encoding: 'utf8' })));
  }
  report('Node', node);

  let browserHelpers;
  try {
    browserHelpers = await import('../../examples/calculator/tests/browser.mjs');
  } catch (e) {
    console.log(`Chromium: skipped (${e.message.split('\n')[0]}; run npm ci in examples/calculator)`);
    process.exit(0);
  }
  const { servePage, close } = browserHelpers;
  const served = await servePage();
  try {
    const chromium = [];
    for (let i = 0; i < runs; i++) {
      const context = await served.browser.newContext();
      const page = await context.newPage();
      await page.goto(`${served.url}/pkg/package.json`);
      const times = await page.evaluate(async (source) => {
        // eslint-disable-next-line no-new-func
        const measureIn = new Function(`return (${source})`)();
        const t0 = performance.now();
        const y = await import('/pkg/web.js');
        const imported = performance.now() - t0;
        const rest = await measureIn(y, y.init, () => performance.now());
        rest[0] += imported;
        return rest;
      }, measure.toString());
      chromium.push(times);
      await context.close();
    }
    report('Chromium', chromium);
  } finally {
    await close(served);
  }
}
