//! A small serde `Deserializer` over TOML's spanned document tree, for reading a policy's
//! types.
//!
//! # Design
//! `toml::Value`'s own deserializer answers every request through `deserialize_any`, so each
//! policy type's visitor is compiled for every shape a value can have (a struct from a
//! sequence, from a string…): 163 KB of the npm module's code. This one gives each request
//! only the shape it asks for — a struct from a table, a list from an array, a string from a
//! string — and refuses the others in one shared, non-generic function. The same files load
//! and the same errors are told (serde's own wording: "invalid type: …, expected …",
//! "unknown field …"), each with the span of the key or value it is about, which `parse.rs`
//! turns into a line and column. The tree is toml's own parse (`DeTable`), read once: no
//! `toml::Value` is built.

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::ops::Range;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

type Value<'i> = DeValue<'i>;

/// A deserialization error with the span (bytes of the text) of what it is about.
#[derive(Debug)]
pub(crate) struct LeanError {
    pub message: String,
    pub span: Option<Range<usize>>,
}

impl fmt::Display for LeanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for LeanError {}

impl de::Error for LeanError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        LeanError {
            message: msg.to_string(),
            span: None,
        }
    }
}

impl LeanError {
    /// The innermost span wins: set only where none is yet.
    fn at(mut self, span: Range<usize>) -> Self {
        if self.span.is_none() {
            self.span = Some(span);
        }
        self
    }
}

/// Deserializes `T` from a parsed TOML document.
pub(crate) fn from_table<'de, T: de::Deserialize<'de>>(
    table: &'de DeTable<'de>,
) -> Result<T, LeanError> {
    T::deserialize(Lean(LeanValue::Table(table)))
}

#[derive(Clone, Copy)]
enum LeanValue<'de> {
    Table(&'de DeTable<'de>),
    Value(&'de Value<'de>),
}

#[derive(Clone, Copy)]
struct Lean<'de>(LeanValue<'de>);

fn integer(i: &toml::de::DeInteger<'_>) -> Option<i64> {
    i64::from_str_radix(i.as_str(), i.radix()).ok()
}

