#![no_main]
//! Fuzz target `date`: `date::parse` in UTC and in Asia/Shanghai; a date with an offset reads the
//! same in both. See `gazette_fuzz::check_date`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(text) = gazette_fuzz::text(data) {
        gazette_fuzz::check_date(text);
    }
});
