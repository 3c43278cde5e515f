//! Fuzz target `batch_csv`: see `yibao_fuzz::batch::csv`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    yibao_fuzz::batch::csv(data);
});
