//! The `window` operation: is a date a payment day, and if not, when is the next one.

use super::compute::{effective_to, is_payment_day, next_payment_day_in, tier_at, Ctx};
use super::explain::{cite_tier, window_ref, Trail};
use crate::contract::{PaymentTerms, WindowStatus};
use crate::lang::Lang;
use crate::policy::{CoverStart, Payer, Policy};
use chrono::NaiveDate;

pub(crate) fn status(ctx: Ctx<'_>, policy: &Policy, date: NaiveDate, lang: Lang) -> WindowStatus {
    let mut trail = Trail::new(lang);
    let tier = tier_at(ctx.calendar, policy, date).map(|(_, t)| t);
    let payment_day = tier.is_some_and(|t| is_payment_day(t, date));
    // The next payment day may lie in a later tier.
    let next = policy
        .tiers
        .iter()
        .filter(|t| effective_to(ctx.calendar, t) >= date)
        .find_map(|t| next_payment_day_in(t, effective_to(ctx.calendar, t), date));
    super::explain::assume_deadline_kept(&mut trail, ctx.calendar, policy, date);
    if let Some(t) = tier {
        cite_tier(&mut trail, policy, t);
    } else if let Some(t) = next
        .and_then(|n| tier_at(ctx.calendar, policy, n))
        .map(|(_, t)| t)
    {
        cite_tier(&mut trail, policy, t);
    }
    // A window answer has no warnings.
    let (citations, assumptions, _) = trail.into_owned();
    WindowStatus {
        policy: policy.id.clone(),
        open: payment_day,
        // The collection window proper: cover for the whole year at the personal standard,
        // as against a later period that takes payments on other terms.
        collection_window: tier
            .is_some_and(|t| t.cover == CoverStart::BenefitStart && t.payer == Payer::Personal),
        terms: tier.map(|t| PaymentTerms {
            payer: t.payer,
            cover: t.cover,
            aid: t.aid,
        }),
        window: tier.map(|t| window_ref(ctx.calendar, t, lang)),
        payment_day,
        next_payment_day: next,
        citations,
        assumptions,
    }
}
