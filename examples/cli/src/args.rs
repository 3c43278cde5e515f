//! The command line, parsed by hand.
//!
//! # Design
//! The grammar is small (one operation, a dozen flags), so a hand-rolled parser keeps the
//! binary free of a dependency tree. Flags may come before or after the operation and take
//! their value as `--flag VALUE` or `--flag=VALUE`. Everything that is wrong with the
//! command line itself is a [`UsageError`] (exit 2); whatever is wrong with the *content*
//! of a value (a malformed date, an unknown category) is left to the core, which reports it
//! with the contract's error codes like any JSON request.

use crate::words::{words, Words};
use std::ffi::OsString;
use std::fmt;
use std::path::PathBuf;
use yibao::Lang;

/// Flags that hold for every operation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Global {
    /// `--policy-file PATH`, in the order given (a later file replaces an earlier one
    /// with the same id).
    pub policy_files: Vec<PathBuf>,
    /// `--pretty`: indent JSON output.
    pub pretty: bool,
    /// `--lang zh|en` as given; `None` when not given.
    pub lang: Option<Lang>,
}

impl Global {
    /// The language of everything a person reads: `--lang`, else Chinese.
    pub fn lang(&self) -> Lang {
        self.lang.unwrap_or_default()
    }
}

/// `yibao quote` with human flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteFlags {
    /// `--policy`.
    pub policy: String,
    /// `--category`, split on commas.
    pub categories: Vec<String>,
    /// `--paid-on`; `None`: today.
    pub paid_on: Option<String>,
    /// `--birth-date`.
    pub birth_date: Option<String>,
    /// `--id-number`.
    pub id_number: Option<String>,
    /// `--grade`: the contribution grade chosen, where the policy has grades.
    pub grade: Option<String>,
    /// `--json`: print the answer JSON instead of the summary.
    pub json: bool,
}

/// `yibao window` with human flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WindowFlags {
    /// `--policy`.
    pub policy: String,
    /// `--date`; `None`: today.
    pub date: Option<String>,
    /// `--json`: print the answer JSON instead of the summary.
    pub json: bool,
}

/// A file format of `yibao batch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values with a header line.
    Csv,
    /// JSON Lines: one JSON object per line.
    Jsonl,
}

impl Format {
    /// The format named on the command line.
    fn parse(flag: &str, value: &str) -> Result<Format, UsageError> {
        match value {
            "csv" => Ok(Format::Csv),
            "jsonl" | "ndjson" => Ok(Format::Jsonl),
            other => {
                let other = short(other);
                Err(usage(words!(
                    "{flag} “{other}”：格式为 csv 或 jsonl",
                    "{flag} {other:?}: the formats are csv and jsonl"
                )))
            }
        }
    }

    /// The format a file name suggests: `.jsonl`/`.ndjson` are JSON Lines, anything else
    /// (`.csv`, `.txt`, no extension) is CSV.
    pub fn of_path(path: &std::path::Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson") => {
                Format::Jsonl
            }
            _ => Format::Csv,
        }
    }
}

/// `yibao batch`: a file of residents in, one answer per row out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchFlags {
    /// The input file; `None` (or `-`): stdin.
    pub input: Option<PathBuf>,
    /// `--output PATH` / `-o PATH`; `None` (or `-`): stdout.
    pub output: Option<PathBuf>,
    /// `--input-format`; `None`: from the input's extension, CSV for stdin.
    pub input_format: Option<Format>,
    /// `--output-format`; `None`: from the output's extension, CSV for stdout.
    pub output_format: Option<Format>,
    /// `--policy ID`: the policy of rows without a `policy` value.
    pub policy: Option<String>,
    /// `--household-totals PATH`: one line per household (CSV, or JSONL by extension).
    pub household_totals: Option<PathBuf>,
    /// `--threads N` within [`THREADS`]; `None`: every core.
    pub threads: Option<usize>,
    /// `--chunk-bytes N` within [`CHUNK_BYTES`]: input read per step (memory stays a few
    /// times this).
    pub chunk_bytes: Option<usize>,
    /// `--no-progress`: never draw the progress bar.
    pub no_progress: bool,
}

