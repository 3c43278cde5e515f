// Languages (issue #12): the `{ lang }` option of every operation, Chinese by default, with
// the figures of the notices; every vector answered in Chinese and in English byte for byte
// as the core answers it (target/tmp/conformance-lang/, written by
// bindings-wasm/tests/languages.rs); and the JavaScript port of the core's language rules
// (tests/lang.mjs) against the Rust ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinPolicyText, caseFiles, targetDir, thrown, vectorDir } from './helpers.mjs';
import { chineseSentence, englishPhrase } from './lang.mjs';
import * as yibao from '../pkg/node.mjs';

const { Engine, YibaoError, quote, household, refund, window, id, policies, policy, handle, loadPolicy } = yibao;

const adult = { birth_date: '1980-05-01' };
const latePayer = { policy: '140400-2024', paid_on: '2024-01-10', person: adult };

// Every string of an answer, with its path; the `en` half of a policy text is skipped in
// a Chinese answer.
function strings(v, path = '$', out = []) {
  if (typeof v === 'string') out.push([path, v]);
  else if (Array.isArray(v)) v.forEach((x, i) => strings(x, `${path}[${i}]`, out));
  else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) if (k !== 'en') strings(x, `${path}.${k}`, out);
  }
  return out;
}

function noEnglish(answer) {
  const hits = strings(answer).filter(([, s]) => englishPhrase(s) !== null);
  assert.deepEqual(hits, [], 'English in a Chinese answer');
}

const warning = (answer, code) => answer.warnings.find((w) => w.code === code)?.message;

test('Chinese by default, English with { lang: "en" }: 长治 late payer 380 + 640 = 1020', () => {
  const zh = quote(latePayer);
  const en = quote(latePayer, { lang: 'en' });
  assert.deepEqual(quote(latePayer, { lang: 'zh' }), zh);
  for (const k of ['total', 'personal_standard', 'fiscal_subsidy', 'fiscal_share_paid_by_person', 'personal_due', 'benefit_start', 'benefit_end', 'basis']) {
    assert.deepEqual(zh[k], en[k], k);
  }
  assert.equal(zh.personal_due, '1020.00');
  assert.equal(zh.fiscal_share_paid_by_person, '640.00');
  assert.equal(zh.benefit_start, '2024-04-11');
  assert.equal(warning(zh, 'pays_fiscal_share'), '在集中征缴期外缴费：财政补助部分（640.00元）也由个人缴纳');
  assert.equal(warning(en, 'pays_fiscal_share'), 'paid outside the collection window: the person pays the fiscal share (640.00) as well');
  assert.equal(zh.window.name, '集中征缴期后补缴');
  assert.equal(en.window.name, 'late payment after the collection window');
  assert.deepEqual(zh.warnings.map((w) => w.code), en.warnings.map((w) => w.code));
  assert.deepEqual(zh.assumptions.map((a) => a.rule), en.assumptions.map((a) => a.rule));
  assert.notDeepEqual(zh.assumptions.map((a) => a.text), en.assumptions.map((a) => a.text));
  noEnglish(zh);
  for (const w of en.warnings) assert.equal(chineseSentence(w.message), null, w.message);
  // The option does not change the caller's request.
  assert.equal(Object.hasOwn(latePayer, 'lang'), false);
});

test('长治 低保 in the window: 76.00, with the notice\'s names in each language', () => {
  const req = { policy: '140400-2024', paid_on: '2023-10-10', person: { ...adult, categories: ['minimum_living'] } };
  const zh = quote(req);
  const en = quote(req, { lang: 'en' });
  assert.equal(zh.personal_due, '76.00');
  assert.equal(en.personal_due, '76.00');
  assert.deepEqual(zh.aid, [{ category: 'minimum_living', category_name: '低保人员', source: 'medical_assistance', source_name: '医疗救助', amount: '304.00' }]);
  assert.equal(en.aid[0].source_name, 'medical assistance');
  assert.equal(en.aid[0].amount, '304.00');
  noEnglish(zh);
});

