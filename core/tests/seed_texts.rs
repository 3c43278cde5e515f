//! The built-in policies say what their notices say: every clause a file quotes
//! (`cite.text`, in pieces split at `……`) and every telephone number of its contacts is
//! found in the notice's own text (`tests/seeds/`), after white space, the OCR's `⒛` and
//! the width of punctuation are evened out. Issue #11 item 19: the coverage document
//! claims only what a test checks.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::Value;
use std::path::PathBuf;

/// Each seed policy and its notice.
const SEEDS: &[(&str, &str)] = &[
    ("231000-2023", "000_0c684147112812d6.txt"),
    ("140400-2024", "001_4c7cc9dbc1c9997a.txt"),
    ("230128-2023", "002_696665ca77d3711a.txt"),
    ("411024-2024", "003_f065f46cdc169f6e.txt"),
    ("211382-2022", "004_2eda86218fa0533a.txt"),
];

/// Quotations that are the notice's words but not its characters, each with why: a table
/// row written out as a line (the notice lays it out in cells), or a slip of the OCR the
/// quotation corrects (孤丿L for 孤儿). A new mismatch fails the test.
const NOT_VERBATIM: &[(&str, &str, &str)] = &[
    (
        "140400-2024",
        "aid[4]",
        "table rows 脱贫不稳定人员 / 边缘易致贫人员 / 突发严重困难人口 written as one line",
    ),
    (
        "140400-2024",
        "aid[5]",
        "table row 1、2级重度残疾人 written as a line",
    ),
    (
        "231000-2023",
        "tiers[0]",
        "table row 集中缴费期 with its cells and the 温馨提示 below it",
    ),
    ("211382-2022", "aid[0]", "the OCR reads 孤儿 as 孤丿L"),
    (
        "211382-2022",
        "targets[0]",
        "the sentence runs across a line the OCR broke inside 考核 (考胲)",
    ),
];

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            ',' => '，',
            ':' => '：',
            ';' => '；',
            '—' | '－' | '–' => '-',
            '“' | '”' => '"',
            c => c,
        })
        .collect::<String>()
        .replace('⒛', "20")
}

fn notice(file: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/seeds")
        .join(file);
    norm(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

fn policy(id: &str) -> Value {
    let engine = yibao::Engine::builtin();
    let answer =
        yibao::json::handle(&engine, "policy", &format!(r#"{{"policy":"{id}"}}"#)).unwrap();
    serde_json::from_str(&answer).unwrap()
}

/// Every `cite` of the file with its path (`aid[4]`), own-notice citations only.
fn cites(v: &Value, path: &str, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let at = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                if k == "cite" {
                    if let (Some(text), None) =
                        (x.get("text").and_then(Value::as_str), x.get("document"))
                    {
                        out.push((path.to_string(), text.to_string()));
                    }
                }
                cites(x, &at, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                cites(x, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_quotation_is_the_notices_words() {
    let mut wrong = Vec::new();
    let mut checked = 0;
    for (id, file) in SEEDS {
        let text = notice(file);
        let mut found = Vec::new();
        cites(&policy(id), "", &mut found);
        assert!(found.len() >= 5, "{id}: only {} quotations", found.len());
        for (path, quote) in found {
            let excused = NOT_VERBATIM.iter().any(|(p, at, _)| p == id && *at == path);
            for piece in quote.split(['…']) {
                let piece = norm(piece);
                let piece = piece.trim_matches(['。', '；', '，']);
                if piece.chars().count() < 4 {
                    continue;
                }
                checked += 1;
                if !text.contains(piece) && !excused {
                    wrong.push(format!("{id} {path}: {piece}"));
                }
            }
        }
    }
    // 71 pieces of four characters or more in the five files (counted when the test was
    // written); a quotation added or removed changes it.
    assert_eq!(checked, 71, "pieces checked");
    assert!(wrong.is_empty(), "not in the notice:\n{}", wrong.join("\n"));
    // The exceptions are still needed: each is a quotation that does not match.
    for (id, at, why) in NOT_VERBATIM {
        let (_, file) = SEEDS.iter().find(|(p, _)| p == id).unwrap();
        let text = notice(file);
        let mut found = Vec::new();
        cites(&policy(id), "", &mut found);
        let quote = &found
            .iter()
            .find(|(p, _)| p == at)
            .unwrap_or_else(|| panic!("{id} {at}"))
            .1;
        let all_in = quote
            .split(['…'])
            .map(norm)
            .all(|p| p.chars().count() < 4 || text.contains(p.trim_matches(['。', '；', '，'])));
        assert!(
            !all_in,
            "{id} {at} matches now ({why}): remove it from NOT_VERBATIM"
        );
    }
}

#[test]
fn every_telephone_number_is_in_the_notice() {
    let mut checked = 0;
    for (id, file) in SEEDS {
        let text = notice(file);
        let p = policy(id);
        for c in p["contacts"].as_array().into_iter().flatten() {
            let Some(phone) = c["phone"].as_str() else {
                continue;
            };
            for number in phone
                .split([' ', '/', '、', '，'])
                .filter(|n| !n.is_empty())
            {
                checked += 1;
                assert!(
                    text.contains(&norm(number)),
                    "{id}: {number} ({}) not in the notice",
                    c["name"]
                );
            }
        }
    }
    // 长治 14 (12366, 95113 and twelve districts and counties), 牡丹江 14, 鄢陵 6.
    assert_eq!(checked, 34, "numbers checked");
}
