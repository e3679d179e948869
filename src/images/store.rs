//! The cache of resized photos, `.gazette/cache/images/`: decoding and resizing a camera's
//! photo takes a good fraction of a second, far longer than rendering a page, so each photo is
//! resized once and its copies kept until the photo or the settings change.
//!
//! Every photo has a key, a hash of its bytes, the format of its copies, the settings and
//! [`VERSION`](super::VERSION). Under it the cache holds one file per copy,
//! `{key:016x}-{width}.{jpg|png}`, and `{key:016x}.photo`: the photo's size and its copies'
//! sizes, written last, so that it is only there once all copies are. Files are written under
//! a temporary name and renamed, so that builds running at the same time (or threads of one
//! build given the same photo twice) read whole files or none.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use super::codec::Kind;
use crate::config::images::Images;

/// The first bytes of a `.photo` file, with the version of its layout.
const MAGIC: &[u8; 8] = b"GZPHOTO1";

/// What the cache knows of a photo, in its `.photo` file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Entry {
    pub width: u32,
    pub height: u32,
    /// The width and height of each copy, ascending.
    pub copies: Vec<(u32, u32)>,
}

/// The key of the photo `source` copied as `kind` with `settings`.
pub(super) fn key(source: &[u8], kind: Kind, settings: &Images) -> u64 {
    let mut h = Xxh3::new();
    h.update(&super::VERSION.to_le_bytes());
    h.update(&xxh3_64(source).to_le_bytes());
    h.update(kind.ext().as_bytes());
    h.update(&[settings.quality]);
    for width in &settings.widths {
        h.update(&width.to_le_bytes());
    }
    h.digest()
}

/// The cached copy of photo `key` at `width`.
pub(super) fn copy_path(dir: &Path, key: u64, width: u32, kind: Kind) -> PathBuf {
    dir.join(format!("{key:016x}-{width}.{}", kind.ext()))
}

fn entry_path(dir: &Path, key: u64) -> PathBuf {
    dir.join(format!("{key:016x}.photo"))
}

/// The entry of photo `key`; `None` when there is none or it is damaged.
pub(super) fn read_entry(dir: &Path, key: u64) -> Option<Entry> {
    let bytes = std::fs::read(entry_path(dir, key)).ok()?;
    let rest = bytes.strip_prefix(MAGIC.as_slice())?;
    let (stored, payload) = rest.split_first_chunk::<8>()?;
    // A file copied or renamed by hand under another key is not this photo's.
    if u64::from_le_bytes(*stored) != key {
        return None;
    }
    let (entry, rest) = postcard::take_from_bytes::<Entry>(payload).ok()?;
    rest.is_empty().then_some(entry)
}

pub(super) fn write_entry(dir: &Path, key: u64, entry: &Entry) -> std::io::Result<()> {
    let mut bytes = MAGIC.to_vec();
    bytes.extend_from_slice(&key.to_le_bytes());
    let bytes = postcard::to_extend(entry, bytes).map_err(std::io::Error::other)?;
    write_atomic(&entry_path(dir, key), &bytes)
}

/// Writes `bytes` to `path` under a temporary name first, unique to this process and call, then
/// renames it: a reader never sees half a file, and two writers of one path do not mix theirs.
pub(super) fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}-{}.tmp", std::process::id(), COUNT.fetch_add(1, Ordering::Relaxed)));
    let written = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// A file this module writes into the cache.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum CacheFile {
    /// A copy or entry of the photo with this key.
    Photo(u64),
    /// A file being written, or left by a writer that was stopped.
    Temporary,
}

/// What the file `name` in the cache is; `None` when it is not one this module writes.
pub(super) fn cache_file(name: &str) -> Option<CacheFile> {
    if name.starts_with('.') && name.ends_with(".tmp") {
        return Some(CacheFile::Temporary);
    }
    let (hex, rest) = name.split_at_checked(16)?;
    let key = u64::from_str_radix(hex, 16).ok()?;
    let ours = rest == ".photo"
        || rest.strip_prefix('-').and_then(|r| r.split_once('.')).is_some_and(|(width, ext)| {
            width.parse::<u32>().is_ok() && (ext == Kind::Jpeg.ext() || ext == Kind::Png.ext())
        });
    ours.then_some(CacheFile::Photo(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_file_names_tell_their_key() {
        for (name, want) in [
            ("00000000000000ff.photo", Some(CacheFile::Photo(255))),
            ("00000000000000ff-480.jpg", Some(CacheFile::Photo(255))),
            ("00000000000000ff-1600.png", Some(CacheFile::Photo(255))),
            (".00000000000000ff-480.jpg.123-4.tmp", Some(CacheFile::Temporary)),
            ("00000000000000ff-480.gif", None),
            ("00000000000000ff-x.jpg", None),
            ("00000000000000ff.txt", None),
            ("CACHEDIR.TAG", None),
            ("notes", None),
        ] {
            assert_eq!(cache_file(name), want, "{name}");
        }
    }

    #[test]
    fn damaged_or_foreign_entries_are_none() {
        let dir = tempfile::tempdir().unwrap();
        let entry = Entry { width: 2000, height: 1000, copies: vec![(480, 240), (960, 480)] };
        write_entry(dir.path(), 7, &entry).unwrap();
        assert_eq!(read_entry(dir.path(), 7), Some(entry.clone()));
        let good = std::fs::read(entry_path(dir.path(), 7)).unwrap();

        let mut longer = good.clone();
        longer.push(0);
        for bytes in [b"not a photo entry".to_vec(), good[..good.len() - 1].to_vec(), longer, Vec::new()] {
            std::fs::write(entry_path(dir.path(), 7), &bytes).unwrap();
            assert_eq!(read_entry(dir.path(), 7), None, "{bytes:?}");
        }
        // Another photo's entry renamed to this key.
        std::fs::write(entry_path(dir.path(), 8), &good).unwrap();
        assert_eq!(read_entry(dir.path(), 8), None);
    }
}
