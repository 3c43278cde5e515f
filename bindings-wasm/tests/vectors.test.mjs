// The cross-binding conformance vectors (tests/vectors/*.json and core/policies/*.cases.toml,
// see tests/vectors/README.md) through
// the npm package: every case against its person-written `expected` (a subset of the
// answer), and byte-identical to the Rust answer that core/tests/vectors.rs wrote under
// the target directory, when that run has happened.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { caseFiles, targetDir, vectorDir } from './helpers.mjs';
import { Engine, YibaoError } from '../pkg/node.mjs';

const files = caseFiles();

// core/tests/vectors.rs writes to $CARGO_TARGET_TMPDIR/conformance (target/tmp/...);
// the vectors README names target/conformance. Either will do.
const canonicalDirs = [join(targetDir(), 'tmp', 'conformance'), join(targetDir(), 'conformance')];
const canonicalDir = canonicalDirs.find((d) => existsSync(d));

/** Same rule as yibao::conformance::subset_mismatch: null when `actual` holds all of `expected`. */
export function subsetMismatch(expected, actual, path = '$') {
  const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObj(expected) && isObj(actual)) {
    for (const [k, ev] of Object.entries(expected)) {
      if (!Object.hasOwn(actual, k)) return `${path}.${k}: missing`;
      const why = subsetMismatch(ev, actual[k], `${path}.${k}`);
      if (why) return why;
    }
    return null;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) {
      return `${path}: ${expected.length} elements expected, ${actual.length} found`;
    }
    for (let i = 0; i < expected.length; i++) {
      const why = subsetMismatch(expected[i], actual[i], `${path}[${i}]`);
      if (why) return why;
    }
    return null;
  }
  if (isObj(expected) || Array.isArray(expected) || isObj(actual) || Array.isArray(actual)) {
    return `${path}: expected ${JSON.stringify(expected)}, found ${JSON.stringify(actual)}`;
  }
  return expected === actual ? null : `${path}: expected ${JSON.stringify(expected)}, found ${JSON.stringify(actual)}`;
}

// The request text as the Rust runner sends it: serde_json's Value::to_string, whose maps
// are sorted by key, so that messages quoting a column match byte for byte.
function rustText(value) {
  if (Array.isArray(value)) return `[${value.map(rustText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    return `{${keys.map((k) => `${JSON.stringify(k)}:${rustText(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

// The answer text as the package gives it: the raw answer, or the error re-serialised
// in the contract's shape from the YibaoError.
function answer(engine, op, requestText) {
  try {
    return engine.handle(op, requestText);
  } catch (e) {
    if (!(e instanceof YibaoError)) throw e;
    return JSON.stringify({ error: { code: e.code, message: e.message } });
  }
}

test('the subset rule', () => {
  const actual = { personal_due: '76.00', aid: [{ amount: '304.00', source: 'medical_assistance' }] };
  assert.equal(subsetMismatch({ aid: [{ amount: '304.00' }] }, actual), null);
  assert.notEqual(subsetMismatch({ personal_due: '380.00' }, actual), null);
  assert.notEqual(subsetMismatch({ aid: [] }, actual), null);
  assert.notEqual(subsetMismatch({ aid: { amount: '1' } }, actual), null);
});

test('conformance vectors', { skip: files.length === 0 && 'tests/vectors/ has no vector files' }, async (t) => {
  const engine = Engine.builtin();
  // The test-only fixture policies (tests/vectors/policies/), as every runner loads them.
  const fixtureDir = join(vectorDir, 'policies');
  for (const f of readdirSync(fixtureDir).filter((f) => f.endsWith('.toml')).sort()) {
    engine.loadPolicy(readFileSync(join(fixtureDir, f), 'utf8'), f);
  }
  let compared = 0;
  let count = 0;
  for (const { file, cases } of files) {
    for (const c of cases) {
      count++;
      await t.test(`${file}: ${c.name}`, () => {
        const text = c.raw_request !== undefined ? c.raw_request : rustText(c.request ?? null);
        const got = answer(engine, c.op, text);
        const why = subsetMismatch(c.expected, JSON.parse(got));
        assert.equal(why, null, `${c.name} (${c.source}): ${why}\n  answer: ${got}`);
        const canonical = canonicalDir && join(canonicalDir, `${c.name}.json`);
        if (canonical && existsSync(canonical)) {
          assert.equal(got, readFileSync(canonical, 'utf8'), `${c.name}: differs from the Rust answer`);
          compared++;
        }
      });
    }
  }
  t.diagnostic(
    `${count} vectors; ${compared} compared byte for byte with ${canonicalDir ?? '(no Rust answers yet: run cargo test -p yibao first)'}`,
  );
});
