// Browser and bundler entry (ES module). `await init()` once before any other call: it
// fetches and compiles yibao_wasm_bg.wasm next to this file (or what you pass it).
import wasmInit, { initSync as wasmInitSync } from './web/yibao_wasm.js';
import * as raw from './web/yibao_wasm.js';
import readerInit, { initSync as readerInitSync, readPolicy } from './reader/web/yibao_wasm_reader.js';
import { createApi, YibaoError } from './api.js';
import builtinPolicies from './policies.js';

let initialised = false;
let pending = null;

/** Loads the WebAssembly module; resolves once, later calls return the same promise. */
export default function init(input) {
  if (pending === null) {
    const arg = input === undefined ? undefined : { module_or_path: input };
    pending = wasmInit(arg).then(
      () => {
        initialised = true;
      },
      (cause) => {
        // A bundle that left the file behind fails here (a 404, or HTML served as wasm):
        // say which file and how to give it; a later init() tries again.
        pending = null;
        const reason = cause && cause.message ? cause.message : String(cause);
        throw new Error(
          `yibao：无法加载 WebAssembly 模块 yibao_wasm_bg.wasm（${reason}）。打包后请把 yibao/web/yibao_wasm_bg.wasm 复制到页面能访问的位置，或把它的 URL 传给 init(url)。` +
            ` — yibao: cannot load the WebAssembly module yibao_wasm_bg.wasm (${reason}). In a bundle, serve yibao/web/yibao_wasm_bg.wasm and pass its URL to init(url), or copy it next to the bundle.`,
          { cause },
        );
      },
    );
  }
  return pending;
}

/** Loads the module synchronously from its bytes or a compiled `WebAssembly.Module`. */
export function initSync(module) {
  if (!initialised) {
    wasmInitSync({ module });
    initialised = true;
    pending = Promise.resolve();
  }
}

export { init, YibaoError };

// The policy reader: a second WebAssembly module (yibao_wasm_reader_bg.wasm, the TOML
// reader), fetched only by initPolicyReader(), which loadPolicy needs first.
let readerReady = false;
let readerPending = null;

/**
 * Loads the policy reader module, which `loadPolicy` needs (the built-in policies do
 * not); resolves once, later calls return the same promise.
 */
export function initPolicyReader(input) {
  if (readerPending === null) {
    const arg = input === undefined ? undefined : { module_or_path: input };
    readerPending = readerInit(arg).then(
      () => {
        readerReady = true;
      },
      (cause) => {
        readerPending = null;
        const reason = cause && cause.message ? cause.message : String(cause);
        throw new Error(
          `yibao：无法加载读取政策文件的 WebAssembly 模块 yibao_wasm_reader_bg.wasm（${reason}）。打包后请把 yibao/reader/web/yibao_wasm_reader_bg.wasm 复制到页面能访问的位置，或把它的 URL 传给 initPolicyReader(url)。` +
            ` — yibao: cannot load the policy reader module yibao_wasm_reader_bg.wasm (${reason}). In a bundle, serve yibao/reader/web/yibao_wasm_reader_bg.wasm and pass its URL to initPolicyReader(url).`,
          { cause },
        );
      },
    );
  }
  return readerPending;
}

/** Loads the policy reader synchronously from its bytes or a compiled `WebAssembly.Module`. */
export function initPolicyReaderSync(module) {
  if (!readerReady) {
    readerInitSync({ module });
    readerReady = true;
    readerPending = Promise.resolve();
  }
}

const api = createApi(raw, () => initialised, builtinPolicies, () => (readerReady ? { readPolicy } : null));
export const {
  Engine,
  loadPolicy,
  handle,
  quote,
  household,
  refund,
  windowStatus,
  window,
  id,
  policies,
  policy,
  categories,
  version,
  defaultEngine,
} = api;
