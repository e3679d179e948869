//! A look at the raw HTML of a body before it reaches a page: what an HTML parser (the
//! sanitizer's, then the reader's browser) would make of it that the author cannot mean.
//!
//! - An element whose content is raw text (`<style>`, `<script>`, `<textarea>`…) or a
//!   comment (`<!--`) that is never closed takes everything after it, to the end of the
//!   page: the sanitizer removes it all, or the browser shows none of it.
//! - Elements nested very deep cost the sanitizer's HTML parser time that grows with the
//!   square of the depth (each start tag looks down the stack of open elements), and
//!   browsers flatten what is deeper than 512 levels anyway.
//!
//! The scan follows the HTML tokenizer only as far as these need: tags (with quoted
//! attribute values, which may hold `<`), comments and raw text elements.

/// Elements whose content is not markup but runs to their end tag.
const RAW_TEXT: &[&str] =
    &["style", "script", "textarea", "title", "xmp", "iframe", "noscript", "noembed", "noframes", "plaintext"];

/// Elements without content, and elements whose end tag a parser implies (a `<p>` closes the
/// `<p>` before it): neither deepens the stack of open elements.
const FLAT: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "p", "li",
    "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rb", "rt", "rp", "rtc", "colgroup",
    "caption", "html", "head", "body",
];

/// How deep raw HTML elements may nest: what browsers build (deeper elements become
/// siblings), and a bound on the sanitizer's work.
pub const MAX_DEPTH: usize = 512;

/// What the scan found, at offsets into the raw HTML it was given.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Scan {
    /// The first raw text element or comment left open: its name (`!--` for a comment)
    /// and where its `<` is.
    pub unclosed: Option<(&'static str, usize)>,
    /// Where the first element deeper than [`MAX_DEPTH`] opens.
    pub too_deep: Option<usize>,
}

/// Scans `html`, the raw HTML of a body in order (its pieces joined).
pub fn scan(html: &str) -> Scan {
    let bytes = html.as_bytes();
    let mut found = Scan::default();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(lt) = html[i..].find('<').map(|k| k + i) {
        let rest = &html[lt + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            // `<!-->` and `<!--->` are (empty) comments; else it runs to `-->` or `--!>`.
            let start = lt + 4;
            let end = if comment.starts_with('>') {
                Some(start + 1)
            } else if comment.starts_with("->") {
                Some(start + 2)
            } else {
                [("-->", 3), ("--!>", 4)]
                    .into_iter()
                    .filter_map(|(close, n)| comment.find(close).map(|k| start + k + n))
                    .min()
            };
            match end {
                Some(end) => i = end,
                None => {
                    found.unclosed = Some(("!--", lt));
                    return found;
                }
            }
            continue;
        }
        let closing = rest.starts_with('/');
        let name_start = lt + 1 + usize::from(closing);
        let name_len = html[name_start..]
            .bytes()
            .take_while(|b| !matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>'))
            .count();
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            // `<!DOCTYPE …>`, `<?…>`, `</…>` without a name: skipped to their `>`; a `<`
            // before anything else is text.
            if matches!(bytes.get(lt + 1), Some(b'!' | b'?' | b'/')) {
                match html[lt..].find('>') {
                    Some(gt) => i = lt + gt + 1,
                    None => return found,
                }
            } else {
                i = lt + 1;
            }
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let Some(end) = tag_end(html, name_start + name_len) else {
            // A tag that never ends: the rest is its attributes.
            return found;
        };
        i = end;
        let flat = FLAT.contains(&name.as_str());
        if closing {
            if !flat {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        if let Some(raw) = RAW_TEXT.iter().find(|r| **r == name) {
            // `<plaintext>` has no end tag: everything after it is its text.
            match (*raw != "plaintext").then(|| raw_text_end(html, end, raw)).flatten() {
                Some(after) => i = after,
                None => {
                    found.unclosed = Some((raw, lt));
                    return found;
                }
            }
            continue;
        }
        if !flat {
            depth += 1;
            if depth > MAX_DEPTH && found.too_deep.is_none() {
                found.too_deep = Some(lt);
            }
        }
    }
    found
}

/// Where the tag whose attributes start at `from` ends (after its `>`), skipping quoted
/// attribute values.
fn tag_end(html: &str, from: usize) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut i = from;
    // An attribute value starts after `=` (and spaces); only there does a quote quote.
    let mut after_equals = false;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'>' => return Some(i + 1),
            b'=' => after_equals = true,
            b'"' | b'\'' if after_equals => {
                let close = html[i + 1..].find(b as char)?;
                i += close + 1;
                after_equals = false;
            }
            b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' => {}
            _ => after_equals = false,
        }
        i += 1;
    }
    None
}

