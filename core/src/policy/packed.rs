//! A policy already read and validated, in a compact binary form ("packed"), and back.
//!
//! # Design
//! The npm package must answer without a TOML reader in its main WebAssembly module
//! (issue #14: at most 200 000 bytes gzipped). Its built-in policies ship packed, made at
//! build time from `core/policies/` by the same reader the native library uses, and a
//! user's policy file is read by a second, lazily loaded module that gives the main one
//! the packed form. Unpacking costs a fraction of reading TOML, in time and in code:
//!
//! * a struct is written with its field names, but read as a sequence in the order the
//!   reading type declares (serde's `visit_seq`, a straight line of reads), so none of
//!   the key matching, duplicate and unknown-field checks of a map reader is compiled in;
//!   a field the writer skipped (`skip_serializing_if`) is read as absent, which is the
//!   field's `default`, as in a file that leaves the key out;
//! * values carry a tag, so the few hand-written readers that accept several shapes
//!   (`Text`, `Money`, `Percentage`: `deserialize_any`) read it as they read TOML;
//! * a packed policy starts with its summary (the `policies` entry), which an engine reads
//!   without unpacking the rest: the package is ready at `init()` with nothing parsed.
//!
//! The form is internal to a build: both ends come from the same source, and a policy is
//! packed only after it validated. Unpacking still never panics; a damaged form is an
//! error. No floats: there is no tag for them.
//!
//! # Why hand-written
//! Measured on 2026-12-02 (branch `packed-crate`, from c19156e; main module gzipped by
//! `scripts/build-wasm.sh`, budget 200 000): each crate behind these same functions, the
//! policies' own types unchanged. This format: **190 098**. `rmp-serde` 1.3.1 (structs as
//! maps): 282 088. `ciborium` 0.2.2: 230 655. `minicbor-serde` 0.7.2: 202 416. `serde_json`
//! (already in the module; summary and policy as two JSON texts, no base64): 201 811.
//! `postcard` 1.2.0 cannot read the types at all: it writes structs as bare sequences, so a
//! field `skip_serializing_if` left out shifts every later one (the first summary already
//! fails), and it refuses `deserialize_any` by design. The self-describing crates pass
//! `core/tests/packed.rs` and unpack faster (native, callgrind: 158 000–225 000
//! instructions a policy against 312 000 here; `policies.js` 43 500–43 900 bytes gzipped,
//! 25 700 as JSON, against 46 700), but each reads structs as maps, so serde's key matching
//! (`visit_map`, the field identifiers, unknown-field and duplicate checks) is compiled in
//! for every policy type, on top of the crate's reader monomorphized per type: 11.7 KB
//! gzipped or more over this format, over the budget. BENCHMARKS.md has the figures.

use super::Policy;
use crate::contract::PolicySummary;
use crate::error::{Error, ErrorCode};
use crate::message::Message;
use serde::de::{self, DeserializeSeed, Visitor};
use serde::ser::{self, Serialize};
use std::fmt;

const NONE: u8 = 0;
const SOME: u8 = 1;
const FALSE: u8 = 2;
const TRUE: u8 = 3;
const U64: u8 = 4;
const I64: u8 = 5;
const STR: u8 = 6;
const SEQ: u8 = 7;
const MAP: u8 = 8;
const STRUCT: u8 = 9;
const UNIT_VARIANT: u8 = 10;
const NEWTYPE_VARIANT: u8 = 11;
const STRUCT_VARIANT: u8 = 12;
const TUPLE_VARIANT: u8 = 13;
const UNIT: u8 = 14;

/// Why a value could not be packed or unpacked.
#[derive(Debug)]
pub struct PackError(pub String);

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PackError {}

impl ser::Error for PackError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        PackError(msg.to_string())
    }
}

impl de::Error for PackError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        PackError(msg.to_string())
    }
}

fn damaged() -> PackError {
    PackError("damaged packed policy".into())
}

// ------------------------------------------------------------------------------------
// A policy

