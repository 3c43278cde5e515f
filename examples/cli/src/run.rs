//! Dispatch: one function per kind of command, each ending in an [`Exit`].

use crate::args::{Command, Global, Invocation, QuoteFlags, WindowFlags};
use crate::words::pick;
use crate::{author, batch, help, input, pretty, summary};
use std::io::Write;
use std::process::ExitCode;
use yibao::json::{handle, parse_request, respond};
use yibao::message::{Excerpt, Message};
use yibao::{Engine, Error, ErrorCode, Lang, QuoteRequest, WindowRequest};

/// The birth date assumed when the flags give none: the CLI is most often asked about an
/// adult, and any adult birth date gives the adult standard in every built-in policy.
const ADULT_BIRTH_DATE: &str = "1980-01-01";

/// How the process ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// An answer was printed.
    Ok,
    /// The request failed; the error was printed.
    Request,
    /// The command line is wrong.
    Usage,
}

impl Exit {
    /// The process exit code.
    pub fn code(self) -> ExitCode {
        match self {
            Exit::Ok => ExitCode::SUCCESS,
            Exit::Request => ExitCode::from(1),
            Exit::Usage => ExitCode::from(2),
        }
    }
}

/// Runs a parsed command line.
pub fn run(inv: &Invocation) -> Exit {
    let lang = inv.global.lang();
    let out = Printer {
        pretty: inv.global.pretty,
        lang,
    };
    // Where an error goes: a summary reader gets words on stderr, a JSON reader the
    // contract's error JSON on stdout.
    let summary = match &inv.command {
        Command::Quote(QuoteFlags { json, .. }) | Command::Window(WindowFlags { json, .. }) => {
            !json
        }
        _ => false,
    };
    match &inv.command {
        Command::Help(topic) => out.text(&help::text(topic.as_deref(), lang), Exit::Ok),
        Command::Version => out.text(&help::version(), Exit::Ok),
        // stdout carries the batch's rows: a failure to start goes to stderr.
        Command::Batch(flags) => match engine(&inv.global) {
            Ok(engine) => batch::run(&engine, flags, lang),
            Err(e) => {
                eprintln!("yibao batch: {}", error_line(&e, lang));
                Exit::Request
            }
        },
        Command::Check(files) => author::check::run(files, lang),
        Command::Test(dir) => author::test::run(dir, lang),
        Command::New(id) => author::new::run(id, std::path::Path::new("."), lang),
        Command::Schema => out.text(&author::schema_text(), Exit::Ok),
        command => match engine(&inv.global) {
            Err(e) => out.error(&e, summary),
            Ok(engine) => match command {
                Command::Quote(flags) => quote(&engine, flags, &out),
                Command::Window(flags) => window(&engine, flags, &out),
                Command::Json(op) => json(&engine, op, inv.global.lang, &out),
                Command::Help(_)
                | Command::Version
                | Command::Batch(_)
                | Command::Check(_)
                | Command::Test(_)
                | Command::New(_)
                | Command::Schema => Exit::Ok,
            },
        },
    }
}

/// An error in words: `错误 [code]: …` or `error [code]: …`, ID numbers masked.
pub fn error_line(e: &Error, lang: Lang) -> String {
    format!(
        "{} [{}]: {}",
        pick(lang, "错误", "error"),
        e.code().as_str(),
        e.text(lang)
    )
}

fn engine(global: &Global) -> Result<Engine, Error> {
    let mut engine = Engine::builtin();
    input::load_policy_files(&mut engine, &global.policy_files)?;
    Ok(engine)
}

/// `yibao <op>` with the request on stdin.
///
/// The request's own `"lang"` decides the language of the answer, as in every binding.
/// Without `--lang` the answer is byte for byte [`respond`]'s; with it, a request that
/// names no language gets `--lang`'s, and an error of a request that cannot be read as
/// an object is told in `--lang`'s language.
fn json(engine: &Engine, op: &str, lang: Option<Lang>, out: &Printer) -> Exit {
    let request = match input::read_request(op, out.lang) {
        Ok(r) => r,
        Err(e) => return out.error(&e, false),
    };
    let request = if op == "id" {
        input::fill_today(&request, input::today())
    } else {
        request
    };
    let Some(lang) = lang else {
        return out.answer(respond(engine, op, &request));
    };
    let request = input::fill_lang(&request, lang);
    out.answer(match handle(engine, op, &request) {
        Ok(answer) => (true, answer),
        Err(e) => (false, e.to_json_in(input::lang_of(&request, lang))),
    })
}

