//! One notice as the index holds it: its terms, each with a weight and (for pairs of
//! Chinese characters) its positions; and the fragment the search page shows for it, which
//! is made when it is written rather than kept.

use rustc_hash::FxHashMap as HashMap;

use serde::Serialize;

use super::split::{self, Term};
use crate::render::views::NoticeRef;
use crate::site::Site;

/// How much more an occurrence in the title counts than one in the text.
const TITLE_WEIGHT: u32 = 8;

/// The terms of one notice, packed: a notice has hundreds of terms and a site tens of
/// thousands of notices, so a string and a box each per term would cost the most memory of
/// the build.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Doc {
    /// The terms, one after another.
    text: Box<str>,
    /// For each term in turn: where it ends in `text`, its weight (occurrences in the text,
    /// plus [`TITLE_WEIGHT`] for each in the title), how many positions follow, and the
    /// positions (only pairs of characters have them: runs of three or more match exactly).
    data: Box<[u32]>,
}

/// A term of a [`Doc`].
#[derive(Debug, PartialEq, Eq)]
pub struct DocTerm<'a> {
    pub term: &'a str,
    pub weight: u32,
    pub positions: &'a [u32],
}

impl Doc {
    /// Its terms, in no particular order.
    pub fn terms(&self) -> impl Iterator<Item = DocTerm<'_>> {
        let (mut start, mut at) = (0, 0);
        std::iter::from_fn(move || {
            let header = self.data.get(at..at + 3)?;
            let (end, weight, count) = (header[0] as usize, header[1], header[2] as usize);
            let positions = &self.data[at + 3..at + 3 + count];
            at += 3 + count;
            let term = &self.text[start..end];
            start = end;
            Some(DocTerm { term, weight, positions })
        })
    }
}

/// The term by which notices of section `title` are filtered (never a term of text).
pub fn section_term(title: &str) -> String {
    format!("\u{1}s:{title}")
}

/// The term by which notices with tag `name` are filtered.
pub fn tag_term(name: &str) -> String {
    format!("\u{1}t:{name}")
}

/// Notice `i` of `site` for the index.
pub fn doc(site: &Site, i: usize) -> Doc {
    let e = &site.entries[i];
    let filters = std::iter::once(section_term(&site.sections[e.section].title))
        .chain(e.tags.iter().map(|&t| tag_term(&site.tags[t].name)));
    pack(&e.notice.title, &e.notice.body.text, filters)
}

impl Doc {
    /// A notice with no title, filed nowhere, whose text is `text`.
    #[cfg(test)]
    pub fn of_text(text: &str) -> Doc {
        pack("", text, std::iter::empty())
    }
}

/// The terms of a notice titled `title` whose text is `text`, with its filter terms.
fn pack(title: &str, text: &str, filters: impl Iterator<Item = String>) -> Doc {
    #[derive(Default)]
    struct Found {
        weight: u32,
        positions: Vec<u32>,
    }
    let mut found: HashMap<String, Found> = HashMap::default();
    let mut add = |text: &str, first: u32, weight: u32| {
        split::split(&split::normalise(text), first, |term, pos, kind| {
            let f = match found.get_mut(term) {
                Some(f) => f,
                None => found.entry(term.to_owned()).or_default(),
            };
            f.weight = f.weight.saturating_add(weight);
            if kind == Term::Bigram {
                f.positions.push(pos);
            }
        })
    };
    let next = add(title, 0, TITLE_WEIGHT);
    add(text, next, 1);
    for filter in filters {
        found.entry(filter).or_default().weight = 1;
    }
    let mut packed = String::with_capacity(found.keys().map(String::len).sum());
    let mut data = Vec::with_capacity(found.len() * 3 + found.values().map(|f| f.positions.len()).sum::<usize>());
    for (term, f) in found {
        packed.push_str(&term);
        data.extend([packed.len() as u32, f.weight.min(u32::from(u16::MAX)), f.positions.len() as u32]);
        data.extend(f.positions);
    }
    Doc { text: packed.into_boxed_str(), data: data.into_boxed_slice() }
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

/// Writes the JSON of notice `i`'s fragment to `out`; `notice` is how listings show it.
pub fn fragment(site: &Site, notice: &NoticeRef, i: usize, out: &mut Vec<u8>) {
    let e = &site.entries[i];
    let root = &site.config.base_path;
    let fragment = Fragment {
        url: notice.url.strip_prefix(root.as_str()).unwrap_or(&notice.url),
        title: &e.notice.title,
        date: &notice.date_display,
        section: &site.sections[e.section].title,
        tags: e.tags.iter().map(|&t| site.tags[t].name.as_str()).collect(),
        text: &e.notice.body.text,
    };
    serde_json::to_writer(out, &fragment).expect("a fragment always serializes")
}
