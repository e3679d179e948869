//! Slugs: the URL segments made from titles, tags and names, by the site's `[slugs] mode`.
//! A slug never contains `/` or `..`; it may be empty, which the caller must handle.

use crate::config::SlugMode;

/// URL segments the site's own listings use; a section may not take them.
pub const RESERVED: &[&str] = &["tags", "people", "archive", "page", "search", "search-index"];

/// The slug of `text` in `mode`; empty if `text` has no usable characters.
pub fn slugify(text: &str, mode: SlugMode) -> String {
    match mode {
        SlugMode::Transliterate => dashed(&deunicode::deunicode(text), |c| c.is_ascii_alphanumeric()),
        SlugMode::Safe => dashed(text, char::is_alphanumeric),
        SlugMode::Off => {
            let cleaned: String = text
                .trim()
                .chars()
                .map(|c| if c.is_control() || r#"/\:*?"<>|"#.contains(c) { '-' } else { c })
                .collect();
            let cleaned = cleaned.trim_matches(|c: char| c == '.' || c == '-' || c.is_whitespace());
            if cleaned.contains("..") || !cleaned.chars().any(char::is_alphanumeric) {
                dashed(cleaned, char::is_alphanumeric)
            } else {
                cleaned.to_owned()
            }
        }
    }
}

/// Lowercases `text`, keeps the characters `keep` accepts and joins the runs with `-`.
fn dashed(text: &str, keep: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if keep(c) {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            // Only the lowercase letters `keep` accepts: `İ` lowercases to `i` and a combining
            // dot, which a second pass would turn into a dash.
            out.extend(c.to_lowercase().filter(|l| keep(*l)));
        } else {
            dash = true;
        }
    }
    out
}

/// Longest URL segment Gazette makes, in bytes: file names may not be much longer (255
/// bytes on most file systems), and nobody reads a longer address.
pub const MAX_SEGMENT_BYTES: usize = 120;

/// Longest name of a file or folder most file systems allow, in bytes: the limit of each part
/// of an address written by hand (an alias).
pub const MAX_FILE_NAME_BYTES: usize = 255;

