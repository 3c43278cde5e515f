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
//!
//! This module has no TOML reader (issue #14's size budget): policies come in packed
//! ([`yibao::policy::packed`]), the built-ins from the package's data module, a user's
//! file through the policy reader module (`bindings-wasm/reader`), which the wrapper
//! loads only when a file is loaded. A packed policy is read when first asked for, so
//! an engine is ready with nothing read.
//!
//! The language of an answer is the request's `lang` (default Chinese), which the wrapper
//! sets from its `{ lang }` option when the request has none. An error is told in the
//! request's language too ([`yibao::json::request_lang`], as [`yibao::json::respond`]
//! does), or in the language the wrapper passes beside the request: the option's, where
//! the request names none or cannot be read (malformed JSON).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use wasm_bindgen::prelude::wasm_bindgen;
use yibao::Lang;

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
    /// The kept pieces of the last answer of [`Engine::handle_pieces`].
    kept: Vec<yibao::json::KeptPiece>,
}

/// A character put before a packed policy's text by the JavaScript wrapper (api.js).
/// wasm-bindgen copies a string that starts with ASCII into the module with a JavaScript
/// loop, one character at a time, until the first other character; a leading non-ASCII
/// character sends the whole text through the browser's native `TextEncoder.encodeInto`
/// instead. The 160 KB of built-ins took 10 ms through the loop in a fresh Node process,
/// most of the package's start-up (issue #14).
pub const PACKED_MARK: char = '\u{a7}';

#[wasm_bindgen]
impl Engine {
    /// An engine with no policies: the wrapper adds the built-ins to it from the
    /// package's data module (`policies.js`, packed), which this module does not embed.
    pub fn empty() -> Engine {
        Engine {
            inner: yibao::Engine::empty(),
            kept: Vec::new(),
        }
    }

    /// Adds a policy in its packed form (`yibao::policy::packed`: the package's built-ins,
    /// or what the policy reader module made of a user's file), to be read when first
    /// asked for; one with the same id is replaced. Returns the policy id, or fails with
    /// the contract's error JSON in `lang` (`zh`, the default, or `en`).
    ///
    /// The wrapper puts [`PACKED_MARK`] before the text, which is dropped here.
    #[wasm_bindgen(js_name = loadPacked)]
    pub fn load_packed(
        &mut self,
        file_name: &str,
        packed: &str,
        lang: Option<String>,
    ) -> Result<String, String> {
        let packed = packed.strip_prefix(PACKED_MARK).unwrap_or(packed);
        self.inner
            .load_packed(file_name, packed)
            .map_err(|e| e.to_json_in(lang_or_default(lang.as_deref())))
    }

    /// Adds every policy of `all`, packed, in one call (the package's built-ins,
    /// `policies.js`): one line a policy, its file name, a space and its packed form
    /// ([`Engine::load_packed`]), the whole after [`PACKED_MARK`]. Each is read when first
    /// asked for. Fails with the contract's error JSON (in Chinese) of the first policy
    /// refused, as `loadPacked` would.
    #[wasm_bindgen(js_name = loadPackedLines)]
    pub fn load_packed_lines(&mut self, all: &str) -> Result<(), String> {
        let all = all.strip_prefix(PACKED_MARK).unwrap_or(all);
        for line in all.split('\n').filter(|l| !l.is_empty()) {
            let (file, packed) = line.split_once(' ').unwrap_or((line, ""));
            self.inner
                .load_packed(file, packed)
                .map_err(|e| e.to_json_in(Lang::default()))?;
        }
        Ok(())
    }

    /// How many of the engine's policies are read (the others are still packed).
    #[wasm_bindgen(js_name = policiesRead)]
    pub fn policies_read(&self) -> usize {
        self.inner.policies_read()
    }

    /// Runs operation `op` on a JSON request: the JSON answer, or fails with the
    /// contract's error JSON, in `lang` when given, else in the request's own `lang`.
    pub fn handle(&self, op: &str, request: &str, lang: Option<String>) -> Result<String, String> {
        let lang = lang.as_deref().map(|l| lang_or_default(Some(l)));
        handle(&self.inner, op, request, lang)
    }