test('a newborn is named by the notice\'s words, not by the rule\'s id', () => {
  const req = { policy: '140400-2024', paid_on: '2024-02-10', person: { birth_date: '2023-05-01' } };
  const zh = quote(req);
  const en = quote(req, { lang: 'en' });
  assert.equal(zh.newborn, 'born_2023_grace');
  assert.equal(zh.newborn_name, '2023年出生、错过集中缴费期的新生儿（2024年3月底前参保缴费）');
  assert.equal(en.newborn_name, 'newborns born in 2023 who missed the collection window (registered and paid by the end of March 2024)');
  assert.equal(zh.personal_due, '380.00');
  assert.equal(zh.benefit_start, '2024-01-01');
  assert.equal(quote({ ...req, person: adult, paid_on: '2023-10-10' }).newborn_name, null);
  noEnglish(zh);
});

test('a request\'s own lang wins over the option', () => {
  assert.deepEqual(quote({ ...latePayer, lang: 'zh' }, { lang: 'en' }), quote(latePayer));
  assert.deepEqual(quote({ ...latePayer, lang: 'en' }), quote(latePayer, { lang: 'en' }));
  const e = thrown(() => quote({ ...latePayer, paid_on: '2023-10-26', lang: 'zh' }, { lang: 'en' }));
  assert.match(e.message, /不是/);
});

test('errors carry the code and the message in the language asked', () => {
  const npd = { policy: '140400-2024', paid_on: '2023-10-26', person: adult };
  const zh = thrown(() => quote(npd));
  const en = thrown(() => quote(npd, { lang: 'en' }));
  for (const e of [zh, en]) {
    assert.ok(e instanceof YibaoError);
    assert.equal(e.code, 'not_payment_day');
  }
  assert.equal(zh.message, '2023-10-26不是“集中征缴期”的缴费日（每月1–25日可缴费）；下一个缴费日为2023-11-01');
  assert.equal(en.message, '2023-10-26 is not a payment day of “collection window” (payments on days 1–25 of each month); next payment day 2023-11-01');

  // Every operation, module-level and on an engine.
  const engine = Engine.builtin();
  const cases = [
    ['quote', () => ({ policy: '999999-2024', paid_on: '2023-10-10', person: adult })],
    ['household', () => ({ policy: '999999-2024', paid_on: '2023-10-10', members: [adult] })],
    ['refund', () => ({ policy: '999999-2024', person: adult, payment: { paid_on: '2023-10-10', amount: '380.00' }, reason: 'duplicate', event_on: '2023-10-10' })],
    ['window', () => ({ policy: '999999-2024', date: '2023-10-10' })],
    ['policy', () => '999999-2024'],
  ];
  for (const [op, req] of cases) {
    for (const fn of [yibao[op], (r, o) => engine[op](r, o)]) {
      const z = thrown(() => fn(req()));
      const e = thrown(() => fn(req(), { lang: 'en' }));
      assert.equal(z.code, 'unknown_policy', op);
      assert.equal(e.code, 'unknown_policy', op);
      assert.match(z.message, /没有编号为/, op);
      assert.match(e.message, /^unknown policy/, op);
    }
  }
  assert.match(thrown(() => id({ id_number: '1', today: '2023-02-30' }, { lang: 'en' })).message, /invalid date/);
  assert.match(thrown(() => id({ id_number: '1', today: '2023-02-30' })).message, /日期无效/);

  // Text that is not JSON: told in the option's language all the same.
  assert.match(thrown(() => handle('quote', '{"policy": ', { lang: 'en' })).message, /not valid JSON/);
  assert.match(thrown(() => handle('quote', '{"policy": ')).message, /不是有效的 JSON/);
  assert.equal(thrown(() => handle('quotes', '{}', { lang: 'en' })).code, 'unknown_operation');
  assert.match(thrown(() => handle('quotes', '{}', { lang: 'en' })).message, /^unknown operation/);
  // An unknown language is the engine's clear error.
  const fr = thrown(() => quote(latePayer, { lang: 'fr' }));
  assert.equal(fr.code, 'invalid_request');
  assert.match(fr.message, /lang/);

  // Policy files.
  const broken = builtinPolicyText('140400-2024').replace('to = "2023-12-25"', 'to = "2023-08-01"');
  const pz = thrown(() => Engine.empty().loadPolicy(broken, '140400-2024.toml'));
  const pe = thrown(() => Engine.empty().loadPolicy(broken, '140400-2024.toml', { lang: 'en' }));
  assert.equal(pz.code, 'policy_invalid');
  assert.equal(pe.code, 'policy_invalid');
  assert.notEqual(pz.message, pe.message);
  assert.equal(englishPhrase(pz.message), null, pz.message);
  const syntax = thrown(() => Engine.empty().loadPolicy('id = "x"\nnope = 1\n', { lang: 'en' }));
  assert.equal(syntax.code, 'policy_syntax');
  assert.match(syntax.message, /^policy\.toml:\d+:\d+: /);
  assert.equal(thrown(() => loadPolicy('id = ', 'x.toml', { lang: 'en' })).code, 'policy_syntax');

  // The wrapper's own errors.
  assert.match(thrown(() => Engine.empty().loadPolicy(42, { lang: 'en' })).message, /loadPolicy takes/);
  assert.match(thrown(() => Engine.empty().loadPolicy(42)).message, /政策文件的文本/);
  const circular = { ...latePayer, person: {} };
  circular.person.self = circular;
  const cz = thrown(() => quote(circular));
  const ce = thrown(() => quote(circular, { lang: 'en' }));
  assert.equal(cz.code, 'invalid_request');
  assert.equal(englishPhrase(cz.message), null, cz.message);
  assert.match(ce.message, /cannot be written as JSON/);
  assert.match(thrown(() => quote(undefined)).message, /须为对象/);
});

