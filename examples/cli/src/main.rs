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
//! of residents through the engine on every core.

mod args;
mod batch;
mod help;
mod input;
mod pretty;
mod run;
mod summary;

use std::process::ExitCode;

fn main() -> ExitCode {
    match args::parse(std::env::args_os().skip(1)) {
        Ok(invocation) => run::run(&invocation).code(),
        Err(e) => {
            eprintln!(
                "yibao: {e}\n\n{}\n\nRun `yibao --help` for more.",
                help::USAGE
            );
            run::Exit::Usage.code()
        }
    }
}
