//! The stable category ids of persons a policy can aid (design.md, "Category ids").
//!
//! # Design
//! Ids are ASCII and never change: bank systems store them. A person's categories are
//! kept as a bit set so that the hot path (the C typed quote) needs no allocation.

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

macro_rules! categories {
    ($( $variant:ident = $id:literal, $zh:literal, $en:literal; )*) => {
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

            /// An English name, for developers.
            pub fn name_en(self) -> &'static str {
                match self { $( Category::$variant => $en, )* }
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
    ExtremePoverty = "extreme_poverty", "特困人员（特困供养人员）", "persons in extreme poverty";
    Orphan = "orphan", "孤儿", "orphans";
    UnsupportedChild = "unsupported_child", "事实无人抚养儿童", "children without de facto support";
    WelfareInstitutionChild = "welfare_institution_child", "儿童福利机构收留抚养儿童", "children raised in child welfare institutions";
    MinimumLiving = "minimum_living", "低保对象", "minimum living allowance recipients";
    LowIncome = "low_income", "低保边缘家庭成员（低收入家庭成员）", "members of families on the edge of the minimum living allowance (low-income families)";
    ReturnedToPoverty = "returned_to_poverty", "返贫致贫人口", "people returned to or fallen into poverty";
    MonitoredAtRisk = "monitored_at_risk", "纳入监测范围的易返贫致贫人口（防贫监测对象）", "people monitored for the risk of returning to poverty";
    UnstableOutOfPoverty = "unstable_out_of_poverty", "脱贫不稳定人员（户）", "people out of poverty but unstable";
    MarginalAtRisk = "marginal_at_risk", "边缘易致贫人员（户）", "people on the edge of poverty";
    SuddenHardship = "sudden_hardship", "突发严重困难人口（户）", "people in sudden severe hardship";
    OutOfPoverty = "out_of_poverty", "脱贫人口（稳定脱贫人员、档内脱贫人口）", "people out of poverty";
    SevereDisability = "severe_disability", "重度残疾人（一、二级）", "persons with severe disabilities (grades 1 and 2)";
    ModelWorker = "model_worker", "市级及以上劳动模范", "model workers of city level and above";
    PriorityEntitled = "priority_entitled", "重点优抚对象", "priority entitled groups (重点优抚对象)";
    PolicyInsured = "policy_insured", "政策保人员", "policy-insured persons";
    ChildInDistress = "child_in_distress", "困境儿童", "children in distress";
    CriticallyIll = "critically_ill", "重症病人", "critically ill patients";
    Student = "student", "在校学生", "students";
}

impl Category {
    /// Bit of this category in a [`CategorySet`] (its number in the C ABI).
    pub fn bit(self) -> u8 {
        self as u8
    }

    /// The national category with this bit, if any.
    pub fn from_bit(bit: u8) -> Option<Category> {
        Category::ALL.get(usize::from(bit)).copied()
    }

    /// The categories this one includes: 防贫监测对象 covers its three subtypes, so a rule
    /// that aids `monitored_at_risk` also aids them (design.md).
    pub fn includes(self, other: Category) -> bool {
        self.covers().contains_bit(other.bit())
    }

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

/// Number of bits a [`CategorySet`] holds: the national categories take the first
/// [`Category::ALL`]`.len()`, a policy's own categories the rest.
pub const CATEGORY_BITS: u8 = 64;

/// The most categories of its own a policy can declare (the bits the national ones leave).
pub const MAX_LOCAL_CATEGORIES: usize = CATEGORY_BITS as usize - Category::ALL.len();

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
                "unknown category {shown:?}: see the category ids in the design (e.g. \"minimum_living\")"
            ))
        })
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A set of categories, one bit each (national and a policy's own); copying it never
/// allocates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, PartialOrd, Ord)]
pub struct CategorySet(u64);

impl CategorySet {
    /// The empty set: an ordinary resident.
    pub const EMPTY: CategorySet = CategorySet(0);

    /// Adds a national category.
    pub fn insert(&mut self, c: Category) {
        self.insert_bit(c.bit());
    }

    /// Adds the category with this bit (bits of 64 and more are ignored).
    pub fn insert_bit(&mut self, bit: u8) {
        self.0 |= 1u64.checked_shl(u32::from(bit)).unwrap_or(0);
    }

    /// Removes the category with this bit.
    pub fn remove_bit(&mut self, bit: u8) {
        self.0 &= !1u64.checked_shl(u32::from(bit)).unwrap_or(0);
    }

    /// True when the set holds the national category `c`.
    pub fn contains(self, c: Category) -> bool {
        self.contains_bit(c.bit())
    }

    /// True when the set holds the category with this bit.
    pub fn contains_bit(self, bit: u8) -> bool {
        self.0 & 1u64.checked_shl(u32::from(bit)).unwrap_or(0) != 0
    }

    /// True when the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The bits of the set, lowest first.
    pub fn bits_iter(self) -> impl Iterator<Item = u8> {
        (0..CATEGORY_BITS).filter(move |b| self.contains_bit(*b))
    }

    /// The national categories of the set, in table order.
    pub fn iter(self) -> impl Iterator<Item = Category> {
        Category::ALL
            .iter()
            .copied()
            .filter(move |c| self.contains(*c))
    }

    /// The raw bits.
    pub fn bits(self) -> u64 {
        self.0
    }

    /// A set from raw bits.
    pub fn from_bits(bits: u64) -> CategorySet {
        CategorySet(bits)
    }

    /// The bits of both sets.
    pub fn union(self, other: CategorySet) -> CategorySet {
        CategorySet(self.0 | other.0)
    }

    /// The bits the sets share.
    pub fn intersection(self, other: CategorySet) -> CategorySet {
        CategorySet(self.0 & other.0)
    }

    /// The lowest bit of the set, if any.
    pub fn first(self) -> Option<u8> {
        (self.0 != 0).then(|| self.0.trailing_zeros() as u8)
    }

    /// Number of categories in the set.
    pub fn len(self) -> u32 {
        self.0.count_ones()
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
            assert_eq!(Category::from_bit(c.bit()), Some(*c));
            assert_eq!(
                serde_json::to_string(c).ok(),
                Some(format!("\"{}\"", c.id()))
            );
        }
        assert_eq!(Category::ALL.len(), 19);
        assert_eq!(MAX_LOCAL_CATEGORIES, 45);
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
        assert_eq!(m.covers().len(), 4);
    }

    #[test]
    fn set_operations() {
        let mut s: CategorySet = [Category::Student, Category::Orphan].into_iter().collect();
        assert!(s.contains(Category::Student));
        assert!(!s.contains(Category::MinimumLiving));
        assert_eq!(
            s.iter().collect::<Vec<_>>(),
            vec![Category::Orphan, Category::Student]
        );
        assert_eq!(CategorySet::from_bits(s.bits()), s);
        s.insert_bit(63);
        assert!(s.contains_bit(63));
        s.insert_bit(64); // ignored, never a panic
        assert_eq!(s.len(), 3);
        s.remove_bit(63);
        assert_eq!(s.bits_iter().collect::<Vec<_>>(), vec![1, 18]);
        assert_eq!(s.first(), Some(1));
    }
}
