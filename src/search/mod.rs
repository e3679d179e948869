//! The search index: Gazette's own, written with the pages, searched in the browser by
//! `assets/search.js` with no server. Each language's part of the site has an index of its
//! notices' words (and pairs of Chinese characters, with their positions), cut into small
//! files in term order so that a query fetches a few of them; and one small file per
//! notice with what a result shows. Every notice's terms are worked out on their own and
//! kept between builds, so that an edit costs the notices it changed and a merge; files
//! whose bytes did not change are not written again. `docs/search.md` describes the format.

mod chunks;
mod doc;
pub mod split;

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;

use crate::render::PageData;
use crate::render::views::NoticeRef;
use crate::site::Site;

pub use doc::{Doc, section_term, tag_term};

/// The folder under the output folder that holds the index (the plan keeps it free).
pub const DIR: &str = crate::plan::SEARCH_DIR;

/// The browser's side of search, written beside the index.
const CLIENT: &str = include_str!("../../assets/search.js");

pub use crate::plan::search_folder as folder;

/// A hash of everything the index holds: equal hashes, equal index.
pub fn fingerprint(data: &PageData) -> u64 {
    let mut h = crate::hash::hasher();
    (chunks::VERSION, CLIENT, &data.site.config.base_path).hash(&mut h);
    for language in &data.site.languages {
        (&language.code, language.listed.len()).hash(&mut h);
        for &i in &language.listed {
            data.notice_hash_of(i).hash(&mut h);
        }
    }
    h.finish()
}

/// What a file of the index holds.
pub enum Body {
    Bytes(Vec<u8>),
    /// The fragments of these notices, in a JSON array: made as they are written, from the
    /// text the build already holds, rather than kept (they hold every notice's text once
    /// more).
    Fragments(Vec<usize>),
}

/// The files of an index by path under the output folder, sorted.
pub struct Files {
    input: Input,
    pub list: Vec<(String, Body)>,
}

impl Files {
    /// The bytes of `body`, one of these files'.
    pub fn bytes<'a>(&self, body: &'a Body) -> Cow<'a, [u8]> {
        match body {
            Body::Bytes(bytes) => Cow::Borrowed(bytes),
            Body::Fragments(notices) => {
                let mut bytes = vec![b'['];
                for (n, &i) in notices.iter().enumerate() {
                    if n > 0 {
                        bytes.push(b',');
                    }
                    doc::fragment(&self.input.site, &self.input.refs[i], i, &mut bytes);
                }
                bytes.extend_from_slice(b"]");
                Cow::Owned(bytes)
            }
        }
    }

    /// No files at all.
    pub fn empty(data: &PageData) -> Files {
        Files { input: Input::of(data), list: Vec::new() }
    }

    /// The same index with only the files for which `keep` is true.
    pub fn filter(self, mut keep: impl FnMut(&str, &Body) -> bool) -> Files {
        let list = self.list.into_iter().filter(|(rel, body)| keep(rel, body)).collect();
        Files { input: self.input, list }
    }
}

/// The notices' terms of the last index made, by the hash of what they were made from: a
/// notice that did not change is not split again. For a project that builds more than once.
#[derive(Default)]
pub struct Memo {
    docs: HashMap<u64, Arc<Doc>>,
}

/// What the index is made of: the site's notices as listings show them, with their hashes.
pub struct Input {
    pub site: Arc<Site>,
    pub refs: Vec<Arc<NoticeRef>>,
    hashes: HashMap<usize, u64>,
}

impl Input {
    pub fn of(data: &PageData) -> Input {
        let hashes = data.site.listed.iter().map(|&i| (i, data.notice_hash_of(i))).collect();
        Input { site: data.site.clone(), refs: data.refs.clone(), hashes }
    }
}

/// The index's files for `data`.
pub fn files(data: &PageData) -> Files {
    index(Input::of(data), None)
}

/// The index of `input`. With a `memo`, notices split before are taken from it, and it then
/// holds this index's; without one, each notice's terms are dropped once added.
pub fn index(input: Input, memo: Option<&mut Memo>) -> Files {
    let site = &*input.site;
    let hash = |i: usize| input.hashes.get(&i).copied().unwrap_or_default();
    let kept: Option<(&mut Memo, HashMap<u64, Arc<Doc>>)> = memo.map(|memo| {
        let todo: Vec<usize> = site.listed.iter().copied().filter(|&i| !memo.docs.contains_key(&hash(i))).collect();
        let made: Vec<(u64, Arc<Doc>)> = todo.par_iter().map(|&i| (hash(i), Arc::new(doc::doc(site, i)))).collect();
        let mut docs: HashMap<u64, Arc<Doc>> =
            site.listed.iter().filter_map(|&i| memo.docs.remove_entry(&hash(i))).collect();
        docs.extend(made);
        (memo, docs)
    });
    let docs = kept.as_ref().map(|(_, docs)| docs);
    let doc_of = |i: usize| -> Cow<'_, Doc> {
        match docs {
            Some(docs) => Cow::Borrowed(&*docs[&hash(i)]),
            None => Cow::Owned(doc::doc(site, i)),
        }
    };

    let mut list: Vec<(String, Body)> = vec![(format!("{DIR}/search.js"), Body::Bytes(CLIENT.as_bytes().to_vec()))];
    let parts: Vec<Vec<(String, Body)>> = site
        .languages
        .par_iter()
        .map(|language| {
            // Oldest first: a new notice takes the next id, and the others keep theirs.
            let ids: Vec<usize> = language.listed.iter().rev().copied().collect();
            // Runs of notices in id order, each added on one thread, joined in order.
            let terms = ids
                .par_iter()
                .enumerate()
                .fold(chunks::Terms::default, |mut terms, (id, &i)| {
                    terms.add(id as u32, &doc_of(i));
                    terms
                })
                .reduce(chunks::Terms::default, |mut a, b| {
                    a.join(b);
                    a
                });
            let mut sections: Vec<usize> = language.listed.iter().map(|&i| site.entries[i].section).collect();
            sections.sort_unstable();
            sections.dedup();
            let mut tags: Vec<String> = language
                .listed
                .iter()
                .flat_map(|&i| site.entries[i].tags.iter().map(|&t| site.tags[t].name.clone()))
                .collect();
            tags.sort_unstable();
            tags.dedup();
            let part = chunks::Part {
                language: &language.code,
                pages: ids.len(),
                terms,
                sections: sections.into_iter().map(|s| site.sections[s].title.clone()).collect(),
                tags,
            };
            let folder = folder(&language.code);
            let mut files: Vec<(String, Body)> = chunks::files(&part)
                .into_iter()
                .map(|(rel, bytes)| (format!("{folder}/{rel}"), Body::Bytes(bytes)))
                .collect();
            files.extend(
                ids.chunks(chunks::FRAGMENTS_PER_FILE)
                    .enumerate()
                    .map(|(n, run)| (format!("{folder}/f/{n}.json"), Body::Fragments(run.to_vec()))),
            );
            files
        })
        .collect();
    list.extend(parts.into_iter().flatten());
    list.sort_by(|a, b| a.0.cmp(&b.0));
    if let Some((memo, docs)) = kept {
        memo.docs = docs;
    }
    Files { input, list }
}

/// Whether `rel` is an index's entry file, which names its other files and so is written
/// after them.
pub fn is_entry(rel: &str) -> bool {
    rel.ends_with("/meta.json")
}
