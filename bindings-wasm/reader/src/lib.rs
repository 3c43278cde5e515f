//! The policy reader of the npm package `yibao`: a policy file (TOML) read, validated and
//! packed ([`yibao::policy::packed`]) for the main module's engine.
//!
//! # Design
//! The main module answers every operation but has no TOML reader, which is a third of
//! its code (issue #14: the browser entry at most 200 000 bytes gzipped). Reading a
//! user's policy file is rarer than quoting, so the reader is this second module, which
//! the package's JavaScript loads only when a file is loaded (`loadPolicy`; in a browser
//! after `await initPolicyReader()`). The build uses it too: the package's built-in
//! policies are the files of `core/policies/` packed by this module (scripts/build-wasm.sh).
//!
//! It reads with the core's own [`yibao::policy::parse_policy`], so a file is accepted or
//! refused, with the same error JSON, as by every other binding.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use wasm_bindgen::prelude::wasm_bindgen;
use yibao::Lang;

/// The module's allocator (see Cargo.toml). Single-threaded wasm only.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Reads and validates the policy file `text` (named `file_name` in messages) and gives
/// it packed, for the main module's `Engine.loadPacked`; or fails with the contract's
/// error JSON in `lang` (`zh`, the default, or `en`).
#[wasm_bindgen(js_name = readPolicy)]
pub fn read_policy(file_name: &str, text: &str, lang: Option<String>) -> Result<String, String> {
    yibao::policy::parse_policy(file_name, text)
        .and_then(|p| yibao::policy::packed::pack_policy(file_name, &p))
        .map_err(|e| e.to_json_in(lang.as_deref().and_then(Lang::parse).unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_the_core_reads_and_refuses_what_it_refuses() {
        for (file, text) in yibao::policy::BUILTIN {
            let packed = read_policy(file, text, None);
            let mut e = yibao::Engine::empty();
            let id = packed.as_ref().map(|p| e.load_packed(file, p).is_ok());
            assert_eq!(id, Ok(true), "{file}");
        }
        let core = yibao::policy::parse_policy("x.toml", "id = ").map(|_| ());
        let en = core.as_ref().map_err(|e| e.to_json_in(Lang::En)).copied();
        let got = read_policy("x.toml", "id = ", Some("en".into())).map(|_| ());
        assert_eq!(got, en);
        let zh = core.map_err(|e| e.to_json());
        assert_eq!(read_policy("x.toml", "id = ", None).map(|_| ()), zh);
    }
}