/// What to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `--help`, `help [op]`, `<op> --help`.
    Help(Option<String>),
    /// `--version`.
    Version,
    /// `<op>` with the request JSON on stdin.
    Json(String),
    /// `quote` with human flags.
    Quote(QuoteFlags),
    /// `window` with human flags.
    Window(WindowFlags),
    /// `batch`: a file of residents.
    Batch(BatchFlags),
    /// `check FILE…`: errors and lints of policy and case files.
    Check(Vec<PathBuf>),
    /// `test [DIR]`: a folder's case files against its policies.
    Test(PathBuf),
    /// `new REGION-YEAR`: skeletons of a policy file and its case file.
    New(String),
    /// `schema`: the JSON Schema of the policy format.
    Schema,
}

/// A parsed command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invocation {
    /// Flags for every operation.
    pub global: Global,
    /// What to do.
    pub command: Command,
}

/// Something wrong with the command line itself (exit 2), said in both languages: the
/// error may be in `--lang` itself, so the language is chosen where it is printed
/// ([`lang_hint`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub Words);

impl UsageError {
    /// The message in `lang`. The command line may hold an ID number (a misplaced
    /// `--id-number` value, say): it is masked before anyone sees the message.
    pub fn text(&self, lang: Lang) -> String {
        self.0.get(lang)
    }
}

impl fmt::Display for UsageError {
    /// The message in the default language (Chinese).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::default()))
    }
}

fn usage(words: Words) -> UsageError {
    UsageError(words)
}

/// Characters of a caller's value shown back in a usage error at most.
const SHOWN_CHARS: usize = 40;

/// The start of a caller's value, as a usage error shows it (masked on display).
fn short(v: &str) -> String {
    let mut shown: String = v.chars().take(SHOWN_CHARS).collect();
    if shown.len() < v.len() {
        shown.push('…');
    }
    shown
}

