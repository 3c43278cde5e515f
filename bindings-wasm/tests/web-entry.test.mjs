// The browser entry, exercised in Node: nothing works before init, then init from bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pkgDir } from './helpers.mjs';
import init, { quote, window, initSync, Engine, YibaoError } from '../pkg/web.js';

test('calls before init() say to await init()', () => {
  assert.throws(() => window({ policy: '140400-2024', date: '2023-10-10' }), /await init\(\)/);
  assert.throws(() => Engine.builtin(), /await init\(\)/);
});

test('init(bytes) then the API works; init is idempotent', async () => {
  const bytes = readFileSync(join(pkgDir, 'web', 'yibao_wasm_bg.wasm'));
  const first = init(bytes);
  assert.equal(init(bytes), first);
  await first;
  initSync(bytes);
  const q = quote({ policy: '411024-2024', paid_on: '2024-01-10', person: { birth_date: '1980-05-01' } });
  assert.equal(q.benefit_start, '2024-02-10');
  assert.throws(() => window({ policy: 'x', date: '2023-10-10' }), YibaoError);
});
