//! Writing the site: into a fresh staging folder beside the output folder, swapped in only
//! when everything was written. A failed or interrupted build leaves the previous output as
//! it was; the old tree is removed after the swap. Only a folder that [`manifest::survey`]
//! finds to be Gazette's (or missing, or empty) is ever replaced, and only trees under
//! Gazette's own staging names are ever removed.

pub mod manifest;

use std::path::{Path, PathBuf};

pub use manifest::Manifest;

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

/// A unique name beside `target` for an old output removed in the background.
fn trash_name(target: &Path) -> PathBuf {
    static COUNT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    sibling(target, &format!("trash-{}-{n}", std::process::id()))
}

impl Staging {
    /// Prepares an empty staging folder for `target`, clearing what an interrupted build left.
    /// Refuses, touching nothing, a `target` that is not Gazette's to replace (see
    /// [`manifest::survey`]). A `target` that is a link to a folder stays a link: the folder
    /// it leads to is the one replaced.
    pub fn begin(target: &Path) -> Result<Staging, Error> {
        let target = &resolve(target);
        let dir = sibling(target, "new");
        let old = sibling(target, "old");
        // An interrupted swap can leave the previous output aside: put it back first.
        if std::fs::symlink_metadata(target).is_err() && old.is_dir() {
            fs::rename(&old, target)?;
        }
        manifest::survey(target)?;
        fs::remove_dir_all(&old)?;
        fs::remove_dir_all(&dir)?;
        clear_old_trash(target);
        fs::create_dir_all(&dir)?;
        Ok(Staging { target: target.to_path_buf(), dir })
    }

    /// The folder swapped in at the end (the target of a link given as the output).
    pub fn target(&self) -> &Path {
        &self.target
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

    /// Writes the manifest listing `files` (everything written), swaps the staging folder in
    /// as the output and removes the old output, right away or, with `background`, in a
    /// thread so that nobody waits for it.
    pub fn commit<'a>(self, files: impl IntoIterator<Item = &'a str>, background: bool) -> Result<(), Error> {
        if let Err(e) = fs::write(&self.dir.join(manifest::FILE_NAME), manifest::render(files).as_bytes()) {
            self.abort();
            return Err(e);
        }
        let old = if background { trash_name(&self.target) } else { sibling(&self.target, "old") };
        if self.target.exists() {
            if exchange(&self.dir, &self.target) {
                // The output is whole at every moment: the staging name now holds the old tree.
                fs::rename(&self.dir, &old)?;
            } else {
                // Between these two renames the output is aside; `begin` puts it back if a
                // build dies there.
                fs::rename(&self.target, &old)?;
                fs::rename(&self.dir, &self.target)?;
            }
        } else {
            fs::rename(&self.dir, &self.target)?;
        }
        if background {
            // Nothing depends on it: a tree left by an interrupted thread is cleared by the
            // next build.
            std::thread::spawn(move || std::fs::remove_dir_all(old));
            Ok(())
        } else {
            fs::remove_dir_all(&old)
        }
    }