/// A validated policy, packed: its summary (the `policies` entry), then the policy, as
/// base64 text.
///
/// ```
/// # #[cfg(feature = "builtin-policies")] {
/// use yibao::policy::{packed, parse_policy, builtin_text};
/// let p = parse_policy("140400-2024.toml", builtin_text("140400-2024.toml").unwrap()).unwrap();
/// let text = packed::pack_policy("140400-2024.toml", &p).unwrap();
/// let (summary, bytes) = packed::unpack_summary("140400-2024.toml", &text).unwrap();
/// assert_eq!(summary.region_name, "长治市");
/// assert_eq!(packed::unpack_policy("140400-2024.toml", &bytes).unwrap(), p);
/// # }
/// ```
pub fn pack_policy(file: &str, policy: &Policy) -> Result<String, Error> {
    let mut out = Vec::new();
    pack_into(&policy.summary(), &mut out)
        .and_then(|()| pack_into(policy, &mut out))
        .map_err(|_| damaged_policy(file))?;
    Ok(to_base64(&out))
}

/// The summary at the start of a packed policy, and the bytes of the whole form (for
/// [`unpack_policy`]).
pub fn unpack_summary(file: &str, text: &str) -> Result<(PolicySummary, Vec<u8>), Error> {
    let bytes = from_base64(text).ok_or_else(|| damaged_policy(file))?;
    let (summary, _) = unpack::<PolicySummary>(&bytes).map_err(|_| damaged_policy(file))?;
    Ok((summary, bytes))
}

/// The summary at the start of a packed policy, decoding only as much of the text as it
/// takes (a start that doubles until the summary reads): an engine that adds every
/// built-in at start-up decodes a few hundred bytes of each, not the whole 160 KB, which
/// in a WebAssembly module's first, baseline-compiled calls cost most of the start-up.
/// The rest is decoded when the policy is first used ([`unpack_policy_text`]).
pub fn unpack_summary_of_text(file: &str, text: &str) -> Result<PolicySummary, Error> {
    summary_of_prefixes(file, text, 1024)
}

/// [`unpack_summary_of_text`], starting with the first `take` characters.
fn summary_of_prefixes(file: &str, text: &str, mut take: usize) -> Result<PolicySummary, Error> {
    loop {
        let end = take.min(text.len());
        // Whole groups of four characters: a prefix of base64 is base64.
        let prefix = text
            .get(..end - end % 4)
            .ok_or_else(|| damaged_policy(file))?;
        let read = from_base64(prefix).and_then(|b| unpack::<PolicySummary>(&b).ok().map(|s| s.0));
        match read {
            Some(summary) => return Ok(summary),
            None if end < text.len() => take = take.saturating_mul(2),
            None => return Err(damaged_policy(file)),
        }
    }
}

/// The policy of a packed form's text ([`pack_policy`]).
pub fn unpack_policy_text(file: &str, text: &str) -> Result<Policy, Error> {
    let bytes = from_base64(text).ok_or_else(|| damaged_policy(file))?;
    unpack_policy(file, &bytes)
}

/// The policy of a packed form ([`unpack_summary`]'s bytes), with what is computed at
/// load ([`super::parse_policy`] computes the same; it validated when it was packed).
pub fn unpack_policy(file: &str, bytes: &[u8]) -> Result<Policy, Error> {
    let (_, rest) = unpack::<de::IgnoredAny>(bytes).map_err(|_| damaged_policy(file))?;
    let (mut policy, _) = unpack::<Policy>(rest).map_err(|_| damaged_policy(file))?;
    super::validate::resolve(file, &mut policy)?;
    Ok(policy)
}

fn damaged_policy(file: &str) -> Error {
    Error::new(
        ErrorCode::PolicySyntax,
        Message::PolicyPackedDamaged {
            file: file.to_string(),
        },
    )
}

// ------------------------------------------------------------------------------------
// Writing

/// Packs a value (a [`super::Policy`], its summary) into `out`.
pub fn pack_into<T: Serialize + ?Sized>(value: &T, out: &mut Vec<u8>) -> Result<(), PackError> {
    value.serialize(&mut Packer { out })
}

struct Packer<'a> {
    out: &'a mut Vec<u8>,
}

