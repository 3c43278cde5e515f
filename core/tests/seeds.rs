//! Every figure the five seed notices state, as the library computes it.
//! Each test names the notice and clause; figures are the notices' own, and cover dates
//! follow design.md's Civil Code rule (worked by hand in the comments).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::*;
use serde_json::{json, Value};

fn money(v: &Value, field: &str) -> String {
    v[field]
        .as_str()
        .unwrap_or_else(|| panic!("{field} missing in {v}"))
        .to_string()
}

fn assert_figures(q: &Value, standard: &str, fiscal: &str, aid: &str, due: &str) {
    assert_eq!(
        money(q, "personal_standard"),
        standard,
        "personal_standard in {q}"
    );
    assert_eq!(money(q, "fiscal_subsidy"), fiscal, "fiscal_subsidy in {q}");
    assert_eq!(money(q, "aid_total"), aid, "aid_total in {q}");
    assert_eq!(money(q, "personal_due"), due, "personal_due in {q}");
}

fn assert_cover(q: &Value, start: Option<&str>, end: Option<&str>) {
    assert_eq!(q["benefit_start"].as_str(), start, "benefit_start in {q}");
    assert_eq!(q["benefit_end"].as_str(), end, "benefit_end in {q}");
}

fn aid_source(q: &Value) -> String {
    q["aid"][0]["source"].as_str().unwrap().to_string()
}

// ------------------------------------------------------------------------ 长治 140400-2024

/// 二、缴费标准: the nine rows of the table, paid in the window (2023-10-10).
#[test]
fn changzhi_table_nine_rows() {
    let rows: &[(&[&str], &str, &str, Option<&str>)] = &[
        (&[], "0.00", "380.00", None),                 // 普通人员
        (&["out_of_poverty"], "0.00", "380.00", None), // 稳定脱贫人员
        (
            &["extreme_poverty"],
            "380.00",
            "0.00",
            Some("medical_assistance"),
        ), // 特困人员
        (&["orphan"], "380.00", "0.00", Some("medical_assistance")), // (含孤儿)
        (
            &["unsupported_child"],
            "380.00",
            "0.00",
            Some("medical_assistance"),
        ), // (事实无人抚养儿童)
        (
            &["welfare_institution_child"],
            "380.00",
            "0.00",
            Some("medical_assistance"),
        ),
        (
            &["minimum_living"],
            "304.00",
            "76.00",
            Some("medical_assistance"),
        ), // 低保人员
        (
            &["returned_to_poverty"],
            "342.00",
            "38.00",
            Some("medical_assistance"),
        ), // 返贫致贫人员
        (
            &["unstable_out_of_poverty"],
            "280.00",
            "100.00",
            Some("medical_assistance"),
        ),
        (
            &["marginal_at_risk"],
            "280.00",
            "100.00",
            Some("medical_assistance"),
        ),
        (
            &["sudden_hardship"],
            "280.00",
            "100.00",
            Some("medical_assistance"),
        ),
        (
            &["severe_disability"],
            "304.00",
            "76.00",
            Some("disability_employment_security_fund"),
        ),
    ];
    for (cats, aid, due, source) in rows {
        let q = quote("140400-2024", "2023-10-10", "1980-05-01", cats);
        assert_figures(&q, "380.00", "640.00", aid, due);
        assert_eq!(money(&q, "total"), "1020.00");
        assert_cover(&q, Some("2024-01-01"), Some("2024-12-31"));
        match source {
            Some(s) => assert_eq!(&aid_source(&q), s, "{cats:?}"),
            None => assert!(q["aid"].as_array().unwrap().is_empty(), "{cats:?}"),
        }
        assert!(rules(&q).contains(&"tiers.window".to_string()));
        assert!(rules(&q).contains(&"tiers.window.payment_days".to_string()));
    }
    // The 稳定脱贫 row (aid 0元) is cited even though it grants nothing.
    let q = quote(
        "140400-2024",
        "2023-10-10",
        "1980-05-01",
        &["out_of_poverty"],
    );
    assert!(rules(&q).contains(&"aid[0]".to_string()));
    // 残疾人就业保障金 is named in Chinese too.
    let q = quote(
        "140400-2024",
        "2023-10-10",
        "1980-05-01",
        &["severe_disability"],
    );
    assert_eq!(q["aid"][0]["source_name"], "残疾人就业保障金");
}

/// 就高不就低: a 低保 person who is also 返贫致贫 gets 342, not 304 + 342.
#[test]
fn changzhi_highest_aid_wins_never_stacked() {
    let q = quote(
        "140400-2024",
        "2023-10-10",
        "1980-05-01",
        &["minimum_living", "returned_to_poverty"],
    );
    assert_figures(&q, "380.00", "640.00", "342.00", "38.00");
    assert_eq!(q["aid"].as_array().unwrap().len(), 1);
    assert_eq!(q["aid"][0]["category"], "returned_to_poverty");
    assert!(warning_codes(&q).contains(&"aid_not_stacked".to_string()));
    // A tie (低保 304 and 重度残疾 304) goes to the rule listed first (医疗救助).
    let q = quote(
        "140400-2024",
        "2023-10-10",
        "1980-05-01",
        &["severe_disability", "minimum_living"],
    );
    assert_figures(&q, "380.00", "640.00", "304.00", "76.00");
    assert_eq!(aid_source(&q), "medical_assistance");
}

