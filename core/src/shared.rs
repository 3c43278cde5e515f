//! A policy's texts as every answer shares them: counted references instead of copies,
//! escaped for JSON once.
//!
//! # Design
//! An answer repeats a policy's citations and assumptions (the notice's own words, often
//! a hundred Chinese characters each). Copying them into every answer and escaping them
//! for JSON every time was most of a JSON quote's cost (issue #10: serde_json's escaping
//! alone was a third of it). A [`SharedStr`] is one allocation per text of a loaded
//! policy: an answer holds a reference to it (`Arc`), and the JSON of the text is written
//! once, the first time an answer shows it, and then copied as it is.
//!
//! The pre-escaped form is used only while [`crate::json`] writes an answer (the flag of
//! [`raw_json`]), so a `Quote` given to any other serde serializer (or to `serde_json` by a
//! caller) is serialized as a plain string, as before.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use std::borrow::Borrow;
use std::cell::Cell;
use std::fmt;
use std::ops::Deref;
use std::sync::{Arc, OnceLock};

/// An immutable text shared by a policy and the answers that show it.
///
/// Reads as a `&str` (`Deref`), compares and hashes as its text, and (de)serializes as a
/// JSON string.
///
/// ```
/// let t = yibao::SharedStr::from("二、缴费标准");
/// assert_eq!(t, "二、缴费标准");
/// assert_eq!(t.len(), 18);
/// assert_eq!(serde_json::to_string(&t).unwrap(), r#""二、缴费标准""#);
/// ```
#[derive(Clone)]
pub struct SharedStr(Repr);

#[derive(Clone)]
enum Repr {
    /// A text of the library's own (a rule's fixed name, `standard`): no allocation, and its
    /// JSON is written when shown (these are short ASCII names).
    Static(&'static str),
    /// A text of a loaded policy, or one rendered once and kept.
    Shared(Arc<Inner>),
}

struct Inner {
    text: Box<str>,
    /// The text as a JSON string (quotes and escapes included), made on first use, with
    /// its [`serial`].
    json: OnceLock<Option<(u64, Box<RawValue>)>>,
}

/// A number for a kept piece of JSON, never given twice in a process (a wasm module's
/// instance): the npm package keeps the JavaScript string of a piece by it, so a piece
/// is decoded once, not in every answer (`crate::json::handle_pieces`).
fn serial() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl SharedStr {
    /// A text of the library's own, with no allocation (a rule's fixed name).
    ///
    /// ```
    /// const STANDARD: yibao::SharedStr = yibao::SharedStr::from_static("standard");
    /// assert_eq!(STANDARD, yibao::SharedStr::from("standard"));
    /// ```
    pub const fn from_static(text: &'static str) -> SharedStr {
        SharedStr(Repr::Static(text))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Static(text) => text,
            Repr::Shared(inner) => &inner.text,
        }
    }

    /// The text as a JSON string literal, escaped once and kept (`None` for a static text,
    /// which is written when shown).
    pub(crate) fn json(&self) -> Option<&RawValue> {
        self.kept_json().map(|(_, raw)| raw)
    }

    /// [`SharedStr::json`] with its serial.
    pub(crate) fn kept_json(&self) -> Option<(u64, &RawValue)> {
        let Repr::Shared(inner) = &self.0 else {
            return None;
        };
        inner
            .json
            .get_or_init(|| {
                serde_json::to_string(&*inner.text)
                    .ok()
                    .and_then(|s| RawValue::from_string(s).ok())
                    .map(|raw| (serial(), raw))
            })
            .as_ref()
            .map(|(n, raw)| (*n, &**raw))
    }
}

/// A piece of an answer's JSON made from a policy's texts the first time an answer shows
/// it, and kept (a citation's `document`, `clause` and `text`: one copy instead of six).
///
/// It is kept with a key, the identity of what else it was made from (the document a
/// citation falls back to), and given only for that key. A copy starts empty, so a
/// changed copy of a policy never shows what its original kept.
#[derive(Default)]
pub struct KeptJson(OnceLock<(usize, u64, Arc<str>)>);

impl KeptJson {
    /// The piece for `key` and its serial, made by `make` on first use; `None` when it
    /// was kept for another key (the caller writes the piece itself).
    pub(crate) fn get(
        &self,
        key: usize,
        make: impl FnOnce() -> String,
    ) -> Option<(u64, &Arc<str>)> {
        let (kept, n, text) = self.0.get_or_init(|| (key, serial(), make().into()));
        (*kept == key).then_some((*n, text))
    }
}

impl Clone for KeptJson {
    fn clone(&self) -> KeptJson {
        KeptJson::default()
    }
}

impl fmt::Debug for KeptJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("KeptJson")
    }
}

/// The identity of a text, for [`KeptJson`]'s key: where its characters are.
pub(crate) fn identity(s: &SharedStr) -> usize {
    s.as_str().as_ptr() as usize
}

