//! Which notices a build publishes, as of the build's `now`: drafts and embargoed notices are
//! left out (unless previewing with drafts); withdrawn and expired ones keep their pages but
//! leave every listing, feed, sitemap and search index. Also links translations to their
//! originals, both ways.

use jiff::Timestamp;
use serde::Serialize;

use super::Entry;
use crate::Diagnostic;
use crate::content::{Content, Notice};

/// A notice's state in one build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Published,
    /// `draft = true`: only in previews with drafts.
    Draft,
    /// `publish_at` is still to come: only in previews with drafts.
    Scheduled,
    /// Past `expires`: its page stays, marked; it is listed nowhere.
    Expired,
    /// `withdrawn`: its page stays, with the reason; it is listed nowhere.
    Withdrawn,
}

impl Status {
    pub fn of(n: &Notice, now: Timestamp) -> Status {
        let e = &n.editorial;
        if n.draft {
            Status::Draft
        } else if e.publish_at.is_some_and(|p| p > now) {
            Status::Scheduled
        } else if e.withdrawn.as_ref().is_some_and(|w| w.date <= now) {
            Status::Withdrawn
        } else if e.expires.is_some_and(|x| x <= now) {
            Status::Expired
        } else {
            Status::Published
        }
    }

    /// Whether a build with `drafts` (or without) writes the notice at all.
    pub fn has_page(self, drafts: bool) -> bool {
        drafts || !matches!(self, Status::Draft | Status::Scheduled)
    }

    /// Whether listings, feeds, sitemaps and search show the notice.
    pub fn listed(self) -> bool {
        matches!(self, Status::Published | Status::Draft | Status::Scheduled)
    }

    pub fn name(self) -> &'static str {
        match self {
            Status::Published => "published",
            Status::Draft => "draft",
            Status::Scheduled => "scheduled",
            Status::Expired => "expired",
            Status::Withdrawn => "withdrawn",
        }
    }
}

/// A notice held back by its embargo, and when it goes live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    pub shown: std::path::PathBuf,
    pub title: String,
    pub publish_at: Timestamp,
}

/// The embargoed notices (not drafts: those never go live by themselves), soonest first.
pub fn held(content: &Content, now: Timestamp) -> Vec<Held> {
    let mut held: Vec<Held> = content
        .notices
        .iter()
        .filter(|n| Status::of(n, now) == Status::Scheduled)
        .map(|n| Held {
            shown: n.shown.clone(),
            title: n.title.clone(),
            publish_at: n.editorial.publish_at.expect("scheduled notices have one"),
        })
        .collect();
    held.sort_by(|a, b| (a.publish_at, &a.shown).cmp(&(b.publish_at, &b.shown)));
    held
}

/// The first moment after `now` at which some notice changes status.
pub fn next_change(content: &Content, now: Timestamp) -> Option<Timestamp> {
    content
        .notices
        .iter()
        .flat_map(|n| {
            let e = &n.editorial;
            [e.publish_at, e.expires, e.withdrawn.as_ref().map(|w| w.date)]
        })
        .flatten()
        .filter(|t| *t > now)
        .min()
}

/// Sets each entry's `translation_of` and `translations`. A `translation_of` naming no notice
/// is an error; one naming a notice this build does not publish links nothing. A notice
/// named for one of the site's other languages (`x.zh-Hans.md`) without a `translation_of`
/// translates the notice of the same name without the language (`x.md`), if there is one.
pub fn link_translations(
    entries: &mut [Entry],
    content: &Content,
    languages: &[crate::config::Language],
    problems: &mut Vec<Diagnostic>,
) {
    let by_path: rustc_hash::FxHashMap<&str, usize> =
        entries.iter().enumerate().map(|(i, e)| (e.notice.rel_path.as_str(), i)).collect();
    let mut links = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let Some((target, (line, col))) = &e.notice.editorial.translation_of else {
            let rel = &e.notice.rel_path;
            if let Some(language) = crate::config::languages::of_file(rel, languages)
                && let Some(&j) = by_path.get(crate::config::languages::without_suffix(rel, language).as_str())
            {
                links.push((i, j));
            }
            continue;
        };
        match by_path.get(target.as_str()) {
            Some(&j) => links.push((i, j)),
            None if content.notices.iter().any(|n| n.rel_path == *target) => {}
            None => {
                let own = e.notice.rel_path.as_str();
                let known: Vec<&str> =
                    content.notices.iter().map(|n| n.rel_path.as_str()).filter(|p| *p != own).collect();
                let mut d = Diagnostic::file(&e.notice.shown, format!("`translation_of`: there is no notice {target}"))
                    .with_position(*line, *col);
                d = match crate::diagnostic::did_you_mean(target, &known) {
                    Some(m) => d.with_hint(format!("did you mean \"{m}\"?")),
                    None => {
                        d.with_hint("name the original's file under content/, e.g. \"meetings/work-conference.md\"")
                    }
                };
                problems.push(d);
            }
        }
    }
    for (i, j) in links {
        entries[i].translation_of = Some(j);
        entries[j].translations.push(i);
    }
}
