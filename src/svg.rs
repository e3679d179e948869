//! SVG files a notice publishes as they are (its attachments and the images beside it). An
//! SVG opened at its own address is a document of the site: its script runs on the site's
//! origin, with its cookies. A press office's logo or chart needs none of that, so an SVG
//! with anything a browser would run or fetch is refused rather than cleaned: script, event
//! handlers, `<foreignObject>` and other embedded documents, `javascript:` links, and any
//! reference that is not to a part of the file itself (`#id`) or an embedded raster image.
//!
//! The static files of a site and its theme are not checked: they are the templates' own
//! files, where script (`static/app.js`) is the theme author's to write.

/// Something an SVG file may not hold, and the line of the file it is on.
#[derive(Debug, PartialEq, Eq)]
pub struct Active {
    /// What was found: "a <script> element", "an event handler `onload`".
    pub what: String,
    pub line: u32,
}

/// What readers are told to do about an SVG that was refused.
pub const HINT: &str = "an SVG is published as it is, and one opened at its own address runs on the site: \
remove scripts, event handlers (on…), <foreignObject> and references to other files or addresses from it \
(references inside the file, like url(#gradient), are fine), or publish the picture as PNG";

/// Whether `path` names an SVG file, by its extension.
pub fn is_svg(path: &str) -> bool {
    path.rsplit_once('.').is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("svg") || ext.eq_ignore_ascii_case("svgz"))
}

/// The first thing in the SVG `bytes` a browser would run or fetch, if there is one. A file
/// that cannot be read as XML cannot be checked, and is refused too.
pub fn active_content(bytes: &[u8]) -> Option<Active> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Some(Active {
            what: "text that is not UTF-8 (or a compressed file), which cannot be checked".into(),
            line: 1,
        });
    };
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
    let doc = match roxmltree::Document::parse_with_options(text, options) {
        Ok(doc) => doc,
        Err(e) => {
            return Some(Active { what: format!("an XML error, so it cannot be checked ({e})"), line: e.pos().row });
        }
    };
    doc.descendants()
        .find_map(|node| node_problem(&node).map(|what| Active { what, line: doc.text_pos_at(node.range().start).row }))
}

const ELEMENTS: &[&str] = &["script", "foreignobject", "iframe", "embed", "object", "handler", "listener"];
const ANIMATIONS: &[&str] = &["animate", "set", "animatemotion", "animatecolor", "animatetransform"];

fn node_problem(node: &roxmltree::Node) -> Option<String> {
    if node.is_pi() {
        let target = node.pi().map(|pi| pi.target).unwrap_or_default();
        return target.eq_ignore_ascii_case("xml-stylesheet").then(|| "an xml-stylesheet instruction".into());
    }
    if !node.is_element() {
        return None;
    }
    let tag = node.tag_name();
    let name = tag.name().to_ascii_lowercase();
    if ELEMENTS.contains(&name.as_str()) {
        return Some(format!("a <{}> element", tag.name()));
    }
    if tag.namespace() == Some("http://www.w3.org/1999/xhtml") {
        return Some(format!("an HTML <{}> element", tag.name()));
    }
    if name == "style" {
        let css: String = node.children().filter_map(|c| c.text()).collect();
        if let Some(what) = css_problem(&css) {
            return Some(what);
        }
    }
    for a in node.attributes() {
        let attr = a.name().to_ascii_lowercase();
        let value = a.value();
        if attr.starts_with("on") {
            return Some(format!("an event handler `{}`", a.name()));
        }
        if ANIMATIONS.contains(&name.as_str()) && attr == "attributename" {
            let target = value.trim().to_ascii_lowercase();
            if target.starts_with("on") || target.ends_with("href") || target == "src" {
                return Some(format!("an animation of `{}`", value.trim()));
            }
        }
        let squeezed: String = value
            .chars()
            .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
            .collect::<String>()
            .to_ascii_lowercase();
        if ["javascript:", "vbscript:"].iter().any(|s| squeezed.contains(s)) {
            return Some("a `javascript:` link".into());
        }
        if (attr == "href" || attr == "src") && !local_reference(value) {
            return Some(format!("a reference to `{}`", shorten(value.trim())));
        }
        if let Some(what) = css_problem(value) {
            return Some(what);
        }
    }
    None
}

/// A reference to a part of the file itself, or an embedded raster image.
fn local_reference(target: &str) -> bool {
    let target = target.trim().trim_matches(['"', '\'']).trim();
    let lower = target.to_ascii_lowercase();
    target.starts_with('#')
        || ["data:image/png", "data:image/jpeg", "data:image/jpg", "data:image/gif", "data:image/webp"]
            .iter()
            .any(|p| lower.starts_with(p) && lower[p.len()..].starts_with([';', ',']))
}

/// What in CSS (a <style> element's text or an attribute's value) loads something: an
/// `@import`, a `url()` that is not local, `image-set()`; escapes, which could spell them
/// so that they are not seen, are refused too.
fn css_problem(css: &str) -> Option<String> {
    let lower = css.to_ascii_lowercase();
    if lower.contains("@import") {
        return Some("an @import in a style".into());
    }
    if lower.contains("image-set(") {
        return Some("an image-set() in a style".into());
    }
    if css.contains('\\') {
        return Some("an escape (\\) in a style, which could hide a reference".into());
    }
    let mut rest = lower.as_str();
    while let Some(i) = rest.find("url(") {
        rest = &rest[i + 4..];
        let target = rest.split(')').next().unwrap_or("");
        if !local_reference(target) {
            return Some(format!("a reference to `{}`", shorten(target.trim().trim_matches(['"', '\'']))));
        }
    }
    None
}

