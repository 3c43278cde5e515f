// Node.js entry (ES module): the CommonJS entry's API, re-exported, so that `import` and
// `require` in one program share one engine, one `YibaoError` class and one WebAssembly
// instance. The module is loaded synchronously; `init()` exists so that code written for
// the browser entry runs unchanged.
import api from './index.cjs';

/** Nothing to do in Node: the module is ready on import. */
export default function init() {
  return Promise.resolve();
}

/** Nothing to do in Node: the module is ready on import. */
export function initSync() {}

export { init };

export const {
  YibaoError,
  initPolicyReader,
  initPolicyReaderSync,
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
