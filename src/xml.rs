//! Writing XML by hand, safely: text and attribute values escaped, and the characters XML 1.0
//! cannot hold at all (most control characters) left out, so no notice can make a feed or a
//! sitemap unreadable.

use std::fmt::Write;

/// Appends `text` to `out`, escaped for an element's text or a quoted attribute value.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
}

/// Whether XML 1.0 allows `c` in a document.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// An XML document written element by element, indented by nesting.
pub struct Writer {
    out: String,
    depth: usize,
}

impl Default for Writer {
    fn default() -> Self {
        Writer::new()
    }
}

impl Writer {
    pub fn new() -> Writer {
        Writer { out: String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"), depth: 0 }
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    fn tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            let _ = write!(self.out, " {k}=\"");
            escape_into(&mut self.out, v);
            self.out.push('"');
        }
    }

    /// Opens `<name attrs…>`; close it with [`Writer::close`].
    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.indent();
        self.tag(name, attrs);
        self.out.push_str(">\n");
        self.depth += 1;
    }

    pub fn close(&mut self, name: &str) {
        self.depth -= 1;
        self.indent();
        let _ = writeln!(self.out, "</{name}>");
    }

    /// `<name attrs…>text</name>`.
    pub fn text(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.indent();
        self.tag(name, attrs);
        self.out.push('>');
        escape_into(&mut self.out, text);
        let _ = writeln!(self.out, "</{name}>");
    }

    /// `<name attrs…/>`.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.indent();
        self.tag(name, attrs);
        self.out.push_str("/>\n");
    }

    pub fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_cannot_hold() {
        for (text, want) in [
            ("plain", "plain"),
            ("\"Q\" & <A> 'b'", "&quot;Q&quot; &amp; &lt;A&gt; &apos;b&apos;"),
            ("bell\u{7}\u{0}\u{FFFE}", "bell"),
            ("tab\tline\n", "tab\tline\n"),
            ("退役军人 🎖", "退役军人 🎖"),
        ] {
            let mut out = String::new();
            escape_into(&mut out, text);
            assert_eq!(out, want, "{text:?}");
        }
    }

    #[test]
    fn writes_nested_elements() {
        let mut w = Writer::new();
        w.open("a", &[("x", "1 & 2")]);
        w.text("b", &[], "<t>");
        w.empty("c", &[("href", "/")]);
        w.close("a");
        assert_eq!(
            w.finish(),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<a x=\"1 &amp; 2\">\n  <b>&lt;t&gt;</b>\n  <c href=\"/\"/>\n</a>\n"
        );
    }
}
