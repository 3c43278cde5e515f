//! Finds every [`Text`](crate::lang::Text) of a policy, with its path in the file, by
//! walking the policy's own `Serialize` (where each is the struct `Text`), so that a text
//! added to the format later is found too, with no value built (policy load stays within
//! its 100 µs: the first version serialised the policy to JSON and took 60 µs).

use serde::ser::{self, Serialize};
use std::fmt;

/// Walks `value` and returns the first Chinese text (`Text.zh`) `bad` refuses, with its
/// dotted path (`tiers[1].assume`) and what `bad` says of it.
pub(crate) fn first_bad<T: Serialize, R>(
    value: &T,
    bad: &dyn Fn(&str) -> Option<R>,
) -> Option<(String, R)> {
    let mut f = Finder {
        path: Vec::new(),
        bad,
        found: None,
    };
    let _ = value.serialize(&mut f);
    f.found
}

struct Finder<'b, R> {
    path: Vec<String>,
    bad: &'b dyn Fn(&str) -> Option<R>,
    found: Option<(String, R)>,
}

impl<R> Finder<'_, R> {
    fn path(&self) -> String {
        let mut out = String::new();
        for p in &self.path {
            if !out.is_empty() && !p.starts_with('[') {
                out.push('.');
            }
            out.push_str(p);
        }
        out
    }

    fn check(&mut self, zh: &str) {
        if self.found.is_none() {
            if let Some(r) = (self.bad)(zh) {
                self.found = Some((self.path(), r));
            }
        }
    }
}

#[derive(Debug)]
struct Stop;

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("stop")
    }
}

impl std::error::Error for Stop {}

impl ser::Error for Stop {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Stop
    }
}

/// Reads a string (a text's `zh`, a map's key); anything else is `None`.
struct Grab;

// Scalars are no text and no key. The float methods are the trait's: no policy type holds a
// float (money is `Money`, exact; percentages are `Percentage`; the schema test checks no
// key is a number), and what they would be given is dropped, never read as an amount.
// `$ok` is what each returns; `serialize_str` is each serializer's own.
macro_rules! scalars {
    ($ret:ty, $ok:expr) => {
        scalars!(@each $ret, $ok;
            serialize_bool(bool),
            serialize_i8(i8),
            serialize_i16(i16),
            serialize_i32(i32),
            serialize_i64(i64),
            serialize_u8(u8),
            serialize_u16(u16),
            serialize_u32(u32),
            serialize_u64(u64),
            serialize_f32(f32),
            serialize_f64(f64),
            serialize_char(char),
            serialize_bytes(&[u8])
        );
    };
    (@each $ret:ty, $ok:expr; $($m:ident($t:ty)),*) => {$(
        fn $m(self, _: $t) -> Result<$ret, Stop> { Ok($ok) }
    )*};
}

impl ser::Serializer for Grab {
    type Ok = Option<String>;
    type Error = Stop;
    type SerializeSeq = ser::Impossible<Option<String>, Stop>;
    type SerializeTuple = ser::Impossible<Option<String>, Stop>;
    type SerializeTupleStruct = ser::Impossible<Option<String>, Stop>;
    type SerializeTupleVariant = ser::Impossible<Option<String>, Stop>;
    type SerializeMap = ser::Impossible<Option<String>, Stop>;
    type SerializeStruct = ser::Impossible<Option<String>, Stop>;
    type SerializeStructVariant = ser::Impossible<Option<String>, Stop>;

