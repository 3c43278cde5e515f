// Every operation of the built package through its Node ES module entry, with figures
// from the notices, and every error code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinPolicyCount, builtinPolicyText, thrown } from './helpers.mjs';
import init, * as yibao from '../pkg/node.mjs';

const {
  Engine,
  YibaoError,
  quote,
  household,
  refund,
  window,
  id,
  policies,
  policy,
  handle,
  categories,
  version,
} = yibao;

await init();

const adult = { birth_date: '1980-05-01' };

function expectCode(code, fn) {
  const e = thrown(fn);
  assert.ok(e instanceof YibaoError, `not a YibaoError: ${e}`);
  assert.ok(e instanceof Error);
  assert.equal(e.name, 'YibaoError');
  assert.equal(e.code, code, e.message);
  assert.equal(typeof e.message, 'string');
  assert.ok(e.message.length > 0);
  return e;
}

test('quote: 长治 低保 paid in the window', () => {
  const q = quote({
    policy: '140400-2024',
    paid_on: '2023-10-10',
    person: { ...adult, categories: ['minimum_living'] },
  });
  assert.equal(q.policy, '140400-2024');
  assert.deepEqual(q.window, { id: 'window', name: '集中征缴期', from: '2023-09-01', to: '2023-12-25' });
  assert.equal(q.personal_standard, '380.00');
  assert.equal(q.fiscal_subsidy, '640.00');
  assert.deepEqual(q.aid, [
    { category: 'minimum_living', category_name: '低保人员', source: 'medical_assistance', source_name: '医疗救助', amount: '304.00' },
  ]);
  assert.equal(q.aid_total, '304.00');
  assert.equal(q.personal_due, '76.00');
  assert.equal(q.total, '1020.00');
  assert.equal(q.benefit_start, '2024-01-01');
  assert.equal(q.benefit_end, '2024-12-31');
  assert.equal(q.newborn, null);
  assert.ok(q.citations.length > 0);
  for (const c of q.citations) {
    assert.equal(typeof c.rule, 'string');
    assert.equal(typeof c.clause, 'string');
  }
  assert.ok(Array.isArray(q.assumptions));
  assert.ok(Array.isArray(q.warnings));
});

test('quote: 长治 ordinary resident paying late pays both shares and waits 3 months', () => {
  const q = quote({ policy: '140400-2024', paid_on: '2024-02-10', person: adult });
  assert.equal(q.window.id, 'late');
  assert.equal(q.personal_due, '1020.00');
  assert.equal(q.fiscal_subsidy, '0.00');
  assert.equal(q.benefit_start, '2024-05-11');
  assert.equal(q.benefit_end, '2024-12-31');
});

test('quote: 鄢陵 extended period, 30-day wait', () => {
  const q = quote({ policy: '411024-2024', paid_on: '2024-01-10', person: adult });
  assert.equal(q.window.id, 'extended');
  assert.equal(q.personal_due, '380.00');
  assert.equal(q.benefit_start, '2024-02-10');
  assert.equal(q.benefit_end, '2024-12-31');
});

test('quote: 牡丹江 低保 pays a fixed 152', () => {
  const q = quote({
    policy: '231000-2023',
    paid_on: '2022-10-01',
    person: { ...adult, categories: ['minimum_living'] },
  });
  assert.equal(q.personal_due, '152.00');
  assert.equal(q.aid_total, '228.00');
});

test('quote: an ID number gives the birth date', () => {
  const q = quote({ policy: '140400-2024', paid_on: '2023-10-10', person: { id_number: '11010519491231002X' } });
  assert.equal(q.personal_due, '380.00');
});

test('household: 凌源 household of three', () => {
  const h = household({
    policy: '211382-2022',
    paid_on: '2022-02-15',
    members: [{ birth_date: '1980-05-01' }, { birth_date: '1982-07-01' }, { birth_date: '2010-09-01' }],
  });
  assert.equal(h.policy, '211382-2022');
  assert.equal(h.personal_due_total, '960.00');
  assert.equal(h.members.length, 3);
  for (const m of h.members) assert.equal(m.personal_due, '320.00');
  assert.ok(h.citations.length > 0);
});

test('household: a member insured elsewhere need not enrol', () => {
  const h = household({
    policy: '211382-2022',
    paid_on: '2022-02-15',
    members: [{ birth_date: '1980-05-01' }, { birth_date: '1982-07-01', enrolling: false, insured_elsewhere: true }],
  });
  assert.equal(h.members[1], null);
  assert.equal(h.personal_due_total, '320.00');
});

