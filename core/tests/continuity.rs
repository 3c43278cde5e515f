//! 国办发〔2024〕38号 from 2025: continuity waits, repair, the floor, exemptions and the
//! 大病保险 cap raise, worked by hand on 鄢陵 2026 (`411024-2026`); the statutory calendar.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::*;
use proptest::prelude::*;
use serde_json::{json, Value};

fn q(paid: &str, person: Value) -> Value {
    ok(
        "quote",
        json!({"policy": "411024-2026", "paid_on": paid, "person": person}),
    )
}

fn adult(history: Value) -> Value {
    json!({"birth_date": "1980-05-01", "history": history})
}

fn cover(v: &Value) -> (Value, Value) {
    (v["benefit_start"].clone(), v["benefit_end"].clone())
}

fn d(s: &str) -> Value {
    json!(s)
}

#[test]
fn standard_comes_from_the_national_minimum() {
    let v = q("2025-10-10", adult(json!({"insured_years": [2025]})));
    assert_eq!(v["personal_due"], "400.00");
    assert_eq!(v["fiscal_subsidy"], "700.00");
    assert_eq!(v["total"], "1100.00");
    assert!(v["citations"][0]["document"]
        .as_str()
        .unwrap()
        .contains("2025"));
    assert!(assumption_rules(&v).contains(&"standard".to_string()));
}

#[test]
fn continuous_payer_in_the_window_has_no_wait() {
    let v = q(
        "2025-10-10",
        adult(json!({"insured_years": [2023, 2024, 2025]})),
    );
    assert_eq!(cover(&v), (d("2026-01-01"), d("2026-12-31")));
    let c = &v["continuity"];
    assert_eq!(c["break_years"], 0);
    assert_eq!(c["wait_months"], 0);
    assert_eq!(c["fixed_wait_months"], 0);
    assert!(rules(&v).contains(&"national.continuity".to_string()));
    // A first enrolment in the window: no break, no wait (stated assumption).
    let v = q("2025-10-10", adult(json!({"insured_years": []})));
    assert_eq!(cover(&v), (d("2026-01-01"), d("2026-12-31")));
}

#[test]
fn break_years_add_a_month_each() {
    // Last insured 2023; 2024 and 2025 missed: 3 + 1 = 4 months from 2025-12-31 (the
    // first year of a break brings the fixed wait, each year more a month; the window's
    // wait runs from the benefit year's first day) → 2026-04-30, cover 05-01.
    let v = q("2025-10-10", adult(json!({"insured_years": [2022, 2023]})));
    let c = &v["continuity"];
    assert_eq!(c["break_years"], 2);
    assert_eq!(c["fixed_wait_months"], 3);
    assert_eq!(c["variable_wait_months"], 1);
    assert_eq!(c["wait_months"], 4);
    assert_eq!(c["wait_counted_from"], "2025-12-31");
    assert_eq!(cover(&v), (d("2026-05-01"), d("2026-12-31")));
    // Only 2025 missed (咸宁, 铜仁, 衡山 2026): the fixed 3 months, cover from 1 April.
    let v = q("2025-10-10", adult(json!({"insured_years": [2023, 2024]})));
    assert_eq!(v["continuity"]["break_years"], 1);
    assert_eq!(v["continuity"]["variable_wait_months"], 0);
    assert_eq!(cover(&v), (d("2026-04-01"), d("2026-12-31")));
    // Repairing one year removes a month: 3 months → 2026-03-31, cover 04-01; 400 yuan.
    let v = q(
        "2025-10-10",
        adult(json!({"insured_years": [2023], "repair_years": 1})),
    );
    let c = &v["continuity"];
    assert_eq!(c["repaired_years"], 1);
    assert_eq!(c["months_removed"], 1);
    assert_eq!(c["repair_due"], "400.00");
    assert_eq!(c["wait_months"], 3);
    assert_eq!(cover(&v), (d("2026-04-01"), d("2026-12-31")));
    assert!(warning_codes(&v).contains(&"repair_payment".to_string()));
    // The repair is not part of this year's contribution.
    assert_eq!(v["personal_due"], "400.00");
}

