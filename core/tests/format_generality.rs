#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
use yibao::Engine;

const BASE: &str = r#"id = "990100-2024"
region_code = "990100"
region_name = "x"
benefit_year = 2024
title = "t"

[standard]
personal = "400.00"
fiscal = "670.00"
cite = { clause = "c" }

[[tiers]]
id = "window"
name = "w"
from = "2023-11-15"
to = "2024-02-29"
cite = { clause = "c" }

[[tiers]]
id = "late"
name = "l"
from = "2024-03-01"
to = "2024-12-31"
wait = { days = 90 }
cite = { clause = "c" }

[[wait_exemptions]]
kind = "transfer"
cite = { clause = "c" }
"#;

#[test]
fn probe() {
    let mut e = Engine::empty();
    println!(
        "{:?}",
        e.load_policy(
            "a.toml",
            &BASE.replace(
                "wait = { days = 90 }",
                "wait = { days = 90 }\nfiscal = \"1\""
            )
        )
    );
    println!(
        "{:?}",
        e.load_policy(
            "a.toml",
            &BASE.replace("from = \"2024-03-01\"", "from = 2024-03-01")
        )
    );
    println!(
        "{:?}",
        e.load_policy(
            "a.toml",
            &BASE.replace("personal = \"400.00\"", "personal = 400")
        )
    );
    println!(
        "{:?}",
        e.load_policy(
            "a.toml",
            &BASE.replace("personal = \"400.00\"", "personal = 400.5")
        )
    );
    println!(
        "{:?}",
        e.load_policy("a.toml", &BASE.replace("[standard]", "[standrd]"))
    );
    println!(
        "{:?}",
        e.load_policy(
            "a.toml",
            &BASE.replace("kind = \"transfer\"", "kind = \"transfr\"")
        )
    );
    println!(
        "{:?}",
        e.load_policy(
            "a.toml",
            &BASE.replace("wait = { days = 90 }", "wait = { day = 90 }")
        )
    );
    e.load_policy("a.toml", BASE).unwrap();
    for (d, extra) in [
        ("2024-12-31", r#","transfer":true"#),
        ("2024-10-02", ""),
        ("2024-10-03", ""),
    ] {
        let r = yibao::json::handle(
            &e,
            "quote",
            &format!(
                r#"{{"policy":"990100-2024","paid_on":"{d}","person":{{"birth_date":"1990-01-01"{extra}}}}}"#
            ),
        );
        println!("{d}: {r:?}");
    }
    let b = Engine::builtin();
    let r = yibao::json::handle(
        &b,
        "quote",
        r#"{"policy":"230128-2023","paid_on":"2023-01-10","person":{"birth_date":"2022-11-15"}}"#,
    );
    println!("tonghe: {r:?}");
}
