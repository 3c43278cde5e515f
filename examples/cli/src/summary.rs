//! Readable summaries of a quote and of a window answer, in Chinese or English.
//!
//! # Design
//! A summary only rearranges the contract's answer; it computes nothing, so the figures a
//! person reads are exactly those the JSON carries. The answer is asked for in the
//! summary's language, so its own texts (period, category, funding source and newborn
//! rule names, assumptions, warnings) come from the core in that language; every label
//! is written here in both. A name is always the policy's own (its English version in
//! English, where the file gives one, else the Chinese), never an id; the English
//! summary adds the id in parentheses, for a developer matching the JSON. The notice's
//! title and clauses (the sources) stay as the notice writes them. ID numbers appear
//! only masked.

use crate::words::pick;
use chrono::NaiveDate;
use std::fmt::Write as _;
use yibao::policy::FundingSource;
use yibao::{Assumption, Basis, Citation, Lang, Policy, Quote, Warning, WindowStatus};

/// What the CLI chose for the person where the flags were silent.
pub struct QuoteContext<'a> {
    /// The payment date used.
    pub paid_on: NaiveDate,
    /// Whether it is today's date because `--paid-on` was not given.
    pub paid_on_is_today: bool,
    /// The birth date used, when neither `--birth-date` nor `--id-number` was given.
    pub assumed_birth_date: Option<NaiveDate>,
    /// The given birth date.
    pub birth_date: Option<NaiveDate>,
    /// The given ID number, masked.
    pub masked_id: Option<String>,
    /// The categories asked about.
    pub categories: &'a [String],
}

