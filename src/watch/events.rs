//! The thin loop around the file system's change events: notify with a debouncer, watching
//! only the site's sources, handing over batches of changed paths.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use notify_debouncer_full::notify::{self, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer_opt};

use crate::Error;

/// How long a file must be quiet before its change is reported: long enough to see an
/// editor's save-by-rename as one change, short enough not to be noticed.
pub const DEBOUNCE: Duration = Duration::from_millis(50);
/// After a batch, further batches arriving within this time join it (a `git checkout`).
const COALESCE: Duration = Duration::from_millis(30);
/// The folders under a site's root that hold sources.
const WATCHED: &[&str] = &["content", "templates", "static", "themes"];

enum Inner {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, RecommendedCache>),
}

/// Watches a site's sources and reports changed paths.
pub struct Watcher {
    root: PathBuf,
    inner: Inner,
    rx: Receiver<DebounceEventResult>,
    watched: BTreeSet<PathBuf>,
}

impl Watcher {
    /// Starts watching the site at `root` (an absolute path). `poll` reads the files every
    /// half second instead of asking the system for events, for file systems (network
    /// shares, some containers) that give none; it costs a read of every source each time.
    pub fn new(root: &Path, poll: bool) -> Result<Watcher, Error> {
        let (tx, rx) = channel();
        let failed = |e: notify::Error| Error::Usage(format!("error: could not watch {}: {e}", root.display()));
        let inner = if poll {
            // Modification times are compared in whole seconds, so contents are compared too:
            // two saves within one second must both be seen.
            let config =
                notify::Config::default().with_poll_interval(Duration::from_millis(500)).with_compare_contents(true);
            Inner::Poll(new_debouncer_opt(DEBOUNCE, None, tx, RecommendedCache::new(), config).map_err(failed)?)
        } else {
            Inner::Native(
                new_debouncer_opt(DEBOUNCE, None, tx, RecommendedCache::new(), notify::Config::default())
                    .map_err(failed)?,
            )
        };
        let mut watcher = Watcher { root: root.to_path_buf(), inner, rx, watched: BTreeSet::new() };
        // The root alone (not its output folder) for site.toml and for source folders that
        // appear later.
        watcher.add(root.to_path_buf(), RecursiveMode::NonRecursive).map_err(failed)?;
        watcher.refresh();
        Ok(watcher)
    }

    fn add(&mut self, path: PathBuf, mode: RecursiveMode) -> notify::Result<()> {
        match &mut self.inner {
            Inner::Native(d) => d.watch(&path, mode)?,
            Inner::Poll(d) => d.watch(&path, mode)?,
        }
        self.watched.insert(path);
        Ok(())
    }

    /// Watches the source folders that exist now; a folder that was removed and made again
    /// is watched again.
    fn refresh(&mut self) {
        for dir in WATCHED {
            let path = self.root.join(dir);
            if path.is_dir() && !self.watched.contains(&path) {
                // A folder we cannot watch is reported by the build that reads it.
                let _ = self.add(path, RecursiveMode::Recursive);
            } else if !path.is_dir() && self.watched.remove(&path) {
                let _ = match &mut self.inner {
                    Inner::Native(d) => d.unwatch(&path),
                    Inner::Poll(d) => d.unwatch(&path),
                };
            }
        }
    }

    /// Waits for the next batch of changed paths. `None` when the watcher stopped.
    pub fn next_batch(&mut self) -> Option<Vec<PathBuf>> {
        self.next_batch_until(None)
    }

    /// Like [`Watcher::next_batch`], but returns an empty batch at `deadline` if nothing
    /// changed by then.
    pub fn next_batch_until(&mut self, deadline: Option<std::time::Instant>) -> Option<Vec<PathBuf>> {
        let mut paths = BTreeSet::new();
        let first = match deadline {
            None => self.rx.recv().ok()?,
            Some(d) => match self.rx.recv_timeout(d.saturating_duration_since(std::time::Instant::now())) {
                Ok(first) => first,
                Err(RecvTimeoutError::Timeout) => return Some(Vec::new()),
                Err(RecvTimeoutError::Disconnected) => return None,
            },
        };
        self.collect(first, &mut paths);
        loop {
            match self.rx.recv_timeout(COALESCE) {
                Ok(more) => self.collect(more, &mut paths),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        if paths.iter().any(|p| p.parent() == Some(self.root.as_path())) {
            self.refresh();
        }
        Some(paths.into_iter().collect())
    }

    fn collect(&self, result: DebounceEventResult, paths: &mut BTreeSet<PathBuf>) {
        match result {
            Ok(events) => {
                use notify::event::{EventKind, MetadataKind, ModifyKind};
                for e in events {
                    // Reading a file is not changing it: our own reads must not start a rebuild.
                    let relevant = !matches!(
                        e.event.kind,
                        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime))
                    );
                    if relevant {
                        paths.extend(e.event.paths.iter().cloned());
                    }
                }
            }
            Err(errors) => {
                for e in errors {
                    crate::diagnostic::warn(&format!("the file watcher reported: {e}"));
                    // Events may have been lost (an overflowing queue): anything may have
                    // changed, so ask for everything to be read again.
                    paths.insert(self.root.join(crate::config::FILE_NAME));
                }
            }
        }
    }
}
