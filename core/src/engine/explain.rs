//! Turning an [`Outcome`] into the contract's answer: figures plus citations, assumptions
//! and warnings, each naming the rule of the policy file it comes from.

use super::compute::{effective_to, Cover, Ctx, Facts, Outcome};
use crate::calendar::Calendar;
use crate::contract::{
    AidLine, Assumption, Bases, Basis, CapRaise, Citation, ContinuityInfo, PriorYearLine, Quote,
    Warning, WindowRef,
};
use crate::lang::{Lang, Text};
use crate::message::Message;
use crate::money::Money;
use crate::policy::prepared::{rule_at, rule_id};
use crate::policy::{Cite, CoverStart, Grant, Payer, Policy, Tier};
use crate::shared::SharedStr;
use chrono::NaiveDate;
use smallvec::SmallVec;
use std::borrow::Cow;

/// A text an answer shows: the policy's own, borrowed while the answer is made (no count
/// taken on it), or one made for this answer.
#[derive(Debug, Clone)]
pub(crate) enum Said<'p> {
    Policy(&'p SharedStr),
    Own(SharedStr),
}

impl Said<'_> {
    pub fn get(&self) -> &SharedStr {
        match self {
            Said::Policy(s) => s,
            Said::Own(s) => s,
        }
    }
}

/// A citation as the trail holds it: the policy's texts borrowed.
#[derive(Debug, Clone)]
pub(crate) struct CiteRef<'p> {
    pub rule: Said<'p>,
    pub document: &'p SharedStr,
    pub clause: &'p SharedStr,
    pub text: Option<&'p SharedStr>,
    /// The citation's JSON after the rule's name, kept by the citation.
    pub json: &'p crate::shared::KeptJson,
}

/// An assumption as the trail holds it.
#[derive(Debug, Clone)]
pub(crate) struct AssumeRef<'p> {
    pub rule: Said<'p>,
    pub text: Said<'p>,
}

/// A warning as the trail holds it.
#[derive(Debug, Clone)]
pub(crate) struct WarnRef<'p> {
    pub code: &'static str,
    pub message: Said<'p>,
}

/// Collects citations and assumptions without repeating one, and warnings, in the
/// language of the request.
///
/// It borrows the policy's texts: the JSON answer is written from it directly (a shared
/// text's count is an atomic operation, and a quote shows some thirty of them), and the
/// owned answer types take their counted references once, in [`Trail::into_owned`].
pub(crate) struct Trail<'p> {
    pub lang: Lang,
    pub citations: SmallVec<[CiteRef<'p>; 8]>,
    pub assumptions: SmallVec<[AssumeRef<'p>; 2]>,
    pub warnings: SmallVec<[WarnRef<'p>; 2]>,
}

impl<'p> Trail<'p> {
    pub fn new(lang: Lang) -> Trail<'p> {
        // Room for a usual answer's trail in the trail itself: no allocation (three, with
        // their frees, per JSON quote before); a longer one spills to the heap.
        Trail {
            lang,
            citations: SmallVec::new(),
            assumptions: SmallVec::new(),
            warnings: SmallVec::new(),
        }
    }

    pub fn cite(
        &mut self,
        policy: &'p Policy,
        rule: impl RuleName<'p>,
        cite: &'p Cite,
        assume: Option<&'p Text>,
    ) {
        let rule = rule.into_rule();
        if !self.citations.iter().any(|c| c.rule.get() == rule.get()) {
            self.citations.push(CiteRef {
                rule: rule.clone(),
                document: cite.document.as_ref().unwrap_or(&policy.title),
                clause: &cite.clause,
                text: cite.text.as_ref(),
                json: &cite.json,
            });
        }
        if let Some(text) = assume {
            self.assume(rule, text);
        }
    }

    /// An assumption without a citation of its own (its rule is cited already).
    pub fn assume(&mut self, rule: impl RuleName<'p>, text: &'p Text) {
        let lang = self.lang;
        self.assume_said(rule, || Said::Policy(text.shared(lang)));
    }

    /// An assumption the library states in its own words (the catalogue's), rendered in the
    /// answer's language only.
    pub fn assume_message(&mut self, rule: impl RuleName<'p>, message: &Message) {
        let lang = self.lang;
        self.assume_said(rule, || Said::Own(message.render(lang).into()));
    }

    fn assume_said(&mut self, rule: impl RuleName<'p>, text: impl FnOnce() -> Said<'p>) {
        let rule = rule.into_rule();
        if !self.assumptions.iter().any(|a| a.rule.get() == rule.get()) {
            self.assumptions.push(AssumeRef { rule, text: text() });
        }
    }

    pub fn warn(&mut self, message: Message) {
        let text = message.render(self.lang);
        // The rendered text itself is kept unless an ID number had to be masked in it.
        let text = match crate::id::redact_cow(&text) {
            Cow::Borrowed(_) => text,
            Cow::Owned(masked) => masked,
        };
        self.warnings.push(WarnRef {
            code: message.code(),
            message: Said::Own(text.into()),
        });
    }

    /// A warning rendered and masked once, when its policy was loaded (a notice's reminder).
    pub fn warn_prepared(&mut self, code: &'static str, message: &'p SharedStr) {
        self.warnings.push(WarnRef {
            code,
            message: Said::Policy(message),
        });
    }

    /// The citations, assumptions and warnings as the answer types hold them.
    pub fn into_owned(mut self) -> (Vec<Citation>, Vec<Assumption>, Vec<Warning>) {
        self.take_owned()
    }

    /// [`Trail::into_owned`], leaving the trail empty.
    pub fn take_owned(&mut self) -> (Vec<Citation>, Vec<Assumption>, Vec<Warning>) {
        let citations = std::mem::take(&mut self.citations)
            .into_iter()
            .map(|c| Citation {
                rule: own(c.rule),
                document: c.document.clone(),
                clause: c.clause.clone(),
                text: c.text.cloned(),
            })
            .collect();
        let assumptions = std::mem::take(&mut self.assumptions)
            .into_iter()
            .map(|a| Assumption {
                rule: own(a.rule),
                text: own(a.text),
            })
            .collect();
        let warnings = std::mem::take(&mut self.warnings)
            .into_iter()
            .map(|w| Warning {
                code: Cow::Borrowed(w.code),
                message: own(w.message),
            })
            .collect();
        (citations, assumptions, warnings)
    }
}

fn own(s: Said<'_>) -> SharedStr {
    match s {
        Said::Policy(s) => s.clone(),
        Said::Own(s) => s,
    }
}

/// What names a rule in an answer: a fixed name of the library's (`"standard"`, no
/// allocation), one built for this answer (`String`), or one prepared with the policy.
pub(crate) trait RuleName<'p> {
    fn into_rule(self) -> Said<'p>;
}

