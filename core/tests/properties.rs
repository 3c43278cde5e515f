//! Property tests of the engine's invariants over the built-in policies, random persons
//! and random dates (design.md, issue #2 acceptance).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use chrono::{Days, NaiveDate};
use common::engine;
use proptest::prelude::*;
use yibao::{Category, Money, Person, Quote, QuoteRequest};

fn policies() -> Vec<&'static yibao::Policy> {
    let e = engine();
    e.policies()
        .iter()
        .map(|s| e.policy(&s.id).unwrap())
        .collect()
}

/// One of the built-in policies, each as likely.
fn pick(i: prop::sample::Index) -> &'static yibao::Policy {
    let all = policies();
    all[i.index(all.len())]
}

/// A date near the policy's payment periods (some before, some after).
fn date_near(p: &yibao::Policy, offset: u32) -> NaiveDate {
    let first = p.tiers.first().unwrap().from;
    let last = p.tiers.last().unwrap().to;
    let span = (last - first).num_days() as u32 + 60;
    first.checked_sub_days(Days::new(30)).unwrap() + Days::new(u64::from(offset % span))
}

fn cats_from(mask: u32) -> Vec<Category> {
    Category::ALL
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, c)| *c)
        .collect()
}

fn person(birth: NaiveDate, cats: Vec<Category>) -> Person {
    Person {
        birth_date: Some(birth),
        categories: cats.iter().map(|c| c.id().to_string()).collect(),
        ..Person::default()
    }
}

fn quote(policy: &str, paid_on: NaiveDate, person: Person) -> Result<Quote, yibao::Error> {
    engine().quote(&QuoteRequest {
        policy: policy.into(),
        paid_on,
        person,
        lang: yibao::Lang::Zh,
    })
}

fn birth_from(paid_on: NaiveDate, age_days: u32) -> NaiveDate {
    paid_on
        .checked_sub_days(Days::new(u64::from(age_days)))
        .unwrap()
}

