// Issue #13's acceptance property through the npm package: no answer and no YibaoError
// message ever holds a full ID number in any written form, wherever a request puts it,
// objects and JSON texts alike, and whatever a caller's object throws while it is written
// as JSON. The same forms and oracle as tests/leaks/id_forms.rs (the Rust bindings' copy).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import init, * as yibao from '../pkg/node.mjs';

await init();

const PROVINCES = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43,
  44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82];
// Zero of each digit script: ASCII, full-width, Arabic-Indic, Devanagari, mathematical bold.
const ZEROS = [0x30, 0xff10, 0x660, 0x966, 0x1d7ce];
const SEPARATORS = [' ', '\u3000', '-', '－', '—', '_', '.', ' - '];
const MARKS = new Set(['-', '‐', '－', '—', '_', '.']);

// A small seeded generator (mulberry32): the same cases on every run.
function rng(seed) {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296 * n) | 0;
  };
}

function checkChar(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  return '10X98765432'[sum % 11];
}

function validId(r) {
  const pad = (n, w) => String(n).padStart(w, '0');
  const first17 = pad(PROVINCES[r(PROVINCES.length)], 2) + pad(r(10000), 4)
    + pad(1900 + r(120), 4) + pad(1 + r(12), 2) + pad(1 + r(28), 2) + pad(r(1000), 3);
  return first17 + checkChar(first17);
}

function digitIn(script, c) {
  if (c >= '0' && c <= '9') return String.fromCodePoint(ZEROS[script] + Number(c));
  return script === 1 ? 'Ｘ' : c;
}

// The number in one of the written forms; `ascii` tells whether it is still valid.
function render(id, r) {
  switch (r(5)) {
    case 0: return { w: id, ascii: true };
    case 1: return { w: id.toLowerCase(), ascii: true };
    case 2: return { w: [...id].map((c) => digitIn(1, c)).join(''), ascii: false };
    case 3: {
      const s = SEPARATORS[r(SEPARATORS.length)];
      return { w: id.slice(0, 6) + s + id.slice(6, 14) + s + id.slice(14), ascii: false };
    }
    default: {
      const s = SEPARATORS[r(SEPARATORS.length)];
      const cuts = new Set([r(18), r(18), r(18)].filter((c) => c > 0));
      let out = '';
      [...id].forEach((c, i) => {
        if (cuts.has(i)) out += s;
        out += digitIn(r(ZEROS.length), c);
      });
      return { w: out, ascii: false };
    }
  }
}

function fold(s) {
  let out = '';
  for (const c of s.replaceAll('\\u3000', '')) {
    if (/\s/u.test(c) || MARKS.has(c)) continue;
    const u = c.codePointAt(0);
    const z = ZEROS.find((z0) => u >= z0 && u < z0 + 10);
    if (z !== undefined) out += String(u - z);
    else out += ['x', 'Ｘ', 'ｘ'].includes(c) ? 'X' : c;
  }
  return out;
}

function assertNoId(text, id, what) {
  const folded = fold(String(text));
  assert.ok(!folded.includes(id), `${what}: the ID number ${id} came back in full: ${text}`);
  if (id.slice(6, 8) === '19') {
    const legacy = id.slice(0, 6) + id.slice(8, 17);
    assert.ok(!folded.includes(legacy), `${what}: the 15-digit form came back: ${text}`);
  }
}

// Runs `fn` and gives what a caller could read of it: the answer, or the thrown
// error's message (and code).
function outcome(fn) {
  try {
    return JSON.stringify(fn());
  } catch (e) {
    assert.ok(e instanceof yibao.YibaoError, `not a YibaoError: ${e}`);
    return `${e.code} ${e.message}`;
  }
}

const P = '140400-2024';
const D = '2023-10-10';
const adult = { birth_date: '1980-01-01' };

// Object requests holding `w` wherever a caller might put it.
function objectRequests(w) {
  return [
    ['quote', { policy: P, paid_on: D, person: { id_number: w } }],
    ['quote', { policy: w, paid_on: D, person: adult }],
    ['quote', { policy: P, paid_on: D, person: { ...adult, categories: [w] } }],
    ['quote', { policy: P, paid_on: w, person: adult }],
    ['quote', { policy: P, paid_on: D, person: { birth_date: w } }],
    ['quote', { policy: P, paid_on: D, grade: w, person: adult }],
    ['quote', { policy: P, paid_on: D, lang: w, person: adult }],
    ['quote', { policy: P, paid_on: D, [w]: 1, person: adult }],
    ['quote', { policy: P, paid_on: D, person: w }],
    ['quote', w],
    ['household', { policy: P, paid_on: D, members: [adult, { id_number: w }] }],
    ['refund', { policy: P, person: { id_number: w }, payment: { paid_on: D, amount: w }, reason: w, event_on: D }],
    ['window', { policy: w, date: D }],
    ['window', { policy: P, date: w }],
    ['policy', { policy: w }],
  ];
}

// Objects JSON.stringify cannot write, each throwing with the number in its message.
function unwritable(w) {
  const cyclic = { policy: P, note: w };
  cyclic.self = cyclic;
  return [
    { policy: P, get person() { throw new Error(`no person ${w}`); } },
    { policy: P, person: { toJSON() { throw new TypeError(w); } } },
    { policy: P, id_number: w, big: 10n ** 20n },
    cyclic,
  ];
}

test('no answer and no error message of the npm package holds an ID number', () => {
  const r = rng(13);
  for (let k = 0; k < 150; k++) {
    const id = validId(r);
    const { w, ascii } = render(id, r);
    for (const lang of ['zh', 'en']) {
      for (const [op, request] of objectRequests(w)) {
        assertNoId(outcome(() => yibao[op](request, { lang })), id, `${op} ${JSON.stringify(request)}`);
        const text = typeof request === 'string' ? request : JSON.stringify(request);
        assertNoId(outcome(() => yibao.handle(op, text, { lang })), id, `handle ${op} ${text}`);
      }
      for (const request of unwritable(w)) {
        assertNoId(outcome(() => yibao.quote(request, { lang })), id, 'an object JSON cannot write');
      }
      assertNoId(outcome(() => yibao.quote({ policy: P, paid_on: D, person: adult }, { lang: w })), id, 'lang option');
      assertNoId(outcome(() => yibao.handle(w, '{}', { lang })), id, 'operation name');
      assertNoId(outcome(() => yibao.handle('quote', `{"person":${w}`, { lang })), id, 'malformed JSON');
      assertNoId(outcome(() => yibao.loadPolicy(`id = "${w}"\n${w} = 1\n`, `${w}.toml`, { lang })), id, 'loadPolicy');
      if (!ascii) {
        assertNoId(outcome(() => yibao.id({ id_number: w }, { lang })), id, 'id');
      }
    }
  }
});

test('the oracle finds a number written apart', () => {
  assert.throws(() => assertNoId('号码 １１０１０５ 19491231-002ｘ', '11010519491231002X', 'oracle'));
  assert.throws(() => assertNoId('110105 491231 002', '11010519491231002X', 'oracle'));
});
