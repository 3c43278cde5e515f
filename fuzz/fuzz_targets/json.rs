//! Fuzz target `json`: see `yibao_fuzz::harness::json`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    yibao_fuzz::harness::json(data);
});
