// The calculator page in headless Chromium: seed cases from the notices, the ID check,
// household mode, no English on the Chinese page (issue #12), the English switch, and
// proof that no request leaves 127.0.0.1.
// Needs the built package (scripts/build-wasm.sh) and /usr/bin/chromium.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './browser.mjs';
import { startServer } from '../serve.mjs';
// The core's rule for an English phrase (yibao::lang::english_phrase), ported and checked
// against the Rust one by the npm package's tests.
import { englishPhrase } from '../../../bindings-wasm/tests/lang.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const artifacts = join(here, 'artifacts');
const pkgBuilt = existsSync(join(here, '..', '..', '..', 'bindings-wasm', 'pkg', 'web.js'));

let server;
let url;
let browser;
let context;
let page;
const requests = [];
const pageErrors = [];

before(async () => {
  assert.ok(pkgBuilt, 'bindings-wasm/pkg is not built: run scripts/build-wasm.sh');
  ({ server, url } = await startServer(0));
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  context.on('request', (r) => requests.push(r.url()));
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready=true]', { timeout: 20000 });
});

after(async () => {
  await browser?.close();
  await new Promise((ok) => (server ? server.close(ok) : ok()));
});

const member = (n) => page.locator('.member').nth(n);

async function setPerson(n, { idNumber = '', birth = '', category = '', elsewhere = false, enrolling = true } = {}) {
  const m = member(n);
  await m.locator('.m-id').fill(idNumber);
  if (birth) await m.locator('.m-birth').fill(birth);
  await m.locator('.m-category').selectOption(category);
  await m.locator('.m-elsewhere').setChecked(elsewhere);
  if (await m.locator('.m-enrolling').isVisible()) await m.locator('.m-enrolling').setChecked(enrolling);
}

async function personMode(policy, paidOn, person) {
  await page.locator('#mode-person').check();
  await page.locator('#policy').selectOption(policy);
  await setPerson(0, person);
  await page.locator('#paid-on').fill(paidOn);
  await page.locator('#calculate').click();
  await page.locator('#result:not([hidden])').waitFor();
}

const text = (sel) => page.locator(sel).first().innerText();

// Every text the page shows, with every <details> opened: the body's innerText, each
// option of each list, the SVG timeline's labels, the title and the tooltips.
async function shownTexts() {
  return page.evaluate(() => {
    for (const d of document.querySelectorAll('details')) d.open = true;
    const texts = document.body.innerText.split('\n');
    for (const o of document.querySelectorAll('option')) texts.push(o.textContent);
    for (const t of document.querySelectorAll('svg text, svg title')) texts.push(t.textContent);
    for (const e of document.querySelectorAll('[title], [aria-label], [placeholder]')) {
      for (const a of ['title', 'aria-label', 'placeholder']) if (e.hasAttribute(a)) texts.push(e.getAttribute(a));
    }
    texts.push(document.title);
    return texts.map((t) => t.trim()).filter((t) => t !== '');
  });
}

