//! Runs the benchmark's JSON quote (长治 低保, paid 2023-10-10) N times, for an instruction
//! count that does not depend on the machine's load: `scripts/callgrind-quote.sh` runs it
//! under `valgrind --tool=callgrind` with N and with 0 and reports the difference per quote.
//! Usage: `cargo run --release -p yibao --example json_quote_loop -- N [REQUEST_JSON]`;
//! with `typed` for REQUEST_JSON it runs the typed quote of the same person instead
//! (`Engine::quote_typed`, the benchmark's `typed_quote`).

use std::hint::black_box;

const QUOTE: &str = r#"{"policy":"140400-2024","paid_on":"2023-10-10","person":{"birth_date":"1980-05-01","categories":["minimum_living"]}}"#;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let request = args.next().unwrap_or_else(|| QUOTE.to_string());
    let engine = yibao::Engine::builtin();
    let mut bytes = 0usize;
    if request == "typed" {
        let paid = chrono::NaiveDate::from_ymd_opt(2023, 10, 10).unwrap_or_default();
        let birth = chrono::NaiveDate::from_ymd_opt(1980, 5, 1).unwrap_or_default();
        let mut facts = yibao::engine::Facts::born(birth);
        facts.categories = [yibao::Category::MinimumLiving].into_iter().collect();
        for _ in 0..n {
            let o =
                engine.quote_typed(black_box("140400-2024"), black_box(&facts), black_box(paid));
            bytes += usize::from(o.is_ok());
        }
        println!("{n} typed quotes, {bytes} answered");
        return;
    }
    for _ in 0..n {
        let (ok, answer) = yibao::json::respond(&engine, "quote", black_box(&request));
        bytes += answer.len() + usize::from(ok);
    }
    // Printed so that the loop is not optimised away, and as the answer's size.
    println!("{n} quotes, {bytes} bytes");
}
