//! Runs the built `yibao` binary as a user does: arguments, stdin, stdout, exit code.
#![allow(dead_code, clippy::expect_used)]

use std::io::Write;
use std::process::{Command, Stdio};

/// What one run printed and how it exited.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `yibao ARGS` with `stdin` as its standard input.
pub fn yibao(args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_yibao"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn yibao");
    let mut input = child.stdin.take().expect("stdin");
    let data = stdin.to_vec();
    // Written from a thread: a large input would otherwise fill the pipe while yibao
    // waits for us to read its output. A run with human flags does not read stdin and
    // may exit first: a broken pipe here is expected, not a failure.
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().expect("wait for yibao");
    feeder.join().expect("feeder");
    Run {
        code: out.status.code().expect("exit code"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}
