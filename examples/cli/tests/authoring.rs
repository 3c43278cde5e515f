//! The analyst's kit through the binary: `yibao test` on the built-ins' case files,
//! `yibao check` on broken copies of every built-in (the offending line printed and
//! underlined), and `yibao new`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::yibao;
use std::path::{Path, PathBuf};

fn policies_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../core/policies")
}

/// A scratch directory of this test, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("yibao-authoring-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn builtins() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(policies_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_str().unwrap();
            n.ends_with(".toml") && !n.ends_with(".cases.toml")
        })
        .map(|p| {
            let name = p.file_name().unwrap().to_str().unwrap().to_string();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_builtins_case_file_agrees_with_its_policy() {
    let dir = policies_dir();
    let run = yibao(&["test", dir.to_str().unwrap()], b"");
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    // One line per case file, every case agreeing; a case file for every built-in.
    for (name, _) in builtins() {
        let cases = name.replace(".toml", ".cases.toml");
        assert!(
            run.stdout
                .lines()
                .any(|l| l.ends_with("全部相符") && l.contains(&cases)),
            "{cases}:\n{}",
            run.stdout
        );
    }
    assert!(!run.stdout.contains("没有案例"), "{}", run.stdout);
    let total: usize = run
        .stdout
        .lines()
        .last()
        .and_then(|l| l.strip_prefix('共'))
        .and_then(|l| l.split('个').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(total >= 250, "{total}");
    // English on request.
    let en = yibao(&["test", dir.to_str().unwrap(), "--lang", "en"], b"");
    assert_eq!(en.code, 0);
    assert!(en.stdout.contains("cases agree"), "{}", en.stdout);
}

/// Checks a broken copy; returns what was printed.
fn check_broken(scratch: &Scratch, name: &str, text: &str, exit: i32) -> String {
    let path = scratch.0.join(name);
    std::fs::write(&path, text).unwrap();
    let run = yibao(&["check", path.to_str().unwrap()], b"");
    assert_eq!(run.code, exit, "{name}: {}{}", run.stdout, run.stderr);
    run.stdout
}

/// The printed source line holding `needle`, and the underline below it.
fn underlined<'a>(out: &'a str, needle: &str) -> (&'a str, &'a str) {
    let lines: Vec<&str> = out.lines().collect();
    let i = lines
        .iter()
        .position(|l| l.contains(needle) && l.contains(" | "))
        .unwrap_or_else(|| panic!("{needle:?} not shown in:\n{out}"));
    (lines[i], lines[i + 1])
}

#[test]
fn check_shows_the_offending_line_of_every_broken_builtin() {
    let scratch = Scratch::new("check");
    for (name, text) in builtins() {
        // 1. A key where it does not belong: `fiscal` under the first payment period.
        let misplaced = text.replacen("[[tiers]]\n", "[[tiers]]\nfiscal = \"1.00\"\n", 1);
        let out = check_broken(&scratch, &name, &misplaced, 1);
        let (line, under) = underlined(&out, "fiscal = \"1.00\"");
        assert!(under.contains('^'), "{name}: {line}\n{under}");
        assert!(
            out.contains("政策文件此处不能有键 `fiscal`"),
            "{name}:\n{out}"
        );
        assert!(out.contains("[policy_syntax]"), "{name}:\n{out}");

        // 2. A date that does not exist: the first period's first day on 30 February.
        let from = text
            .lines()
            .find(|l| l.starts_with("from = \""))
            .unwrap_or_else(|| panic!("{name}: no from"));
        let bad = text.replacen(from, "from = \"2025-02-30\"", 1);
        let out = check_broken(&scratch, &name, &bad, 1);
        let (_, under) = underlined(&out, "from = \"2025-02-30\"");
        assert!(under.contains("^^^^^^^^^^^^"), "{name}:\n{out}");
        assert!(out.contains("日期无效"), "{name}:\n{out}");

        // 3. A second telephone number in one field: a lint, the file still loads.
        let two = match text.lines().find(|l| l.starts_with("phone = \"")) {
            Some(phone) => {
                let second = format!("{}、0000-7654321\"", phone.trim_end_matches('"'));
                text.replacen(phone, &second, 1)
            }
            None => format!(
                "{text}\n[[contacts]]\nkind = \"hotline\"\nname = \"热线\"\nphone = \"12393、0000-7654321\"\n"
            ),
        };
        let out = check_broken(&scratch, &name, &two, 0);
        let (line, under) = underlined(&out, "0000-7654321");
        assert!(under.contains('^'), "{name}: {line}\n{under}");
        assert!(out.contains("[lint_phone_holds_several]"), "{name}:\n{out}");
        assert!(out.contains("可以载入"), "{name}:\n{out}");
    }
    // In English on request.
    let (name, text) = &builtins()[0];
    let path = scratch.0.join(name);
    std::fs::write(
        &path,
        text.replacen("[[tiers]]\n", "[[tiers]]\nfiscal = \"1.00\"\n", 1),
    )
    .unwrap();
    let run = yibao(&["check", path.to_str().unwrap(), "--lang", "en"], b"");
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("unknown field `fiscal`"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_meaning_error_is_shown_at_its_key() {
    let scratch = Scratch::new("meaning");
    let text = std::fs::read_to_string(policies_dir().join("140400-2024.toml")).unwrap();
    // 长治's late period ends after the benefit year: reported at its `to`.
    let bad = text.replacen("to = \"2024-12-31\"", "to = \"2025-01-31\"", 1);
    let out = check_broken(&scratch, "140400-2024.toml", &bad, 1);
    let (_, under) = underlined(&out, "to = \"2025-01-31\"");
    assert!(under.contains("^^^^^^^^^^^^ tiers[1].to"), "{out}");
    assert!(out.contains("[policy_invalid]"), "{out}");
}

#[test]
fn new_writes_skeletons_that_check_and_a_test_that_asks_to_be_filled_in() {
    let scratch = Scratch::new("new");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_yibao"))
        .args(["new", "140400-2027"])
        .current_dir(&scratch.0)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0));
    let policy = scratch.0.join("140400-2027.toml");
    let cases = scratch.0.join("140400-2027.cases.toml");
    assert!(policy.is_file() && cases.is_file());
    // The schema the skeleton names on its first line, beside it.
    let schema = std::fs::read_to_string(scratch.0.join("policy.schema.json")).unwrap();
    assert_eq!(schema, yibao(&["schema"], b"").stdout);
    let first = std::fs::read_to_string(&policy).unwrap();
    assert_eq!(first.lines().next(), Some("#:schema ./policy.schema.json"));
    // It loads (an estimate) and every placeholder is a lint.
    let out = yibao(&["check", policy.to_str().unwrap()], b"");
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(out.stdout.contains("[lint_unfilled]"), "{}", out.stdout);
    // Its case asks for the notice's figure: it differs until written.
    let out = yibao(&["test", scratch.0.to_str().unwrap()], b"");
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout.contains("$.personal_due：通知为 \"待填写\""),
        "{}",
        out.stdout
    );
    // Never over an existing file; a malformed id is a usage error.
    let again = std::process::Command::new(env!("CARGO_BIN_EXE_yibao"))
        .args(["new", "140400-2027"])
        .current_dir(&scratch.0)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
    let bad = yibao(&["new", "14040-2027"], b"");
    assert_eq!(bad.code, 2);
}

#[test]
fn test_reports_a_differing_case_and_refuses_an_empty_folder() {
    let scratch = Scratch::new("differs");
    std::fs::write(
        scratch.0.join("140400-2024.cases.toml"),
        "[[case]]\nname = \"wrong\"\nclause = \"二\"\nrequest = { paid_on = \"2023-10-10\", person = { birth_date = \"1980-05-01\" } }\nexpected = { personal_due = \"300.00\" }\n",
    )
    .unwrap();
    let out = yibao(&["test", scratch.0.to_str().unwrap()], b"");
    assert_eq!(out.code, 1);
    assert!(out.stdout.contains("不符：wrong（二）"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("$.personal_due：通知为 \"300.00\"，计算结果为 \"380.00\""),
        "{}",
        out.stdout
    );
    let empty = Scratch::new("empty");
    let out = yibao(&["test", empty.0.to_str().unwrap()], b"");
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(out.stdout.contains("没有案例文件"), "{}", out.stdout);
}
