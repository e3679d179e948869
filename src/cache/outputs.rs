//! What a build left in its output folder, kept for the next build: the fingerprint of each
//! page's data (so a page whose data did not change is neither rendered nor written again)
//! and a stamp of each file as written (size, modification time, inode), so that a file
//! changed or removed since by anyone else is written again, and a file that no build wrote
//! is removed, as a fresh build into an empty folder would.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// The record of one output folder.
pub struct Outputs {
    path: PathBuf,
    key: u64,
}

/// What a build wrote (`T`, the writer's own record) and the stamps of the files.
#[derive(Serialize, Deserialize)]
pub struct Record<T> {
    pub written: T,
    pub stamps: Stamps,
}

impl Outputs {
    /// The record of the output folder `output` of the site at `root`; `settings` is a key of
    /// everything besides the pages' data that decides what a build writes.
    pub fn new(root: &Path, output: &Path, settings: u64) -> Outputs {
        let (path, key) = super::per_output(root, output, settings, "output");
        Outputs { path, key }
    }

    pub fn load<T: DeserializeOwned>(&self) -> Option<Record<T>> {
        super::read(&self.path, self.key)
    }

    /// Drops the record: done before a build changes the folder in place, so that a build
    /// that stops halfway leaves no record that could be trusted.
    pub fn forget(&self) {
        super::forget(&self.path);
    }

    pub fn save<T: Serialize>(&self, written: &T, stamps: &Stamps) {
        #[derive(Serialize)]
        struct RecordRef<'a, T> {
            written: &'a T,
            stamps: &'a Stamps,
        }
        // A cache that cannot be written only makes the next build slower.
        let _ = super::write(&self.path, self.key, &RecordRef { written, stamps });
    }
}

/// A file as a build left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    len: u64,
    modified: (i64, u32),
    inode: u64,
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        let (modified, inode) = {
            use std::os::unix::fs::MetadataExt;
            ((meta.mtime(), meta.mtime_nsec() as u32), meta.ino())
        };
        #[cfg(not(unix))]
        let (modified, inode) = {
            let t = meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).unwrap_or_default();
            ((t.as_secs() as i64, t.subsec_nanos()), 0)
        };
        Stamp { len: meta.len(), modified, inode }
    }
}

/// The stamps of the files in an output folder, by path relative to it (`/`-separated).
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Stamps(FxHashMap<String, Stamp>);

/// How an output folder differs from its stamps.
#[derive(Debug, Default, PartialEq)]
pub struct Survey {
    /// Files with a stamp that are changed or gone.
    pub damaged: FxHashSet<String>,
    /// Files and links without a stamp, and empty folders: no build left them.
    pub strays: Vec<PathBuf>,
}

impl Stamps {
    /// Compares `output` with the stamps; `None` if the folder cannot be listed.
    pub fn survey(&self, output: &Path) -> Option<Survey> {
        // Each top-level entry on its own thread: the folder has thousands of small ones.
        let tops: Vec<PathBuf> =
            std::fs::read_dir(output).ok()?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>().ok()?;
        let parts: Vec<Option<(Vec<&str>, Survey)>> =
            tops.par_iter().map(|top| self.survey_part(output, top)).collect();
        let mut survey = Survey::default();
        // The files with a stamp that are there, changed or not.
        let mut found: FxHashSet<&str> = FxHashSet::default();
        for part in parts {
            let (part_found, part) = part?;
            found.extend(part_found);
            survey.damaged.extend(part.damaged);
            survey.strays.extend(part.strays);
        }
        if found.len() < self.0.len() {
            // Gone since: damaged too.
            survey.damaged.extend(self.0.keys().filter(|rel| !found.contains(rel.as_str())).cloned());
        }
        Some(survey)
    }

