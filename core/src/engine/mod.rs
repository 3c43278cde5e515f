//! The engine: the policies in force and the operations of the contract.
//!
//! # Design
//! [`Engine`] owns validated policies and answers every operation. It is immutable while
//! answering (`&self`), holds no clock and no global state, and is `Send + Sync`, so one
//! engine can serve many threads. The computation ([`Engine::quote_typed`], an [`Outcome`]) is separate from its
//! explanation (citations, assumptions, warnings in a [`Quote`]): the first allocates nothing (the C typed fast path), the
//! second adds citations, assumptions and warnings for the full answer.

mod compute;
mod continuity;
pub(crate) mod explain;
mod household;
mod identity;
mod refund;
mod window;

pub use compute::{resolve_categories, Cover, Facts, Outcome};
pub use continuity::{CapOutcome, ContinuityOutcome, HistoryBits};
pub use household::MAX_MEMBERS;

use crate::calendar::Calendar;
use crate::contract::{
    Household, HouseholdRequest, IdInfo, IdRequest, Person, PolicySummary, Quote, QuoteRequest,
    Refund, RefundRequest, WindowRequest, WindowStatus,
};
use crate::error::Error;
use crate::national::National;
use crate::policy::{parse_policy, Policy, BUILTIN};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The policies in force and the operations on them.
///
/// ```
/// use yibao::{Engine, QuoteRequest};
/// let engine = Engine::builtin();
/// let req: QuoteRequest = serde_json::from_str(r#"{
///     "policy": "140400-2024", "paid_on": "2023-10-10",
///     "person": {"birth_date": "1980-05-01", "categories": ["minimum_living"]}
/// }"#).unwrap();
/// let q = engine.quote(&req).unwrap();
/// assert_eq!(q.personal_due.to_string(), "76.00");
/// assert_eq!(q.benefit_start.unwrap().to_string(), "2024-01-01");
/// ```
#[derive(Debug, Clone)]
pub struct Engine {
    policies: BTreeMap<String, Slot>,
    calendar: Calendar,
    national: Option<National>,
}

/// A policy in force: read, or packed ([`crate::policy::packed`]) and read when first
/// asked for, so that an engine with many policies is ready before it reads any.
#[derive(Debug, Clone)]
struct Slot {
    summary: PolicySummary,
    /// The packed form's text and its file name, until it is read.
    packed: Option<(String, Box<str>)>,
    policy: OnceLock<Result<Policy, Error>>,
}

/// `unknown_policy`: no policy with this id is loaded.
fn unknown_policy(id: &str) -> Error {
    Error::new(
        crate::error::ErrorCode::UnknownPolicy,
        crate::message::Message::UnknownPolicy {
            policy: crate::message::Excerpt::of(id),
        },
    )
}

impl Slot {
    fn read(p: Policy) -> Slot {
        Slot {
            summary: p.summary(),
            packed: None,
            policy: OnceLock::from(Ok(p)),
        }
    }

    fn policy(&self) -> Result<&Policy, Error> {
        let read = self.policy.get_or_init(|| match &self.packed {
            Some((file, text)) => crate::policy::packed::unpack_policy_text(file, text),
            // A slot without a packed form was made read (`Slot::read`).
            None => Err(unknown_policy(&self.summary.id)),
        });
        read.as_ref().map_err(Clone::clone)
    }

    /// Read already (not packed, or unpacked since).
    fn is_read(&self) -> bool {
        self.policy.get().is_some()
    }
}

impl Default for Engine {
    fn default() -> Self {
        Engine::empty()
    }
}

impl Engine {
    /// An engine with no policies (the statutory calendar and the national defaults are
    /// always there).
    pub fn empty() -> Engine {
        Engine {
            policies: BTreeMap::new(),
            calendar: Calendar::builtin(),
            national: National::builtin(),
        }
    }