impl<'p> RuleName<'p> for &'static str {
    fn into_rule(self) -> Said<'p> {
        Said::Own(SharedStr::from_static(self))
    }
}

impl<'p> RuleName<'p> for String {
    fn into_rule(self) -> Said<'p> {
        Said::Own(SharedStr::from(self))
    }
}

impl<'p> RuleName<'p> for &'p SharedStr {
    fn into_rule(self) -> Said<'p> {
        Said::Policy(self)
    }
}

impl<'p> RuleName<'p> for Said<'p> {
    fn into_rule(self) -> Said<'p> {
        self
    }
}

/// The tier as answers show it, with its last day moved where 民法典 第二百零三条 applies.
pub(crate) fn window_ref(calendar: &Calendar, t: &Tier, lang: Lang) -> WindowRef {
    WindowRef {
        id: match &t.rules.0 {
            Some(r) => r.id.clone(),
            None => t.id.as_str().into(),
        },
        name: t.name.shared(lang).clone(),
        from: t.from,
        to: effective_to(calendar, t),
    }
}

/// When `date` falls on the days off right after a period whose last day is a statutory
/// day off and which the file does not move (民法典 第二百零三条), the reading that the
/// notice's date stands is an assumption, stated where it decides the answer.
pub(crate) fn assume_deadline_kept(
    trail: &mut Trail,
    calendar: &Calendar,
    policy: &Policy,
    date: NaiveDate,
) {
    for t in &policy.tiers {
        if t.deadline_moves || date <= t.to || calendar.is_working_day(t.to) != Some(false) {
            continue;
        }
        if let Some(moved) = calendar.working_day_on_or_after(t.to) {
            if date <= moved {
                trail.assume_message(
                    rule_id("tiers.", &t.id, ".to"),
                    &Message::DeadlineNotMoved {
                        window: t.name.clone(),
                        to: t.to,
                        moved,
                    },
                );
            }
        }
    }
}