fn shorten(s: &str) -> String {
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPEN: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">"##;

    #[test]
    fn active_content_is_found_and_plain_drawings_pass() {
        let cases: &[(&str, Option<&str>)] = &[
            (r##"<rect width="10" fill="url(#g)"/><linearGradient id="g"/><use xlink:href="#g"/>"##, None),
            (r##"<image href="data:image/png;base64,iVBORw0KGgo="/>"##, None),
            ("<style>rect { fill: url('#g'); stroke: red }</style>", None),
            ("<title>Chart &amp; key</title><text>onload is a word</text>", None),
            ("<script>alert(1)</script>", Some("a <script> element")),
            (r##"<g><SCRIPT xlink:href="https://x.example/a.js"/></g>"##, Some("a <SCRIPT> element")),
            (r##"<rect onclick="alert(1)"/>"##, Some("an event handler `onclick`")),
            (r##"<rect ONMOUSEOVER="alert(1)"/>"##, Some("an event handler `ONMOUSEOVER`")),
            ("<foreignObject><div/></foreignObject>", Some("a <foreignObject> element")),
            (r##"<h:iframe xmlns:h="http://www.w3.org/1999/xhtml"/>"##, Some("a <iframe> element")),
            (r##"<h:img xmlns:h="http://www.w3.org/1999/xhtml"/>"##, Some("an HTML <img> element")),
            (r##"<a href="javascript:alert(1)"><text>x</text></a>"##, Some("a `javascript:` link")),
            ("<a href=\"java&#x09;script:alert(1)\"/>", Some("a `javascript:` link")),
            (r##"<a xlink:href=" JaVaScRiPt:alert(1)"/>"##, Some("a `javascript:` link")),
            (r##"<set attributeName="href" to="https://x.example"/>"##, Some("an animation of `href`")),
            (r##"<animate attributeName="onbegin"/>"##, Some("an animation of `onbegin`")),
            (
                r##"<image href="https://tracker.example/p.png"/>"##,
                Some("a reference to `https://tracker.example/p.png`"),
            ),
            (r##"<image xlink:href="//tracker.example/p.png"/>"##, Some("a reference to `//tracker.example/p.png`")),
            (r##"<use href="sprite.svg#icon"/>"##, Some("a reference to `sprite.svg#icon`")),
            (
                r##"<image href="data:image/svg+xml;base64,PHN2Zz4="/>"##,
                Some("a reference to `data:image/svg+xml;base64,PHN2Zz4=`"),
            ),
            (r##"<a href="https://bureau.example.gov/"/>"##, Some("a reference to `https://bureau.example.gov/`")),
            ("<style>@import 'https://x.example/a.css';</style>", Some("an @import in a style")),
            (
                "<style><![CDATA[rect { fill: url(https://x.example/a) }]]></style>",
                Some("a reference to `https://x.example/a`"),
            ),
            (r##"<rect style="fill: url( 'http://x.example/a' )"/>"##, Some("a reference to `http://x.example/a`")),
            (r##"<rect fill="url(http://x.example/a#g)"/>"##, Some("a reference to `http://x.example/a#g`")),
            (
                "<style>rect { background: \\75 rl(http://x.example) }</style>",
                Some("an escape (\\) in a style, which could hide a reference"),
            ),
            (
                "<style>rect { background: image-set('http://x.example/a' 1x) }</style>",
                Some("an image-set() in a style"),
            ),
        ];
        for (body, want) in cases {
            let svg = format!("{OPEN}\n{body}\n</svg>");
            let got = active_content(svg.as_bytes());
            assert_eq!(got.as_ref().map(|a| a.what.as_str()), *want, "{body}");
            if want.is_some() {
                assert_eq!(got.unwrap().line, 2, "{body}");
            }
        }
    }

    #[test]
    fn files_that_cannot_be_checked_are_refused() {
        let entity = format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY s \"<script>alert(1)</script>\">]>\n{OPEN}&s;</svg>"
        );
        let cases: &[(&[u8], &str)] = &[
            (b"\x1f\x8b\x08\x00", "text that is not UTF-8"),
            (b"<svg><rect></svg>", "an XML error"),
            (entity.as_bytes(), "a <script> element"),
            (b"<?xml-stylesheet href=\"https://x.example/a.css\"?><svg/>", "an xml-stylesheet instruction"),
        ];
        for (bytes, want) in cases {
            let got = active_content(bytes).map(|a| a.what).unwrap_or_default();
            assert!(got.starts_with(want), "{}: {got}", String::from_utf8_lossy(bytes));
        }
        let doctype =
            "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">";
        assert_eq!(active_content(format!("{doctype}\n{OPEN}<rect/></svg>").as_bytes()), None);
        assert!(is_svg("a/Chart.SVG") && is_svg("x.svgz") && !is_svg("svg.png"));
    }
}
