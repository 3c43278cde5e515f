//! The error and warning codes of the npm package, from the core: the `ErrorCode` and
//! `WarningCode` union types of `js/yibao.d.ts` and the table of the npm README are
//! generated here from `yibao::ErrorCode::ALL` and the message catalogue
//! (`yibao::Message::templates()`), and this test fails when the checked-in files differ.
//!
//! To write them anew after a change of the core's codes or texts:
//!
//! ```text
//! UPDATE_DOCS=1 cargo test -p yibao-wasm --test codes
//! ```
//!
//! A warning code is the code of a catalogue entry under a "Warnings of …" heading of
//! `core/src/message.rs`, or of an entry the engine passes to `warn` anywhere else
//! (`nobody_enrolling`, under "Households"): both read from the core's source, so that a
//! new warning is listed without anyone listing it here.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use yibao::{ErrorCode, Lang, Message};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// One entry of the catalogue as its source declares it.
struct Entry {
    variant: String,
    code: String,
    heading: String,
}

/// The entries of `message!` in `core/src/message.rs`, in order, with their headings
/// (`// ---- Warnings of quotes ----`). Checked against `Message::templates()`, so a change
/// of the source's layout fails here rather than listing the wrong codes.
fn entries() -> Vec<Entry> {
    let text = std::fs::read_to_string(root().join("core/src/message.rs")).unwrap();
    let mut heading = String::new();
    let mut out = Vec::new();
    for line in text.lines() {
        let t = line.trim();
        if let Some(h) = t
            .strip_prefix("// ---- ")
            .and_then(|h| h.strip_suffix(" ----"))
        {
            heading = h.to_string();
            continue;
        }
        // `    Variant { field: Type, … } = "code",`
        if !line.starts_with("    ") || line.starts_with("     ") {
            continue;
        }
        let Some((decl, code)) = t.split_once(" = \"") else {
            continue;
        };
        let Some(code) = code.strip_suffix("\",") else {
            continue;
        };
        let variant = decl.split_whitespace().next().unwrap_or("");
        if !decl.ends_with('}') || !variant.starts_with(|c: char| c.is_ascii_uppercase()) {
            continue;
        }
        out.push(Entry {
            variant: variant.to_string(),
            code: code.to_string(),
            heading: heading.clone(),
        });
    }
    let templates = Message::templates();
    assert_eq!(
        out.len(),
        templates.len(),
        "core/src/message.rs: the entries read from the source are not the catalogue's"
    );
    for (e, (code, _, _)) in out.iter().zip(templates) {
        assert_eq!(&e.code, code, "core/src/message.rs: {}", e.variant);
    }
    out
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The variants the engine warns with by name: `.warn(Message::Variant`.
fn warned_variants() -> BTreeSet<String> {
    let mut files = Vec::new();
    sources(&root().join("core/src"), &mut files);
    let mut out = BTreeSet::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for part in text.split(".warn(Message::").skip(1) {
            let name: String = part
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            out.insert(name);
        }
    }
    out
}

/// The warning codes in catalogue order, each with its texts (a code may have several
/// sentences: `no_cover` has three), as `(zh, en)` pairs.
fn warnings() -> Vec<(String, Vec<(String, String)>)> {
    let warned = warned_variants();
    let entries = entries();
    for v in &warned {
        assert!(
            entries.iter().any(|e| &e.variant == v),
            "the engine warns with Message::{v}, which the catalogue's source does not declare"
        );
    }
    let mut order: Vec<String> = Vec::new();
    let mut texts: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (e, (_, zh, en)) in entries.iter().zip(Message::templates()) {
        if !(e.heading.starts_with("Warnings of") || warned.contains(&e.variant)) {
            continue;
        }
        if !texts.contains_key(&e.code) {
            order.push(e.code.clone());
        }
        texts
            .entry(e.code.clone())
            .or_default()
            .push((unescape(zh), unescape(en)));
    }
    assert!(order.len() >= 20, "only {} warning codes", order.len());
    order
        .into_iter()
        .map(|c| {
            let t = texts.remove(&c).unwrap_or_default();
            (c, t)
        })
        .collect()
}

/// A `format!` text as it reads: `{{` and `}}` are single braces.
fn unescape(s: &str) -> String {
    s.replace("{{", "{").replace("}}", "}")
}

const BEGIN_TS: &str = "// <generated: bindings-wasm/tests/codes.rs>";
const END_TS: &str = "// </generated>";
const BEGIN_MD: &str = "<!-- generated: bindings-wasm/tests/codes.rs -->";
const END_MD: &str = "<!-- /generated -->";

fn doc_line(s: &str) -> String {
    s.replace("*/", "* /")
}

