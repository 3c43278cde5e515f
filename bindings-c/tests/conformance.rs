//! Issue #5 through the C ABI: every conformance vector through the C JSON entry point,
//! byte-identical to the Rust answer and matching the person-written expectation; and a
//! property test that the typed C quote, the C JSON quote and the Rust API agree on
//! random persons and dates.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::*;
use proptest::prelude::*;
use yibao_c::typed::{
    YIBAO_QUOTE_COVER_UNKNOWN, YIBAO_QUOTE_FIGURE_ASSUMED, YIBAO_QUOTE_FIGURE_NATIONAL,
};
use yibao_c::yibao_status as S;
use yibao_core::conformance::{parse_file, subset_mismatch};
use yibao_core::{Category, QuoteRequest};

#[test]
fn every_vector_through_the_c_json_entry_point() {
    let c = Engine::with_fixtures();
    let rust = rust_engine_with_fixtures();
    let mut count = 0;
    for path in vector_files() {
        for case in cases_of(&path, parse_file) {
            let request = case.request_text();
            let (status, answer) = json(&c, &case.op, &request);
            let (ok, expected_bytes) = yibao_core::json::respond(&rust, &case.op, &request);
            assert_eq!(answer, expected_bytes, "{}: C and Rust differ", case.name);
            assert_eq!(status == S::Ok, ok, "{}: status {status:?}", case.name);
            let value: serde_json::Value = serde_json::from_str(&answer).unwrap();
            if let Some(why) = subset_mismatch(&case.expected, &value) {
                panic!("{} ({}): {why}", case.name, case.source);
            }
            count += 1;
        }
    }
    assert!(count >= 60, "only {count} vectors");
}

fn rust_engine() -> &'static yibao_core::Engine {
    static E: std::sync::OnceLock<yibao_core::Engine> = std::sync::OnceLock::new();
    E.get_or_init(|| yibao_core::Engine::try_builtin().unwrap())
}

thread_local! {
    // A C handle is not `Sync`; one per test thread.
    static C_ENGINE: Engine = Engine::builtin();
}

fn ymd(d: chrono::NaiveDate) -> u32 {
    d.format("%Y%m%d").to_string().parse().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn typed_c_json_c_and_rust_agree(pi in 0usize..6, day in 0u64..800, age in prop_oneof![0u64..120, 0u64..30_000], mask in 0u32..(1 << 19)) {
        let rust = rust_engine();
        let summary = rust.policies();
        let policy = rust.policy(&summary[pi].id).unwrap();
        let paid = policy.tiers[0].from - chrono::Days::new(30) + chrono::Days::new(day);
        let birth = paid - chrono::Days::new(age);
        let cats: Vec<String> = Category::ALL.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, c)| c.id().to_string()).collect();
        let req = QuoteRequest {
            policy: policy.id.clone(),
            paid_on: paid,
            person: yibao_core::Person { birth_date: Some(birth), categories: cats, ..Default::default() },
            // Both languages, byte for byte.
            lang: if day % 2 == 0 { yibao_core::Lang::Zh } else { yibao_core::Lang::En },
        };
        let text = serde_json::to_string(&req).unwrap();
        let (status, c_json, typed) = C_ENGINE.with(|c| {
            let (status, c_json) = json(c, "quote", &text);
            (status, c_json, quote(c, &policy.id, None, ymd(birth), mask, &[], ymd(paid)))
        });
        let (ok, rust_json) = yibao_core::json::respond(rust, "quote", &text);
        prop_assert_eq!(&c_json, &rust_json);
        match rust.quote(&req) {
            Ok(q) => {
                prop_assert!(ok && status == S::Ok);
                let t = typed.unwrap();
                prop_assert_eq!(t.personal_due, q.personal_due.fen().unwrap());
                prop_assert_eq!(t.fiscal_subsidy, q.fiscal_subsidy.fen().unwrap());
                prop_assert_eq!(t.aid_total, q.aid_total.fen().unwrap());
                prop_assert_eq!(t.total, q.total.fen().unwrap());
                prop_assert_eq!(t.personal_standard, (q.personal_standard + q.fiscal_share_paid_by_person).fen().unwrap());
                prop_assert_eq!(t.benefit_start, q.benefit_start.map_or(0, ymd));
                prop_assert_eq!(t.benefit_end, q.benefit_end.map_or(0, ymd));
                // The flags say what the JSON answer's basis says.
                let b = q.basis;
                let all = [Some(b.personal_standard), Some(b.fiscal_subsidy), b.aid, Some(b.benefit_start)];
                prop_assert_eq!(t.flags & YIBAO_QUOTE_FIGURE_ASSUMED != 0, all.contains(&Some(yibao_core::Basis::Assumed)));
                prop_assert_eq!(t.flags & YIBAO_QUOTE_FIGURE_NATIONAL != 0, all.contains(&Some(yibao_core::Basis::National)));
                prop_assert_eq!(t.flags & YIBAO_QUOTE_COVER_UNKNOWN != 0, b.benefit_start == yibao_core::Basis::Unknown);
            }
            Err(e) => {
                prop_assert!(!ok);
                prop_assert_eq!(typed.unwrap_err() as u32, e.code().number());
            }
        }
    }
}
