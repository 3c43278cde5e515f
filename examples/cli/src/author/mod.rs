//! The policy analyst's kit: `yibao check` (every error and lint of a file, with the
//! offending line underlined), `yibao test` (a folder's case files against its policies)
//! and `yibao new` (a commented skeleton of a policy and its case file).
//!
//! # Design
//! The core finds the problems (`policy::parse_policy`, `policy::lint`,
//! `conformance::parse_case_file`) and where they are (`policy::locate`); this module only
//! reads files and draws them, with annotate-snippets (the renderer rustc uses), so that an
//! analyst reads the same report in a terminal and in CI logs. Everything is said in
//! Chinese, or in English with `--lang en`.

pub mod check;
pub mod new;
pub mod test;

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use std::io::IsTerminal;
use std::ops::Range;
use yibao::message::{Arg, Message};
use yibao::{Error, Lang};

/// The JSON Schema of the policy format, as `docs/policy.schema.json` holds it (indented,
/// one final newline).
pub fn schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&yibao::policy::schema()).unwrap_or_default();
    text.push('\n');
    text
}

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The file does not load.
    Error,
    /// It loads; its author should look.
    Lint,
}

/// One finding in a file, ready to draw.
pub struct Finding<'a> {
    pub severity: Severity,
    pub code: &'static str,
    pub title: String,
    pub file: &'a str,
    pub text: &'a str,
    pub span: Option<Range<usize>>,
    pub label: String,
}

/// Draws findings rustc's way: the title, then the file's line with the span underlined.
pub fn draw(findings: &[Finding<'_>], lang: Lang) -> String {
    let renderer = if std::io::stdout().is_terminal() {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for f in findings {
        let level = match (f.severity, lang) {
            (Severity::Error, Lang::Zh) => Level::ERROR.with_name("错误"),
            (Severity::Error, Lang::En) => Level::ERROR,
            (Severity::Lint, Lang::Zh) => Level::WARNING.with_name("提示"),
            (Severity::Lint, Lang::En) => Level::WARNING,
        };
        let title = level.primary_title(f.title.as_str()).id(f.code);
        let report = match &f.span {
            Some(span) => vec![title.element(
                Snippet::source(f.text).path(f.file).annotation(
                    AnnotationKind::Primary
                        .span(span.clone())
                        .label(f.label.as_str()),
                ),
            )],
            None => vec![title.element(Level::NOTE.message(f.file))],
        };
        out.push_str(&renderer.render(&report));
        out.push_str("\n\n");
    }
    out
}

/// A load error of a policy or case file as a finding: the problem as its title, its
/// place in the text (the key path of a meaning error; the line and column of a syntax
/// error, to the end of the token there).
pub fn error_finding<'a>(e: &Error, file: &'a str, text: &'a str, lang: Lang) -> Finding<'a> {
    let (title, span, label) = match e.what() {
        Message::PolicySyntax {
            line,
            column,
            detail,
            ..
        } => {
            let span = offset_of(text, *line, *column).map(|o| token_at(text, o));
            (detail.show(lang), span, String::new())
        }
        Message::PolicyInvalid { path, problem, .. } => (
            problem.render(lang),
            yibao::policy::locate(text, path),
            path.clone(),
        ),
        other => (other.render(lang), None, String::new()),
    };
    Finding {
        severity: Severity::Error,
        code: e.code().as_str(),
        title,
        file,
        text,
        span,
        label,
    }
}

/// The byte offset of a 1-based line and column (columns in characters).
fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum();
    let rest = text.get(start..)?;
    Some(
        start
            + rest
                .char_indices()
                .nth(column.saturating_sub(1))
                .map_or(rest.len(), |(i, _)| i),
    )
}

/// The token starting at `offset`: a quoted string to its closing quote, else up to the
/// next space, `=`, `,` or bracket; at least one character (toml points past the end of
/// a line for some errors).
fn token_at(text: &str, offset: usize) -> Range<usize> {
    let rest = text.get(offset..).unwrap_or("");
    let mut chars = rest.char_indices();
    let end = match chars.next() {
        None => 0,
        Some((_, '"')) => chars
            .find(|(_, c)| *c == '"' || *c == '\n')
            .map_or(rest.len(), |(i, c)| if c == '"' { i + 1 } else { i }),
        Some((_, first)) => rest
            .char_indices()
            .skip(1)
            .find(|(_, c)| c.is_whitespace() || "=,[]{}".contains(*c))
            .map_or(rest.len(), |(i, _)| i)
            .max(first.len_utf8()),
    };
    offset..offset + end
}

/// The files of a folder with a name ending in `suffix`, sorted; `not` excludes a suffix.
pub fn files_in(
    dir: &std::path::Path,
    suffix: &str,
    not: Option<&str>,
) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_file() && name.ends_with(suffix) && not.is_none_or(|n| !name.ends_with(n)) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn tokens_and_offsets() {
        let t = "id = \"x\"\n名称 = \"长治 市\" # c\n";
        let o = offset_of(t, 2, 6).unwrap();
        assert_eq!(&t[token_at(t, o)], "\"长治 市\"");
        let o = offset_of(t, 2, 1).unwrap();
        assert_eq!(&t[token_at(t, o)], "名称");
        assert_eq!(offset_of(t, 1, 1), Some(0));
        assert_eq!(token_at(t, t.len()), t.len()..t.len());
    }
}
