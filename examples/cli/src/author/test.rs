//! `yibao test [DIR]`: the case files of a folder against its policies and the built-ins.

use super::{draw, error_finding, files_in};
use crate::input::read_text_file;
use crate::pretty;
use crate::run::Exit;
use crate::words::words;
use std::collections::BTreeSet;
use std::path::Path;
use yibao::conformance::{mismatch, parse_case_file, Case, MismatchKind};
use yibao::{Engine, Lang};

/// Loads every policy file of `dir` over the built-ins, runs every case file of `dir`,
/// prints each case that differs and a summary; exit 1 when a file does not load, a case
/// differs, two cases share a name, or `dir` has no case at all.
pub fn run(dir: &Path, lang: Lang) -> Exit {
    let shown = dir.display().to_string();
    let listed = files_in(dir, ".toml", Some(".cases.toml"))
        .and_then(|p| Ok((p, files_in(dir, ".cases.toml", None)?)));
    let Ok((policies, case_files)) = listed else {
        eprintln!(
            "yibao test: {}",
            words!("无法读取目录 {shown}", "cannot read the folder {shown}").get(lang)
        );
        return Exit::Request;
    };
    let mut engine = Engine::builtin();
    let mut broken = 0usize;
    let mut ids = BTreeSet::new();
    for path in &policies {
        let name = path.display().to_string();
        let loaded = read_text_file(path).and_then(|text| {
            engine.load_policy(&name, &text).inspect_err(|e| {
                print!("{}", draw(&[error_finding(e, &name, &text, lang)], lang));
            })
        });
        match loaded {
            Ok(id) => {
                ids.insert(id);
            }
            Err(e) => {
                if !matches!(
                    e.what(),
                    yibao::Message::PolicySyntax { .. } | yibao::Message::PolicyInvalid { .. }
                ) {
                    println!("{}", e.text(lang));
                }
                broken += 1;
            }
        }
    }
    let (mut passed, mut failed) = (0usize, 0usize);
    let mut names = BTreeSet::new();
    let mut tested = BTreeSet::new();
    for path in &case_files {
        let name = path.display().to_string();
        let cases = match read_text_file(path).and_then(|text| {
            parse_case_file(&name, &text).inspect_err(|e| {
                print!("{}", draw(&[error_finding(e, &name, &text, lang)], lang));
            })
        }) {
            Ok(c) => c,
            Err(e) => {
                if !matches!(e.what(), yibao::Message::PolicySyntax { .. }) {
                    println!("{}", e.text(lang));
                }
                broken += 1;
                continue;
            }
        };
        let (mut ok, mut bad) = (0usize, 0usize);
        for case in &cases {
            if let Some(p) = case.request.get("policy").and_then(|p| p.as_str()) {
                tested.insert(p.to_string());
            }
            let report = if names.insert(case.name.clone()) {
                run_case(&engine, case, lang)
            } else {
                let n = &case.name;
                Some(words!("案例名称重复：{n}", "two cases are named {n}").get(lang))
            };
            match report {
                None => ok += 1,
                Some(r) => {
                    println!("{r}\n");
                    bad += 1;
                }
            }
        }
        let total = ok + bad;
        println!(
            "{}",
            if bad == 0 {
                words!(
                    "{name}：{total}个案例全部相符",
                    "{name}: all {total} cases agree"
                )
            } else {
                words!(
                    "{name}：{total}个案例，{bad}个不符",
                    "{name}: {total} cases, {bad} differ"
                )
            }
            .get(lang)
        );
        passed += ok;
        failed += bad;
    }
    for id in ids.difference(&tested) {
        println!(
            "{}",
            words!(
                "提示：政策 {id} 没有案例（写一个 {id}.cases.toml，见 docs/cases.md）",
                "note: policy {id} has no cases (write {id}.cases.toml, see docs/cases.md)"
            )
            .get(lang)
        );
    }
    let total = passed + failed;
    let summary = words!(
        "共{total}个案例：{passed}个相符，{failed}个不符；{broken}个文件无法载入",
        "{total} cases: {passed} agree, {failed} differ; {broken} files do not load"
    );
    println!("{}", summary.get(lang));
    if total == 0 {
        println!(
            "{}",
            words!(
                "{shown} 中没有案例文件（*.cases.toml）",
                "{shown} holds no case file (*.cases.toml)"
            )
            .get(lang)
        );
        return Exit::Request;
    }
    if failed > 0 || broken > 0 {
        Exit::Request
    } else {
        Exit::Ok
    }
}

/// `None` when the answer agrees with the case; else what to print.
fn run_case(engine: &Engine, case: &Case, lang: Lang) -> Option<String> {
    let request = case.request_text();
    let (_, answer) = yibao::json::respond(engine, &case.op, &request);
    let value: serde_json::Value = serde_json::from_str(&answer).unwrap_or_default();
    let m = mismatch(&case.expected, &value)?;
    let (name, clause, path) = (&case.name, &case.source, &m.path);
    let what = match (&m.kind, lang) {
        (MismatchKind::Missing, Lang::Zh) => format!("{path}：答复中没有这一项"),
        (MismatchKind::Missing, Lang::En) => format!("{path}: not in the answer"),
        (MismatchKind::Length { expected, found }, Lang::Zh) => {
            format!("{path}：应有{expected}项，答复有{found}项")
        }
        (MismatchKind::Length { expected, found }, Lang::En) => {
            format!("{path}: {expected} elements expected, {found} in the answer")
        }
        (MismatchKind::Value { expected, found }, Lang::Zh) => {
            format!("{path}：通知为 {expected}，计算结果为 {found}")
        }
        (MismatchKind::Value { expected, found }, Lang::En) => {
            format!("{path}: the notice says {expected}, the library gives {found}")
        }
    };
    let op = &case.op;
    let shown_request = pretty::indent(&request);
    let shown_answer = pretty::indent(&answer);
    Some(
        words!(
            "不符：{name}（{clause}）\n  {what}\n  请求（{op}）：{shown_request}\n  答复：{shown_answer}",
            "differs: {name} ({clause})\n  {what}\n  request ({op}): {shown_request}\n  answer: {shown_answer}"
        )
        .get(lang),
    )
}
