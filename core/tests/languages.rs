//! Chinese first (issue #12): every conformance vector, and an example of every error
//! code, answered in Chinese holds no English phrase, and answered in English no Chinese
//! sentence outside the notice's own words (citations, quoted text) and names.
//!
//! The rules are `yibao::lang::english_phrase` (three or more Latin words in a row, ids and
//! codes aside) and `yibao::lang::chinese_sentence` (ten or more Chinese characters in a
//! row outside “…”, （…）, 〔…〕).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::{json, Value};
use std::path::PathBuf;
use yibao::conformance::{parse_file, Case};
use yibao::lang::{chinese_sentence, english_phrase};
use yibao::{ErrorCode, Lang};

#[path = "../../tests/vectors/fixtures.rs"]
mod fixtures;

fn engine() -> yibao::Engine {
    yibao::conformance::engine_with(fixtures::fixture_policies()).unwrap()
}

/// Keys whose values are the notice's own words or names: Chinese in an English answer
/// too. (`zh` is the Chinese half of a policy text; `en` the English half, skipped in a
/// Chinese answer.)
fn exempt_in_english(key: &str) -> bool {
    key == "zh"
        || key.ends_with("name")
        || matches!(
            key,
            "title"
                | "issuer"
                | "address"
                | "area"
                | "phone"
                | "document_number"
                | "citations"
                | "cite"
                | "document"
                | "clause"
                | "group"
                | "categories"
        )
}

fn walk(v: &Value, path: &str, lang: Lang, hits: &mut Vec<String>) {
    match v {
        Value::String(s) => {
            let hit = match lang {
                Lang::Zh => english_phrase(s).map(str::to_string),
                Lang::En => chinese_sentence(s),
            };
            if let Some(h) = hit {
                hits.push(format!("{path}: {h:?} in {s:?}"));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, &format!("{path}[{i}]"), lang, hits);
            }
        }
        Value::Object(m) => {
            for (k, item) in m {
                let skip = match lang {
                    Lang::Zh => k == "en",
                    // A notice's reminder is its own words, quoted in the message.
                    Lang::En => exempt_in_english(k),
                };
                if !skip {
                    walk(item, &format!("{path}.{k}"), lang, hits);
                }
            }
        }
        _ => {}
    }
}

/// A request of the error examples in `lang`, as the vectors' cases are asked.
fn in_lang(op: &str, request: Value, lang: Lang) -> Option<String> {
    Case {
        name: String::new(),
        source: String::new(),
        op: op.to_string(),
        request,
        raw_request: None,
        expected: Value::Null,
    }
    .request_in(lang)
}

#[test]
fn every_vector_speaks_the_language_asked() {
    let engine = engine();
    let mut hits = Vec::new();
    let mut answers = 0;
    for f in fixtures::vector_files() {
        for case in fixtures::cases_of(&f, parse_file) {
            // A case that names its language is answered in it only.
            for lang in Lang::ALL {
                let Some(request) = case.request_in(*lang) else {
                    continue;
                };
                let (_, answer) = yibao::json::respond(&engine, &case.op, &request);
                let value: Value = serde_json::from_str(&answer).unwrap();
                let before = hits.len();
                walk(&value, "$", *lang, &mut hits);
                for h in hits.iter_mut().skip(before) {
                    *h = format!("{} [{}] {h}", case.name, lang.as_str());
                }
                answers += 1;
            }
        }
    }
    assert!(answers > 200, "only {answers} answers");
    assert!(
        hits.is_empty(),
        "{} texts in the wrong language:\n{}",
        hits.len(),
        hits.join("\n")
    );
}

