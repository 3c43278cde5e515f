// The calculator as residents use it with the 2025+ policies (issue #14), at desktop and
// 390×844 phone size: the history questions a policy needs and their answers passed to the
// library, a payment that buys no cover, an unknown cover date, every household member's
// cover, one tel: link per number, the refund question, the estimate banner; on the phone
// the result scrolls into view with focus, the timeline's labels are 12 px or more and
// nothing is wider than the screen; aria-invalid, aria-pressed and the live region.
// Screenshots go to tests/artifacts/ (not committed).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { artifacts, assertPackageBuilt, close, pkg, servePage, SIZES } from './browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));

assertPackageBuilt();
const lib = await import(join(pkg, 'node.mjs'));

let opened;
let url;
let browser;

before(async () => {
  opened = await servePage();
  ({ url, browser } = opened);
});

after(() => close(opened));

for (const [size, options] of Object.entries(SIZES)) {
  describe(`at ${size} size`, () => {
    let context;
    let page;
    const errors = [];

    before(async () => {
      context = await browser.newContext({ ...options, locale: 'zh-CN' });
      page = await context.newPage();
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(url);
      await page.waitForSelector('body[data-ready=true]', { timeout: 20000 });
    });

    after(async () => {
      await context?.close();
    });

    const member = (n) => page.locator('.member').nth(n);
    const text = (sel) => page.locator(sel).first().innerText();
    const shot = async (name) => {
      mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: join(artifacts, `residents-${size}-${name}.png`), fullPage: true });
    };

    async function fill(policy, paidOn, mode = 'person') {
      await page.locator(`#mode-${mode}`).check();
      await page.locator('#policy').selectOption(policy);
      await page.locator('#paid-on').fill(paidOn);
    }

    async function calculate() {
      await page.locator('#calculate').click();
      await page.locator('#result:not([hidden])').waitFor();
    }

    async function person(n, { birth = '1980-05-01', last = '', streak = '', repair = '', ended = '', parent = false, newly = false } = {}) {
      const m = member(n);
      await m.locator('.m-id').fill('');
      await m.locator('.m-birth').fill(birth);
      await m.locator('.m-category').selectOption('');
      if (await m.locator('.m-last').isVisible()) {
        await m.locator('.m-last').selectOption(last);
        if (streak && (await m.locator('.m-streak').isVisible())) await m.locator('.m-streak').fill(streak);
        if (repair) await m.locator('.m-repair').selectOption(repair);
        if (await m.locator('.m-ended').isVisible()) await m.locator('.m-ended').fill(ended);
        if (await m.locator('.m-newly').isVisible()) await m.locator('.m-newly').setChecked(newly);
      }
      if (await m.locator('.m-parent').isVisible()) await m.locator('.m-parent').setChecked(parent);
    }

    test('the history questions show for a 2025+ policy only, in a resident\'s words', async () => {
      await fill('140400-2024', '2023-10-10');
      assert.equal(await member(0).locator('.m-history').isVisible(), false);
      await fill('411024-2026', '2026-02-10');
      assert.equal(await member(0).locator('.m-history').isVisible(), true);
      assert.match(await member(0).locator('.m-history').innerText(), /最近一次参保是哪一年/);
      const options = await member(0).locator('.m-last option').allInnerTexts();
      assert.ok(options.includes('2025年（上一年参保了，没有断保）'), options.join(' | '));
      assert.ok(options.includes('2023年（断保 2 年）'), options.join(' | '));
      assert.ok(options.includes('从未参保过（第一次参保）'));
      // Repair is asked only once a break is given, and offers the years of the break.
      assert.equal(await member(0).locator('.m-repair-field').isVisible(), false);
      await member(0).locator('.m-last').selectOption('2023');
      assert.equal(await member(0).locator('.m-repair-field').isVisible(), true);
      assert.deepEqual(await member(0).locator('.m-repair option').allInnerTexts(), ['不补缴', '补缴 1 年', '补缴 2 年']);
      // The national exemptions: 新增资助对象, and the day 职工医保 ended.
      assert.equal(await member(0).locator('.m-newly').isVisible(), true);
      assert.equal(await member(0).locator('.m-ended').isVisible(), true);
      // A parent's insurance only where a newborn rule asks it (衡山 2026).
      assert.equal(await member(0).locator('.m-parent').isVisible(), false);
      await fill('430423-2026', '2026-03-10');
      assert.equal(await member(0).locator('.m-parent').isVisible(), true);
    });

    test('鄢陵 2026 with a break: the wait the library gives for that history (5 months, not 3)', async () => {
      await fill('411024-2026', '2026-02-10');
      await person(0, { last: '2022' });
      await calculate();
      const expected = lib.quote({ policy: '411024-2026', paid_on: '2026-02-10', person: { birth_date: '1980-05-01', history: { insured_years: [2022] } } });
      assert.equal(expected.continuity.wait_months, 5);
      const cover = await text('#cover');
      assert.match(cover, new RegExp(`${expected.benefit_start} 至 2026-12-31`));
      assert.match(cover, /等待期 5 个月：固定 3 个月 \+ 断保 3 年 2 个月/);
      // Repairing two of the three years: the library's answer again, and its cost.
      await person(0, { last: '2022', repair: '2' });
      await calculate();
      const repaired = lib.quote({ policy: '411024-2026', paid_on: '2026-02-10', person: { birth_date: '1980-05-01', history: { insured_years: [2022], repair_years: 2 } } });
      assert.match(await text('#cover'), new RegExp(`${repaired.benefit_start} 至`));
      assert.match(await text('.warnings'), /补缴2年断保期间的费用共800\.00元/);
      // Insured last year, five years in a row: no break.
      await person(0, { last: '2025', streak: '5' });
      await calculate();
      assert.match(await text('#cover'), /断保 0 年/);
      // Without a history, no 断保 line: the fixed wait and what was assumed.
      await person(0, { last: '' });
      await calculate();
      const plain = await text('#cover');
      assert.match(plain, /等待期 3 个月/);
      assert.doesNotMatch(plain, /断保 \d+ 年/);
      assert.match(await text('.warnings'), /未提供参保记录，按未断保计算/);
      await shot('history');
    });

    test('an exemption the policy knows: 职工医保 ended within 3 months (衡山 2026)', async () => {
      await fill('430423-2026', '2026-03-10');
      await person(0, { last: '2020', ended: '2026-02-20' });
      await calculate();
      const cover = await text('#cover');
      assert.match(cover, /2026-03-11 至 2026-12-31/);
      assert.match(cover, /免除等待期：职工医保转居民医保/);
      await person(0, { last: '2020' });
      await calculate();
      assert.match(await text('#cover'), /2026-12-09 至 2026-12-31/);
    });

    test('transfer (转移接续) is asked where the policy lists that exemption, and passed', async () => {
      await fill('411024-2026', '2026-02-10');
      assert.equal(await member(0).locator('.m-transfer').isVisible(), false);
      // No built-in lists it: a copy of 鄢陵 2026 that does, loaded into the page's engine
      // (it replaces the built-in of the same id), and the page told of the change.
      const { readFileSync } = await import('node:fs');
      const source = `${readFileSync(join(here, '..', '..', '..', 'core', 'policies', '411024-2026.toml'), 'utf8')}
[continuity]
exemptions = ["newly_aided", "employee_switch", "transfer"]
cite = { document = "测试通知", clause = "一" }
`;
      await page.evaluate(async (text) => {
        const y = await import('/pkg/web.js');
        await y.initPolicyReader();
        y.loadPolicy(text, '411024-2026.toml');
        document.querySelector('#policy').dispatchEvent(new Event('change'));
      }, source);
      assert.equal(await member(0).locator('.m-transfer').isVisible(), true);
      await person(0, { last: '2020' });
      await member(0).locator('.m-transfer').check();
      await calculate();
      assert.match(await text('#cover'), /2026-02-11 至 2026-12-31/);
      assert.match(await text('#cover'), /免除等待期：医保关系转移接续/);
      await member(0).locator('.m-transfer').uncheck();
      // The built-in again, for the tests that follow.
      await page.evaluate(async (text) => {
        const y = await import('/pkg/web.js');
        await y.initPolicyReader();
        y.loadPolicy(text, '411024-2026.toml');
        document.querySelector('#policy').dispatchEvent(new Event('change'));
      }, readFileSync(join(here, '..', '..', '..', 'core', 'policies', '411024-2026.toml'), 'utf8'));
      assert.equal(await member(0).locator('.m-transfer').isVisible(), false);
    });

    test('the grade, where the policy has grades (成都 2025, a test policy loaded by the page)', async () => {
      const { readFileSync } = await import('node:fs');
      const source = readFileSync(join(here, '..', '..', '..', 'tests', 'vectors', 'policies', '510100-2025.toml'), 'utf8');
      await page.evaluate(async (text) => {
        const y = await import('/pkg/web.js');
        await y.initPolicyReader();
        const id = y.loadPolicy(text, '510100-2025.toml');
        const select = document.querySelector('#policy');
        if (![...select.options].some((o) => o.value === id)) select.append(new Option(id, id));
        select.value = id;
        select.dispatchEvent(new Event('change'));
      }, source);
      await page.locator('#mode-person').check();
      assert.equal(await member(0).locator('.m-grade').isVisible(), true);
      assert.deepEqual(await member(0).locator('.m-grade option').allInnerTexts(),
        ['成年居民每人每年400元档（400.00 元）', '成年居民每人每年520元档（520.00 元）']);
      await person(0);
      await member(0).locator('.m-grade').selectOption('adult_520');
      await page.locator('#paid-on').fill('2024-10-10');
      await calculate();
      assert.equal(await text('#due'), '520.00 元');
      assert.equal(await member(0).locator('.m-history').isVisible(), true);
      await fill('140400-2024', '2023-10-10');
      assert.equal(await member(0).locator('.m-grade').isVisible(), false);
    });

    test('a payment that buys no cover this year is impossible to miss, not a big figure', async () => {
      await fill('411024-2026', '2026-11-10');
      await person(0, { last: '2020' });
      await calculate();
      const alert = page.locator('#no-cover');
      assert.equal(await alert.isVisible(), true);
      assert.match(await alert.innerText(), /此次缴费在2026年度不能享受医保待遇/);
      assert.match(await alert.innerText(), /不能享受待遇/);
      // It comes before the amount, which is not drawn as the big blue figure to pay.
      const order = await page.evaluate(() => {
        const a = document.querySelector('#no-cover');
        const d = document.querySelector('#due');
        return a.compareDocumentPosition(d) & Node.DOCUMENT_POSITION_FOLLOWING;
      });
      assert.ok(order);
      const style = await page.locator('#due').evaluate((e) => ({ size: parseFloat(getComputedStyle(e).fontSize), color: getComputedStyle(e).color }));
      assert.ok(style.size < 24, `font-size ${style.size}`);
      assert.notEqual(style.color, 'rgb(47, 95, 196)');
      assert.match(await text('.headline'), /缴了也不保障今年/);
      assert.match(await page.locator('#announce').textContent(), /不能享受医保待遇/);
      await shot('no-cover');
    });

    test('an unknown cover date is unknown, with the warning text, never a date', async () => {
      // 红塔 2026 has no newborn rule: a child under one has no known cover date.
      await fill('530402-2026', '2026-03-10');
      await person(0, { birth: '2026-02-01' });
      await calculate();
      const cover = await text('#cover');
      assert.match(cover, /待遇开始日期：不明/);
      const q = lib.quote({ policy: '530402-2026', paid_on: '2026-03-10', person: { birth_date: '2026-02-01' } });
      const warning = q.warnings.find((w) => w.code === 'newborn_terms_unstated');
      assert.ok(warning);
      assert.ok(cover.includes(warning.message), cover);
      assert.doesNotMatch(cover, /\d{4}-\d{2}-\d{2} 至/);
      assert.equal(await page.locator('#timeline .tl-cover').count(), 0);
      assert.equal(await page.locator('#no-cover').count(), 0);
    });

    test('a household shows every member\'s cover', async () => {
      await fill('530402-2026', '2026-03-10', 'household');
      while ((await page.locator('.member').count()) < 2) await page.locator('#add-member').click();
      while ((await page.locator('.member').count()) > 2) await member(2).locator('.remove').click();
      await person(0, { birth: '1980-05-01' });
      await person(1, { birth: '2026-02-01' });
      await calculate();
      const h = lib.household({ policy: '530402-2026', paid_on: '2026-03-10', members: [{ birth_date: '1980-05-01' }, { birth_date: '2026-02-01' }] });
      assert.match(await text('#cover'), /第 1 位成员/);
      assert.match(await text('#cover'), new RegExp(`${h.members[0].benefit_start} 至`));
      assert.match(await text('#cover-2'), /第 2 位成员/);
      assert.match(await text('#cover-2'), /待遇开始日期：不明/);
      // No wait is shown beside the unknown date (it would read as one).
      assert.doesNotMatch(await text('#cover-2'), /等待期 \d+ 个月/);
      assert.match(await text('#household-table'), /待遇开始日期：不明/);
      assert.match(await page.locator('#announce').textContent(), /全家个人应缴合计/);
      await shot('household');
      await page.locator('#mode-person').check();
    });

    test('one tel: link per number, also where a field holds two', async () => {
      await fill('231000-2023', '2022-10-01');
      await person(0);
      await calculate();
      const hrefs = await page.locator('#where a[href^="tel:"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.ok(hrefs.length > 5);
      for (const h of hrefs) assert.match(h, /^tel:\+?\d{3,12}$/);
      // A policy file of an analyst's that puts two numbers in one field (the validator
      // lints it): the page still dials each on its own.
      const text0 = (await import('node:fs')).readFileSync(join(here, '..', '..', '..', 'core', 'policies', '231000-2023.toml'), 'utf8');
      const first = /phone = "([^"]+)"/.exec(text0)[1];
      // (Loaded into the page's own engine, it replaces the built-in of the same id.)
      const two = text0.replace(`phone = "${first}"`, `phone = "${first}、0453-7654321"`);
      assert.notEqual(two, text0);
      await page.evaluate(async (source) => {
        const y = await import('/pkg/web.js');
        await y.initPolicyReader();
        y.loadPolicy(source, '231000-2023.toml');
        document.querySelector('#policy').dispatchEvent(new Event('change'));
      }, two);
      await calculate();
      const li = page.locator('#where li', { hasText: '7654321' });
      assert.deepEqual(await li.locator('a[href^="tel:"]').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
        [`tel:${first.replace(/[^0-9+]/g, '')}`, 'tel:04537654321']);
    });

    test('the refund question: 鄢陵 2026 after joining 职工医保', async () => {
      await fill('411024-2026', '2026-01-10', 'refund');
      assert.equal(await page.locator('#refund-fields').isVisible(), true);
      assert.equal(await page.locator('.member').nth(1).isVisible().catch(() => false), false);
      await person(0);
      await page.locator('#refund-reason').selectOption('employee_insurance');
      await page.locator('#refund-event').fill('2026-01-20');
      await page.locator('#refund-amount').fill('400');
      await calculate();
      const r = lib.refund({ policy: '411024-2026', person: { birth_date: '1980-05-01' }, payment: { paid_on: '2026-01-10', amount: 400 }, reason: 'employee_insurance', event_on: '2026-01-20' });
      const verdict = r.refundable === true ? '可以退费' : r.refundable === false ? '不予退费' : '能否退费不明';
      assert.match(await text('#refund'), new RegExp(verdict));
      assert.equal(await text('#refund-amount-out'), `${r.amount} 元`);
      assert.match(await page.locator('#announce').textContent(), new RegExp(`${verdict}：${r.amount.replace('.', '\\.')} 元`));
      // A ground the notice does not name: the library says so, in Chinese.
      await page.locator('#refund-reason').selectOption('duplicate');
      await calculate();
      assert.ok((await text('.warnings')).length > 0);
      await shot('refund');
      await page.locator('#mode-person').check();
    });

    test('an estimate policy shows a Chinese banner', async () => {
      await fill('411024-2026', '2026-02-10');
      const banner = page.locator('#estimate-banner');
      assert.equal(await banner.isVisible(), true);
      assert.match(await banner.innerText(), /^注意：这是估算，不是当地已公布的缴费通知。鄢陵县2026年度的当地通知未收录/);
      await fill('140400-2024', '2023-10-10');
      assert.equal(await banner.isVisible(), false);
      // The payment periods under the selector.
      assert.match(await text('#policy-periods'), /缴费期：.*2023-\d{2}-\d{2} – /);
    });

    test('not a payment day: 按下一个缴费日计算', async () => {
      await fill('140400-2024', '2023-10-26');
      await person(0);
      await calculate();
      await page.locator('#use-next-day').click();
      assert.equal(await page.locator('#paid-on').inputValue(), '2023-11-01');
      assert.match(await text('#payday'), /2023-11-01 可以缴费/);
    });

    test('after 计算 the result is in view and has focus; the live region says the headline only', async () => {
      await fill('140400-2024', '2023-10-10');
      await person(0);
      await page.evaluate(() => window.scrollTo(0, 0));
      await calculate();
      await page.waitForFunction(() => document.activeElement?.id === 'result');
      const top = await page.locator('#result').evaluate((e) => e.getBoundingClientRect().top);
      assert.ok(top >= -1 && top < 200, `result top ${top}`);
      assert.equal(await page.locator('#result').getAttribute('aria-live'), null);
      assert.equal(await page.locator('#announce').textContent(), '个人应缴 380.00 元');
    });

    test('ID field: spaces and full-width digits accepted, aria-invalid set', async () => {
      const id = member(0).locator('.m-id');
      await id.fill('110105 19491231 002X');
      assert.equal(await id.getAttribute('aria-invalid'), 'false');
      assert.match(await member(0).locator('.id-check').innerText(), /有效/);
      await id.fill('１１０１０５１９４９１２３１００２Ｘ');
      assert.match(await member(0).locator('.id-check').innerText(), /有效/);
      await id.fill('110105194912310021');
      assert.equal(await id.getAttribute('aria-invalid'), 'true');
      await id.fill('');
      assert.equal(await id.getAttribute('aria-invalid'), 'false');
    });

    test('language buttons say which is pressed', async () => {
      assert.equal(await page.locator('#lang-zh').getAttribute('aria-pressed'), 'true');
      await page.locator('#lang-en').click();
      assert.equal(await page.locator('#lang-en').getAttribute('aria-pressed'), 'true');
      assert.equal(await page.locator('#lang-zh').getAttribute('aria-pressed'), 'false');
      await page.locator('#lang-zh').click();
      assert.equal(await page.locator('#lang-zh').getAttribute('aria-pressed'), 'true');
    });

    test('the timeline is readable and nothing is wider than the screen', async () => {
      await fill('231000-2023', '2022-10-01');
      await person(0);
      await calculate();
      const sizes = await page.locator('#timeline').evaluate((svgEl) => {
        const scale = svgEl.getBoundingClientRect().width / svgEl.viewBox.baseVal.width;
        return [...svgEl.querySelectorAll('text')].map((t) => Number(t.getAttribute('font-size')) * scale);
      });
      assert.ok(sizes.length > 5);
      for (const s of sizes) assert.ok(s >= 11.9, `a timeline label of ${s.toFixed(1)} px`);
      const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
      assert.ok(widths.doc <= widths.view, `page ${widths.doc} px wide in a ${widths.view} px window`);
      // 牡丹江's long web address is a link inside the screen.
      const link = page.locator('#where a.url').first();
      assert.equal(await link.count(), 1);
      const right = await link.evaluate((a) => Math.max(...[...a.getClientRects()].map((r) => r.right)));
      assert.ok(right <= widths.view, `the address ends at ${right}`);
      await shot('timeline');
      assert.deepEqual(errors, []);
    });
  });
}
