//! The `window` operation: is a date a payment day, and if not, when is the next one.

use super::compute::{is_payment_day, next_payment_day_in};
use super::explain::{cite_tier, window_ref, Trail};
use crate::contract::WindowStatus;
use crate::policy::Policy;
use chrono::NaiveDate;

pub(crate) fn status(policy: &Policy, date: NaiveDate) -> WindowStatus {
    let mut trail = Trail::default();
    let tier = policy.tier_on(date).map(|(_, t)| t);
    let payment_day = tier.is_some_and(|t| is_payment_day(t, date));
    // The next payment day may lie in a later tier.
    let next = policy
        .tiers
        .iter()
        .filter(|t| t.to >= date)
        .find_map(|t| next_payment_day_in(t, date));
    if let Some(t) = tier {
        cite_tier(&mut trail, policy, t);
    } else if let Some(t) = next.and_then(|n| policy.tier_on(n)).map(|(_, t)| t) {
        cite_tier(&mut trail, policy, t);
    }
    WindowStatus {
        policy: policy.id.clone(),
        open: payment_day,
        window: tier.map(window_ref),
        payment_day,
        next_payment_day: next,
        citations: trail.citations,
        assumptions: trail.assumptions,
    }
}