/// 三、征收期限: payments on days 1–25 only.
#[test]
fn changzhi_payment_days() {
    let (code, msg) = err(
        "quote",
        r#"{"policy":"140400-2024","paid_on":"2023-10-26","person":{"birth_date":"1980-05-01"}}"#,
    );
    assert_eq!(code, "not_payment_day");
    assert!(msg.contains("2023-11-01"), "{msg}");
    let w = ok(
        "window",
        json!({"policy": "140400-2024", "date": "2023-10-26"}),
    );
    assert_eq!(w["open"], false);
    assert_eq!(w["payment_day"], false);
    assert_eq!(w["window"]["id"], "window");
    assert_eq!(w["next_payment_day"], "2023-11-01");
    let w = ok(
        "window",
        json!({"policy": "140400-2024", "date": "2023-10-25"}),
    );
    assert_eq!(w["open"], true);
    assert_eq!(w["next_payment_day"], "2023-10-25");
    // The last day of the window, then the late tier's first payment day.
    let w = ok(
        "window",
        json!({"policy": "140400-2024", "date": "2023-12-25"}),
    );
    assert_eq!(w["open"], true);
    let w = ok(
        "window",
        json!({"policy": "140400-2024", "date": "2023-12-26"}),
    );
    assert_eq!(w["window"]["id"], "late");
    assert_eq!(w["payment_day"], false);
    assert_eq!(w["next_payment_day"], "2024-01-01");
    // Before collection starts.
    let w = ok(
        "window",
        json!({"policy": "140400-2024", "date": "2023-08-31"}),
    );
    assert_eq!(w["open"], false);
    assert_eq!(w["window"], Value::Null);
    assert_eq!(w["next_payment_day"], "2023-09-01");
    // An aided person who pays nothing is not turned away on the 26th.
    let q = quote(
        "140400-2024",
        "2023-10-26",
        "1980-05-01",
        &["extreme_poverty"],
    );
    assert_eq!(money(&q, "personal_due"), "0.00");
}

/// 温馨提示(四): late payers pay personal + fiscal (1020) and wait 3 months.
#[test]
fn changzhi_late_payment() {
    // design.md: paid 2024-02-10, 3 months end 2024-05-10, cover from 2024-05-11.
    let q = quote("140400-2024", "2024-02-10", "1980-05-01", &[]);
    // 380 personal + the 640 fiscal share the person pays (its own line), 1020 in all.
    assert_figures(&q, "380.00", "0.00", "0.00", "1020.00");
    assert_eq!(money(&q, "fiscal_share_paid_by_person"), "640.00");
    assert_eq!(money(&q, "total"), "1020.00");
    assert_cover(&q, Some("2024-05-11"), Some("2024-12-31"));
    assert_eq!(q["window"]["id"], "late");
    assert!(warning_codes(&q).contains(&"pays_fiscal_share".to_string()));
    assert!(assumption_rules(&q).contains(&"tiers.late".to_string()));
    // 2024-09-25 + 3 months = 2024-12-25 → cover 2024-12-26.
    let q = quote("140400-2024", "2024-09-25", "1980-05-01", &[]);
    assert_cover(&q, Some("2024-12-26"), Some("2024-12-31"));
    // 2024-10-10 + 3 months = 2025-01-10: no cover in 2024, said so, no invented date.
    let q = quote("140400-2024", "2024-10-10", "1980-05-01", &[]);
    assert_eq!(money(&q, "personal_due"), "1020.00");
    assert_cover(&q, None, None);
    assert!(warning_codes(&q).contains(&"no_cover".to_string()));
}

/// 温馨提示(四) excludes 参保资助对象 from the late terms.
#[test]
fn changzhi_late_aided_person_keeps_window_terms() {
    let q = quote(
        "140400-2024",
        "2024-02-10",
        "1980-05-01",
        &["minimum_living"],
    );
    assert_figures(&q, "380.00", "640.00", "304.00", "76.00");
    assert_cover(&q, Some("2024-02-11"), Some("2024-12-31"));
    assert!(rules(&q).contains(&"wait_exemptions[0]".to_string()));
    assert!(assumption_rules(&q).contains(&"wait_exemptions[0]".to_string()));
    assert!(warning_codes(&q).contains(&"payer_exempt".to_string()));
}