// Fails on any English phrase (three or more Latin words in a row; ids and codes aside),
// and on an internal id (`born_2023_grace`, `members[1]`) where the answer has a name. A
// policy file's assumptions are its analyst's words, quoted as they are: not scanned for ids.
async function assertNoEnglish(what) {
  const hits = (await shownTexts()).map((t) => [englishPhrase(t), t]).filter(([hit]) => hit !== null);
  assert.deepEqual(hits, [], `${what}: English on the Chinese page`);
  const shown = await page.evaluate(() => {
    const result = document.querySelector('#result').cloneNode(true);
    result.querySelector('#assumptions')?.remove();
    return result.textContent;
  });
  assert.deepEqual(shown.match(/\b[a-z][a-z0-9]*_[a-z0-9_]+\b|\bmembers\[/g) ?? [], [], `${what}: an id on the Chinese page`);
}

test('the page loads its engine with no error and defaults the payment date to today', async () => {
  assert.deepEqual(pageErrors, []);
  const value = await page.locator('#paid-on').inputValue();
  assert.match(value, /^\d{4}-\d{2}-\d{2}$/);
  const options = await page.locator('#policy option').allInnerTexts();
  const lib = await import('../../../bindings-wasm/pkg/node.mjs');
  const all = lib.policies();
  assert.equal(options.length, all.length);
  assert.ok(options.some((o) => o.includes('长治市') && o.includes('2024')));
  // Grouped by province, in the library's order.
  const groups = await page.locator('#policy optgroup').evaluateAll((gs) => gs.map((g) => g.label));
  assert.ok(groups.includes('山西省') && groups.includes('江苏省'), groups.join(' '));
  // The default: a policy whose collection window is open today, else one taking
  // payments today (the rule, asked of the library in Node).
  const date = value;
  const status = all.map((p) => ({ id: p.id, w: lib.window({ policy: p.id, date }) }));
  const expected = (status.find((x) => x.w.collection_window) ?? status.find((x) => x.w.payment_day) ?? status[0]).id;
  assert.equal(await page.locator('#policy').inputValue(), expected);
});

test('长治 低保 paid 2023-10-10: 76.00, cover 2024-01-01 to 2024-12-31', async () => {
  await personMode('140400-2024', '2023-10-10', { birth: '1980-05-01', category: 'minimum_living' });
  assert.equal(await text('#due'), '76.00 元');
  const cover = await text('#cover');
  assert.match(cover, /2024-01-01 至 2024-12-31/);
  // 长治: a payment shows after 5 working days (Tuesday 10-10 → Tuesday 10-17).
  assert.match(cover, /缴费记录可查询日期：2023-10-18 起/);
  // The notice's own name (长治's table says 低保人员, not the shared 低保对象).
  // 长治 names the funder 医疗救助 (source_names), not the shared 医疗救助资金.
  assert.match(await text('.breakdown'), /低保人员：由医疗救助资助\s+304\.00/);
  assert.match(await text('.breakdown'), /640\.00/);
  assert.match(await text('#payday'), /2023-10-10 可以缴费/);
  const where = await text('#where');
  for (const group of ['缴费渠道', '代征银行', '咨询电话']) assert.ok(where.includes(group), group);
  assert.match(await text('#citations'), /二、缴费标准/);
  assert.equal(await page.locator('#timeline .tl-cover').count(), 1);
  assert.equal(await page.locator('#timeline .tl-wait').count(), 0);
});

test('the category list is the policy\'s, in Chinese, with 普通居民', async () => {
  const names = await member(0).locator('.m-category option').allInnerTexts();
  assert.equal(names[0], '普通居民');
  assert.ok(names.includes('低保人员'));
  assert.ok(names.includes('1、2级重度残疾人'));
  // A resident who knows only 防贫监测对象 can choose it: 长治 aids its three subtypes alike.
  assert.ok(names.includes('纳入监测范围的易返贫致贫人口（防贫监测对象）'));
  assert.ok(!names.includes('在校学生'));
});

test('长治 on the 26th is no payment day; the next one is shown', async () => {
  await personMode('140400-2024', '2023-10-26', { birth: '1980-05-01' });
  const payday = await text('#payday');
  assert.match(payday, /不是缴费日/);
  assert.match(payday, /2023-11-01/);
  assert.equal(await page.locator('#error').getAttribute('data-code'), 'not_payment_day');
});

test('鄢陵 ordinary resident paid 2024-01-10: 380.00, cover from 2024-02-10 after a 30-day wait', async () => {
  await personMode('411024-2024', '2024-01-10', { birth: '1980-05-01' });
  mkdirSync(artifacts, { recursive: true });
  await page.locator('#result').screenshot({ path: join(artifacts, 'calculator.png') });
  await page.screenshot({ path: join(artifacts, 'calculator-page.png'), fullPage: true });
  assert.equal(await text('#due'), '380.00 元');
  const cover = await text('#cover');
  assert.match(cover, /2024-02-10 至 2024-12-31（共 326 天）/);
  assert.match(cover, /等待期：2024-01-11 至 2024-02-09（30 天）/);
  assert.equal(await page.locator('#timeline .tl-wait').count(), 1);
  assert.match(await page.locator('#timeline').textContent(), /等待期 30天/);
});

test('鄢陵 2026 paid late on 2026-02-10: 400.00, the fixed 3-month wait of 国办发〔2024〕38号', async () => {
  await personMode('411024-2026', '2026-02-10', { birth: '1980-05-01' });
  assert.equal(await text('#due'), '400.00 元');
  const cover = await text('#cover');
  // 2026-02-10 + 3 months = 2026-05-10 (民法典 第二百零二条): cover from 2026-05-11.
  assert.match(cover, /2026-05-11 至 2026-12-31/);
  // No history asked: the fixed wait, without a 断保 line (issue #14; the history cases
  // are in residents.test.mjs).
  assert.match(cover, /等待期 3 个月（国办发〔2024〕38号）/);
  assert.doesNotMatch(cover, /断保 \d+ 年/);
});

test('牡丹江 低保 paid 2022-10-01: 152.00', async () => {
  await personMode('231000-2023', '2022-10-01', { birth: '1980-05-01', category: 'minimum_living' });
  assert.equal(await text('#due'), '152.00 元');
  assert.match(await text('#cover'), /2023-01-01 至 2023-12-31/);
});

test('长治 late payer 2024-02-10: 380 + the 640 fiscal share paid by the person = 1020; the assumed figures are named', async () => {
  await personMode('140400-2024', '2024-02-10', { birth: '1980-05-01' });
  const breakdown = await text('.breakdown');
  assert.match(breakdown, /个人缴费标准\s+380\.00/);
  assert.match(breakdown, /财政补助部分（由您缴纳）\s+640\.00/);
  assert.match(breakdown, /个人应缴\s+1,?020\.00/);
  // 温馨提示(四) states the 1020 and the 3 months; the late period's dates and the counting
  // are the file's assumptions, and the page says so.
  assert.match(await text('.basis-assumed'), /待遇开始日期/);
});

test('凌源 paid late 2022-05-10: cover after a wait of unstated length, not "no cover"', async () => {
  await personMode('211382-2022', '2022-05-10', { birth: '1980-05-01' });
  const cover = await text('#cover');
  assert.match(cover, /等待期满后享受待遇至2022年12月31日/);
  assert.match(cover, /请咨询当地医保经办机构/);
  assert.doesNotMatch(cover, /不能享受/);
});

test('an ID number is checked while typing and shown masked', async () => {
  await page.locator('#mode-person').check();
  const m = member(0);
  await m.locator('.m-id').fill('110105194912310021');
  const bad = await m.locator('.id-check').innerText();
  assert.match(bad, /校验码不对/);
  assert.match(bad, /110105\*{8}0021/);
  assert.ok(!bad.includes('110105194912310021'));
  await m.locator('.m-id').fill('11010519491231002X');
  const good = await m.locator('.id-check').innerText();
  assert.match(good, /有效/);
  assert.match(good, /1949-12-31/);
  assert.match(good, /女/);
  assert.match(good, /110105\*{8}002X/);
  await personMode('140400-2024', '2023-10-10', { idNumber: '11010519491231002X' });
  assert.equal(await text('#due'), '380.00 元');
  await m.locator('.m-id').fill('');
});

test('凌源 household of three: 960.00; a member left out is the household_incomplete message', async () => {
  await page.locator('#policy').selectOption('211382-2022');
  await page.locator('#mode-household').check();
  while ((await page.locator('.member').count()) < 3) await page.locator('#add-member').click();
  await setPerson(0, { birth: '1980-05-01' });
  await setPerson(1, { birth: '1982-07-01' });
  await setPerson(2, { birth: '2010-09-01' });
  await page.locator('#paid-on').fill('2022-02-15');
  await page.locator('#calculate').click();
  assert.equal(await text('#household-total'), '960.00 元');
  assert.equal(await page.locator('#household-table tr').count(), 4);
  assert.match(await text('#household-table'), /320\.00/);

  await setPerson(1, { birth: '1982-07-01', enrolling: false });
  await page.locator('#calculate').click();
  const error = await text('#error');
  assert.match(error, /整户参保/);
  assert.match(error, /第 ?2 ?位成员/);
  assert.equal(await page.locator('#error').getAttribute('data-code'), 'household_incomplete');
  // The engine's message names the member as the form numbers them, not `members[1]`.
  assert.doesNotMatch(error, /members\[/);

  // Insured elsewhere: excused.
  await setPerson(1, { birth: '1982-07-01', enrolling: false, elsewhere: true });
  await page.locator('#calculate').click();
  assert.equal(await text('#household-total'), '640.00 元');
  assert.match(await text('#household-table'), /本次不参保/);
  await page.locator('#mode-person').check();
});

test('the Chinese page shows no English: real quotes, a late payment, a newborn, errors', async () => {
  await assertNoEnglish('the form');
  // 长治 低保 paid in the window: 76.00.
  await personMode('140400-2024', '2023-10-10', { birth: '1980-05-01', category: 'minimum_living' });
  assert.equal(await text('#due'), '76.00 元');
  await assertNoEnglish('长治 低保');
  // 长治 late payment: 380 + the 640 fiscal share, 3 months' wait, the warning in Chinese.
  await personMode('140400-2024', '2024-02-10', { birth: '1980-05-01' });
  assert.match(await text('.breakdown'), /个人应缴\s+1,?020\.00/);
  assert.match(await text('.warnings'), /在集中征缴期外缴费：财政补助部分（640\.00元）也由个人缴纳/);
  assert.match(await text('#payday'), /集中征缴期后补缴/);
  await assertNoEnglish('长治 late payment');
  // A newborn of 2023 in 长治's grace period: named by the notice's words, not the rule's id.
  await personMode('140400-2024', '2024-02-10', { birth: '2023-05-01' });
  assert.equal(await text('#due'), '380.00 元');
  const newborn = await text('.newborn');
  assert.equal(newborn, '适用新生儿规则：2023年出生、错过集中缴费期的新生儿（2024年3月底前参保缴费）');
  assert.doesNotMatch(await page.locator('#result').innerText(), /born_2023_grace/);
  await assertNoEnglish('长治 newborn');
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, 'calculator-newborn-zh.png'), fullPage: true });
  // 凌源 newborn: the notice's words too.
  await personMode('211382-2022', '2022-03-01', { birth: '2022-01-15' });
  assert.match(await text('.newborn'), /出生之日起3个月（不跨年度）内参保缴费的新生儿/);
  await assertNoEnglish('凌源 newborn');
  // 鄢陵 2024 after the window: an assumed period, the notice's words quoted.
  await personMode('411024-2024', '2024-01-10', { birth: '1980-05-01' });
  await assertNoEnglish('鄢陵 extended period');
  // 鄢陵 2026: the national continuity waits.
  await personMode('411024-2026', '2026-02-10', { birth: '1980-05-01' });
  await assertNoEnglish('鄢陵 2026');
  // 通河 and 牡丹江.
  await personMode('230128-2023', '2022-10-20', { birth: '2022-10-01' });
  await assertNoEnglish('通河 newborn');
  await personMode('231000-2023', '2022-10-01', { birth: '1980-05-01', category: 'minimum_living' });
  await assertNoEnglish('牡丹江 低保');
  // An error: 2023-10-26 is no payment day in 长治; the engine's message is Chinese too.
  await personMode('140400-2024', '2023-10-26', { birth: '1980-05-01' });
  const error = await text('#error');
  assert.match(error, /2023-10-26 不是缴费日/);
  assert.match(error, /2023-10-26不是“集中征缴期”的缴费日（每月1–25日可缴费）；下一个缴费日为2023-11-01/);
  await page.screenshot({ path: join(artifacts, 'calculator-error-zh.png'), fullPage: true });
  await assertNoEnglish('not a payment day');
  // Outside every period, and a missing birth date.
  await personMode('140400-2024', '2023-08-31', { birth: '1980-05-01' });
  assert.equal(await page.locator('#error').getAttribute('data-code'), 'no_window');
  await assertNoEnglish('no window');
  await member(0).locator('.m-birth').fill('');
  await personMode('140400-2024', '2023-10-10', {});
  assert.equal(await page.locator('#error').getAttribute('data-code'), 'invalid_request');
  await assertNoEnglish('no birth date');
  // A household with a member left out (凌源): the engine's household_incomplete.
  await page.locator('#policy').selectOption('211382-2022');
  await page.locator('#mode-household').check();
  while ((await page.locator('.member').count()) < 2) await page.locator('#add-member').click();
  while ((await page.locator('.member').count()) > 2) await member(2).locator('.remove').click();
  await setPerson(0, { birth: '1980-05-01' });
  await setPerson(1, { birth: '1982-07-01', enrolling: false });
  await page.locator('#paid-on').fill('2022-02-15');
  await page.locator('#calculate').click();
  assert.equal(await page.locator('#error').getAttribute('data-code'), 'household_incomplete');
  await assertNoEnglish('household incomplete');
  await setPerson(1, { birth: '1982-07-01' });
  await page.locator('#calculate').click();
  assert.equal(await text('#household-total'), '640.00 元');
  await assertNoEnglish('household');
  await page.locator('#mode-person').check();
});

