//! Keeping the search index up to date between builds. pagefind indexes a whole site at a
//! time (seconds for ten thousand notices), so `watch` and `serve` refresh it on a
//! background thread after the pages are written: an edit shows at once, and search catches
//! up. A newer refresh supersedes an older one still running, which then writes nothing.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use crate::render::PageData;
use crate::search::{self, Files};
use crate::{Error, output};

/// The index the output folder holds.
#[derive(Debug, Default)]
struct OnDisk {
    files: Vec<String>,
}

#[derive(Default)]
pub struct Indexer {
    on_disk: Arc<Mutex<OnDisk>>,
    /// Bumped by every refresh; a refresh writes only while it is the latest.
    generation: Arc<AtomicU64>,
    /// The fingerprint of the last index asked for.
    scheduled: Option<u64>,
    running: Option<JoinHandle<()>>,
}

impl Indexer {
    /// After a build wrote `files` of the index with `fingerprint` into a fresh folder (or no
    /// index at all): that is what the folder holds now.
    pub fn reset(&mut self, written: Option<(u64, Vec<String>)>) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        let (fingerprint, files) = written.map_or((None, Vec::new()), |(f, files)| (Some(f), files));
        self.scheduled = fingerprint;
        *lock(&self.on_disk) = OnDisk { files };
    }

    /// Brings the index in `output` up to date with `data` if what it holds changed: on a
    /// background thread when `background`, else before returning. Whether it had to.
    pub fn refresh(&mut self, data: &PageData, output: &Path, background: bool) -> Result<bool, Error> {
        let wanted = data.site.config.search.then(|| search::fingerprint(data));
        if wanted == self.scheduled {
            return Ok(false);
        }
        self.scheduled = wanted;
        let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        let job = Job {
            input: wanted.map(|_| search::Input::of(data)),
            output: output.to_path_buf(),
            on_disk: self.on_disk.clone(),
            latest: self.generation.clone(),
            generation,
        };
        if !background {
            self.wait();
            return job.run().map(|()| true);
        }
        // Only the latest refresh matters; an older one still running finds itself superseded.
        // It starts once edits pause, so that indexing (a core and much memory for seconds, on
        // a large site) does not slow down the rebuilds of an editor saving in quick succession.
        self.running = Some(std::thread::spawn(move || {
            let quiet = std::time::Instant::now() + IDLE;
            while std::time::Instant::now() < quiet {
                if job.superseded() {
                    return;
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            if let Err(e) = job.run() {
                eprintln!("{e}");
            }
        }));
        Ok(true)
    }

    /// The fingerprint and files of the index the output folder holds, once no refresh is
    /// running; `None` without an index.
    pub fn current(&self) -> Option<(u64, Vec<String>)> {
        if self.running.as_ref().is_some_and(|r| !r.is_finished()) {
            return None;
        }
        Some((self.scheduled?, lock(&self.on_disk).files.clone()))
    }

    /// Waits for a refresh running in the background.
    pub fn wait(&mut self) {
        if let Some(handle) = self.running.take() {
            let _ = handle.join();
        }
    }
}

fn lock(m: &Mutex<OnDisk>) -> std::sync::MutexGuard<'_, OnDisk> {
    // A panic while holding the lock leaves a file list, which is still usable.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// One refresh of the index.
struct Job {
    /// `None` when search is now off: the index is removed.
    input: Option<search::Input>,
    output: PathBuf,
    on_disk: Arc<Mutex<OnDisk>>,
    latest: Arc<AtomicU64>,
    generation: u64,
}

/// How long after a rebuild a background refresh starts, unless another rebuild comes first.
const IDLE: std::time::Duration = std::time::Duration::from_millis(750);

impl Job {
    fn superseded(&self) -> bool {
        self.latest.load(Ordering::SeqCst) != self.generation
    }

    fn run(self) -> Result<(), Error> {
        // A superseded refresh stops at its next notice.
        let superseded = || self.superseded();
        let files = match &self.input {
            Some(input) => match search::index(input, &superseded)? {
                Some(files) => files,
                None => return Ok(()),
            },
            None => Vec::new(),
        };
        let mut on_disk = lock(&self.on_disk);
        if self.latest.load(Ordering::SeqCst) != self.generation {
            return Ok(());
        }
        on_disk.files = replace(&self.output, &on_disk.files, files)?;
        Ok(())
    }
}

/// Writes `files` into `output` and removes the files of `old` that are not among them;
/// returns the new list. Index chunks are named by their content and the entry file names the
/// current ones, so it goes last: a search running meanwhile sees the old index or the new.
fn replace(output: &Path, old: &[String], files: Files) -> Result<Vec<String>, Error> {
    let (entry, chunks): (Files, Files) = files.into_iter().partition(|(rel, _)| rel.ends_with("-entry.json"));
    for (rel, bytes) in chunks.iter().chain(&entry) {
        output::write_atomic(&output.join(rel), bytes)?;
    }
    let new: Vec<String> = chunks.into_iter().chain(entry).map(|(rel, _)| rel).collect();
    for rel in old.iter().filter(|r| !new.contains(r)) {
        output::remove_page(output, rel)?;
    }
    Ok(new)
}