impl Packer<'_> {
    fn u32(&mut self, n: usize) -> Result<(), PackError> {
        let n = u32::try_from(n).map_err(|_| PackError("too long to pack".into()))?;
        self.out.extend_from_slice(&n.to_le_bytes());
        Ok(())
    }
    fn str(&mut self, s: &str) -> Result<(), PackError> {
        self.u32(s.len())?;
        self.out.extend_from_slice(s.as_bytes());
        Ok(())
    }
    /// A count written once it is known: its place now, filled by [`Packer::fill`].
    fn count_place(&mut self) -> usize {
        let at = self.out.len();
        self.out.extend_from_slice(&[0; 4]);
        at
    }
    fn fill(&mut self, at: usize, n: u32) {
        if let Some(slot) = self.out.get_mut(at..at + 4) {
            slot.copy_from_slice(&n.to_le_bytes());
        }
    }
    fn variant(&mut self, tag: u8, index: u32, name: &str) -> Result<(), PackError> {
        self.out.push(tag);
        self.out.extend_from_slice(&index.to_le_bytes());
        self.str(name)
    }
}

/// A sequence, map or struct being written: its count's place and the count so far.
struct Compound<'p, 'a> {
    p: &'p mut Packer<'a>,
    at: usize,
    n: u32,
}

impl<'p, 'a> Compound<'p, 'a> {
    fn open(p: &'p mut Packer<'a>, tag: u8) -> Self {
        p.out.push(tag);
        let at = p.count_place();
        Compound { p, at, n: 0 }
    }
    fn element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), PackError> {
        self.n += 1;
        v.serialize(&mut *self.p)
    }
    fn field<T: Serialize + ?Sized>(&mut self, key: &str, v: &T) -> Result<(), PackError> {
        self.p.str(key)?;
        self.element(v)
    }
    fn close(self) -> Result<(), PackError> {
        self.p.fill(self.at, self.n);
        Ok(())
    }
}

fn unsupported(what: &str) -> PackError {
    PackError(format!("{what} cannot be packed"))
}

impl<'p, 'a> ser::Serializer for &'p mut Packer<'a> {
    type Ok = ();
    type Error = PackError;
    type SerializeSeq = Compound<'p, 'a>;
    type SerializeTuple = Compound<'p, 'a>;
    type SerializeTupleStruct = Compound<'p, 'a>;
    type SerializeTupleVariant = Compound<'p, 'a>;
    type SerializeMap = Compound<'p, 'a>;
    type SerializeStruct = Compound<'p, 'a>;
    type SerializeStructVariant = Compound<'p, 'a>;

    fn serialize_bool(self, v: bool) -> Result<(), PackError> {
        self.out.push(if v { TRUE } else { FALSE });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), PackError> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), PackError> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), PackError> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), PackError> {
        self.out.push(I64);
        self.out.extend_from_slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), PackError> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), PackError> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), PackError> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), PackError> {
        self.out.push(U64);
        self.out.extend_from_slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_f32(self, _: f32) -> Result<(), PackError> {
        Err(unsupported("a float"))
    }
    fn serialize_f64(self, _: f64) -> Result<(), PackError> {
        Err(unsupported("a float"))
    }
    fn serialize_char(self, v: char) -> Result<(), PackError> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), PackError> {
        self.out.push(STR);
        self.str(v)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), PackError> {
        Err(unsupported("bytes"))
    }
    fn serialize_none(self) -> Result<(), PackError> {
        self.out.push(NONE);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), PackError> {
        self.out.push(SOME);
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), PackError> {
        self.out.push(UNIT);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), PackError> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        index: u32,
        variant: &'static str,
    ) -> Result<(), PackError> {
        self.variant(UNIT_VARIANT, index, variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), PackError> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        index: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<(), PackError> {
        self.variant(NEWTYPE_VARIANT, index, variant)?;
        v.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'p, 'a>, PackError> {
        Ok(Compound::open(self, SEQ))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'p, 'a>, PackError> {
        Ok(Compound::open(self, SEQ))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Compound<'p, 'a>, PackError> {
        Ok(Compound::open(self, SEQ))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        index: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'p, 'a>, PackError> {
        self.variant(TUPLE_VARIANT, index, variant)?;
        Ok(Compound::open(self, SEQ))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'p, 'a>, PackError> {
        Ok(Compound::open(self, MAP))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'p, 'a>, PackError> {
        Ok(Compound::open(self, STRUCT))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        index: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'p, 'a>, PackError> {
        self.variant(STRUCT_VARIANT, index, variant)?;
        Ok(Compound::open(self, STRUCT))
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = PackError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), PackError> {
        self.element(v)
    }
    fn end(self) -> Result<(), PackError> {
        self.close()
    }
}

impl ser::SerializeTuple for Compound<'_, '_> {
    type Ok = ();
    type Error = PackError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), PackError> {
        self.element(v)
    }
    fn end(self) -> Result<(), PackError> {
        self.close()
    }
}

impl ser::SerializeTupleStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = PackError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), PackError> {
        self.element(v)
    }
    fn end(self) -> Result<(), PackError> {
        self.close()
    }
}

impl ser::SerializeTupleVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = PackError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), PackError> {
        self.element(v)
    }
    fn end(self) -> Result<(), PackError> {
        self.close()
    }
}

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = PackError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), PackError> {
        // A key and its value count once.
        self.n += 1;
        k.serialize(&mut *self.p)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), PackError> {
        v.serialize(&mut *self.p)
    }
    fn end(self) -> Result<(), PackError> {
        self.close()
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = PackError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), PackError> {
        self.field(key, v)
    }
    fn end(self) -> Result<(), PackError> {
        self.close()
    }
}

