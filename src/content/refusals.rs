//! What a build refuses to publish in a notice, and `gazette check` lists among its
//! findings: rules of the content itself, so that both read them from here.

use crate::Diagnostic;
use crate::content::Notice;

/// Every image of notice `n` without alt text. `check` reports them among its findings; a
/// build refuses to publish them.
pub fn missing_alt(n: &Notice) -> Vec<Diagnostic> {
    n.body
        .links
        .iter()
        .filter(|l| l.image && l.alt.trim().is_empty())
        .map(|link| {
            Diagnostic::file(&n.shown, format!("the image {} has no alt text", link.url))
                .with_position(link.line + n.body_line - 1, link.col)
                .with_hint(
                    "describe what the image shows for readers who cannot see it: ![Minister at the podium](photo.jpg); \
                     an image that carries no information: {{ figure(src=\"photo.jpg\", decorative=true) }}",
                )
        })
        .collect()
}

/// Raw HTML left open in notice `n` (`<style>`, `<script>`, `<!--`…), which would hide
/// everything after it. `check` reports it among its findings; a build refuses to publish it.
pub fn unclosed_html(n: &Notice) -> Vec<Diagnostic> {
    n.body
        .unclosed
        .iter()
        .map(|p| {
            let d = Diagnostic::file(&n.shown, p.message.clone()).with_position(p.line + n.body_line - 1, p.col);
            match &p.hint {
                Some(h) => d.with_hint(h.clone()),
                None => d,
            }
        })
        .collect()
}

/// What a build refuses to publish but `check` lists among its findings.
pub fn refused_by_build(n: &Notice) -> Vec<Diagnostic> {
    let mut found = unclosed_html(n);
    found.extend(missing_alt(n));
    found
}
