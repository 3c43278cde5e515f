// Paths and files shared by the tests of the built package (bindings-wasm/pkg/).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseToml } from 'smol-toml';

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

/** How many built-in policies there are: the policy files of core/policies/. */
export function builtinPolicyCount() {
  return readdirSync(join(repoRoot, 'core', 'policies'))
    .filter((f) => f.endsWith('.toml') && !f.endsWith('.cases.toml')).length;
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

// ---------------------------------------------------------------- cases
// The files of cases every runner reads (tests/vectors/README.md): the vectors
// (tests/vectors/*.json) and the built-in policies' case files
// (core/policies/<id>.cases.toml, docs/cases.md), read here as
// yibao::conformance::parse_file reads them.


export const vectorDir = join(repoRoot, 'tests', 'vectors');
const caseDir = join(repoRoot, 'core', 'policies');
const ASKS_A_POLICY = ['quote', 'household', 'refund', 'window', 'policy'];

/** Sets `path` (`members[0].benefit_start`) of `root` to null, as the core's put_null. */
function putNull(root, path) {
  const parts = path.match(/[^.[\]]+|\[\d+\]/g) ?? [];
  let at = root;
  parts.forEach((p, i) => {
    const last = i === parts.length - 1;
    const key = p.startsWith('[') ? Number(p.slice(1, -1)) : p;
    if (last) at[key] = null;
    else {
      if (at[key] === null || typeof at[key] !== 'object') at[key] = {};
      at = at[key];
    }
  });
}

function fromCaseFile(file, text) {
  const doc = parseToml(text);
  const policy = doc.policy ?? file.replace(/\.cases\.toml$/, '');
  return (doc.case ?? []).map((c) => {
    const op = c.op ?? 'quote';
    const request = c.request ?? null;
    if (request && typeof request === 'object' && ASKS_A_POLICY.includes(op) && !('policy' in request)) {
      request.policy = policy;
    }
    const expected = c.expected;
    for (const p of c.expected_null ?? []) putNull(expected, p);
    const out = { name: c.name, source: c.clause, op, request, expected };
    if (c.raw_request !== undefined) out.raw_request = c.raw_request;
    return out;
  });
}

/** `[{file, cases}]` of every file of cases, vectors first, each in name order. */
export function caseFiles() {
  const json = readdirSync(vectorDir).filter((f) => f.endsWith('.json')).sort()
    .map((file) => ({ file, cases: JSON.parse(readFileSync(join(vectorDir, file), 'utf8')) }));
  const toml = readdirSync(caseDir).filter((f) => f.endsWith('.cases.toml')).sort()
    .map((file) => ({ file, cases: fromCaseFile(file, readFileSync(join(caseDir, file), 'utf8')) }));
  return [...json, ...toml];
}