/// The language a command line asks for, read leniently (for the message of a command
/// line that cannot be parsed): the first valid `--lang zh|en` or `--lang=zh|en`, else
/// Chinese.
pub fn lang_hint(args: &[OsString]) -> Lang {
    let mut args = args.iter().filter_map(|a| a.to_str());
    while let Some(a) = args.next() {
        let value = match a.strip_prefix("--lang") {
            Some("") => args.next(),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        if let Some(lang) = value.and_then(Lang::parse) {
            return lang;
        }
    }
    Lang::default()
}

/// Flags that take a value.
const VALUE_FLAGS: &[&str] = &[
    "--policy-file",
    "--policy",
    "--category",
    "--paid-on",
    "--birth-date",
    "--id-number",
    "--grade",
    "--date",
    "--lang",
    "--input-format",
    "--output-format",
    "--output",
    "-o",
    "--household-totals",
    "--threads",
    "--chunk-bytes",
];

/// Flags that stand alone.
const SWITCHES: &[&str] = &[
    "--pretty",
    "--json",
    "--help",
    "-h",
    "--version",
    "-V",
    "--no-progress",
];

/// The human flags of each operation that has them.
const QUOTE_FLAGS: &[&str] = &[
    "--policy",
    "--category",
    "--paid-on",
    "--birth-date",
    "--id-number",
    "--grade",
];
const WINDOW_FLAGS: &[&str] = &["--policy", "--date"];
/// Flags that only shape a human-flag answer.
const OUTPUT_FLAGS: &[&str] = &["--json"];
/// The flags of `batch` (besides `--policy`, which it shares with `quote` and `window`).
const BATCH_FLAGS: &[&str] = &[
    "--input-format",
    "--output-format",
    "--output",
    "-o",
    "--household-totals",
    "--threads",
    "--chunk-bytes",
    "--no-progress",
];

/// Operations of the CLI that are not part of the JSON contract.
pub const CLI_OPERATIONS: &[&str] = &["batch", "check", "test", "new", "schema"];

/// The authoring kit's operations: positional arguments only, no flags of their own.
const AUTHORING: &[&str] = &["check", "test", "new", "schema"];

/// The raw command line: positionals and flags in order.
#[derive(Default)]
struct Raw {
    positionals: Vec<String>,
    flags: Vec<(&'static str, Option<String>)>,
}

impl Raw {
    fn has(&self, name: &str) -> bool {
        self.flags.iter().any(|(n, _)| *n == name)
    }

    fn values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.flags
            .iter()
            .filter(move |(n, _)| *n == name)
            .filter_map(|(_, v)| v.as_deref())
    }

    /// The value of a flag that may be given once.
    fn single(&self, name: &str) -> Result<Option<String>, UsageError> {
        let mut values = self.values(name);
        let first = values.next().map(str::to_string);
        if values.next().is_some() {
            return Err(usage(words!(
                "{name} 只能给出一次",
                "{name} is given more than once"
            )));
        }
        Ok(first)
    }
}

fn tokenize(args: impl IntoIterator<Item = OsString>) -> Result<Raw, UsageError> {
    let mut raw = Raw::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let arg = arg.into_string().map_err(|a| {
            usage(words!(
                "参数 {a:?} 不是有效的 UTF-8 文本",
                "argument {a:?} is not valid UTF-8"
            ))
        })?;
        if !arg.starts_with('-') || arg == "-" {
            raw.positionals.push(arg);
            continue;
        }
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (arg.as_str(), None),
        };
        if let Some(flag) = SWITCHES.iter().find(|f| **f == name) {
            if inline.is_some() {
                return Err(usage(words!("{name} 不带值", "{name} takes no value")));
            }
            raw.flags.push((flag, None));
        } else if let Some(flag) = VALUE_FLAGS.iter().find(|f| **f == name) {
            let value = match inline {
                Some(v) => v,
                // A following flag is not a value: `--policy --json` forgot the id.
                None => match args.next().map(OsString::into_string) {
                    Some(Ok(v)) if !v.starts_with("--") => v,
                    Some(Err(a)) => {
                        return Err(usage(words!(
                            "{name} 的值 {a:?} 不是有效的 UTF-8 文本",
                            "value {a:?} of {name} is not valid UTF-8"
                        )))
                    }
                    _ => return Err(usage(words!("{name} 须带一个值", "{name} needs a value"))),
                },
            };
            raw.flags.push((flag, Some(value)));
        } else {
            let name = short(name);
            return Err(usage(words!("没有选项 {name}", "unknown flag {name}")));
        }
    }
    Ok(raw)
}

/// Parses the arguments after the program name.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Invocation, UsageError> {
    let raw = tokenize(args)?;
    let lang = match raw.single("--lang")? {
        None => None,
        Some(v) => Some(Lang::parse(&v).ok_or_else(|| {
            let v = short(&v);
            usage(words!(
                "--lang “{v}”：语言为 zh（中文）或 en（英文）",
                "--lang {v:?}: the languages are zh and en"
            ))
        })?),
    };
    let global = Global {
        policy_files: raw.values("--policy-file").map(PathBuf::from).collect(),
        pretty: raw.has("--pretty"),
        lang,
    };
    let mut positionals = raw.positionals.iter();
    let op = positionals.next().cloned();
    let rest: Vec<&String> = positionals.collect();

    let command = if raw.has("--help") || raw.has("-h") || op.as_deref() == Some("help") {
        let topic = match op.as_deref() {
            Some("help") => rest.first().map(|s| s.to_string()),
            other => other.map(str::to_string),
        };
        if let Some(t) = &topic {
            check_op(t)?;
        }
        Command::Help(topic)
    } else if raw.has("--version") || raw.has("-V") {
        Command::Version
    } else {
        let op = op.ok_or_else(|| usage(words!("未给出操作", "no operation given")))?;
        check_op(&op)?;
        if op == "batch" {
            return Ok(Invocation {
                global,
                command: Command::Batch(batch(&raw, &rest)?),
            });
        }
        if AUTHORING.contains(&op.as_str()) {
            return Ok(Invocation {
                global,
                command: authoring(&op, &raw, &rest)?,
            });
        }
        if let Some(bad) = raw.flags.iter().find(|(n, _)| BATCH_FLAGS.contains(n)) {
            let flag = bad.0;
            return Err(usage(words!(
                "{flag} 只用于 batch",
                "{flag} applies to `batch` only"
            )));
        }
        if let Some(extra) = rest.first() {
            let extra = short(extra);
            return Err(usage(words!(
                "多余的参数 “{extra}”：{op} 不带位置参数",
                "unexpected argument {extra:?}: `{op}` takes no positional arguments"
            )));
        }
        operation(&op, &raw)?
    };
    Ok(Invocation { global, command })
}

