#![no_main]
//! Fuzz target `wire`: `wire::parse` on plain-text wire copy; a copy that is read has a title. See `gazette_fuzz::check_wire`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(text) = gazette_fuzz::text(data) {
        gazette_fuzz::check_wire(text);
    }
});
