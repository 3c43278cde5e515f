//! The CLI's own sentences (usage errors, file errors of `batch`, notices on stderr), in
//! Chinese and in English.
//!
//! # Design
//! The core's catalogue ([`yibao::message::Message`]) holds every sentence of the library;
//! what only the command line says lives here, written the same way: both texts side by
//! side where the sentence is made ([`words!`]), rendered at the edge with the `--lang`
//! of the command line ([`Words::get`]). Nothing the CLI prints to a person is written in
//! one language only.

use yibao::Lang;

/// A sentence in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    /// 中文.
    pub zh: String,
    /// English.
    pub en: String,
}

impl Words {
    /// The sentence in `lang`, with anything that looks like an ID number masked: the
    /// command line and the input files may hold one.
    pub fn get(&self, lang: Lang) -> String {
        yibao::id::redact(match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        })
    }

    /// A core error as words: its message in both languages.
    pub fn of_error(e: &yibao::Error) -> Words {
        Words {
            zh: e.text(Lang::Zh),
            en: e.text(Lang::En),
        }
    }
}

/// `words!("中文 {x}", "English {x}")`: a [`Words`], each text formatted like `format!`
/// (arguments named inline or given after the two texts).
macro_rules! words {
    ($zh:literal, $en:literal $(, $($arg:tt)*)?) => {
        $crate::words::Words {
            zh: format!($zh $(, $($arg)*)?),
            en: format!($en $(, $($arg)*)?),
        }
    };
}
pub(crate) use words;

/// `zh` or `en` by language, for fixed texts.
pub fn pick(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_texts_are_formatted_and_masked() {
        let n = 3;
        let id = "11010519491231002X";
        let w = words!("第{n}行：{id}", "line {n}: {id}");
        assert_eq!(w.get(Lang::Zh), "第3行：110105********002X");
        assert_eq!(w.get(Lang::En), "line 3: 110105********002X");
        assert_eq!(pick(Lang::En, "是", "yes"), "yes");
    }
}