/// The readable form of a `quote` answer.
pub fn quote(policy: &Policy, q: &Quote, ctx: &QuoteContext<'_>, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut s = String::new();
    line(&mut s, heading(policy, lang));
    let today = if ctx.paid_on_is_today {
        pick(lang, "（今天）", " (today)")
    } else {
        ""
    };
    line(
        &mut s,
        format!(
            "{}{}{today}",
            pick(lang, "缴费日期：", "Paid on: "),
            ctx.paid_on
        ),
    );
    line(&mut s, person(policy, ctx, lang));
    line(
        &mut s,
        if zh {
            format!(
                "缴费期：{}（{} 至 {}）",
                q.window.name, q.window.from, q.window.to
            )
        } else {
            format!(
                "Period: {} ({}, {} to {})",
                q.window.name, q.window.id, q.window.from, q.window.to
            )
        },
    );
    if let Some(rule) = &q.newborn {
        // The rule's name from the notice (in the language asked); its id only where the
        // file names none.
        let name = q.newborn_name.as_deref().unwrap_or(rule);
        line(
            &mut s,
            if zh {
                format!("新生儿规则：{name}")
            } else {
                format!("Newborn rule: {name} ({rule})")
            },
        );
    }
    if let Some(g) = q
        .grade
        .as_ref()
        .and_then(|id| policy.grades.iter().find(|g| g.id == *id))
    {
        line(
            &mut s,
            if zh {
                format!("缴费档次：{}", g.name.get(lang))
            } else {
                format!("Contribution grade: {} ({})", g.name.get(lang), g.id)
            },
        );
    }
    line(
        &mut s,
        format!(
            "{}{}{}",
            pick(lang, "个人缴费标准：", "Personal standard: "),
            q.personal_standard,
            yuan(lang)
        ),
    );
    for prior in &q.prior_years {
        line(
            &mut s,
            if zh {
                format!("  其中 {} 年度：{} 元", prior.year, prior.amount)
            } else {
                format!("  of which for {}: {} yuan", prior.year, prior.amount)
            },
        );
    }
    line(
        &mut s,
        format!(
            "{}{}{}",
            pick(lang, "财政补助：", "Fiscal subsidy: "),
            q.fiscal_subsidy,
            yuan(lang)
        ),
    );
    if !q.fiscal_share_paid_by_person.is_zero() {
        line(
            &mut s,
            format!(
                "{}{}{}",
                pick(
                    lang,
                    "财政补助部分由本人缴纳：",
                    "Fiscal share paid by the person: "
                ),
                q.fiscal_share_paid_by_person,
                yuan(lang)
            ),
        );
    }
    if q.aid.is_empty() {
        line(&mut s, pick(lang, "资助：无", "Aid: none").to_string());
    }
    for aid in &q.aid {
        line(
            &mut s,
            if zh {
                format!(
                    "资助：{} 元（{}，{}）",
                    aid.amount, aid.category_name, aid.source_name
                )
            } else {
                format!(
                    "Aid: {} yuan for {} ({}), funded by {} ({})",
                    aid.amount,
                    aid.category_name,
                    aid.category,
                    aid.source_name,
                    snake_id(&aid.source)
                )
            },
        );
    }
    line(
        &mut s,
        format!(
            "{}{}{}",
            pick(lang, "个人应缴：", "Personal due: "),
            q.personal_due,
            yuan(lang)
        ),
    );
    line(
        &mut s,
        match (q.benefit_start, q.benefit_end) {
            (Some(from), Some(to)) if zh => format!("待遇期：{from} 至 {to}"),
            (Some(from), Some(to)) => format!("Cover: {from} to {to}"),
            // The notice states a wait without its length: cover follows it, on a date
            // nobody can give yet.
            _ if q.basis.benefit_start == Basis::Unknown && zh => format!(
                "待遇期：等待期满后至 {} 年 12 月 31 日（通知未载明等待期长度，开始日期无法确定，请咨询医保经办机构）",
                policy.benefit_year
            ),
            _ if q.basis.benefit_start == Basis::Unknown => format!(
                "Cover: from the end of a waiting period to 31 December {} (the notice does not state the wait's length, so the start date is unknown; ask the 医保经办机构)",
                policy.benefit_year
            ),
            _ if zh => "待遇期：本次缴费在本待遇年度内不产生待遇".to_string(),
            _ => "Cover: this payment buys no cover in this benefit year".to_string(),
        },
    );
    if let Some(c) = &q.continuity {
        // 国办发〔2024〕38号: how the wait was reached, step by step.
        let text = match c.exemption {
            Some(_) if zh => "等待期：免设待遇等待期".to_string(),
            Some(_) => "Wait: exempt".to_string(),
            None if zh => format!(
                "等待期：{} 个月（固定 {} + 断保 {} 年变动 {} − 修复 {} 年减 {}{}）",
                c.wait_months,
                c.fixed_wait_months,
                c.break_years,
                c.variable_wait_months,
                c.repaired_years,
                c.months_removed,
                if c.floor_applied {
                    "，不少于6个月"
                } else {
                    ""
                }
            ),
            None => format!(
                "Wait: {} months (fixed {} + {} for {} years of break − {} for {} repaired{})",
                c.wait_months,
                c.fixed_wait_months,
                c.variable_wait_months,
                c.break_years,
                c.months_removed,
                c.repaired_years,
                if c.floor_applied { ", floor of 6" } else { "" }
            ),
        };
        line(&mut s, text);
    }
    if let Some(r) = &q.cap_raise {
        line(
            &mut s,
            format!(
                "{}{}{}",
                pick(
                    lang,
                    "大病保险最高支付限额提高：",
                    "Annual cap of the critical illness insurance (大病保险) raised by: "
                ),
                r.raise,
                yuan(lang)
            ),
        );
    }
    if let Some(d) = q.payment_visible_on {
        line(
            &mut s,
            if zh {
                format!("缴费记录可查询：{d} 起")
            } else {
                format!("Payment visible in the records from: {d}")
            },
        );
    }
    // Never more certain than the notice: name the figures it does not state.
    for (wanted, zh_label, en_label) in [
        (
            Basis::Assumed,
            "通知未载明、由政策文件假设：",
            "Not stated by the notice, assumed: ",
        ),
        (
            Basis::Unknown,
            "通知未载明、无法确定：",
            "Not stated by the notice, unknown: ",
        ),
    ] {
        let b = &q.basis;
        let figures: Vec<&str> = [
            (
                Some(b.personal_standard),
                "个人缴费标准",
                "personal standard",
            ),
            (Some(b.fiscal_subsidy), "财政补助", "fiscal subsidy"),
            (b.aid, "资助", "aid"),
            (Some(b.benefit_start), "待遇开始日期", "date cover starts"),
        ]
        .into_iter()
        .filter(|(basis, _, _)| *basis == Some(wanted))
        .map(|(_, z, e)| pick(lang, z, e))
        .collect();
        if !figures.is_empty() {
            line(
                &mut s,
                format!(
                    "{}{}",
                    pick(lang, zh_label, en_label),
                    figures.join(pick(lang, "、", ", "))
                ),
            );
        }
    }
    let mut assumptions = Vec::new();
    if let Some(birth) = ctx.assumed_birth_date {
        assumptions.push(if zh {
            format!("未提供出生日期或身份证号：按成年人计算，出生日期假设为 {birth}。")
        } else {
            format!("No birth date or ID number given: assumed an adult born {birth}.")
        });
    }
    assumptions.extend(assumption_lines(&q.assumptions));
    trail(
        &mut s,
        policy,
        &q.citations,
        &assumptions,
        &q.warnings,
        lang,
    );
    s
}

