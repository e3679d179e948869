//! Writing pages: every page into a staging folder swapped in at the end, or only the
//! changed pages in place, each file replaced atomically so the served folder never holds a
//! half-written page.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::Path;

use rayon::prelude::*;

use super::checks::Files;
use crate::output::{Batch, Manifest, Staging};
use crate::plan::PageJob;
use crate::render::{Engine, PageData};
use crate::theme::StaticSource;
use crate::{Diagnostic, Error};

/// What our builds left in the output folder.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Written {
    /// Page path → (fingerprint of its data, hash of its bytes).
    pages: HashMap<String, (u64, u64)>,
    /// Static file → a key of its source (size and modification time, or identity).
    statics: HashMap<String, u64>,
}

impl Written {
    pub fn len(&self) -> usize {
        self.pages.len() + self.statics.len()
    }

    /// Every file it holds, relative to the output folder.
    pub fn files(&self) -> impl Iterator<Item = String> + '_ {
        self.pages.keys().map(|p| crate::plan::file_of_path(p)).chain(self.statics.keys().cloned())
    }

    /// Forgets the files in `damaged` (relative to the output folder), so that the next
    /// write puts them back.
    pub fn forget_files(&mut self, damaged: &rustc_hash::FxHashSet<String>) {
        if damaged.is_empty() {
            return;
        }
        self.pages.retain(|path, _| !damaged.contains(&crate::plan::file_of_path(path)));
        self.statics.retain(|rel, _| !damaged.contains(rel));
    }

    /// The fingerprint of the page at `path` on disk.
    pub fn fingerprint(&self, path: &str) -> Option<u64> {
        self.pages.get(path).map(|(f, _)| *f)
    }

    /// Whether the page at `path` on disk has fingerprint `fingerprint`.
    pub fn is_current(&self, path: &str, fingerprint: u64) -> bool {
        self.pages.get(path).is_some_and(|(f, _)| *f == fingerprint)
    }
}

/// Time spent rendering templates and writing files, summed over threads; and, for a
/// progress bar, how many pages are done.
#[derive(Debug, Default)]
pub struct Work {
    templates: std::sync::atomic::AtomicU64,
    files: std::sync::atomic::AtomicU64,
    progress: Option<std::sync::Arc<Progress>>,
}

/// How far the rendering of a full build has got: pages written out of pages to write. Read
/// from another thread while the build runs (`gazette build`'s progress bar).
#[derive(Debug, Default)]
pub struct Progress {
    pub done: std::sync::atomic::AtomicUsize,
    /// 0 until the rendering starts.
    pub total: std::sync::atomic::AtomicUsize,
}

impl Progress {
    /// (pages done, pages to do); (0, 0) before the rendering starts.
    pub fn get(&self) -> (usize, usize) {
        use std::sync::atomic::Ordering::Relaxed;
        (self.done.load(Relaxed), self.total.load(Relaxed))
    }
}

impl Work {
    /// Counts the pages written into `progress`, if given.
    pub fn new(progress: Option<std::sync::Arc<Progress>>) -> Work {
        Work { progress, ..Work::default() }
    }

    fn add(counter: &std::sync::atomic::AtomicU64, since: std::time::Instant) {
        counter.fetch_add(since.elapsed().as_nanos() as u64, std::sync::atomic::Ordering::Relaxed);
    }

    pub fn templates(&self) -> std::time::Duration {
        std::time::Duration::from_nanos(self.templates.load(std::sync::atomic::Ordering::Relaxed))
    }

    pub fn files(&self) -> std::time::Duration {
        std::time::Duration::from_nanos(self.files.load(std::sync::atomic::Ordering::Relaxed))
    }
}

/// Page path → the inputs hash and fingerprint of a notice's page (see [`PageData::inputs`]).
pub type Memo = rustc_hash::FxHashMap<String, (u64, u64)>;

/// Every job's fingerprint, and the inputs hash of notices' pages; `memo` spares computing
/// again the fingerprints of notices' pages whose inputs did not change.
pub fn fingerprints(data: &PageData, jobs: &[PageJob], global: u64, memo: &Memo) -> Vec<(u64, Option<u64>)> {
    jobs.par_iter()
        .map(|job| {
            let inputs = data.inputs(job, global);
            match (inputs, memo.get(&job.path)) {
                (Some(k), Some(&(old, fingerprint))) if k == old => (fingerprint, inputs),
                _ => (super::pages::fingerprint(data, job, global), inputs),
            }
        })
        .collect()
}

fn hash_bytes(bytes: &[u8]) -> u64 {
    crate::hash::bytes(bytes)
}

