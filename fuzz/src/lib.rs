//! The checks the fuzz targets make: each calls one of Gazette's parsers of untrusted text
//! and asserts the promises its module documents. A panic, in Gazette or here, is a finding.
//!
//! `tests/properties.rs` in the main crate makes the same checks on generated inputs.

use std::ops::Range;
use std::sync::LazyLock;

use gazette::config::{MarkdownConfig, SlugMode};
use gazette::content::front_matter::{self, NoticeFrontMatter, PersonFrontMatter, SectionFrontMatter};
use gazette::content::{credits, date, wire};
use gazette::markdown::Renderer;
use gazette::slug;
use jiff::tz::TimeZone;

/// The text of a fuzz input; inputs that are not UTF-8 are skipped, as Gazette reads files
/// as UTF-8 and refuses the others before parsing.
pub fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// The byte range of `part` within `whole`, which it must be a slice of.
pub fn range_in(whole: &str, part: &str) -> Range<usize> {
    let start = (part.as_ptr() as usize).wrapping_sub(whole.as_ptr() as usize);
    assert!(start <= whole.len() && start + part.len() <= whole.len(), "not a slice of the input");
    start..start + part.len()
}

/// `split` cuts the text into slices of it, in order; `parse` (as a notice, a person and a
/// section) and `locate` never place a mistake outside the file.
pub fn check_front_matter(text: &str) {
    let lines = text.split('\n').count();
    let in_file = |p: Option<(usize, usize)>| p.is_none_or(|(line, col)| (1..=lines).contains(&line) && col >= 1);
    let split = match front_matter::split(text) {
        Ok(split) => split,
        Err(e) => {
            assert!(in_file(e.position), "split: position {:?} outside {lines} lines", e.position);
            return;
        }
    };
    let fm = range_in(text, split.front_matter);
    let body = range_in(text, split.body);
    assert!(fm.end <= body.start, "the front matter {fm:?} ends after the body {body:?} starts");
    assert_eq!(body.end, text.len(), "the body does not run to the end");
    assert!(split.body_line >= 2, "body_line {}", split.body_line);
    assert_eq!(split.front_matter_line, text[..fm.start].matches('\n').count() + 1, "front_matter_line");
    if !split.body.is_empty() {
        assert_eq!(split.body_line, text[..body.start].matches('\n').count() + 1, "body_line");
    }
    for position in [
        front_matter::parse::<NoticeFrontMatter>(&split).err().and_then(|e| e.position),
        front_matter::parse::<PersonFrontMatter>(&split).err().and_then(|e| e.position),
        front_matter::parse::<SectionFrontMatter>(&split).err().and_then(|e| e.position),
        front_matter::locate(&split, "date"),
        front_matter::locate(&split, "title"),
        front_matter::locate_item(&split, "corrections", 0, "date"),
        front_matter::locate_item(&split, "attachments", 1, "path"),
    ] {
        assert!(in_file(position), "position {position:?} outside {lines} lines");
    }
}

/// `find_trailer` returns a character boundary within the body, where a parenthesised
/// paragraph of non-empty, trimmed names starts; `find_original_title` a range of the first
/// line holding a non-empty, trimmed title.
pub fn check_credits(body: &str) {
    if let Some((found, start)) = credits::find_trailer(body) {
        assert!(start <= body.len() && body.is_char_boundary(start), "start {start}");
        let trailer = body[start..].trim();
        assert!(trailer.starts_with(['(', '（']), "trailer {trailer:?}");
        assert!(!found.byline.is_empty() || !found.editors.is_empty(), "no names");
        for name in found.byline.iter().chain(&found.editors) {
            assert!(!name.is_empty() && name.trim() == name, "name {name:?}");
            assert!(trailer.contains(name.as_str()), "{name:?} is not in {trailer:?}");
        }
    }
    if let Some((title, range)) = credits::find_original_title(body) {
        assert!(range.start <= range.end && range.end <= body.len(), "range {range:?}");
        assert!(body.is_char_boundary(range.start) && body.is_char_boundary(range.end), "range {range:?}");
        assert!(body[..range.start].trim().is_empty(), "not the first line");
        assert!(!body[range.clone()].contains('\n'), "range {range:?} spans lines");
        assert!(!title.is_empty() && title.trim() == title, "title {title:?}");
        assert!(body[range].contains(title.as_str()), "the title is not on its line");
    }
}