test('refund: duplicate payment in 长治', () => {
  const r = refund({
    policy: '140400-2024',
    person: adult,
    payment: { paid_on: '2023-10-10', amount: '380.00' },
    reason: 'duplicate',
    event_on: '2023-10-10',
  });
  assert.equal(r.refundable, true);
  assert.equal(r.amount, '380.00');
  assert.ok(r.citations.length > 0);
});

test('refund: whole yuan as an integer is accepted; a float is refused', () => {
  const req = {
    policy: '411024-2024',
    person: adult,
    payment: { paid_on: '2023-10-10', amount: 380 },
    reason: 'death',
    event_on: '2023-12-15',
  };
  const r = refund(req);
  assert.equal(r.refundable, true);
  assert.equal(r.amount, '380.00');
  expectCode('invalid_request', () => refund({ ...req, payment: { paid_on: '2023-10-10', amount: 380.5 } }));
});

test('window: 长治 on the 26th is no payment day', () => {
  const w = window({ policy: '140400-2024', date: '2023-10-26' });
  assert.equal(w.policy, '140400-2024');
  assert.equal(w.open, false);
  assert.equal(w.payment_day, false);
  assert.equal(w.window.id, 'window');
  assert.equal(w.next_payment_day, '2023-11-01');
  const open = window({ policy: '140400-2024', date: '2023-10-10' });
  assert.equal(open.open, true);
  assert.equal(open.payment_day, true);
  assert.equal(open.next_payment_day, '2023-10-10');
  const outside = window({ policy: '230128-2023', date: '2023-03-01' });
  assert.equal(outside.open, false);
  assert.equal(outside.window, null);
  assert.equal(outside.next_payment_day, null);
});

test('id: valid, legacy, invalid, and the string shorthand', () => {
  const ok = id({ id_number: '11010519491231002X' });
  assert.deepEqual(ok, {
    valid: true,
    reason: null,
    kind: 'resident',
    normalized: '11010519491231002X',
    birth_date: '1949-12-31',
    sex: 'female',
    region_code: '110105',
    masked: '110105********002X',
  });
  assert.deepEqual(id('11010519491231002X'), ok);
  const legacy = id('110105491231002');
  assert.equal(legacy.kind, 'resident_legacy15');
  assert.equal(legacy.normalized, '11010519491231002X');
  const bad = id('110105194912310021');
  assert.equal(bad.valid, false);
  assert.equal(bad.reason, 'checksum');
  assert.equal(bad.masked, '110105********0021');
  const future = id({ id_number: '11010519491231002X', today: '1949-12-30' });
  assert.equal(future.valid, false);
  assert.equal(future.reason, 'future_birth');
});

test('policies: every built-in by province and region, newest year first', () => {
  const list = policies();
  const ids = list.map((p) => p.id);
  assert.equal(list.length, builtinPolicyCount());
  for (const seed of ['140400-2024', '211382-2022', '230128-2023', '231000-2023', '411024-2024', '411024-2026']) {
    assert.ok(ids.includes(seed), seed);
  }
  assert.equal(ids.indexOf('411024-2024'), ids.indexOf('411024-2026') + 1);
  const keys = list.map((p) => `${p.region_code}:${9999 - p.benefit_year}`);
  assert.deepEqual(keys, [...keys].sort());
  const cz = list.find((p) => p.id === '140400-2024');
  assert.equal(cz.region_code, '140400');
  assert.equal(cz.region_name, '长治市');
  assert.equal(cz.province, '山西省');
  assert.equal(cz.benefit_year, 2024);
  assert.equal(typeof cz.title, 'string');
});

test('policy: the whole file, by id or request', () => {
  const p = policy('140400-2024');
  assert.deepEqual(policy({ policy: '140400-2024' }), p);
  assert.equal(p.id, '140400-2024');
  assert.equal(p.standard.personal, '380.00');
  assert.equal(p.tiers[0].payment_days.from, 1);
  assert.equal(p.tiers[0].payment_days.to, 25);
  assert.deepEqual(p.tiers[1].cover, { after: { months: 3 } });
  const dibao = p.aid.find((a) => a.categories.includes('minimum_living'));
  assert.deepEqual(dibao.grant, { fixed: '304.00' });
  assert.ok(p.contacts.some((c) => c.kind === 'hotline' && typeof c.phone === 'string'));
  const ly = policy('211382-2022');
  assert.equal(ly.household.whole, true);
  assert.equal(ly.aid[0].grant, 'full');
  assert.ok(ly.targets.length > 0);
});

