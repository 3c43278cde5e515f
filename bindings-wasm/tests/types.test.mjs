// The TypeScript types of the built package compile under --strict and refuse mistakes
// (tests/types/check.ts is compiled, never run).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pkgDir } from './helpers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const tsc = join(here, '..', 'node_modules', 'typescript', 'bin', 'tsc');

test('yibao.d.ts says no `any`', () => {
  const code = readFileSync(join(pkgDir, 'yibao.d.ts'), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/'[^'\n]*'/g, "''");
  assert.doesNotMatch(code, /\bany\b/);
  assert.doesNotMatch(code, /\bunknown\b/);
});

test('the types compile under --strict', { skip: !existsSync(tsc) && 'typescript is not installed (npm ci)' }, () => {
  try {
    execFileSync(process.execPath, [
      tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext',
      '--moduleResolution', 'nodenext', '--lib', 'es2022,dom', '--skipLibCheck', 'false',
      join(here, 'types', 'check.ts'),
    ], { stdio: 'pipe' });
  } catch (e) {
    assert.fail(`tsc failed:\n${e.stdout}${e.stderr}`);
  }
});

// The TypeScript the README names as the oldest it supports (5.0, the devDependency
// typescript-5.0) and the current one.
const oldest = join(here, '..', 'node_modules', 'typescript-5.0', 'bin', 'tsc');
const compilers = [oldest, tsc].filter((c) => existsSync(c));

// A fresh project that depends on the package (node_modules/yibao → pkg/), of the given
// module type, with the given TypeScript sources; compiled by each compiler under `module
// node16` and `nodenext` (the output is then run).
function project(type, sources) {
  const dir = mkdtempSync(join(tmpdir(), `yibao-ts-${type}-`));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', private: true, type }));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(pkgDir, join(dir, 'node_modules', 'yibao'), 'dir');
  for (const [name, text] of Object.entries(sources)) writeFileSync(join(dir, name), text);
  // TypeScript 5.8+ lets `nodenext` require() an ES module; `node16` keeps the rule of
  // earlier 5.x releases, under which ES module types fail a CommonJS file (TS1471, TS1479).
  for (const [compiler, mode] of compilers.flatMap((c) => ['node16', 'nodenext'].map((m) => [c, m]))) {
    try {
      execFileSync(process.execPath, [
        compiler, '--strict', '--target', 'es2022', '--module', mode, '--moduleResolution', mode,
        '--lib', 'es2022,dom', '--skipLibCheck', 'false', '--outDir', join(dir, 'out'), ...Object.keys(sources).map((f) => join(dir, f)),
      ], { stdio: 'pipe', cwd: dir });
    } catch (e) {
      rmSync(dir, { recursive: true, force: true });
      assert.fail(`${compiler} --module ${mode} failed (${type}):\n${e.stdout}${e.stderr}`);
    }
  }
  return dir;
}

const request = `{ policy: '140400-2024', paid_on: '2023-10-10', person: { birth_date: '1980-05-01', categories: ['minimum_living'] } }`;

test('CommonJS types: `import y = require("yibao")` and a plain import in a "type": "commonjs" project', { skip: !existsSync(tsc) && 'typescript is not installed (npm ci)' }, () => {
  const dir = project('commonjs', {
    'req.ts': `import y = require('yibao');
const q: y.Quote = y.quote(${request});
const w: y.WindowStatus = y.windowStatus({ policy: '140400-2024', date: '2023-10-26' });
try { y.quote({ policy: 'nope', paid_on: '2023-10-10', person: {} }); } catch (e) { if (e instanceof y.YibaoError) console.log(e.code); }
console.log(q.personal_due, w.next_payment_day);
`,
    'plain.ts': `import { quote, YibaoError, type Quote } from 'yibao';
import * as again from 'yibao';
const q: Quote = quote(${request});
console.log(q.personal_due, again.YibaoError === YibaoError);
`,
  });
  try {
    const out = (f) => execFileSync(process.execPath, [join(dir, 'out', f)], { encoding: 'utf8' });
    assert.equal(out('req.js'), 'unknown_policy\n76.00 2023-11-01\n');
    assert.equal(out('plain.js'), '76.00 true\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('ES module types in a "type": "module" project', { skip: !existsSync(tsc) && 'typescript is not installed (npm ci)' }, () => {
  const dir = project('module', {
    'esm.ts': `import init, { quote, windowStatus, window as windowAlias, loadPolicy, type Quote } from 'yibao';
await init();
const q: Quote = quote(${request});
const date = { policy: '140400-2024', date: '2023-10-26' };
console.log(q.personal_due, windowAlias(date).next_payment_day === windowStatus(date).next_payment_day, typeof loadPolicy);
`,
  });
  try {
    assert.equal(execFileSync(process.execPath, [join(dir, 'out', 'esm.js')], { encoding: 'utf8' }), '76.00 true function\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