/// `yibao quote` with human flags.
fn quote(engine: &Engine, flags: &QuoteFlags, out: &Printer) -> Exit {
    let lang = out.lang;
    let summary = !flags.json;
    let checked = check_date("--paid-on", flags.paid_on.as_deref())
        .and_then(|()| check_date("--birth-date", flags.birth_date.as_deref()))
        .and_then(|()| check_categories(engine, &flags.policy, &flags.categories));
    if let Err(e) = checked {
        return out.error(&e, summary);
    }
    let today = input::today().to_string();
    let assume_adult = flags.birth_date.is_none() && flags.id_number.is_none();
    let mut person = serde_json::Map::new();
    if let Some(id) = &flags.id_number {
        person.insert("id_number".into(), id.as_str().into());
    }
    if let Some(b) = &flags.birth_date {
        person.insert("birth_date".into(), b.as_str().into());
    }
    if assume_adult {
        person.insert("birth_date".into(), ADULT_BIRTH_DATE.into());
    }
    person.insert("categories".into(), flags.categories.clone().into());
    if let Some(g) = &flags.grade {
        person.insert("grade".into(), g.as_str().into());
    }
    // The answer's own texts (period, aid and newborn names, assumptions, warnings) come
    // from the core in the language asked.
    let request = serde_json::json!({
        "policy": flags.policy,
        "paid_on": flags.paid_on.as_deref().unwrap_or(&today),
        "person": person,
        "lang": lang.as_str(),
    })
    .to_string();

    if flags.json {
        if assume_adult {
            match lang {
                Lang::Zh => eprintln!(
                    "yibao: 未给出 --birth-date 或 --id-number：按 {ADULT_BIRTH_DATE} 出生的成年人计算"
                ),
                Lang::En => eprintln!(
                    "yibao: no --birth-date or --id-number: assumed an adult born {ADULT_BIRTH_DATE}"
                ),
            }
        }
        return out.answer(respond(engine, "quote", &request));
    }
    let answered = parse_request::<QuoteRequest>(&request).and_then(|req| {
        let q = engine.quote(&req)?;
        Ok((req, q, engine.policy(&flags.policy)?))
    });
    match answered {
        Err(e) => out.error(&e, true),
        Ok((req, q, policy)) => {
            let ctx = summary::QuoteContext {
                paid_on: req.paid_on,
                paid_on_is_today: flags.paid_on.is_none(),
                assumed_birth_date: req.person.birth_date.filter(|_| assume_adult),
                birth_date: req.person.birth_date.filter(|_| !assume_adult),
                masked_id: flags
                    .id_number
                    .as_deref()
                    .map(|n| yibao::id::mask(n.trim())),
                categories: &req.person.categories,
            };
            out.text(&summary::quote(policy, &q, &ctx, lang), Exit::Ok)
        }
    }
}

/// `yibao window` with human flags.
fn window(engine: &Engine, flags: &WindowFlags, out: &Printer) -> Exit {
    let lang = out.lang;
    if let Err(e) = check_date("--date", flags.date.as_deref()) {
        return out.error(&e, !flags.json);
    }
    let today = input::today().to_string();
    let request = serde_json::json!({
        "policy": flags.policy,
        "date": flags.date.as_deref().unwrap_or(&today),
        "lang": lang.as_str(),
    })
    .to_string();
    if flags.json {
        return out.answer(respond(engine, "window", &request));
    }
    let answered = parse_request::<WindowRequest>(&request).and_then(|req| {
        Ok((
            req.date,
            engine.window(&req)?,
            engine.policy(&flags.policy)?,
        ))
    });
    match answered {
        Err(e) => out.error(&e, true),
        Ok((date, status, policy)) => {
            let text = summary::window(policy, &status, date, flags.date.is_none(), lang);
            out.text(&text, Exit::Ok)
        }
    }
}

/// Checks a date flag before it goes into a request, so that the message names the flag
/// rather than a position in a JSON text the user never wrote. The core still checks
/// everything (its range, for one) when it reads the request.
fn check_date(flag: &str, value: Option<&str>) -> Result<(), Error> {
    let Some(v) = value else { return Ok(()) };
    let shaped = v.len() == 10 && v.get(4..5) == Some("-") && v.get(7..8) == Some("-");
    if shaped && chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok() {
        return Ok(());
    }
    Err(Error::new(
        ErrorCode::InvalidDate,
        Message::InvalidDate {
            field: flag.to_string(),
        },
    ))
}

/// Checks `--category` values against the policy, for the same reason as
/// [`check_date`]; an unknown policy is left to the core to report.
fn check_categories(engine: &Engine, policy: &str, categories: &[String]) -> Result<(), Error> {
    let Ok(p) = engine.policy(policy) else {
        return Ok(());
    };
    match categories.iter().find(|c| p.table.bit(c).is_none()) {
        None => Ok(()),
        Some(bad) => Err(Error::new(
            ErrorCode::UnknownCategory,
            Message::UnknownCategory {
                policy: p.id.clone(),
                category: Excerpt::of(bad),
            },
        )),
    }
}

/// Writes answers and errors.
struct Printer {
    pretty: bool,
    /// The language of the command line (`--lang`, else Chinese).
    lang: Lang,
}

impl Printer {
    /// An answer or error JSON from the core, on stdout.
    fn answer(&self, (ok, json): (bool, String)) -> Exit {
        let text = if self.pretty {
            pretty::indent(&json)
        } else {
            json
        };
        self.text(
            &format!("{text}\n"),
            if ok { Exit::Ok } else { Exit::Request },
        )
    }

    /// An error: in words on stderr for a summary reader, else the error JSON; in the
    /// language of the command line either way.
    fn error(&self, e: &Error, summary: bool) -> Exit {
        if summary {
            eprintln!("yibao: {}", error_line(e, self.lang));
            Exit::Request
        } else {
            self.answer((false, e.to_json_in(self.lang)))
        }
    }

    /// Text on stdout; `exit` unless stdout cannot be written.
    fn text(&self, text: &str, exit: Exit) -> Exit {
        let mut stdout = std::io::stdout().lock();
        match stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
        {
            Ok(()) => exit,
            // A reader that went away (`yibao policy | head`) is not worth a message.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Exit::Request,
            Err(e) => {
                match self.lang {
                    Lang::Zh => eprintln!("yibao: 无法写出答复：{e}"),
                    Lang::En => eprintln!("yibao: cannot write the answer: {e}"),
                }
                Exit::Request
            }
        }
    }
}
