//! The categories a policy knows: the national vocabulary, its notice's own groups, and
//! the notice's own names for both, resolved into bits once at load.
//!
//! # Design
//! A notice aids groups the national list lacks (三、四级残疾人, 计划生育特殊家庭 …). A policy
//! declares them under `[[categories]]` with a stable ASCII id and the notice's Chinese
//! name; each gets one of the bits the national categories leave free in a
//! [`CategorySet`], so a person's categories stay a `Copy` bit set and the typed quote
//! allocates nothing. A declaration may also name a *national* id, to give the notice's
//! own wording (长治: 低保人员 for `minimum_living`).
//!
//! Families (`includes`) work both ways. A rule naming a family aids its members; a person
//! given as the family (the caller does not know which subtype) is aided when every
//! subtype gets the same aid, and refused with `ambiguous_category` when they differ: the
//! engine never picks one.

use super::Cite;
use crate::category::{Category, CategorySet, CATEGORY_BITS, MAX_LOCAL_CATEGORIES};
use crate::lang::Text;
use crate::message::Message;
use crate::shared::SharedStr;
use serde::{Deserialize, Serialize};

/// A category as a policy file declares it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CategoryDecl {
    /// Stable ASCII id: a national id (to give its name as the notice writes it) or one of
    /// the policy's own.
    pub id: String,
    /// The notice's own Chinese name.
    pub name: String,
    /// An English name, for developers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// The categories this one includes (a family: 防贫监测对象 includes three subtypes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub includes: Vec<String>,
    /// Where the notice names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<Cite>,
}

impl CategoryDecl {
    /// The name in both languages.
    pub fn text(&self) -> Text {
        Text {
            zh: self.name.as_str().into(),
            en: self.name_en.as_deref().map(Into::into),
        }
    }
}

