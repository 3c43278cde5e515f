// The TypeScript types of the built package compile under --strict and refuse mistakes
// (tests/types/check.ts is compiled, never run).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pkgDir } from './helpers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const tsc = join(here, '..', 'node_modules', 'typescript', 'bin', 'tsc');

test('yibao.d.ts says no `any`', () => {
  const code = readFileSync(join(pkgDir, 'yibao.d.ts'), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/'[^'\n]*'/g, "''");
  assert.doesNotMatch(code, /\bany\b/);
  assert.doesNotMatch(code, /\bunknown\b/);
});

test('the types compile under --strict', { skip: !existsSync(tsc) && 'typescript is not installed (npm ci)' }, () => {
  try {
    execFileSync(process.execPath, [
      tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext',
      '--moduleResolution', 'nodenext', '--lib', 'es2022,dom', '--skipLibCheck', 'false',
      join(here, 'types', 'check.ts'),
    ], { stdio: 'pipe' });
  } catch (e) {
    assert.fail(`tsc failed:\n${e.stdout}${e.stderr}`);
  }
});