/// 一、参保登记: newborns free in the birth year; born 2023 may pay until March 2024.
#[test]
fn changzhi_newborns() {
    let q = quote("140400-2024", "2024-04-01", "2024-03-15", &[]);
    assert_eq!(q["newborn"], "birth_year_free");
    assert_figures(&q, "0.00", "0.00", "0.00", "0.00");
    assert_cover(&q, Some("2024-03-15"), Some("2024-12-31"));
    // Nothing to pay, so a 26th is fine.
    let q = quote("140400-2024", "2024-03-26", "2024-03-15", &[]);
    assert_eq!(money(&q, "personal_due"), "0.00");
    // Born 2023, missed the window, pays in the grace until 2024-03-31: window terms.
    let q = quote("140400-2024", "2024-02-15", "2023-11-20", &[]);
    assert_eq!(q["newborn"], "born_2023_grace");
    assert_figures(&q, "380.00", "640.00", "0.00", "380.00");
    assert_cover(&q, Some("2024-01-01"), Some("2024-12-31"));
    let q = quote(
        "140400-2024",
        "2024-03-25",
        "2023-12-30",
        &["minimum_living"],
    );
    assert_eq!(money(&q, "personal_due"), "76.00");
    // After the grace: late terms (2024-04-10 + 3 months = 2024-07-10).
    let q = quote("140400-2024", "2024-04-10", "2023-11-20", &[]);
    assert_eq!(q["newborn"], Value::Null);
    assert_eq!(money(&q, "personal_due"), "1020.00");
    assert_cover(&q, Some("2024-07-11"), Some("2024-12-31"));
}

/// 七、退费办理 and 温馨提示(三).
#[test]
fn changzhi_refunds() {
    let person = json!({"birth_date": "1980-05-01"});
    let r = ok(
        "refund",
        json!({"policy": "140400-2024", "person": person, "payment": {"paid_on": "2023-10-10", "amount": "380.00"}, "reason": "duplicate", "event_on": "2023-10-11"}),
    );
    assert_eq!(r["refundable"], true);
    assert_eq!(r["amount"], "380.00");
    assert!(rules(&r).contains(&"refunds.duplicate".to_string()));
    // 一旦办理正常缴费，将无法再办理特殊缴费.
    let r = ok(
        "refund",
        json!({"policy": "140400-2024", "person": {"birth_date": "1980-05-01", "categories": ["minimum_living"]}, "payment": {"paid_on": "2023-10-10", "amount": "380.00"}, "reason": "aid_confirmed", "event_on": "2023-11-01"}),
    );
    assert_eq!(r["refundable"], false);
    assert_eq!(r["amount"], "0.00");
    assert!(rules(&r).contains(&"refunds.aid_confirmed".to_string()));
    // Death is not named in the notice's open list ("因重复缴费等"): unknown, never invented.
    let r = ok(
        "refund",
        json!({"policy": "140400-2024", "person": person, "payment": {"paid_on": "2023-10-10", "amount": "380.00"}, "reason": "death", "event_on": "2023-11-01"}),
    );
    assert_eq!(r["refundable"], Value::Null);
    assert_eq!(r["amount"], "0.00");
    assert!(warning_codes(&r).contains(&"refund_unknown".to_string()));
    assert!(rules(&r).contains(&"refunds_open".to_string()));
}

// ------------------------------------------------------------------------ 牡丹江 231000-2023

/// The table and the aid sentence: 380 in the window; 152 for the 60% groups; 0 for 特困.
#[test]
fn mudanjiang_window_and_aid() {
    let q = quote("231000-2023", "2022-10-01", "1980-05-01", &[]);
    assert_figures(&q, "380.00", "640.00", "0.00", "380.00");
    assert_cover(&q, Some("2023-01-01"), Some("2023-12-31"));
    for cats in [
        "minimum_living",
        "out_of_poverty",
        "returned_to_poverty",
        "monitored_at_risk",
        "unstable_out_of_poverty", // a subtype of monitored_at_risk
        "sudden_hardship",
    ] {
        let q = quote("231000-2023", "2022-10-01", "1980-05-01", &[cats]);
        assert_figures(&q, "380.00", "640.00", "228.00", "152.00");
        assert_eq!(aid_source(&q), "medical_assistance");
        assert_eq!(q["aid"][0]["category"], cats);
    }
    for cats in ["extreme_poverty", "orphan", "unsupported_child"] {
        let q = quote("231000-2023", "2022-10-01", "1980-05-01", &[cats]);
        assert_figures(&q, "380.00", "640.00", "380.00", "0.00");
    }
    // 建议于2022年12月20日前完成缴费.
    let q = quote("231000-2023", "2022-12-25", "1980-05-01", &[]);
    assert!(warning_codes(&q).contains(&"after_advised_date".to_string()));
    let q = quote("231000-2023", "2022-12-20", "1980-05-01", &[]);
    assert!(!warning_codes(&q).contains(&"after_advised_date".to_string()));
}