impl ser::SerializeStructVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = PackError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), PackError> {
        self.field(key, v)
    }
    fn end(self) -> Result<(), PackError> {
        self.close()
    }
}

// ------------------------------------------------------------------------------------
// Reading

/// Unpacks one value from the start of `bytes`; gives it and the bytes after it.
pub fn unpack<'de, T: de::Deserialize<'de>>(bytes: &'de [u8]) -> Result<(T, &'de [u8]), PackError> {
    let mut u = Unpacker { b: bytes, at: 0 };
    let v = T::deserialize(&mut u)?;
    Ok((v, bytes.get(u.at..).unwrap_or_default()))
}

struct Unpacker<'de> {
    b: &'de [u8],
    at: usize,
}

impl<'de> Unpacker<'de> {
    fn byte(&mut self) -> Result<u8, PackError> {
        let v = *self.b.get(self.at).ok_or_else(damaged)?;
        self.at += 1;
        Ok(v)
    }
    fn take(&mut self, n: usize) -> Result<&'de [u8], PackError> {
        let end = self.at.checked_add(n).ok_or_else(damaged)?;
        let s = self.b.get(self.at..end).ok_or_else(damaged)?;
        self.at = end;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, PackError> {
        let s = self.take(4)?;
        let a: [u8; 4] = s.try_into().map_err(|_| damaged())?;
        Ok(u32::from_le_bytes(a))
    }
    fn u64(&mut self) -> Result<[u8; 8], PackError> {
        self.take(8)?.try_into().map_err(|_| damaged())
    }
    fn count(&mut self) -> Result<usize, PackError> {
        Ok(self.u32()? as usize)
    }
    fn str(&mut self) -> Result<&'de str, PackError> {
        let n = self.count()?;
        std::str::from_utf8(self.take(n)?).map_err(|_| damaged())
    }
    fn peek(&self) -> Result<u8, PackError> {
        self.b.get(self.at).copied().ok_or_else(damaged)
    }
    fn expect(&mut self, tag: u8) -> Result<(), PackError> {
        if self.byte()? == tag {
            Ok(())
        } else {
            Err(damaged())
        }
    }
    /// Passes over one value (to find where the next begins). `depth` bounds the recursion
    /// on a damaged form.
    fn skip(&mut self, depth: u32) -> Result<(), PackError> {
        let depth = depth.checked_sub(1).ok_or_else(damaged)?;
        match self.byte()? {
            NONE | FALSE | TRUE | UNIT => Ok(()),
            SOME => self.skip(depth),
            U64 | I64 => self.take(8).map(|_| ()),
            STR => self.str().map(|_| ()),
            SEQ => {
                for _ in 0..self.count()? {
                    self.skip(depth)?;
                }
                Ok(())
            }
            MAP => {
                for _ in 0..self.count()? {
                    self.skip(depth)?;
                    self.skip(depth)?;
                }
                Ok(())
            }
            STRUCT => self.skip_struct_body(depth),
            UNIT_VARIANT => self.u32().and_then(|_| self.str()).map(|_| ()),
            NEWTYPE_VARIANT => {
                self.u32()?;
                self.str()?;
                self.skip(depth)
            }
            STRUCT_VARIANT => {
                self.u32()?;
                self.str()?;
                self.expect(STRUCT)?;
                self.skip_struct_body(depth)
            }
            TUPLE_VARIANT => {
                self.u32()?;
                self.str()?;
                self.skip(depth)
            }
            _ => Err(damaged()),
        }
    }
    fn skip_struct_body(&mut self, depth: u32) -> Result<(), PackError> {
        for _ in 0..self.count()? {
            self.str()?;
            self.skip(depth)?;
        }
        Ok(())
    }
    /// A struct's body (after its tag) read in the order of `fields`: where each field's
    /// value starts, or none where the writer skipped it.
    fn struct_fields<V: Visitor<'de>>(
        &mut self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, PackError> {
        let (at, end) = self.field_starts(fields)?;
        let value = visitor.visit_seq(Fields {
            b: self.b,
            at: at.into_iter(),
        })?;
        self.at = end;
        Ok(value)
    }
    /// The part of [`Unpacker::struct_fields`] that does not depend on the type read: one
    /// copy of it, not one per struct.
    #[inline(never)]
    fn field_starts(
        &mut self,
        fields: &'static [&'static str],
    ) -> Result<(Vec<Option<usize>>, usize), PackError> {
        let n = self.count()?;
        let mut at: Vec<Option<usize>> = vec![None; fields.len()];
        for _ in 0..n {
            let key = self.str()?;
            let start = self.at;
            self.skip(MAX_DEPTH)?;
            // A field the reading type does not know is left unread: the form is made
            // from the same types.
            if let Some(slot) = fields
                .iter()
                .position(|f| *f == key)
                .and_then(|i| at.get_mut(i))
            {
                *slot = Some(start);
            }
        }
        Ok((at, self.at))
    }
}

