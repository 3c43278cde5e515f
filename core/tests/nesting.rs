//! Deeply nested input must give an error, never overflow a small thread stack: a bank's
//! counter process may load a policy file or answer a request on a thread with a 64 KiB
//! or smaller stack (issue #15 item 5). toml's parser recurses once per level of arrays
//! and inline tables, so the policy reader refuses more than `MAX_NESTING` levels before
//! parsing; JSON requests are typed, so a nested value fails at its first level (and
//! serde_json stops at 128 levels anyway).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use yibao::policy::{parse_policy, MAX_NESTING};

/// Runs `f` on a thread with a small stack. Debug builds (the tests) use several times the
/// stack of the release build: this size is what toml's parser overflowed at 100 levels
/// in a debug build, and the release build at 30 levels on 32 KiB.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .expect("no overflow, no panic")
}

fn nested(open: &str, inner: &str, close: &str, depth: usize) -> String {
    format!(
        "id = \"140400-2024\"\nfoo = {}{inner}{}\n",
        open.repeat(depth),
        close.repeat(depth)
    )
}

#[test]
fn deep_arrays_and_inline_tables_are_a_syntax_error() {
    for (open, inner, close) in [("[", "", "]"), ("{a=", "1", "}")] {
        // 50 000 levels: under the file size limit (a deeper file is refused by its size).
        for depth in [MAX_NESTING + 1, 100, 50_000] {
            let text = nested(open, inner, close, depth);
            let err = on_small_stack(move || parse_policy("deep.toml", &text).unwrap_err());
            assert_eq!(err.code().as_str(), "policy_syntax");
            let m = err.message();
            // The position is the first bracket past the limit (line 2, after `foo = `).
            let column = 7 + MAX_NESTING * open.len();
            assert!(m.starts_with(&format!("deep.toml:2:{column}:")), "{m}");
            assert!(
                m.contains(&format!("nested more than {MAX_NESTING} levels")),
                "{m}"
            );
        }
        // At the limit the file is read as usual: here, an unknown key.
        let text = nested(open, inner, close, MAX_NESTING);
        let err = on_small_stack(move || parse_policy("ok.toml", &text).unwrap_err());
        assert!(!err.message().contains("nested"), "{}", err.message());
    }
}

#[test]
fn brackets_in_strings_and_comments_do_not_count() {
    let deep = "[".repeat(50);
    let text = yibao::policy::BUILTIN[0].1;
    for extra in [
        format!("# {deep}\n"),
        format!("x1 = \"{deep}\"\n"),
        format!("x2 = '{deep}'\n"),
        format!("x3 = \"\"\"\n{deep}\n\"\"\"\n"),
        format!("x4 = '''\n{deep}\n'''\n"),
        format!("x5 = \"\\\"{deep}\"\n"),
    ] {
        let text = format!("{extra}{text}");
        let err = parse_policy("s.toml", &text).err();
        // The comment is no key; the others are unknown keys, told as such.
        assert!(
            err.as_ref().is_none_or(|e| !e.message().contains("nested")),
            "{extra}: {err:?}"
        );
    }
}

#[test]
fn every_builtin_policy_is_within_the_limit() {
    for (name, text) in yibao::policy::BUILTIN {
        let text = text.to_string();
        on_small_stack(move || parse_policy(name, &text).map(|_| ()).unwrap());
    }
}

#[test]
fn deep_json_requests_are_an_error_on_a_small_stack() {
    let engine = std::sync::Arc::new(yibao::Engine::builtin());
    for body in [
        format!("\"person\":{}{}", "[".repeat(100_000), "]".repeat(100_000)),
        format!(
            "\"person\":{}1{}",
            "{\"a\":".repeat(100_000),
            "}".repeat(100_000)
        ),
        format!("\"x\":{}{}", "[".repeat(100_000), "]".repeat(100_000)),
        format!("\"lang\":{}{}", "[".repeat(100_000), "]".repeat(100_000)),
    ] {
        let request = format!("{{\"policy\":\"140400-2024\",\"paid_on\":\"2023-10-10\",{body}}}");
        let e = engine.clone();
        let (ok, answer) = on_small_stack(move || yibao::json::respond(&e, "quote", &request));
        assert!(!ok);
        assert!(
            answer.starts_with("{\"error\":{\"code\":\"invalid_"),
            "{answer:.200}"
        );
    }
}