/// The readable form of a `window` answer.
pub fn window(
    policy: &Policy,
    w: &WindowStatus,
    date: NaiveDate,
    date_is_today: bool,
    lang: Lang,
) -> String {
    let zh = lang == Lang::Zh;
    let mut s = String::new();
    line(&mut s, heading(policy, lang));
    let today = if date_is_today {
        pick(lang, "（今天）", " (today)")
    } else {
        ""
    };
    line(
        &mut s,
        format!("{}{date}{today}", pick(lang, "日期：", "Date: ")),
    );
    line(
        &mut s,
        match &w.window {
            Some(p) if zh => format!("缴费期：{}（{} 至 {}）", p.name, p.from, p.to),
            Some(p) => format!("Period: {} ({}, {} to {})", p.name, p.id, p.from, p.to),
            None if zh => "缴费期：不在任何缴费期内".to_string(),
            None => "Period: outside every payment period".to_string(),
        },
    );
    line(
        &mut s,
        format!(
            "{}{}",
            pick(lang, "可以缴费：", "Open for payment: "),
            yes_no(w.open, lang)
        ),
    );
    if w.window.is_some() {
        line(
            &mut s,
            format!(
                "{}{}",
                pick(lang, "集中征缴期：", "Collection window: "),
                if w.collection_window {
                    pick(
                        lang,
                        "是（缴费享受全年待遇）",
                        "yes (cover for the whole year)",
                    )
                } else {
                    pick(
                        lang,
                        "否（集中征缴期外缴费，待遇或缴费条件不同，见依据）",
                        "no (a later period: cover or terms differ, see the sources)",
                    )
                }
            ),
        );
    }
    let why = match (&w.window, w.payment_day) {
        (Some(_), false) => pick(
            lang,
            "（在缴费期内，但不在每月的缴费日范围内）",
            " (inside the period, but not on one of its payment days of the month)",
        ),
        _ => "",
    };
    line(
        &mut s,
        format!(
            "{}{}{why}",
            pick(lang, "缴费日：", "Payment day: "),
            yes_no(w.payment_day, lang)
        ),
    );
    line(
        &mut s,
        match w.next_payment_day {
            Some(d) if zh => format!("下一个缴费日：{d}"),
            Some(d) => format!("Next payment day: {d}"),
            None if zh => "下一个缴费日：无（本待遇年度的缴费期已结束）".to_string(),
            None => "Next payment day: none (this benefit year's periods are over)".to_string(),
        },
    );
    let assumptions = assumption_lines(&w.assumptions);
    trail(&mut s, policy, &w.citations, &assumptions, &[], lang);
    s
}

fn heading(policy: &Policy, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "{} {}年度 城乡居民基本医疗保险（政策 {}）",
            policy.region_name, policy.benefit_year, policy.id
        ),
        Lang::En => format!(
            "{}, benefit year {}: resident basic medical insurance (policy {})",
            policy.region_name, policy.benefit_year, policy.id
        ),
    }
}

