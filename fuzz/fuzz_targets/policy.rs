//! Fuzz target `policy`: see `yibao_fuzz::harness::policy`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    yibao_fuzz::harness::policy(data);
});