/// `check FILE…`, `test [DIR]`, `new REGION-YEAR`: only the global flags apply.
fn authoring(op: &str, raw: &Raw, rest: &[&String]) -> Result<Command, UsageError> {
    const GLOBAL: &[&str] = &["--lang", "--policy-file", "--pretty"];
    if let Some((flag, _)) = raw.flags.iter().find(|(n, _)| !GLOBAL.contains(n)) {
        return Err(usage(words!(
            "{flag} 不用于 {op}",
            "{flag} does not apply to `{op}`"
        )));
    }
    match (op, rest) {
        ("check", []) => Err(usage(words!(
            "check 须给出至少一个文件：yibao check 政策.toml",
            "`check` needs at least one file: yibao check POLICY.toml"
        ))),
        ("check", files) => Ok(Command::Check(
            files.iter().map(|f| PathBuf::from(f.as_str())).collect(),
        )),
        ("test", []) => Ok(Command::Test(PathBuf::from("."))),
        ("test", [dir]) => Ok(Command::Test(PathBuf::from(dir.as_str()))),
        ("new", [id]) => Ok(Command::New(id.to_string())),
        ("schema", []) => Ok(Command::Schema),
        ("new", []) => Err(usage(words!(
            "new 须给出政策编号：yibao new 140400-2027",
            "`new` needs a policy id: yibao new 140400-2027"
        ))),
        (_, [_, extra, ..]) => {
            let extra = short(extra);
            Err(usage(words!(
                "多余的参数 “{extra}”",
                "unexpected argument {extra:?}"
            )))
        }
        _ => Err(usage(words!("未给出操作", "no operation given"))),
    }
}

fn check_op(op: &str) -> Result<(), UsageError> {
    if yibao::json::OPERATIONS.contains(&op) || CLI_OPERATIONS.contains(&op) {
        Ok(())
    } else {
        let shown = short(op);
        let all: Vec<&str> = yibao::json::OPERATIONS
            .iter()
            .chain(CLI_OPERATIONS)
            .copied()
            .collect();
        let (zh, en) = (all.join("、"), all.join(", "));
        Err(usage(words!(
            "没有操作 “{shown}”；可用的操作：{zh}",
            "unknown operation {shown:?}; operations: {en}"
        )))
    }
}

/// The values `--threads` takes. More threads than this only cost memory and start-up
/// (30 000 made the pool hang while it started them); 0 is not a number of threads.
pub const THREADS: std::ops::RangeInclusive<usize> = 1..=256;

/// The values `--chunk-bytes` takes: 64 KiB (the least the reader reads per step anyway)
/// to 256 MiB (memory is a few chunks: about a gigabyte). Larger values panicked
/// (`18446744073709551615`) or aborted on allocation (`100000000000`).
pub const CHUNK_BYTES: std::ops::RangeInclusive<usize> = 64 << 10..=256 << 20;

