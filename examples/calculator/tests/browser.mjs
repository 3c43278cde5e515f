// What the page tests share: headless Chromium as this machine runs it, the page served on
// loopback, the two sizes residents use, and the built npm package (bindings-wasm/pkg/).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const artifacts = join(here, 'artifacts');
export const pkg = join(here, '..', '..', '..', 'bindings-wasm', 'pkg');

/** Fails with what to do when the package is not built. */
export function assertPackageBuilt() {
  assert.ok(existsSync(join(pkg, 'web.js')), 'bindings-wasm/pkg is not built: run scripts/build-wasm.sh');
}

/**
 * Debian's Chromium, headless, with the flags this closed network needs (without the
 * background-networking ones its connections are refused many at a time); Playwright gives
 * it a fresh temporary profile, removed on close.
 */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The page served on a free loopback port and a browser: `{ server, url, browser }`. */
export async function servePage() {
  const { server, url } = await startServer(0);
  return { server, url, browser: await launch() };
}

/** Closes what `servePage` opened (either may be missing after a failed start). */
export async function close({ server, browser } = {}) {
  await browser?.close();
  await new Promise((ok) => (server ? server.close(ok) : ok()));
}

/** The two sizes residents use: a desktop, and a 390×844 phone. */
export const SIZES = {
  desktop: { viewport: { width: 1280, height: 900 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
};