/// How deep packed values may nest (a policy nests a handful of levels).
const MAX_DEPTH: u32 = 32;

struct Fields<'de> {
    b: &'de [u8],
    at: std::vec::IntoIter<Option<usize>>,
}

impl<'de> de::SeqAccess<'de> for Fields<'de> {
    type Error = PackError;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, PackError> {
        match self.at.next() {
            // Absent (or past the reading type's fields): the field's default.
            None | Some(None) => Ok(None),
            Some(Some(at)) => seed.deserialize(&mut Unpacker { b: self.b, at }).map(Some),
        }
    }
}

struct Elements<'a, 'de> {
    u: &'a mut Unpacker<'de>,
    left: usize,
}

impl<'de> de::SeqAccess<'de> for Elements<'_, 'de> {
    type Error = PackError;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, PackError> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.u).map(Some)
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.left.min(1024))
    }
}

impl<'de> de::MapAccess<'de> for Elements<'_, 'de> {
    type Error = PackError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, PackError> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.u).map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, PackError> {
        seed.deserialize(&mut *self.u)
    }
}

/// A struct's fields as a map, with their names as keys (for a hand-written reader that
/// asks for any shape: `Text`).
struct Named<'a, 'de> {
    u: &'a mut Unpacker<'de>,
    left: usize,
}

impl<'de> de::MapAccess<'de> for Named<'_, 'de> {
    type Error = PackError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, PackError> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        let key = self.u.str()?;
        seed.deserialize(de::value::BorrowedStrDeserializer::new(key))
            .map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, PackError> {
        seed.deserialize(&mut *self.u)
    }
}

/// A variant: its name, then what it holds.
struct Variant<'a, 'de> {
    u: &'a mut Unpacker<'de>,
    name: &'de str,
    tag: u8,
}

