//! What every answer under a policy repeats, made once when the policy is loaded.
//!
//! # Design
//! An answer names the rules it used (`tiers.window`, `aid[2]`) and repeats the notice's
//! reminders as warnings. Built per answer, these names and texts were a fifth of a JSON
//! quote's cost (issue #10): an allocation for each name, and each reminder rendered,
//! searched for ID numbers and escaped again. Here they are made at load, as shared texts
//! an answer holds by reference. A rule without its prepared name (a `Policy` built by
//! other means than [`super::parse_policy`]) gets it built when used, so the answer is the
//! same either way; a test below checks that the prepared names and texts are what the
//! answer would otherwise build.

use super::{Policy, Reminder};
use crate::lang::Lang;
use crate::message::Message;
use crate::shared::SharedStr;

/// A tier's rule names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TierRules {
    /// The tier's id, as answers show it (`window`).
    pub id: SharedStr,
    /// `tiers.<id>`.
    pub rule: SharedStr,
    /// `tiers.<id>.payment_days`.
    pub payment_days: SharedStr,
}

/// A reminder as answers show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedReminder {
    /// `reminders[<i>]`.
    pub rule: SharedStr,
    /// The warning's code (`notice_reminder`).
    pub code: &'static str,
    /// The `notice_reminder` warning, rendered and masked, in each of [`Lang::ALL`].
    pub warning: Vec<SharedStr>,
}

impl PreparedReminder {
    /// The warning in `lang`.
    pub fn warning(&self, lang: Lang) -> Option<&SharedStr> {
        let at = Lang::ALL.iter().position(|l| *l == lang)?;
        self.warning.get(at)
    }
}

/// A rule's name, `prefix` + `id` + `suffix` (`tiers.` `window` `.payment_days`): built
/// directly, as `format!` cost more than a quote's sums.
pub(crate) fn rule_id(prefix: &str, id: &str, suffix: &str) -> String {
    let mut s = String::with_capacity(prefix.len() + id.len() + suffix.len());
    s.push_str(prefix);
    s.push_str(id);
    s.push_str(suffix);
    s
}

/// A rule's name by its index, `prefix[i]suffix` (`aid[2]`, `aid[0].recognized_by`).
pub(crate) fn rule_at(prefix: &str, i: usize, suffix: &str) -> String {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = i;
    loop {
        at -= 1;
        if let Some(d) = digits.get_mut(at) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || at == 0 {
            break;
        }
    }
    let digits = digits.get(at..).unwrap_or_default();
    let mut s = String::with_capacity(prefix.len() + digits.len() + suffix.len() + 2);
    s.push_str(prefix);
    s.push('[');
    s.extend(digits.iter().map(|d| char::from(*d)));
    s.push(']');
    s.push_str(suffix);
    s
}

/// The `notice_reminder` warning of a reminder, as [`crate::engine`] renders any warning:
/// in the catalogue's words, with an ID number masked.
pub(crate) fn reminder_warning(r: &Reminder, lang: Lang) -> SharedStr {
    crate::id::redact(&reminder_message(r).render(lang)).into()
}

fn reminder_message(r: &Reminder) -> Message {
    Message::NoticeReminder {
        text: r.text.clone(),
    }
}

/// Fills in the prepared names and texts of a resolved policy.
pub(super) fn prepare(p: &mut Policy) {
    p.shared_id.0 = Some(p.id.as_str().into());
    for t in &mut p.tiers {
        t.rules.0 = Some(TierRules {
            id: t.id.as_str().into(),
            rule: rule_id("tiers.", &t.id, "").into(),
            payment_days: rule_id("tiers.", &t.id, ".payment_days").into(),
        });
    }
    for (i, a) in p.aid.iter_mut().enumerate() {
        a.rule_name.0 = Some(rule_at("aid", i, "").into());
    }
    for (i, r) in p.reminders.iter_mut().enumerate() {
        let warning = Lang::ALL.iter().map(|l| reminder_warning(r, *l)).collect();
        r.prepared.0 = Some(PreparedReminder {
            rule: rule_at("reminders", i, "").into(),
            code: reminder_message(r).code(),
            warning,
        });
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn rule_names_are_written_as_format_writes_them() {
        for i in [0usize, 1, 9, 10, 99, 100, 12345, usize::MAX] {
            assert_eq!(rule_at("aid", i, ""), format!("aid[{i}]"));
            assert_eq!(
                rule_at("aid", i, ".recognized_by"),
                format!("aid[{i}].recognized_by")
            );
        }
        assert_eq!(
            rule_id("tiers.", "window", ".payment_days"),
            "tiers.window.payment_days"
        );
        assert_eq!(rule_id("tiers.", "", ""), "tiers.");
    }

    #[test]
    #[cfg(feature = "builtin-policies")]
    fn every_built_in_policy_is_prepared_as_its_answers_would_build_it() {
        let engine = crate::Engine::builtin();
        let mut reminders = 0;
        for summary in engine.policies() {
            let p = engine.policy(&summary.id).unwrap();
            assert_eq!(p.shared_id.0.as_ref().unwrap(), &p.id);
            assert_eq!(p.id_text(), p.id);
            for t in &p.tiers {
                let r = t.rules.0.as_ref().unwrap();
                assert_eq!(r.id, t.id);
                assert_eq!(r.rule, format!("tiers.{}", t.id));
                assert_eq!(r.payment_days, format!("tiers.{}.payment_days", t.id));
            }
            for (i, a) in p.aid.iter().enumerate() {
                assert_eq!(a.rule_name.0.as_ref().unwrap(), &format!("aid[{i}]"));
            }
            for (i, r) in p.reminders.iter().enumerate() {
                let prepared = r.prepared.0.as_ref().unwrap();
                assert_eq!(prepared.rule, format!("reminders[{i}]"));
                assert_eq!(prepared.code, "notice_reminder");
                for lang in Lang::ALL {
                    let rendered = Message::NoticeReminder {
                        text: r.text.clone(),
                    }
                    .render(*lang);
                    assert_eq!(
                        prepared.warning(*lang).unwrap(),
                        &crate::id::redact(&rendered)
                    );
                }
                reminders += 1;
            }
        }
        assert!(reminders >= 5, "{reminders} reminders");
    }

    #[test]
    fn an_id_number_in_a_reminder_is_masked_once_at_load() {
        let r = Reminder {
            when: super::super::ReminderWhen::Always,
            text: crate::lang::Text::zh("咨询请带身份证 110101199003074477 原件"),
            cite: super::super::Cite {
                clause: "一".into(),
                document: None,
                text: None,
                json: Default::default(),
            },
            prepared: Default::default(),
        };
        let w = reminder_warning(&r, Lang::Zh);
        assert!(!w.contains("110101199003074477"), "{w}");
        assert!(w.contains("咨询请带身份证"), "{w}");
    }
}
