// The JavaScript face of yibao: plain objects in, plain objects out.
//
// Shared by every entry of the npm package (browser ESM, Node ESM, Node CommonJS); the
// build turns its last line into `module.exports` for the CommonJS copy, so it imports
// nothing and exports only through that line.
//
// Requests are JSON.stringify'd and answered by the Rust core's one JSON entry point, so
// an answer is the same JSON the CLI and the C library give, parsed.

/** An error of the library, with the contract's stable `code`. */
class YibaoError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'YibaoError';
    this.code = code;
  }
}

// The wrapper's own sentences, in each language of the contract (the engine's are in the
// core's catalogue).
const WORDS = {
  zh: {
    notJson: (op) => `无法把 ${op} 请求写成 JSON（含循环引用、BigInt 或 JSON 无法表示的其他值）`,
    notObject: (op) => `${op} 请求须为对象`,
    notText: () => 'loadPolicy 需要政策文件的文本（字符串）',
    notReady: () => 'yibao：WebAssembly 模块尚未初始化，请先 `await init()`',
    readerNotReady: () => 'yibao：读取政策文件的 WebAssembly 模块尚未加载，请先 `await initPolicyReader()`',
  },
  en: {
    notJson: (op) => `the ${op} request cannot be written as JSON (a circular reference, a BigInt or another value JSON has no form for)`,
    notObject: (op) => `the ${op} request must be an object`,
    notText: () => 'loadPolicy takes the text of a policy file (a string)',
    notReady: () => 'yibao: the WebAssembly module is not initialised yet: `await init()` first',
    readerNotReady: () => 'yibao: the WebAssembly module that reads policy files is not loaded yet: `await initPolicyReader()` first',
  },
};

// The language an option asks for: 'en', or the default 'zh' for anything else.
function langOf(options) {
  return options && options.lang === 'en' ? 'en' : 'zh';
}

function words(options) {
  return WORDS[langOf(options)];
}

// The language option, as given (unchecked: the engine refuses a value it has not).
function optionLang(options) {
  return options !== null && typeof options === 'object' && options.lang !== undefined ? options.lang : undefined;
}

// The wasm side fails by throwing the contract's error JSON as a string.
function rethrow(thrown) {
  if (typeof thrown === 'string') {
    let body;
    try {
      body = JSON.parse(thrown);
    } catch {
      body = null;
    }
    if (body && body.error && typeof body.error.code === 'string') {
      throw new YibaoError(body.error.code, body.error.message);
    }
  }
  throw thrown;
}

// The request with the option's language, when it names none itself (the caller's object
// is not changed).
function withLang(request, options) {
  const lang = optionLang(options);
  const isObject = request !== null && typeof request === 'object' && !Array.isArray(request);
  if (lang === undefined || !isObject || request.lang !== undefined) return request;
  return { ...request, lang };
}

// The same for a request already written as JSON: `"lang"` goes first into a JSON object
// that has none, and nothing else of the text changes (so an answer stays byte for byte
// the one the same text gives elsewhere); other texts are sent as they are. Gives the text
// and the language an error is to be told in: the option's where the request names none
// (malformed JSON included), else undefined: the engine then reads the request's own, as
// every binding does.
function textWithLang(text, options) {
  const lang = optionLang(options);
  if (lang === undefined) return { text, errorLang: undefined };
  const fallback = { text, errorLang: langOf(options) };
  const start = text.length - text.trimStart().length;
  if (text[start] !== '{') return fallback;
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    return fallback;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return fallback;
  // A request that names its language is answered in it (an error too, as the engine
  // reads it: Chinese for a language it has not).
  if (Object.hasOwn(parsed, 'lang')) return { text, errorLang: undefined };
  const rest = text.slice(start + 1);
  const sep = rest.trimStart().startsWith('}') ? '' : ',';
  return { text: `${text.slice(0, start)}{"lang":${JSON.stringify(lang)}${sep}${rest}`, errorLang: langOf(options) };
}

function toJson(request, op, options) {
  let text;
  try {
    text = JSON.stringify(withLang(request, options));
  } catch {
    // The engine's text only: a JavaScript message may quote the caller's data (issue #13).
    throw new YibaoError('invalid_request', words(options).notJson(op));
  }
  if (text === undefined) {
    throw new YibaoError('invalid_request', words(options).notObject(op));
  }
  return text;
}

/**
 * Builds the API over a wasm-bindgen module `raw` (its `Engine` class, `categories`,
 * `version`). `ready()` tells whether the module is initialised. `builtinPolicies` is the
 * data module's text, a line `<file name> <packed policy>` a policy; `reader()` gives the
 * policy reader module (its `readPolicy`), or null while it is not loaded.
 *
 * Every operation takes an optional last argument `options`: `{ lang: 'zh' | 'en' }` sets
 * the request's `lang` (the language of the answer's texts and of an error's message)
 * where the request gives none; Chinese is the default.
 */
