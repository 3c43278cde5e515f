// axe-core (WCAG 2 A and AA rules, and its best practices) finds nothing on the page at
// desktop and 390×844 phone size, in Chinese and English: the form, a quote with its details
// opened, a payment that buys no cover, an error, a household and a refund (issue #14).
// axe is injected as a script, so these contexts bypass the page's CSP (the other tests keep it).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { close, servePage, SIZES } from './browser.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let opened;
let url;
let browser;

before(async () => {
  opened = await servePage();
  ({ url, browser } = opened);
});

after(() => close(opened));

for (const [size, options] of Object.entries(SIZES)) {
  describe(`axe at ${size} size`, () => {
    let context;
    let page;

    before(async () => {
      context = await browser.newContext({ ...options, locale: 'zh-CN', bypassCSP: true });
      page = await context.newPage();
      await page.goto(url);
      await page.waitForSelector('body[data-ready=true]', { timeout: 20000 });
      await page.addScriptTag({ content: axeSource });
    });

    after(async () => {
      await context?.close();
    });

    async function violations() {
      return page.evaluate(async () => {
        for (const d of document.querySelectorAll('details')) d.open = true;
        const r = await globalThis.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'best-practice'] });
        return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
    }

    async function ask(policy, paidOn, { mode = 'person', birth = '1980-05-01', last = null } = {}) {
      await page.locator(`#mode-${mode}`).check();
      await page.locator('#policy').selectOption(policy);
      await page.locator('.member').first().locator('.m-birth').fill(birth);
      if (last !== null) await page.locator('.member').first().locator('.m-last').selectOption(last);
      await page.locator('#paid-on').fill(paidOn);
      await page.locator('#calculate').click();
      await page.locator('#result:not([hidden])').waitFor();
    }

    for (const lang of ['zh', 'en']) {
      test(`no violations (${lang})`, async () => {
        await page.locator(`#lang-${lang}`).click();
        assert.deepEqual(await violations(), [], 'the form');
        await ask('140400-2024', '2023-10-10');
        assert.deepEqual(await violations(), [], 'a quote');
        await ask('411024-2026', '2026-11-10', { last: '2020' });
        assert.deepEqual(await violations(), [], 'no cover');
        await ask('140400-2024', '2023-10-26');
        assert.deepEqual(await violations(), [], 'an error');
        await ask('530402-2026', '2026-03-10', { mode: 'household' });
        assert.deepEqual(await violations(), [], 'a household');
        await ask('411024-2026', '2026-01-10', { mode: 'refund' });
        assert.deepEqual(await violations(), [], 'a refund');
        await page.locator('#mode-person').check();
      });
    }
  });
}