/// Cites a tier and, when it restricts them, its payment days.
pub(crate) fn cite_tier<'p>(trail: &mut Trail<'p>, policy: &'p Policy, t: &'p Tier) {
    let rules = t.rules.0.as_ref();
    let rule = match rules {
        Some(r) => Said::Policy(&r.rule),
        None => Said::Own(rule_id("tiers.", &t.id, "").into()),
    };
    trail.cite(policy, rule, &t.cite, t.assume.as_ref());
    if let Some(d) = &t.payment_days {
        let rule = match rules {
            Some(r) => Said::Policy(&r.payment_days),
            None => Said::Own(rule_id("tiers.", &t.id, ".payment_days").into()),
        };
        trail.cite(policy, rule, &d.cite, d.assume.as_ref());
    }
}

/// An aid rule's name, `aid[<i>]`: the one prepared at load, or built.
fn aid_rule(rule: &crate::policy::AidRule, i: usize) -> Said<'_> {
    match &rule.rule_name.0 {
        Some(name) => Said::Policy(name),
        None => Said::Own(rule_at("aid", i, "").into()),
    }
}

/// How each figure is known, from the rules that gave it: a rule with an `assume` gives
/// an assumed figure, a national default a national one, a wait of unstated length an
/// unknown date; otherwise the notice states it.
pub(crate) fn bases(ctx: Ctx<'_>, policy: &Policy, o: &Outcome) -> Bases {
    let of = |assume: Option<&Text>| {
        if assume.is_some() {
            Basis::Assumed
        } else {
            Basis::Stated
        }
    };
    let tier = o.tier.and_then(|i| policy.tiers.get(i));
    let newborn = o.newborn.and_then(|i| policy.newborns.get(i));
    let grade = o.grade.and_then(|i| policy.grades.get(usize::from(i)));
    let standard = match o.group.and_then(|i| policy.group_standards.get(i)) {
        Some(g) => of(g.assume.as_ref()),
        None if grade.is_some_and(|g| g.assume.is_some()) => Basis::Assumed,
        None if grade.is_some() => Basis::Stated,
        None if policy.standard.assume.is_some() => Basis::Assumed,
        None if policy.standard.national_year.is_some() => Basis::National,
        None => Basis::Stated,
    };
    let fiscal_of_standard = match (o.group, grade) {
        // A grade's own fiscal figure is the grade's; without one it is the standard's.
        (None, Some(g)) if g.fiscal.is_some() => standard,
        (None, _) if policy.standard.fiscal_assume.is_some() => Basis::Assumed,
        (None, _) if policy.standard.fiscal_national.is_some() => Basis::National,
        (None, Some(_)) if policy.standard.assume.is_some() => Basis::Assumed,
        (None, Some(_)) if policy.standard.national_year.is_some() => Basis::National,
        _ => standard,
    };
    // A fiscal subsidy of zero is the tier's or the newborn rule's word, not the standard's.
    let fiscal = match (newborn, tier) {
        (Some(n), _) if n.charge == crate::policy::NewbornCharge::Free => of(n.assume.as_ref()),
        (None, Some(t)) if o.payer == Payer::PersonalAndFiscal => match of(t.assume.as_ref()) {
            Basis::Stated => fiscal_of_standard,
            b => b,
        },
        _ => fiscal_of_standard,
    };
    // A prior year's national fiscal figure makes the sum no more than national.
    let prior_national = newborn
        .and_then(|n| n.prior_year.as_ref())
        .is_some_and(|p| p.fiscal_national.is_some() && !o.prior_year.is_zero());
    let fiscal = match fiscal {
        Basis::Stated if prior_national => Basis::National,
        b => b,
    };
    // The aid chosen among several rules rests on the reading `aid.highest`, unless the
    // policy cites its notice for it.
    let aid = o.aid.and_then(|a| {
        let rule = policy.aid.get(a.rule)?;
        Some(if a.rivals && policy.aid_highest.is_none() {
            Basis::Assumed
        } else {
            of(rule.assume.as_ref())
        })
    });
    let benefit_start = if o.cover_unknown {
        Basis::Unknown
    } else {
        match o.cover {
            Cover::Continuity => {
                let national = ctx.national.map(|n| &n.continuity);
                let assumed = national.is_some_and(|n| n.assume.is_some())
                    || policy
                        .continuity
                        .as_ref()
                        .is_some_and(|c| c.assume.is_some());
                if assumed {
                    Basis::Assumed
                } else {
                    Basis::National
                }
            }
            Cover::Exempted(i) => of(policy
                .wait_exemptions
                .get(i)
                .and_then(|w| w.assume.as_ref())),
            Cover::Newborn => of(newborn.and_then(|n| n.assume.as_ref())),
            Cover::FullYear | Cover::Tier(_) => of(tier.and_then(|t| t.assume.as_ref())),
        }
    };
    Bases {
        personal_standard: standard,
        fiscal_subsidy: fiscal,
        aid,
        benefit_start,
    }
}

