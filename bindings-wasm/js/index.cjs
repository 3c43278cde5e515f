// Node.js entry (CommonJS). The WebAssembly module is loaded synchronously on require;
// `init()` exists so that code written for the browser entry runs unchanged.
'use strict';
const raw = require('./node/yibao_wasm.js');
const { createApi, YibaoError } = require('./api.cjs');
const builtinPolicies = require('./policies.cjs');

// The policy reader (TOML) is a second WebAssembly module, loaded synchronously on the
// first loadPolicy.
let reader = null;
function policyReader() {
  if (reader === null) {
    reader = require('./reader/node/yibao_wasm_reader.js');
  }
  return reader;
}

function init() {
  return Promise.resolve();
}

module.exports = {
  ...createApi(raw, () => true, builtinPolicies, policyReader),
  YibaoError,
  init,
  initSync() {},
  /** Nothing to do in Node: the policy reader loads on the first loadPolicy. */
  initPolicyReader() {
    return Promise.resolve();
  },
  initPolicyReaderSync() {},
  default: init,
};
