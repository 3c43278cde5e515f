//! The `household` operation: every member's quote, the total, and the household rule
//! (凌源: 以家庭为单位整户参保, members in employee insurance excepted).

use super::explain::Trail;
use super::Engine;
use crate::contract::{Household, HouseholdRequest, QuoteRequest};
use crate::error::{Error, ErrorCode};
use crate::message::{Members, Message};
use crate::money::Money;

/// The most members a `household` request may list (a 户口簿 has far fewer); larger
/// requests are `invalid_request`, for every binding alike.
pub const MAX_MEMBERS: usize = 100;

pub(crate) fn household(engine: &Engine, req: &HouseholdRequest) -> Result<Household, Error> {
    let policy = engine.policy(&req.policy)?;
    if req.members.len() > MAX_MEMBERS {
        return Err(Error::request(Message::HouseholdTooLarge {
            max: MAX_MEMBERS,
            given: req.members.len(),
        }));
    }
    if req.members.is_empty() {
        return Err(Error::request(Message::HouseholdEmpty {}));
    }
    let mut trail = Trail::new(req.lang);
    if let Some(rule) = &policy.household {
        trail.cite(policy, "household", &rule.cite, rule.assume.as_ref());
        if rule.whole {
            let missing: Vec<usize> = req
                .members
                .iter()
                .enumerate()
                // 凌源: "除参加城镇职工医疗保险的人员外" — employee insurance is the exception;
                // a member who enrolled and paid already (a newborn joins later) is enrolled.
                .filter(|(_, m)| {
                    !m.enrolling
                        && !m.employee_insured
                        && !m.already_enrolled
                        && !m.insured_elsewhere
                })
                .map(|(i, _)| i)
                .collect();
            // Insured elsewhere but not in employee insurance (another region's resident
            // insurance): the notice names no such exception — not refused, not silent.
            for (i, m) in req.members.iter().enumerate() {
                if !m.enrolling && m.insured_elsewhere && !m.employee_insured && !m.already_enrolled
                {
                    trail.warn(Message::HouseholdExceptionUnstated {
                        member: Members(vec![i]),
                    });
                }
            }
            if !missing.is_empty() {
                return Err(Error::new(
                    ErrorCode::HouseholdIncomplete,
                    Message::HouseholdIncomplete {
                        policy: policy.id.clone(),
                        members: Members(missing),
                    },
                ));
            }
        }
    }
    let mut members = Vec::with_capacity(req.members.len());
    let mut total = Money::ZERO;
    for (i, m) in req.members.iter().enumerate() {
        if !m.enrolling {
            members.push(None);
            continue;
        }
        // A member's error says which member (its code is the member's own).
        let q = engine
            .quote(&QuoteRequest {
                policy: req.policy.clone(),
                paid_on: req.paid_on,
                person: m.clone(),
                lang: req.lang,
            })
            .map_err(|e| {
                Error::new(
                    e.code(),
                    Message::MemberFailed {
                        member: Members(vec![i]),
                        problem: Box::new(e.what().clone()),
                    },
                )
            })?;
        total = total + q.personal_due;
        members.push(Some(q));
    }
    if members.iter().all(Option::is_none) {
        trail.warn(Message::NobodyEnrolling {});
    }
    let (citations, assumptions, warnings) = trail.into_owned();
    Ok(Household {
        policy: policy.id.clone(),
        members,
        personal_due_total: total,
        citations,
        assumptions,
        warnings,
    })
}
