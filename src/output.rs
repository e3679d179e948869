//! Writing the site: into a fresh staging folder beside the output folder, swapped in only
//! when everything was written. A failed or interrupted build leaves the previous output as
//! it was; the old tree is removed after the swap.

use std::path::{Path, PathBuf};

use crate::{Error, fs};

pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
}

/// `parent/.name.gazette-suffix`: hidden, beside `target` so renames stay on one file system.
fn sibling(target: &Path, suffix: &str) -> PathBuf {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    target.with_file_name(format!(".{name}.gazette-{suffix}"))
}

impl Staging {
    /// Prepares an empty staging folder for `target`, clearing what an interrupted build left.
    pub fn begin(target: &Path) -> Result<Staging, Error> {
        let dir = sibling(target, "new");
        let old = sibling(target, "old");
        // An interrupted swap can leave the previous output aside: put it back first.
        if !target.exists() && old.is_dir() {
            fs::rename(&old, target)?;
        }
        fs::remove_dir_all(&old)?;
        fs::remove_dir_all(&dir)?;
        fs::create_dir_all(&dir)?;
        Ok(Staging { target: target.to_path_buf(), dir })
    }

    /// Writes `bytes` at `rel` (a `/`-separated path) inside the staging folder.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, bytes)
    }

    pub fn copy(&self, rel: &str, from: &Path) -> Result<(), Error> {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::copy(from, &path)
    }

    /// Swaps the staging folder in as the output and removes the old output.
    pub fn commit(self) -> Result<(), Error> {
        let old = sibling(&self.target, "old");
        if self.target.exists() {
            fs::rename(&self.target, &old)?;
        }
        fs::rename(&self.dir, &self.target)?;
        fs::remove_dir_all(&old)
    }

    /// Drops what was written; the output folder is untouched.
    pub fn abort(self) {
        // Best effort: a leftover staging folder is cleared by the next build anyway.
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_swaps_and_abort_keeps_the_old_output() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(target.join("old.html"), "old").unwrap();

        let s = Staging::begin(&target).unwrap();
        s.write("a/index.html", b"new").unwrap();
        s.abort();
        assert_eq!(std::fs::read_to_string(target.join("old.html")).unwrap(), "old");

        let s = Staging::begin(&target).unwrap();
        s.write("a/index.html", b"new").unwrap();
        s.commit().unwrap();
        assert!(!target.join("old.html").exists());
        assert_eq!(std::fs::read_to_string(target.join("a/index.html")).unwrap(), "new");
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers, ["public"]);
    }

    #[test]
    fn an_interrupted_swap_is_repaired() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        // The state after the first rename of a swap: the output is aside, nothing in place.
        let old = sibling(&target, "old");
        std::fs::create_dir_all(&old).unwrap();
        std::fs::write(old.join("index.html"), "previous").unwrap();
        let s = Staging::begin(&target).unwrap();
        assert_eq!(std::fs::read_to_string(target.join("index.html")).unwrap(), "previous");
        s.abort();
    }
}
