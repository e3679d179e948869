#![no_main]
//! Fuzz target `slug`: `slugify` in every mode and `check_explicit`; slugs never hold a slash,
//! `..`, a control character or a leading or trailing dash, and slugify to themselves. See `gazette_fuzz::check_slugs`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(text) = gazette_fuzz::text(data) {
        gazette_fuzz::check_slugs(text);
    }
});
