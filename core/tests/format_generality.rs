//! The policy format expresses more than the five seed notices: test-only policy files
//! (`tests/fixtures/`) and the annotated example of `docs/policy-format.md`, checked
//! against figures computed by hand. Every expected figure states its arithmetic.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use serde_json::{json, Value};
use yibao::Engine;

/// 甲市（虚构）2024: window across the new year, students, 50% aid, newborn variants,
/// a late tier at personal + fiscal with a 90-day wait and one with a 3-month wait.
const GENERALITY: &str = include_str!("fixtures/990100-2024.toml");
const MISPLACED_KEY: &str = include_str!("fixtures/invalid_misplaced_key.toml");
const OVERLAPPING: &str = include_str!("fixtures/invalid_overlapping_windows.toml");
const AID_ABOVE: &str = include_str!("fixtures/invalid_aid_above_standard.toml");
const FORMAT_DOC: &str = include_str!("../../docs/policy-format.md");

const P: &str = "990100-2024";
const DOC: &str = "990200-2025";

/// The annotated example of the format reference, between its marker lines.
fn doc_example() -> String {
    let begin = "<!-- policy-example:begin -->";
    let end = "<!-- policy-example:end -->";
    let start = FORMAT_DOC.find(begin).expect("begin marker") + begin.len();
    let stop = FORMAT_DOC.find(end).expect("end marker");
    let block = FORMAT_DOC[start..stop].trim();
    let body = block
        .strip_prefix("```toml")
        .expect("the example opens with ```toml")
        .strip_suffix("```")
        .expect("the example closes with ```");
    body.to_string()
}

fn engine() -> Engine {
    let mut e = Engine::empty();
    assert_eq!(e.load_policy("990100-2024.toml", GENERALITY).unwrap(), P);
    assert_eq!(
        e.load_policy("990200-2025.toml", &doc_example()).unwrap(),
        DOC
    );
    e
}

/// A quote through the JSON contract, or the error's (code, message).
fn try_quote(
    e: &Engine,
    policy: &str,
    paid_on: &str,
    person: Value,
) -> Result<Value, (String, String)> {
    let req = json!({"policy": policy, "paid_on": paid_on, "person": person});
    yibao::json::handle(e, "quote", &req.to_string())
        .map(|s| serde_json::from_str(&s).unwrap())
        .map_err(|err| (err.code().as_str().to_string(), err.message()))
}

fn quote(e: &Engine, policy: &str, paid_on: &str, person: Value) -> Value {
    try_quote(e, policy, paid_on, person)
        .unwrap_or_else(|(c, m)| panic!("quote {policy} {paid_on} failed: {c}: {m}"))
}

fn adult() -> Value {
    json!({"birth_date": "1990-01-01"})
}

fn with(cats: &[&str]) -> Value {
    json!({"birth_date": "1990-01-01", "categories": cats})
}

fn student(cats: &[&str]) -> Value {
    let mut all = vec!["student"];
    all.extend_from_slice(cats);
    json!({"birth_date": "2008-05-01", "categories": all})
}