/// Jan–Jun: 380 and a 90-day wait; Jul–Dec: 380 + fiscal (1020) and the same wait.
#[test]
fn mudanjiang_half_years() {
    // 2023-03-01 + 90 days = 2023-05-30 (Mar 31 = +30, Apr 30 = +60, May 30 = +90).
    let q = quote("231000-2023", "2023-03-01", "1980-05-01", &[]);
    assert_figures(&q, "380.00", "640.00", "0.00", "380.00");
    assert_cover(&q, Some("2023-05-31"), Some("2023-12-31"));
    assert_eq!(q["window"]["id"], "first_half");
    // 2023-07-10 + 90 days = 2023-10-08 (Jul 31 = +21, Aug 31 = +52, Sep 30 = +82, Oct 8 = +90).
    let q = quote("231000-2023", "2023-07-10", "1980-05-01", &[]);
    // 380 personal + the 640 fiscal share the person pays (its own line), 1020 in all.
    assert_figures(&q, "380.00", "0.00", "0.00", "1020.00");
    assert_eq!(money(&q, "fiscal_share_paid_by_person"), "640.00");
    assert_cover(&q, Some("2023-10-09"), Some("2023-12-31"));
    assert!(assumption_rules(&q).contains(&"tiers.second_half".to_string()));
    // The notice states 380 but not the 640: the fiscal figure is the national minimum of
    // 2023, cited to the national notice; charging it to this row's payers rests on the
    // tier's assumption.
    assert!(rules(&q).contains(&"standard.fiscal".to_string()));
    assert_eq!(q["basis"]["personal_standard"], "stated");
    assert_eq!(q["basis"]["fiscal_subsidy"], "assumed");
    let q = quote("231000-2023", "2022-10-10", "1980-05-01", &[]);
    assert_eq!(q["fiscal_subsidy"], "640.00");
    assert_eq!(q["basis"]["fiscal_subsidy"], "national");
    // 2023-10-05 + 90 days = 2024-01-03: no cover in 2023.
    let q = quote("231000-2023", "2023-10-05", "1980-05-01", &[]);
    assert_cover(&q, None, None);
    assert!(warning_codes(&q).contains(&"no_cover".to_string()));
    // The aided pay their own part in the second half too (表下: no time limit; assumed,
    // issue #11 item 9): 低保 152, not 152 + 640; 特困 nothing.
    let q = quote(
        "231000-2023",
        "2023-07-10",
        "1980-05-01",
        &["minimum_living"],
    );
    assert_figures(&q, "380.00", "640.00", "228.00", "152.00");
    assert_eq!(money(&q, "fiscal_share_paid_by_person"), "0.00");
    assert!(warning_codes(&q).contains(&"payer_exempt".to_string()));
    // The 640 is the national minimum, paid by the government; that the aided are
    // exempt from paying it is the period's assumption, listed with the answer.
    assert_eq!(q["basis"]["fiscal_subsidy"], "national");
    assert!(assumption_rules(&q).contains(&"tiers.second_half".to_string()));
    let q = quote(
        "231000-2023",
        "2023-07-10",
        "1980-05-01",
        &["extreme_poverty"],
    );
    assert_figures(&q, "380.00", "640.00", "380.00", "0.00");
    assert_cover(&q, Some("2023-10-09"), Some("2023-12-31"));
}

/// 职工医保中断缴费3个月内参保居民医保的，不设待遇享受等待期.
#[test]
fn mudanjiang_employee_switch() {
    let switch = |ended: &str, paid: &str| {
        ok(
            "quote",
            json!({"policy": "231000-2023", "paid_on": paid, "person": {"birth_date": "1980-05-01", "employee_insurance_ended_on": ended}}),
        )
    };
    // Ended 2023-02-01; 3 months end 2023-05-01; paid 2023-04-15 → cover the next day.
    let q = switch("2023-02-01", "2023-04-15");
    assert_cover(&q, Some("2023-04-16"), Some("2023-12-31"));
    assert!(rules(&q).contains(&"wait_exemptions[0]".to_string()));
    // The last day of the 3 months still counts.
    let q = switch("2023-02-01", "2023-05-01");
    assert_cover(&q, Some("2023-05-02"), Some("2023-12-31"));
    // A day later the 90-day wait applies: 2023-05-02 + 90 = 2023-07-31.
    let q = switch("2023-02-01", "2023-05-02");
    assert_cover(&q, Some("2023-08-01"), Some("2023-12-31"));
    // In the second half the fiscal share is still paid.
    let q = switch("2023-06-15", "2023-08-01");
    assert_eq!(money(&q, "personal_due"), "1020.00");
    assert_cover(&q, Some("2023-08-02"), Some("2023-12-31"));
}

/// 在90天内参保的新生儿，享受财政补助，并自出生之日起享受当年医保待遇.
#[test]
fn mudanjiang_newborns() {
    let q = quote("231000-2023", "2023-04-20", "2023-02-01", &[]);
    assert_eq!(q["newborn"], "within_90_days");
    assert_figures(&q, "380.00", "640.00", "0.00", "380.00");
    assert_cover(&q, Some("2023-02-01"), Some("2023-12-31"));
    // In the second half a newborn still pays only 380 (享受财政补助).
    let q = quote("231000-2023", "2023-10-20", "2023-08-01", &[]);
    assert_figures(&q, "380.00", "640.00", "0.00", "380.00");
    assert_cover(&q, Some("2023-08-01"), Some("2023-12-31"));
    // Born 2023-01-01: the 90th day is 2023-04-01 (included); 2023-04-02 is too late.
    let q = quote("231000-2023", "2023-04-01", "2023-01-01", &[]);
    assert_eq!(q["newborn"], "within_90_days");
    let q = quote("231000-2023", "2023-04-02", "2023-01-01", &[]);
    assert_eq!(q["newborn"], Value::Null);
    // 2023-04-02 + 90 days = 2023-07-01.
    assert_cover(&q, Some("2023-07-02"), Some("2023-12-31"));
    // Born 2022-11-01, registered in the window: cover from the benefit year's start.
    let q = quote("231000-2023", "2022-11-20", "2022-11-01", &[]);
    assert_cover(&q, Some("2023-01-01"), Some("2023-12-31"));
}

