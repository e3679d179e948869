//! Keeping the search index up to date between builds. pagefind indexes a whole site at a
//! time (seconds for ten thousand notices), so `watch` and `serve` refresh it on a
//! background thread after the pages are written: an edit shows at once, and search catches
//! up. A newer refresh supersedes an older one still running, which then writes nothing.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use crate::output::Manifest;
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

    /// The index's files for `data`, if they differ from what the output folder holds, for a
    /// build that writes them together with the pages; [`Indexer::written`] once they are.
    pub fn update(&mut self, data: &PageData) -> Result<Option<Update>, Error> {
        let wanted = data.site.config.search.then(|| search::fingerprint(data));
        if wanted == self.scheduled {
            return Ok(None);
        }
        self.wait();
        let files = match wanted {
            Some(_) => search::files(data)?,
            None => Vec::new(),
        };
        // The entry file names the current chunks: it goes last.
        let (entry, chunks): (Files, Files) = files.into_iter().partition(|(rel, _)| rel.ends_with("-entry.json"));
        let files: Files = chunks.into_iter().chain(entry).collect();
        let new: std::collections::HashSet<&str> = files.iter().map(|(rel, _)| rel.as_str()).collect();
        let gone: Vec<String> =
            lock(&self.on_disk).files.iter().filter(|old| !new.contains(old.as_str())).cloned().collect();
        Ok(Some(Update { fingerprint: wanted, gone, files }))
    }

    /// After the files of `update` were written (and its `gone` removed).
    pub fn written(&mut self, update: Update) {
        self.reset(update.fingerprint.map(|f| (f, update.files.into_iter().map(|(rel, _)| rel).collect())));
    }

    /// Brings the index in `output` up to date with `data` if what it holds changed: on a
    /// background thread when `background`, else before returning. Whether it had to. The
    /// files written and removed are recorded in `manifest`.
    pub fn refresh(
        &mut self,
        data: &PageData,
        output: &Path,
        manifest: &Manifest,
        background: bool,
    ) -> Result<bool, Error> {
        let wanted = data.site.config.search.then(|| search::fingerprint(data));
        if wanted == self.scheduled {
            return Ok(false);
        }
        self.scheduled = wanted;
        let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        let job = Job {
            input: wanted.map(|_| search::Input::of(data)),
            output: output.to_path_buf(),
            manifest: manifest.clone(),
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

/// A new index to write with the pages: its files, and the files of the old one that go.
pub struct Update {
    fingerprint: Option<u64>,
    /// Entry files last, as the index's readers need.
    pub files: Files,
    pub gone: Vec<String>,
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
    manifest: Manifest,
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
        on_disk.files = replace(&self.output, &self.manifest, &on_disk.files, files)?;
        Ok(())
    }
}

/// Writes `files` into `output` and removes the files of `old` that are not among them;
/// returns the new list, which `manifest` records. Index chunks are named by their content and the entry file names the
/// current ones, so it goes last: a search running meanwhile sees the old index or the new.
fn replace(output: &Path, manifest: &Manifest, old: &[String], files: Files) -> Result<Vec<String>, Error> {
    let (entry, chunks): (Files, Files) = files.into_iter().partition(|(rel, _)| rel.ends_with("-entry.json"));
    // Recorded before they are written: a file in the folder is Gazette's from its first byte.
    manifest.update(chunks.iter().chain(&entry).map(|(rel, _)| rel.as_str()), [])?;
    for (rel, bytes) in chunks.iter().chain(&entry) {
        output::write_atomic(&output.join(rel), bytes)?;
    }
    let new: Vec<String> = chunks.into_iter().chain(entry).map(|(rel, _)| rel).collect();
    let gone: Vec<&String> = old.iter().filter(|r| !new.contains(r)).collect();
    for rel in &gone {
        output::remove_page(output, rel)?;
    }
    manifest.update([], gone.into_iter().map(String::as_str))?;
    Ok(new)
}
