//! Fuzz target `c_typed`: see `yibao_fuzz::c_typed`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    yibao_fuzz::c_typed(data);
});
