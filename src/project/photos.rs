//! The photos of a build: every JPEG, PNG, GIF and WebP image published beside a notice,
//! measured and (JPEG, PNG) resized through the cache, for pages to size their `<img>` and
//! offer the copies in `srcset`, and for the copies to be written beside the originals.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use crate::images::{PhotoSet, Photos};
use crate::site::Site;
use crate::{Diagnostic, Error};

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
    let results: Vec<Result<(String, crate::images::Measured), Diagnostic>> = wanted
        .into_par_iter()
        .map(|(out, source)| {
            let shown = crate::fs::shown(root, source.strip_prefix(&base).unwrap_or(&source));
            let processed = photos.process(&source, &shown, &out)?;
            Ok((out, (processed.photo, processed.files)))
        })
        .collect();
    let mut by_file = BTreeMap::new();
    let mut problems = Vec::new();
    for r in results {
        match r {
            Ok((out, photo)) => {
                by_file.insert(out, photo);
            }
            Err(d) => problems.push(d),
        }
    }
    if problems.is_empty() { Ok(PhotoSet::new(by_file, beside)) } else { Err(Error::Site(problems)) }
}
