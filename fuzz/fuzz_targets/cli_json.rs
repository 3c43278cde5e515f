//! Fuzz target `cli_json`: see `yibao_fuzz::cli::cli_json`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    yibao_fuzz::cli::cli_json(data);
});