/// Ages: a third newborns (0–120 days), the rest anyone up to 100 years.
fn age_days() -> impl Strategy<Value = u32> {
    prop_oneof![0u32..120, 0u32..36_500]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The JSON the bindings get (written by `json/answer.rs`) is what serde's derive
    /// writes for the same answer, in both languages.
    #[test]
    fn the_answer_text_is_the_serialized_answer(pi in any::<prop::sample::Index>(), off in 0u32..1000, age in age_days(), mask in 0u32..(1 << 19), en in any::<bool>()) {
        let p = pick(pi);
        let paid = date_near(p, off);
        let req = QuoteRequest {
            policy: p.id.clone(),
            paid_on: paid,
            person: person(birth_from(paid, age), cats_from(mask)),
            lang: if en { yibao::Lang::En } else { yibao::Lang::Zh },
        };
        let text = serde_json::to_string(&req).unwrap();
        match (engine().quote(&req), yibao::json::handle(engine(), "quote", &text)) {
            (Ok(q), Ok(answer)) => prop_assert_eq!(answer, serde_json::to_string(&q).unwrap()),
            (Err(a), Err(b)) => prop_assert_eq!(a.code(), b.code()),
            other => prop_assert!(false, "{:?}", other),
        }
    }

    #[test]
    fn shares_add_up_and_due_is_bounded(pi in any::<prop::sample::Index>(), off in 0u32..1000, age in age_days(), mask in 0u32..(1 << 19)) {
        let p = pick(pi);
        let paid = date_near(p, off);
        let Ok(q) = quote(&p.id, paid, person(birth_from(paid, age), cats_from(mask))) else { return Ok(()) };
        prop_assert_eq!(q.personal_due + q.aid_total + q.fiscal_subsidy, q.total);
        prop_assert_eq!(q.personal_due + q.aid_total, q.personal_standard + q.fiscal_share_paid_by_person);
        prop_assert!(q.personal_due <= q.personal_standard + q.fiscal_share_paid_by_person);
        // The fiscal share is paid by the person or by the government, never both.
        prop_assert!(q.fiscal_share_paid_by_person.is_zero() || q.fiscal_subsidy.is_zero());
        prop_assert!(q.aid.len() <= 1, "highest aid only, never stacked");
        prop_assert_eq!(q.aid.iter().map(|a| a.amount).sum::<Money>(), q.aid_total);
    }

    #[test]
    fn adding_a_category_never_raises_personal_due(pi in any::<prop::sample::Index>(), off in 0u32..1000, age in age_days(), mask in 0u32..(1 << 19), extra in 0usize..19) {
        let p = pick(pi);
        let paid = date_near(p, off);
        let birth = birth_from(paid, age);
        let before = cats_from(mask);
        let mut after = before.clone();
        after.push(Category::ALL[extra]);
        if let (Ok(a), Ok(b)) = (quote(&p.id, paid, person(birth, before)), quote(&p.id, paid, person(birth, after))) {
            prop_assert!(b.personal_due <= a.personal_due, "{} > {}", b.personal_due, a.personal_due);
        }
    }

    #[test]
    fn cover_dates_are_sane(pi in any::<prop::sample::Index>(), off in 0u32..1000, age in age_days(), mask in 0u32..(1 << 19)) {
        let p = pick(pi);
        let paid = date_near(p, off);
        let birth = birth_from(paid, age);
        let Ok(q) = quote(&p.id, paid, person(birth, cats_from(mask))) else { return Ok(()) };
        let year_start = NaiveDate::from_ymd_opt(p.benefit_year, 1, 1).unwrap();
        let year_end = NaiveDate::from_ymd_opt(p.benefit_year, 12, 31).unwrap();
        match (q.benefit_start, q.benefit_end) {
            (Some(s), Some(e)) => {
                prop_assert_eq!(e, year_end);
                prop_assert!(s <= e);
                prop_assert!(s >= birth);
                if q.newborn.is_none() {
                    let tier = p.tier_on(paid).unwrap().1;
                    if tier.cover.wait().is_some() {
                        // A wait, or an exemption from it: cover after the payment day.
                        prop_assert!(s > paid && s >= year_start);
                    } else if tier.cover != yibao::policy::CoverStart::BenefitStart {
                        // The payment day, the day after, the next month: never before it.
                        prop_assert!(s >= paid && s >= year_start);
                    } else {
                        // The whole year, from birth for one born in it (a window that
                        // runs into the benefit year: 兴县, 铜仁).
                        prop_assert_eq!(s, year_start.max(birth));
                    }
                }
            }
            (None, None) => prop_assert!(!q.warnings.is_empty(), "a payment without cover says why"),
            other => prop_assert!(false, "start and end must both be set or both null: {:?}", other),
        }
    }

    #[test]
    fn a_later_payment_never_gets_earlier_cover(pi in any::<prop::sample::Index>(), off in 0u32..1000, later in 1u32..200, age in age_days(), mask in 0u32..(1 << 19)) {
        let p = pick(pi);
        let d1 = date_near(p, off);
        let d2 = d1 + Days::new(u64::from(later));
        let (Some((t1, _)), Some((t2, _))) = (p.tier_on(d1), p.tier_on(d2)) else { return Ok(()) };
        prop_assume!(t1 == t2);
        let birth = birth_from(d1, age);
        let cats = cats_from(mask);
        if let (Ok(a), Ok(b)) = (quote(&p.id, d1, person(birth, cats.clone())), quote(&p.id, d2, person(birth, cats))) {
            // A date the policy leaves unknown (a child under one without a newborn rule)
            // is no date to compare.
            prop_assume!(!a.warnings.iter().any(|w| w.code == "newborn_terms_unstated"));
            match (a.benefit_start, b.benefit_start) {
                (Some(x), Some(y)) => prop_assert!(x <= y, "{} paid {} covers from {}, {} paid {} from {}", p.id, d1, x, p.id, d2, y),
                (None, Some(y)) => prop_assert!(false, "earlier payment had no cover, later from {}", y),
                _ => {}
            }
        }
    }

    #[test]
    fn quotes_round_trip_through_json(pi in any::<prop::sample::Index>(), off in 0u32..1000, age in age_days(), mask in 0u32..(1 << 19)) {
        let p = pick(pi);
        let paid = date_near(p, off);
        let req = QuoteRequest { policy: p.id.clone(), paid_on: paid, person: person(birth_from(paid, age), cats_from(mask)), lang: yibao::Lang::En };
        let text = serde_json::to_string(&req).unwrap();
        prop_assert_eq!(&serde_json::from_str::<QuoteRequest>(&text).unwrap(), &req);
        if let Ok(q) = engine().quote(&req) {
            let text = serde_json::to_string(&q).unwrap();
            prop_assert_eq!(serde_json::from_str::<Quote>(&text).unwrap(), q);
        }
    }

    #[test]
    fn window_answers_agree_with_quotes(pi in any::<prop::sample::Index>(), off in 0u32..1000) {
        let p = pick(pi);
        let date = date_near(p, off);
        let w = engine().window(&yibao::WindowRequest { policy: p.id.clone(), date, lang: yibao::Lang::Zh }).unwrap();
        let q = quote(&p.id, date, person(NaiveDate::from_ymd_opt(1980, 1, 1).unwrap(), vec![]));
        match &q {
            Ok(_) => prop_assert!(w.open),
            Err(e) => prop_assert!(!w.open || e.code() != yibao::ErrorCode::NoWindow),
        }
        if let Some(n) = w.next_payment_day {
            prop_assert!(n >= date);
            let again = engine().window(&yibao::WindowRequest { policy: p.id.clone(), date: n, lang: yibao::Lang::Zh }).unwrap();
            prop_assert!(again.open);
        }
    }
}

