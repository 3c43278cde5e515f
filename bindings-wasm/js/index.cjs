// Node.js entry (CommonJS). The WebAssembly module is loaded synchronously on require;
// `init()` exists so that code written for the browser entry runs unchanged.
'use strict';
const raw = require('./node/yibao_wasm.js');
const { createApi, YibaoError } = require('./api.cjs');
const builtinPolicies = require('./policies.cjs');

function init() {
  return Promise.resolve();
}

module.exports = {
  ...createApi(raw, () => true, builtinPolicies),
  YibaoError,
  init,
  initSync() {},
  default: init,
};