// ------------------------------------------------------------------------ 通河 230128-2023

#[test]
fn tonghe_standard_and_aid() {
    let q = quote("230128-2023", "2022-10-01", "1980-05-01", &[]);
    assert_figures(&q, "380.00", "640.00", "0.00", "380.00");
    assert_cover(&q, Some("2023-01-01"), Some("2023-12-31"));
    // 60% 定额资助: 60% of 380 = 228, 152 to pay.
    for c in [
        "minimum_living",
        "returned_to_poverty",
        "monitored_at_risk",
        "marginal_at_risk",
    ] {
        let q = quote("230128-2023", "2022-10-01", "1980-05-01", &[c]);
        assert_figures(&q, "380.00", "640.00", "228.00", "152.00");
        assert_eq!(aid_source(&q), "government");
        assert!(assumption_rules(&q).contains(&"aid[1]".to_string()));
    }
    for c in ["extreme_poverty", "orphan", "unsupported_child"] {
        let q = quote("230128-2023", "2022-10-01", "1980-05-01", &[c]);
        assert_figures(&q, "380.00", "640.00", "380.00", "0.00");
    }
    // No period for ordinary residents after the window.
    let (code, _) = err(
        "quote",
        r#"{"policy":"230128-2023","paid_on":"2023-03-01","person":{"birth_date":"1980-05-01"}}"#,
    );
    assert_eq!(code, "no_window");
}

/// 三、个人缴费标准: newborns registered Sep–Dec pay 350 + 380 = 730; Jan–Aug pay 380.
#[test]
fn tonghe_newborns() {
    let q = quote("230128-2023", "2022-11-20", "2022-10-15", &[]);
    assert_eq!(q["newborn"], "registered_in_window");
    // Each year's lines (issue #11 item 7): 2022 350 with its fiscal subsidy, the national
    // minimum of 2022 (610, the plan states none), and 2023 380 + 640.
    assert_figures(&q, "730.00", "1250.00", "0.00", "730.00");
    assert_eq!(q["total"], "1980.00");
    assert_eq!(
        q["prior_years"],
        json!([{"year": 2022, "amount": "350.00", "fiscal_subsidy": "610.00"}])
    );
    assert!(rules(&q).contains(&"newborns.registered_in_window.prior_year.fiscal".to_string()));
    assert_eq!(q["basis"]["fiscal_subsidy"], "national");
    assert_cover(&q, Some("2022-10-15"), Some("2023-12-31"));
    // Registered 2023-01-20, 80 days after birth on 2022-11-01: 380, cover from birth.
    let q = quote("230128-2023", "2023-01-20", "2022-11-01", &[]);
    assert_eq!(q["newborn"], "registered_jan_aug");
    assert_figures(&q, "380.00", "640.00", "0.00", "380.00");
    assert_cover(&q, Some("2022-11-01"), Some("2023-12-31"));
    let q = quote("230128-2023", "2023-05-01", "2023-03-01", &[]);
    assert_figures(&q, "380.00", "640.00", "0.00", "380.00");
    assert_cover(&q, Some("2023-03-01"), Some("2023-12-31"));
    // 出生超过90天: ordinary terms. Born 2022-06-01, registered 2022-10-01.
    let q = quote("230128-2023", "2022-10-01", "2022-06-01", &[]);
    assert_eq!(q["newborn"], Value::Null);
    assert_cover(&q, Some("2023-01-01"), Some("2023-12-31"));
    // An aided newborn: 60% of each year (228 + 210 = 438), 292 to pay (stated assumption).
    let q = quote(
        "230128-2023",
        "2022-11-20",
        "2022-10-15",
        &["minimum_living"],
    );
    assert_figures(&q, "730.00", "1250.00", "438.00", "292.00");
    assert!(assumption_rules(&q).contains(&"newborns.registered_in_window".to_string()));
    // Born 2023-03-01, more than 90 days later in September: no period.
    let (code, _) = err(
        "quote",
        r#"{"policy":"230128-2023","paid_on":"2023-09-01","person":{"birth_date":"2023-03-01"}}"#,
    );
    assert_eq!(code, "no_window");
}

#[test]
fn tonghe_target() {
    let p = ok("policy", json!({"policy": "230128-2023"}));
    assert_eq!(p["targets"][0]["percent"], 95);
}

// ------------------------------------------------------------------------ 鄢陵 411024-2024

