//! The build cache, `.gazette/cache/` in the site's folder: what one build leaves for the next,
//! so that a notice whose text did not change is not rendered again ([`markdown`]) and a
//! page whose data did not change is neither rendered nor written again ([`outputs`]).
//!
//! It is only ever a shortcut: every file in it carries a key of the program and the settings
//! that wrote it, and a file with another key, or one that cannot be read, is ignored. The
//! folder is safe to delete at any time, and a build with the cache writes the same bytes as
//! one without it. Failing to write the cache does not fail a build.

pub mod markdown;
pub mod outputs;
pub mod unchanged;

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

/// The cache's folder under a site's root.
pub const DIR: &str = ".gazette/cache";

/// The first bytes of every cache file, with the format's version.
const MAGIC: &[u8; 8] = b"GZCACHE1";

/// The cache folder of the site at `root`.
pub fn dir(root: &Path) -> PathBuf {
    root.join(DIR)
}

/// A key of the running program: its version and its executable's size and time, so that
/// a Gazette built from other code (even under the same version number) does not trust
/// what this one cached.
pub fn program() -> u64 {
    static KEY: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *KEY.get_or_init(|| {
        let mut h = crate::hash::hasher();
        env!("CARGO_PKG_VERSION").hash(&mut h);
        let exe = std::env::current_exe().and_then(std::fs::metadata);
        match exe {
            Ok(meta) => (meta.len(), meta.modified().ok()).hash(&mut h),
            // Without a way to tell this program from another, nothing cached is trusted.
            Err(_) => std::time::SystemTime::now().hash(&mut h),
        }
        h.finish()
    })
}

/// The file and key of a record kept per output folder (`name` says which record) for the
/// site at `root` built with `settings` (a key of everything besides the files that decides
/// what a build writes): each output folder has its own file, and another program or other
/// settings another key.
fn per_output(root: &Path, output: &Path, settings: u64, name: &str) -> (PathBuf, u64) {
    let output = std::path::absolute(output).unwrap_or_else(|_| output.to_path_buf());
    let mut h = crate::hash::hasher();
    output.hash(&mut h);
    let path = dir(root).join(format!("{name}-{:016x}.bin", h.finish()));
    let mut h = crate::hash::hasher();
    (program(), settings, &output).hash(&mut h);
    (path, h.finish())
}

/// `path` relative to `base`, `/`-separated; `None` if it is not below `base` or not UTF-8.
fn relative(base: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(base).ok()?.to_str()?;
    Some(if cfg!(windows) { rel.replace('\\', "/") } else { rel.to_owned() })
}

/// Reads the value cached in `path` under `key`; `None` if there is none, it has another key
/// or it cannot be read.
pub fn read<T: DeserializeOwned>(path: &Path, key: u64) -> Option<T> {
    let bytes = std::fs::read(path).ok()?;
    let rest = bytes.strip_prefix(MAGIC.as_slice())?;
    let (stored, payload) = rest.split_first_chunk::<8>()?;
    if u64::from_le_bytes(*stored) != key {
        return None;
    }
    postcard::from_bytes(payload).ok()
}

/// Caches `value` in `path` under `key`, replacing the file in one step so that a build
/// running at the same time reads the old file or the new, never half of one.
pub fn write<T: Serialize + ?Sized>(path: &Path, key: u64, value: &T) -> std::io::Result<()> {
    let mut bytes = Vec::with_capacity(1 << 16);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&key.to_le_bytes());
    let bytes = postcard::to_extend(value, bytes).map_err(std::io::Error::other)?;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
        write_tag(parent);
    }
    crate::output::write_atomic(path, &bytes).map_err(|e| std::io::Error::other(e.to_string()))
}

