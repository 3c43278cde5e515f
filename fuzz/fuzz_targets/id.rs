//! Fuzz target `id`: see `yibao_fuzz::harness::id`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    yibao_fuzz::harness::id(data);
});