/// Where the raw text of element `name`, starting at `from`, ends: after its end tag.
fn raw_text_end(html: &str, from: usize, name: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut i = from;
    while let Some(k) = html[i..].find("</") {
        let at = i + k + 2;
        let candidate = bytes.get(at..at + name.len());
        let next = bytes.get(at + name.len()).copied();
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name.as_bytes()))
            && matches!(next, None | Some(b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>'))
        {
            return Some(tag_end(html, at + name.len()).unwrap_or(html.len()));
        }
        i = at;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_text_and_comments_left_open() {
        for (html, want) in [
            ("<style>p{}</style>", None),
            ("<style>p{}</STYLE >", None),
            ("<style>p{}", Some(("style", 0))),
            ("x <script src=\"a.js\">", Some(("script", 2))),
            ("<script src=\"a.js\" />", Some(("script", 0))),
            ("<script>a</scripts>", Some(("script", 0))),
            ("<TextArea rows=3>", Some(("textarea", 0))),
            ("<title>x</title><xmp>", Some(("xmp", 16))),
            ("<iframe>", Some(("iframe", 0))),
            ("<noscript>", Some(("noscript", 0))),
            ("<noembed>", Some(("noembed", 0))),
            ("<noframes>", Some(("noframes", 0))),
            ("<plaintext>x</plaintext>", Some(("plaintext", 0))),
            // Closed, then opened again on the same line.
            ("<style>p{}</style> <style>", Some(("style", 19))),
            ("<!-- a -->", None),
            ("<!---->", None),
            ("<!-->", None),
            ("<!--->", None),
            ("<!-- a --!>", None),
            ("<!-- a", Some(("!--", 0))),
            ("<p>a</p>\n<!-- b -- >", Some(("!--", 9))),
            // Inside a comment, or an attribute value, a `<style>` opens nothing.
            ("<!-- <style> -->", None),
            ("<abbr title=\"<style>\">S</abbr>", None),
            ("<abbr title='a > <style>'>S</abbr>", None),
            // Not tags.
            ("a < b <3 <> <", None),
            ("<!DOCTYPE html><?x?>", None),
            ("<stylesheet>", None),
        ] {
            assert_eq!(scan(html).unclosed, want, "{html:?}");
        }
    }

    #[test]
    fn any_cut_of_tricky_html_scans_without_panicking() {
        let html = "<a title='é<style>'>ü</a><!-- 注 --><STYLE x=\"工\">p</style ><script src=x/>工</script><b>";
        for (end, _) in html.char_indices() {
            for (start, _) in html[..end].char_indices() {
                scan(&html[start..end]);
            }
        }
    }

    #[test]
    fn depth() {
        let deep = |n: usize| format!("{}x{}", "<div>".repeat(n), "</div>".repeat(n));
        assert_eq!(scan(&deep(MAX_DEPTH)).too_deep, None);
        assert_eq!(scan(&deep(MAX_DEPTH + 1)).too_deep, Some(5 * MAX_DEPTH));
        // Closed elements do not add up, nor do those without content or implied ends.
        let flat = "<div><span>a</span></div><br><p>a<p>b<li>c<img src=x>".repeat(1000);
        assert_eq!(scan(&flat).too_deep, None);
        assert_eq!(scan(&"<b>".repeat(600)).too_deep, Some(3 * MAX_DEPTH));
    }
}