// Put before a packed policy's text (dropped by the module, PACKED_MARK in src/lib.rs):
// wasm-bindgen copies a string that starts with ASCII into the module with a JavaScript
// loop, and one that does not with the native TextEncoder.encodeInto, which took the
// built-ins' 160 KB from 10 ms to under 1 ms in a fresh Node process.
const PACKED_MARK = '\u00a7';

function createApi(raw, ready, builtinPolicies, reader) {
  function check(options) {
    if (!ready()) {
      throw new Error(words(options).notReady());
    }
  }

  // The built-in policies are data beside the module (policies.js: the files of
  // core/policies/, read and packed at build time), not compiled into it. A new engine
  // has none of them in the module yet: each is handed to it (packed, to be read there on
  // first use) when a request first names it, all of them when they are listed and the
  // engine has something else too; while it has nothing else, the listing is the one
  // made at build time from the same module. So a new engine costs the module nothing but
  // an empty engine, and an answer is the one an engine with every built-in gives.
  const builtinListing = builtinPolicies.listing;
  const builtinCount = builtinPolicies.policies.length;
  function builtinInner() {
    return raw.Engine.empty();
  }

  // The JavaScript string of each piece of JSON a policy keeps (the notice's quoted
  // clauses and reminders, in every answer that cites them), by the serial the module
  // gives it: decoded from the module once, not in every answer (decoding them was half
  // of a quote in Node). A serial is never given to another piece while the module lives,
  // so a piece kept here never goes stale, whatever policies are loaded or replaced; the
  // map is emptied past 20 000 pieces (a page that loads policy after policy).
  const keptPieces = new Map();
  const PIECE_MARK = '\u0001';
  function quoteAnswer(inner, text, errorLang) {
    const rest = inner.handlePieces('quote', text, errorLang);
    const serials = inner.keptSerials();
    if (serials.length === 0) return rest;
    const parts = rest.split(PIECE_MARK);
    // Never expected (a mark is no character of an answer's JSON): the answer in full.
    if (parts.length !== serials.length + 1) return inner.handle('quote', text, errorLang);
    if (keptPieces.size > 20000) keptPieces.clear();
    let answer = parts[0];
    for (let i = 0; i < serials.length; i++) {
      let piece = keptPieces.get(serials[i]);
      if (piece === undefined) {
        piece = inner.keptJson(i);
        keptPieces.set(serials[i], piece);
      }
      answer += piece + parts[i + 1];
    }
    return answer;
  }

  // The `"policy": "<id>"` pairs of a request's JSON (any depth: naming more than the
  // request uses only hands over more). A text with an escape may spell a key or an id
  // otherwise, so it hands over every built-in still pending.
  const POLICY_KEY = /"policy"\s*:\s*"([^"\\]*)"/g;
  // The texts `policies()` sends (textWithLang), which the module accepts.
  const PLAIN_POLICIES = new Set(['{}', '{"lang":"zh"}', '{"lang":"en"}']);
  class Engine {
    constructor(inner, pending) {
      if (inner === undefined) {
        check();
        inner = builtinInner();
        pending = new Map(builtinPolicies.policies);
      }
      this._inner = inner;
      // The built-ins not handed to the module yet: id → "<file name> <packed>".
      this._pending = pending === undefined ? null : pending;
      // Whether a policy of the caller's was added (loadPolicy).
      this._own = false;
    }

    /** An engine with the built-in policies. */
    static builtin() {
      check();
      return new Engine(builtinInner(), new Map(builtinPolicies.policies));
    }

    /** An engine with no policies. */
    static empty() {
      check();
      return new Engine(raw.Engine.empty());
    }

    // Hands these pending built-ins to the module (all of them without `ids`).
    _hand(ids) {
      const pending = this._pending;
      const lines = [];
      for (const id of ids === undefined ? [...pending.keys()] : ids) {
        const line = pending.get(id);
        if (line !== undefined) {
          lines.push(line);
          pending.delete(id);
        }
      }
      if (pending.size === 0) this._pending = null;
      if (lines.length > 0) this._inner.loadPackedLines(PACKED_MARK + lines.join('\n'));
    }

    // Before a request goes to the module: the pending built-ins it names.
    _prepare(op, text) {
      if (this._pending === null || op === 'id' || op === 'policies') return;
      if (text.includes('\\')) {
        this._hand();
        return;
      }
      const ids = [];
      for (const m of text.matchAll(POLICY_KEY)) ids.push(m[1]);
      this._hand(ids);
    }

    /**
     * Adds (or replaces) a policy from the text of its TOML file; returns its id.
     * `loadPolicy(text, fileName?, options?)`, or `loadPolicy(text, options)`.
     */
    loadPolicy(text, fileName = 'policy.toml', options = undefined) {
      if (fileName !== null && typeof fileName === 'object') {
        options = fileName;
        fileName = 'policy.toml';
      }
      if (typeof text !== 'string') {
        throw new YibaoError('invalid_request', words(options).notText());
      }
      // The TOML reader is a module of its own (policy reader), loaded only for this.
      const policyReader = reader();
      if (policyReader === null) {
        throw new Error(words(options).readerNotReady());
      }
      const name = String(fileName);
      try {
        const packed = policyReader.readPolicy(name, text, langOf(options));
        const id = this._inner.loadPacked(name, PACKED_MARK + packed, langOf(options));
        this._own = true;
        // It replaces a built-in of the same id, which is then never handed over.
        if (this._pending !== null) {
          this._pending.delete(id);
          if (this._pending.size === 0) this._pending = null;
        }
        return id;
      } catch (e) {
        return rethrow(e);
      }
    }

    /** How many of this engine's policies are read so far (the others when first used). */
    policiesRead() {
      return this._inner.policiesRead();
    }

    /** Runs an operation on a JSON request string and returns the JSON answer string. */
    handle(op, requestJson, options = undefined) {
      const { text, errorLang } = textWithLang(String(requestJson), options);
      return this._raw(op, text, errorLang);
    }

    _raw(op, text, errorLang) {
      const name = String(op);
      try {
        if (name === 'policies' && this._pending !== null) {
          // Nothing but pending built-ins (the module has none): the module checks the
          // request (but for the requests `policies()` sends, which are valid), and its
          // empty list is answered with theirs.
          if (this._pending.size === builtinCount) {
            if (PLAIN_POLICIES.has(text)) {
              if (!this._own) return builtinListing;
            } else {
              const answer = this._inner.handle(name, text, errorLang);
              if (answer === '[]') return builtinListing;
            }
          }
          this._hand();
        } else {
          this._prepare(name, text);
        }
        if (name === 'quote') return quoteAnswer(this._inner, text, errorLang);
        return this._inner.handle(name, text, errorLang);
      } catch (e) {
        return rethrow(e);
      }
    }

    _call(op, request, options) {
      const text = toJson(request, op, options);
      // An error in the option's language where the request names none (as `handle`).
      const own = request !== null && typeof request === 'object' ? request.lang : undefined;
      const errorLang = optionLang(options) === undefined || own !== undefined ? undefined : langOf(options);
      return JSON.parse(this._raw(op, text, errorLang));
    }

    quote(request, options) {
      return this._call('quote', request, options);
    }

    household(request, options) {
      return this._call('household', request, options);
    }

    refund(request, options) {
      return this._call('refund', request, options);
    }

    windowStatus(request, options) {
      return this._call('window', request, options);
    }

    /** The same as `windowStatus` (the contract's operation name). */
    window(request, options) {
      return this.windowStatus(request, options);
    }

    id(request, options) {
      return this._call('id', typeof request === 'string' ? { id_number: request } : request, options);
    }

    policies(options) {
      return JSON.parse(this.handle('policies', '{}', options));
    }

    policy(request, options) {
      return this._call('policy', typeof request === 'string' ? { policy: request } : request, options);
    }

    /** Frees the wasm memory of this engine now rather than at garbage collection. */
    free() {
      if (this._inner) {
        this._inner.free();
        this._inner = null;
      }
    }
  }

  // The engine behind the module-level functions: the built-ins plus what loadPolicy adds.
  let shared = null;
  function engine(options) {
    if (shared === null) {
      check(options);
      shared = Engine.builtin();
    }
    return shared;
  }

  return {
    Engine,
    YibaoError,
    defaultEngine: () => engine(),
    loadPolicy: (text, fileName, options) => engine(fileName !== null && typeof fileName === 'object' ? fileName : options).loadPolicy(text, fileName, options),
    handle: (op, requestJson, options) => engine(options).handle(op, requestJson, options),
    quote: (request, options) => engine(options).quote(request, options),
    household: (request, options) => engine(options).household(request, options),
    refund: (request, options) => engine(options).refund(request, options),
    windowStatus: (request, options) => engine(options).windowStatus(request, options),
    // The contract's name; it shadows the browser global when imported, so the README
    // shows `windowStatus`.
    window: (request, options) => engine(options).windowStatus(request, options),
    id: (request, options) => engine(options).id(request, options),
    policies: (options) => engine(options).policies(options),
    policy: (request, options) => engine(options).policy(request, options),
    categories: () => {
      check();
      return JSON.parse(raw.categories());
    },
    version: () => {
      check();
      return raw.version();
    },
  };
}

export { createApi, YibaoError };
