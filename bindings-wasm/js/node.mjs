// Node.js entry (ES module). The WebAssembly module is loaded synchronously on import;
// `init()` exists so that code written for the browser entry runs unchanged.
import { createRequire } from 'node:module';
import { createApi, YibaoError } from './api.js';
import builtinPolicies from './policies.js';

const require = createRequire(import.meta.url);
const raw = require('./node/yibao_wasm.js');

/** Nothing to do in Node: the module is ready on import. */
export default function init() {
  return Promise.resolve();
}

/** Nothing to do in Node: the module is ready on import. */
export function initSync() {}

export { init, YibaoError };

const api = createApi(raw, () => true, builtinPolicies);
export const {
  Engine,
  loadPolicy,
  handle,
  quote,
  household,
  refund,
  window,
  id,
  policies,
  policy,
  categories,
  version,
  defaultEngine,
} = api;