/// 特别提醒五: ten groups fully aided by 县财政.
#[test]
fn yanling_ten_fully_aided_groups() {
    let ten = [
        "extreme_poverty",
        "minimum_living",
        "returned_to_poverty",
        "unstable_out_of_poverty",
        "marginal_at_risk",
        "sudden_hardship",
        "severe_disability",
        "priority_entitled",
        "child_in_distress",
        "critically_ill",
    ];
    for c in ten {
        let q = quote("411024-2024", "2023-10-10", "1980-05-01", &[c]);
        assert_figures(&q, "380.00", "640.00", "380.00", "0.00");
        assert_eq!(aid_source(&q), "county_finance");
        assert_cover(&q, Some("2024-01-01"), Some("2024-12-31"));
    }
    let q = quote("411024-2024", "2023-10-10", "1980-05-01", &[]);
    assert_figures(&q, "380.00", "640.00", "0.00", "380.00");
    // Not one of the ten.
    let q = quote(
        "411024-2024",
        "2023-10-10",
        "1980-05-01",
        &["out_of_poverty"],
    );
    assert_eq!(money(&q, "personal_due"), "380.00");
    assert!(warning_codes(&q).contains(&"category_not_aided".to_string()));
}

/// 以上特殊群体若已参加职工医疗保险及参加县域外城乡居民基本医疗保险的，则不享受资助.
#[test]
fn yanling_insured_elsewhere_loses_aid() {
    let q = ok(
        "quote",
        json!({"policy": "411024-2024", "paid_on": "2023-10-10", "person": {"birth_date": "1980-05-01", "categories": ["minimum_living"], "insured_elsewhere": true}}),
    );
    assert_figures(&q, "380.00", "640.00", "0.00", "380.00");
    assert!(rules(&q).contains(&"aid_exclusions[0]".to_string()));
    assert!(warning_codes(&q).contains(&"aid_excluded".to_string()));
}

/// 特别提醒三: the extended period has a 30-day wait and no back-pay.
#[test]
fn yanling_extended_period() {
    // design.md: paid 2024-01-10, 30 days end 2024-02-09, cover from 2024-02-10.
    let q = quote("411024-2024", "2024-01-10", "1980-05-01", &[]);
    assert_figures(&q, "380.00", "640.00", "0.00", "380.00");
    assert_cover(&q, Some("2024-02-10"), Some("2024-12-31"));
    assert!(assumption_rules(&q).contains(&"tiers.extended".to_string()));
    // Exempt: 困难群众 and transfers start the next day.
    let q = quote(
        "411024-2024",
        "2024-01-10",
        "1980-05-01",
        &["minimum_living"],
    );
    assert_eq!(money(&q, "personal_due"), "0.00");
    assert_cover(&q, Some("2024-01-11"), Some("2024-12-31"));
    let q = ok(
        "quote",
        json!({"policy": "411024-2024", "paid_on": "2024-01-10", "person": {"birth_date": "1980-05-01", "transfer": true}}),
    );
    assert_cover(&q, Some("2024-01-11"), Some("2024-12-31"));
    // Newborn within 90 days: cover from birth.
    let q = quote("411024-2024", "2024-04-15", "2024-03-01", &[]);
    assert_eq!(q["newborn"], "within_90_days");
    assert_cover(&q, Some("2024-03-01"), Some("2024-12-31"));
    // 2024-12-05 + 30 days = 2025-01-04: no cover in 2024.
    let q = quote("411024-2024", "2024-12-05", "1980-05-01", &[]);
    assert_cover(&q, None, None);
    assert!(warning_codes(&q).contains(&"no_cover".to_string()));
    // Exempt from the wait, but paid on the year's last day: still no cover, and said so.
    let q = ok(
        "quote",
        json!({"policy": "411024-2024", "paid_on": "2024-12-31", "person": {"birth_date": "1980-05-01", "transfer": true}}),
    );
    assert_cover(&q, None, None);
    assert!(warning_codes(&q).contains(&"no_cover".to_string()));
}

/// 特别提醒四 and 五: refunds before the benefit period, none during; aided payers.
#[test]
fn yanling_refunds() {
    let refund = |reason: &str, event: &str, cats: &[&str]| {
        ok(
            "refund",
            json!({"policy": "411024-2024", "person": {"birth_date": "1980-05-01", "categories": cats}, "payment": {"paid_on": "2023-10-10", "amount": "380.00"}, "reason": reason, "event_on": event}),
        )
    };
    for reason in ["death", "employee_insurance"] {
        let r = refund(reason, "2023-12-15", &[]);
        assert_eq!(r["refundable"], true, "{reason}");
        assert_eq!(r["amount"], "380.00");
        let r = refund(reason, "2024-03-01", &[]);
        assert_eq!(r["refundable"], false, "{reason}");
        assert_eq!(r["amount"], "0.00");
        assert!(warning_codes(&r).contains(&"within_benefit_period".to_string()));
        // The first day of cover is already inside the benefit period.
        let r = refund(reason, "2024-01-01", &[]);
        assert_eq!(r["refundable"], false, "{reason}");
    }
    let r = refund("aid_confirmed", "2024-01-05", &["minimum_living"]);
    assert_eq!(r["refundable"], true);
    assert_eq!(r["amount"], "380.00");
    let r = refund("aid_confirmed", "2024-01-05", &[]);
    assert_eq!(r["refundable"], false);
    let r = refund("duplicate", "2023-10-11", &[]);
    assert_eq!(r["refundable"], false);
    assert!(warning_codes(&r).contains(&"refund_not_provided".to_string()));
}