#[test]
fn the_floor_after_four_years_of_break() {
    // Last insured 2020: 2021–2025 missed, 5 years: 3 + 4 = 7 months.
    let v = q("2025-10-10", adult(json!({"insured_years": [2020]})));
    assert_eq!(v["continuity"]["wait_months"], 7);
    assert_eq!(v["continuity"]["floor_applied"], false);
    // 2025-12-31 + 7 months = 2026-07-31 → cover 08-01.
    assert_eq!(cover(&v), (d("2026-08-01"), d("2026-12-31")));
    // Repair 1: 6 months → 2026-06-30 → cover 07-01.
    let v = q(
        "2025-10-10",
        adult(json!({"insured_years": [2020], "repair_years": 1})),
    );
    assert_eq!(v["continuity"]["wait_months"], 6);
    assert_eq!(cover(&v), (d("2026-07-01"), d("2026-12-31")));
    // Repair all 5: 3 months, but the floor is 6 → 2026-06-30 → cover 07-01; 5 × 400.
    let v = q(
        "2025-10-10",
        adult(json!({"insured_years": [2020], "repair_years": 5})),
    );
    let c = &v["continuity"];
    assert_eq!(c["wait_months"], 6);
    assert_eq!(c["floor_applied"], true);
    assert_eq!(c["repair_due"], "2000.00");
    assert_eq!(cover(&v), (d("2026-07-01"), d("2026-12-31")));
    // Repairing more years than missed counts only the missed ones.
    let v = q(
        "2025-10-10",
        adult(json!({"insured_years": [2023], "repair_years": 9})),
    );
    assert_eq!(v["continuity"]["repaired_years"], 2);
    assert_eq!(v["continuity"]["wait_months"], 3);
    // Exactly 4 years of break (last insured 2021), all repaired: 3 → floor 6.
    let v = q(
        "2025-10-10",
        adult(json!({"insured_years": [2021], "repair_years": 4})),
    );
    assert_eq!(v["continuity"]["wait_months"], 6);
    // 3 years (last 2022), all repaired: 3 months, no floor → 2026-03-31 → cover 04-01.
    let v = q(
        "2025-10-10",
        adult(json!({"insured_years": [2022], "repair_years": 3})),
    );
    assert_eq!(v["continuity"]["wait_months"], 3);
    assert_eq!(v["continuity"]["floor_applied"], false);
    assert_eq!(cover(&v), (d("2026-04-01"), d("2026-12-31")));
}

#[test]
fn outside_the_window_the_fixed_wait_runs_from_payment() {
    // Continuous but late: 3 months from 2026-02-10 → 2026-05-10, cover 05-11.
    let v = q("2026-02-10", adult(json!({"insured_years": [2025]})));
    assert_eq!(v["continuity"]["wait_months"], 3);
    assert_eq!(v["continuity"]["wait_counted_from"], "2026-02-10");
    assert_eq!(cover(&v), (d("2026-05-11"), d("2026-12-31")));
    // Without a history the fixed wait still applies, and the answer says what it assumed.
    let v = q("2026-02-10", json!({"birth_date": "1980-05-01"}));
    assert_eq!(cover(&v), (d("2026-05-11"), d("2026-12-31")));
    assert_eq!(v["continuity"]["history_given"], false);
    assert!(warning_codes(&v).contains(&"history_not_given".to_string()));
    // Late with a 2-year break: 4 months from 2026-02-10 → 2026-06-10, cover 06-11.
    let v = q("2026-02-10", adult(json!({"insured_years": [2023]})));
    assert_eq!(cover(&v), (d("2026-06-11"), d("2026-12-31")));
    // 2026-10-10 + 3 months = 2027-01-10: no cover in 2026.
    let v = q("2026-10-10", adult(json!({"insured_years": [2025]})));
    assert_eq!(cover(&v), (Value::Null, Value::Null));
    assert!(warning_codes(&v).contains(&"no_cover".to_string()));
}

#[test]
fn exemptions() {
    // Left employee insurance on 2026-01-15, within 3 months: no wait, cover the next day.
    let v = q(
        "2026-02-10",
        json!({"birth_date": "1980-05-01", "employee_insurance_ended_on": "2026-01-15", "history": {"insured_years": [2020]}}),
    );
    assert_eq!(v["continuity"]["exemption"], "employee_switch");
    assert_eq!(v["continuity"]["wait_months"], 0);
    assert_eq!(cover(&v), (d("2026-02-11"), d("2026-12-31")));
    // Newly aided persons.
    let v = q(
        "2026-03-05",
        json!({"birth_date": "1980-05-01", "newly_aided": true, "categories": ["minimum_living"], "history": {"insured_years": [2019]}}),
    );
    assert_eq!(v["continuity"]["exemption"], "newly_aided");
    assert_eq!(v["personal_due"], "0.00");
    assert_eq!(cover(&v), (d("2026-03-06"), d("2026-12-31")));
    // Newborns follow the newborn rule: cover from birth, no continuity wait.
    let v = q("2026-04-15", json!({"birth_date": "2026-03-01"}));
    assert_eq!(v["newborn"], "within_90_days");
    assert_eq!(v["continuity"], Value::Null);
    assert_eq!(cover(&v), (d("2026-03-01"), d("2026-12-31")));
}

