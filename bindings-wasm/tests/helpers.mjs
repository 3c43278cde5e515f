// Paths shared by the tests of the built package (bindings-wasm/pkg/).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');
export const pkgDir = join(repoRoot, 'bindings-wasm', 'pkg');

if (!existsSync(join(pkgDir, 'package.json'))) {
  throw new Error(`${pkgDir} is not built: run scripts/build-wasm.sh first`);
}

/** Cargo's target directory, as cargo itself resolves it. */
export function targetDir() {
  const t = process.env.CARGO_TARGET_DIR;
  if (!t) return join(repoRoot, 'target');
  return isAbsolute(t) ? t : join(repoRoot, t);
}

export function builtinPolicyText(id) {
  return readFileSync(join(repoRoot, 'core', 'policies', `${id}.toml`), 'utf8');
}

/** Runs `fn` and returns the error it throws (failing when it throws none). */
export function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error, none was thrown');
}