/// Caches the values `items` in `path` under `key`, one record each, written as they come:
/// for large caches, which then never sit in memory whole a second time.
pub fn write_records<'a, T: Serialize + 'a>(
    path: &Path,
    key: u64,
    items: impl IntoIterator<Item = &'a T>,
) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
        write_tag(parent);
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    let written = (|| {
        let mut out = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&tmp)?);
        out.write_all(MAGIC)?;
        out.write_all(&key.to_le_bytes())?;
        let mut record = Vec::new();
        for item in items {
            record.clear();
            record = postcard::to_extend(item, record).map_err(std::io::Error::other)?;
            out.write_all(&(record.len() as u64).to_le_bytes())?;
            out.write_all(&record)?;
        }
        // No fsync: a file cut short by a crash is read as no cache, or as fewer records.
        out.flush()
    })();
    match written {
        Ok(()) => std::fs::rename(&tmp, path),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// Reads the records cached in `path` under `key` by [`write_records`]; `None` if there are
/// none, they have another key or any cannot be read.
pub fn read_records<T: DeserializeOwned>(path: &Path, key: u64) -> Option<Vec<T>> {
    use std::io::{BufRead, Read};
    let mut input = std::io::BufReader::with_capacity(1 << 20, std::fs::File::open(path).ok()?);
    let mut head = [0u8; 16];
    input.read_exact(&mut head).ok()?;
    if &head[..8] != MAGIC || u64::from_le_bytes(head[8..].try_into().ok()?) != key {
        return None;
    }
    let mut items = Vec::new();
    let mut record = Vec::new();
    loop {
        if input.fill_buf().ok()?.is_empty() {
            return Some(items);
        }
        let mut len = [0u8; 8];
        input.read_exact(&mut len).ok()?;
        // A length beyond what is left of the file is damage, not a reason to allocate.
        let len = usize::try_from(u64::from_le_bytes(len)).ok().filter(|&l| l <= 1 << 30)?;
        record.resize(len, 0);
        input.read_exact(&mut record).ok()?;
        items.push(postcard::from_bytes(&record).ok()?);
    }
}

/// Removes the cached file at `path`, if any.
pub fn forget(path: &Path) {
    let _ = std::fs::remove_file(path);
}

/// Marks the folder as a cache, so that backup tools (and people) know it can be dropped.
fn write_tag(dir: &Path) {
    let tag = dir.join("CACHEDIR.TAG");
    if !tag.exists() {
        let _ = std::fs::write(
            tag,
            "Signature: 8a477f597d28d172789f06886806bc55\n\
             # This folder is Gazette's build cache: safe to delete; see docs/commands.md.\n",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_read_back_only_under_its_key() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("c/x.bin");
        write(&path, 7, &vec![("a".to_owned(), 1u64)]).unwrap();
        assert_eq!(read::<Vec<(String, u64)>>(&path, 7), Some(vec![("a".to_owned(), 1)]));
        assert_eq!(read::<Vec<(String, u64)>>(&path, 8), None);
        assert!(tmp.path().join("c/CACHEDIR.TAG").is_file());
    }

    #[test]
    fn damaged_or_foreign_files_are_ignored() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("x.bin");
        for bytes in [&b""[..], b"GZCACHE1", b"GZCACHE1\x07\0\0\0\0\0\0\0\xff\xff\xff", b"something else entirely"] {
            std::fs::write(&path, bytes).unwrap();
            assert_eq!(read::<Vec<String>>(&path, 7), None, "{bytes:?}");
        }
        forget(&path);
        assert!(!path.exists());
        assert_eq!(read::<Vec<String>>(&path, 7), None);
    }

    #[test]
    fn records_are_read_back_whole_or_not_at_all() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("r.bin");
        let items = vec!["one".to_owned(), "two".repeat(1000), String::new()];
        write_records(&path, 3, &items).unwrap();
        assert_eq!(read_records::<String>(&path, 3), Some(items));
        assert_eq!(read_records::<String>(&path, 4), None);
        // Cut short anywhere: nothing.
        let bytes = std::fs::read(&path).unwrap();
        for cut in [1, 10, 17, 20, bytes.len() - 1] {
            std::fs::write(&path, &bytes[..cut]).unwrap();
            assert_eq!(read_records::<String>(&path, 3), None, "cut at {cut}");
        }
        write_records::<String>(&path, 3, &[]).unwrap();
        assert_eq!(read_records::<String>(&path, 3), Some(vec![]));
    }
}