#[test]
fn cap_raise_for_zero_claims_in_2026() {
    // 许昌: 3000 a step. Insured 2025 with no reimbursement: one zero-claim step.
    let v = q(
        "2025-10-10",
        adult(json!({"insured_years": [2025], "zero_claim_years": [2025]})),
    );
    let r = &v["cap_raise"];
    assert_eq!(r["continuous_years"], 2);
    assert_eq!(r["continuity_steps"], 0);
    assert_eq!(r["zero_claim_steps"], 1);
    assert_eq!(r["step"], "3000.00");
    assert_eq!(r["raise"], "3000.00");
    assert_eq!(r["limit"], "80000.00");
    assert!(rules(&v).contains(&"incentives".to_string()));
    // Years before 2025 do not count; a break restarts the count.
    let v = q(
        "2025-10-10",
        adult(
            json!({"insured_years": [2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024], "zero_claim_years": [2023, 2024]}),
        ),
    );
    assert_eq!(v["cap_raise"]["raise"], "0.00");
    assert_eq!(v["cap_raise"]["continuous_years"], 1);
    // No history, no raise reported.
    let v = q("2025-10-10", json!({"birth_date": "1980-05-01"}));
    assert_eq!(v["cap_raise"], Value::Null);
}

#[test]
fn cap_raise_over_the_years() {
    // The 2026 file moved to 2030 (a test-only policy): insured 2025–2029 → 6 continuous
    // years with 2030; 2 continuity steps (the 5th and 6th years); zero claims 2026 and
    // 2027, but a raised amount was used in 2026 → only 2027 counts: 3 steps × 3000 = 9000.
    let text = yibao::policy::BUILTIN
        .iter()
        .find(|(f, _)| *f == "411024-2026.toml")
        .unwrap()
        .1
        .replace("2026", "2030")
        .replace("2025", "2029")
        .replace("national_year = 2029", "national_year = 2025");
    let mut e = yibao::Engine::empty();
    e.load_policy("411024-2030.toml", &text).unwrap();
    let req = json!({"policy": "411024-2030", "paid_on": "2029-10-10", "person": {"birth_date": "1980-05-01", "history": {
        "insured_years": [2025, 2026, 2027, 2028, 2029], "zero_claim_years": [2026, 2027], "raised_cap_used_in": 2026}}});
    let v: Value =
        serde_json::from_str(&yibao::json::handle(&e, "quote", &req.to_string()).unwrap()).unwrap();
    let r = &v["cap_raise"];
    assert_eq!(r["continuous_years"], 6);
    assert_eq!(r["continuity_steps"], 2);
    assert_eq!(r["zero_claim_steps"], 1);
    assert_eq!(r["raise"], "9000.00");
    // The ceiling: with an original cap of 300 000, 20% is 60 000 (< 80 000); 30 steps
    // would be 90 000, capped at 60 000.
    let text = text.replace(
        "max_total = \"80000.00\"",
        "max_total = \"80000.00\"\nbase_cap = \"300000.00\"",
    );
    e.load_policy("411024-2030.toml", &text).unwrap();
    let years: Vec<i32> = (2025..2030).collect();
    let req = json!({"policy": "411024-2030", "paid_on": "2029-10-10", "person": {"birth_date": "1980-05-01", "history": {
        "insured_years": years, "zero_claim_years": years}}});
    let v: Value =
        serde_json::from_str(&yibao::json::handle(&e, "quote", &req.to_string()).unwrap()).unwrap();
    let r = &v["cap_raise"];
    assert_eq!(r["limit"], "60000.00");
    // 2 continuity + 5 zero-claim steps = 7 × 3000 = 21 000, under the limit.
    assert_eq!(r["uncapped"], "21000.00");
    assert_eq!(r["raise"], "21000.00");
}

#[test]
fn regions_before_2025_are_unaffected() {
    let v = quote("411024-2024", "2024-01-10", "1980-05-01", &[]);
    assert_eq!(v["continuity"], Value::Null);
    assert_eq!(v["benefit_start"], "2024-02-10");
}

