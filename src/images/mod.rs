//! Photos published with notices: their width and height, written into `<img>` so that a page
//! does not jump as its photos load, and smaller copies at the widths of `[images]` in
//! site.toml, offered in `srcset` so that a phone does not download a camera's 4000-pixel
//! original.
//!
//! JPEG and PNG photos are resized ([`resizable`]); GIF (which may be animated) and WebP only
//! get their size; SVG has no size in pixels and is left alone ([`raster`]). A copy of
//! `photo.jpg` 480 pixels wide is published beside it as `photo-480w.jpg` ([`variant_file`]).
//!
//! [`Photos`] does the work and keeps its results in the site's cache (its layout is told in
//! `store.rs`): a photo is decoded and resized once, and later builds only hash its bytes.

mod codec;
mod photos;
mod set;
mod store;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::AtomicUsize;

use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

use crate::config::images::Images;
pub use codec::MAX_PIXELS;
pub use set::{Beside, Measured, PhotoSet};

/// The version of the copies Gazette writes: part of every cache key, so bump it whenever the
/// same photo and settings would give other bytes (the filter, the encoders' settings, a new
/// version of the `image` crate that encodes differently).
pub const VERSION: u32 = 1;

/// What Gazette knows about one photo after processing.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Photo {
    /// The width and height as displayed: a phone's portrait photo stored sideways with an
    /// EXIF orientation is as tall as browsers show it.
    pub width: u32,
    pub height: u32,
    /// The smaller copies, narrowest first.
    pub variants: Vec<Variant>,
}

/// A resized copy, written beside the original: `photo.jpg` at 480 px wide → `photo-480w.jpg`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Variant {
    /// The output-relative path, e.g. "meetings/conf/photo-480w.jpg".
    pub file: String,
    pub width: u32,
    pub height: u32,
}

/// A photo's size and where to find the bytes of its copies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Processed {
    pub photo: Photo,
    /// The output-relative path of each copy (as in [`Photo::variants`]) and its bytes.
    pub files: Vec<(String, Content)>,
}

/// The bytes of a copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// A file in the cache, to copy from. The cache never changes a file in place, so it can
    /// also be hard-linked.
    Cached(PathBuf),
    /// The bytes themselves, when they could not be written to the cache.
    Bytes(Vec<u8>),
}

impl Content {
    pub fn bytes(&self) -> std::io::Result<Cow<'_, [u8]>> {
        match self {
            Content::Cached(path) => std::fs::read(path).map(Cow::Owned),
            Content::Bytes(bytes) => Ok(Cow::Borrowed(bytes)),
        }
    }

    /// Writes the copy to `dest`, whose folder must exist.
    pub fn write_to(&self, dest: &Path) -> std::io::Result<()> {
        match self {
            Content::Cached(path) => std::fs::copy(path, dest).map(drop),
            Content::Bytes(bytes) => std::fs::write(dest, bytes),
        }
    }
}

/// The extension of the last part of `rel`, without its dot.
fn extension(rel: &str) -> Option<&str> {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    // ".jpg" alone is a hidden file's name, not an extension.
    name.rfind('.').filter(|&dot| dot > 0).map(|dot| &name[dot + 1..])
}

/// The output-relative file of the copy of `rel` (an output-relative path like
/// "meetings/conf/photo.jpg") at `width`: "meetings/conf/photo-480w.jpg".
pub fn variant_file(rel: &str, width: u32) -> String {
    match extension(rel) {
        Some(ext) => format!("{}-{width}w.{ext}", &rel[..rel.len() - ext.len() - 1]),
        None => format!("{rel}-{width}w"),
    }
}

/// Whether Gazette resizes files with this extension (jpg, jpeg, png — case-insensitive).
/// GIF (may be animated), WebP and SVG are not resized; raster ones still get width/height.
pub fn resizable(rel: &str) -> bool {
    codec::Kind::of(rel).is_some()
}

/// Whether the file is an image with a size in pixels, one [`Photos::process`] reads: jpg, jpeg,
/// png, gif, webp (case-insensitive). SVG is not: it scales to any size.
pub fn raster(rel: &str) -> bool {
    extension(rel)
        .is_some_and(|ext| ["jpg", "jpeg", "png", "gif", "webp"].iter().any(|known| ext.eq_ignore_ascii_case(known)))
}

/// The width and height of the copies of a `width` × `height` photo: one at each of `widths`
/// narrower than the photo, since a copy as wide or wider would only be a larger file of the
/// same pixels; heights keep the shape, rounded to the nearest pixel.
pub fn copy_sizes(width: u32, height: u32, widths: &[u32]) -> Vec<(u32, u32)> {
    widths
        .iter()
        .filter(|&&w| w < width)
        .map(|&w| {
            let h = (u64::from(height) * u64::from(w) + u64::from(width) / 2) / u64::from(width);
            (w, h.max(1) as u32)
        })
        .collect()
}

/// The path of an image beside its notice, relative to the notice's folder, as written in
/// `url` (percent-decoded); `None` for addresses elsewhere and for files that are not images.
pub fn beside(url: &str) -> Option<String> {
    const IMAGES: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "avif", "svg"];
    let path = url.split(['?', '#']).next()?.trim();
    if path.is_empty()
        || path.starts_with('/')
        || path.contains(':')
        || path.starts_with(crate::markdown::INTERNAL_PREFIX)
    {
        return None;
    }
    let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let path = path.trim_start_matches("./");
    if path.split('/').any(|s| s.is_empty() || s == "." || s == "..") || path.contains('\\') {
        return None;
    }
    let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
    IMAGES.contains(&ext.as_str()).then(|| path.to_owned())
}

/// What [`Photos`] does with its work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// Reads and writes the cache.
    Cache,
    /// Keeps copies in memory (`build --no-cache`).
    Memory,
    /// Only measures photos, making no copies (for `check`): their [`Photo::variants`] are
    /// those a build would make, and [`Processed::files`] is empty.
    SizesOnly,
}

/// Resizes photos and remembers the results in `cache_dir` (the site's `.gazette/cache/images/`).
///
/// Its methods take `&self`: build threads share one `Photos`.
#[derive(Debug)]
pub struct Photos {
    cache_dir: PathBuf,
    keep: Keep,
    settings: Images,
    /// How many photos were decoded and resized, rather than found in the cache.
    resized: AtomicUsize,
    /// The keys of the photos processed, so that the others can be removed from the cache.
    used: Mutex<FxHashSet<u64>>,
}
