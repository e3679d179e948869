//! One notice as the index holds it: its terms, each with a weight and (for pairs of
//! Chinese characters) its positions, and the fragment the search page shows for it.

use std::collections::HashMap;

use serde::Serialize;

use super::split::{self, Term};
use crate::render::views::NoticeRef;
use crate::site::Site;

/// How much more an occurrence in the title counts than one in the text.
const TITLE_WEIGHT: u32 = 8;

/// A term of one notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocTerm {
    pub term: Box<str>,
    /// Occurrences in the text, plus [`TITLE_WEIGHT`] for each in the title.
    pub weight: u16,
    /// Where a pair of characters occurs (for runs of three or more to match exactly); empty
    /// for other terms.
    pub positions: Box<[u32]>,
}

/// What the index holds of one notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    /// Sorted by term in [`split::order`].
    pub terms: Vec<DocTerm>,
    /// The JSON of its fragment (see [`Fragment`]).
    pub fragment: Vec<u8>,
}

/// The term by which notices of section `title` are filtered (never a term of text).
pub fn section_term(title: &str) -> String {
    format!("\u{1}s:{title}")
}

/// The term by which notices with tag `name` are filtered.
pub fn tag_term(name: &str) -> String {
    format!("\u{1}t:{name}")
}

/// What the search page shows of a notice found: every value is text, never markup.
#[derive(Serialize)]
struct Fragment<'a> {
    /// Relative to the site's root (no base path): the page resolves it against the root it
    /// is published under.
    url: &'a str,
    title: &'a str,
    date: &'a str,
    section: &'a str,
    tags: Vec<&'a str>,
    text: &'a str,
}

/// Notice `i` of `site` for the index; `notice` is how listings show it.
pub fn doc(site: &Site, notice: &NoticeRef, i: usize) -> Doc {
    let e = &site.entries[i];
    let n = &e.notice;
    #[derive(Default)]
    struct Found {
        weight: u32,
        positions: Vec<u32>,
    }
    let mut found: HashMap<String, Found> = HashMap::new();
    let mut add = |text: &str, first: u32, weight: u32| {
        split::split(&split::normalise(text), first, |term, pos, kind| {
            let f = match found.get_mut(term) {
                Some(f) => f,
                None => found.entry(term.to_owned()).or_default(),
            };
            f.weight += weight;
            if kind == Term::Bigram {
                f.positions.push(pos);
            }
        })
    };
    let next = add(&n.title, 0, TITLE_WEIGHT);
    add(&n.body.text, next, 1);
    let section = &site.sections[e.section].title;
    let tags: Vec<&str> = e.tags.iter().map(|&t| site.tags[t].name.as_str()).collect();
    for filter in std::iter::once(section_term(section)).chain(tags.iter().map(|t| tag_term(t))) {
        found.entry(filter).or_default().weight = 1;
    }
    let mut terms: Vec<DocTerm> = found
        .into_iter()
        .map(|(term, f)| DocTerm {
            term: term.into_boxed_str(),
            weight: f.weight.min(u32::from(u16::MAX)) as u16,
            positions: f.positions.into_boxed_slice(),
        })
        .collect();
    terms.sort_unstable_by(|a, b| split::order(&a.term, &b.term));

    let root = &site.config.base_path;
    let fragment = Fragment {
        url: notice.url.strip_prefix(root.as_str()).unwrap_or(&notice.url),
        title: &n.title,
        date: &notice.date_display,
        section,
        tags,
        text: &n.body.text,
    };
    let fragment = serde_json::to_vec(&fragment).expect("a fragment always serializes");
    Doc { terms, fragment }
}
