//! The `sanitize` policy for raw HTML in notices: keep ordinary markup (tables, `<abbr>`,
//! `<sup>`, the ids and classes of headings and highlighting), remove scripts, styles,
//! frames, event handlers, dangerous URLs, and links that give the page they open a hold on
//! the reader's tab (`rel="opener"`, named targets).

use std::collections::HashSet;

/// URL schemes a link or image may use; anything else (`javascript:`, `data:`, `vbscript:`)
/// is refused.
const SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

pub struct Sanitizer {
    builder: ammonia::Builder<'static>,
}

impl Sanitizer {
    pub fn new() -> Self {
        let mut builder = ammonia::Builder::default();
        builder
            .add_tags(["section", TASK_DONE, TASK_OPEN])
            // Marks the task list markers (see `restore_task_markers`). The value's quotes
            // are escaped inside any attribute value, so the marked form appears only as a tag.
            .set_tag_attribute_value(TASK_DONE, "data-gazette", "")
            .set_tag_attribute_value(TASK_OPEN, "data-gazette", "")
            .add_generic_attributes(["id", "class", "dir"])
            .add_tag_attributes("th", ["style"])
            .add_tag_attributes("td", ["style"])
            // What Gazette writes on links to other sites (see `Renderer::external_link`).
            .add_tag_attributes("a", ["rel", "target", "aria-label"])
            // The box Gazette puts around a table (see `Renderer`).
            .add_tag_attributes("div", ["role", "tabindex", "aria-label"])
            .filter_style_properties(HashSet::from(["text-align"]))
            .url_schemes(SCHEMES.iter().copied().collect())
            // ammonia keeps `cite` without checking its URL: no reader follows it, so drop it.
            .rm_tag_attributes("blockquote", &["cite"])
            .rm_tag_attributes("q", &["cite"])
            .rm_tag_attributes("del", &["cite"])
            .rm_tag_attributes("ins", &["cite"])
            .attribute_filter(|element, attribute, value| match (element, attribute) {
                ("a" | "area", "rel") => without_opener(value),
                ("a" | "area", "target") => keyword_target(value),
                _ => Some(value.into()),
            })
            .link_rel(None);
        Sanitizer { builder }
    }

    /// `html` with only what the policy allows. A task list's checkboxes are passed in as
    /// [`task_marker`]s, since the policy removes every `<input>` an author writes.
    pub fn clean(&self, html: &str) -> String {
        restore_task_markers(&self.builder.clean(html).to_string())
    }
}

/// A link's `rel` without `opener`, which would give the page it opens a hold on the
/// reader's tab (`window.opener`: it could send the tab to a look-alike page). Nothing
/// when nothing else is left.
fn without_opener(rel: &str) -> Option<std::borrow::Cow<'_, str>> {
    if !rel.split_ascii_whitespace().any(|t| t.eq_ignore_ascii_case("opener")) {
        return Some(rel.into());
    }
    let kept: Vec<&str> = rel.split_ascii_whitespace().filter(|t| !t.eq_ignore_ascii_case("opener")).collect();
    (!kept.is_empty()).then(|| kept.join(" ").into())
}

/// A link's `target` when it is a keyword: a page opened in a new tab by `_blank` gets no
/// `window.opener`, one opened in a named window does.
fn keyword_target(target: &str) -> Option<std::borrow::Cow<'_, str>> {
    ["_blank", "_self", "_parent", "_top"].iter().any(|k| k.eq_ignore_ascii_case(target.trim())).then(|| target.into())
}

/// Elements that stand for a task list's checkboxes while the sanitizer runs.
const TASK_DONE: &str = "gazette-task-done";
const TASK_OPEN: &str = "gazette-task-open";

/// The stand-in for a task list checkbox, to render instead of the `<input>`.
pub fn task_marker(done: bool) -> String {
    format!("<{0}></{0}>", if done { TASK_DONE } else { TASK_OPEN })
}

