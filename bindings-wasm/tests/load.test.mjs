// The module-level loadPolicy adds to the engine behind the module-level functions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinPolicyCount, builtinPolicyText } from './helpers.mjs';
import { loadPolicy, policies, quote, defaultEngine } from '../pkg/node.mjs';

test('loadPolicy replaces a built-in policy of the default engine', () => {
  const req = { policy: '411024-2024', paid_on: '2023-10-10', person: { birth_date: '1980-05-01' } };
  assert.equal(quote(req).personal_due, '380.00');
  const text = builtinPolicyText('411024-2024').replace('personal = "380.00"', 'personal = "400.00"');
  assert.equal(loadPolicy(text, 'raised.toml'), '411024-2024');
  assert.equal(quote(req).personal_due, '400.00');
  assert.equal(defaultEngine().quote(req).personal_due, '400.00');
  assert.equal(policies().length, builtinPolicyCount());
});
