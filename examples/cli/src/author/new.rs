//! `yibao new REGION-YEAR`: a commented skeleton of a policy file and its case file, in
//! the current folder, that load as they are (marked an estimate) and say what to fill in,
//! and the policy format's JSON Schema beside them for editors.

use crate::run::Exit;
use crate::words::words;
use std::path::Path;
use yibao::Lang;

const POLICY: &str = include_str!("skeleton.toml");
const CASES: &str = include_str!("cases_skeleton.toml");

/// The two texts for `id`, or why `id` is not `<six digits>-<year>`.
pub fn skeletons(id: &str) -> Option<(String, String)> {
    let (code, year) = id.split_once('-')?;
    let year: i32 = year.parse().ok()?;
    if code.len() != 6
        || !code.bytes().all(|b| b.is_ascii_digit())
        || !(2000..=2100).contains(&year)
    {
        return None;
    }
    let national = yibao::national::National::builtin()
        .and_then(|n| {
            n.standards
                .iter()
                .map(|s| s.year)
                .filter(|y| *y <= year)
                .max()
        })
        .unwrap_or(year);
    let continuity =
        yibao::national::National::builtin().is_some_and(|n| year >= n.continuity.from_year);
    let region = yibao::region::province_of(code)
        .map(|p| format!("待填写（{p}）"))
        .unwrap_or_else(|| "待填写".to_string());
    let fill = |t: &str| {
        t.replace("{{id}}", id)
            .replace("{{code}}", code)
            .replace("{{year}}", &year.to_string())
            .replace("{{prev}}", &(year - 1).to_string())
            .replace("{{national}}", &national.to_string())
            .replace("{{region}}", &region)
            .replace(
                "{{continuity}}",
                if continuity {
                    "continuity = \"national\"       # 国办发〔2024〕38号 waits; \"tier\" where the notice sets its own\n"
                } else {
                    ""
                },
            )
    };
    Some((fill(POLICY), fill(CASES)))
}

/// Writes `<id>.toml` and `<id>.cases.toml` into `dir`, never over an existing file.
pub fn run(id: &str, dir: &Path, lang: Lang) -> Exit {
    let Some((policy, cases)) = skeletons(id) else {
        eprintln!(
            "yibao new: {}",
            words!(
                "政策编号“{id}”应为 六位行政区划代码-待遇年度，如 140400-2027",
                "policy id {id:?} must be <six-digit region code>-<benefit year>, e.g. 140400-2027"
            )
            .get(lang)
        );
        return Exit::Usage;
    };
    let files = [
        (dir.join(format!("{id}.toml")), policy),
        (dir.join(format!("{id}.cases.toml")), cases),
    ];
    for (path, _) in &files {
        if path.exists() {
            let shown = path.display();
            eprintln!(
                "yibao new: {}",
                words!(
                    "{shown} 已存在，未改动任何文件",
                    "{shown} exists; nothing was written"
                )
                .get(lang)
            );
            return Exit::Request;
        }
    }
    // The schema the skeleton's first line names, for editors; one already there is kept.
    let schema = dir.join("policy.schema.json");
    let files: Vec<(std::path::PathBuf, String)> = if schema.exists() {
        files.into_iter().collect()
    } else {
        files
            .into_iter()
            .chain([(schema, super::schema_text())])
            .collect()
    };
    for (path, text) in &files {
        if let Err(e) = std::fs::write(path, text) {
            let shown = path.display();
            eprintln!(
                "yibao new: {}",
                words!("无法写入 {shown}：{e}", "cannot write {shown}: {e}").get(lang)
            );
            return Exit::Request;
        }
        println!("{}", path.display());
    }
    println!(
        "{}",
        words!(
            "按通知逐节填写，然后运行 yibao check {id}.toml 和 yibao test .",
            "Fill it in from the notice, section by section; then run yibao check {id}.toml and yibao test ."
        )
        .get(lang)
    );
    Exit::Ok
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;

    #[test]
    fn each_skeleton_loads_as_an_estimate_and_its_cases_read() {
        for id in ["140400-2027", "230128-2024", "999901-2026"] {
            let (policy, cases) = skeletons(id).unwrap();
            let p = yibao::policy::parse_policy("s.toml", &policy)
                .unwrap_or_else(|e| panic!("{id}: {}", e.message()));
            assert_eq!(p.id, id);
            assert!(p.estimate.is_some(), "{id}");
            let c = yibao::conformance::parse_case_file(&format!("{id}.cases.toml"), &cases)
                .unwrap_or_else(|e| panic!("{id}: {}", e.message()));
            assert_eq!(c.len(), 2);
            // What is left to fill in shows in `yibao check` as lints.
            assert!(!yibao::policy::lint(&policy, &p).is_empty());
        }
        for bad in [
            "140400",
            "14040-2027",
            "140400-27",
            "abcdef-2027",
            "140400-1999",
        ] {
            assert!(skeletons(bad).is_none(), "{bad}");
        }
    }
}
