//! A build with nothing to do, found without reading a notice: when every file the build
//! reads (site.toml, `content/`, `templates/`, `static/`, `themes/`) and every file it wrote
//! is as the last build left it, and no time it waited for (an embargo, an expiry, a notice
//! leaving the news sitemap) has come, the output folder is already what a build would
//! write. Checking that takes one `stat` per file and folder; a build that reads everything
//! to find that nothing changed took 10 s at 100,000 notices (issue 18).
//!
//! A file is compared by size, modification and change times and inode, the way `make` and
//! Cargo decide what to redo (with the change time too, which no tool can set back); a
//! folder by its modification time, which changes when anything is added to it, removed
//! from it or renamed in it. The inputs are stamped before the build reads them, so a file
//! saved during a build shows as changed at the next one.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// The folders and files under a site's root that a build reads.
pub const INPUTS: &[&str] = &["site.toml", "content", "templates", "static", "themes"];

/// A file or folder as a build found or left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    len: u64,
    modified: (i64, u32),
    changed: (i64, u32),
    inode: u64,
    dir: bool,
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        let (modified, changed, inode) = {
            use std::os::unix::fs::MetadataExt;
            ((meta.mtime(), meta.mtime_nsec() as u32), (meta.ctime(), meta.ctime_nsec() as u32), meta.ino())
        };
        #[cfg(not(unix))]
        let (modified, changed, inode) = {
            let t = meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).unwrap_or_default();
            ((t.as_secs() as i64, t.subsec_nanos()), (0, 0), 0)
        };
        Stamp { len: if meta.is_dir() { 0 } else { meta.len() }, modified, changed, inode, dir: meta.is_dir() }
    }

    /// The stamp of `path` now, through links (a linked notice changes when its target
    /// does); `None` if it cannot be read.
    fn now(path: &Path) -> Option<Stamp> {
        std::fs::metadata(path).ok().map(|m| Stamp::of(&m))
    }
}

/// Paths (relative to a folder) with their stamps; `None` for a path that was not there.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Stamps(Vec<(String, Option<Stamp>)>);

impl Stamps {
    /// Every file and folder of the site at `root` that a build reads, as they are now. An
    /// input that is not there is recorded as such (the root folder itself is not stamped:
    /// the build's own output folder comes and goes in it).
    pub fn inputs(root: &Path) -> Stamps {
        let mut list: Vec<(String, Option<Stamp>)> = Vec::new();
        for top in INPUTS {
            let path = root.join(top);
            if std::fs::metadata(&path).is_err() {
                list.push(((*top).to_owned(), None));
                continue;
            }
            for entry in walkdir::WalkDir::new(path).follow_links(true).into_iter().flatten() {
                if let (Some(rel), Ok(meta)) = (super::relative(root, entry.path()), entry.metadata()) {
                    list.push((rel, Some(Stamp::of(&meta))));
                }
            }
        }
        Stamps(list)
    }

    /// The files `files` of `output` and every folder that holds them, as they are now.
    pub fn outputs<'a>(output: &Path, files: impl IntoIterator<Item = &'a str>) -> Stamps {
        let mut paths: Vec<&str> = vec![""];
        let mut dirs = rustc_hash::FxHashSet::default();
        for rel in files {
            paths.push(rel);
            let mut rest = rel;
            while let Some((dir, _)) = rest.rsplit_once('/') {
                if !dirs.insert(dir) {
                    break;
                }
                paths.push(dir);
                rest = dir;
            }
        }
        Stamps(paths.par_iter().map(|rel| ((*rel).to_owned(), Stamp::now(&join(output, rel)))).collect())
    }

    /// Whether every path under `base` still has its stamp.
    fn hold(&self, base: &Path) -> bool {
        self.0.par_iter().all(|(rel, stamp)| Stamp::now(&join(base, rel)) == *stamp)
    }
}

/// What is kept of a build for this check: the stamps of what it read and wrote, until when
/// its output stays right (as a time in seconds since 1970), and `T`, what the build
/// reported.
#[derive(Serialize, Deserialize)]
pub struct Record<T> {
    pub inputs: Stamps,
    pub outputs: Stamps,
    pub valid_until: Option<i64>,
    pub report: T,
}

/// The record of one site's builds into one output folder with one set of settings.
pub struct Unchanged {
    path: PathBuf,
    key: u64,
}

impl Unchanged {
    /// `settings` is a key of everything besides the files that decides what a build writes
    /// (site.toml, the command-line options).
    pub fn new(root: &Path, output: &Path, settings: u64) -> Unchanged {
        let (path, key) = super::per_output(root, output, settings, "unchanged");
        Unchanged { path, key }
    }