/// The quote without its citations, assumptions and warnings, and the trail that holds them
/// borrowed from the policy (the JSON answer is written from the two).
pub(crate) fn explain_with_trail<'p>(
    ctx: Ctx<'p>,
    policy: &'p Policy,
    facts: &'p Facts,
    paid_on: NaiveDate,
    o: &'p Outcome,
    trail: &mut Trail<'p>,
) -> Quote {
    let lang = trail.lang;
    let step = Explain {
        ctx,
        policy,
        facts,
        paid_on,
        o,
        lang,
        tier: o.tier.and_then(|i| policy.tiers.get(i)),
        newborn: o.newborn.and_then(|i| policy.newborns.get(i)),
    };
    let newborn = step.newborn;
    // A policy no notice backs says so first, in every answer.
    if let Some(why) = &policy.estimate {
        trail.warn(Message::PolicyEstimate { why: why.clone() });
    }
    // The steps in the order their citations, assumptions and warnings appear.
    step.standard(trail);
    assume_deadline_kept(trail, ctx.calendar, policy, paid_on);
    let window = step.period(trail);
    step.period_warnings(trail);
    let aid = step.aid_lines(trail);
    let aid_unknown = step.categories(trail);
    let basis = bases(ctx, policy, o);
    step.aid_readings(trail);
    step.cover(trail);
    let continuity = step.continuity(trail);
    let cap_raise = step.cap_raise(trail);
    let payment_visible_on = step.processing(trail);
    step.reminders(trail);
    let quote = Quote {
        policy: policy.id_text(),
        window,
        newborn: newborn.map(|n| n.id.clone()),
        newborn_name: newborn.map(|n| n.name.shared(lang).clone()),
        grade: o
            .grade
            .and_then(|i| policy.grades.get(usize::from(i)))
            .map(|g| g.id.clone()),
        total: o.total,
        personal_standard: o.personal_standard,
        prior_years: newborn
            .and_then(|n| n.prior_year.as_ref())
            .filter(|_| !o.prior_year.is_zero())
            .map(|p| {
                vec![PriorYearLine {
                    year: p.year,
                    amount: p.personal,
                    fiscal_subsidy: p.fiscal.unwrap_or(Money::ZERO),
                }]
            })
            .unwrap_or_default(),
        fiscal_subsidy: o.fiscal_subsidy,
        fiscal_share_paid_by_person: o.fiscal_share,
        aid_total: o.aid_total(),
        aid,
        personal_due: o.personal_due,
        benefit_start: o.benefit_start,
        benefit_end: o.benefit_end,
        basis: Bases {
            // A category whose aid the file does not know: the aid is unknown, not none.
            aid: if aid_unknown && o.aid.is_none() {
                Some(Basis::Unknown)
            } else {
                basis.aid
            },
            ..basis
        },
        citations: Vec::new(),
        assumptions: Vec::new(),
        warnings: Vec::new(),
        continuity,
        cap_raise,
        payment_visible_on,
    };
    quote
}

/// What every step of [`explain`] reads: the quote's inputs and outcome.
#[derive(Clone, Copy)]
struct Explain<'a> {
    ctx: Ctx<'a>,
    policy: &'a Policy,
    facts: &'a Facts,
    paid_on: NaiveDate,
    o: &'a Outcome,
    lang: Lang,
    tier: Option<&'a Tier>,
    newborn: Option<&'a crate::policy::NewbornRule>,
}

impl<'a> Explain<'a> {
    /// The standard: a group standard, or a grade and the general standard, with the fiscal
    /// figure's own source.
    fn standard(&self, trail: &mut Trail<'a>) {
        let Explain { policy, o, .. } = *self;
        // The standard.
        match o
            .group
            .and_then(|i| policy.group_standards.get(i).map(|g| (i, g)))
        {
            Some((i, g)) => trail.cite(
                policy,
                rule_at("group_standards", i, ""),
                &g.cite,
                g.assume.as_ref(),
            ),
            None => {
                if let Some((i, g)) = o
                    .grade
                    .and_then(|i| policy.grades.get(usize::from(i)).map(|g| (i, g)))
                {
                    trail.cite(
                        policy,
                        rule_at("grades", usize::from(i), ""),
                        &g.cite,
                        g.assume.as_ref(),
                    );
                }
                trail.cite(
                    policy,
                    "standard",
                    &policy.standard.cite,
                    policy.standard.assume.as_ref(),
                );
                if let Some(n) = &policy.standard.fiscal_national {
                    trail.cite(
                        policy,
                        "standard.fiscal",
                        &n.cite,
                        policy.standard.fiscal_assume.as_ref(),
                    );
                } else if let Some(a) = &policy.standard.fiscal_assume {
                    trail.assume("standard.fiscal", a);
                }
            }
        }
    }