thread_local! {
    /// Set while [`raw_json`] runs on this thread.
    static RAW: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`, a `serde_json` serialization, with shared texts written from their kept JSON.
/// Only `serde_json` knows a `RawValue`, so `f` must serialize with nothing else; any
/// serialization outside this function gets plain strings.
pub(crate) fn raw_json<R>(f: impl FnOnce() -> R) -> R {
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            RAW.with(|r| r.set(self.0));
        }
    }
    let _reset = Reset(RAW.with(|r| r.replace(true)));
    f()
}

impl Serialize for SharedStr {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if RAW.with(Cell::get) {
            if let Some(raw) = self.json() {
                return raw.serialize(s);
            }
        }
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for SharedStr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(SharedStr::from)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for SharedStr {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        String::schema_name()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(g)
    }
    fn inline_schema() -> bool {
        true
    }
}

impl From<&str> for SharedStr {
    fn from(s: &str) -> SharedStr {
        SharedStr::from(Box::<str>::from(s))
    }
}

impl From<String> for SharedStr {
    fn from(s: String) -> SharedStr {
        SharedStr::from(s.into_boxed_str())
    }
}

impl From<Box<str>> for SharedStr {
    fn from(text: Box<str>) -> SharedStr {
        SharedStr(Repr::Shared(Arc::new(Inner {
            text,
            json: OnceLock::new(),
        })))
    }
}

impl From<SharedStr> for String {
    fn from(s: SharedStr) -> String {
        s.as_str().to_string()
    }
}

impl Default for SharedStr {
    fn default() -> SharedStr {
        SharedStr::from("")
    }
}

impl Deref for SharedStr {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for SharedStr {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for SharedStr {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for SharedStr {
    fn eq(&self, other: &SharedStr) -> bool {
        match (&self.0, &other.0) {
            (Repr::Shared(a), Repr::Shared(b)) if Arc::ptr_eq(a, b) => true,
            _ => self.as_str() == other.as_str(),
        }
    }
}

impl Eq for SharedStr {}

impl PartialOrd for SharedStr {
    fn partial_cmp(&self, other: &SharedStr) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SharedStr {
    fn cmp(&self, other: &SharedStr) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for SharedStr {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.as_str().hash(h)
    }
}

impl PartialEq<str> for SharedStr {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SharedStr {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for SharedStr {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<SharedStr> for str {
    fn eq(&self, other: &SharedStr) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<SharedStr> for &str {
    fn eq(&self, other: &SharedStr) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<SharedStr> for String {
    fn eq(&self, other: &SharedStr) -> bool {
        self.as_str() == other.as_str()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_kept_piece_is_given_for_its_own_key_only_and_never_copied() {
        let kept = KeptJson::default();
        let text = |k: &KeptJson, key, s: &str| {
            let s = s.to_string();
            k.get(key, || s).map(|(n, t)| (n, t.to_string()))
        };
        let (n, first) = text(&kept, 7, "甲").unwrap();
        assert_eq!(first, "甲");
        // Made once: a second maker is not run, and another key gets nothing.
        assert_eq!(text(&kept, 7, "丙"), Some((n, "甲".to_string())));
        assert_eq!(text(&kept, 8, "乙"), None);
        // A copy (of a policy changed afterwards, say) starts empty, with a serial of
        // its own.
        let copy = kept.clone();
        let (m, second) = text(&copy, 8, "乙").unwrap();
        assert_eq!(second, "乙");
        assert_ne!(m, n);
        let (a, b) = (SharedStr::from("甲"), SharedStr::from("甲"));
        assert_ne!(a.kept_json().unwrap().0, b.kept_json().unwrap().0);
        assert_eq!(a.kept_json().unwrap().0, a.clone().kept_json().unwrap().0);
        let a = SharedStr::from("通知");
        assert_eq!(identity(&a), identity(&a.clone()));
        assert_ne!(identity(&a), identity(&SharedStr::from("通知")));
    }

    #[test]
    fn the_kept_json_is_the_escaped_text_and_only_raw_json_writes_it() {
        let t = SharedStr::from("“引号”\"与\\反斜杠\n和\u{1}控制符");
        let plain = serde_json::to_string(&t).unwrap();
        assert_eq!(plain, r#""“引号”\"与\\反斜杠\n和\u0001控制符""#);
        // The same text, twice from the kept form, then plain again after the call.
        let raw = raw_json(|| serde_json::to_string(&(&t, &t)).unwrap());
        assert_eq!(raw, format!("[{plain},{plain}]"));
        assert!(!RAW.with(Cell::get));
        assert_eq!(serde_json::from_str::<SharedStr>(&plain).unwrap(), t);
        // Any other serializer sees a string: toml's, for one.
        let in_toml = toml::Value::try_from(&t).unwrap();
        assert_eq!(in_toml.as_str(), Some(t.as_str()));
    }

    #[test]
    fn a_shared_text_reads_and_compares_as_its_text() {
        let a = SharedStr::from("低保对象");
        let b = SharedStr::from(String::from("低保对象"));
        assert_eq!(a, b);
        assert_eq!(a, "低保对象");
        assert_eq!("低保对象", a);
        assert!(a.starts_with("低保"));
        assert_eq!(format!("{a}|{a:?}"), "低保对象|\"低保对象\"");
        assert_eq!(SharedStr::default(), "");
    }
}