/// Writes the search index's `search` files (first, then dropped), every page and every
/// static file into a staging folder and swaps it in as `output`, with the manifest of what
/// it holds and the hash of each index file.
#[allow(clippy::too_many_arguments)]
pub fn full(
    output: &Path,
    engine: &Engine,
    data: &PageData,
    jobs: &[PageJob],
    global: u64,
    files: &Files,
    search: Option<crate::search::Files>,
    background_cleanup: bool,
    work: &Work,
) -> Result<(Written, Manifest, Option<super::indexer::OnDisk>), Error> {
    let staging = Staging::begin(output)?;
    // The index first, and then let go of it: a large site's index is hundreds of megabytes
    // that the pages need not share memory with.
    let index = match search.map(|files| write_index(&staging, files)).transpose() {
        Ok(index) => index,
        Err(e) => {
            staging.abort();
            return Err(e);
        }
    };
    if index.is_some() {
        give_back_free_memory();
    }
    if let Some(p) = &work.progress {
        p.done.store(0, std::sync::atomic::Ordering::Relaxed);
        p.total.store(jobs.len(), std::sync::atomic::Ordering::Relaxed);
    }
    type PageResult = Result<(String, (u64, u64)), Error>;
    let results: Vec<PageResult> = jobs
        .par_iter()
        .map(|job| {
            let started = std::time::Instant::now();
            let html = super::pages::render(engine, data, job)?;
            let rendered = std::time::Instant::now();
            Work::add(&work.templates, started);
            staging.write(&job.file(), html.as_bytes())?;
            Work::add(&work.files, rendered);
            if let Some(p) = &work.progress {
                p.done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            Ok((job.path.clone(), (super::pages::fingerprint(data, job, global), hash_bytes(html.as_bytes()))))
        })
        .collect();
    let pages = match collect(results) {
        Ok(pages) => pages,
        Err(e) => {
            staging.abort();
            return Err(e);
        }
    };
    let copying = std::time::Instant::now();
    let copied = files.par_iter().try_for_each(|(rel, source)| match source {
        StaticSource::Disk(path) => staging.copy(rel, path),
        StaticSource::Embedded(bytes) => staging.write(rel, bytes),
        StaticSource::Owned(bytes) => staging.write(rel, bytes),
    });
    Work::add(&work.files, copying);
    if let Err(e) = copied {
        staging.abort();
        return Err(e);
    }
    let listed: std::collections::BTreeSet<String> = jobs
        .iter()
        .map(PageJob::file)
        .chain(index.iter().flat_map(|files| files.iter().map(|(rel, _)| rel.clone())))
        .chain(files.keys().cloned())
        .collect();
    let target = staging.target().to_path_buf();
    staging.commit(listed.iter().map(String::as_str), background_cleanup)?;
    let statics = files.iter().map(|(rel, s)| (rel.clone(), static_key(s))).collect();
    Ok((Written { pages: pages.into_iter().collect(), statics }, Manifest::new(&target, listed), index))
}

/// Returns the memory freed since the build began to the system. Splitting every notice for
/// the search index uses hundreds of megabytes for a few seconds on a large site; glibc's
/// allocator keeps what was freed resident, and the pages would then be rendered on top of
/// it (at 100,000 notices: a peak 200 MB higher).
fn give_back_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages of the allocator's heaps to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Writes the search index's files into `staging`; returns each file with the hash of its bytes.
fn write_index(staging: &Staging, files: crate::search::Files) -> Result<super::indexer::OnDisk, Error> {
    files
        .list
        .par_iter()
        .map(|(rel, body)| {
            let bytes = files.bytes(body);
            staging.write(rel, &bytes)?;
            Ok((rel.clone(), hash_bytes(&bytes)))
        })
        .collect()
}

/// What an in-place rebuild did.
pub struct Outcome {
    pub written: usize,
    pub removed: usize,
    pub css_only: bool,
}

/// Renders the jobs in `changed`, writes those whose bytes differ from what is on disk,
/// removes the pages and static files that are gone, and copies changed static files.
#[allow(clippy::too_many_arguments)]
pub fn in_place(
    output: &Path,
    engine: &Engine,
    data: &PageData,
    jobs: &[PageJob],
    fingerprints: &[u64],
    changed: &[usize],
    files: &Files,
    written: &mut Written,
    manifest: &Manifest,
    index: Option<&super::indexer::Update>,
) -> Result<Outcome, Error> {
    // Render first: a template error must not leave some pages new and others old.
    let results: Vec<Result<(usize, String), Error>> = changed
        .par_iter()
        .map(|&i| super::pages::render(engine, data, &jobs[i]).map(|h| (i, h)).map_err(Error::from))
        .collect();
    let rendered = collect(results)?;

    let mut batch = Batch::begin(output, manifest)?;
    // The search index goes in with the pages, ahead of them: however the build ends, no page
    // is newer than the index (a withdrawn notice's text never stays searchable behind a page
    // that no longer lists it).
    let staged = index
        .map_or(Ok(()), |u| u.files.list.iter().try_for_each(|(rel, body)| batch.write(rel, &u.files.bytes(body))))
        .and_then(|()| stage(&mut batch, jobs, fingerprints, rendered, files, written));
    let (count, css, other, pages, statics) = match staged {
        Ok(staged) => staged,
        Err(e) => {
            batch.abort();
            return Err(e);
        }
    };
    // Every planned page is in `pages` now; anything more is a page that is gone.
    let planned: std::collections::HashSet<&str> = jobs.iter().map(|j| j.path.as_str()).collect();
    let gone_pages: Vec<String> = written.pages.keys().filter(|p| !planned.contains(p.as_str())).cloned().collect();
    let gone_statics: Vec<String> = written.statics.keys().filter(|r| !files.contains_key(*r)).cloned().collect();
    let gone: Vec<String> = gone_pages
        .iter()
        .map(|p| crate::plan::file_of_path(p))
        .chain(gone_statics.iter().cloned())
        .chain(index.into_iter().flat_map(|u| u.gone.iter().cloned()))
        .collect();
    // From here on, what `written` says may be ahead of the folder until the commit is done.
    batch.commit(&gone)?;
    for path in &gone_pages {
        written.pages.remove(path);
    }
    for rel in &gone_statics {
        written.statics.remove(rel);
    }
    written.pages.extend(pages);
    written.statics.extend(statics);
    let removed = gone_pages.len();
    let other = other + gone_statics.len();
    Ok(Outcome { written: count + css + other, removed, css_only: count == 0 && removed == 0 && other == 0 && css > 0 })
}

/// Page path → (fingerprint, bytes hash), and static file → key, of what a batch replaces.
type Staged = (usize, usize, usize, Vec<(String, (u64, u64))>, Vec<(String, u64)>);

/// Writes into `batch` the rendered pages whose bytes differ from what the folder holds, and
/// the static files whose source changed.
fn stage(
    batch: &mut Batch,
    jobs: &[PageJob],
    fingerprints: &[u64],
    rendered: Vec<(usize, String)>,
    files: &Files,
    written: &Written,
) -> Result<Staged, Error> {
    let mut pages = Vec::with_capacity(rendered.len());
    let mut count = 0;
    for (i, html) in rendered {
        let job = &jobs[i];
        let bytes_hash = hash_bytes(html.as_bytes());
        if written.pages.get(&job.path).is_none_or(|(_, b)| *b != bytes_hash) {
            batch.write(&job.file(), html.as_bytes())?;
            count += 1;
        }
        pages.push((job.path.clone(), (fingerprints[i], bytes_hash)));
    }
    let (mut css, mut other) = (0, 0);
    let mut statics = Vec::new();
    for (rel, source) in files {
        let key = static_key(source);
        if written.statics.get(rel) != Some(&key) {
            let bytes = match source {
                StaticSource::Disk(path) => crate::fs::read_checked(path)?,
                StaticSource::Embedded(bytes) => bytes.to_vec(),
                StaticSource::Owned(bytes) => bytes.to_vec(),
            };
            batch.write(rel, &bytes)?;
            statics.push((rel.clone(), key));
            if rel.ends_with(".css") { css += 1 } else { other += 1 }
        }
    }
    Ok((count, css, other, pages, statics))
}

/// A key that changes when a static file's source changes.
fn static_key(source: &StaticSource) -> u64 {
    let mut h = crate::hash::hasher();
    match source {
        StaticSource::Disk(path) => {
            let meta = std::fs::metadata(path).ok();
            (path, meta.as_ref().map(|m| m.len()), meta.and_then(|m| m.modified().ok())).hash(&mut h);
        }
        // By content, not address: the key is kept between runs of the program.
        StaticSource::Embedded(bytes) => crate::hash::bytes(bytes).hash(&mut h),
        StaticSource::Owned(bytes) => crate::hash::bytes(bytes).hash(&mut h),
    }
    h.finish()
}

/// The results, or every problem among them. A mistake in a shared template fails every page
/// that uses it: it is reported once, with the number of other pages.
pub(super) fn collect<T>(results: Vec<Result<T, Error>>) -> Result<Vec<T>, Error> {
    let mut ok = Vec::with_capacity(results.len());
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut repeats: Vec<usize> = Vec::new();
    for r in results {
        match r {
            Ok(v) => ok.push(v),
            Err(Error::Site(ds)) => {
                for d in ds {
                    match problems
                        .iter()
                        .position(|p| (&p.path, p.position, &p.message) == (&d.path, d.position, &d.message))
                    {
                        Some(i) => repeats[i] += 1,
                        None => {
                            problems.push(d);
                            repeats.push(0);
                        }
                    }
                }
            }
            Err(other) => return Err(other),
        }
    }
    if problems.is_empty() {
        return Ok(ok);
    }
    for (d, n) in problems.iter_mut().zip(repeats) {
        if n > 0
            && let Some(hint) = &mut d.hint
        {
            hint.push_str(&format!(" (and {n} other page{})", crate::text::plural_s(n)));
        }
    }
    Err(Error::Site(problems))
}