#[test]
fn yanling_cap_and_targets() {
    let p = ok("policy", json!({"policy": "411024-2024"}));
    assert!(p["notes"][0]["text"]["zh"]
        .as_str()
        .unwrap()
        .contains("55万元"));
    assert_eq!(p["targets"][0]["percent"], 98);
    assert_eq!(p["targets"][1]["percent"], 100);
}

// ------------------------------------------------------------------------ 凌源 211382-2022

#[test]
fn lingyuan_window_in_benefit_year() {
    // 缴费期 2022-01-01..03-31; cover 2022-01-01..12-31 even when paid in March.
    for paid in ["2022-01-01", "2022-02-15", "2022-03-31"] {
        let q = quote("211382-2022", paid, "1980-05-01", &[]);
        assert_figures(&q, "320.00", "610.00", "0.00", "320.00");
        assert_cover(&q, Some("2022-01-01"), Some("2022-12-31"));
    }
    // After it: a wait "按相关规定" that the notice does not state → no date, said so.
    let q = quote("211382-2022", "2022-05-01", "1980-05-01", &[]);
    assert_eq!(money(&q, "personal_due"), "320.00");
    assert_cover(&q, None, None);
    assert!(warning_codes(&q).contains(&"cover_date_unknown".to_string()));
    assert!(assumption_rules(&q).contains(&"tiers.late".to_string()));
}

#[test]
fn lingyuan_fully_aided_groups() {
    for c in [
        "extreme_poverty",
        "orphan",
        "minimum_living",
        "low_income",
        "out_of_poverty",
        "monitored_at_risk",
        "unstable_out_of_poverty",
        "marginal_at_risk",
        "sudden_hardship",
        "severe_disability",
        "model_worker",
        "priority_entitled",
        "policy_insured",
    ] {
        let q = quote("211382-2022", "2022-02-15", "1980-05-01", &[c]);
        assert_figures(&q, "320.00", "610.00", "320.00", "0.00");
        assert_eq!(aid_source(&q), "government");
    }
    let q = quote(
        "211382-2022",
        "2022-02-15",
        "1980-05-01",
        &["returned_to_poverty"],
    );
    assert_eq!(money(&q, "personal_due"), "320.00");
}

/// 新生儿自出生之日起3个月（不跨年度）内办理.
#[test]
fn lingyuan_newborns() {
    let q = quote("211382-2022", "2022-07-15", "2022-05-10", &[]);
    assert_eq!(q["newborn"], "within_3_months");
    assert_figures(&q, "320.00", "610.00", "0.00", "320.00");
    assert_cover(&q, Some("2022-05-10"), Some("2022-12-31"));
    // 2022-05-10 + 3 months = 2022-08-10, included.
    let q = quote("211382-2022", "2022-08-10", "2022-05-10", &[]);
    assert_eq!(q["newborn"], "within_3_months");
    let q = quote("211382-2022", "2022-08-11", "2022-05-10", &[]);
    assert_eq!(q["newborn"], Value::Null);
    // Born in December 2021: registration in 2022 crosses the year → ordinary window terms.
    let q = quote("211382-2022", "2022-01-10", "2021-12-20", &[]);
    assert_eq!(q["newborn"], Value::Null);
    assert_cover(&q, Some("2022-01-01"), Some("2022-12-31"));
}

/// 以家庭为单位整户参保: a household of three pays 3 × 320 = 960.
#[test]
fn lingyuan_household() {
    let h = ok(
        "household",
        json!({"policy": "211382-2022", "paid_on": "2022-02-15", "members": [
            {"birth_date": "1980-05-01"}, {"birth_date": "1982-07-01"}, {"birth_date": "2010-09-01", "categories": []}
        ]}),
    );
    assert_eq!(h["personal_due_total"], "960.00");
    assert_eq!(h["members"].as_array().unwrap().len(), 3);
    assert!(rules(&h).contains(&"household".to_string()));
    // A member in employee insurance is excepted; one simply missing is not.
    let h = ok(
        "household",
        json!({"policy": "211382-2022", "paid_on": "2022-02-15", "members": [
            {"birth_date": "1980-05-01"}, {"birth_date": "1982-07-01", "enrolling": false, "insured_elsewhere": true}, {"birth_date": "2010-09-01"}
        ]}),
    );
    assert_eq!(h["personal_due_total"], "640.00");
    assert_eq!(h["members"][1], Value::Null);
    let (code, msg) = err(
        "household",
        r#"{"policy":"211382-2022","paid_on":"2022-02-15","members":[{"birth_date":"1980-05-01"},{"birth_date":"1982-07-01","enrolling":false}]}"#,
    );
    assert_eq!(code, "household_incomplete");
    assert!(msg.contains("第2位成员"), "{msg}");
    // Mixed household: one aided member pays nothing.
    let h = ok(
        "household",
        json!({"policy": "211382-2022", "paid_on": "2022-02-15", "members": [
            {"birth_date": "1980-05-01"}, {"birth_date": "1950-01-01", "categories": ["minimum_living"]}
        ]}),
    );
    assert_eq!(h["personal_due_total"], "320.00");
}