#[test]
fn payment_visible_after_five_working_days() {
    // 长治: paid Tuesday 2023-10-10 → Wed 11, Thu 12, Fri 13, Mon 16, Tue 17 is the fifth;
    // "5个工作日后" as "3个月后": from the next day.
    let v = quote("140400-2024", "2023-10-10", "1980-05-01", &[]);
    assert_eq!(v["payment_visible_on"], "2023-10-18");
    assert!(rules(&v).contains(&"payment_visible_after".to_string()));
    // Paid Friday 2023-09-22, before 中秋/国庆: Mon 25 … Thu 28 are 4, then 29 Sep – 6 Oct
    // are days off, and Saturday 7 Oct is worked (调休): the fifth working day; from Sunday 8.
    let v = quote("140400-2024", "2023-09-22", "1980-05-01", &[]);
    assert_eq!(v["payment_visible_on"], "2023-10-08");
}

#[test]
fn civil_code_203_moves_a_deadline_off_a_holiday() {
    // 鄢陵 2024's window ends Sunday 2023-12-31, and 2024-01-01 is 元旦: with
    // `deadline_moves`, a payment on 2024-01-02 still counts as the window.
    let text = yibao::policy::BUILTIN
        .iter()
        .find(|(f, _)| *f == "411024-2024.toml")
        .unwrap()
        .1
        .replacen(
            "to = \"2023-12-31\"\n",
            "to = \"2023-12-31\"\ndeadline_moves = true\n",
            1,
        );
    let mut e = yibao::Engine::empty();
    e.load_policy("411024-2024.toml", &text).unwrap();
    let quote = |paid: &str| -> Value {
        let req = json!({"policy": "411024-2024", "paid_on": paid, "person": {"birth_date": "1980-05-01"}});
        serde_json::from_str(&yibao::json::handle(&e, "quote", &req.to_string()).unwrap()).unwrap()
    };
    let v = quote("2024-01-02");
    assert_eq!(v["window"]["id"], "window");
    assert_eq!(v["window"]["to"], "2024-01-02");
    assert_eq!(v["benefit_start"], "2024-01-01");
    // The next day is the extended period again (30 days: 2024-02-03 → cover 02-04).
    let v = quote("2024-01-03");
    assert_eq!(v["window"]["id"], "extended");
    assert_eq!(v["benefit_start"], "2024-02-03");
    // Without the key, 2024-01-02 is the extended period.
    assert_eq!(quote_with_builtin("2024-01-02")["window"]["id"], "extended");
}

fn quote_with_builtin(paid: &str) -> Value {
    quote("411024-2024", paid, "1980-05-01", &[])
}

fn wait_months(history: Value) -> u64 {
    q("2025-10-10", adult(history))["continuity"]["wait_months"]
        .as_u64()
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn more_break_years_never_shorten_the_wait(last in 2000i32..2025, more in 1i32..10, repair in 0u32..12) {
        let a = wait_months(json!({"insured_years": [last], "repair_years": repair}));
        let b = wait_months(json!({"insured_years": [last - more], "repair_years": repair}));
        prop_assert!(b >= a, "last {} → {} months, last {} → {} months", last, a, last - more, b);
    }

    #[test]
    fn more_repaired_years_never_lengthen_it_and_the_floor_holds(last in 2000i32..2025, repair in 0u32..12, more in 1u32..5) {
        let a = wait_months(json!({"insured_years": [last], "repair_years": repair}));
        let b = wait_months(json!({"insured_years": [last], "repair_years": repair + more}));
        prop_assert!(b <= a);
        let break_years = 2025 - last;
        if break_years >= 4 {
            prop_assert!(b >= 6 && a >= 6);
        }
        prop_assert!(b >= 3, "a break always keeps the fixed wait");
    }
}

/// 鄢陵 2026 with its late tier rewritten as a notice of the kind #10 item 6 describes
/// ("固定待遇等待期90天"): a test-only policy, with the tier's `continuity` terms as given.
fn engine_with_late_tier(cover: &str, terms: &str) -> yibao::Engine {
    let text = yibao::policy::BUILTIN
        .iter()
        .find(|(f, _)| *f == "411024-2026.toml")
        .unwrap()
        .1
        .replace(
            "cover = { after = { months = 3 } }\ncontinuity = \"national\"",
            &format!("cover = {cover}\ncontinuity = \"{terms}\""),
        );
    let mut e = yibao::Engine::empty();
    e.load_policy("411024-2026.toml", &text).unwrap();
    e
}

fn quote_with(e: &yibao::Engine, paid: &str, person: Value) -> Value {
    let req = json!({"policy": "411024-2026", "paid_on": paid, "person": person});
    serde_json::from_str(&yibao::json::handle(e, "quote", &req.to_string()).unwrap()).unwrap()
}