test('categories and version', () => {
  const cats = categories();
  assert.equal(cats.length, 19);
  assert.deepEqual(cats.find((c) => c.id === 'minimum_living'), { id: 'minimum_living', name_en: 'minimum living allowance recipients', name_zh: '低保对象' });
  assert.match(version(), /^\d+\.\d+\.\d+/);
});

test('answers are the Rust JSON, parsed: JSON.stringify gives the raw answer back', () => {
  const requests = [
    ['quote', { policy: '140400-2024', paid_on: '2023-10-10', person: { ...adult, categories: ['minimum_living'] } }, quote],
    ['quote', { policy: '140400-2024', paid_on: '2024-02-10', person: adult }, quote],
    ['quote', { policy: '230128-2023', paid_on: '2022-10-20', person: { birth_date: '2022-10-01' } }, quote],
    ['household', { policy: '211382-2022', paid_on: '2022-02-15', members: [adult, { birth_date: '2010-09-01' }] }, household],
    ['refund', { policy: '140400-2024', person: adult, payment: { paid_on: '2023-10-10', amount: '380.00' }, reason: 'duplicate', event_on: '2023-10-10' }, refund],
    ['window', { policy: '140400-2024', date: '2023-10-26' }, window],
    ['id', { id_number: '11010519491231002X' }, id],
    ['policy', { policy: '231000-2023' }, policy],
    ['policy', { policy: '140400-2024' }, policy],
  ];
  for (const [op, req, fn] of requests) {
    const raw = handle(op, JSON.stringify(req));
    assert.equal(JSON.stringify(fn(req)), raw, op);
  }
  assert.equal(JSON.stringify(policies()), handle('policies', 'null'));
});

test('every error code, as a YibaoError with a code', () => {
  const q = (person, extra = {}) => () =>
    quote({ policy: '140400-2024', paid_on: '2023-10-10', person, ...extra });
  expectCode('invalid_json', () => handle('quote', '{"policy": '));
  expectCode('invalid_request', () => quote({ policy: '140400-2024', person: adult }));
  expectCode('invalid_request', q({ ...adult, favourite_colour: 'red' }));
  expectCode('invalid_request', () => quote(undefined));
  expectCode('unknown_policy', () => quote({ policy: '999999-2024', paid_on: '2023-10-10', person: adult }));
  expectCode('unknown_category', q({ ...adult, categories: ['dibao'] }));
  expectCode('invalid_date', q(adult, { paid_on: '2023-02-29' }));
  expectCode('invalid_date', () => window({ policy: '140400-2024', date: '2023/10/10' }));
  expectCode('no_window', q(adult, { paid_on: '2023-08-31' }));
  const npd = expectCode('not_payment_day', q(adult, { paid_on: '2023-10-26' }));
  assert.match(npd.message, /2023-11-01/);
  const bad = expectCode('invalid_id', q({ id_number: '110105194912310021' }));
  assert.ok(!bad.message.includes('110105194912310021'), 'the ID number is masked in messages');
  expectCode('birth_after_payment', q({ birth_date: '2023-10-11' }));
  expectCode('policy_syntax', () => Engine.empty().loadPolicy('id = ', 'broken.toml'));
  const text = builtinPolicyText('140400-2024').replace('to = "2023-12-25"', 'to = "2023-08-01"');
  expectCode('policy_invalid', () => Engine.empty().loadPolicy(text, '140400-2024.toml'));
  expectCode('household_incomplete', () =>
    household({ policy: '211382-2022', paid_on: '2022-02-15', members: [adult, { birth_date: '1982-07-01', enrolling: false }] }),
  );
  expectCode('unknown_operation', () => handle('quotes', '{}'));
});

test('an error names its file, line and column for a policy syntax error', () => {
  const e = expectCode('policy_syntax', () => Engine.empty().loadPolicy('id = "x"\nnope = 1\n', 'mine.toml'));
  assert.match(e.message, /^mine\.toml:\d+:\d+: /);
});

