#![no_main]
//! Fuzz target `front_matter`: split a file into front matter and body, then parse the front matter as a
//! notice, a person and a section; slices, line numbers and error positions must stay in the file. See `gazette_fuzz::check_front_matter`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(text) = gazette_fuzz::text(data) {
        gazette_fuzz::check_front_matter(text);
    }
});
