// The CommonJS entry (require) of the built package.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const pkgDir = path.join(__dirname, '..', 'pkg');

test('require() gives the same API', async () => {
  const yibao = require(path.join(pkgDir, 'index.cjs'));
  await yibao.init();
  await yibao.default();
  const q = yibao.quote({
    policy: '140400-2024',
    paid_on: '2023-10-10',
    person: { birth_date: '1980-05-01', categories: ['minimum_living'] },
  });
  assert.equal(q.personal_due, '76.00');
  assert.throws(
    () => yibao.window({ policy: 'nope', date: '2023-10-10' }),
    (e) => e instanceof yibao.YibaoError && e.code === 'unknown_policy',
  );
  assert.equal(yibao.Engine.empty().policies().length, 0);
});

test('package.json exports map every condition to a file that exists', () => {
  const fs = require('node:fs');
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  assert.equal(pkg.name, 'yibao');
  assert.equal(pkg.version, '0.1.0');
  const targets = [];
  const walk = (v) => (typeof v === 'string' ? targets.push(v) : Object.values(v).forEach(walk));
  walk(pkg.exports);
  targets.push(pkg.types, pkg.main, pkg.module);
  for (const t of targets) assert.ok(fs.existsSync(path.join(pkgDir, t)), t);
  for (const f of pkg.files) assert.ok(fs.existsSync(path.join(pkgDir, f)), f);
});

test('import and require of the Node entries share one engine and one YibaoError', async () => {
  const cjs = require(path.join(pkgDir, 'index.cjs'));
  const esm = await import(path.join(pkgDir, 'node.mjs'));
  assert.equal(esm.YibaoError, cjs.YibaoError);
  assert.equal(esm.defaultEngine(), cjs.defaultEngine());
  assert.equal(esm.windowStatus, cjs.windowStatus);
  assert.deepEqual(cjs.window({ policy: '140400-2024', date: '2023-10-26' }), cjs.windowStatus({ policy: '140400-2024', date: '2023-10-26' }));
});

test('the package ships one main wasm file and one policy reader, a LICENSE and where it comes from', () => {
  const fs = require('node:fs');
  const files = [];
  const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : files.push(path.relative(pkgDir, path.join(d, e.name)))));
  walk(pkgDir);
  // One of each module for every entry: the Node glue reads the files in web/ too.
  assert.deepEqual(files.filter((f) => f.endsWith('.wasm')).sort(), ['reader/web/yibao_wasm_reader_bg.wasm', 'web/yibao_wasm_bg.wasm']);
  const licence = fs.readFileSync(path.join(pkgDir, 'LICENSE'), 'utf8');
  assert.match(licence, /MIT License/);
  assert.match(licence, /Apache License\s+Version 2\.0/);
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  assert.equal(pkg.license, 'MIT OR Apache-2.0');
  // The same address as the workspace's Cargo.toml `repository`.
  const cargo = fs.readFileSync(path.join(pkgDir, '..', '..', 'Cargo.toml'), 'utf8');
  const repo = /^repository = "([^"]+)"/m.exec(cargo)[1];
  assert.equal(pkg.repository.url, `git+${repo}.git`);
  assert.ok(pkg.homepage.startsWith(repo) && pkg.bugs.url.startsWith(repo));
});