    /// Drops what was written; the output folder is untouched.
    pub fn abort(self) {
        // Best effort: a leftover staging folder is cleared by the next build anyway.
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// `target`, or the folder it leads to if it is a link (a link to a link too); as it is if
/// that cannot be found out ([`manifest::survey`] then says why).
fn resolve(target: &Path) -> PathBuf {
    match std::fs::symlink_metadata(target) {
        Ok(m) if m.file_type().is_symlink() => target.canonicalize().unwrap_or_else(|_| target.to_path_buf()),
        _ => target.to_path_buf(),
    }
}

/// Swaps the folders `a` and `b` in one atomic step, where the system can (Linux's
/// `renameat2` with `RENAME_EXCHANGE`); `false` if it cannot, and nothing was changed.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let (Ok(a), Ok(b)) = (CString::new(a.as_os_str().as_bytes()), CString::new(b.as_os_str().as_bytes())) else {
        return false;
    };
    // SAFETY: both are valid NUL-terminated paths that live across the call.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    rc == 0
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

/// Removes trees that background removals of this process's earlier builds, or of killed
/// processes, did not finish. Trees a running thread is still removing are left to it.
fn clear_old_trash(target: &Path) {
    let Some(parent) = target.parent() else { return };
    let prefix = sibling(target, "trash-").file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let own = format!("{prefix}{}-", std::process::id());
    let Ok(entries) = std::fs::read_dir(if parent.as_os_str().is_empty() { Path::new(".") } else { parent }) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with(&prefix) && !name.starts_with(&own) {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// Files that replace or join those of an output folder together: each is written in full
/// into a staging folder beside it first, then all are moved in. A failure while writing (a
/// full disk) changes nothing in the output folder, and an interruption can only fall
/// between two renames.
pub struct Batch {
    target: PathBuf,
    dir: PathBuf,
    files: Vec<String>,
    manifest: Manifest,
}

impl Batch {
    /// Prepares a batch for `target`, whose files Gazette wrote are in `manifest`, clearing
    /// what an interrupted build left.
    pub fn begin(target: &Path, manifest: &Manifest) -> Result<Batch, Error> {
        let target = resolve(target);
        let dir = sibling(&target, "new");
        fs::remove_dir_all(&dir)?;
        Ok(Batch { target, dir, files: Vec::new(), manifest: manifest.clone() })
    }

    /// Writes `bytes` for the file `rel` (a `/`-separated path) of the output folder.
    pub fn write(&mut self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, bytes)?;
        self.files.push(rel.to_owned());
        Ok(())
    }

    /// Moves the files written into the output folder, then removes the files `gone` from it;
    /// the manifest records both. A file that is in the way and that Gazette did not write
    /// stops it before anything is moved.
    pub fn commit(self, gone: &[String]) -> Result<(), Error> {
        if let Some(rel) = self
            .files
            .iter()
            .find(|rel| !self.manifest.contains(rel) && std::fs::symlink_metadata(self.target.join(rel)).is_ok())
        {
            let _ = std::fs::remove_dir_all(&self.dir);
            return Err(crate::Diagnostic::file(
                fs::shown(Path::new("."), self.target.join(rel)),
                "Gazette did not write this file, and the site now has a page or file here; it stops here and \
                 touches nothing",
            )
            .with_hint("move the file out of the output folder (files to publish belong in static/)")
            .into());
        }
        // Recorded first: a file moved in is Gazette's from that moment on.
        let added = self.manifest.update(self.files.iter().map(String::as_str), []);
        if let Err(e) = added {
            let _ = std::fs::remove_dir_all(&self.dir);
            return Err(e);
        }
        let moved = self.files.iter().try_for_each(|rel| {
            let to = self.target.join(rel);
            if let Some(parent) = to.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::rename(&self.dir.join(rel), &to)
        });
        let _ = std::fs::remove_dir_all(&self.dir);
        moved?;
        gone.iter().try_for_each(|rel| remove_page(&self.target, rel))?;
        self.manifest.update([], gone.iter().map(String::as_str))
    }

    /// Drops what was written; the output folder is untouched.
    pub fn abort(self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Replaces the file at `path` with `bytes` in one step: readers see the old file or the new
/// one, never half of it.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.gazette-tmp"));
    fs::write(&tmp, bytes)?;
    fs::rename(&tmp, path)
}

/// Removes the file `rel` from `output`, and its folders up to `output` once they are empty.
pub fn remove_page(output: &Path, rel: &str) -> Result<(), Error> {
    let path = output.join(rel);
    match std::fs::remove_file(&path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(Error::io("remove", &path, e)),
        _ => {}
    }
    remove_empty_parents(output, &path);
    Ok(())
}

/// Removes the folders of `path` that are empty, up to `output`.
pub fn remove_empty_parents(output: &Path, path: &Path) {
    let mut dir = path.parent();
    while let Some(d) = dir {
        if d == output || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
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
        std::fs::write(target.join(manifest::FILE_NAME), manifest::render(["old.html"])).unwrap();

        let s = Staging::begin(&target).unwrap();
        s.write("a/index.html", b"new").unwrap();
        s.abort();
        assert_eq!(std::fs::read_to_string(target.join("old.html")).unwrap(), "old");

        let s = Staging::begin(&target).unwrap();
        s.write("a/index.html", b"new").unwrap();
        s.commit(["a/index.html"], false).unwrap();
        assert!(!target.join("old.html").exists());
        assert_eq!(std::fs::read_to_string(target.join("a/index.html")).unwrap(), "new");
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers, ["public"]);
        assert!(target.join(manifest::FILE_NAME).exists());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn folders_are_exchanged_in_one_step() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        std::fs::create_dir_all(&a).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        std::fs::write(a.join("x"), "from a").unwrap();
        assert!(exchange(&a, &b));
        assert_eq!(std::fs::read_to_string(b.join("x")).unwrap(), "from a");
        assert!(!a.join("x").exists());
    }

    #[test]
    fn an_interrupted_swap_is_repaired() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        // The state after the first rename of a swap: the output is aside, nothing in place.
        let old = sibling(&target, "old");
        std::fs::create_dir_all(&old).unwrap();
        std::fs::write(old.join("index.html"), "previous").unwrap();
        std::fs::write(old.join(manifest::FILE_NAME), manifest::render(["index.html"])).unwrap();
        let s = Staging::begin(&target).unwrap();
        assert_eq!(std::fs::read_to_string(target.join("index.html")).unwrap(), "previous");
        s.abort();
    }
}
