//! The photos of one build, as measured and resized (by `project`), for the pages to size
//! their `<img>` and for the copies to be written beside the originals.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::{Content, Photo};

/// An image written beside a notice (`![Alt](photo.jpg)`), found inside `content/`.
#[derive(Debug)]
pub struct Beside {
    pub entry: usize,
    /// Its link among the notice's body's links.
    pub link: usize,
    /// The file, links followed.
    pub source: PathBuf,
    /// Its path in the output, beside the notice's page: `meetings/x/photo.jpg`.
    pub out: String,
}

/// The photos of one build.
#[derive(Debug, Default)]
pub struct PhotoSet {
    /// By the output path of the original: `meetings/x/photo.jpg`.
    by_file: BTreeMap<String, Measured>,
    /// Every image beside a notice (photos and others), found once for the build.
    beside: Vec<Beside>,
}

/// A photo's size and its copies: their output paths and bytes.
pub type Measured = (Photo, Vec<(String, Content)>);

impl PhotoSet {
    pub fn new(by_file: BTreeMap<String, Measured>, beside: Vec<Beside>) -> PhotoSet {
        PhotoSet { by_file, beside }
    }

    /// The photo published at `out`, if it is one Gazette measured.
    pub fn get(&self, out: &str) -> Option<&Photo> {
        self.by_file.get(out).map(|(photo, _)| photo)
    }

    /// The smaller copies of the photo published at `out`: their output paths and bytes.
    pub fn copies_of(&self, out: &str) -> &[(String, Content)] {
        self.by_file.get(out).map_or(&[], |(_, copies)| copies.as_slice())
    }

    /// Every image published beside a notice, as the build found them.
    pub fn beside(&self) -> &[Beside] {
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
