//! Checks of each notice on its own: what a build accepts but an editor should not publish.

use std::sync::Arc;

use super::{Code, Finding, SUMMARY_LIMIT};
use crate::Diagnostic;
use crate::config::Config;
use crate::content::Notice;
use crate::content::refusals::{missing_alt, unclosed_html};
use crate::project::Project;

pub fn check(config: &Config, notices: &[Arc<Notice>], now: jiff::Timestamp, findings: &mut Vec<Finding>) {
    for n in notices {
        let file = |message: String| Diagnostic::file(&n.shown, message);
        let field = |key: &str, message: String| match field_position(n, key) {
            Some((line, col)) => file(message).with_position(line, col),
            None => file(message),
        };
        findings.extend(missing_alt(n).into_iter().map(|d| Finding::error(Code::MissingAlt, d)));
        findings.extend(unclosed_html(n).into_iter().map(|d| Finding::error(Code::UnclosedHtml, d)));
        let summary_chars = n.summary.chars().count();
        // A summary cut from the first paragraph is Gazette's own; one written is the editor's.
        if n.summary_given && summary_chars > SUMMARY_LIMIT {
            findings.push(Finding::warning(
                Code::LongSummary,
                field("summary", format!("the summary is {summary_chars} characters long; search engines and feed readers show about {SUMMARY_LIMIT}"))
                    .with_hint("shorten `summary` to a sentence or two"),
            ));
        }
        if !config.allowed_tags.is_empty() {
            let allowed: Vec<&str> = config.allowed_tags.iter().map(String::as_str).collect();
            for tag in &n.tags {
                let key = crate::text::key(tag);
                if allowed.iter().any(|a| crate::text::key(a) == key) {
                    continue;
                }
                let d = field("tags", format!("the tag `{tag}` is not in allowed_tags"));
                findings.push(Finding::error(
                    Code::TagNotAllowed,
                    match crate::diagnostic::did_you_mean(tag, &allowed) {
                        Some(m) => d.with_hint(format!("did you mean `{m}`?")),
                        None => d.with_hint("use one of the tags listed in site.toml, or add this one there"),
                    },
                ));
            }
        }
        if let (Some((pattern, written)), Some(reference)) = (&config.reference_pattern, &n.reference)
            && !pattern.is_match(reference)
        {
            findings.push(Finding::error(
                Code::ReferencePattern,
                field("reference", format!("the reference `{reference}` does not match reference_pattern"))
                    .with_hint(format!("site.toml expects references like '{written}'")),
            ));
        }
        if n.date > now && n.editorial.publish_at.is_none() && !n.draft {
            findings.push(Finding::warning(
                Code::FutureDate,
                field("date", "the notice is dated in the future but has no `publish_at`".into()).with_hint(
                    "a build publishes it at once; to hold it back until then, set publish_at = <date and time with offset>",
                ),
            ));
        }
    }
}

/// People's files that describe no one credited on a notice.
pub fn people(project: &Project, findings: &mut Vec<Finding>) {
    let notices = project.notices();
    let credited: std::collections::HashSet<&String> =
        notices.iter().flat_map(|n| n.byline_keys.iter().chain(&n.editor_keys)).collect();
    for p in project.people() {
        if !credited.contains(&p.key) {
            findings.push(Finding::warning(
                Code::UnusedPersonFile,
                Diagnostic::file(&p.shown, format!("no notice credits `{}`", p.name))
                    .with_hint("the name must be written as notices credit it, in `byline` or `editors`"),
            ));
        }
    }
}

/// Where `key` is written in the notice's front matter, if it is.
fn field_position(n: &Notice, key: &str) -> Option<(usize, usize)> {
    let text = std::fs::read_to_string(&n.shown).ok()?;
    let split = crate::content::front_matter::split(&text).ok()?;
    crate::content::front_matter::locate(&split, key)
}