test('household, refund, window, policies and id take the option too', () => {
  const members = [adult, { birth_date: '1982-07-01', enrolling: false }];
  const hz = household({ policy: '211382-2022', paid_on: '2022-02-15', members: [{ enrolling: false, insured_elsewhere: true }] });
  const he = household({ policy: '211382-2022', paid_on: '2022-02-15', members: [{ enrolling: false, insured_elsewhere: true }] }, { lang: 'en' });
  assert.equal(warning(hz, 'nobody_enrolling'), '本户没有成员在此次参保');
  assert.equal(warning(he, 'nobody_enrolling'), 'no member of the household enrols now');
  const hi = thrown(() => household({ policy: '211382-2022', paid_on: '2022-02-15', members }, { lang: 'en' }));
  assert.equal(hi.code, 'household_incomplete');
  assert.match(hi.message, /whole household/);

  const capped = { policy: '140400-2024', person: adult, payment: { paid_on: '2023-10-10', amount: '500.00' }, reason: 'duplicate', event_on: '2023-10-10' };
  const rz = refund(capped);
  const re = refund(capped, { lang: 'en' });
  assert.equal(rz.amount, '380.00');
  assert.equal(re.amount, '380.00');
  assert.equal(warning(rz, 'refund_capped'), '所缴500.00元多于2023-10-10应缴的380.00元：本规则退还应缴部分，其余请咨询医保经办机构');
  assert.match(warning(re, 'refund_capped'), /^the payment of 500\.00 is more than the contribution due on 2023-10-10 \(380\.00\)/);

  const wz = window({ policy: '140400-2024', date: '2024-01-10' });
  const we = window({ policy: '140400-2024', date: '2024-01-10' }, { lang: 'en' });
  assert.equal(wz.window.name, '集中征缴期后补缴');
  assert.equal(we.window.name, 'late payment after the collection window');
  assert.equal(wz.next_payment_day, we.next_payment_day);

  assert.deepEqual(policies({ lang: 'en' }), policies());
  assert.deepEqual(id('11010519491231002X', { lang: 'en' }), id('11010519491231002X'));
});