// ------------------------------------------------------------------------ every seed

/// The shares add up for every built-in and every category.
#[test]
fn shares_add_up_everywhere() {
    let cases = [
        ("140400-2024", "2023-10-10"),
        ("140400-2024", "2024-02-10"),
        ("231000-2023", "2022-10-01"),
        ("231000-2023", "2023-08-01"),
        ("230128-2023", "2022-10-01"),
        ("411024-2024", "2023-10-10"),
        ("411024-2024", "2024-01-10"),
        ("211382-2022", "2022-02-15"),
    ];
    for (policy, paid) in cases {
        for c in yibao::Category::ALL {
            let q = quote(policy, paid, "1980-05-01", &[c.id()]);
            let m = |f: &str| money(&q, f).parse::<yibao::Money>().unwrap();
            assert_eq!(
                m("personal_due") + m("aid_total") + m("fiscal_subsidy"),
                m("total"),
                "{policy} {c}"
            );
            assert_eq!(
                m("personal_due") + m("aid_total"),
                m("personal_standard") + m("fiscal_share_paid_by_person"),
                "{policy} {c}"
            );
        }
    }
}

#[test]
fn policies_lists_the_seeds_among_the_builtins_by_province_and_region_newest_first() {
    let p = ok("policies", Value::Null);
    let list = p.as_array().unwrap();
    let ids: Vec<&str> = list.iter().map(|x| x["id"].as_str().unwrap()).collect();
    // The five seeds and 鄢陵 2026 are there, 鄢陵's newest year before its older one.
    for seed in [
        "140400-2024",
        "211382-2022",
        "230128-2023",
        "231000-2023",
        "411024-2026",
        "411024-2024",
    ] {
        assert!(ids.contains(&seed), "{seed}");
    }
    let pos = |id: &str| ids.iter().position(|x| *x == id).unwrap();
    assert_eq!(pos("411024-2024"), pos("411024-2026") + 1);
    // Ordered by region code (so by province), newest year first within a region.
    let keys: Vec<(String, i64)> = list
        .iter()
        .map(|x| {
            (
                x["region_code"].as_str().unwrap().to_string(),
                -x["benefit_year"].as_i64().unwrap(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    let changzhi = &list[pos("140400-2024")];
    assert_eq!(changzhi["region_name"], "长治市");
    assert_eq!(changzhi["province"], "山西省");
    assert_eq!(changzhi["benefit_year"], 2024);
    assert_eq!(list[pos("211382-2022")]["province"], "辽宁省");
}

/// A quote accepts an ID number in place of a birth date, and never echoes it.
#[test]
fn quote_by_id_number() {
    let id = id18("14040219800501123");
    let q = ok(
        "quote",
        json!({"policy": "140400-2024", "paid_on": "2023-10-10", "person": {"id_number": id, "categories": ["minimum_living"]}}),
    );
    assert_eq!(q["personal_due"], "76.00");
    assert!(!q.to_string().contains(&id));
    // An ID number for a child born 2024-03-15 makes them a newborn.
    let baby = id18("14040220240315002");
    let q = ok(
        "quote",
        json!({"policy": "140400-2024", "paid_on": "2024-04-01", "person": {"id_number": baby}}),
    );
    assert_eq!(q["newborn"], "birth_year_free");
    assert_eq!(q["benefit_start"], "2024-03-15");
}

#[test]
fn id_operation() {
    let i = ok("id", json!({"id_number": "11010519491231002X"}));
    assert_eq!(i["valid"], true);
    assert_eq!(i["kind"], "resident");
    assert_eq!(i["birth_date"], "1949-12-31");
    assert_eq!(i["sex"], "female");
    assert_eq!(i["region_code"], "110105");
    assert_eq!(i["masked"], "110105********002X");
    // Legacy 15 digits are upgraded: 110105491231002 → 11010519491231002X.
    let i = ok("id", json!({"id_number": "110105491231002"}));
    assert_eq!(i["normalized"], "11010519491231002X");
    assert_eq!(i["kind"], "resident_legacy15");
    let i = ok(
        "id",
        json!({"id_number": "11010519491231002X", "today": "1949-12-30"}),
    );
    assert_eq!(i["valid"], false);
    assert_eq!(i["reason"], "future_birth");
    let i = ok("id", json!({"id_number": "110105194912310021"}));
    assert_eq!(i["valid"], false);
    assert_eq!(i["reason"], "checksum");
    assert_eq!(i["masked"], "110105********0021");
    let hk = id18("81000019900101001");
    assert_eq!(
        ok("id", json!({"id_number": hk}))["kind"],
        "hong_kong_permit"
    );
}
