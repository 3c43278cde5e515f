//! `yibao check FILE…`: every error and lint of policy files (and case files), drawn with
//! the offending line underlined.

use super::{draw, error_finding, Finding, Severity};
use crate::input::read_text_file;
use crate::run::Exit;
use crate::words::words;
use std::path::PathBuf;
use yibao::{policy, Lang};

/// Checks each file; exit 1 when one does not load (lints alone keep exit 0).
pub fn run(files: &[PathBuf], lang: Lang) -> Exit {
    let mut failed = 0;
    for path in files {
        let name = path.display().to_string();
        let text = match read_text_file(path) {
            Ok(t) => t,
            Err(e) => {
                println!("{}", draw(&[error_finding(&e, &name, "", lang)], lang));
                failed += 1;
                continue;
            }
        };
        let (findings, summary) = check_text(&name, &text, lang);
        if findings.iter().any(|f| f.severity == Severity::Error) {
            failed += 1;
        }
        print!("{}", draw(&findings, lang));
        println!("{summary}");
    }
    if files.len() > 1 {
        let (n, bad) = (files.len(), failed);
        println!(
            "{}",
            words!(
                "共检查{n}个文件，{bad}个有错误",
                "{n} files checked, {bad} with errors"
            )
            .get(lang)
        );
    }
    if failed > 0 {
        Exit::Request
    } else {
        Exit::Ok
    }
}

/// The findings of one file's text and the line that sums it up.
pub fn check_text<'a>(name: &'a str, text: &'a str, lang: Lang) -> (Vec<Finding<'a>>, String) {
    if name.ends_with(".cases.toml") {
        return match yibao::conformance::parse_case_file(name, text) {
            Ok(cases) => {
                let n = cases.len();
                let line = words!(
                    "{name}：案例文件无误，{n}个案例（用 yibao test 运行）",
                    "{name}: case file reads, {n} cases (run them with yibao test)"
                );
                (Vec::new(), line.get(lang))
            }
            Err(e) => (
                vec![error_finding(&e, name, text, lang)],
                words!("{name}：1个错误", "{name}: 1 error").get(lang),
            ),
        };
    }
    match policy::parse_policy(name, text) {
        Err(e) => (
            vec![error_finding(&e, name, text, lang)],
            words!(
                "{name}：1个错误（改正后再检查，以发现其后的问题）",
                "{name}: 1 error (fix it and check again for any after it)"
            )
            .get(lang),
        ),
        Ok(p) => {
            let lints = policy::lint(text, &p);
            let n = lints.len();
            let findings: Vec<Finding<'a>> = lints
                .into_iter()
                .map(|l| Finding {
                    severity: Severity::Lint,
                    code: l.message.code(),
                    title: l.message.render(lang),
                    file: name,
                    text,
                    span: l.span,
                    label: l.path,
                })
                .collect();
            let id = p.id.as_str();
            let line = if n == 0 {
                words!(
                    "{name}：政策 {id} 无误",
                    "{name}: policy {id} loads, nothing to report"
                )
            } else {
                words!(
                    "{name}：政策 {id} 可以载入，{n}条提示",
                    "{name}: policy {id} loads, {n} lints"
                )
            };
            (findings, line.get(lang))
        }
    }
}