/// A name as the table holds it: the library's own, or the policy's.
enum NameRef<'a> {
    Static(&'static str),
    Shared(&'a SharedStr),
}

/// The categories of one policy, by bit: national bits first, then the policy's own.
#[derive(Debug, Clone, Default)]
pub struct CategoryTable {
    /// Ids of the policy's own categories, bit `Category::ALL.len() + i`.
    local: Vec<SharedStr>,
    /// The notice's name for each bit it names (national or local).
    names: Vec<(u8, Text)>,
    /// Each bit's category and everything it includes, transitively.
    covers: Vec<CategorySet>,
    /// The bits that include others.
    families: CategorySet,
    /// Every valid bit: the national ones and the policy's own.
    known: CategorySet,
}

const NATIONAL: u8 = Category::ALL.len() as u8;

impl CategoryTable {
    /// Resolves the declarations; `Err((index, key, message))` names the entry at fault.
    pub(crate) fn build(
        decls: &[CategoryDecl],
    ) -> Result<CategoryTable, (usize, &'static str, Message)> {
        let mut t = CategoryTable::default();
        for (i, d) in decls.iter().enumerate() {
            if t.local.iter().any(|l| *l == d.id)
                || t.names
                    .iter()
                    .any(|(b, _)| t.id_of(*b) == Some(d.id.as_str()))
            {
                return Err((i, "id", Message::CategoryTwice { id: d.id.clone() }));
            }
            match d.id.parse::<Category>() {
                Ok(c) => {
                    if !d.includes.is_empty() {
                        return Err((i, "includes", Message::NationalIncludes {}));
                    }
                    t.names.push((c.bit(), d.text()));
                }
                Err(()) => {
                    if t.local.len() >= MAX_LOCAL_CATEGORIES {
                        return Err((
                            i,
                            "id",
                            Message::TooManyCategories {
                                max: MAX_LOCAL_CATEGORIES,
                            },
                        ));
                    }
                    let bit = NATIONAL + t.local.len() as u8;
                    t.local.push(d.id.as_str().into());
                    t.names.push((bit, d.text()));
                }
            }
        }
        // Direct members, then the transitive closure (at most 64 rounds).
        t.covers = (0..CATEGORY_BITS)
            .map(|b| match Category::from_bit(b) {
                Some(c) => c.covers(),
                None => {
                    let mut s = CategorySet::EMPTY;
                    s.insert_bit(b);
                    s
                }
            })
            .collect();
        for (i, d) in decls.iter().enumerate() {
            let Some(bit) = t.bit(&d.id) else { continue };
            for member in &d.includes {
                let m = t.bit(member).ok_or_else(|| {
                    (
                        i,
                        "includes",
                        Message::UndeclaredCategory {
                            id: crate::message::Excerpt::of(member),
                        },
                    )
                })?;
                if m == bit {
                    return Err((
                        i,
                        "includes",
                        Message::CategoryIncludesItself { id: d.id.clone() },
                    ));
                }
                if let Some(s) = t.covers.get_mut(usize::from(bit)) {
                    s.insert_bit(m);
                }
            }
        }
        for _ in 0..CATEGORY_BITS {
            let before = t.covers.clone();
            for b in 0..usize::from(CATEGORY_BITS) {
                let members = before.get(b).copied().unwrap_or_default();
                let closed = members
                    .bits_iter()
                    .filter_map(|m| before.get(usize::from(m)).copied())
                    .fold(members, CategorySet::union);
                if let Some(s) = t.covers.get_mut(b) {
                    *s = closed;
                }
            }
            if before == t.covers {
                break;
            }
        }
        for (i, d) in decls.iter().enumerate() {
            let Some(bit) = t.bit(&d.id) else { continue };
            let cycle = t
                .covers(bit)
                .bits_iter()
                .any(|m| m != bit && t.covers(m).contains_bit(bit));
            if cycle {
                return Err((
                    i,
                    "includes",
                    Message::CategoryIncludesItself { id: d.id.clone() },
                ));
            }
        }
        t.families = (0..CATEGORY_BITS).filter(|b| t.covers(*b).len() > 1).fold(
            CategorySet::EMPTY,
            |mut s, b| {
                s.insert_bit(b);
                s
            },
        );
        t.known = (0..NATIONAL + t.local.len() as u8).fold(CategorySet::EMPTY, |mut s, b| {
            s.insert_bit(b);
            s
        });
        Ok(t)
    }

    /// The bit of a category id, national or the policy's own.
    pub fn bit(&self, id: &str) -> Option<u8> {
        match id.parse::<Category>() {
            Ok(c) => Some(c.bit()),
            Err(()) => self
                .local
                .iter()
                .position(|l| l == id)
                .map(|i| NATIONAL + i as u8),
        }
    }

    /// The id of a bit.
    pub fn id_of(&self, bit: u8) -> Option<&str> {
        match Category::from_bit(bit) {
            Some(c) => Some(c.id()),
            None => self
                .local
                .get(usize::from(bit.checked_sub(NATIONAL)?))
                .map(SharedStr::as_str),
        }
    }

    /// [`CategoryTable::id_of`] as a shared text an answer holds (no copy); empty for an
    /// unknown bit.
    pub fn shared_id_of(&self, bit: u8) -> SharedStr {
        match Category::from_bit(bit) {
            Some(c) => SharedStr::from_static(c.id()),
            None => bit
                .checked_sub(NATIONAL)
                .and_then(|i| self.local.get(usize::from(i)))
                .cloned()
                .unwrap_or_default(),
        }
    }

    /// The name to show: the notice's own where the policy gives it, else the national one.
    pub fn name_of(&self, bit: u8) -> Option<&str> {
        self.names
            .iter()
            .find(|(b, _)| *b == bit)
            .map(|(_, n)| n.zh.as_str())
            .or_else(|| Category::from_bit(bit).map(Category::name_zh))
    }

    /// The name in `lang`, borrowed: the notice's own (its English, or the national
    /// English name), else the national one; the id for an unknown bit.
    pub fn name_in(&self, bit: u8, lang: crate::lang::Lang) -> &str {
        match self.name_ref(bit, lang) {
            NameRef::Static(s) => s,
            NameRef::Shared(s) => s.as_str(),
        }
    }

    /// [`CategoryTable::name_in`] as a shared text an answer holds (no copy).
    pub fn shared_name_in(&self, bit: u8, lang: crate::lang::Lang) -> SharedStr {
        match self.name_ref(bit, lang) {
            NameRef::Static(s) => SharedStr::from_static(s),
            NameRef::Shared(s) => s.clone(),
        }
    }

    fn name_ref(&self, bit: u8, lang: crate::lang::Lang) -> NameRef<'_> {
        let national = Category::from_bit(bit);
        let national_in = |c: Category| match lang {
            crate::lang::Lang::Zh => c.name_zh(),
            crate::lang::Lang::En => c.name_en(),
        };
        match self.names.iter().find(|(b, _)| *b == bit) {
            Some((_, t)) => match (lang, &t.en, national) {
                (crate::lang::Lang::En, None, Some(c)) => NameRef::Static(c.name_en()),
                _ => NameRef::Shared(t.shared(lang)),
            },
            None => match national {
                Some(c) => NameRef::Static(national_in(c)),
                None => match bit
                    .checked_sub(NATIONAL)
                    .and_then(|i| self.local.get(usize::from(i)))
                {
                    Some(id) => NameRef::Shared(id),
                    None => NameRef::Static(""),
                },
            },
        }
    }

    /// The name in both languages: the notice's own where the policy gives it (with its
    /// English name, or the national one's), else the national one; the id for an unknown bit.
    pub fn text_of(&self, bit: u8) -> Text {
        let national = Category::from_bit(bit);
        match self.names.iter().find(|(b, _)| *b == bit) {
            Some((_, t)) => Text {
                zh: t.zh.clone(),
                en: t
                    .en
                    .clone()
                    .or_else(|| national.map(|c| c.name_en().into())),
            },
            None => match national {
                Some(c) => Text {
                    zh: c.name_zh().into(),
                    en: Some(c.name_en().into()),
                },
                None => Text::zh(self.id_of(bit).unwrap_or_default()),
            },
        }
    }

    /// The category and everything it includes.
    pub fn covers(&self, bit: u8) -> CategorySet {
        self.covers
            .get(usize::from(bit))
            .copied()
            .unwrap_or_default()
    }

    /// The bits that include other categories.
    pub fn families(&self) -> CategorySet {
        self.families
    }

    /// The members of a family that include nothing themselves (the subtypes a person
    /// actually is).
    pub fn leaves(&self, bit: u8) -> CategorySet {
        let mut s = self
            .covers(bit)
            .intersection(CategorySet::from_bits(!self.families.bits()));
        s.remove_bit(bit);
        s
    }

    /// Every category a rule listing `ids` applies to; `Err(id)` for an unknown id.
    pub fn mask<'a>(&self, ids: &'a [String]) -> Result<CategorySet, &'a str> {
        ids.iter().try_fold(CategorySet::EMPTY, |m, id| {
            self.bit(id)
                .map(|b| m.union(self.covers(b)))
                .ok_or(id.as_str())
        })
    }

    /// Every valid bit of this policy: the national ones and its own.
    pub fn known(&self) -> CategorySet {
        self.known
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn decl(id: &str, name: &str, includes: &[&str]) -> CategoryDecl {
        CategoryDecl {
            id: id.into(),
            name: name.into(),
            name_en: None,
            includes: includes.iter().map(|s| s.to_string()).collect(),
            cite: None,
        }
    }

    #[test]
    fn local_categories_take_free_bits_and_national_ones_keep_theirs() {
        let t = CategoryTable::build(&[
            decl("minimum_living", "低保人员", &[]),
            decl("disability_3_4", "三、四级残疾人", &[]),
            decl("special_family", "计划生育特殊家庭", &[]),
        ])
        .unwrap();
        assert_eq!(t.bit("minimum_living"), Some(4));
        assert_eq!(t.bit("disability_3_4"), Some(19));
        assert_eq!(t.bit("special_family"), Some(20));
        assert_eq!(t.bit("nope"), None);
        assert_eq!(t.name_of(4), Some("低保人员"));
        assert_eq!(t.name_of(0), Some("特困人员（特困供养人员）"));
        assert_eq!(t.name_of(19), Some("三、四级残疾人"));
        assert_eq!(t.id_of(20), Some("special_family"));
        assert_eq!(t.id_of(21), None);
        assert_eq!(t.known().len(), 21);
    }

    #[test]
    fn families_close_transitively_and_leaves_are_subtypes() {
        let t = CategoryTable::build(&[
            decl("disabled", "残疾人", &["disabled_1_2", "disabled_3_4"]),
            decl("disabled_1_2", "一、二级残疾人", &[]),
            decl(
                "disabled_3_4",
                "三、四级残疾人",
                &["disabled_3", "disabled_4"],
            ),
            decl("disabled_3", "三级残疾人", &[]),
            decl("disabled_4", "四级残疾人", &[]),
        ])
        .unwrap();
        let top = t.bit("disabled").unwrap();
        assert_eq!(t.covers(top).len(), 5);
        let leaves: Vec<&str> = t
            .leaves(top)
            .bits_iter()
            .filter_map(|b| t.id_of(b))
            .collect();
        assert_eq!(leaves, vec!["disabled_1_2", "disabled_3", "disabled_4"]);
        let m = Category::MonitoredAtRisk.bit();
        assert_eq!(t.leaves(m).len(), 3);
        assert!(t.families().contains_bit(m));
    }

    #[test]
    fn bad_declarations_name_the_entry() {
        let dup = CategoryTable::build(&[decl("a", "甲", &[]), decl("a", "甲", &[])]).unwrap_err();
        assert_eq!((dup.0, dup.1), (1, "id"));
        let unknown = CategoryTable::build(&[decl("a", "甲", &["b"])]).unwrap_err();
        assert_eq!((unknown.0, unknown.1), (0, "includes"));
        let cycle =
            CategoryTable::build(&[decl("a", "甲", &["b"]), decl("b", "乙", &["a"])]).unwrap_err();
        assert_eq!(cycle.1, "includes");
        let national = CategoryTable::build(&[decl("orphan", "孤儿", &["student"])]).unwrap_err();
        assert_eq!((national.0, national.1), (0, "includes"));
        let many: Vec<CategoryDecl> = (0..=MAX_LOCAL_CATEGORIES)
            .map(|i| decl(&format!("c{i}"), "名", &[]))
            .collect();
        assert_eq!(
            CategoryTable::build(&many).unwrap_err().0,
            MAX_LOCAL_CATEGORIES
        );
    }
}
