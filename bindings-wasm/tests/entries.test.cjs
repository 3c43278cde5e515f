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
