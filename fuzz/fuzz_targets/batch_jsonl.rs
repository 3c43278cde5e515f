//! Fuzz target `batch_jsonl`: see `yibao_fuzz::batch::jsonl`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    yibao_fuzz::batch::jsonl(data);
});
