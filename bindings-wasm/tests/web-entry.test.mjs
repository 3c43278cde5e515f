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

test('loadPolicy needs the policy reader, which init() does not fetch', async () => {
  const { loadPolicy, initPolicyReader, policies } = await import('../pkg/web.js');
  const text = readFileSync(join(pkgDir, '..', '..', 'core', 'policies', '411024-2024.toml'), 'utf8');
  assert.throws(() => loadPolicy(text, 'mine.toml'), /await initPolicyReader\(\)/);
  assert.throws(() => loadPolicy(text, 'mine.toml', { lang: 'en' }), /policy files is not loaded yet/);
  const bytes = readFileSync(join(pkgDir, 'reader', 'web', 'yibao_wasm_reader_bg.wasm'));
  const first = initPolicyReader(bytes);
  assert.equal(initPolicyReader(bytes), first);
  await first;
  assert.equal(loadPolicy(text, 'mine.toml'), '411024-2024');
  assert.equal(policies().filter((p) => p.id === '411024-2024').length, 1);
  assert.throws(() => loadPolicy('id = ', 'broken.toml'), (e) => e instanceof YibaoError && e.code === 'policy_syntax');
});

test('an engine reads no policy until one is asked for (init parses nothing)', () => {
  const e = Engine.builtin();
  assert.equal(e.policiesRead(), 0);
  assert.ok(e.policies().length >= 18);
  assert.equal(e.policiesRead(), 0);
  e.windowStatus({ policy: '140400-2024', date: '2023-10-26' });
  assert.equal(e.policiesRead(), 1);
  e.windowStatus({ policy: '140400-2024', date: '2023-10-27' });
  assert.equal(e.policiesRead(), 1);
  e.free();
});

test('the built-ins are listed, and answer, as when every one is in the module', () => {
  // A new engine hands a built-in to the module when a request names it, and lists
  // them from the build's listing while it has nothing else (api.js).
  const lazy = Engine.builtin();
  const listed = lazy.handle('policies', '{}');
  assert.equal(lazy.handle('policies', ' { } '), listed);
  assert.equal(lazy.handle('policies', '{"lang":"en"}'), listed);
  assert.throws(() => lazy.handle('policies', '{"x":1}'), (e) => e instanceof YibaoError && e.code === 'invalid_request');
  const request = '{"policy": "140400-2024", "date": "2023-10-26"}';
  const answer = lazy.handle('window', request);
  // An escape in the text hands over every built-in: the answer is the same.
  const escaped = Engine.builtin();
  assert.equal(escaped.handle('window', '{"policy": "\\u0031\\u00340400-2024", "date": "2023-10-26"}'), answer);
  assert.equal(escaped.handle('policies', '{}'), listed);
  // Listed with one handed over: every other one handed too, the same listing.
  assert.equal(lazy.handle('policies', '{}'), listed);
  assert.equal(JSON.parse(listed).length >= 18, true);
  lazy.free();
  escaped.free();
});