    /// The period paid in and its terms (a newborn registering outside every period: its
    /// registration).
    fn period(&self, trail: &mut Trail<'a>) -> WindowRef {
        let Explain {
            ctx,
            policy,
            paid_on,
            lang,
            tier,
            newborn,
            ..
        } = *self;
        match (tier, newborn) {
            (Some(t), _) => {
                cite_tier(trail, policy, t);
                window_ref(ctx.calendar, t, lang)
            }
            (None, Some(n)) => WindowRef {
                id: rule_id("newborn.", &n.id, "").into(),
                name: SharedStr::from_static(match lang {
                    Lang::Zh => "新生儿参保登记",
                    Lang::En => "newborn registration",
                }),
                from: n.registered_from.unwrap_or(paid_on),
                to: n.registered_to.unwrap_or(paid_on),
            },
            (None, None) => WindowRef {
                id: SharedStr::default(),
                name: SharedStr::default(),
                from: paid_on,
                to: paid_on,
            },
        }
    }

    /// The newborn rule applied, a payment after the benefit year, an exemption from paying
    /// the fiscal share.
    fn period_warnings(&self, trail: &mut Trail<'a>) {
        let Explain {
            policy,
            facts,
            paid_on,
            o,
            tier,
            newborn,
            ..
        } = *self;
        if let Some(n) = newborn {
            trail.cite(
                policy,
                rule_id("newborns.", &n.id, ""),
                &n.cite,
                n.assume.as_ref(),
            );
            // A prior year's fiscal subsidy by the national minimum of that year.
            if let Some(cite) = n
                .prior_year
                .as_ref()
                .filter(|_| !o.prior_year.is_zero())
                .and_then(|p| p.fiscal_national.as_ref())
            {
                trail.cite(
                    policy,
                    rule_id("newborns.", &n.id, ".prior_year.fiscal"),
                    cite,
                    None,
                );
            }
            // 牡丹江, 鄢陵: 自出生之日起享受待遇 — for a child born before the benefit year, the
            // cover of the birth year needs that year's contribution, under that year's policy.
            let year_start = policy.benefit_bounds().map(|b| b.0);
            if n.cover == crate::policy::CoverStart::BirthInBenefitYear
                && year_start.is_some_and(|ys| facts.birth < ys)
            {
                trail.warn(Message::BirthYearNotCovered {
                    birth: facts.birth,
                    year: policy.benefit_year,
                    before: policy.benefit_year - 1,
                });
            }
        }
        if let Some((_, year_end)) = policy.benefit_bounds().filter(|(_, e)| paid_on > *e) {
            trail.warn(Message::PaidAfterBenefitYear {
                year: policy.benefit_year,
                year_end,
            });
        }
        if o.payer_exempted {
            if let Some(t) = tier {
                trail.warn(Message::PayerExempt {
                    window: t.name.clone(),
                });
            }
        }
    }

    /// The aid granted, one line per funding source.
    fn aid_lines(&self, trail: &mut Trail<'a>) -> Vec<AidLine> {
        let Explain {
            policy, o, lang, ..
        } = *self;
        // Aid.
        let mut aid = Vec::new();
        if let Some(a) = o.aid {
            if let Some(rule) = policy.aid.get(a.rule) {
                trail.cite(
                    policy,
                    aid_rule(rule, a.rule),
                    &rule.cite,
                    rule.assume.as_ref(),
                );
                // One line per funding source of the aid (临沂: 医疗救助资金 and 县区财政),
                // each year's share added where a prior year is collected too.
                let personal = o.personal_standard - o.prior_year;
                for (k, (source, amount)) in rule.shares(personal).enumerate() {
                    // The prior year's share of the same source (an aid has a few shares:
                    // walked again rather than collected, so nothing is allocated).
                    let of_prior = match o.prior_year.is_zero() {
                        true => Money::ZERO,
                        false => rule
                            .shares_on(o.prior_year)
                            .nth(k)
                            .map_or(Money::ZERO, |(_, m)| m),
                    };
                    let amount = amount + of_prior;
                    if amount.is_zero() && k > 0 {
                        continue;
                    }
                    aid.push(AidLine {
                        category: policy.table.shared_id_of(a.category),
                        category_name: policy.table.shared_name_in(a.category, lang),
                        source,
                        source_name: policy.source_name(source, lang),
                        amount,
                    });
                }
            }
        }
        aid
    }