/// `batch [INPUT] [flags]`.
fn batch(raw: &Raw, rest: &[&String]) -> Result<BatchFlags, UsageError> {
    if let Some(bad) = raw.flags.iter().find(|(n, _)| {
        (QUOTE_FLAGS.contains(n) || WINDOW_FLAGS.contains(n) || OUTPUT_FLAGS.contains(n))
            && *n != "--policy"
    }) {
        let flag = bad.0;
        return Err(usage(words!(
            "{flag} 不用于 batch（参保人的情况在输入文件的各行中）",
            "{flag} does not apply to `batch` (its rows carry the person)"
        )));
    }
    let input = match rest {
        [] => None,
        [one] if one.as_str() == "-" => None,
        [one] => Some(PathBuf::from(one.as_str())),
        [_, extra, ..] => {
            let extra = short(extra);
            return Err(usage(words!(
                "多余的参数 “{extra}”：batch 只读一个输入文件（或标准输入）",
                "unexpected argument {extra:?}: `batch` reads one input file (or stdin)"
            )));
        }
    };
    let path = |name: &str| -> Result<Option<PathBuf>, UsageError> {
        Ok(raw.single(name)?.filter(|p| p != "-").map(PathBuf::from))
    };
    let output = match (path("--output")?, path("-o")?) {
        (Some(_), Some(_)) => {
            return Err(usage(words!(
                "--output 与 -o 是同一个选项，只能给出一个",
                "--output and -o name the same thing"
            )))
        }
        (a, b) => a.or(b),
    };
    let format = |name: &str| -> Result<Option<Format>, UsageError> {
        raw.single(name)?
            .map(|v| Format::parse(name, &v))
            .transpose()
    };
    let count =
        |name: &str, range: std::ops::RangeInclusive<usize>| -> Result<Option<usize>, UsageError> {
            raw.single(name)?
                .map(|v| match v.parse::<usize>() {
                    Ok(n) if range.contains(&n) => Ok(n),
                    _ => {
                        // The value is caller text: shown shortened (and masked on display).
                        let shown = short(&v);
                        let (from, to) = (range.start(), range.end());
                        Err(usage(words!(
                            "{name} “{shown}”：应为 {from} 至 {to} 之间的整数",
                            "{name} {shown:?}: expected a whole number from {from} to {to}"
                        )))
                    }
                })
                .transpose()
        };
    Ok(BatchFlags {
        input,
        output,
        input_format: format("--input-format")?,
        output_format: format("--output-format")?,
        policy: raw.single("--policy")?,
        household_totals: raw.single("--household-totals")?.map(PathBuf::from),
        threads: count("--threads", THREADS)?,
        chunk_bytes: count("--chunk-bytes", CHUNK_BYTES)?,
        no_progress: raw.has("--no-progress"),
    })
}