    pub(crate) fn ctx(&self) -> compute::Ctx<'_> {
        compute::Ctx {
            calendar: &self.calendar,
            national: self.national.as_ref(),
        }
    }

    /// The statutory calendar.
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// The national defaults.
    pub fn national(&self) -> Option<&National> {
        self.national.as_ref()
    }

    /// An engine with the built-in policies (`core/policies/`). The tests prove every
    /// built-in validates; should one ever fail, it is left out rather than panicking,
    /// and [`Engine::try_builtin`] reports why.
    pub fn builtin() -> Engine {
        let mut e = Engine::empty();
        for (file, text) in BUILTIN {
            if let Ok(p) = parse_policy(file, text) {
                e.policies.insert(p.id.clone(), Slot::read(p));
            }
        }
        e
    }

    /// The built-in policies, or the first error among them.
    pub fn try_builtin() -> Result<Engine, Error> {
        let mut e = Engine::empty();
        for (file, text) in BUILTIN {
            e.load_policy(file, text)?;
        }
        Ok(e)
    }

    /// Reads, validates and adds a policy file; one with the same id is replaced.
    /// Returns the policy's id.
    pub fn load_policy(&mut self, file: &str, text: &str) -> Result<String, Error> {
        let p = parse_policy(file, text)?;
        let id = p.id.clone();
        self.policies.insert(id.clone(), Slot::read(p));
        Ok(id)
    }

    /// Adds a policy in its packed form ([`crate::policy::packed::pack_policy`], made from
    /// a file that validated), to be read when first asked for; one with the same id is
    /// replaced. Returns the policy's id. Only its summary is read now: a damaged form
    /// is refused here when its summary is, else when the policy is first used.
    pub fn load_packed(&mut self, file: &str, text: &str) -> Result<String, Error> {
        // Only the summary is decoded now; the policy's text is kept as given.
        let summary = crate::policy::packed::unpack_summary_of_text(file, text)?;
        let id = summary.id.clone();
        self.policies.insert(
            id.clone(),
            Slot {
                summary,
                packed: Some((file.to_string(), Box::from(text))),
                policy: OnceLock::new(),
            },
        );
        Ok(id)
    }

    /// How many policies are read (the others are packed, read when first asked for).
    pub fn policies_read(&self) -> usize {
        self.policies.values().filter(|s| s.is_read()).count()
    }

    /// The policy with this id.
    pub fn policy(&self, id: &str) -> Result<&Policy, Error> {
        self.policies
            .get(id)
            .ok_or_else(|| unknown_policy(id))?
            .policy()
    }

    /// `policies`: every policy, by province and region, each region's newest year first.
    pub fn policies(&self) -> Vec<PolicySummary> {
        let mut list: Vec<PolicySummary> =
            self.policies.values().map(|s| s.summary.clone()).collect();
        // By province and region (a code's first two digits are its province's), each
        // region's newest year first.
        list.sort_by(|a, b| {
            (&a.region_code, b.benefit_year).cmp(&(&b.region_code, a.benefit_year))
        });
        list
    }

    /// `quote`: what a person pays on a date, who pays the rest, and the cover bought.
    pub fn quote(&self, req: &QuoteRequest) -> Result<Quote, Error> {
        self.quote_with(req, |mut quote, trail| {
            (quote.citations, quote.assumptions, quote.warnings) = trail.take_owned();
            quote
        })
    }

    /// [`Engine::quote`], handing `f` the quote without its citations, assumptions and
    /// warnings and the trail that holds them borrowed from the policy: the JSON answer is
    /// written from the two, with no counted reference taken on the policy's texts.
    pub(crate) fn quote_with<R>(
        &self,
        req: &QuoteRequest,
        f: impl FnOnce(Quote, &mut explain::Trail<'_>) -> R,
    ) -> Result<R, Error> {
        let policy = self.policy(&req.policy)?;
        let facts = Facts::from_person(policy, &req.person)?;
        let outcome = compute::compute(self.ctx(), policy, &facts, req.paid_on, true)?;
        // The trail stays here and is lent (it holds the answer's texts inline: moving it
        // cost more than it saves).
        let mut trail = explain::Trail::new(req.lang);
        let quote = explain::explain_with_trail(
            self.ctx(),
            policy,
            &facts,
            req.paid_on,
            &outcome,
            &mut trail,
        );
        Ok(f(quote, &mut trail))
    }

    /// The computation alone, without explanation: no heap allocation on success.
    pub fn quote_typed(
        &self,
        policy: &str,
        facts: &Facts,
        paid_on: NaiveDate,
    ) -> Result<Outcome, Error> {
        let policy = self.policy(policy)?;
        compute::compute(self.ctx(), policy, facts, paid_on, true)
    }

    /// The computation and how each of its figures is known (the `basis` of the full
    /// answer), with one policy lookup and no heap allocation.
    pub fn quote_typed_with_basis(
        &self,
        policy: &str,
        facts: &Facts,
        paid_on: NaiveDate,
    ) -> Result<(Outcome, crate::contract::Bases), Error> {
        self.quote_typed_graded(policy, facts, None, paid_on)
    }

    /// The typed computation for a person who names a contribution grade (`[[grades]]`)
    /// by its id, as the JSON `person.grade` does: `grade` replaces `facts.grade` (`None`
    /// keeps it). A grade the policy does not have is `invalid_grade`, as in
    /// [`Engine::quote`]; so is none where the person needs one. With the basis of each
    /// figure, one policy lookup and no heap allocation on success (the C typed call).
    pub fn quote_typed_graded(
        &self,
        policy: &str,
        facts: &Facts,
        grade: Option<&str>,
        paid_on: NaiveDate,
    ) -> Result<(Outcome, crate::contract::Bases), Error> {
        let policy = self.policy(policy)?;
        // The facts are copied only when a grade is named (the hot path without one reads
        // the caller's in place).
        let graded;
        let facts = match grade {
            None => facts,
            Some(id) => {
                graded = Facts {
                    grade: Some(
                        policy
                            .grade_index(id)
                            .ok_or_else(|| compute::grade_error(policy, Some(id)))?,
                    ),
                    ..*facts
                };
                &graded
            }
        };
        let o = compute::compute(self.ctx(), policy, facts, paid_on, true)?;
        Ok((o, explain::bases(self.ctx(), policy, &o)))
    }

    /// `household`: every member's quote and the total.
    pub fn household(&self, req: &HouseholdRequest) -> Result<Household, Error> {
        household::household(self, req)
    }

    /// `refund`: whether and how much of a payment is refunded.
    pub fn refund(&self, req: &RefundRequest) -> Result<Refund, Error> {
        refund::refund(self, req)
    }

    /// `window`: whether payments are taken on a date.
    pub fn window(&self, req: &WindowRequest) -> Result<WindowStatus, Error> {
        let policy = self.policy(&req.policy)?;
        Ok(window::status(self.ctx(), policy, req.date, req.lang))
    }

    /// `id`: checks an ID number.
    pub fn id(&self, req: &IdRequest) -> IdInfo {
        identity::info(req)
    }

    /// Builds the facts of a person under a policy, whose categories it resolves (a
    /// convenience for callers of [`Engine::quote_typed`]).
    pub fn facts(&self, policy: &str, person: &Person) -> Result<Facts, Error> {
        Facts::from_person(self.policy(policy)?, person)
    }
}