    /// Every category the person has: aided by the rule applied, by a rule that lost (never
    /// stacked), by a zero-aid row, or by nothing in this policy; an exclusion that took
    /// the aid. True when a category's aid is unknown (`aid_unknown`).
    fn categories(&self, trail: &mut Trail<'a>) -> bool {
        let Explain {
            policy,
            facts,
            paid_on,
            o,
            ..
        } = *self;
        let mut unknown = false;
        let days = policy
            .benefit_bounds()
            .map(|(year_start, year_end)| crate::policy::AgeDays {
                birth: facts.birth,
                paid_on,
                year_start,
                year_end,
                aided_since: facts.aided_since,
            });
        let days = days.unwrap_or(crate::policy::AgeDays {
            birth: facts.birth,
            paid_on,
            year_start: paid_on,
            year_end: paid_on,
            aided_since: facts.aided_since,
        });
        // Every category the person has: aided by the rule applied, by a rule that lost
        // (never stacked), by a zero-aid row, or by nothing in this policy.
        for c in facts.categories.bits_iter() {
            if policy
                .group_standards
                .iter()
                .any(|g| g.mask.contains_bit(c))
            {
                continue;
            }
            // A family given as such was resolved through its subtypes.
            let mut person_cats = policy.table.covers(c);
            if !policy.table.families().contains_bit(c) {
                person_cats = crate::category::CategorySet::EMPTY;
                person_cats.insert_bit(c);
            }
            // Rules whose further conditions (categories asked as well, age) the person
            // does not meet do not aid them. Walked twice rather than collected: an answer
            // allocates nothing for this.
            let meets = |r: &&crate::policy::AidRule| {
                !r.mask.intersection(person_cats).is_empty()
                    && r.with_masks
                        .iter()
                        .all(|m| !facts.categories.intersection(*m).is_empty())
                    && r.age.is_none_or(|a| a.holds(&days))
            };
            // A list with a cut-off: recognised later, the person is not on it (凌源).
            let on_list = |r: &crate::policy::AidRule| {
                r.recognized_by
                    .as_ref()
                    .is_none_or(|r| r.holds(facts.aided_since))
            };
            let rules = || {
                policy
                    .aid
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| meets(r) && on_list(r))
            };
            let mut late = false;
            for (i, rule) in policy.aid.iter().enumerate().filter(|(_, r)| meets(r)) {
                let Some(r) = rule.recognized_by.as_ref().filter(|_| !on_list(rule)) else {
                    continue;
                };
                late = true;
                trail.cite(policy, rule_at("aid", i, ".recognized_by"), &r.cite, None);
                if let Some(since) = facts.aided_since {
                    trail.warn(Message::AidAfterCutoff {
                        category: policy.table.text_of(c),
                        since,
                        by: r.date,
                    });
                }
            }
            let none = rules().next().is_none();
            if none && late {
                continue;
            }
            if none {
                // A file that holds only part of its notice's aid says so (`aid_unknown`):
                // unknown, never "not aided".
                match &policy.aid_unknown {
                    Some(why) => {
                        unknown = true;
                        trail.warn(Message::AidUnknown {
                            category: policy.table.text_of(c),
                            why: why.clone(),
                        })
                    }
                    None => trail.warn(Message::CategoryNotAided {
                        policy: policy.id.clone(),
                        category: policy.table.text_of(c),
                    }),
                }
                continue;
            }
            for (i, rule) in rules() {
                let applied = o.aid.is_some_and(|a| a.rule == i && a.category == c);
                if applied {
                    continue;
                }
                if o.aid.is_some() && o.aid_excluded.is_none() {
                    // The rule applied, held by another of the person's categories too, or a
                    // rule for the category the aid was granted for.
                    if o.aid.is_some_and(|a| a.category == c || a.rule == i) {
                        continue;
                    }
                    trail.warn(Message::AidNotStacked {
                        category: policy.table.text_of(c),
                        rule: i,
                    });
                } else if o.aid_excluded.is_none()
                    && matches!(rule.grant, Grant::Fixed(m) if m.is_zero())
                {
                    // A row of the notice's table that grants nothing (长治: 稳定脱贫人员 0元).
                    trail.cite(policy, aid_rule(rule, i), &rule.cite, rule.assume.as_ref());
                }
            }
        }
        if let Some(i) = o.aid_excluded {
            if let Some(x) = policy.aid_exclusions.get(i) {
                trail.cite(
                    policy,
                    rule_at("aid_exclusions", i, ""),
                    &x.cite,
                    x.assume.as_ref(),
                );
                if !facts.categories.is_empty() {
                    trail.warn(Message::AidExcluded {});
                }
            }
        }
        unknown
    }

    /// The readings the aid rests on: an aid list's cut-off, the highest of several rules.
    fn aid_readings(&self, trail: &mut Trail<'a>) {
        let Explain {
            policy, facts, o, ..
        } = *self;
        // An aid list with a cut-off, the person's recognition date not given: on the list.
        if let Some((i, r)) = o.aid.and_then(|a| {
            policy
                .aid
                .get(a.rule)
                .and_then(|r| r.recognized_by.as_ref())
                .map(|r| (a.rule, r))
        }) {
            if facts.aided_since.is_none() {
                trail.cite(policy, rule_at("aid", i, ".recognized_by"), &r.cite, None);
                trail.assume_message(
                    rule_at("aid", i, ".recognized_by"),
                    &Message::AidListAssumed { by: r.date },
                );
            }
        }
        // Which aid, where several held: the notice's word, or the library's stated reading.
        if o.aid.is_some_and(|a| a.rivals) {
            match &policy.aid_highest {
                Some(cite) => trail.cite(policy, "aid_highest", cite, None),
                None => trail.assume_message("aid.highest", &Message::AidHighestAssumed {}),
            }
        }
    }

    /// How cover starts, or why it does not, and what a late payer pays besides.
    fn cover(&self, trail: &mut Trail<'a>) {
        let Explain {
            policy,
            paid_on,
            o,
            tier,
            ..
        } = *self;
        // Cover.
        let year_end = policy.benefit_bounds().map(|b| b.1);
        if let Cover::Exempted(i) = o.cover {
            if let Some(w) = policy.wait_exemptions.get(i) {
                trail.cite(
                    policy,
                    rule_at("wait_exemptions", i, ""),
                    &w.cite,
                    w.assume.as_ref(),
                );
            }
        }
        let unknown = o.cover_unknown;
        if o.newborn_unstated {
            trail.warn(Message::NewbornTermsUnstated {});
        } else if unknown {
            trail.warn(Message::CoverDateUnknown {});
        } else if o.benefit_start.is_none() && o.cover != Cover::Continuity {
            let year = policy.benefit_year;
            let message = match (o.cover, year_end) {
                (Cover::Tier(CoverStart::After(wait)), Some(year_end)) => {
                    match wait.end_from(paid_on) {
                        Some(wait_end) => Message::NoCoverAfterWait {
                            wait,
                            paid_on,
                            wait_end,
                            year_end,
                            year,
                        },
                        None => Message::NoCover {
                            paid_on,
                            year_end,
                            year,
                        },
                    }
                }
                (_, Some(year_end)) => Message::NoCover {
                    paid_on,
                    year_end,
                    year,
                },
                (_, None) => Message::NoCoverContinuity { months: 0, year },
            };
            trail.warn(message);
        }
        if let Some(t) = tier.filter(|_| o.cover != Cover::Newborn && !unknown) {
            if let Some(a) = t.advise_by {
                if paid_on > a {
                    trail.warn(Message::AfterAdvisedDate { date: a });
                }
            }
        }
        if o.payer == Payer::PersonalAndFiscal {
            let fiscal = o.fiscal_share;
            trail.warn(Message::PaysFiscalShare { fiscal });
        }
    }

    /// The national continuity waits (国办发〔2024〕38号), where they apply.
    fn continuity(&self, trail: &mut Trail<'a>) -> Option<ContinuityInfo> {
        let Explain { ctx, policy, o, .. } = *self;
        o.continuity.map(|c| {
            if let Some(n) = ctx.national.map(|n| &n.continuity) {
                trail.cite(policy, "national.continuity", &n.cite, n.assume.as_ref());
            }
            if let Some(r) = &policy.continuity {
                if let Some(cite) = &r.cite {
                    trail.cite(policy, "continuity", cite, r.assume.as_ref());
                }
            }
            if !c.history_given {
                trail.warn(Message::HistoryNotGiven {});
            }
            if (c.start.is_none() || o.benefit_start.is_none()) && !o.newborn_unstated {
                trail.warn(Message::NoCoverContinuity {
                    months: c.wait_months,
                    year: policy.benefit_year,
                });
            }
            if c.repaired > 0 {
                trail.warn(Message::RepairPayment {
                    years: c.repaired,
                    due: c.repair_due,
                });
            }
            ContinuityInfo {
                history_given: c.history_given,
                break_years: c.break_years,
                fixed_wait_months: c.fixed,
                variable_wait_months: c.variable,
                repaired_years: c.repaired,
                months_removed: c.removed,
                repair_due: c.repair_due,
                floor_applied: c.floor_applied,
                wait_months: c.wait_months,
                wait_counted_from: c.counted_from,
                local_terms: c.local_terms,
                exemption: c.exemption,
            }
        })
    }

    /// The 大病保险 cap raise for continuous and zero-claim years.
    fn cap_raise(&self, trail: &mut Trail<'a>) -> Option<CapRaise> {
        let Explain { ctx, policy, o, .. } = *self;
        o.cap_raise.map(|r| {
            if let Some(n) = ctx.national.map(|n| &n.incentives) {
                trail.cite(policy, "national.incentives", &n.cite, n.assume.as_ref());
            }
            if let Some(i) = &policy.incentives {
                if let Some(cite) = &i.cite {
                    trail.cite(policy, "incentives", cite, i.assume.as_ref());
                }
            }
            CapRaise {
                continuous_years: r.continuous_years,
                continuity_steps: r.continuity_steps,
                zero_claim_steps: r.zero_claim_steps,
                step: r.step,
                uncapped: r.uncapped,
                limit: r.limit,
                raise: r.raise,
            }
        })
    }

    /// When the payment can be seen (processing times, in working days).
    fn processing(&self, trail: &mut Trail<'a>) -> Option<NaiveDate> {
        let Explain {
            ctx,
            policy,
            paid_on,
            ..
        } = *self;
        // Processing times are part of the explanation, not of the figures: the typed quote
        // (the counter's hot path) does not count working days.
        let payment_visible_on = policy
            .payment_visible_after
            .as_ref()
            .and_then(|v| ctx.calendar.add_working_days(paid_on, v.working_days))
            // "5个工作日后" is read as "3个月后" is: once the period has run (its last day, the
            // 5th working day), from the next day (民法典 第二百零一条).
            .and_then(crate::dates::next_day);
        if let Some(v) = &policy.payment_visible_after {
            trail.cite(policy, "payment_visible_after", &v.cite, v.assume.as_ref());
            if payment_visible_on.is_none() {
                trail.warn(Message::CalendarUnknown {
                    days: v.working_days,
                    paid_on,
                });
            }
        }

        payment_visible_on
    }

    /// What the notice tells a person in this situation, in its own words.
    fn reminders(&self, trail: &mut Trail<'a>) {
        let Explain {
            policy,
            facts,
            o,
            tier,
            newborn,
            ..
        } = *self;
        // What the notice tells a person in this situation, in its own words.
        for (i, r) in policy.reminders.iter().enumerate() {
            // Aided, or of a category the policy aids (where aid is not taken away).
            let aided = o.aid.is_some()
                || (o.aid_excluded.is_none()
                    && policy
                        .aid
                        .iter()
                        .any(|rule| !rule.mask.intersection(facts.categories).is_empty()));
            let late = tier.is_some_and(|t| {
                t.cover != crate::policy::CoverStart::BenefitStart
                    || t.payer == Payer::PersonalAndFiscal
            });
            let holds = match r.when {
                crate::policy::ReminderWhen::Always => true,
                crate::policy::ReminderWhen::Aided => aided,
                crate::policy::ReminderWhen::InsuredElsewhere => facts.insured_elsewhere,
                crate::policy::ReminderWhen::Newborn => newborn.is_some(),
                crate::policy::ReminderWhen::Late => late && newborn.is_none(),
            };
            if !holds {
                continue;
            }
            match r
                .prepared
                .0
                .as_ref()
                .and_then(|p| Some((p, p.warning(trail.lang)?)))
            {
                Some((prepared, warning)) => {
                    trail.cite(policy, &prepared.rule, &r.cite, None);
                    trail.warn_prepared(prepared.code, warning);
                }
                None => {
                    trail.cite(policy, rule_at("reminders", i, ""), &r.cite, None);
                    trail.warn(Message::NoticeReminder {
                        text: r.text.clone(),
                    });
                }
            }
        }
    }
}
