//! Fenced code blocks highlighted by syntect into CSS classes (`hl-keyword`, `hl-string`…),
//! styled by the theme's stylesheet, so pages carry no inline colours.

use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Prefix of every highlighting class.
pub const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Highlights code; the syntax definitions are loaded once, on first use, so sites without
/// code never pay for them.
#[derive(Default)]
pub struct Highlighter {
    syntaxes: OnceLock<SyntaxSet>,
}

impl Highlighter {
    pub fn new() -> Self {
        Self::default()
    }

    /// The HTML of a code block in `lang` (a fence's first word, maybe empty).
    pub fn block(&self, lang: &str, code: &str, highlight: bool) -> String {
        let lang_class = if lang.is_empty() { String::new() } else { format!(" class=\"language-{}\"", escape(lang)) };
        let highlighted = if highlight && !lang.is_empty() { self.highlight(lang, code) } else { None };
        match highlighted {
            Some(body) => format!("<pre class=\"hl\"><code{lang_class}>{body}</code></pre>\n"),
            None => format!("<pre><code{lang_class}>{}</code></pre>\n", escape(code)),
        }
    }

    fn highlight(&self, lang: &str, code: &str) -> Option<String> {
        let syntaxes = self.syntaxes.get_or_init(SyntaxSet::load_defaults_newlines);
        let syntax = syntaxes.find_syntax_by_token(lang)?;
        let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            // An error here means the grammar failed on this text: show it unhighlighted.
            generator.parse_html_for_line_which_includes_newline(line).ok()?;
        }
        Some(generator.finalize())
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_known_languages_into_classes() {
        let h = Highlighter::new();
        let html = h.block("rust", "fn main() {}\n", true);
        assert!(html.starts_with("<pre class=\"hl\"><code class=\"language-rust\">"), "{html}");
        assert!(html.contains("<span class=\"hl-storage hl-type hl-function"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn unknown_language_or_no_highlighting_is_escaped_text() {
        let h = Highlighter::new();
        assert_eq!(
            h.block("nosuchlang", "<b>\n", true),
            "<pre><code class=\"language-nosuchlang\">&lt;b&gt;\n</code></pre>\n"
        );
        assert_eq!(h.block("rust", "a<b\n", false), "<pre><code class=\"language-rust\">a&lt;b\n</code></pre>\n");
        assert_eq!(h.block("", "x\n", true), "<pre><code>x\n</code></pre>\n");
        assert_eq!(
            h.block("\"><script>", "x", false),
            "<pre><code class=\"language-&quot;&gt;&lt;script&gt;\">x</code></pre>\n"
        );
    }
}
