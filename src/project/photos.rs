//! The photos of a build: every JPEG, PNG, GIF and WebP image published beside a notice,
//! measured and (JPEG, PNG) resized through the cache, for pages to size their `<img>` and
//! offer the copies in `srcset`, and for the copies to be written beside the originals.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use crate::images::{Content, Photo, Photos};
use crate::site::Site;
use crate::{Diagnostic, Error};

/// The photos of one build.
#[derive(Debug, Default)]
pub struct PhotoSet {
    /// By the output path of the original: `meetings/x/photo.jpg`.
    by_file: BTreeMap<String, Measured>,
    /// Every image beside a notice (photos and others), found once for the build.
    beside: Vec<super::checks::Beside>,
}

/// A photo's size and its copies: their output paths and bytes.
type Measured = (Photo, Vec<(String, Content)>);

impl PhotoSet {
    /// The photo published at `out`, if it is one Gazette measured.
    pub fn get(&self, out: &str) -> Option<&Photo> {
        self.by_file.get(out).map(|(photo, _)| photo)
    }

    /// The smaller copies of the photo published at `out`: their output paths and bytes.
    pub fn copies_of(&self, out: &str) -> &[(String, Content)] {
        self.by_file.get(out).map_or(&[], |(_, copies)| copies.as_slice())
    }

    /// Every image published beside a notice, as [`process`] found them.
    pub fn beside(&self) -> &[super::checks::Beside] {
        &self.beside
    }

    /// How many photos the build has.
    pub fn len(&self) -> usize {
        self.by_file.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_file.is_empty()
    }
}

/// Measures and resizes every photo beside the notices of `site`, in parallel; a photo that
/// cannot be read is an error at its file.
pub fn process(root: &Path, site: &Site, photos: &Photos) -> Result<PhotoSet, Error> {
    let beside = super::checks::images_beside(root, site)?;
    let mut wanted: BTreeMap<String, std::path::PathBuf> = BTreeMap::new();
    for b in &beside {
        if crate::images::raster(&b.out) {
            wanted.entry(b.out.clone()).or_insert_with(|| b.source.clone());
        }
    }
    // Sources are canonical paths: shown in messages from the site's folder, canonical too.
    let base = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let results: Vec<Result<(String, Measured), Diagnostic>> = wanted
        .into_par_iter()
        .map(|(out, source)| {
            let shown = crate::fs::shown(root, source.strip_prefix(&base).unwrap_or(&source));
            let processed = photos.process(&source, &shown, &out)?;
            Ok((out, (processed.photo, processed.files)))
        })
        .collect();
    let mut set = PhotoSet { beside, ..PhotoSet::default() };
    let mut problems = Vec::new();
    for r in results {
        match r {
            Ok((out, photo)) => {
                set.by_file.insert(out, photo);
            }
            Err(d) => problems.push(d),
        }
    }
    if problems.is_empty() { Ok(set) } else { Err(Error::Site(problems)) }
}