    /// [`Engine::handle`] with the pieces the policy keeps apart
    /// ([`yibao::json::handle_pieces`]): the answer with U+0001 where each piece goes;
    /// [`Engine::kept_serials`] and [`Engine::kept_json`] tell the pieces, until the next
    /// call. The wrapper keeps each piece's string by its serial, so that the notice's
    /// quoted clauses are decoded once, not in every answer.
    #[wasm_bindgen(js_name = handlePieces)]
    pub fn handle_pieces(
        &mut self,
        op: &str,
        request: &str,
        lang: Option<String>,
    ) -> Result<String, String> {
        let lang = lang.as_deref().map(|l| lang_or_default(Some(l)));
        self.kept.clear();
        match yibao::json::handle_pieces(&self.inner, op, request) {
            Ok(pieces) => {
                self.kept = pieces.kept;
                Ok(pieces.text)
            }
            Err(e) => Err(e.to_json_in(lang.unwrap_or_else(|| yibao::json::request_lang(request)))),
        }
    }

    /// The serials of the last answer's kept pieces, in order. A JavaScript number holds
    /// them exactly (they stay far below 2^53); they are counts, never amounts.
    #[wasm_bindgen(js_name = keptSerials)]
    pub fn kept_serials(&self) -> Vec<f64> {
        self.kept.iter().map(|k| k.serial as f64).collect()
    }

    /// The JSON of the last answer's `i`-th kept piece (empty past the last).
    #[wasm_bindgen(js_name = keptJson)]
    pub fn kept_json(&self, i: usize) -> String {
        self.kept
            .get(i)
            .map(|k| k.json().to_string())
            .unwrap_or_default()
    }
}

/// `zh` or `en`; anything else (or nothing) is the default, Chinese.
fn lang_or_default(lang: Option<&str>) -> Lang {
    lang.and_then(Lang::parse).unwrap_or_default()
}

/// [`yibao::json::handle`] with the error as the contract's error JSON, in `lang`, or
/// when none is given in the language the request asks for (what [`yibao::json::respond`]
/// answers).
pub fn handle(
    engine: &yibao::Engine,
    op: &str,
    request: &str,
    lang: Option<Lang>,
) -> Result<String, String> {
    yibao::json::handle(engine, op, request)
        .map_err(|e| e.to_json_in(lang.unwrap_or_else(|| yibao::json::request_lang(request))))
}