test('the policy answer holds each text in both languages', () => {
  const p = policy('140400-2024');
  assert.deepEqual(policy('140400-2024', { lang: 'en' }), p);
  assert.deepEqual(p.tiers[0].name, { zh: '集中征缴期', en: 'collection window' });
  assert.deepEqual(p.source_names.medical_assistance, { zh: '医疗救助', en: 'medical assistance' });
  for (const n of p.newborns) {
    assert.equal(typeof n.name.zh, 'string');
    assert.ok(n.name.en === null || typeof n.name.en === 'string');
  }
  const late = p.tiers.find((t) => t.id === 'late');
  assert.equal(typeof late.assume.zh, 'string');
  assert.equal(englishPhrase(late.assume.zh), null);
  for (const note of p.notes ?? []) assert.equal(typeof note.text.zh, 'string');
  for (const c of p.contacts ?? []) if (c.note !== undefined) assert.equal(typeof c.note.zh, 'string');
});

test('handle with the option puts "lang" first into the request text and changes nothing else', () => {
  const text = JSON.stringify(latePayer);
  assert.equal(handle('quote', text, { lang: 'en' }), handle('quote', `{"lang":"en",${text.slice(1)}`));
  assert.equal(handle('quote', ` \n${text}`, { lang: 'en' }), handle('quote', text, { lang: 'en' }));
  assert.equal(handle('policies', '{}', { lang: 'en' }), handle('policies', '{"lang":"en"}'));
  assert.equal(handle('policies', 'null', { lang: 'en' }), handle('policies', 'null'));
  // Without the option, the text is sent as it is.
  assert.equal(handle('quote', text), JSON.stringify(quote(latePayer)));
});

// ------------------------------------------------------------------ against the core

const langDir = join(targetDir(), 'tmp', 'conformance-lang');
const canonicalDir = join(targetDir(), 'tmp', 'conformance');
const rulesFile = join(targetDir(), 'tmp', 'lang-rules.json');
const haveLang = existsSync(langDir) && readdirSync(langDir).length > 0;