    fn serialize_str(self, v: &str) -> Result<Option<String>, Stop> {
        Ok(Some(v.to_string()))
    }
    scalars!(Option<String>, None);
    fn serialize_none(self) -> Result<Option<String>, Stop> {
        Ok(None)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> Result<Option<String>, Stop> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<Option<String>, Stop> {
        Ok(None)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Option<String>, Stop> {
        Ok(None)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Option<String>, Stop> {
        Ok(Some(variant.to_string()))
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<Option<String>, Stop> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Option<String>, Stop> {
        Ok(None)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Stop> {
        Err(Stop)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Stop> {
        Err(Stop)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Stop> {
        Err(Stop)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Stop> {
        Err(Stop)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Stop> {
        Err(Stop)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Stop> {
        Err(Stop)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Stop> {
        Err(Stop)
    }
}

/// A container being walked: a struct (is it a `Text`?), a list (its index), a map.
struct Walk<'f, 'b, R> {
    finder: &'f mut Finder<'b, R>,
    text: bool,
    index: usize,
}

impl<'f, 'b, R> ser::Serializer for &'f mut Finder<'b, R> {
    type Ok = ();
    type Error = Stop;
    type SerializeSeq = Walk<'f, 'b, R>;
    type SerializeTuple = Walk<'f, 'b, R>;
    type SerializeTupleStruct = Walk<'f, 'b, R>;
    type SerializeTupleVariant = Walk<'f, 'b, R>;
    type SerializeMap = Walk<'f, 'b, R>;
    type SerializeStruct = Walk<'f, 'b, R>;
    type SerializeStructVariant = Walk<'f, 'b, R>;

    scalars!((), ());
    fn serialize_str(self, _: &str) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> Result<(), Stop> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Stop> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        v: &T,
    ) -> Result<(), Stop> {
        v.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Walk<'f, 'b, R>, Stop> {
        Ok(Walk {
            finder: self,
            text: false,
            index: 0,
        })
    }
    fn serialize_tuple(self, _: usize) -> Result<Walk<'f, 'b, R>, Stop> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Walk<'f, 'b, R>, Stop> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Walk<'f, 'b, R>, Stop> {
        self.serialize_seq(None)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Walk<'f, 'b, R>, Stop> {
        self.serialize_seq(None)
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Walk<'f, 'b, R>, Stop> {
        Ok(Walk {
            finder: self,
            text: name == "Text",
            index: 0,
        })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Walk<'f, 'b, R>, Stop> {
        self.serialize_seq(None)
    }
}

impl<R> Walk<'_, '_, R> {
    fn element<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), Stop> {
        self.finder.path.push(format!("[{}]", self.index));
        self.index += 1;
        let r = v.serialize(&mut *self.finder);
        self.finder.path.pop();
        r
    }

    fn field<T: ?Sized + Serialize>(&mut self, key: &str, v: &T) -> Result<(), Stop> {
        if self.text {
            if key == "zh" {
                if let Ok(Some(zh)) = v.serialize(Grab) {
                    self.finder.check(&zh);
                }
            }
            return Ok(());
        }
        self.finder.path.push(key.to_string());
        let r = v.serialize(&mut *self.finder);
        self.finder.path.pop();
        r
    }
}

/// The containers whose items have no key: a list's elements, a tuple's fields.
macro_rules! elements {
    ($($trait:ident::$method:ident),*) => {$(
        impl<R> ser::$trait for Walk<'_, '_, R> {
            type Ok = ();
            type Error = Stop;
            fn $method<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), Stop> {
                self.element(v)
            }
            fn end(self) -> Result<(), Stop> {
                Ok(())
            }
        }
    )*};
}
elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl<R> ser::SerializeMap for Walk<'_, '_, R> {
    type Ok = ();
    type Error = Stop;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Stop> {
        let k = key.serialize(Grab).ok().flatten().unwrap_or_default();
        self.finder.path.push(k);
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), Stop> {
        let r = v.serialize(&mut *self.finder);
        self.finder.path.pop();
        r
    }
    fn end(self) -> Result<(), Stop> {
        Ok(())
    }
}

/// The containers whose items are named fields: a struct, a struct variant.
macro_rules! fields {
    ($($trait:ident),*) => {$(
        impl<R> ser::$trait for Walk<'_, '_, R> {
            type Ok = ();
            type Error = Stop;
            fn serialize_field<T: ?Sized + Serialize>(
                &mut self,
                key: &'static str,
                v: &T,
            ) -> Result<(), Stop> {
                self.field(key, v)
            }
            fn end(self) -> Result<(), Stop> {
                Ok(())
            }
        }
    )*};
}
fields!(SerializeStruct, SerializeStructVariant);