    /// The last build's report, if nothing it read or wrote changed since and no time it
    /// waited for has come by `now` (seconds since 1970).
    pub fn check<T: DeserializeOwned>(&self, root: &Path, output: &Path, now: i64) -> Option<T> {
        let record: Record<T> = super::read(&self.path, self.key)?;
        if record.valid_until.is_some_and(|t| t <= now) {
            return None;
        }
        (record.inputs.hold(root) && record.outputs.hold(output)).then_some(record.report)
    }

    /// Drops the record: done as a build starts, so that one that stops halfway leaves
    /// none.
    pub fn forget(&self) {
        super::forget(&self.path);
    }

    pub fn save<T: Serialize>(&self, record: &Record<T>) {
        // A cache that cannot be written only makes the next build slower.
        let _ = super::write(&self.path, self.key, record);
    }
}

fn join(base: &Path, rel: &str) -> PathBuf {
    if rel.is_empty() { base.to_path_buf() } else { base.join(rel) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, rel: &str, text: &str) {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// A site and its output as a build left them, with the record saved.
    fn built() -> (tempfile::TempDir, PathBuf, PathBuf, Unchanged) {
        let tmp = tempfile::tempdir().unwrap();
        let (root, out) = (tmp.path().join("site"), tmp.path().join("site/public"));
        for rel in ["site.toml", "content/news/a.md", "content/news/b.md", "static/logo.svg", "notes/todo.txt"] {
            write(&root, rel, rel);
        }
        let ours = ["index.html", "news/a/index.html", "news/b/index.html"];
        for rel in ours {
            write(&out, rel, rel);
        }
        let unchanged = Unchanged::new(&root, &out, 1);
        let record = Record {
            inputs: Stamps::inputs(&root),
            outputs: Stamps::outputs(&out, ours),
            valid_until: Some(100),
            report: 7u32,
        };
        unchanged.save(&record);
        (tmp, root, out, unchanged)
    }

    #[test]
    fn nothing_changed_gives_the_last_report() {
        let (_tmp, root, out, unchanged) = built();
        assert_eq!(unchanged.check::<u32>(&root, &out, 99), Some(7));
        // Files the build does not read may change, and folders come and go beside them.
        write(&root, "notes/todo.txt", "more");
        std::fs::create_dir(root.join("public.old")).unwrap();
        assert_eq!(unchanged.check::<u32>(&root, &out, 99), Some(7));
        // Other settings, another output folder: no record.
        assert_eq!(Unchanged::new(&root, &out, 2).check::<u32>(&root, &out, 99), None);
    }

    #[test]
    fn any_change_to_what_a_build_reads_or_wrote_or_the_time_is_seen() {
        type Change = fn(&Path, &Path);
        let changes: &[(&str, Change)] = &[
            ("a notice rewritten", |root, _| write(root, "content/news/a.md", "other text")),
            ("a notice added", |root, _| write(root, "content/news/c.md", "new")),
            ("a notice removed", |root, _| std::fs::remove_file(root.join("content/news/b.md")).unwrap()),
            ("a section added", |root, _| write(root, "content/events/x.md", "new")),
            ("a theme added", |root, _| write(root, "themes/mine/templates/base.html", "x")),
            ("templates added", |root, _| write(root, "templates/base.html", "x")),
            ("site.toml removed", |root, _| std::fs::remove_file(root.join("site.toml")).unwrap()),
            ("a page edited in place", |_, out| {
                use std::io::Write;
                std::fs::OpenOptions::new()
                    .append(true)
                    .open(out.join("news/a/index.html"))
                    .unwrap()
                    .write_all(b"x")
                    .unwrap()
            }),
            ("a page removed", |_, out| std::fs::remove_file(out.join("news/b/index.html")).unwrap()),
            ("a file added to the output", |_, out| write(out, "news/a/stray.txt", "x")),
            ("a folder added to the output", |_, out| write(out, "extra/stray.txt", "x")),
        ];
        for (what, change) in changes {
            let (_tmp, root, out, unchanged) = built();
            change(&root, &out);
            assert_eq!(unchanged.check::<u32>(&root, &out, 99), None, "{what}");
        }
        let (_tmp, root, out, unchanged) = built();
        assert_eq!(unchanged.check::<u32>(&root, &out, 100), None, "the time it was valid until");
        unchanged.forget();
        assert_eq!(unchanged.check::<u32>(&root, &out, 0), None, "forgotten");
    }
}
