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

function toJson(request, op) {
  let text;
  try {
    text = JSON.stringify(request);
  } catch {
    // The engine's text only: a JavaScript message may quote the caller's data (issue #13).
    throw new YibaoError(
      'invalid_request',
      `the ${op} request cannot be written as JSON (a circular reference, a BigInt or another value JSON has no form for)`,
    );
  }
  if (text === undefined) {
    throw new YibaoError('invalid_request', `the ${op} request must be an object`);
  }
  return text;
}

/**
 * Builds the API over a wasm-bindgen module `raw` (its `Engine` class, `categories`,
 * `version`). `ready()` tells whether the module is initialised.
 */
function createApi(raw, ready) {
  function check() {
    if (!ready()) {
      throw new Error('yibao: the WebAssembly module is not initialised yet: `await init()` first');
    }
  }

  class Engine {
    constructor(inner) {
      if (inner === undefined) {
        check();
        inner = raw.Engine.builtin();
      }
      this._inner = inner;
    }

    /** An engine with the built-in policies. */
    static builtin() {
      check();
      return new Engine(raw.Engine.builtin());
    }

    /** An engine with no policies. */
    static empty() {
      check();
      return new Engine(raw.Engine.empty());
    }

    /** Adds (or replaces) a policy from the text of its TOML file; returns its id. */
    loadPolicy(text, fileName = 'policy.toml') {
      if (typeof text !== 'string') {
        throw new YibaoError('invalid_request', 'loadPolicy takes the text of a policy file (a string)');
      }
      try {
        return this._inner.loadPolicy(String(fileName), text);
      } catch (e) {
        return rethrow(e);
      }
    }

    /** Runs an operation on a JSON request string and returns the JSON answer string. */
    handle(op, requestJson) {
      try {
        return this._inner.handle(String(op), String(requestJson));
      } catch (e) {
        return rethrow(e);
      }
    }

    _call(op, request) {
      return JSON.parse(this.handle(op, toJson(request, op)));
    }

    quote(request) {
      return this._call('quote', request);
    }

    household(request) {
      return this._call('household', request);
    }

    refund(request) {
      return this._call('refund', request);
    }

    window(request) {
      return this._call('window', request);
    }

    id(request) {
      return this._call('id', typeof request === 'string' ? { id_number: request } : request);
    }

    policies() {
      return JSON.parse(this.handle('policies', '{}'));
    }

    policy(request) {
      return this._call('policy', typeof request === 'string' ? { policy: request } : request);
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
  function engine() {
    if (shared === null) {
      shared = Engine.builtin();
    }
    return shared;
  }

  return {
    Engine,
    YibaoError,
    defaultEngine: () => engine(),
    loadPolicy: (text, fileName) => engine().loadPolicy(text, fileName),
    handle: (op, requestJson) => engine().handle(op, requestJson),
    quote: (request) => engine().quote(request),
    household: (request) => engine().household(request),
    refund: (request) => engine().refund(request),
    window: (request) => engine().window(request),
    id: (request) => engine().id(request),
    policies: () => engine().policies(),
    policy: (request) => engine().policy(request),
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
