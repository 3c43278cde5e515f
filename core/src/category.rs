//! The stable category ids of persons a policy can aid (design.md, "Category ids").
//!
//! # Design
//! Ids are ASCII and never change: bank systems store them. A person's categories are
//! kept as a bit set so that the hot path (the C typed quote) needs no allocation.

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

macro_rules! categories {
    ($( $variant:ident = $id:literal, $zh:literal; )*) => {
        /// A category of person named by the notices.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Category { $( #[doc = $zh] $variant, )* }

        impl Category {
            /// Every category, in the order of the design's table (its bit order).
            pub const ALL: &'static [Category] = &[ $( Category::$variant, )* ];

            /// The stable ASCII id.
            pub fn id(self) -> &'static str {
                match self { $( Category::$variant => $id, )* }
            }

            /// The Chinese name used in the notices.
            pub fn name_zh(self) -> &'static str {
                match self { $( Category::$variant => $zh, )* }
            }
        }

        impl FromStr for Category {
            type Err = ();
            fn from_str(s: &str) -> Result<Self, ()> {
                match s { $( $id => Ok(Category::$variant), )* _ => Err(()) }
            }
        }
    };
}

categories! {
    ExtremePoverty = "extreme_poverty", "特困人员（特困供养人员）";
    Orphan = "orphan", "孤儿";
    UnsupportedChild = "unsupported_child", "事实无人抚养儿童";
    WelfareInstitutionChild = "welfare_institution_child", "儿童福利机构收留抚养儿童";
    MinimumLiving = "minimum_living", "低保对象";
    LowIncome = "low_income", "低保边缘家庭成员（低收入家庭成员）";
    ReturnedToPoverty = "returned_to_poverty", "返贫致贫人口";
    MonitoredAtRisk = "monitored_at_risk", "纳入监测范围的易返贫致贫人口（防贫监测对象）";
    UnstableOutOfPoverty = "unstable_out_of_poverty", "脱贫不稳定人员（户）";
    MarginalAtRisk = "marginal_at_risk", "边缘易致贫人员（户）";
    SuddenHardship = "sudden_hardship", "突发严重困难人口（户）";
    OutOfPoverty = "out_of_poverty", "脱贫人口（稳定脱贫人员、档内脱贫人口）";
    SevereDisability = "severe_disability", "重度残疾人（一、二级）";
    ModelWorker = "model_worker", "市级及以上劳动模范";
    PriorityEntitled = "priority_entitled", "重点优抚对象";
    PolicyInsured = "policy_insured", "政策保人员";
    ChildInDistress = "child_in_distress", "困境儿童";
    CriticallyIll = "critically_ill", "重症病人";
    Student = "student", "在校学生";
}

impl Category {
    /// Bit of this category in a [`CategorySet`].
    fn bit(self) -> u32 {
        1u32 << (self as u32)
    }

    /// The categories this one includes: 防贫监测对象 covers its three subtypes, so a rule
    /// that aids `monitored_at_risk` also aids them (design.md).
    pub fn includes(self, other: Category) -> bool {
        self == other
            || (self == Category::MonitoredAtRisk
                && matches!(
                    other,
                    Category::UnstableOutOfPoverty
                        | Category::MarginalAtRisk
                        | Category::SuddenHardship
                ))
    }
}

/// Marker that starts every serde error about a category id, so the JSON layer can report
/// `unknown_category` rather than a generic field error.
pub(crate) const CATEGORY_ERROR_MARK: &str = "unknown category";

impl Serialize for Category {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for Category {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(|()| {
            // Echo at most a short prefix: the field is free text from the caller.
            let shown: String = s.chars().take(40).collect();
            de::Error::custom(format!(
                "{CATEGORY_ERROR_MARK} {shown:?}: see the category ids in the design (e.g. \"minimum_living\")"
            ))
        })
    }
}

