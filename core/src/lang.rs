//! The languages of answers, and the policy files' texts in them.
//!
//! # Design
//! Chinese first: the residents, clerks and analysts the library serves read Chinese, so
//! [`Lang::Zh`] is the default of every request and every binding; English is for
//! developers. The language is part of each request (no global locale: [`crate::Engine`]
//! is `Send + Sync` and serves requests in both languages at once).
//!
//! A policy file's own words ([`Text`]) are Chinese, with an optional English version:
//! `assume = "……"` or `assume = { zh = "……", en = "…" }`. An English answer shows the
//! English version where the file gives one and the Chinese text otherwise (a notice's
//! words are never made up).

use crate::shared::SharedStr;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The language of an answer's texts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// 中文 (the default).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Every language, for tests and documentation.
    pub const ALL: &'static [Lang] = &[Lang::Zh, Lang::En];

    /// `zh` or `en`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// Reads `zh` or `en` (the C and CLI spelling).
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The number the C ABI uses: 0 Chinese, 1 English.
    pub fn from_number(n: u32) -> Option<Lang> {
        match n {
            0 => Some(Lang::Zh),
            1 => Some(Lang::En),
            _ => None,
        }
    }
}

/// A text of a policy file: Chinese, with an optional English version.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    /// The Chinese text (required; the notice's own words where it has them).
    pub zh: SharedStr,
    /// The English text, if the file gives one.
    pub en: Option<SharedStr>,
}

impl Text {
    /// A Chinese-only text.
    pub fn zh(s: impl Into<SharedStr>) -> Text {
        Text {
            zh: s.into(),
            en: None,
        }
    }

    /// The text in `lang`: English where given, the Chinese text otherwise.
    pub fn get(&self, lang: Lang) -> &str {
        self.shared(lang)
    }

    /// [`Text::get`], as the shared text an answer holds (no copy).
    pub fn shared(&self, lang: Lang) -> &SharedStr {
        match (lang, &self.en) {
            (Lang::En, Some(en)) => en,
            _ => &self.zh,
        }
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::zh(s)
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::zh(s)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.zh)
    }
}

impl Serialize for Text {
    /// Always `{"zh": …, "en": …}` (`en` null when not given), so that a reader of the
    /// JSON has one shape to handle.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Text", 2)?;
        st.serialize_field("zh", &self.zh)?;
        st.serialize_field("en", &self.en)?;
        st.end()
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a Chinese text, or a table { zh = \"…\", en = \"…\" }")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::zh(v))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text::zh(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let mut zh: Option<SharedStr> = None;
                let mut en: Option<SharedStr> = None;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "zh" if zh.is_none() => zh = Some(map.next_value()?),
                        "en" if en.is_none() => en = map.next_value()?,
                        "zh" | "en" => return Err(de::Error::duplicate_field("zh/en")),
                        other => return Err(de::Error::unknown_field(other, &["zh", "en"])),
                    }
                }
                let zh = zh.ok_or_else(|| de::Error::missing_field("zh"))?;
                Ok(Text { zh, en })
            }
        }
        d.deserialize_any(V)
    }
}

