//! The `refund` operation.
//!
//! # Design
//! A refund depends on the rule of the notice for its reason and, for "before the benefit
//! period" rules, on the cover the payment bought: the payment is re-computed with the
//! same engine (without the payment-day check: the bank's record of a past payment is a
//! fact). A reason the notice does not provide for is answered "not refundable" with a
//! warning, or "unknown" (`refundable: null`) where the notice's list of grounds is open
//! (`refunds_open`); never invented. Previously: "not refundable" with a
//! warning, never invented.

use super::compute::compute;
use super::explain::Trail;
use super::{Engine, Facts};
use crate::contract::{Refund, RefundRequest};
use crate::error::Error;
use crate::message::Message;
use crate::money::Money;
use crate::policy::{RefundAmount, RefundReason, RefundWhen};

pub(crate) fn refund(engine: &Engine, req: &RefundRequest) -> Result<Refund, Error> {
    let policy = engine.policy(&req.policy)?;
    let facts = Facts::from_person(policy, &req.person)?;
    let mut trail = Trail::new(req.lang);
    let no = |trail: Trail| {
        let (citations, assumptions, warnings) = trail.into_owned();
        Refund {
            policy: policy.id.clone(),
            refundable: Some(false),
            amount: Money::ZERO,
            refund_from: None,
            handled_by: None,
            citations,
            assumptions,
            warnings,
        }
    };

    let Some(rule) = policy.refunds.iter().find(|r| r.reason == req.reason) else {
        // A notice whose list of grounds is open ("因重复缴费等") neither grants nor refuses
        // a ground it does not name: unknown, and whom to ask.
        if let Some(cite) = &policy.refunds_open {
            trail.cite(policy, "refunds_open", cite, None);
            trail.warn(Message::RefundUnknown {
                policy: policy.id.clone(),
            });
            let mut r = no(trail);
            r.refundable = None;
            return Ok(r);
        }
        trail.warn(Message::RefundNotProvided {
            policy: policy.id.clone(),
        });
        return Ok(no(trail));
    };
    let rule_name = format!("refunds.{}", reason_id(rule.reason));
    trail.cite(policy, rule_name, &rule.cite, rule.assume.as_ref());

    if rule.when == RefundWhen::Never {
        return Ok(no(trail));
    }
    // Re-compute what the payment bought, when the rule depends on it.
    let needs_outcome =
        rule.when == RefundWhen::BeforeBenefit || rule.amount == RefundAmount::Excess;
    let outcome = if needs_outcome {
        Some(compute(
            engine.ctx(),
            policy,
            &facts,
            req.payment.paid_on,
            false,
        )?)
    } else {
        None
    };
    if rule.when == RefundWhen::BeforeBenefit {
        let start = outcome.and_then(|o| o.benefit_start);
        if let Some(start) = start {
            if req.event_on >= start {
                trail.warn(Message::WithinBenefitPeriod {
                    event_on: req.event_on,
                    start,
                });
                return Ok(no(trail));
            }
        }
    }
    let amount = match rule.amount {
        // The contribution is refunded, never more than it: a payment above what the
        // rules asked for that day is refunded up to that (the rest is not this rule's).
        RefundAmount::Paid => {
            let due = match outcome {
                Some(o) => Some(o.personal_due),
                None => compute(engine.ctx(), policy, &facts, req.payment.paid_on, false)
                    .ok()
                    .map(|o| o.personal_due),
            };
            match due {
                Some(due) if req.payment.amount > due => {
                    trail.warn(Message::RefundCapped {
                        paid: req.payment.amount,
                        paid_on: req.payment.paid_on,
                        due,
                    });
                    due
                }
                _ => req.payment.amount,
            }
        }
        RefundAmount::Excess => {
            let due = outcome.map(|o| o.personal_due).unwrap_or(Money::ZERO);
            req.payment.amount - due
        }
    };
    if amount.is_zero() {
        trail.warn(Message::NothingToRefund {});
        return Ok(no(trail));
    }
    let (citations, assumptions, warnings) = trail.into_owned();
    Ok(Refund {
        policy: policy.id.clone(),
        refundable: Some(true),
        amount,
        refund_from: rule.not_before,
        handled_by: rule
            .handled_by
            .as_ref()
            .map(|t| t.get(req.lang).to_string()),
        citations,
        assumptions,
        warnings,
    })
}

fn reason_id(r: RefundReason) -> &'static str {
    match r {
        RefundReason::Duplicate => "duplicate",
        RefundReason::Death => "death",
        RefundReason::EmployeeInsurance => "employee_insurance",
        RefundReason::AidConfirmed => "aid_confirmed",
    }
}
