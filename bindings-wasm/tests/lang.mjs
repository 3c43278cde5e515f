// The core's language rules (core/src/lang.rs), ported to JavaScript for the tests of the
// package and of the calculator page: `englishPhrase` is yibao::lang::english_phrase,
// `chineseSentence` is yibao::lang::chinese_sentence, rule for rule. tests/languages.test.mjs
// checks both against the Rust functions on every text of the catalogue and of the vectors'
// answers (target/tmp/lang-rules.json, written by bindings-wasm/tests/languages.rs).

const isAlnum = (c) => /^[A-Za-z0-9]$/.test(c);
const isAlpha = (c) => /^[A-Za-z]$/.test(c);

/**
 * The first run of three or more Latin words in a row (an English phrase), or null.
 *
 * A word is two or more ASCII letters (an apostrophe or hyphen inside allowed); a token
 * with a digit or an underscore is an id or a code, not a word, and breaks the run, as
 * does any character other than spaces and `,;:`.
 */
export function englishPhrase(text) {
  let runStart = null;
  let runEnd = 0;
  let words = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const b = text[i];
    if (isAlnum(b) || b === '_') {
      const start = i;
      while (i < n && (isAlnum(text[i]) || text[i] === '_' || text[i] === "'" || text[i] === '-')) i++;
      const token = text.slice(start, i).replace(/['-]+$/, '');
      const isWord = token.length >= 2 && /^[A-Za-z'-]+$/.test(token);
      if (isWord) {
        if (runStart === null) {
          runStart = start;
          words = 0;
        }
        words++;
        runEnd = start + token.length;
        if (words >= 3) {
          // Extend to the end of the run for the report.
          let j = i;
          for (;;) {
            const rest = text.slice(j);
            const skip = rest.length - rest.replace(/^[ ,;:]+/, '').length;
            const after = rest.slice(skip);
            let len = 0;
            while (len < after.length && (isAlpha(after[len]) || after[len] === "'" || after[len] === '-')) len++;
            if (skip === 0 || len < 2) break;
            j += skip + len;
            runEnd = j;
          }
          return text.slice(runStart, runEnd);
        }
      } else {
        runStart = null;
        words = 0;
      }
    } else if (b === ' ' || b === ',' || b === ';' || b === ':') {
      i++;
    } else {
      runStart = null;
      words = 0;
      i++;
    }
  }
  return null;
}

/** A character of Chinese script (CJK ideographs and their extensions). */
export function isHan(c) {
  const u = c.codePointAt(0);
  return (u >= 0x3400 && u <= 0x4dbf) || (u >= 0x4e00 && u <= 0x9fff) || (u >= 0xf900 && u <= 0xfaff) || (u >= 0x20000 && u <= 0x3134f);
}

/**
 * The first Chinese sentence outside quoted words (“…”, 「…」, 《…》, （…）, 〔…〕, 【…】), or
 * null: a run of 10 or more Chinese characters and Chinese punctuation.
 */
export function chineseSentence(text) {
  let depth = 0;
  let run = '';
  let count = 0;
  for (const c of text) {
    if ('“「《（〔【'.includes(c)) {
      depth++;
      run = '';
      count = 0;
      continue;
    }
    if ('”」》）〕】'.includes(c)) {
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (depth > 0) continue;
    if (isHan(c) || '，。；：、！？'.includes(c)) {
      run += c;
      count++;
      if (count >= 10) return run;
    } else {
      run = '';
      count = 0;
    }
  }
  return null;
}
