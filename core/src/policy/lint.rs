//! What a policy file's author should see that validation cannot refuse (`yibao check`),
//! and where in the text each finding and each validation error is.
//!
//! # Design
//! Lints read the file as its author wrote it (toml's spanned tree), not the resolved
//! policy: a citation the file leaves without its words is the author's to fix, while a
//! citation the library derives (a national default) is not. The one lint that needs the
//! meaning (a tier's own wait that the national rules replace) reads the parsed policy.
//! Every finding has a stable code (its message's), a key path in the form validation
//! errors use (`tiers[1].cover`), and the span of that key's value.

use super::{ContinuityTerms, Policy};
use crate::dates::Period;
use crate::message::Message;
use std::ops::Range;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// One finding of [`lint`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lint {
    /// Key path, as validation errors name them (`contacts[3].phone`).
    pub path: String,
    /// Bytes of the text the finding is about.
    pub span: Option<Range<usize>>,
    /// What is wrong; its code is the lint's stable code.
    pub message: Message,
}

/// The findings for a policy file that loads (`policy` is its parse).
///
/// ```
/// let text = yibao::policy::builtin_text("140400-2024.toml").unwrap();
/// let policy = yibao::policy::parse_policy("p.toml", text).unwrap();
/// let found = yibao::policy::lint(text, &policy);
/// assert!(found.iter().all(|l| l.span.is_some()));
/// ```
pub fn lint(text: &str, policy: &Policy) -> Vec<Lint> {
    // Nesting is bounded before toml's recursive parser sees the text (small stacks).
    if super::parse::too_deep(text).is_some() {
        return Vec::new();
    }
    let Ok(root) = DeTable::parse(text) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    walk_table(root.get_ref(), "", &mut found);
    let at = |path: String| {
        let span = locate_in(root.get_ref(), &path);
        (path, span)
    };
    // The national fixed wait where the national rules are in force: a tier's own wait of
    // the same length loses nothing.
    let national = crate::national::National::builtin().and_then(|n| {
        n.continuity
            .params(policy.benefit_year, policy.continuity.as_ref())
            .map(|_| Period::Months(n.continuity.fixed_wait_months))
    });
    for (i, t) in policy.tiers.iter().enumerate() {
        let own = t.cover.wait();
        if national.is_some()
            && t.continuity == Some(ContinuityTerms::National)
            && own.is_some()
            && own != national
        {
            let (path, span) = at(format!("tiers[{i}].cover"));
            found.push(Lint {
                path,
                span,
                message: Message::LintTierWaitReplaced { tier: t.id.clone() },
            });
        }
    }
    found.sort_by_key(|l| l.span.as_ref().map(|s| s.start));
    found
}

