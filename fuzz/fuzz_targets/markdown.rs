#![no_main]
//! Fuzz target `markdown`: render Markdown with the default settings (raw HTML sanitized); the HTML
//! never holds a `<script`, an `on…` event handler or a `javascript:` URL. See `gazette_fuzz::check_markdown`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(text) = gazette_fuzz::text(data) {
        gazette_fuzz::check_markdown(text);
    }
});