/// What a value is, for "invalid type" (one function, not one per visitor).
fn unexpected(v: LeanValue<'_>) -> de::Unexpected<'_> {
    match v {
        LeanValue::Table(_) => de::Unexpected::Map,
        LeanValue::Value(v) => match v {
            Value::String(s) => de::Unexpected::Str(s),
            Value::Integer(_) => de::Unexpected::Other("integer"),
            Value::Float(_) => de::Unexpected::Other("floating point number"),
            Value::Boolean(b) => de::Unexpected::Bool(*b),
            Value::Datetime(_) => de::Unexpected::Other("a TOML date literal"),
            Value::Array(_) => de::Unexpected::Seq,
            Value::Table(_) => de::Unexpected::Map,
        },
    }
}

fn wrong(v: LeanValue<'_>, expected: &dyn de::Expected) -> LeanError {
    de::Error::invalid_type(unexpected(v), expected)
}

impl<'de> Lean<'de> {
    fn table(self) -> Option<&'de DeTable<'de>> {
        match self.0 {
            LeanValue::Table(t) | LeanValue::Value(Value::Table(t)) => Some(t),
            LeanValue::Value(_) => None,
        }
    }

    fn value(self) -> Option<&'de Value<'de>> {
        match self.0 {
            LeanValue::Value(v) => Some(v),
            LeanValue::Table(_) => None,
        }
    }
}

macro_rules! integers {
    ($($method:ident),*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, LeanError> {
            match self.value() {
                Some(Value::Integer(i)) => match integer(i) {
                    Some(i) => visitor.visit_i64(i),
                    None => Err(de::Error::custom("integer out of range")),
                },
                _ => Err(wrong(self.0, &visitor)),
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Lean<'de> {
    type Error = LeanError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, LeanError> {
        match self.0 {
            LeanValue::Table(t) => visitor.visit_map(Map::new(t)),
            LeanValue::Value(v) => match v {
                Value::String(s) => visitor.visit_str(s),
                Value::Integer(i) => match integer(i) {
                    Some(i) => visitor.visit_i64(i),
                    None => Err(de::Error::custom("integer out of range")),
                },
                Value::Float(_) => Err(wrong(self.0, &visitor)),
                Value::Boolean(b) => visitor.visit_bool(*b),
                Value::Array(a) => visitor.visit_seq(Seq { items: a.iter() }),
                Value::Table(t) => visitor.visit_map(Map::new(t)),
                Value::Datetime(_) => Err(wrong(self.0, &visitor)),
            },
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, LeanError> {
        match self.value() {
            Some(Value::Boolean(b)) => visitor.visit_bool(*b),
            _ => Err(wrong(self.0, &visitor)),
        }
    }

    integers!(
        deserialize_i8,
        deserialize_i16,
        deserialize_i32,
        deserialize_i64,
        deserialize_u8,
        deserialize_u16,
        deserialize_u32,
        deserialize_u64
    );

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, LeanError> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, LeanError> {
        // No policy type holds a float (money and percentages are exact).
        Err(wrong(self.0, &visitor))
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, LeanError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, LeanError> {
        match self.value() {
            Some(Value::String(s)) => visitor.visit_str(s),
            _ => Err(wrong(self.0, &visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, LeanError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, LeanError> {
        Err(wrong(self.0, &visitor))
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, LeanError> {
        Err(wrong(self.0, &visitor))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, LeanError> {
        // TOML has no null: a key that is present holds a value.
        visitor.visit_some(self)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, LeanError> {
        Err(wrong(self.0, &visitor))
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, LeanError> {
        Err(wrong(self.0, &visitor))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, LeanError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, LeanError> {
        match self.value() {
            Some(Value::Array(a)) => visitor.visit_seq(Seq { items: a.iter() }),
            _ => Err(wrong(self.0, &visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, LeanError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, LeanError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, LeanError> {
        match self.table() {
            Some(t) => visitor.visit_map(Map::new(t)),
            None => Err(wrong(self.0, &visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, LeanError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, LeanError> {
        match self.0 {
            // A unit variant by its name: `payer = "personal"`.
            LeanValue::Value(Value::String(s)) => {
                visitor.visit_enum(s.as_ref().into_deserializer())
            }
            // A variant with content: `grant = { fixed = "304.00" }`.
            LeanValue::Value(Value::Table(t)) | LeanValue::Table(t) if t.len() == 1 => {
                match t.iter().next() {
                    Some((k, v)) => visitor.visit_enum(Variant { key: k, value: v }),
                    None => Err(wrong(self.0, &visitor)),
                }
            }
            _ => Err(wrong(self.0, &visitor)),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, LeanError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, LeanError> {
        visitor.visit_unit()
    }
}

type Key<'de> = Spanned<toml::de::DeString<'de>>;
type Item<'de> = Spanned<Value<'de>>;

struct Map<'de> {
    entries: toml::map::Iter<'de, Key<'de>, Item<'de>>,
    pending: Option<&'de Item<'de>>,
}

impl<'de> Map<'de> {
    fn new(t: &'de DeTable<'de>) -> Map<'de> {
        Map {
            entries: t.iter(),
            pending: None,
        }
    }
}

impl<'de> MapAccess<'de> for Map<'de> {
    type Error = LeanError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, LeanError> {
        match self.entries.next() {
            Some((k, v)) => {
                self.pending = Some(v);
                // An unknown key is told where the key is written.
                seed.deserialize(de::value::StrDeserializer::new(k.get_ref()))
                    .map(Some)
                    .map_err(|e: LeanError| e.at(k.span()))
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, LeanError> {
        match self.pending.take() {
            Some(v) => seed
                .deserialize(Lean(LeanValue::Value(v.get_ref())))
                .map_err(|e| e.at(v.span())),
            None => Err(de::Error::custom("value without a key")),
        }
    }
}

struct Seq<'de> {
    items: std::slice::Iter<'de, Item<'de>>,
}

impl<'de> SeqAccess<'de> for Seq<'de> {
    type Error = LeanError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, LeanError> {
        match self.items.next() {
            Some(v) => seed
                .deserialize(Lean(LeanValue::Value(v.get_ref())))
                .map(Some)
                .map_err(|e| e.at(v.span())),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Variant<'de> {
    key: &'de Key<'de>,
    value: &'de Item<'de>,
}

impl<'de> de::EnumAccess<'de> for Variant<'de> {
    type Error = LeanError;
    type Variant = Lean<'de>;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Lean<'de>), LeanError> {
        let v = seed
            .deserialize(de::value::StrDeserializer::<LeanError>::new(
                self.key.get_ref(),
            ))
            .map_err(|e| e.at(self.key.span()))?;
        Ok((v, Lean(LeanValue::Value(self.value.get_ref()))))
    }
}

impl<'de> de::VariantAccess<'de> for Lean<'de> {
    type Error = LeanError;

    fn unit_variant(self) -> Result<(), LeanError> {
        Err(de::Error::invalid_type(
            unexpected(self.0),
            &"a variant name",
        ))
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, LeanError> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, LeanError> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, LeanError> {
        de::Deserializer::deserialize_map(self, visitor)
    }
}