#[test]
fn a_tiers_own_fixed_wait_replaces_the_national_one_and_breaks_add_after_it() {
    let e = engine_with_late_tier("{ after = { days = 90 } }", "tier");
    // Paid 2026-03-10: 90 days end 2026-06-08 (21 + 30 + 31 + 8), cover from 2026-06-09.
    let continuous = adult(json!({"insured_years": [2024, 2025]}));
    let v = quote_with(&e, "2026-03-10", continuous);
    assert_eq!(cover(&v), (d("2026-06-09"), d("2026-12-31")));
    assert_eq!(v["continuity"]["fixed_wait_months"], 0);
    assert_eq!(v["continuity"]["local_terms"], true);
    // Last insured 2023: 2 years of break (2024, 2025) add 1 month (the year after the
    // first) after the tier's own wait, counted from 2026-06-08: to 2026-07-08, cover from
    // 2026-07-09.
    let broken = adult(json!({"insured_years": [2022, 2023]}));
    let v = quote_with(&e, "2026-03-10", broken.clone());
    assert_eq!(cover(&v), (d("2026-07-09"), d("2026-12-31")));
    assert_eq!(v["continuity"]["wait_months"], 1);
    // The same file with the national terms: 3 fixed + 1 variable months from 2026-03-10.
    let national = engine_with_late_tier("{ after = { days = 90 } }", "national");
    let v = quote_with(&national, "2026-03-10", broken);
    assert_eq!(cover(&v), (d("2026-07-11"), d("2026-12-31")));
    assert_eq!(v["continuity"]["local_terms"], false);
}

#[test]
fn a_tier_without_a_wait_under_its_own_terms_covers_from_the_next_day() {
    // "1月1日至2月底缴费的，自缴费次日起享受待遇" as the tier's own terms.
    let e = engine_with_late_tier("\"day_after_payment\"", "tier");
    let v = quote_with(
        &e,
        "2026-02-10",
        adult(json!({"insured_years": [2024, 2025]})),
    );
    assert_eq!(cover(&v), (d("2026-02-11"), d("2026-12-31")));
}

#[test]
fn a_tier_that_does_not_say_which_waits_apply_fails_to_load() {
    let text = yibao::policy::BUILTIN
        .iter()
        .find(|(f, _)| *f == "411024-2026.toml")
        .unwrap()
        .1
        .replace("continuity = \"national\"\n", "");
    let err = yibao::Engine::empty()
        .load_policy("411024-2026.toml", &text)
        .unwrap_err();
    assert_eq!(err.code().as_str(), "policy_invalid");
    assert!(
        err.message().contains("tiers[1].continuity"),
        "{}",
        err.message()
    );
}

/// 国办发〔2024〕38号 exempts newborns from the waits ("除新生儿等特殊群体外") without saying
/// until when one is a newborn. In a 2025+ policy with no newborn rule (红塔 2026: none in
/// the text read) a child under one who would wait gets no date, never the adult's wait.
#[test]
fn a_child_under_one_without_a_newborn_rule_has_an_unknown_cover_date() {
    let e = yibao::Engine::builtin();
    let ask = |paid: &str, birth: &str| -> Value {
        let req =
            json!({"policy": "530402-2026", "paid_on": paid, "person": {"birth_date": birth}});
        serde_json::from_str(&yibao::json::handle(&e, "quote", &req.to_string()).unwrap()).unwrap()
    };
    let v = ask("2026-03-10", "2026-02-01");
    assert_eq!(cover(&v), (Value::Null, Value::Null));
    assert_eq!(v["basis"]["benefit_start"], "unknown");
    let codes = warning_codes(&v);
    assert!(
        codes.contains(&"newborn_terms_unstated".to_string()),
        "{codes:?}"
    );
    assert!(!codes.contains(&"no_cover".to_string()), "{codes:?}");
    // The day before the first birthday still; on it, the adult's wait.
    let v = ask("2026-03-10", "2025-03-11");
    assert_eq!(v["benefit_start"], Value::Null);
    let v = ask("2026-03-10", "2025-03-10");
    assert!(v["benefit_start"].is_string(), "{v}");
    assert!(!warning_codes(&v).contains(&"newborn_terms_unstated".to_string()));
    // A policy with its own newborn rule answers from it (鄢陵 2026: 90 days, from birth).
    let req = json!({"policy": "411024-2026", "paid_on": "2026-03-10", "person": {"birth_date": "2026-02-01"}});
    let v: Value =
        serde_json::from_str(&yibao::json::handle(&e, "quote", &req.to_string()).unwrap()).unwrap();
    assert_eq!(v["benefit_start"], "2026-02-01");
}
