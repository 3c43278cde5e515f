// The npm package as a front-end developer's bundler sees it (issue #14): a page bundled by
// esbuild (the wasm copied next to the bundle, or imported with esbuild's file loader) and
// by Vite, each served and run in headless Chromium; and esbuild for Node with the package
// kept external; and a Web Worker started with initSync. Each project is a fresh directory
// whose node_modules/yibao is the built package (bindings-wasm/pkg/); the recipes are those
// of bindings-wasm/README.md.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertPackageBuilt, launch, pkg } from './browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', 'node_modules', '.bin');
assertPackageBuilt();

let work;
let browser;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'yibao-bundlers-'));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

// A fresh project: package.json, node_modules/yibao → the built package, the given files.
function project(name, files) {
  const dir = join(work, name);
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
  symlinkSync(pkg, join(dir, 'node_modules', 'yibao'), 'dir');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

function run(cmd, args, cwd) {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    assert.fail(`${cmd} ${args.join(' ')} failed:\n${e.stdout}${e.stderr}`);
  }
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };

// Serves `root` on 127.0.0.1 and opens `page` in Chromium; gives what the page wrote into
// <body data-result> (or data-error), and every 404.
async function load(root, page = 'index.html') {
  const missing = [];
  const server = createServer((req, res) => {
    const path = normalize(join(root, decodeURIComponent(req.url.split('?')[0])));
    if (!path.startsWith(root + sep) || !existsSync(path)) {
      missing.push(req.url);
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
    res.end(readFileSync(path));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const context = await browser.newContext();
  const tab = await context.newPage();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(String(e)));
  try {
    await tab.goto(`http://127.0.0.1:${server.address().port}/${page}`);
    await tab.waitForSelector('body[data-result], body[data-error]', { state: 'attached', timeout: 20000 });
    const out = await tab.evaluate(() => ({ result: document.body.dataset.result, error: document.body.dataset.error }));
    return { ...out, missing, errors };
  } finally {
    await context.close();
    await new Promise((ok) => server.close(ok));
  }
}

// The page's script: a 长治 quote and a window status, written into the body.
const APP = (initArg) => `import init, { quote, windowStatus } from 'yibao';
${initArg.imports ?? ''}
try {
  await init(${initArg.arg ?? ''});
  const q = quote({ policy: '140400-2024', paid_on: '2023-10-10', person: { birth_date: '1980-05-01', categories: ['minimum_living'] } });
  const w = windowStatus({ policy: '140400-2024', date: '2023-10-26' });
  document.body.dataset.result = q.personal_due + ' ' + w.next_payment_day;
} catch (e) {
  document.body.dataset.error = String(e);
}
`;
const EXPECTED = '76.00 2023-11-01';

test('esbuild --bundle, the wasm copied next to the bundle', async () => {
  const dir = project('esbuild-copy', {
    'src/main.js': APP({}),
    'dist/index.html': '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="main.js"></script>',
  });
  run(join(bin, 'esbuild'), ['src/main.js', '--bundle', '--format=esm', '--outdir=dist'], dir);
  copyFileSync(join(dir, 'node_modules', 'yibao', 'web', 'yibao_wasm_bg.wasm'), join(dir, 'dist', 'yibao_wasm_bg.wasm'));
  const out = await load(join(dir, 'dist'));
  assert.deepEqual(out, { result: EXPECTED, error: undefined, missing: [], errors: [] });
});

test('esbuild --bundle without the wasm: the error names the file and the fix', async () => {
  const dir = project('esbuild-missing', {
    'src/main.js': APP({}),
    'dist/index.html': '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="main.js"></script>',
  });
  run(join(bin, 'esbuild'), ['src/main.js', '--bundle', '--format=esm', '--outdir=dist'], dir);
  const out = await load(join(dir, 'dist'));
  assert.equal(out.result, undefined);
  assert.match(out.error, /yibao_wasm_bg\.wasm/);
  assert.match(out.error, /init\(/);
});

test('esbuild --bundle --loader:.wasm=file, the wasm imported by URL (iife, the default format)', async () => {
  const dir = project('esbuild-file', {
    'src/main.js': APP({ imports: "import wasmUrl from 'yibao/yibao_wasm_bg.wasm';", arg: 'wasmUrl' }),
    'dist/index.html': '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script src="main.js"></script>',
  });
  // An iife cannot hold top-level await: the same script, wrapped.
  const src = readFileSync(join(dir, 'src/main.js'), 'utf8').split('\n');
  const imports = src.filter((l) => l.startsWith('import ')).join('\n');
  const body = src.filter((l) => !l.startsWith('import ')).join('\n');
  writeFileSync(join(dir, 'src/main.js'), `${imports}\n(async () => {\n${body}\n})();\n`);
  run(join(bin, 'esbuild'), ['src/main.js', '--bundle', '--outdir=dist', '--loader:.wasm=file', '--public-path=.'], dir);
  const out = await load(join(dir, 'dist'));
  assert.deepEqual(out, { result: EXPECTED, error: undefined, missing: [], errors: [] });
});

test('vite build, no setup: the wasm is an asset of the build', async () => {
  const dir = project('vite', {
    'main.js': APP({}),
    'index.html': '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="/main.js"></script>',
  });
  run(join(bin, 'vite'), ['build', '--logLevel', 'warn'], dir);
  const out = await load(join(dir, 'dist'));
  assert.deepEqual(out, { result: EXPECTED, error: undefined, missing: [], errors: [] });
});

test('esbuild for Node: --platform=node with the package external', () => {
  const dir = project('esbuild-node', {
    'src/cli.js': `import { quote } from 'yibao';
console.log(quote({ policy: '140400-2024', paid_on: '2023-10-10', person: { birth_date: '1980-05-01' } }).personal_due);
`,
  });
  for (const format of ['esm', 'cjs']) {
    const outfile = `dist/cli.${format === 'esm' ? 'mjs' : 'cjs'}`;
    run(join(bin, 'esbuild'), ['src/cli.js', '--bundle', '--platform=node', `--format=${format}`, '--packages=external', `--outfile=${outfile}`], dir);
    assert.equal(run(process.execPath, [outfile], dir), '380.00\n');
  }
});

test('a Web Worker started with initSync on the module its page compiled', async () => {
  const dir = project('worker', {
    'index.html': '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="page.js"></script>',
    'page.js': `const module = await WebAssembly.compileStreaming(fetch('./node_modules/yibao/web/yibao_wasm_bg.wasm'));
const worker = new Worker('./worker.js', { type: 'module' });
worker.onmessage = ({ data }) => { document.body.dataset[data.error ? 'error' : 'result'] = data.error ?? data.result; };
worker.onerror = (e) => { document.body.dataset.error = String(e.message); };
worker.postMessage({ module, request: { policy: '140400-2024', paid_on: '2023-10-10', person: { birth_date: '1980-05-01', categories: ['minimum_living'] } } });
`,
    'worker.js': `import { initSync, quote, windowStatus } from './node_modules/yibao/web.js';
self.onmessage = ({ data }) => {
  try {
    initSync(data.module);
    const w = windowStatus({ policy: '140400-2024', date: '2023-10-26' });
    self.postMessage({ result: quote(data.request).personal_due + ' ' + w.next_payment_day });
  } catch (e) {
    self.postMessage({ error: String(e) });
  }
};
`,
  });
  const out = await load(dir);
  assert.deepEqual(out, { result: EXPECTED, error: undefined, missing: [], errors: [] });
});