/// Why `slug`, made in `mode`, is not safe as one URL segment and file name.
pub fn slug_problem(slug: &str, mode: SlugMode) -> Option<&'static str> {
    if slug.contains(['/', '\\']) {
        return Some("contains a slash");
    }
    if slug.contains("..") {
        return Some("contains `..`");
    }
    if slug == "." {
        return Some("is `.`");
    }
    if slug.chars().any(char::is_control) {
        return Some("contains a control character");
    }
    if slug.starts_with('-') || slug.ends_with('-') {
        return Some("starts or ends with `-`");
    }
    match mode {
        SlugMode::Transliterate
            if !slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                || slug.contains("--") =>
        {
            Some("is not lowercase ASCII letters and digits joined by single dashes")
        }
        SlugMode::Safe if slug.contains("--") || slug.chars().any(char::is_whitespace) => {
            Some("has a double dash or a space")
        }
        SlugMode::Off if slug.contains([':', '*', '?', '"', '<', '>', '|']) => {
            Some("contains a character not allowed in a file name")
        }
        SlugMode::Off
            if slug.starts_with(|c: char| c == '.' || c.is_whitespace())
                || slug.ends_with(|c: char| c == '.' || c.is_whitespace()) =>
        {
            Some("starts or ends with a dot or a space")
        }
        _ => None,
    }
}

/// Every mode makes a safe slug that slugifies to itself and stays safe when `fit` cuts it;
/// `transliterate` and `safe` slugs pass `check_explicit`; `check_explicit` accepts nothing with a slash, `..`, a space or
/// a control character.
pub fn check_slugs(text: &str) {
    for mode in [SlugMode::Transliterate, SlugMode::Safe, SlugMode::Off] {
        let made = slug::slugify(text, mode);
        if let Some(problem) = slug_problem(&made, mode) {
            panic!("slugify({text:?}, {mode:?}) = {made:?} {problem}");
        }
        assert_eq!(slug::slugify(&made, mode), made, "slugify({text:?}, {mode:?}) is not idempotent");
        // Callers cut slugs to a URL segment's length; the cut slug is as safe.
        let fitted = slug::fit(made.clone());
        assert!(fitted.len() <= slug::MAX_SEGMENT_BYTES && made.starts_with(&fitted), "fit({made:?}) = {fitted:?}");
        assert_eq!(fitted.is_empty(), made.is_empty(), "fit({made:?}) = {fitted:?}");
        if let Some(problem) = slug_problem(&fitted, mode) {
            panic!("fit(slugify({text:?}, {mode:?})) = {fitted:?} {problem}");
        }
        if mode != SlugMode::Off && !fitted.is_empty() {
            assert_eq!(slug::check_explicit(&fitted), Ok(fitted.clone()), "{mode:?} slug refused");
        }
    }
    if let Ok(checked) = slug::check_explicit(text) {
        assert_eq!(checked, text.trim());
        assert!(!checked.contains(['/', '\\']) && !checked.contains(".."), "accepted {checked:?}");
        assert!(!checked.chars().any(|c| c.is_control() || c.is_whitespace()), "accepted {checked:?}");
        assert!(checked.chars().any(char::is_alphanumeric), "accepted {checked:?}");
        assert!(checked.len() <= slug::MAX_SEGMENT_BYTES, "accepted {} bytes", checked.len());
    }
}

/// A date never panics; one that names its offset reads the same in every time zone.
pub fn check_date(text: &str) {
    static SHANGHAI: LazyLock<TimeZone> = LazyLock::new(|| TimeZone::get("Asia/Shanghai").unwrap());
    let utc = date::parse(text, &TimeZone::UTC);
    let shanghai = date::parse(text, &SHANGHAI);
    if date::has_offset(text) {
        assert_eq!(utc, shanghai, "{text:?} names its offset but depends on the time zone");
    }
}