fn walk_table(table: &DeTable<'_>, path: &str, found: &mut Vec<Lint>) {
    let join = |k: &str| {
        if path.is_empty() {
            k.to_string()
        } else {
            format!("{path}.{k}")
        }
    };
    // A cite without the clause's words, where the table neither quotes them itself (a
    // note's `text`) nor assumes anything: the reader cannot check it against the notice.
    if let Some(cite) = table.get("cite") {
        if let DeValue::Table(c) = cite.get_ref() {
            if !c.contains_key("text")
                && !table.contains_key("assume")
                && !table.contains_key("text")
            {
                found.push(Lint {
                    path: join("cite"),
                    span: Some(cite.span()),
                    message: Message::LintCiteWithoutText {},
                });
            }
        }
    }
    if let Some(phone) = table.get("phone") {
        if let DeValue::String(s) = phone.get_ref() {
            let numbers = phone_numbers(s);
            if numbers > 1 {
                found.push(Lint {
                    path: join("phone"),
                    span: Some(phone.span()),
                    message: Message::LintPhoneHoldsSeveral { numbers },
                });
            }
        }
    }
    for (key, value) in table.iter() {
        let key = key.get_ref();
        match value.get_ref() {
            // `yibao new` marks what is left to fill in.
            DeValue::String(s) if s.contains(UNFILLED) => found.push(Lint {
                path: join(key),
                span: Some(value.span()),
                message: Message::LintUnfilled {},
            }),
            DeValue::Table(t) => walk_table(t, &join(key), found),
            DeValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if let DeValue::Table(t) = item.get_ref() {
                        walk_table(t, &format!("{}[{i}]", join(key)), found);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The mark of a skeleton's value still to be written from the notice.
const UNFILLED: &str = "待填写";

/// How many telephone numbers a phone field holds: runs of at least five digits (a
/// number may have an area code joined by `-`), split by anything else (、，/ 或 spaces).
fn phone_numbers(s: &str) -> usize {
    s.split(|c: char| !(c.is_ascii_digit() || c == '-' || c == '－'))
        .filter(|part| part.chars().filter(char::is_ascii_digit).count() >= 5)
        .count()
}

/// The bytes of the value at `path` (`tiers[1].from`, as validation errors name it) in a
/// policy file's text; the deepest part of the path that exists when the rest does not
/// (a key the library derived).
///
/// ```
/// let text = "id = \"x\"\n[[tiers]]\nid = \"a\"\n[[tiers]]\nid = \"b\"\nfrom = \"2024-01-01\"\n";
/// let span = yibao::policy::locate(text, "tiers[1].from").unwrap();
/// assert_eq!(&text[span], "\"2024-01-01\"");
/// ```
pub fn locate(text: &str, path: &str) -> Option<Range<usize>> {
    if super::parse::too_deep(text).is_some() {
        return None;
    }
    let root = DeTable::parse(text).ok()?;
    locate_in(root.get_ref(), path)
}

fn locate_in(root: &DeTable<'_>, path: &str) -> Option<Range<usize>> {
    let mut table = root;
    let mut found: Option<Range<usize>> = None;
    let mut value: Option<&Spanned<DeValue<'_>>> = None;
    for part in path.split('.') {
        let (key, index) = match part.split_once('[') {
            Some((k, rest)) => (k, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        if let Some(v) = value {
            match v.get_ref() {
                DeValue::Table(t) => table = t,
                _ => return found,
            }
        }
        let Some(v) = table.get(key) else {
            return found;
        };
        let v = match (index, v.get_ref()) {
            (Some(i), DeValue::Array(items)) => match items.get(i) {
                Some(item) => item,
                None => return Some(v.span()),
            },
            _ => v,
        };
        found = Some(v.span());
        value = Some(v);
    }
    found
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
    use super::*;

    #[test]
    fn phone_fields_are_counted_by_their_numbers() {
        assert_eq!(phone_numbers("0453-6171355"), 1);
        assert_eq!(phone_numbers("12393"), 1);
        assert_eq!(phone_numbers("0453-3636108、3621108"), 2);
        assert_eq!(phone_numbers("0355-2020300 0355-2020301"), 2);
        assert_eq!(phone_numbers("微信公众号"), 0);
    }

    #[test]
    fn each_builtin_is_linted_where_it_says_so() {
        for (name, text) in crate::policy::BUILTIN {
            let p = crate::policy::parse_policy(name, text).unwrap();
            for l in lint(text, &p) {
                let span = l.span.clone().unwrap();
                let shown = &text[span];
                match &l.message {
                    Message::LintPhoneHoldsSeveral { .. } => {
                        assert!(l.path.ends_with(".phone"), "{name}: {l:?}")
                    }
                    Message::LintCiteWithoutText {} => {
                        assert!(shown.contains("clause"), "{name}: {l:?} {shown}")
                    }
                    Message::LintUnfilled {} => assert!(shown.contains(UNFILLED)),
                    Message::LintTierWaitReplaced { .. } => {
                        assert!(l.path.ends_with(".cover"), "{name}: {l:?}")
                    }
                    other => panic!("{other:?}"),
                }
            }
        }
    }

    #[test]
    fn a_second_phone_number_and_a_bare_cite_are_found() {
        let text = crate::policy::builtin_text("140400-2024.toml").unwrap();
        let p = crate::policy::parse_policy("p.toml", text).unwrap();
        let before = lint(text, &p).len();
        let line = text.lines().find(|l| l.starts_with("phone = ")).unwrap();
        let two = text.replacen(line, "phone = \"0355-2020300、0355-2020301\"", 1);
        let p2 = crate::policy::parse_policy("p.toml", &two).unwrap();
        let found = lint(&two, &p2);
        assert_eq!(found.len(), before + 1);
        let l = found
            .iter()
            .find(|l| matches!(l.message, Message::LintPhoneHoldsSeveral { numbers: 2 }))
            .unwrap();
        assert_eq!(
            &two[l.span.clone().unwrap()],
            "\"0355-2020300、0355-2020301\""
        );
    }
}
