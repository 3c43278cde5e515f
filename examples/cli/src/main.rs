//! `yibao`: the command-line front end of the yibao library.
//!
//! `yibao <op>` reads a request JSON on stdin and prints the answer JSON on stdout, exactly
//! as every other binding answers it (`yibao::json::respond`). `yibao quote` and
//! `yibao window` also take human flags and print a readable summary; `yibao batch` answers a
//! CSV or JSON Lines file of residents, one row each. Exit codes: 0 answer,
//! 1 request error (the `{"error": ...}` JSON), 2 usage error (a message on stderr).
//!
//! # Design
//! `args` parses the command line, `input` holds everything impure (stdin, files, the
//! clock) that the core must not, `run` dispatches, `summary` renders readable answers,
//! `pretty` indents JSON without reordering it, `help` has the texts, `batch` runs a file
//! of residents through the engine on every core, `words` has the CLI's own sentences.
//!
//! Everything a person reads is in Chinese, or in English with `--lang en`: summaries,
//! errors, usage errors, help, the batch's notices, summary and `error_message` column.
//! A request read on stdin answers in its own `"lang"` (the contract's rule); `--lang`
//! is added to a request that has none.

mod args;
mod author;
mod batch;
mod help;
mod input;
mod pretty;
mod run;
mod summary;
mod words;

use std::ffi::OsString;
use std::process::ExitCode;

fn main() -> ExitCode {
    let argv: Vec<OsString> = std::env::args_os().skip(1).collect();
    match args::parse(argv.iter().cloned()) {
        Ok(invocation) => run::run(&invocation).code(),
        Err(e) => {
            let lang = args::lang_hint(&argv);
            eprintln!(
                "yibao: {}\n\n{}\n\n{}",
                e.text(lang),
                help::usage(lang),
                help::more(lang)
            );
            run::Exit::Usage.code()
        }
    }
}
