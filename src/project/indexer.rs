//! Keeping the search index up to date between builds. The index is made from every
//! notice's terms, which are kept from one build to the next ([`search::Memo`]), so an edit
//! costs the notices it changed and a merge; and only the files whose bytes changed are
//! written. A build writes the index with the pages; `watch` and `serve` write it just
//! after them, so that an edit reaches its page first.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use crate::output::Manifest;
use crate::render::PageData;
use crate::search::{self, Files};
use crate::{Error, output};

/// The index's files on disk, by path under the output folder, with a hash of their bytes.
pub type OnDisk = Vec<(String, u64)>;

#[derive(Default)]
pub struct Indexer {
    on_disk: BTreeMap<String, u64>,
    /// The fingerprint of the index on disk; `None` without one.
    fingerprint: Option<u64>,
    /// The notices' terms, for a project that builds again (`watch`, `serve`); a single
    /// build drops each notice's terms once they are in the index.
    memo: Option<search::Memo>,
}

impl Indexer {
    /// For a project that builds again and again: it keeps every notice's terms.
    pub fn keeping_terms() -> Indexer {
        Indexer { memo: Some(search::Memo::default()), ..Indexer::default() }
    }

    /// After a build wrote an index with this fingerprint and these files into a fresh
    /// folder (or no index at all): that is what the folder holds now.
    pub fn reset(&mut self, written: Option<(u64, OnDisk)>) {
        let (fingerprint, files) = written.map_or((None, Vec::new()), |(f, files)| (Some(f), files));
        self.fingerprint = fingerprint;
        self.on_disk = files.into_iter().collect();
    }

    /// Every file of the index for `data` (none when search is off), for a build into a
    /// fresh folder; [`Indexer::reset`] once they are written.
    pub fn full(&mut self, data: &PageData) -> Option<(u64, Files)> {
        if !data.site.config.search {
            return None;
        }
        Some((search::fingerprint(data), search::index(search::Input::of(data), self.memo.as_mut())))
    }

    /// What must change on disk for the index to be `data`'s, if anything: for a build that
    /// writes it together with the pages; [`Indexer::written`] once it is.
    pub fn update(&mut self, data: &PageData) -> Option<Update> {
        let wanted = data.site.config.search.then(|| search::fingerprint(data));
        if wanted == self.fingerprint {
            return None;
        }
        let mut files = match wanted {
            Some(_) => search::index(search::Input::of(data), self.memo.as_mut()),
            None => search::Files::empty(data),
        };
        let all = hashes(&files);
        let mut changed = all.iter().map(|(rel, hash)| self.on_disk.get(rel) != Some(hash));
        files = files.filter(|_, _| changed.next().unwrap_or(true));
        // An entry file names the others: it goes last.
        files.list.sort_by_key(|(rel, _)| search::is_entry(rel));
        let new: std::collections::HashSet<&str> = all.iter().map(|(rel, _)| rel.as_str()).collect();
        let gone = self.on_disk.keys().filter(|old| !new.contains(old.as_str())).cloned().collect();
        Some(Update { fingerprint: wanted, files, gone, all })
    }

    /// After the files of `update` were written (and its `gone` removed).
    pub fn written(&mut self, update: Update) {
        self.reset(update.fingerprint.map(|f| (f, update.all)));
    }

    /// Brings the index in `output` up to date with `data`, if it has to, recording what it
    /// writes and removes in `manifest`. Whether it had to.
    pub fn refresh(&mut self, data: &PageData, output: &Path, manifest: &Manifest) -> Result<bool, Error> {
        let Some(update) = self.update(data) else {
            return Ok(false);
        };
        // Recorded before they are written: a file in the folder is Gazette's from its first byte.
        manifest.update(update.files.list.iter().map(|(rel, _)| rel.as_str()), [])?;
        for (rel, body) in &update.files.list {
            output::write_atomic(&output.join(rel), &update.files.bytes(body))?;
        }
        for rel in &update.gone {
            output::remove_page(output, rel)?;
        }
        manifest.update([], update.gone.iter().map(String::as_str))?;
        self.written(update);
        Ok(true)
    }

    /// The fingerprint and files of the index the output folder holds; `None` without one.
    pub fn current(&self) -> Option<(u64, OnDisk)> {
        Some((self.fingerprint?, self.on_disk.iter().map(|(rel, hash)| (rel.clone(), *hash)).collect()))
    }
}

/// The hash of the bytes of each of `files`.
pub fn hashes(files: &Files) -> OnDisk {
    files.list.par_iter().map(|(rel, body)| (rel.clone(), crate::hash::bytes(&files.bytes(body)))).collect()
}

/// A change to the index to write with the pages: the files that changed (entry files
/// last), and the files of the old index that go.
pub struct Update {
    fingerprint: Option<u64>,
    pub files: Files,
    pub gone: Vec<String>,
    /// Every file of the new index, with the hash of its bytes.
    all: OnDisk,
}