#[test]
fn every_builtin_validates_and_round_trips_through_toml() {
    for (file, text) in yibao::policy::BUILTIN {
        let p = yibao::policy::parse_policy(file, text).unwrap();
        let again = toml::to_string(&p).unwrap();
        let q = yibao::policy::parse_policy(file, &again).unwrap();
        assert_eq!(p, q, "{file}");
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(
            serde_json::from_str::<yibao::Policy>(&json).unwrap(),
            p,
            "{file}"
        );
    }
    // Every policy file of core/policies/ is built in.
    let files = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/policies"))
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            let name = name.to_str().unwrap();
            name.ends_with(".toml") && !name.ends_with(".cases.toml")
        })
        .count();
    assert!(files >= 18, "{files}");
    assert_eq!(
        yibao::Engine::try_builtin().unwrap().policies().len(),
        files
    );
}

#[test]
fn other_answer_types_round_trip() {
    use serde_json::json;
    let e = engine();
    let h: yibao::HouseholdRequest = serde_json::from_value(json!({"policy": "211382-2022", "paid_on": "2022-02-15", "members": [{"birth_date": "1980-05-01"}, {"birth_date": "1981-05-01", "enrolling": false, "insured_elsewhere": true}]})).unwrap();
    let a = e.household(&h).unwrap();
    assert_eq!(
        serde_json::from_str::<yibao::Household>(&serde_json::to_string(&a).unwrap()).unwrap(),
        a
    );
    let r: yibao::RefundRequest = serde_json::from_value(json!({"policy": "411024-2024", "person": {"birth_date": "1980-05-01"}, "payment": {"paid_on": "2023-10-10", "amount": "380.00"}, "reason": "death", "event_on": "2023-12-01"})).unwrap();
    assert_eq!(
        serde_json::from_str::<yibao::RefundRequest>(&serde_json::to_string(&r).unwrap()).unwrap(),
        r
    );
    let a = e.refund(&r).unwrap();
    assert_eq!(
        serde_json::from_str::<yibao::Refund>(&serde_json::to_string(&a).unwrap()).unwrap(),
        a
    );
    let w = e
        .window(&yibao::WindowRequest {
            policy: "140400-2024".into(),
            date: NaiveDate::from_ymd_opt(2023, 10, 26).unwrap(),
            lang: yibao::Lang::En,
        })
        .unwrap();
    assert_eq!(
        serde_json::from_str::<yibao::WindowStatus>(&serde_json::to_string(&w).unwrap()).unwrap(),
        w
    );
    let i = e.id(&yibao::IdRequest {
        id_number: "11010519491231002X".into(),
        today: None,
        lang: yibao::Lang::Zh,
    });
    assert_eq!(
        serde_json::from_str::<yibao::IdInfo>(&serde_json::to_string(&i).unwrap()).unwrap(),
        i
    );
    let p = e.policies();
    assert_eq!(
        serde_json::from_str::<Vec<yibao::PolicySummary>>(&serde_json::to_string(&p).unwrap())
            .unwrap(),
        p
    );
}