/// `text` cut to its first `max` characters, with `…` when it was longer: to quote a long
/// value in a message.
pub fn shortened(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// Endings of the files Gazette writes (pages, feeds, sitemaps, robots.txt): a slug ending
/// in one would make an address that looks like a file, and a folder where a listing's feed
/// or page may be a file (`slug = "atom.xml"`, `slug = "index.html"`).
const FILE_ENDINGS: &[&str] = &[".html", ".htm", ".xml", ".json", ".txt"];

/// A slug made from a title, tag or name, shortened to [`MAX_SEGMENT_BYTES`] at a dash when
/// it is longer.
pub fn fit(slug: String) -> String {
    if slug.len() <= MAX_SEGMENT_BYTES {
        return slug;
    }
    let mut end = MAX_SEGMENT_BYTES;
    while !slug.is_char_boundary(end) {
        end -= 1;
    }
    let head = &slug[..end];
    let cut = match head.rfind('-') {
        Some(i) if i > MAX_SEGMENT_BYTES / 2 => &head[..i],
        _ => head,
    };
    // As `slugify` does at the ends: no dash, dot or space (some systems drop them from names).
    cut.trim_end_matches(|c: char| c == '-' || c == '.' || c.is_whitespace()).to_owned()
}

/// Checks a slug written in front matter, which is used as written (trimmed).
pub fn check_explicit(slug: &str) -> Result<String, (String, &'static str)> {
    let slug = slug.trim();
    const HINT: &str = "a slug is one URL segment of letters, digits and dashes, e.g. slug = \"work-conference-2021\"";
    if slug.contains(['/', '\\']) {
        return Err((format!("the slug `{slug}` contains a slash"), HINT));
    }
    if slug.contains("..") {
        return Err((format!("the slug `{slug}` contains `..`"), HINT));
    }
    if !slug.chars().any(char::is_alphanumeric) {
        return Err((format!("the slug `{slug}` has no letters or digits"), HINT));
    }
    if slug.len() > MAX_SEGMENT_BYTES {
        return Err((
            format!("the slug is {} bytes long; a URL segment may have at most {MAX_SEGMENT_BYTES}", slug.len()),
            "shorten it to a few words, e.g. slug = \"work-conference-2021\"",
        ));
    }
    if slug.chars().any(|c| c.is_control() || c.is_whitespace() || r#":*?"<>|#%"#.contains(c)) {
        return Err((format!("the slug `{slug}` contains spaces or characters not allowed in a URL segment"), HINT));
    }
    let lower = slug.to_lowercase();
    if let Some(ending) = FILE_ENDINGS.iter().find(|e| lower.ends_with(*e)) {
        return Err((
            format!("the slug `{slug}` ends in `{ending}`, like the files of the site"),
            "a slug is one URL segment, without a file extension, e.g. slug = \"work-conference-2021\"",
        ));
    }
    Ok(slug.to_owned())
}

/// Percent-encodes a URL path segment: everything but ASCII letters, digits and `-._~`, so
/// links, feeds and sitemaps carry plain ASCII URLs while files keep their Unicode names.
pub fn encode_segment(segment: &str) -> String {
    percent_encoding::utf8_percent_encode(segment, SEGMENT).to_string()
}

/// Appends the site path `path` to `out`, each of its segments percent-encoded as by
/// [`encode_segment`] and its slashes kept.
pub fn encode_path_into(path: &str, out: &mut String) {
    out.extend(percent_encoding::utf8_percent_encode(path, PATH));
}

/// What a URL segment keeps as written: letters, digits and `-._~` (RFC 3986's unreserved).
const SEGMENT: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');
/// The same, and `/` between segments.
const PATH: &percent_encoding::AsciiSet = &SEGMENT.remove(b'/');

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_encoded_segment_by_segment() {
        for (path, want) in [
            ("meetings/a-b_c.d~e/", "meetings/a-b_c.d~e/"),
            ("people/李阳/", "people/%E6%9D%8E%E9%98%B3/"),
            ("a b/100%/<x>?#", "a%20b/100%25/%3Cx%3E%3F%23"),
            ("", ""),
        ] {
            let mut out = String::from("/base/");
            encode_path_into(path, &mut out);
            assert_eq!(out, format!("/base/{want}"), "{path}");
            let by_segment: Vec<String> = path.split('/').map(encode_segment).collect();
            assert_eq!(by_segment.join("/"), want, "{path}");
        }
    }

    #[test]
    fn long_slugs_are_cut_at_a_dash() {
        let long = "word-".repeat(60) + "end";
        let cut = fit(long);
        assert!(cut.len() <= MAX_SEGMENT_BYTES && cut.ends_with("word") && !cut.ends_with('-'), "{cut}");
        let cjk = "李".repeat(100);
        let cut = fit(cjk);
        assert!(cut.len() <= MAX_SEGMENT_BYTES && cut.chars().all(|c| c == '李'));
        assert_eq!(fit("short".into()), "short");
        assert!(check_explicit(&"a".repeat(121)).is_err() && check_explicit(&"a".repeat(120)).is_ok());
    }
    use SlugMode::*;

    #[test]
    fn slugs_by_mode() {
        let cases = [
            ("Work Conference 2021", Transliterate, "work-conference-2021"),
            ("Work Conference 2021", Safe, "work-conference-2021"),
            ("Work Conference 2021", Off, "Work Conference 2021"),
            ("李阳", Transliterate, "li-yang"),
            ("李阳", Safe, "李阳"),
            ("退役军人 工作会议", Safe, "退役军人-工作会议"),
            ("Café — “Crème brûlée”!", Transliterate, "cafe-creme-brulee"),
            ("Café — “Crème brûlée”!", Safe, "café-crème-brûlée"),
            ("  C++ / Rust?  ", Transliterate, "c-rust"),
            ("a/b\\c", Off, "a-b-c"),
            ("../etc/passwd", Off, "etc-passwd"),
            ("..", Off, ""),
            ("!!!", Transliterate, ""),
            ("!!!", Safe, ""),
            ("— · —", Off, ""),
            ("", Transliterate, ""),
        ];
        for (text, mode, want) in cases {
            assert_eq!(slugify(text, mode), want, "{text:?} {mode:?}");
        }
    }

    #[test]
    fn explicit_slugs() {
        assert_eq!(check_explicit(" work-2021 ").unwrap(), "work-2021");
        assert_eq!(check_explicit("会议").unwrap(), "会议");
        assert_eq!(check_explicit("version-2.0").unwrap(), "version-2.0");
        for (slug, msg) in [
            ("a/b", "the slug `a/b` contains a slash"),
            ("..", "the slug `..` contains `..`"),
            ("a..b", "the slug `a..b` contains `..`"),
            ("---", "the slug `---` has no letters or digits"),
            ("", "the slug `` has no letters or digits"),
            ("a b", "the slug `a b` contains spaces or characters not allowed in a URL segment"),
            ("index.html", "the slug `index.html` ends in `.html`, like the files of the site"),
            ("atom.xml", "the slug `atom.xml` ends in `.xml`, like the files of the site"),
            ("feed.JSON", "the slug `feed.JSON` ends in `.json`, like the files of the site"),
            ("robots.txt", "the slug `robots.txt` ends in `.txt`, like the files of the site"),
        ] {
            assert_eq!(check_explicit(slug).unwrap_err().0, msg);
        }
    }

    #[test]
    fn long_values_are_shortened_in_messages() {
        for (text, max, want) in [("abc", 3, "abc"), ("abcd", 3, "abc…"), ("李阳李阳", 2, "李阳…"), ("", 2, "")]
        {
            assert_eq!(shortened(text, max), want);
        }
    }

    #[test]
    fn encodes_segments() {
        assert_eq!(encode_segment("li-yang_2.0~"), "li-yang_2.0~");
        assert_eq!(encode_segment("李阳"), "%E6%9D%8E%E9%98%B3");
        assert_eq!(encode_segment("a b?#%"), "a%20b%3F%23%25");
    }
}
