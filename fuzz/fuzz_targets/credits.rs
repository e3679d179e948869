#![no_main]
//! Fuzz target `credits`: `find_trailer` and `find_original_title` on a body; offsets on character
//! boundaries, names and titles non-empty and trimmed. See `gazette_fuzz::check_credits`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(text) = gazette_fuzz::text(data) {
        gazette_fuzz::check_credits(text);
    }
});
