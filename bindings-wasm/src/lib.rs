//! WebAssembly binding of yibao: the engine behind the npm package `yibao`.
//!
//! # Design
//! Requests and answers cross the boundary as JSON strings and go through
//! [`yibao::json::handle`], the entry point every binding shares, so an answer is
//! byte-identical to the CLI's and the C library's. The hand-written JavaScript wrapper
//! (`bindings-wasm/js/api.js`) turns them into plain objects and turns a failure — thrown
//! here as the contract's error JSON `{"error": {"code", "message"}}` — into a JS `Error`
//! with a `code` property. Keeping serde on the Rust side only keeps the module small.
//!
//! The engine is a handle ([`Engine`]) rather than global state: the wrapper keeps one
//! built-in engine for its module-level functions and lets callers make their own.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use wasm_bindgen::prelude::wasm_bindgen;

/// The module's allocator (see Cargo.toml): smaller than dlmalloc. Single-threaded wasm
/// only, as this package is built.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The policies in force and the operations of the contract (JS class `Engine`).
#[wasm_bindgen]
#[derive(Debug, Clone, Default)]
pub struct Engine {
    inner: yibao::Engine,
}

#[wasm_bindgen]
impl Engine {
    /// An engine with the built-in policies.
    pub fn builtin() -> Engine {
        Engine {
            inner: yibao::Engine::builtin(),
        }
    }

    /// An engine with no policies.
    pub fn empty() -> Engine {
        Engine {
            inner: yibao::Engine::empty(),
        }
    }

    /// Reads, validates and adds a policy file (TOML); one with the same id is replaced.
    /// Returns the policy id, or fails with the contract's error JSON.
    #[wasm_bindgen(js_name = loadPolicy)]
    pub fn load_policy(&mut self, file_name: &str, text: &str) -> Result<String, String> {
        self.inner
            .load_policy(file_name, text)
            .map_err(|e| e.to_json())
    }

    /// Runs operation `op` on a JSON request: the JSON answer, or fails with the
    /// contract's error JSON.
    pub fn handle(&self, op: &str, request: &str) -> Result<String, String> {
        handle(&self.inner, op, request)
    }
}

/// [`yibao::json::handle`] with the error as the contract's error JSON.
pub fn handle(engine: &yibao::Engine, op: &str, request: &str) -> Result<String, String> {
    yibao::json::handle(engine, op, request).map_err(|e| e.to_json())
}

/// The category ids with their Chinese names, as JSON: `[{"id": ..., "name_zh": ...}]`.
#[wasm_bindgen]
pub fn categories() -> String {
    let list: Vec<serde_json::Value> = yibao::Category::ALL
        .iter()
        .map(|c| serde_json::json!({ "id": c.id(), "name_zh": c.name_zh() }))
        .collect();
    serde_json::Value::Array(list).to_string()
}

/// The version of the library.
#[wasm_bindgen]
pub fn version() -> String {
    yibao::VERSION.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_and_errors_are_the_contract_json() {
        let e = Engine::builtin();
        let ok = e.handle(
            "window",
            r#"{"policy": "140400-2024", "date": "2023-10-26"}"#,
        );
        assert!(matches!(&ok, Ok(s) if s.contains(r#""payment_day":false"#)));
        let err = e.handle(
            "window",
            r#"{"policy": "999999-2024", "date": "2023-10-26"}"#,
        );
        assert!(matches!(&err, Err(s) if s.contains(r#""code":"unknown_policy""#)));
    }

    #[test]
    fn loads_a_policy_into_an_empty_engine() {
        let mut e = Engine::empty();
        assert!(matches!(e.handle("policies", ""), Ok(s) if s == "[]"));
        let bad = e.load_policy("x.toml", "id = ");
        assert!(matches!(&bad, Err(s) if s.contains(r#""code":"policy_syntax""#)));
    }

    #[test]
    fn lists_every_category() {
        let list = categories();
        assert_eq!(list.matches("\"id\"").count(), yibao::Category::ALL.len());
        assert!(list.contains(r#"{"id":"minimum_living","name_zh":"低保对象"}"#));
        assert_eq!(version(), yibao::VERSION);
    }
}
