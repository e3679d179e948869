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

/// The folder of language `code`'s index under the output folder.
pub fn folder(code: &str) -> String {
    format!("{DIR}/{code}")
}

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

/// Files by path under the output folder, with their bytes.
pub type Files = Vec<(String, Vec<u8>)>;

/// The notices' docs of the last index made, by the hash of what they were made from: a
/// notice that did not change is not split again.
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

/// The index's files for `data`, by path under the output folder.
pub fn files(data: &PageData) -> Files {
    index(&Input::of(data), &mut Memo::default())
}

/// The index of `input`, by path under the output folder, sorted; notices split before
/// are taken from `memo`, which then holds this index's.
pub fn index(input: &Input, memo: &mut Memo) -> Files {
    let site = &input.site;
    let hash = |i: usize| input.hashes.get(&i).copied().unwrap_or_default();
    let todo: Vec<usize> = site.listed.iter().copied().filter(|&i| !memo.docs.contains_key(&hash(i))).collect();
    let made: Vec<(u64, Arc<Doc>)> =
        todo.par_iter().map(|&i| (hash(i), Arc::new(doc::doc(site, &input.refs[i], i)))).collect();
    let mut docs: HashMap<u64, Arc<Doc>> =
        site.listed.iter().filter_map(|&i| memo.docs.remove_entry(&hash(i))).collect();
    docs.extend(made);

    let parts: Vec<(usize, Files)> = (0..site.languages.len())
        .into_par_iter()
        .map(|l| {
            let language = &site.languages[l];
            // Oldest first: a new notice takes the next id, and the others keep theirs.
            let ids: Vec<&Doc> = language.listed.iter().rev().map(|&i| &*docs[&hash(i)]).collect();
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
                docs: ids,
                sections: sections.into_iter().map(|s| site.sections[s].title.clone()).collect(),
                tags,
            };
            (l, chunks::files(&part))
        })
        .collect();
    let mut out: Files = vec![(format!("{DIR}/search.js"), CLIENT.as_bytes().to_vec())];
    for (l, files) in parts {
        let folder = folder(&site.languages[l].code);
        out.extend(files.into_iter().map(|(rel, bytes)| (format!("{folder}/{rel}"), bytes)));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    memo.docs = docs;
    out
}

/// Whether `rel` is an index's entry file, which names its other files and so is written
/// after them.
pub fn is_entry(rel: &str) -> bool {
    rel.ends_with("/meta.json")
}
