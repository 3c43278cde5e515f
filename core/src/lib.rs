//! # yibao — 城乡居民基本医疗保险 contributions, exactly as the notices say
//!
//! yibao turns the yearly local notices on Urban and Rural Resident Basic Medical
//! Insurance contributions into exact, explained answers: what a resident pays, who pays
//! the rest, whether a date is a payment day, when cover starts, newborns, refunds and
//! households. Every figure carries the clause of the notice it comes from, and every
//! assumption a policy file makes where its notice is silent.
//!
//! ```
//! use yibao::{json, Engine};
//! let engine = Engine::builtin();
//! // 凌源 2022: an ordinary resident pays 320 yuan in the window.
//! let answer = json::handle(&engine, "quote", r#"{
//!   "policy": "211382-2022", "paid_on": "2022-02-15",
//!   "person": {"birth_date": "1990-01-01"}
//! }"#).unwrap();
//! assert!(answer.contains(r#""personal_due":"320.00""#));
//! ```
//!
//! # Design
//! * Pure: no I/O, no clock, no environment, no global state; "today" is an input.
//! * Money is [`Money`] (exact decimals), never a float; dates are `chrono::NaiveDate`
//!   counted per the Civil Code ([`Period`]).
//! * Policies are data ([`policy`]); the built-ins are compiled in.
//! * One JSON contract ([`contract`], [`json`]) for every binding.
//! * No input makes it panic: library code denies `unwrap`, `expect`, `panic` and indexing.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod calendar;
pub mod category;
pub mod conformance;
pub mod contract;
mod data;
pub mod dates;
mod digits;
pub mod engine;
pub mod error;
pub mod id;
pub mod json;
pub mod lang;
pub mod message;
pub mod money;
pub mod national;
pub mod policy;
pub mod region;
mod shared;

pub use category::{Category, CategorySet};
pub use contract::*;
pub use dates::Period;
pub use engine::{Engine, Facts, Outcome};
pub use error::{Error, ErrorCode};
pub use lang::{Lang, Text};
pub use message::Message;
pub use money::Money;
pub use policy::Policy;
pub use shared::{KeptJson, SharedStr};

/// The library's version (the crate version).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