/// The union types of `yibao.d.ts`.
fn typescript() -> String {
    let mut s = String::new();
    writeln!(
        s,
        "// From the core's ErrorCode::ALL and message catalogue; written by\n\
         // `UPDATE_DOCS=1 cargo test -p yibao-wasm --test codes`, never by hand."
    )
    .unwrap();
    writeln!(
        s,
        "\n/**\n * The stable error codes of the contract (`YibaoError.code`). The README lists each\n \
         * with its Chinese and English meaning; the `message` says what went wrong, in the\n \
         * request's language.\n */\nexport type ErrorCode ="
    )
    .unwrap();
    let n = ErrorCode::ALL.len();
    for (i, c) in ErrorCode::ALL.iter().enumerate() {
        writeln!(
            s,
            "  /** {} — {} */\n  | '{}'{}",
            doc_line(c.describe(Lang::Zh)),
            doc_line(c.describe(Lang::En)),
            c.as_str(),
            if i + 1 == n { ";" } else { "" }
        )
        .unwrap();
    }
    writeln!(
        s,
        "\n/**\n * The stable warning codes (`Warning.code`): something to know that is not an error.\n \
         * The README lists each with its sentences in Chinese and English (`{{…}}` is filled in).\n \
         */\nexport type WarningCode ="
    )
    .unwrap();
    let w = warnings();
    let n = w.len();
    for (i, (code, texts)) in w.iter().enumerate() {
        let (zh, en) = &texts[0];
        writeln!(
            s,
            "  /** {} — {} */\n  | '{}'{}",
            doc_line(zh),
            doc_line(en),
            code,
            if i + 1 == n { ";" } else { "" }
        )
        .unwrap();
    }
    s
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}

/// The tables of the README.
fn markdown() -> String {
    let mut s = String::new();
    writeln!(
        s,
        "Written from the core's `ErrorCode::ALL` and message catalogue by\n\
         `UPDATE_DOCS=1 cargo test -p yibao-wasm --test codes` (that test fails when this table is\n\
         out of date). `{{…}}` in a warning is filled in with the figures of the answer.\n\n\
         #### Error codes (`ErrorCode`, `YibaoError.code`)\n\n\
         | code | 中文 | English |\n|---|---|---|"
    )
    .unwrap();
    for c in ErrorCode::ALL {
        writeln!(
            s,
            "| `{}` | {} | {} |",
            c.as_str(),
            cell(c.describe(Lang::Zh)),
            cell(c.describe(Lang::En))
        )
        .unwrap();
    }
    writeln!(
        s,
        "\n#### Warning codes (`WarningCode`, `Warning.code`)\n\n\
         | code | 中文 | English |\n|---|---|---|"
    )
    .unwrap();
    for (code, texts) in warnings() {
        let zh: Vec<String> = texts.iter().map(|(z, _)| cell(z)).collect();
        let en: Vec<String> = texts.iter().map(|(_, e)| cell(e)).collect();
        writeln!(
            s,
            "| `{code}` | {} | {} |",
            zh.join("<br>"),
            en.join("<br>")
        )
        .unwrap();
    }
    s
}

/// `file` with the text between `begin` and `end` replaced by `body`.
fn spliced(file: &str, begin: &str, end: &str, body: &str) -> String {
    let (head, rest) = file
        .split_once(begin)
        .unwrap_or_else(|| panic!("no {begin} marker"));
    let (_, tail) = rest
        .split_once(end)
        .unwrap_or_else(|| panic!("no {end} marker"));
    format!("{head}{begin}\n{body}{end}{tail}")
}

fn check(path: &str, begin: &str, end: &str, body: &str) {
    let full = root().join(path);
    let now = std::fs::read_to_string(&full).unwrap();
    let want = spliced(&now, begin, end, body);
    if now == want {
        return;
    }
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&full, want).unwrap();
        return;
    }
    panic!(
        "{path} is out of date with the core's codes: run\n  \
         UPDATE_DOCS=1 cargo test -p yibao-wasm --test codes\nand commit the result"
    );
}

#[test]
fn the_typescript_union_types_are_the_cores_codes() {
    check(
        "bindings-wasm/js/yibao.d.ts",
        BEGIN_TS,
        END_TS,
        &typescript(),
    );
}

#[test]
fn the_readme_table_is_the_cores_codes() {
    check("bindings-wasm/README.md", BEGIN_MD, END_MD, &markdown());
}

#[test]
fn warnings_and_errors_are_told_apart() {
    let errors: BTreeSet<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    let warnings: Vec<String> = warnings().into_iter().map(|(c, _)| c).collect();
    // What the engine is known to warn (design and vectors); the rest come along by heading.
    for c in [
        "no_cover",
        "pays_fiscal_share",
        "policy_estimate",
        "notice_reminder",
        "nobody_enrolling",
        "refund_capped",
    ] {
        assert!(warnings.iter().any(|w| w == c), "{c} is no warning code");
    }
    for w in &warnings {
        assert!(!errors.contains(w.as_str()), "{w} is an error code too");
    }
}
