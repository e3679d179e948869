//! [`Photos`]: processing one photo, through the cache.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::codec::{self, Kind};
use super::store::{self, CacheFile, Entry};
use super::{Content, Keep, Photo, Photos, Processed, Variant, copy_sizes, variant_file};
use crate::Diagnostic;
use crate::config::images::Images;

impl Photos {
    pub fn new(cache_dir: PathBuf, settings: &Images) -> Photos {
        Photos {
            cache_dir,
            keep: Keep::Cache,
            settings: settings.clone(),
            resized: AtomicUsize::new(0),
            used: Mutex::new(Default::default()),
        }
    }

    /// A `Photos` that neither reads nor writes a cache: every photo is resized, its copies
    /// kept in memory (for `build --no-cache`).
    pub fn uncached(settings: &Images) -> Photos {
        Photos { keep: Keep::Memory, ..Photos::new(PathBuf::new(), settings) }
    }

    /// A `Photos` that only measures photos, reading their headers, and makes no copies
    /// (for `check`, which writes nothing).
    pub fn sizes_only(settings: &Images) -> Photos {
        Photos { keep: Keep::SizesOnly, ..Photos::new(PathBuf::new(), settings) }
    }

    /// Reads the image at `source` (shown in messages as `shown`), published at output path
    /// `rel`, and returns its size and its resized copies: one per configured width strictly
    /// smaller than the original's width (never upscaled), in the original's format (by
    /// `rel`'s extension), height keeping the aspect ratio (rounded).
    ///
    /// The copies are turned as the EXIF orientation says and carry no EXIF of their own (no
    /// GPS position is published with them); they keep the original's ICC colour profile.
    /// They are files in the cache ([`Content::Cached`]) to copy or hard-link from, or their
    /// bytes when the cache could not be written.
    ///
    /// GIF and WebP files get their size and no copies. Call it for [`raster`](super::raster)
    /// files only: any other file is an error.
    pub fn process(&self, source: &Path, shown: &Path, rel: &str) -> Result<Processed, Diagnostic> {
        // The same checked read as the copy of the original: a photo replaced by a link
        // since it was found is not read through the link.
        let bytes = crate::fs::read_checked(source).map_err(|e| crate::fs::diagnostic(e, shown))?;
        self.process_bytes(&bytes, shown, rel)
    }

    /// [`process`](Self::process) for a file already read into `bytes`.
    pub fn process_bytes(&self, bytes: &[u8], shown: &Path, rel: &str) -> Result<Processed, Diagnostic> {
        if self.keep == Keep::SizesOnly {
            let (width, height) = codec::measure(bytes, shown)?;
            let sizes =
                if Kind::of(rel).is_some() { copy_sizes(width, height, &self.settings.widths) } else { Vec::new() };
            return Ok(Processed { photo: photo(rel, width, height, &sizes), files: Vec::new() });
        }
        let Some(kind) = Kind::of(rel) else {
            // Reading a header costs less than looking in the cache would.
            let (width, height) = codec::measure(bytes, shown)?;
            return Ok(Processed { photo: Photo { width, height, variants: Vec::new() }, files: Vec::new() });
        };
        let key = store::key(bytes, kind, &self.settings);
        self.used.lock().unwrap_or_else(|e| e.into_inner()).insert(key);
        if let Some(hit) = (self.keep == Keep::Cache).then(|| self.cached(key, kind, rel)).flatten() {
            return Ok(hit);
        }

        let (image, icc) = codec::decode(bytes, shown)?;
        let (width, height) = (image.width(), image.height());
        let sizes = copy_sizes(width, height, &self.settings.widths);
        let encoded = codec::copies(&image, &sizes, kind, self.settings.quality, icc.as_deref(), shown)?;
        drop(image);
        self.resized.fetch_add(1, Ordering::Relaxed);

        // A cache that cannot be written (read-only checkout, full disk) slows later builds
        // down but must not fail this one: the copies then stay in memory.
        let mut all_cached = true;
        let mut files = Vec::with_capacity(sizes.len());
        for (&(w, _), bytes) in sizes.iter().zip(encoded) {
            let path = store::copy_path(&self.cache_dir, key, w, kind);
            let content = match (self.keep == Keep::Cache).then(|| store::write_atomic(&path, &bytes)) {
                Some(Ok(())) => Content::Cached(path),
                _ => {
                    all_cached = false;
                    Content::Bytes(bytes)
                }
            };
            files.push((variant_file(rel, w), content));
        }
        if all_cached {
            let _ = store::write_entry(&self.cache_dir, key, &Entry { width, height, copies: sizes.clone() });
        }
        Ok(Processed { photo: photo(rel, width, height, &sizes), files })
    }

    /// The photo `key` from the cache, if it is all there.
    fn cached(&self, key: u64, kind: Kind, rel: &str) -> Option<Processed> {
        let entry = store::read_entry(&self.cache_dir, key)?;
        // The key covers the settings; this catches an entry that is damaged yet readable.
        if entry.copies != copy_sizes(entry.width, entry.height, &self.settings.widths) {
            return None;
        }
        let mut files = Vec::with_capacity(entry.copies.len());
        for &(w, _) in &entry.copies {
            let path = store::copy_path(&self.cache_dir, key, w, kind);
            // Someone may have cleaned some files out by hand.
            if !path.is_file() {
                return None;
            }
            files.push((variant_file(rel, w), Content::Cached(path)));
        }
        Some(Processed { photo: photo(rel, entry.width, entry.height, &entry.copies), files })
    }

    /// How many photos this `Photos` decoded and resized, rather than found in the cache: for
    /// the build's report, and for tests.
    pub fn resized(&self) -> usize {
        self.resized.load(Ordering::Relaxed)
    }

    /// Removes from the cache the files of photos (or settings) this `Photos` did not process,
    /// and files left half-written. Call it only after a build that processed every photo of
    /// the site, or the others are resized again next time.
    pub fn forget_others(&self) -> std::io::Result<()> {
        if self.keep != Keep::Cache {
            return Ok(());
        }
        let used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        let entries = match std::fs::read_dir(&self.cache_dir) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            entries => entries?,
        };
        for entry in entries {
            let entry = entry?;
            let keep = match store::cache_file(&entry.file_name().to_string_lossy()) {
                Some(CacheFile::Photo(key)) => used.contains(&key),
                Some(CacheFile::Temporary) => false,
                None => true,
            };
            if !keep {
                let _ = std::fs::remove_file(entry.path());
            }
        }
        Ok(())
    }
}

fn photo(rel: &str, width: u32, height: u32, sizes: &[(u32, u32)]) -> Photo {
    let variants = sizes.iter().map(|&(w, h)| Variant { file: variant_file(rel, w), width: w, height: h }).collect();
    Photo { width, height, variants }
}

// Build threads share one `Photos`: this stops compiling if a field stops being `Sync`.
const _: fn() = || {
    fn sync<T: Sync>() {}
    sync::<Photos>();
};