/// One request that gives each error code.
fn error_examples() -> Vec<(ErrorCode, &'static str, String)> {
    let q = |person: &str, paid_on: &str, policy: &str| {
        format!(r#"{{"policy":"{policy}","paid_on":"{paid_on}","person":{person}}}"#)
    };
    vec![
        (ErrorCode::InvalidJson, "quote", "{\"policy\":".into()),
        (ErrorCode::InvalidRequest, "quote", r#"{"policy":"140400-2024","paid_on":"2023-10-10","person":{"birth_date":"1980-05-01","catgories":[]}}"#.into()),
        (ErrorCode::InvalidRequest, "quote", r#"{"policy":"140400-2024","paid_on":"2023-10-10"}"#.into()),
        (ErrorCode::InvalidRequest, "quote", r#"{"policy":"140400-2024","paid_on":"2023-10-10","person":{"birth_date":"1980-05-01","transfer":"yes"}}"#.into()),
        (ErrorCode::InvalidRequest, "refund", r#"{"policy":"140400-2024","person":{"birth_date":"1980-05-01"},"payment":{"paid_on":"2023-10-10","amount":"-1"},"reason":"death","event_on":"2024-02-01"}"#.into()),
        (ErrorCode::InvalidRequest, "refund", r#"{"policy":"140400-2024","person":{"birth_date":"1980-05-01"},"payment":{"paid_on":"2023-10-10","amount":"380.00"},"reason":"moved","event_on":"2024-02-01"}"#.into()),
        (ErrorCode::InvalidRequest, "quote", q(r#"{}"#, "2023-10-10", "140400-2024")),
        (ErrorCode::UnknownPolicy, "quote", q(r#"{"birth_date":"1980-05-01"}"#, "2023-10-10", "999999-2024")),
        (ErrorCode::UnknownCategory, "quote", q(r#"{"birth_date":"1980-05-01","categories":["dibao"]}"#, "2023-10-10", "140400-2024")),
        (ErrorCode::InvalidDate, "quote", q(r#"{"birth_date":"1980-02-30"}"#, "2023-10-10", "140400-2024")),
        (ErrorCode::NoWindow, "quote", q(r#"{"birth_date":"1980-05-01"}"#, "2023-06-10", "140400-2024")),
        (ErrorCode::NotPaymentDay, "quote", q(r#"{"birth_date":"1980-05-01"}"#, "2023-10-26", "140400-2024")),
        (ErrorCode::InvalidId, "quote", q(r#"{"id_number":"110105194912310021"}"#, "2023-10-10", "140400-2024")),
        (ErrorCode::BirthAfterPayment, "quote", q(r#"{"birth_date":"2023-11-01"}"#, "2023-10-10", "140400-2024")),
        (ErrorCode::HouseholdIncomplete, "household", r#"{"policy":"211382-2022","paid_on":"2022-02-15","members":[{"birth_date":"1980-05-01"},{"birth_date":"1982-05-01","enrolling":false}]}"#.into()),
        (ErrorCode::UnknownOperation, "quot", "{}".into()),
        (ErrorCode::AmbiguousCategory, "quote", q(r#"{"birth_date":"1980-05-01","categories":["monitored_at_risk"]}"#, "2023-10-10", "999901-2024")),
        (ErrorCode::InvalidGrade, "quote", q(r#"{"birth_date":"1980-05-01"}"#, "2024-10-10", "510100-2025")),
    ]
}

#[test]
fn every_error_code_speaks_the_language_asked() {
    let engine = engine();
    let mut seen = std::collections::BTreeSet::new();
    let mut hits = Vec::new();
    for (code, op, request) in error_examples() {
        for lang in Lang::ALL {
            // The language as the request gives it; a request that cannot be read is
            // answered in Chinese, the default.
            let request = match serde_json::from_str::<Value>(&request) {
                Ok(v) => in_lang(op, v, *lang).unwrap(),
                Err(_) => request.clone(),
            };
            let (ok, answer) = yibao::json::respond(&engine, op, &request);
            assert!(!ok, "{op} {request}: {answer}");
            let v: Value = serde_json::from_str(&answer).unwrap();
            assert_eq!(v["error"]["code"], code.as_str(), "{request}: {answer}");
            seen.insert(code.as_str());
            let message = v["error"]["message"].as_str().unwrap();
            let hit = match lang {
                Lang::Zh => english_phrase(message).map(str::to_string),
                Lang::En => chinese_sentence(message),
            };
            if let Some(h) = hit {
                hits.push(format!(
                    "{} [{}]: {h:?} in {message}",
                    code.as_str(),
                    lang.as_str()
                ));
            }
            // Chinese answers are Chinese, English ones are not.
            let han = message.chars().any(yibao::lang::is_han);
            if *lang == Lang::Zh && code != ErrorCode::InvalidJson {
                assert!(han, "{}: {message}", code.as_str());
            }
        }
    }
    // Every code but the two a policy file gives (below) has its request here.
    for code in ErrorCode::ALL {
        if !matches!(code, ErrorCode::PolicySyntax | ErrorCode::PolicyInvalid) {
            assert!(
                seen.contains(code.as_str()),
                "no example of {}",
                code.as_str()
            );
        }
    }
    // Policy files: the common syntax errors and a contradiction, in both languages.
    let text = yibao::policy::builtin_text("140400-2024.toml").unwrap();
    let broken = [
        text.replacen(
            "payer = \"personal_and_fiscal\"",
            "payer = \"personal_and_fiscal\"\nwait = 3",
            1,
        ),
        text.replacen("personal = \"380.00\"", "", 1),
        text.replacen("benefit_year = 2024", "benefit_year = \"2024\"", 1),
        text.replacen("from = \"2023-12-26\"", "from = \"2023-12-20\"", 1),
        text.replacen("name = \"特困人员\"", "name = \"the notice's own name\"", 1),
        "id = \n".to_string(),
    ];
    for b in &broken {
        let e = match yibao::policy::parse_policy("p.toml", b) {
            Err(e) => e,
            Ok(_) => panic!("should not load: {}", b.get(..200).unwrap_or(b)),
        };
        for lang in Lang::ALL {
            let message = e.text(*lang);
            let hit = match lang {
                Lang::Zh => english_phrase(&message).map(str::to_string),
                Lang::En => chinese_sentence(&message),
            };
            // `id = ` is not TOML at all: the reader's own words are kept in brackets.
            if b != "id = \n" {
                assert_eq!(hit, None, "[{}] {message}", lang.as_str());
            }
        }
    }
    assert!(hits.is_empty(), "{}", hits.join("\n"));
}

#[test]
fn the_language_changes_words_not_figures() {
    // 长治 late payment: 380 + 640 = 1020, with the warning in each language.
    let engine = engine();
    let ask = |lang: &str| {
        let req = json!({"policy": "140400-2024", "paid_on": "2024-01-10",
            "person": {"birth_date": "1980-05-01"}, "lang": lang});
        let (ok, a) = yibao::json::respond(&engine, "quote", &req.to_string());
        assert!(ok, "{a}");
        serde_json::from_str::<Value>(&a).unwrap()
    };
    let (zh, en) = (ask("zh"), ask("en"));
    for k in [
        "total",
        "personal_due",
        "fiscal_share_paid_by_person",
        "benefit_start",
        "basis",
    ] {
        assert_eq!(zh[k], en[k], "{k}");
    }
    assert_eq!(zh["personal_due"], "1020.00");
    assert_eq!(zh["benefit_start"], "2024-04-11");
    let warning = |v: &Value, code: &str| {
        v["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|w| w["code"] == code)
            .map(|w| w["message"].as_str().unwrap().to_string())
            .unwrap()
    };
    assert_eq!(
        warning(&zh, "pays_fiscal_share"),
        "在集中征缴期外缴费：财政补助部分（640.00元）也由个人缴纳"
    );
    assert_eq!(
        warning(&en, "pays_fiscal_share"),
        "paid outside the collection window: the person pays the fiscal share (640.00) as well"
    );
    assert_eq!(zh["window"]["name"], "集中征缴期后补缴");
    assert_eq!(
        en["window"]["name"],
        "late payment after the collection window"
    );
    // The default is Chinese: no `lang` is `zh`, byte for byte.
    let req = json!({"policy": "140400-2024", "paid_on": "2024-01-10",
        "person": {"birth_date": "1980-05-01"}});
    let (_, default) = yibao::json::respond(&engine, "quote", &req.to_string());
    assert_eq!(serde_json::from_str::<Value>(&default).unwrap(), zh);
    // An unknown language is a clear error, in Chinese.
    let req = json!({"policy": "140400-2024", "paid_on": "2024-01-10",
        "person": {"birth_date": "1980-05-01"}, "lang": "fr"});
    let (ok, e) = yibao::json::respond(&engine, "quote", &req.to_string());
    assert!(!ok);
    assert!(e.contains("invalid_request") && e.contains("lang"), "{e}");
}

/// `docs/messages.md` is the catalogue as people read it: every error code and every
/// message with its Chinese and English text. It is generated from the code and kept
/// current by this test (`UPDATE_DOCS=1 cargo test -p yibao --test languages` rewrites it).
#[test]
fn the_catalogue_document_is_current() {
    let mut doc = String::from(
        "# Messages (消息目录)\n\n\
         Generated from `core/src/message.rs` and `core/src/error.rs` by\n\
         `core/tests/languages.rs`; do not edit by hand (`UPDATE_DOCS=1 cargo test -p yibao\n\
         --test languages` rewrites it). Every answer gives its texts in the request's\n\
         language: `\"lang\": \"zh\"` (the default) or `\"en\"`. `{…}` are the arguments.\n\n\
         ## Error codes (错误代码)\n\n\
         | number | code | 中文 | English |\n|---|---|---|---|\n",
    );
    for c in ErrorCode::ALL {
        doc.push_str(&format!(
            "| {} | `{}` | {} | {} |\n",
            c.number(),
            c.as_str(),
            c.describe(Lang::Zh),
            c.describe(Lang::En)
        ));
    }
    doc.push_str(
        "\n## Messages (消息)\n\n\
         Warnings carry the code of their message (`warnings[].code`); an error's message\n\
         is one of these under its error code.\n\n\
         | code | 中文 | English |\n|---|---|---|\n",
    );
    let cell = |t: &str| t.replace('|', "\\|").replace("{{", "{").replace("}}", "}");
    for (code, zh, en) in yibao::Message::templates() {
        doc.push_str(&format!("| `{code}` | {} | {} |\n", cell(zh), cell(en)));
    }
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/messages.md");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &doc).unwrap();
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == doc,
        "docs/messages.md is out of date: run UPDATE_DOCS=1 cargo test -p yibao --test languages"
    );
}
