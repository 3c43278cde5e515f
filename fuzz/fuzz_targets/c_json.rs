//! Fuzz target `c_json`: see `yibao_fuzz::c_json`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    yibao_fuzz::c_json(data);
});
