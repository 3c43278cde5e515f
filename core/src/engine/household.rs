//! The `household` operation: every member's quote, the total, and the household rule
//! (凌源: 以家庭为单位整户参保, members in employee insurance excepted).

use super::explain::Trail;
use super::Engine;
use crate::contract::{Household, HouseholdRequest, QuoteRequest};
use crate::error::Error;
use crate::money::Money;

/// The most members a `household` request may list (a 户口簿 has far fewer); larger
/// requests are `invalid_request`, for every binding alike.
pub const MAX_MEMBERS: usize = 100;

pub(crate) fn household(engine: &Engine, req: &HouseholdRequest) -> Result<Household, Error> {
    let policy = engine.policy(&req.policy)?;
    if req.members.len() > MAX_MEMBERS {
        return Err(Error::InvalidRequest(format!(
            "a household has at most {MAX_MEMBERS} members; {} were given",
            req.members.len()
        )));
    }
    if req.members.is_empty() {
        return Err(Error::InvalidRequest(
            "a household has at least one member".into(),
        ));
    }
    let mut trail = Trail::default();
    if let Some(rule) = &policy.household {
        trail.cite(policy, "household".into(), &rule.cite, rule.assume.as_ref());
        if rule.whole {
            let missing: Vec<String> = req
                .members
                .iter()
                .enumerate()
                .filter(|(_, m)| !m.enrolling && !m.insured_elsewhere)
                .map(|(i, _)| format!("members[{i}]"))
                .collect();
            if !missing.is_empty() {
                return Err(Error::HouseholdIncomplete(format!(
                    "policy {} requires the whole household to enrol together (整户参保); not enrolling and not insured elsewhere: {}",
                    policy.id,
                    missing.join(", ")
                )));
            }
        }
    }
    let mut members = Vec::with_capacity(req.members.len());
    let mut total = Money::ZERO;
    for m in &req.members {
        if !m.enrolling {
            members.push(None);
            continue;
        }
        let q = engine.quote(&QuoteRequest {
            policy: req.policy.clone(),
            paid_on: req.paid_on,
            person: m.clone(),
        })?;
        total = total + q.personal_due;
        members.push(Some(q));
    }
    if members.iter().all(Option::is_none) {
        trail.warn(
            "nobody_enrolling",
            "no member of the household enrols now".into(),
        );
    }
    Ok(Household {
        policy: policy.id.clone(),
        members,
        personal_due_total: total,
        citations: trail.citations,
        assumptions: trail.assumptions,
        warnings: trail.warnings,
    })
}