/// Wire copy read as a notice has a non-empty one-line title of at most 300 characters and
/// a body.
pub fn check_wire(text: &str) {
    if let Ok(copy) = wire::parse(text) {
        assert!(!copy.title.is_empty() && copy.title.trim() == copy.title, "title {:?}", copy.title);
        assert!(!copy.title.contains(['\n', '\r']), "title {:?}", copy.title);
        assert!(copy.title.chars().count() <= 300);
        assert!(!copy.body.trim().is_empty(), "empty body");
        for name in copy.byline.iter().chain(&copy.editors) {
            assert!(!name.is_empty() && name.trim() == name, "name {name:?}");
        }
    }
}

/// The default renderer (raw HTML sanitized), made once.
pub static RENDERER: LazyLock<Renderer> = LazyLock::new(|| Renderer::new(&MarkdownConfig::default()));

/// Markdown renders, with the default settings, to HTML without a way to run a script.
pub fn check_markdown(markdown: &str) {
    let html = RENDERER.render(markdown).html;
    if let Some(problem) = unsafe_markup(&html) {
        panic!("{problem} in\n{html}\nfrom\n{markdown:?}");
    }
}

/// Attributes whose value a browser loads or follows as a URL.
const URL_ATTRIBUTES: &[&str] =
    &["href", "src", "xlink:href", "action", "formaction", "poster", "background", "data", "srcset", "cite"];

/// What in `html` a browser would run: a `<script` anywhere, an `on…` event handler
/// attribute, or a `javascript:` (`vbscript:`, `data:`) URL. Tags are read the way the HTML
/// tokenizer reads them, so text that only looks like an attribute is not taken for one.
pub fn unsafe_markup(html: &str) -> Option<String> {
    if html.to_ascii_lowercase().contains("<script") {
        return Some("a <script".into());
    }
    let bytes = html.as_bytes();
    let len = bytes.len();
    let space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    let mut i = 0;
    while let Some(found) = html[i..].find('<') {
        i += found + 1;
        if !bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let mut j = i;
        while j < len && !space(bytes[j]) && !matches!(bytes[j], b'/' | b'>') {
            j += 1;
        }
        loop {
            while j < len && (space(bytes[j]) || bytes[j] == b'/') {
                j += 1;
            }
            if j >= len || bytes[j] == b'>' {
                break;
            }
            let name_start = j;
            j += 1; // The first character of a name may be `=`.
            while j < len && !space(bytes[j]) && !matches!(bytes[j], b'/' | b'>' | b'=') {
                j += 1;
            }
            let name = html[name_start..j].to_ascii_lowercase();
            while j < len && space(bytes[j]) {
                j += 1;
            }
            let mut value = "";
            if j < len && bytes[j] == b'=' {
                j += 1;
                while j < len && space(bytes[j]) {
                    j += 1;
                }
                match bytes.get(j) {
                    Some(&quote @ (b'"' | b'\'')) => {
                        let end = html[j + 1..].find(quote as char).map_or(len, |e| j + 1 + e);
                        value = &html[j + 1..end];
                        j = (end + 1).min(len);
                    }
                    _ => {
                        let start = j;
                        while j < len && !space(bytes[j]) && bytes[j] != b'>' {
                            j += 1;
                        }
                        value = &html[start..j];
                    }
                }
            }
            if name.starts_with("on") {
                return Some(format!("an event handler attribute `{name}`"));
            }
            if URL_ATTRIBUTES.contains(&name.as_str()) {
                // As a browser reads a URL: C0 controls and spaces trimmed at both ends, tabs
                // and newlines removed everywhere (other controls inside make it relative).
                let decoded = decode_entities(value);
                let url: String = decoded
                    .trim_matches(|c: char| c <= ' ')
                    .chars()
                    .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                    .collect::<String>()
                    .to_ascii_lowercase();
                if ["javascript:", "vbscript:", "data:"].iter().any(|scheme| url.starts_with(scheme)) {
                    return Some(format!("a script URL in `{name}`: {value:?}"));
                }
            }
        }
        i = j.min(len);
    }
    None
}

/// Decodes the character references an HTML serializer writes in attribute values.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let decoded = rest.find(';').filter(|&semi| semi <= 12).and_then(|semi| {
            let name = &rest[1..semi];
            let c = match name {
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "colon" => Some(':'),
                "Tab" | "tab" => Some('\t'),
                "NewLine" | "newline" => Some('\n'),
                "nbsp" => Some('\u{a0}'),
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            };
            c.map(|c| (c, semi))
        });
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