fn warning_codes(q: &Value) -> Vec<String> {
    q["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap().to_string())
        .collect()
}

fn cover(q: &Value) -> (Value, Value) {
    (q["benefit_start"].clone(), q["benefit_end"].clone())
}

fn year(from: &str, to: &str) -> (Value, Value) {
    (json!(from), json!(to))
}

const NO_COVER: (Value, Value) = (Value::Null, Value::Null);

// ------------------------------------------------------------------ the format reference

#[test]
fn doc_example_parses_and_validates() {
    let p = yibao::policy::parse_policy("990200-2025.toml", &doc_example()).unwrap();
    assert_eq!(p.id, DOC);
    assert_eq!(p.tiers.len(), 3);
    assert_eq!(p.aid.len(), 5);
    assert_eq!(p.newborns.len(), 3);
    assert_eq!(p.refunds.len(), 4);
    assert_eq!(p.contacts.len(), 4);
    assert!(p.household.is_some_and(|h| h.whole));
}

#[test]
fn doc_example_answers_as_its_table_says() {
    let e = engine();
    // Window, day 10 (payment days 1–25): 400, cover the whole of 2025.
    let q = quote(&e, DOC, "2024-10-10", adult());
    assert_eq!(q["personal_due"], "400.00");
    assert_eq!(q["fiscal_subsidy"], "670.00");
    assert_eq!(cover(&q), year("2025-01-01", "2025-12-31"));
    // Day 26 is no payment day; the next is 1 November.
    let (code, msg) = try_quote(&e, DOC, "2024-10-26", adult()).unwrap_err();
    assert_eq!(code, "not_payment_day");
    assert!(msg.contains("2024-11-01"), "{msg}");
    // 2024-12-21 is a payment day (21 ≤ 25) but after the advised 2024-12-20: a warning.
    let q = quote(&e, DOC, "2024-12-21", adult());
    assert!(warning_codes(&q).contains(&"after_advised_date".to_string()));
    // Students: 250.
    let q = quote(&e, DOC, "2024-10-10", student(&[]));
    assert_eq!(q["personal_due"], "250.00");
    // 低保 student: fixed 200 of 250 → pays 50.
    let q = quote(&e, DOC, "2024-10-10", student(&["minimum_living"]));
    assert_eq!(q["aid_total"], "200.00");
    assert_eq!(q["personal_due"], "50.00");
    // low_income 50% of 400 = 200 vs severe_disability 60% of 400 = 240: 240 wins → 160.
    let q = quote(
        &e,
        DOC,
        "2024-10-10",
        with(&["low_income", "severe_disability"]),
    );
    assert_eq!(q["aid_total"], "240.00");
    assert_eq!(q["personal_due"], "160.00");
    assert_eq!(q["aid"].as_array().unwrap().len(), 1);
    assert_eq!(q["aid"][0]["source"], "disability_employment_security_fund");
    // A subtype of monitored_at_risk: personal share 100.
    let q = quote(&e, DOC, "2024-10-10", with(&["marginal_at_risk"]));
    assert_eq!(q["personal_due"], "100.00");
    assert_eq!(q["aid_total"], "300.00");
    assert_eq!(q["aid"][0]["category"], "marginal_at_risk");
    // Extended: 2025-01-10 + 30 days = 2025-02-09 (21 days of January + 9) → cover 02-10.
    let q = quote(&e, DOC, "2025-01-10", adult());
    assert_eq!(q["personal_due"], "400.00");
    assert_eq!(cover(&q), year("2025-02-10", "2025-12-31"));
    // Late: 400 + 670 = 1070; 2025-04-10 + 3 months = 2025-07-10 → cover 07-11.
    let q = quote(&e, DOC, "2025-04-10", adult());
    assert_eq!(q["personal_due"], "1070.00");
    assert_eq!(q["fiscal_subsidy"], "0.00");
    assert_eq!(cover(&q), year("2025-07-11", "2025-12-31"));
    // Late and aided: personal part only (400 - 200 = 200), no wait → cover 04-11.
    let q = quote(&e, DOC, "2025-04-10", with(&["minimum_living"]));
    assert_eq!(q["personal_due"], "200.00");
    assert_eq!(q["fiscal_subsidy"], "670.00");
    assert_eq!(cover(&q), year("2025-04-11", "2025-12-31"));
    // Insured elsewhere: no aid → 400.
    let mut p = with(&["minimum_living"]);
    p["insured_elsewhere"] = json!(true);
    let q = quote(&e, DOC, "2024-10-10", p);
    assert_eq!(q["personal_due"], "400.00");
    assert!(warning_codes(&q).contains(&"aid_excluded".to_string()));
    // Newborn born 2024-10-01, paid 2024-11-05 (within 90 days: up to 2024-12-30):
    // 380 (2024) + 400 (2025) = 780; each year's fiscal subsidy, 2024's the national
    // minimum (670, the file states none) + 670 = 1340; total 2120; cover from birth.
    let q = quote(&e, DOC, "2024-11-05", json!({"birth_date": "2024-10-01"}));
    assert_eq!(q["newborn"], "autumn_two_years");
    assert_eq!(q["personal_standard"], "780.00");
    assert_eq!(q["personal_due"], "780.00");
    assert_eq!(q["fiscal_subsidy"], "1340.00");
    assert_eq!(q["total"], "2120.00");
    assert_eq!(
        q["prior_years"],
        json!([{"year": 2024, "amount": "380.00", "fiscal_subsidy": "670.00"}])
    );
    assert_eq!(q["basis"]["fiscal_subsidy"], "national");
    assert_eq!(cover(&q), year("2024-10-01", "2025-12-31"));
    // Newborn born 2025-02-01 with an insured parent: free, cover from birth.
    let q = quote(
        &e,
        DOC,
        "2025-02-20",
        json!({"birth_date": "2025-02-01", "parent_insured": true}),
    );
    assert_eq!(q["newborn"], "parent_insured_free");
    assert_eq!(q["personal_due"], "0.00");
    assert_eq!(cover(&q), year("2025-02-01", "2025-12-31"));
}

#[test]
fn doc_example_refunds() {
    let e = engine();
    let refund = |reason: &str, paid_on: &str, amount: &str, event_on: &str, cats: &[&str]| {
        let req = json!({
            "policy": DOC, "person": with(cats), "reason": reason, "event_on": event_on,
            "payment": {"paid_on": paid_on, "amount": amount},
        });
        let s = yibao::json::handle(&e, "refund", &req.to_string()).unwrap();
        serde_json::from_str::<Value>(&s).unwrap()
    };
    // Death before the cover bought in the window (2025-01-01) starts: the whole payment.
    let r = refund("death", "2024-10-10", "400.00", "2024-12-01", &[]);
    assert_eq!(
        (r["refundable"].clone(), r["amount"].clone()),
        (json!(true), json!("400.00"))
    );
    // Death inside the cover: nothing.
    let r = refund("death", "2024-10-10", "400.00", "2025-03-01", &[]);
    assert_eq!(r["refundable"], false);
    // 低保 adult paid the full 400 although 200 was due: 200 back.
    let r = refund(
        "aid_confirmed",
        "2024-10-10",
        "400.00",
        "2024-11-01",
        &["minimum_living"],
    );
    assert_eq!(r["amount"], "200.00");
    // Ruled out by the notice.
    let r = refund(
        "employee_insurance",
        "2024-10-10",
        "400.00",
        "2024-11-01",
        &[],
    );
    assert_eq!(r["refundable"], false);
}

// ------------------------------------------------------------------ (a) window across the new year

#[test]
fn window_crossing_the_new_year() {
    let e = engine();
    // 2023-11-15..=2024-02-29 is one window; every day of it buys the whole of 2024.
    for day in ["2023-11-15", "2023-12-31", "2024-01-01", "2024-02-29"] {
        let q = quote(&e, P, day, adult());
        assert_eq!(q["window"]["id"], "window", "{day}");
        assert_eq!(q["personal_due"], "400.00", "{day}");
        assert_eq!(q["fiscal_subsidy"], "670.00", "{day}");
        assert_eq!(cover(&q), year("2024-01-01", "2024-12-31"), "{day}");
        assert!(q["warnings"].as_array().unwrap().is_empty(), "{day}");
    }
    // The day after falls in the late tier.
    let q = quote(&e, P, "2024-03-01", adult());
    assert_eq!(q["window"]["id"], "late");
    // The day before the window opens is in no period.
    let (code, _) = try_quote(&e, P, "2023-11-14", adult()).unwrap_err();
    assert_eq!(code, "no_window");
    // The window operation agrees.
    let w = yibao::json::handle(
        &e,
        "window",
        &json!({"policy": P, "date": "2023-12-31"}).to_string(),
    )
    .unwrap();
    let w: Value = serde_json::from_str(&w).unwrap();
    assert_eq!(w["open"], true);
    assert_eq!(w["window"]["to"], "2024-02-29");
}

// ------------------------------------------------------------------ (b) group standard for students

#[test]
fn students_have_their_own_standard() {
    let e = engine();
    // Student: 200 personal + 640 fiscal = 840; adult: 400 + 670 = 1070.
    let q = quote(&e, P, "2023-12-01", student(&[]));
    assert_eq!(q["personal_standard"], "200.00");
    assert_eq!(q["fiscal_subsidy"], "640.00");
    assert_eq!(q["total"], "840.00");
    assert_eq!(q["personal_due"], "200.00");
    assert!(q["citations"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["rule"] == "group_standards[0]"));
    // A student is no unaided category: no category_not_aided warning.
    assert!(warning_codes(&q).is_empty());
    let q = quote(&e, P, "2023-12-01", adult());
    assert_eq!(q["personal_due"], "400.00");
    assert_eq!(q["total"], "1070.00");
}

// ------------------------------------------------------------------ (c) percentage aid

#[test]
fn fifty_percent_aid() {
    let e = engine();
    // 50% of 400 = 200 → pays 200.
    let q = quote(&e, P, "2023-12-01", with(&["minimum_living"]));
    assert_eq!(q["aid_total"], "200.00");
    assert_eq!(q["personal_due"], "200.00");
    assert_eq!(q["aid"][0]["category"], "minimum_living");
    assert_eq!(q["aid"][0]["source"], "medical_assistance");
    // A student: 50% of 200 = 100 → pays 100.
    let q = quote(&e, P, "2023-12-01", student(&["minimum_living"]));
    assert_eq!(q["aid_total"], "100.00");
    assert_eq!(q["personal_due"], "100.00");
    assert_eq!(q["total"], "840.00");
}

// ------------------------------------------------------------------ (d) newborns

#[test]
fn newborns_free_with_an_insured_parent_else_standard() {
    let e = engine();
    // Born 2024-03-10, registered 2024-04-01 (22 days later), in the late tier.
    let born = json!({"birth_date": "2024-03-10", "parent_insured": true});
    let q = quote(&e, P, "2024-04-01", born);
    assert_eq!(q["newborn"], "parent_insured_free");
    assert_eq!(q["personal_standard"], "0.00");
    assert_eq!(q["fiscal_subsidy"], "0.00");
    assert_eq!(q["personal_due"], "0.00");
    assert_eq!(cover(&q), year("2024-03-10", "2024-12-31"));
    // No insured parent: the second rule, the standard 400 with the fiscal 670 — not the
    // late tier's 1070 and no 90-day wait.
    let q = quote(&e, P, "2024-04-01", json!({"birth_date": "2024-03-10"}));
    assert_eq!(q["newborn"], "within_90_days");
    assert_eq!(q["personal_due"], "400.00");
    assert_eq!(q["fiscal_subsidy"], "670.00");
    assert_eq!(cover(&q), year("2024-03-10", "2024-12-31"));
    // Born 2023-12-20 with an insured parent, paid in the window: `cover = "birth"`
    // is literal, so cover starts in 2023, before the benefit year.
    let born = json!({"birth_date": "2023-12-20", "parent_insured": true});
    let q = quote(&e, P, "2024-01-05", born);
    assert_eq!(q["newborn"], "parent_insured_free");
    assert_eq!(cover(&q), year("2023-12-20", "2024-12-31"));
    // Without: `birth_in_benefit_year`, so from birth but not before 2024-01-01.
    let q = quote(&e, P, "2024-01-05", json!({"birth_date": "2023-12-20"}));
    assert_eq!(q["newborn"], "within_90_days");
    assert_eq!(cover(&q), year("2024-01-01", "2024-12-31"));
    // "Within 90 days" includes the 90th day: born 2024-01-02, +29 → 01-31, +29 → 02-29,
    // +31 → 03-31, +1 → 04-01 (29 + 29 + 31 + 1 = 90).
    let q = quote(&e, P, "2024-04-01", json!({"birth_date": "2024-01-02"}));
    assert_eq!(q["newborn"], "within_90_days");
    // The 91st day: an ordinary late payer, 400 + 670 = 1070, wait 90 days from
    // 2024-04-02: +28 → 04-30, +31 → 05-31, +30 → 06-30, +1 → 07-01 (90); cover 07-02.
    let q = quote(&e, P, "2024-04-02", json!({"birth_date": "2024-01-02"}));
    assert_eq!(q["newborn"], Value::Null);
    assert_eq!(q["personal_due"], "1070.00");
    assert_eq!(cover(&q), year("2024-07-02", "2024-12-31"));
}

// ------------------------------------------------------------------ (e) late tiers and waits

#[test]
fn late_tier_personal_and_fiscal_with_a_90_day_wait() {
    let e = engine();
    // Paid 2024-03-01: 400 + 670 = 1070, nothing from the government.
    // Wait: 2024-03-01 + 90 days: +30 → 03-31, +30 → 04-30, +30 → 05-30; cover 05-31.
    let q = quote(&e, P, "2024-03-01", adult());
    assert_eq!(q["window"]["id"], "late");
    // The personal standard stays 400; the fiscal share the person pays is its own line.
    assert_eq!(q["personal_standard"], "400.00");
    assert_eq!(q["fiscal_share_paid_by_person"], "670.00");
    assert_eq!(q["fiscal_subsidy"], "0.00");
    assert_eq!(q["total"], "1070.00");
    assert_eq!(q["personal_due"], "1070.00");
    assert_eq!(cover(&q), year("2024-05-31", "2024-12-31"));
    assert_eq!(warning_codes(&q), vec!["pays_fiscal_share"]);
    // A student pays the group's shares: 200 + 640 = 840.
    let q = quote(&e, P, "2024-03-01", student(&[]));
    assert_eq!(q["personal_due"], "840.00");
    // Aided (payer_exempt = ["aided"]): the personal part only, 400 - 50% = 200, fiscal
    // 670 stays public; no aided wait exemption in this file, so the same 90 days.
    let q = quote(&e, P, "2024-03-01", with(&["minimum_living"]));
    assert_eq!(q["personal_standard"], "400.00");
    assert_eq!(q["fiscal_share_paid_by_person"], "0.00");
    assert_eq!(q["fiscal_subsidy"], "670.00");
    assert_eq!(q["personal_due"], "200.00");
    assert_eq!(cover(&q), year("2024-05-31", "2024-12-31"));
    assert_eq!(warning_codes(&q), vec!["payer_exempt"]);
}

#[test]
fn wait_in_months_clamps_to_the_month_end_and_may_buy_no_cover() {
    let e = engine();
    // late_months: the personal share only (400), 3 months' wait.
    // 2024-08-31 + 3 months = 2024-11-31, which does not exist → 2024-11-30; cover 12-01.
    let q = quote(&e, P, "2024-08-31", adult());
    assert_eq!(q["window"]["id"], "late_months");
    assert_eq!(q["personal_due"], "400.00");
    assert_eq!(q["fiscal_subsidy"], "670.00");
    assert_eq!(cover(&q), year("2024-12-01", "2024-12-31"));
    // 2024-09-30 + 3 months = 2024-12-30; cover on the year's last day only.
    let q = quote(&e, P, "2024-09-30", adult());
    assert_eq!(cover(&q), year("2024-12-31", "2024-12-31"));
    // 2024-10-01 + 3 months = 2025-01-01: after the benefit year → no cover.
    let q = quote(&e, P, "2024-10-01", adult());
    assert_eq!(cover(&q), NO_COVER);
    // 2024-11-30 + 3 months = 2025-02-30, which does not exist → 2025-02-28: no cover,
    // null dates, a warning; the amount is still computed.
    let q = quote(&e, P, "2024-11-30", adult());
    assert_eq!(q["personal_due"], "400.00");
    assert_eq!(cover(&q), NO_COVER);
    assert_eq!(warning_codes(&q), vec!["no_cover"]);
    let msg = q["warnings"][0]["message"].as_str().unwrap();
    assert!(msg.contains("3个月") && msg.contains("2024"), "{msg}");
}

#[test]
fn employee_switch_exemption_counts_months_to_the_month_end() {
    let e = engine();
    // Ended 2023-12-15: within 3 months means up to 2024-03-15, so a payment on 2024-03-01
    // has no wait: cover from the next day. The late tier still asks for 1070.
    let mut p = adult();
    p["employee_insurance_ended_on"] = json!("2023-12-15");
    let q = quote(&e, P, "2024-03-01", p);
    assert_eq!(q["personal_due"], "1070.00");
    assert_eq!(cover(&q), year("2024-03-02", "2024-12-31"));
    // Ended 2023-11-30: + 3 months = 2024-02-30 → 2024-02-29, so 2024-03-01 is one day too
    // late: the 90-day wait applies (cover 2024-05-31).
    let mut p = adult();
    p["employee_insurance_ended_on"] = json!("2023-11-30");
    let q = quote(&e, P, "2024-03-01", p);
    assert_eq!(cover(&q), year("2024-05-31", "2024-12-31"));
    // A transfer has no wait either.
    let mut p = adult();
    p["transfer"] = json!(true);
    let q = quote(&e, P, "2024-09-10", p);
    assert_eq!(cover(&q), year("2024-09-11", "2024-12-31"));
}

// ------------------------------------------------------------------ aid: highest wins, shares

#[test]
fn the_highest_aid_wins_and_is_never_stacked() {
    let e = engine();
    // Adult, 低保 (50% of 400 = 200) and 低保边缘 (fixed 150): 200 wins, not 350.
    let q = quote(&e, P, "2023-12-01", with(&["minimum_living", "low_income"]));
    assert_eq!(q["aid_total"], "200.00");
    assert_eq!(q["personal_due"], "200.00");
    assert_eq!(q["aid"].as_array().unwrap().len(), 1);
    assert_eq!(q["aid"][0]["category"], "minimum_living");
    assert!(warning_codes(&q).contains(&"aid_not_stacked".to_string()));
    // Student, same categories: 50% of 200 = 100 vs fixed 150 (≤ 200): 150 wins → pays 50.
    let q = quote(
        &e,
        P,
        "2023-12-01",
        student(&["minimum_living", "low_income"]),
    );
    assert_eq!(q["aid_total"], "150.00");
    assert_eq!(q["personal_due"], "50.00");
    assert_eq!(q["aid"][0]["category"], "low_income");
    assert_eq!(q["aid"][0]["source"], "government");
    // Tie: 低保 50% of 400 = 200 and 重度残疾 fixed 200: the rule listed first (aid[0]).
    let q = quote(
        &e,
        P,
        "2023-12-01",
        with(&["minimum_living", "severe_disability"]),
    );
    assert_eq!(q["aid_total"], "200.00");
    assert_eq!(q["aid"][0]["category"], "minimum_living");
    assert_eq!(q["aid"][0]["source"], "medical_assistance");
    // Full aid beats everything: 400 → 0.
    let q = quote(
        &e,
        P,
        "2023-12-01",
        with(&["extreme_poverty", "low_income"]),
    );
    assert_eq!(q["aid_total"], "400.00");
    assert_eq!(q["personal_due"], "0.00");
    assert_eq!(q["aid"][0]["source"], "county_finance");
}

#[test]
fn a_fixed_personal_share() {
    let e = engine();
    // 脱贫人口 pays 120: adult aid 400 - 120 = 280; student aid 200 - 120 = 80.
    let q = quote(&e, P, "2023-12-01", with(&["out_of_poverty"]));
    assert_eq!(q["aid_total"], "280.00");
    assert_eq!(q["personal_due"], "120.00");
    let q = quote(&e, P, "2023-12-01", student(&["out_of_poverty"]));
    assert_eq!(q["aid_total"], "80.00");
    assert_eq!(q["personal_due"], "120.00");
    // The rule lists monitored_at_risk, which includes 突发严重困难人口.
    let q = quote(&e, P, "2023-12-01", with(&["sudden_hardship"]));
    assert_eq!(q["personal_due"], "120.00");
    assert_eq!(q["aid"][0]["category"], "sudden_hardship");
}

// ------------------------------------------------------------------ files that must be refused

#[test]
fn a_misplaced_key_is_a_syntax_error_with_line_and_column() {
    let err = yibao::policy::parse_policy("invalid_misplaced_key.toml", MISPLACED_KEY).unwrap_err();
    assert_eq!(err.code().as_str(), "policy_syntax");
    let msg = err.message();
    // Line 21 is `  fiscal = "670.00"` inside [[tiers]]; the key starts in column 3.
    assert_eq!(
        MISPLACED_KEY.lines().nth(20).unwrap(),
        "  fiscal = \"670.00\""
    );
    assert!(
        msg.starts_with(
            "invalid_misplaced_key.toml:21:3: 政策文件此处不能有键 `fiscal`（此处可用的键："
        ),
        "{msg}"
    );
    let en = err.text(yibao::Lang::En);
    assert!(
        en.starts_with("invalid_misplaced_key.toml:21:3: unknown field `fiscal`"),
        "{en}"
    );
    // Through the engine, too.
    let mut e = Engine::empty();
    let err = e
        .load_policy("invalid_misplaced_key.toml", MISPLACED_KEY)
        .unwrap_err();
    assert_eq!(err.code().as_str(), "policy_syntax");
}

#[test]
fn overlapping_windows_are_invalid() {
    let err =
        yibao::policy::parse_policy("invalid_overlapping_windows.toml", OVERLAPPING).unwrap_err();
    assert_eq!(err.code().as_str(), "policy_invalid");
    let msg = err.message();
    assert!(
        msg.starts_with("invalid_overlapping_windows.toml: tiers[1].from:"),
        "{msg}"
    );
    assert!(msg.contains("2023-12-31"), "{msg}");
}

#[test]
fn aid_above_the_standard_is_invalid() {
    let err =
        yibao::policy::parse_policy("invalid_aid_above_standard.toml", AID_ABOVE).unwrap_err();
    assert_eq!(err.code().as_str(), "policy_invalid");
    let msg = err.message();
    assert!(
        msg.starts_with("invalid_aid_above_standard.toml: aid[0].grant:"),
        "{msg}"
    );
    assert!(msg.contains("450.00") && msg.contains("400.00"), "{msg}");
}

#[test]
fn the_reference_does_not_promise_what_the_parser_refuses() {
    // Money must be a string: a TOML number is a syntax error at its position.
    let text = GENERALITY.replacen("personal = \"400.00\"", "personal = 400", 1);
    let err = yibao::policy::parse_policy("m.toml", &text).unwrap_err();
    assert_eq!(err.code().as_str(), "policy_syntax");
    assert!(
        err.message().starts_with("m.toml:17:12:"),
        "{}",
        err.message()
    );
    // More than two decimals.
    let text = GENERALITY.replacen("\"400.00\"", "\"400.001\"", 1);
    let err = yibao::policy::parse_policy("m.toml", &text).unwrap_err();
    assert!(err.message().contains("至多两位小数"), "{}", err.message());
    assert!(err.text(yibao::Lang::En).contains("two decimals"));
    // Dates are quoted.
    let text = GENERALITY.replacen("from = \"2023-11-15\"", "from = 2023-11-15", 1);
    let err = yibao::policy::parse_policy("m.toml", &text).unwrap_err();
    assert_eq!(err.code().as_str(), "policy_syntax");
    // `within` is refused on a wait exemption other than employee_switch.
    let text = GENERALITY.replacen(
        "kind = \"transfer\"",
        "kind = \"transfer\"\nwithin = { days = 10 }",
        1,
    );
    let err = yibao::policy::parse_policy("m.toml", &text).unwrap_err();
    assert_eq!(err.code().as_str(), "policy_invalid");
    assert!(
        err.message().contains("wait_exemptions[1].within"),
        "{}",
        err.message()
    );
}
