//! The JSON Schema of the policy format (`yibao schema`, `docs/policy.schema.json`): kept
//! current, true to every policy file the library reads, strict where the library is, and
//! named on the first line of every policy file for editors.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::yibao;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn policy_files() -> Vec<(PathBuf, &'static str)> {
    let mut files = Vec::new();
    for (dir, directive) in [
        ("core/policies", "#:schema ../../docs/policy.schema.json"),
        (
            "tests/vectors/policies",
            "#:schema ../../../docs/policy.schema.json",
        ),
    ] {
        for e in std::fs::read_dir(repo().join(dir)).unwrap() {
            let p = e.unwrap().path();
            let n = p.file_name().unwrap().to_str().unwrap().to_string();
            if n.ends_with(".toml") && !n.ends_with(".cases.toml") {
                files.push((p, directive));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn the_schema_document_is_current() {
    let run = yibao(&["schema"], b"");
    assert_eq!(run.code, 0);
    let path = repo().join("docs/policy.schema.json");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &run.stdout).unwrap();
    }
    let kept = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        kept == run.stdout,
        "docs/policy.schema.json is not the schema of the policy types: regenerate it with \
         UPDATE_DOCS=1 cargo test -p yibao-cli --test schema"
    );
}

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(&yibao(&["schema"], b"").stdout).unwrap();
    jsonschema::draft7::new(&schema).unwrap()
}

fn as_json(text: &str) -> serde_json::Value {
    let table: toml::Table = toml::from_str(text).unwrap();
    serde_json::to_value(table).unwrap()
}

#[test]
fn every_policy_file_validates_and_names_the_schema() {
    let v = validator();
    let files = policy_files();
    assert!(files.len() >= 20, "{}", files.len());
    for (path, directive) in files {
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text.lines().next(),
            Some(directive),
            "{}: the first line names the schema for editors",
            path.display()
        );
        let errors: Vec<String> = v
            .iter_errors(&as_json(&text))
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
}

#[test]
fn the_schema_refuses_what_the_library_refuses() {
    let v = validator();
    let text = std::fs::read_to_string(repo().join("core/policies/140400-2024.toml")).unwrap();
    // A key in the wrong table, an unknown key at the top, a money figure as a number.
    for bad in [
        text.replacen("[[tiers]]\n", "[[tiers]]\nfiscal = \"1.00\"\n", 1),
        format!("titel = \"x\"\n{text}"),
        text.replacen("personal = \"380.00\"", "personal = 380", 1),
    ] {
        assert!(!v.is_valid(&as_json(&bad)));
        assert!(yibao::policy::parse_policy("bad.toml", &bad).is_err());
    }
}

/// No key of a policy file is a float: money is an exact decimal string, percentages a whole
/// number or a decimal string (the reader refuses a TOML float too).
#[test]
fn no_policy_key_is_a_float() {
    let schema = yibao(&["schema"], b"").stdout;
    let value: serde_json::Value = serde_json::from_str(&schema).unwrap();
    fn walk(v: &serde_json::Value, path: &str, found: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                let number = |t: &serde_json::Value| t == "number";
                if m.get("type").is_some_and(|t| {
                    number(t) || t.as_array().is_some_and(|a| a.iter().any(number))
                }) {
                    found.push(path.to_string());
                }
                for (k, x) in m {
                    walk(x, &format!("{path}.{k}"), found);
                }
            }
            serde_json::Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    walk(x, &format!("{path}[{i}]"), found);
                }
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    walk(&value, "$", &mut found);
    assert!(found.is_empty(), "float keys: {found:?}");
    // And a float where money goes is a syntax error, never an amount.
    let text = std::fs::read_to_string(repo().join("core/policies/140400-2024.toml")).unwrap();
    let float = text.replacen("personal = \"380.00\"", "personal = 380.0", 1);
    let e = yibao::policy::parse_policy("f.toml", &float).unwrap_err();
    assert_eq!(e.code().as_str(), "policy_syntax");
}