impl Category {
    /// This category and those it includes, as a set (see [`Category::includes`]).
    pub fn covers(self) -> CategorySet {
        let mut s = CategorySet::EMPTY;
        s.insert(self);
        if self == Category::MonitoredAtRisk {
            s.insert(Category::UnstableOutOfPoverty);
            s.insert(Category::MarginalAtRisk);
            s.insert(Category::SuddenHardship);
        }
        s
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A set of categories, one bit each; copying it never allocates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct CategorySet(u32);

impl CategorySet {
    /// The empty set: an ordinary resident.
    pub const EMPTY: CategorySet = CategorySet(0);

    /// Adds a category.
    pub fn insert(&mut self, c: Category) {
        self.0 |= c.bit();
    }

    /// True when the set holds `c`.
    pub fn contains(self, c: Category) -> bool {
        self.0 & c.bit() != 0
    }

    /// True when the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The categories of the set, in table order.
    pub fn iter(self) -> impl Iterator<Item = Category> {
        Category::ALL
            .iter()
            .copied()
            .filter(move |c| self.contains(*c))
    }

    /// The raw bits (for the C ABI).
    pub fn bits(self) -> u32 {
        self.0
    }

    /// A set from raw bits; bits that name no category are ignored.
    pub fn from_bits(bits: u32) -> CategorySet {
        let all = Category::ALL.iter().fold(0u32, |a, c| a | c.bit());
        CategorySet(bits & all)
    }

    /// True when a rule listing `rule` applies to someone with this set.
    pub fn matches(self, rule: Category) -> bool {
        self.0 & rule.covers().0 != 0
    }

    /// The first category (in table order) of this set that a rule listing `rules`
    /// applies to. Bit operations only: the typed quote's hot path.
    pub fn first_matching(self, rules: &[Category]) -> Option<Category> {
        let covered = rules.iter().fold(0u32, |m, r| m | r.covers().0);
        let common = self.0 & covered;
        if common == 0 {
            return None;
        }
        Category::ALL.get(common.trailing_zeros() as usize).copied()
    }
}

impl FromIterator<Category> for CategorySet {
    fn from_iter<I: IntoIterator<Item = Category>>(iter: I) -> Self {
        let mut s = CategorySet::EMPTY;
        for c in iter {
            s.insert(c);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_are_unique() {
        for c in Category::ALL {
            assert_eq!(c.id().parse::<Category>(), Ok(*c));
            assert_eq!(
                serde_json::to_string(c).ok(),
                Some(format!("\"{}\"", c.id()))
            );
        }
        assert_eq!(Category::ALL.len(), 19);
        assert!("Minimum_living".parse::<Category>().is_err());
    }

    #[test]
    fn monitored_covers_its_three_subtypes_only() {
        let m = Category::MonitoredAtRisk;
        assert!(m.includes(Category::UnstableOutOfPoverty));
        assert!(m.includes(Category::MarginalAtRisk));
        assert!(m.includes(Category::SuddenHardship));
        assert!(!m.includes(Category::MinimumLiving));
        assert!(!Category::SuddenHardship.includes(m));
    }

    #[test]
    fn first_matching_follows_table_order_and_inclusion() {
        let s: CategorySet = [Category::SuddenHardship, Category::MinimumLiving]
            .into_iter()
            .collect();
        assert_eq!(
            s.first_matching(&[Category::MonitoredAtRisk]),
            Some(Category::SuddenHardship)
        );
        assert_eq!(
            s.first_matching(&[Category::MonitoredAtRisk, Category::MinimumLiving]),
            Some(Category::MinimumLiving)
        );
        assert_eq!(s.first_matching(&[Category::Orphan]), None);
        assert!(s.matches(Category::MonitoredAtRisk));
        assert!(!s.matches(Category::Orphan));
    }

    #[test]
    fn set_operations() {
        let s: CategorySet = [Category::Student, Category::Orphan].into_iter().collect();
        assert!(s.contains(Category::Student));
        assert!(!s.contains(Category::MinimumLiving));
        assert_eq!(
            s.iter().collect::<Vec<_>>(),
            vec![Category::Orphan, Category::Student]
        );
        assert_eq!(CategorySet::from_bits(s.bits()), s);
        assert_eq!(CategorySet::from_bits(u32::MAX).iter().count(), 19);
    }
}