test('English switch', async () => {
  await personMode('140400-2024', '2023-10-10', { birth: '1980-05-01', category: 'minimum_living' });
  await page.locator('#lang-en').click();
  assert.equal(await page.locator('h1').innerText(), 'Resident medical insurance contribution calculator');
  // The scan of the Chinese page does see English where there is some.
  const english = (await shownTexts()).filter((t) => englishPhrase(t) !== null);
  assert.ok(english.length > 10, `the scan finds English on the English page: ${english}`);
  assert.match(await text('.headline'), /You pay/);
  assert.equal(await text('#due'), '76.00 yuan');
  assert.match(await text('#cover'), /2024-01-01 to 2024-12-31/);
  assert.match(await text('#where'), /Hotlines/);
  // The answer's own texts are asked again in English: the notice's names, the warnings.
  assert.match(await text('.breakdown'), /minimum living allowance recipients|低保人员/);
  assert.match(await text('.breakdown'), /funded by medical assistance\s+304\.00/);
  await personMode('140400-2024', '2024-02-10', { birth: '2023-05-01' });
  assert.match(await text('.newborn'), /newborns born in 2023 who missed the collection window/);
  await personMode('140400-2024', '2024-02-10', { birth: '1980-05-01' });
  assert.match(await text('.warnings'), /paid outside the collection window: the person pays the fiscal share \(640\.00\) as well/);
  assert.match(await text('#payday'), /late payment after the collection window/);
  await personMode('140400-2024', '2023-10-26', { birth: '1980-05-01' });
  assert.match(await text('#error'), /2023-10-26 is not a payment day of “collection window”/);
  // Back to Chinese: the same answer, asked again in Chinese.
  await page.locator('#lang-zh').click();
  assert.equal(await page.locator('h1').innerText(), '城乡居民医保缴费计算器');
  assert.match(await text('#error'), /2023-10-26不是“集中征缴期”的缴费日/);
  await assertNoEnglish('back to Chinese');
});

test('no request left 127.0.0.1 and nothing failed', async () => {
  assert.ok(requests.length >= 4, `requests: ${requests}`);
  const origin = new URL(url).origin;
  const outside = requests.filter((r) => !r.startsWith(`${origin}/`) && !r.startsWith('data:'));
  assert.deepEqual(outside, []);
  assert.ok(requests.some((r) => r.endsWith('.wasm')));
  assert.deepEqual(pageErrors, []);
});