/// True for a character of Chinese script (CJK ideographs and their extensions).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// The first run of three or more Latin words in a row (an English phrase), if any.
///
/// A word is two or more ASCII letters (an apostrophe or hyphen inside allowed); a token
/// with a digit or an underscore is an id or a code, not a word, and breaks the run, as
/// does any character other than spaces and `,;:`. This is the rule the tests apply to
/// every Chinese answer and the validation applies to every Chinese text of a policy file.
///
/// ```
/// use yibao::lang::english_phrase;
/// assert_eq!(english_phrase("按民法典第二百零一条计算"), None);
/// assert_eq!(english_phrase("类别 minimum_living 无资助"), None);
/// assert_eq!(english_phrase("YYYY-MM-DD 格式"), None);
/// assert_eq!(english_phrase("缴费 paid outside the window"), Some("paid outside the window"));
/// ```
pub fn english_phrase(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let mut run_start: Option<usize> = None;
    let mut run_end;
    let mut words = 0usize;
    let mut i = 0usize;
    while i < bytes.len() {
        let b = bytes.get(i).copied().unwrap_or(0);
        if b.is_ascii_alphanumeric() || b == b'_' {
            let start = i;
            while i < bytes.len()
                && bytes.get(i).is_some_and(|b| {
                    b.is_ascii_alphanumeric() || *b == b'_' || *b == b'\'' || *b == b'-'
                })
            {
                i += 1;
            }
            let token = text.get(start..i).unwrap_or("");
            let token = token.trim_end_matches(['\'', '-']);
            let is_word = token.len() >= 2
                && token
                    .bytes()
                    .all(|b| b.is_ascii_alphabetic() || b == b'\'' || b == b'-');
            if is_word {
                if run_start.is_none() {
                    run_start = Some(start);
                    words = 0;
                }
                words += 1;
                run_end = start + token.len();
                if words >= 3 {
                    // Extend to the end of the run for the report.
                    let mut j = i;
                    loop {
                        let rest = text.get(j..).unwrap_or("");
                        let skip = rest.len() - rest.trim_start_matches([' ', ',', ';', ':']).len();
                        let after = rest.get(skip..).unwrap_or("");
                        let len = after
                            .bytes()
                            .take_while(|b| b.is_ascii_alphabetic() || *b == b'\'' || *b == b'-')
                            .count();
                        if skip == 0 || len < 2 {
                            break;
                        }
                        j += skip + len;
                        run_end = j;
                    }
                    return run_start.and_then(|s| text.get(s..run_end));
                }
            } else {
                run_start = None;
                words = 0;
            }
        } else if matches!(b, b' ' | b',' | b';' | b':') {
            i += 1;
        } else {
            run_start = None;
            words = 0;
            i += 1;
        }
    }
    None
}

/// The first Chinese sentence in `text` outside quoted words (“…”, 「…」, 《…》, （…）,
/// 〔…〕), if any: a run of 10 or more Chinese characters and Chinese punctuation. Names
/// (医保经办机构) and quoted notice words are shorter or quoted. The tests apply it to the
/// English answers' messages.
///
/// ```
/// use yibao::lang::chinese_sentence;
/// assert_eq!(chinese_sentence("ask the 医保经办机构"), None);
/// assert_eq!(chinese_sentence("“自出生之日起享受当年医保待遇” is read so"), None);
/// assert!(chinese_sentence("缴费期外缴费的须同时缴纳财政补助部分").is_some());
/// ```
pub fn chinese_sentence(text: &str) -> Option<String> {
    let mut depth = 0usize;
    let mut run = String::new();
    let mut count = 0usize;
    for c in text.chars() {
        match c {
            '“' | '「' | '《' | '（' | '〔' | '【' => {
                depth += 1;
                run.clear();
                count = 0;
                continue;
            }
            '”' | '」' | '》' | '）' | '〕' | '】' => {
                depth = depth.saturating_sub(1);
                continue;
            }
            _ => {}
        }
        if depth > 0 {
            continue;
        }
        if is_han(c) || "，。；：、！？".contains(c) {
            run.push(c);
            count += 1;
            if count >= 10 {
                return Some(run);
            }
        } else {
            run.clear();
            count = 0;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn text_reads_both_forms_and_refuses_other_keys() {
        let t: Text = serde_json::from_str(r#""缴费""#).unwrap();
        assert_eq!(t.get(Lang::En), "缴费");
        let t: Text = serde_json::from_str(r#"{"zh": "缴费", "en": "payment"}"#).unwrap();
        assert_eq!(t.get(Lang::Zh), "缴费");
        assert_eq!(t.get(Lang::En), "payment");
        assert!(serde_json::from_str::<Text>(r#"{"en": "payment"}"#).is_err());
        assert!(serde_json::from_str::<Text>(r#"{"zh": "a", "fr": "b"}"#).is_err());
    }

    #[test]
    fn phrases_and_sentences() {
        assert_eq!(english_phrase("no cover"), None);
        assert_eq!(
            english_phrase("（民法典 第二百零一条）the day after payment"),
            Some("the day after payment")
        );
        assert_eq!(english_phrase("a, b, c"), None);
        assert_eq!(english_phrase("one, two, three"), Some("one, two, three"));
        assert_eq!(english_phrase("tiers.late payment_days 1-25"), None);
        assert!(chinese_sentence("the wait of 3个月 ends").is_none());
    }
}