/// Puts the checkboxes back where the markers are. A marker the sanitizer let through has
/// the attribute it sets, with quotes that cannot occur unescaped inside an attribute value.
fn restore_task_markers(html: &str) -> String {
    if !html.contains("<gazette-task-") {
        return html.to_owned();
    }
    html.replace(
        &format!("<{TASK_DONE} data-gazette=\"\"></{TASK_DONE}>"),
        "<input disabled=\"\" type=\"checkbox\" checked=\"\"/>\n",
    )
    .replace(&format!("<{TASK_OPEN} data-gazette=\"\"></{TASK_OPEN}>"), "<input disabled=\"\" type=\"checkbox\"/>\n")
}

/// Whether `url` is relative or uses one of [`SCHEMES`]. Browsers ignore tabs, newlines and
/// leading spaces inside a scheme (`java\tscript:`), so they are ignored here too.
pub fn safe_url(url: &str) -> bool {
    let cleaned: String = url.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_control()).collect();
    let scheme_end = cleaned.find(':');
    let path_start = cleaned.find(['/', '?', '#']);
    match (scheme_end, path_start) {
        (Some(colon), Some(slash)) if slash < colon => true,
        (Some(colon), _) => {
            let scheme = cleaned[..colon].to_ascii_lowercase();
            SCHEMES.contains(&scheme.as_str())
        }
        (None, _) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        for (url, ok) in [
            ("https://example.gov/", true),
            ("http://x", true),
            ("mailto:press@example.gov", true),
            ("tel:+861234", true),
            ("/relative/path", true),
            ("page.html#a:b", true),
            ("#anchor", true),
            ("./a:b", true),
            ("javascript:alert(1)", false),
            ("JavaScript:alert(1)", false),
            (" java\tscript:alert(1)", false),
            ("data:text/html;base64,AAAA", false),
            ("vbscript:x", false),
        ] {
            assert_eq!(safe_url(url), ok, "{url:?}");
        }
    }

    #[test]
    fn removes_the_dangerous_and_keeps_the_ordinary() {
        let s = Sanitizer::new();
        for (input, want) in [
            ("<script>alert(1)</script><p>x</p>", "<p>x</p>"),
            ("<p onclick=\"x()\">a</p>", "<p>a</p>"),
            ("<blockquote cite=\"javascript:alert(1)\">q</blockquote>", "<blockquote>q</blockquote>"),
            ("<q cite=\"javascript:x\">q</q>", "<q>q</q>"),
            ("<a href=\"javascript:alert(1)\">a</a>", "<a>a</a>"),
            ("<iframe src=\"https://x\"></iframe>", ""),
            ("<style>p{}</style>", ""),
            (
                "<abbr title=\"Bureau\">B</abbr> H<sub>2</sub>O 1<sup>st</sup>",
                "<abbr title=\"Bureau\">B</abbr> H<sub>2</sub>O 1<sup>st</sup>",
            ),
            ("<h2 id=\"a\">A</h2>", "<h2 id=\"a\">A</h2>"),
            ("<span class=\"hl-keyword\">fn</span>", "<span class=\"hl-keyword\">fn</span>"),
            (
                "<table><tbody><tr><td style=\"text-align: center; color: red\">x</td></tr></tbody></table>",
                "<table><tbody><tr><td style=\"text-align:center\">x</td></tr></tbody></table>",
            ),
            ("<input type=\"text\"><input type=\"checkbox\">", ""),
            ("<a href=\"/x\" rel=\"opener\" target=\"_blank\">a</a>", "<a href=\"/x\" target=\"_blank\">a</a>"),
            (
                "<a href=\"/x\" rel=\"nofollow  OPENER noreferrer\">a</a>",
                "<a href=\"/x\" rel=\"nofollow noreferrer\">a</a>",
            ),
            (
                "<a href=\"/x\" rel=\"noopener\" target=\"_blank\">a</a>",
                "<a href=\"/x\" rel=\"noopener\" target=\"_blank\">a</a>",
            ),
            ("<a href=\"/x\" target=\"news\">a</a>", "<a href=\"/x\">a</a>"),
            ("<a href=\"/x\" target=\"_TOP\">a</a>", "<a href=\"/x\" target=\"_TOP\">a</a>"),
        ] {
            let got = s.clean(input);
            assert_eq!(got, want, "{input}");
        }
    }
}