/// The category ids with their Chinese and English names, as JSON:
/// `[{"id": ..., "name_en": ..., "name_zh": ...}]`.
#[wasm_bindgen]
pub fn categories() -> String {
    let list: Vec<serde_json::Value> = yibao::Category::ALL
        .iter()
        .map(
            |c| serde_json::json!({ "id": c.id(), "name_zh": c.name_zh(), "name_en": c.name_en() }),
        )
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

    impl Engine {
        /// The core's built-in engine (the tests build the core with its built-ins).
        fn builtin() -> Engine {
            Engine {
                inner: yibao::Engine::builtin(),
                kept: Vec::new(),
            }
        }
    }

    #[test]
    fn a_quote_with_its_pieces_apart_is_the_answer_once_joined() {
        let mut e = Engine::builtin();
        let request = r#"{"policy":"140400-2024","paid_on":"2023-10-10","person":{"birth_date":"1980-05-01","categories":["minimum_living"]}}"#;
        let whole = e.handle("quote", request, None).unwrap_or_default();
        let text = e.handle_pieces("quote", request, None).unwrap_or_default();
        // 长治 低保: six citations, the assumption of payment_visible_after and the
        // notice's reminder, all the policy's own.
        let serials = e.kept_serials();
        assert_eq!(serials.len(), 8, "{serials:?}");
        let mut joined = String::new();
        for (i, part) in text.split('\u{1}').enumerate() {
            if i > 0 {
                joined.push_str(&e.kept_json(i - 1));
            }
            joined.push_str(part);
        }
        assert_eq!(joined, whole);
        // The same pieces, by the same serials, in the next answer.
        e.handle_pieces("quote", request, None).unwrap_or_default();
        assert_eq!(e.kept_serials(), serials);
        // An error is the contract's error JSON; other operations have no pieces.
        let err = e
            .handle_pieces("quote", "{", None)
            .err()
            .unwrap_or_default();
        assert!(err.contains("invalid_json"), "{err}");
        assert!(e.kept_serials().is_empty());
        let window = r#"{"policy": "140400-2024", "date": "2023-10-26"}"#;
        assert_eq!(
            e.handle_pieces("window", window, None),
            e.handle("window", window, None)
        );
    }

    #[test]
    fn answers_and_errors_are_the_contract_json() {
        let e = Engine::builtin();
        let ok = e.handle(
            "window",
            r#"{"policy": "140400-2024", "date": "2023-10-26"}"#,
            None,
        );
        assert!(matches!(&ok, Ok(s) if s.contains(r#""payment_day":false"#)));
        let err = e.handle(
            "window",
            r#"{"policy": "999999-2024", "date": "2023-10-26"}"#,
            None,
        );
        assert!(matches!(&err, Err(s) if s.contains(r#""code":"unknown_policy""#)));
    }

    #[test]
    fn errors_are_told_in_the_language_given_else_the_requests() {
        let e = Engine::builtin();
        let core = yibao::Engine::builtin();
        let unknown = r#"{"policy": "999999-2024", "date": "2023-10-26"}"#;
        let english = r#"{"policy": "999999-2024", "date": "2023-10-26", "lang": "en"}"#;
        // No language given beside it: the request's own, what every binding gives
        // (json::respond).
        for request in [unknown, english] {
            let (_, expected) = yibao::json::respond(&core, "window", request);
            assert_eq!(e.handle("window", request, None), Err(expected));
        }
        // The language given beside it (the wrapper's option, for a request that names
        // none or cannot be read).
        let got = e.handle("window", unknown, Some("en".into()));
        assert!(
            matches!(&got, Err(s) if s.contains("unknown policy")),
            "{got:?}"
        );
        let got = e.handle("quote", r#"{"policy": "#, Some("en".into()));
        assert!(
            matches!(&got, Err(s) if s.contains("not valid JSON")),
            "{got:?}"
        );
        let got = e.handle("quote", r#"{"policy": "#, None);
        assert!(
            matches!(&got, Err(s) if s.contains("不是有效的 JSON")),
            "{got:?}"
        );
        let mut empty = Engine::empty();
        let bad = empty.load_packed("x.toml", "id = ", Some("en".into()));
        assert!(matches!(&bad, Err(s) if s.contains(r#""code":"policy_syntax""#)));
        assert_ne!(bad, empty.load_packed("x.toml", "id = ", None));
    }

    #[test]
    fn loads_a_packed_policy_into_an_empty_engine_and_reads_it_when_asked() {
        let mut e = Engine::empty();
        assert!(matches!(e.handle("policies", "", None), Ok(s) if s == "[]"));
        let bad = e.load_packed("x.toml", "id = ", None);
        assert!(matches!(&bad, Err(s) if s.contains(r#""code":"policy_syntax""#)));
        let file = "140400-2024.toml";
        let text = yibao::policy::builtin_text(file).unwrap_or_default();
        let p = yibao::policy::parse_policy(file, text);
        let packed = p.and_then(|p| yibao::policy::packed::pack_policy(file, &p));
        let id = e.load_packed(file, &packed.unwrap_or_default(), None);
        assert_eq!(id.as_deref(), Ok("140400-2024"));
        assert_eq!(e.policies_read(), 0);
        let window = r#"{"policy": "140400-2024", "date": "2023-10-26"}"#;
        let core = yibao::Engine::builtin();
        assert_eq!(
            e.handle("window", window, None),
            yibao::json::handle(&core, "window", window).map_err(|e| e.to_json())
        );
        assert_eq!(e.policies_read(), 1);
    }

    #[test]
    fn lists_every_category() {
        let list = categories();
        assert_eq!(list.matches("\"id\"").count(), yibao::Category::ALL.len());
        assert!(list.contains(
            r#"{"id":"minimum_living","name_en":"minimum living allowance recipients","name_zh":"低保对象"}"#
        ));
        assert_eq!(version(), yibao::VERSION);
    }
}