test('Engine: separate engines, empty and built-in, with loaded policies', () => {
  const empty = Engine.empty();
  assert.deepEqual(empty.policies(), []);
  expectCode('unknown_policy', () => empty.window({ policy: '140400-2024', date: '2023-10-10' }));
  assert.equal(empty.loadPolicy(builtinPolicyText('411024-2024'), '411024-2024.toml'), '411024-2024');
  assert.deepEqual(empty.policies().map((p) => p.id), ['411024-2024']);
  assert.equal(empty.quote({ policy: '411024-2024', paid_on: '2024-01-10', person: adult }).benefit_start, '2024-02-10');

  const mine = Engine.builtin();
  const raised = builtinPolicyText('411024-2024').replace('personal = "380.00"', 'personal = "400.00"');
  assert.equal(mine.loadPolicy(raised), '411024-2024');
  assert.equal(mine.quote({ policy: '411024-2024', paid_on: '2023-10-10', person: adult }).personal_due, '400.00');
  // Other engines are untouched.
  assert.equal(quote({ policy: '411024-2024', paid_on: '2023-10-10', person: adult }).personal_due, '380.00');
  assert.equal(new Engine().policies().length, builtinPolicyCount());
  mine.free();
  empty.free();
  assert.throws(() => mine.policies());
});

test('the notice\'s quoted clauses, kept between answers, follow a replaced policy', () => {
  // A quote's answer is written from the pieces its policy keeps (quoted clauses,
  // reminders), each decoded once and kept by the wrapper: a replaced policy's pieces are
  // new ones, never the old policy's.
  const request = { policy: '140400-2024', paid_on: '2023-10-10', person: { ...adult, categories: ['minimum_living'] } };
  const clause = '集中征缴期原则上为2023年9月1日至2023年12月25日';
  const reminder = '参保人员正常缴费前务必确认是否属于参保资助范围';
  const mine = Engine.builtin();
  const before = mine.handle('quote', JSON.stringify(request));
  assert.equal(mine.handle('quote', JSON.stringify(request)), before);
  assert.deepEqual(mine.quote(request), JSON.parse(before));
  const window = JSON.parse(before).citations.find((c) => c.rule === 'tiers.window');
  assert.equal(window.text, clause);
  assert.ok(JSON.parse(before).warnings.some((w) => w.message.includes(reminder)));

  const changed = builtinPolicyText('140400-2024').replace(clause, '改过的条文').replaceAll(reminder, '改过的提示');
  assert.equal(mine.loadPolicy(changed, '140400-2024.toml'), '140400-2024');
  const after = mine.quote(request);
  assert.equal(after.citations.find((c) => c.rule === 'tiers.window').text, '改过的条文');
  assert.ok(after.warnings.some((w) => w.message.includes('改过的提示')));
  assert.ok(!JSON.stringify(after).includes(reminder));
  // The figures are the policy's as before; another engine still has the notice's words.
  assert.equal(after.personal_due, '76.00');
  assert.equal(new Engine().quote(request).citations.find((c) => c.rule === 'tiers.window').text, clause);
  assert.equal(quote(request).citations.find((c) => c.rule === 'tiers.window').text, clause);
  mine.free();
});

test('loadPolicy refuses what is not text', () => {
  expectCode('invalid_request', () => Engine.empty().loadPolicy(42));
});

test('a request JSON cannot write is refused without echoing the caller\'s data', () => {
  // A getter that throws with an ID number in its message: the wrapper must not copy it.
  const person = { birth_date: '1980-05-01' };
  Object.defineProperty(person, 'categories', {
    enumerable: true,
    get() {
      throw new Error('11010519491231002X 110105 19491231 002X');
    },
  });
  const e = thrown(() => yibao.quote({ policy: '140400-2024', paid_on: '2023-10-10', person }));
  assert.equal(e.code, 'invalid_request');
  assert.doesNotMatch(e.message, /\d{6}/);
  const circular = { policy: '140400-2024', paid_on: '2023-10-10', person: {} };
  circular.person.self = circular;
  assert.equal(thrown(() => yibao.quote(circular)).code, 'invalid_request');
});

test('a request over 1 MiB is invalid_request, with a short message', () => {
  const e = thrown(() => yibao.quote({ policy: 'x'.repeat(1 << 20), paid_on: '2023-10-10', person: {} }));
  assert.equal(e.code, 'invalid_request');
  assert.ok(e.message.length < 300, e.message);
});