// The request text as the Rust runner sends it: serde_json's Value::to_string, maps sorted.
function rustText(value) {
  if (Array.isArray(value)) return `[${value.map(rustText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    return `{${keys.map((k) => `${JSON.stringify(k)}:${rustText(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function answer(fn) {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof YibaoError)) throw e;
    return JSON.stringify({ error: { code: e.code, message: e.message } });
  }
}

const TYPED = new Set(['quote', 'household', 'refund', 'window', 'id', 'policies', 'policy']);

// The typed function of an operation, on an engine.
function typed(engine, op, request, options) {
  if (op === 'policies') return JSON.stringify(engine.policies(options));
  return JSON.stringify(engine[op](request, options));
}

test('every vector in Chinese and in English, byte for byte the core\'s answer', { skip: !haveLang && 'no answers of the core yet: run cargo test -p yibao-wasm --test languages first' }, async (t) => {
  const engine = Engine.builtin();
  const fixtures = join(vectorDir, 'policies');
  for (const f of readdirSync(fixtures).filter((f) => f.endsWith('.toml')).sort()) {
    engine.loadPolicy(readFileSync(join(fixtures, f), 'utf8'), f);
  }
  let compared = 0;
  let defaults = 0;
  for (const { file, cases } of caseFiles()) {
    for (const c of cases) {
      // A case that names its language is asked in it only (one it has not: in both).
      const own = c.request && typeof c.request === 'object' ? c.request.lang : undefined;
      const ownLang = own === 'zh' || own === 'en' ? own : undefined;
      for (const lang of ['zh', 'en']) {
        if (ownLang !== undefined && ownLang !== lang) continue;
        const expectedFile = join(langDir, `${c.name}.${lang}.json`);
        await t.test(`${file}: ${c.name} [${lang}]`, () => {
          assert.ok(existsSync(expectedFile), `${expectedFile} is missing: run cargo test -p yibao-wasm --test languages`);
          const expected = readFileSync(expectedFile, 'utf8');
          if (c.raw_request !== undefined) {
            assert.equal(answer(() => engine.handle(c.op, c.raw_request, { lang })), expected);
          } else {
            const request = c.request === null ? {} : c.request;
            // `lang` in the request text, the option on the raw contract, the typed call.
            assert.equal(answer(() => engine.handle(c.op, rustText(own === undefined ? { ...request, lang } : request))), expected);
            assert.equal(answer(() => engine.handle(c.op, rustText(c.request), { lang })), expected);
            if (!TYPED.has(c.op)) return;
            const got = answer(() => typed(engine, c.op, c.request, { lang }));
            if (expected.startsWith('{"error"')) {
              // The typed call writes the request itself (JSON.stringify): an error's words
              // may quote its text differently; the code and language are the same.
              const e = JSON.parse(expected).error;
              const g = JSON.parse(got).error;
              assert.equal(g?.code, e.code);
              if (lang === 'zh') assert.equal(englishPhrase(g.message), null, g.message);
            } else {
              assert.equal(got, expected);
            }
            // Chinese is the default, byte for byte.
            const canonical = join(canonicalDir, `${c.name}.json`);
            if (lang === 'zh' && own === undefined && existsSync(canonical)) {
              assert.equal(readFileSync(canonical, 'utf8'), expected);
              defaults++;
            }
          }
          compared++;
        });
      }
    }
  }
  assert.ok(compared > 200, `only ${compared} answers`);
  t.diagnostic(`${compared} answers compared with the core's; ${defaults} Chinese ones are the default answer`);
});

test('the JavaScript language rules are the core\'s', async (t) => {
  // The examples of core/src/lang.rs.
  assert.equal(englishPhrase('按民法典第二百零一条计算'), null);
  assert.equal(englishPhrase('类别 minimum_living 无资助'), null);
  assert.equal(englishPhrase('YYYY-MM-DD 格式'), null);
  assert.equal(englishPhrase('缴费 paid outside the window'), 'paid outside the window');
  assert.equal(englishPhrase('no cover'), null);
  assert.equal(englishPhrase('（民法典 第二百零一条）the day after payment'), 'the day after payment');
  assert.equal(englishPhrase('a, b, c'), null);
  assert.equal(englishPhrase('one, two, three'), 'one, two, three');
  assert.equal(englishPhrase('tiers.late payment_days 1-25'), null);
  assert.equal(chineseSentence('the wait of 3个月 ends'), null);
  assert.equal(chineseSentence('ask the 医保经办机构'), null);
  assert.equal(chineseSentence('“自出生之日起享受当年医保待遇” is read so'), null);
  assert.notEqual(chineseSentence('缴费期外缴费的须同时缴纳财政补助部分'), null);
  if (!existsSync(rulesFile)) {
    t.diagnostic(`${rulesFile} is missing: run cargo test -p yibao-wasm --test languages`);
    return;
  }
  const rules = JSON.parse(readFileSync(rulesFile, 'utf8'));
  assert.ok(rules.length > 500, `only ${rules.length} texts`);
  const differ = rules.filter(([s, e, c]) => englishPhrase(s) !== e || chineseSentence(s) !== c);
  assert.deepEqual(differ.slice(0, 5), []);
  assert.ok(rules.some(([, e]) => e !== null), 'no text with an English phrase to compare');
  t.diagnostic(`${rules.length} texts judged alike by the Rust and JavaScript rules`);
});