impl<'a, 'de> de::EnumAccess<'de> for Variant<'a, 'de> {
    type Error = PackError;
    type Variant = Self;
    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), PackError> {
        let v = seed.deserialize(de::value::BorrowedStrDeserializer::<PackError>::new(
            self.name,
        ))?;
        Ok((v, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_, 'de> {
    type Error = PackError;
    fn unit_variant(self) -> Result<(), PackError> {
        if self.tag == UNIT_VARIANT {
            Ok(())
        } else {
            Err(damaged())
        }
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, PackError> {
        if self.tag != NEWTYPE_VARIANT {
            return Err(damaged());
        }
        seed.deserialize(&mut *self.u)
    }
    fn tuple_variant<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, PackError> {
        if self.tag != TUPLE_VARIANT {
            return Err(damaged());
        }
        de::Deserializer::deserialize_seq(&mut *self.u, visitor)
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, PackError> {
        if self.tag != STRUCT_VARIANT {
            return Err(damaged());
        }
        self.u.expect(STRUCT)?;
        self.u.struct_fields(fields, visitor)
    }
}

macro_rules! forward_to_any {
    ($($method:ident),*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PackError> {
            self.deserialize_any(visitor)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for &mut Unpacker<'de> {
    type Error = PackError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PackError> {
        match self.byte()? {
            NONE => visitor.visit_none(),
            SOME => visitor.visit_some(self),
            UNIT => visitor.visit_unit(),
            FALSE => visitor.visit_bool(false),
            TRUE => visitor.visit_bool(true),
            U64 => visitor.visit_u64(u64::from_le_bytes(self.u64()?)),
            I64 => visitor.visit_i64(i64::from_le_bytes(self.u64()?)),
            STR => visitor.visit_borrowed_str(self.str()?),
            SEQ => {
                let left = self.count()?;
                visitor.visit_seq(Elements { u: self, left })
            }
            MAP => {
                let left = self.count()?;
                visitor.visit_map(Elements { u: self, left })
            }
            STRUCT => {
                let left = self.count()?;
                visitor.visit_map(Named { u: self, left })
            }
            tag @ (UNIT_VARIANT | NEWTYPE_VARIANT | STRUCT_VARIANT | TUPLE_VARIANT) => {
                self.u32()?;
                let name = self.str()?;
                visitor.visit_enum(Variant { u: self, name, tag })
            }
            _ => Err(damaged()),
        }
    }

    forward_to_any!(
        deserialize_bool,
        deserialize_i8,
        deserialize_i16,
        deserialize_i32,
        deserialize_i64,
        deserialize_u8,
        deserialize_u16,
        deserialize_u32,
        deserialize_u64,
        deserialize_char,
        deserialize_str,
        deserialize_string,
        deserialize_seq,
        deserialize_map,
        deserialize_identifier
    );

    fn deserialize_f32<V: Visitor<'de>>(self, _: V) -> Result<V::Value, PackError> {
        Err(damaged())
    }
    fn deserialize_f64<V: Visitor<'de>>(self, _: V) -> Result<V::Value, PackError> {
        Err(damaged())
    }
    fn deserialize_bytes<V: Visitor<'de>>(self, _: V) -> Result<V::Value, PackError> {
        Err(damaged())
    }
    fn deserialize_byte_buf<V: Visitor<'de>>(self, _: V) -> Result<V::Value, PackError> {
        Err(damaged())
    }
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PackError> {
        match self.peek()? {
            NONE => {
                self.at += 1;
                visitor.visit_none()
            }
            SOME => {
                self.at += 1;
                visitor.visit_some(self)
            }
            // A hand-written `Serialize` may write `Some(v)` as `v` (dates: `iso::option`).
            _ => visitor.visit_some(self),
        }
    }
    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PackError> {
        self.expect(UNIT)?;
        visitor.visit_unit()
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, PackError> {
        self.deserialize_unit(visitor)
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, PackError> {
        visitor.visit_newtype_struct(self)
    }
    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, PackError> {
        self.deserialize_any(visitor)
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, PackError> {
        self.deserialize_any(visitor)
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, PackError> {
        self.expect(STRUCT)?;
        self.struct_fields(fields, visitor)
    }
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, PackError> {
        let tag = self.byte()?;
        let name = match tag {
            UNIT_VARIANT | NEWTYPE_VARIANT | STRUCT_VARIANT | TUPLE_VARIANT => {
                self.u32()?;
                self.str()?
            }
            // A unit variant written as its name (a hand-written `Serialize`).
            STR => {
                let name = self.str()?;
                return visitor.visit_enum(Variant {
                    u: self,
                    name,
                    tag: UNIT_VARIANT,
                });
            }
            _ => return Err(damaged()),
        };
        visitor.visit_enum(Variant { u: self, name, tag })
    }
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PackError> {
        self.skip(MAX_DEPTH)?;
        visitor.visit_unit()
    }
}

// ------------------------------------------------------------------------------------
// Text form

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Bytes as base64 (RFC 4648, with padding): the packed form as text, which JavaScript
/// passes to WebAssembly as cheaply as any string.
pub fn to_base64(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let n = (b(0) << 16) | (b(1) << 8) | b(2);
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                let c = ALPHABET.get(((n >> shift) & 63) as usize).copied();
                s.push(char::from(c.unwrap_or(b'=')));
            } else {
                s.push('=');
            }
        }
    }
    s
}

/// The bytes of a base64 text ([`to_base64`]); none when it is not base64.
pub fn from_base64(text: &str) -> Option<Vec<u8>> {
    let t = text.as_bytes();
    if t.len() % 4 != 0 {
        return None;
    }
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(u32::from(c - b'A')),
        b'a'..=b'z' => Some(u32::from(c - b'a') + 26),
        b'0'..=b'9' => Some(u32::from(c - b'0') + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(t.len() / 4 * 3);
    let quads = t.chunks_exact(4);
    let last = quads.len().saturating_sub(1);
    for (qi, q) in quads.enumerate() {
        let pad = if qi == last {
            q.iter().rev().take_while(|&&c| c == b'=').count()
        } else {
            0
        };
        if pad > 2 {
            return None;
        }
        let mut n = 0u32;
        for (i, &c) in q.iter().enumerate() {
            let v = if i >= 4 - pad { 0 } else { value(c)? };
            n = (n << 6) | v;
        }
        let [_, a, b, c] = n.to_be_bytes();
        out.push(a);
        if pad < 2 {
            out.push(b);
        }
        if pad < 1 {
            out.push(c);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    #[cfg(feature = "builtin-policies")]
    fn the_summary_is_read_from_the_start_of_the_text_alone() {
        for (file, text) in crate::policy::BUILTIN {
            let p = crate::policy::parse_policy(file, text).unwrap();
            let packed = pack_policy(file, &p).unwrap();
            let (whole, _) = unpack_summary(file, &packed).unwrap();
            assert_eq!(unpack_summary_of_text(file, &packed).unwrap(), whole);
            // From four characters on, doubling until the summary reads.
            assert_eq!(summary_of_prefixes(file, &packed, 4).unwrap(), whole);
            // A summary cut short is damaged, not a smaller summary.
            let cut = packed.get(..packed.len().min(40)).unwrap();
            assert!(summary_of_prefixes(file, cut, 4).is_err());
            assert_eq!(unpack_policy_text(file, &packed).unwrap(), p);
        }
    }

    #[test]
    fn base64_round_trips() {
        for n in 0..10 {
            let bytes: Vec<u8> = (0..n).map(|i| (i * 97 + 13) as u8).collect();
            let text = to_base64(&bytes);
            assert_eq!(from_base64(&text).unwrap(), bytes, "{text}");
        }
        assert_eq!(to_base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(to_base64(b"fo"), "Zm8=");
        assert_eq!(from_base64("Zm8="), Some(b"fo".to_vec()));
        assert_eq!(from_base64("Zm8"), None);
        assert_eq!(from_base64("Z=8="), None);
    }

    #[test]
    fn a_damaged_form_is_an_error_never_a_panic() {
        let mut out = Vec::new();
        pack_into(&vec![Some("长治".to_string()), None], &mut out).unwrap();
        let (back, rest): (Vec<Option<String>>, _) = unpack(&out).unwrap();
        assert_eq!(back, vec![Some("长治".to_string()), None]);
        assert!(rest.is_empty());
        for cut in 0..out.len() {
            assert!(unpack::<Vec<Option<String>>>(out.get(..cut).unwrap()).is_err());
        }
        let mut bad = out.clone();
        if let Some(b) = bad.get_mut(5) {
            *b = 200;
        }
        assert!(unpack::<Vec<Option<String>>>(&bad).is_err());
    }
}