    /// [`Stamps::survey`] of `top` (an entry of `output`) and what is below it.
    fn survey_part(&self, output: &Path, top: &Path) -> Option<(Vec<&str>, Survey)> {
        let mut survey = Survey::default();
        let mut found = Vec::new();
        // The last folder seen: empty if the next entry is not inside it.
        let mut open_dir: Option<PathBuf> = None;
        for entry in walkdir::WalkDir::new(top) {
            let entry = entry.ok()?;
            let path = entry.path();
            if let Some(dir) = open_dir.take()
                && !path.starts_with(&dir)
            {
                survey.strays.push(dir);
            }
            if entry.file_type().is_dir() {
                open_dir = Some(path.to_path_buf());
                continue;
            }
            let stamp = entry.metadata().ok().map(|m| Stamp::of(&m));
            match super::relative(output, path) {
                Some(rel) => match self.0.get_key_value(&rel) {
                    Some((key, s)) => {
                        found.push(key.as_str());
                        if Some(*s) != stamp || !entry.file_type().is_file() {
                            survey.damaged.insert(rel);
                        }
                    }
                    None => survey.strays.push(path.to_path_buf()),
                },
                None => survey.strays.push(path.to_path_buf()),
            }
        }
        survey.strays.extend(open_dir);
        Some((found, survey))
    }

    /// The stamps of the files `rels` of `output` as they are now (those that are there).
    pub fn of<'a>(output: &Path, rels: impl IntoIterator<Item = &'a str>) -> Stamps {
        let rels: Vec<&str> = rels.into_iter().collect();
        let stamps = rels.par_iter().filter_map(|rel| {
            let meta = std::fs::symlink_metadata(output.join(rel)).ok().filter(|m| m.is_file())?;
            Some(((*rel).to_owned(), Stamp::of(&meta)))
        });
        Stamps(stamps.collect())
    }
}

/// Removes what no build wrote: stray files and links, and empty folders (with the folders
/// that then become empty).
pub fn remove_strays(output: &Path, strays: &[PathBuf]) -> Result<(), crate::Error> {
    for path in strays {
        let meta = std::fs::symlink_metadata(path);
        let removed = match meta {
            Ok(m) if m.is_dir() => std::fs::remove_dir(path),
            Ok(_) => std::fs::remove_file(path),
            Err(_) => continue,
        };
        removed.map_err(|e| crate::Error::io("remove", path, e))?;
        crate::output::remove_empty_parents(output, path);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, rel: &str, text: &str) {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn a_survey_finds_changed_missing_and_stray_files_and_empty_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path();
        let ours = ["index.html", "a/index.html", "a/b/index.html", "style.css"];
        for rel in ours {
            write(out, rel, rel);
        }
        let stamps = Stamps::of(out, ours);
        assert_eq!(stamps.survey(out), Some(Survey::default()));

        // Rewritten with other bytes (a new file, as editors and tools do), removed, added.
        std::fs::remove_file(out.join("a/index.html")).unwrap();
        write(out, "a/index.html", "edited by hand");
        std::fs::remove_file(out.join("style.css")).unwrap();
        write(out, "notes.txt", "not ours");
        std::fs::create_dir_all(out.join("empty/deeper")).unwrap();
        let survey = stamps.survey(out).unwrap();
        let mut damaged: Vec<&str> = survey.damaged.iter().map(String::as_str).collect();
        damaged.sort();
        assert_eq!(damaged, ["a/index.html", "style.css"]);
        let mut strays = survey.strays.clone();
        strays.sort();
        assert_eq!(strays, [out.join("empty/deeper"), out.join("notes.txt")]);

        remove_strays(out, &survey.strays).unwrap();
        assert!(!out.join("notes.txt").exists());
        assert!(!out.join("empty").exists(), "a folder left empty goes too");
        assert!(out.join("a/b/index.html").exists());
    }

    #[test]
    fn a_missing_output_folder_cannot_be_surveyed() {
        let tmp = tempfile::tempdir().unwrap();
        assert_eq!(Stamps::default().survey(&tmp.path().join("nowhere")), None);
    }

    #[test]
    fn records_are_kept_per_output_folder_and_settings() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let a = Outputs::new(root, &root.join("public"), 1);
        a.save(&vec![1u64, 2], &Stamps::default());
        assert_eq!(a.load::<Vec<u64>>().map(|r| r.written), Some(vec![1, 2]));
        assert!(Outputs::new(root, &root.join("public"), 2).load::<Vec<u64>>().is_none(), "other settings");
        assert!(Outputs::new(root, &root.join("elsewhere"), 1).load::<Vec<u64>>().is_none(), "another folder");
        a.forget();
        assert!(a.load::<Vec<u64>>().is_none());
    }
}