fn person(policy: &Policy, ctx: &QuoteContext<'_>, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    // The notice's own name where the policy gives one, else the national name, in the
    // language asked (the flags were checked against the table: every id has a bit).
    let name = |id: &str| -> String {
        match policy.table.bit(id) {
            Some(b) => policy.table.text_of(b).get(lang).to_string(),
            None => id.to_string(),
        }
    };
    let mut parts = Vec::new();
    if let Some(id) = &ctx.masked_id {
        parts.push(format!("{}{id}", pick(lang, "身份证号 ", "ID number ")));
    }
    if let Some(b) = ctx.birth_date {
        parts.push(format!("{}{b}", pick(lang, "出生日期 ", "born ")));
    }
    if let Some(b) = ctx.assumed_birth_date {
        parts.push(if zh {
            format!("出生日期 {b}（假设：成年人）")
        } else {
            format!("born {b} (assumed: an adult)")
        });
    }
    let categories = if ctx.categories.is_empty() {
        pick(lang, "普通居民", "ordinary resident").to_string()
    } else if zh {
        names(ctx.categories.iter().map(|c| name(c)), "、")
    } else {
        names(
            ctx.categories.iter().map(|c| format!("{} ({c})", name(c))),
            ", ",
        )
    };
    if zh {
        parts.push(format!("类别：{categories}"));
        format!("参保人：{}", parts.join("；"))
    } else {
        parts.push(format!("categories: {categories}"));
        format!("Person: {}", parts.join("; "))
    }
}

/// Citations, assumptions and warnings, each section only when it has something.
fn trail(
    s: &mut String,
    policy: &Policy,
    citations: &[Citation],
    assumptions: &[String],
    warnings: &[Warning],
    lang: Lang,
) {
    let zh = lang == Lang::Zh;
    // Several rules often cite the same clause; a reader needs it once. Titles, documents
    // and clauses are the documents' own words, in Chinese in both summaries (the
    // notice's title is set in 《》 in English, as Chinese titles are cited; another
    // document is named as the policy file writes it, often with its own 《》).
    let mut cited: Vec<String> = Vec::new();
    for c in citations {
        let shown = if c.document == policy.title {
            c.clause.to_string()
        } else if zh {
            format!("{}：{}", c.document, c.clause)
        } else {
            format!("{}: {}", c.document, c.clause)
        };
        if !cited.contains(&shown) {
            cited.push(shown);
        }
    }
    if !cited.is_empty() {
        if zh {
            line(s, format!("依据（{}）：", policy.title));
        } else {
            line(s, format!("Sources (《{}》):", policy.title));
        }
        for c in cited {
            bullet(s, &c);
        }
    }
    if !assumptions.is_empty() {
        line(s, pick(lang, "假设：", "Assumptions:").to_string());
        for a in assumptions {
            bullet(s, a);
        }
    }
    if !warnings.is_empty() {
        line(s, pick(lang, "提示：", "Warnings:").to_string());
        for w in warnings {
            bullet(s, &format!("[{}] {}", w.code, w.message));
        }
    }
}

fn assumption_lines(assumptions: &[Assumption]) -> Vec<String> {
    assumptions.iter().map(|a| a.text.to_string()).collect()
}

/// The funding source's id in the JSON (e.g. `medical_assistance`), taken from serde so
/// the summary follows the contract without a second list of names to keep in step.
fn snake_id(source: &FundingSource) -> String {
    match serde_json::to_value(source) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn names<S: AsRef<str>>(items: impl Iterator<Item = S>, sep: &str) -> String {
    items
        .map(|i| i.as_ref().to_string())
        .collect::<Vec<_>>()
        .join(sep)
}

fn yuan(lang: Lang) -> &'static str {
    pick(lang, " 元", " yuan")
}

fn yes_no(b: bool, lang: Lang) -> &'static str {
    match b {
        true => pick(lang, "是", "yes"),
        false => pick(lang, "否", "no"),
    }
}

fn line(s: &mut String, text: String) {
    s.push_str(&text);
    s.push('\n');
}

fn bullet(s: &mut String, text: &str) {
    // Writing to a String cannot fail.
    let _ = writeln!(s, "  - {text}");
}