/// The command for an operation: stdin JSON, or a human-flag request.
fn operation(op: &str, raw: &Raw) -> Result<Command, UsageError> {
    let human: Vec<&str> = raw
        .flags
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| QUOTE_FLAGS.contains(n) || WINDOW_FLAGS.contains(n) || OUTPUT_FLAGS.contains(n))
        .collect();
    let Some(first) = human.first() else {
        return Ok(Command::Json(op.to_string()));
    };
    let allowed = match op {
        "quote" => QUOTE_FLAGS,
        "window" => WINDOW_FLAGS,
        _ => {
            return Err(usage(words!(
                "{first} 不用于 {op}：该操作从标准输入读取请求 JSON（只有 quote 和 window 可以用选项代替请求）",
                "{first} does not apply to `{op}`: it reads its request JSON on stdin \
                 (human flags exist for `quote` and `window`)"
            )))
        }
    };
    if let Some(bad) = human
        .iter()
        .find(|n| !allowed.contains(n) && !OUTPUT_FLAGS.contains(n))
    {
        return Err(usage(words!(
            "{bad} 不用于 {op}",
            "{bad} does not apply to `{op}`"
        )));
    }
    let policy = raw.single("--policy")?.ok_or_else(|| {
        usage(words!(
            "{op} 使用选项时须给出 --policy 政策编号（yibao policies 列出全部编号）",
            "`{op}` with flags needs --policy ID (`yibao policies` lists the ids)"
        ))
    })?;
    let json = raw.has("--json");
    Ok(match op {
        "quote" => Command::Quote(QuoteFlags {
            policy,
            categories: raw
                .values("--category")
                .flat_map(|v| v.split(','))
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .collect(),
            paid_on: raw.single("--paid-on")?,
            birth_date: raw.single("--birth-date")?,
            id_number: raw.single("--id-number")?,
            grade: raw.single("--grade")?,
            json,
        }),
        _ => Command::Window(WindowFlags {
            policy,
            date: raw.single("--date")?,
            json,
        }),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    fn p(args: &[&str]) -> Result<Invocation, UsageError> {
        parse(args.iter().map(OsString::from))
    }

    #[test]
    fn stdin_operation_with_global_flags_anywhere() {
        let inv = p(&[
            "--pretty",
            "quote",
            "--policy-file",
            "a.toml",
            "--policy-file=b.toml",
        ])
        .unwrap();
        assert_eq!(inv.command, Command::Json("quote".into()));
        assert!(inv.global.pretty);
        assert_eq!(
            inv.global.policy_files,
            vec![PathBuf::from("a.toml"), PathBuf::from("b.toml")]
        );
    }

    #[test]
    fn quote_flags_split_categories_and_default_the_rest() {
        let inv = p(&[
            "quote",
            "--policy=140400-2024",
            "--category",
            "minimum_living, severe_disability",
            "--category",
            "orphan",
            "--lang",
            "en",
        ])
        .unwrap();
        let Command::Quote(q) = inv.command else {
            panic!("not a quote: {:?}", inv.command)
        };
        assert_eq!(q.policy, "140400-2024");
        assert_eq!(
            q.categories,
            vec!["minimum_living", "severe_disability", "orphan"]
        );
        assert_eq!(q.paid_on, None);
        assert!(!q.json);
        assert_eq!(inv.global.lang, Some(Lang::En));
        assert_eq!(inv.global.lang(), Lang::En);
    }

    #[test]
    fn lang_is_global_and_chinese_by_default() {
        // With a JSON operation (it goes into the request), with help, with batch.
        let inv = p(&["--lang=en", "household"]).unwrap();
        assert_eq!(inv.command, Command::Json("household".into()));
        assert_eq!(inv.global.lang, Some(Lang::En));
        let inv = p(&["help", "quote", "--lang", "en"]).unwrap();
        assert_eq!(inv.command, Command::Help(Some("quote".into())));
        assert_eq!(inv.global.lang(), Lang::En);
        let inv = p(&["batch", "--lang", "zh"]).unwrap();
        assert_eq!(inv.global.lang, Some(Lang::Zh));
        let inv = p(&["policies"]).unwrap();
        assert_eq!((inv.global.lang, inv.global.lang()), (None, Lang::Zh));
        // `--lang` alone is no human flag: `quote` still reads its request on stdin.
        let inv = p(&["quote", "--lang", "en"]).unwrap();
        assert_eq!(inv.command, Command::Json("quote".into()));
        let e = p(&["policies", "--lang", "fr"]).unwrap_err();
        assert_eq!(
            e.text(Lang::Zh),
            "--lang “fr”：语言为 zh（中文）或 en（英文）"
        );
        assert_eq!(
            e.text(Lang::En),
            "--lang \"fr\": the languages are zh and en"
        );
    }

    #[test]
    fn lang_hint_reads_a_command_line_that_does_not_parse() {
        let hint = |args: &[&str]| lang_hint(&args.iter().map(OsString::from).collect::<Vec<_>>());
        assert_eq!(hint(&["quote", "--frobnicate", "--lang", "en"]), Lang::En);
        assert_eq!(hint(&["--lang=en", "nope"]), Lang::En);
        assert_eq!(hint(&["--lang", "fr", "nope"]), Lang::Zh);
        assert_eq!(hint(&["--language", "en"]), Lang::Zh);
        assert_eq!(hint(&[]), Lang::Zh);
    }

    #[test]
    fn help_forms() {
        assert_eq!(p(&["--help"]).unwrap().command, Command::Help(None));
        assert_eq!(
            p(&["help", "window"]).unwrap().command,
            Command::Help(Some("window".into()))
        );
        assert_eq!(
            p(&["quote", "-h"]).unwrap().command,
            Command::Help(Some("quote".into()))
        );
        assert!(p(&["help", "nope"]).is_err());
    }

    #[test]
    fn usage_errors() {
        for bad in [
            &["quote", "--frobnicate"][..],
            &[],
            &["nope"],
            &["quote", "--policy"],
            &["quote", "--policy", "--json"],
            &["quote", "--category", "orphan"],
            &["household", "--policy", "211382-2022"],
            &["window", "--policy", "x", "--paid-on", "2024-01-01"],
            &["quote", "--policy", "x", "--policy", "y"],
            &["quote", "--policy", "x", "--lang", "fr"],
            &["quote", "extra"],
            &["--pretty=yes", "policies"],
        ] {
            assert!(p(bad).is_err(), "{bad:?} should be a usage error");
        }
    }

    #[test]
    fn batch_flags() {
        let inv = p(&[
            "batch",
            "county.jsonl",
            "-o",
            "out.csv",
            "--policy=140400-2024",
            "--household-totals",
            "hh.csv",
            "--threads",
            "2",
        ])
        .unwrap();
        let Command::Batch(b) = inv.command else {
            panic!("not a batch: {:?}", inv.command)
        };
        assert_eq!(b.input, Some(PathBuf::from("county.jsonl")));
        assert_eq!(b.output, Some(PathBuf::from("out.csv")));
        assert_eq!(b.policy.as_deref(), Some("140400-2024"));
        assert_eq!(b.household_totals, Some(PathBuf::from("hh.csv")));
        assert_eq!(b.threads, Some(2));
        assert_eq!(b.input_format, None);
        let stdin = p(&["batch", "-", "--input-format", "jsonl"]).unwrap();
        let Command::Batch(b) = stdin.command else {
            panic!("not a batch")
        };
        assert_eq!((b.input, b.input_format), (None, Some(Format::Jsonl)));
        assert_eq!(
            Format::of_path(std::path::Path::new("a.NDJSON")),
            Format::Jsonl
        );
        assert_eq!(Format::of_path(std::path::Path::new("a")), Format::Csv);
        for bad in [
            &["batch", "a.csv", "b.csv"][..],
            &["batch", "--input-format", "xml"],
            &["batch", "--threads", "0"],
            &["batch", "--paid-on", "2023-10-10"],
            &["batch", "-o", "a", "--output", "b"],
            &["quote", "--output", "x.csv"],
        ] {
            assert!(p(bad).is_err(), "{bad:?} should be a usage error");
        }
    }

    #[test]
    fn numeric_flags_are_bounded() {
        let batch = |flag: &str, v: &str| match p(&["batch", flag, v]).map(|i| i.command) {
            Ok(Command::Batch(b)) => Ok((b.threads, b.chunk_bytes)),
            Ok(other) => panic!("not a batch: {other:?}"),
            Err(e) => Err(e.text(Lang::En)),
        };
        assert_eq!(batch("--threads", "1"), Ok((Some(1), None)));
        assert_eq!(batch("--threads", "256"), Ok((Some(256), None)));
        assert_eq!(batch("--chunk-bytes", "65536"), Ok((None, Some(65_536))));
        assert_eq!(
            batch("--chunk-bytes", "268435456"),
            Ok((None, Some(268_435_456)))
        );
        for (flag, v) in [
            ("--threads", "0"),
            ("--threads", "257"),
            ("--threads", "30000"),
            ("--threads", "-1"),
            ("--threads", "2.5"),
            ("--chunk-bytes", "65535"),
            ("--chunk-bytes", "268435457"),
            ("--chunk-bytes", "100000000000"),
            ("--chunk-bytes", "18446744073709551615"),
            ("--chunk-bytes", "18446744073709551616"),
            ("--chunk-bytes", ""),
        ] {
            let e = batch(flag, v).unwrap_err();
            assert!(
                e.contains("expected a whole number from"),
                "{flag} {v}: {e}"
            );
        }
        assert_eq!(
            batch("--threads", "30000").unwrap_err(),
            "--threads \"30000\": expected a whole number from 1 to 256"
        );
        assert_eq!(
            p(&["batch", "--threads", "30000"]).unwrap_err().to_string(),
            "--threads “30000”：应为 1 至 256 之间的整数"
        );
    }

    #[test]
    fn usage_messages_mask_id_numbers() {
        let e = p(&["quote", "11010519491231002X"]).unwrap_err();
        for lang in Lang::ALL {
            let shown = e.text(*lang);
            assert!(shown.contains("110105********002X"), "{shown}");
            assert!(!shown.contains("11010519491231002X"), "{shown}");
        }
    }
}
