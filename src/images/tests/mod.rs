//! Photos made in code, processed through a cache in a temporary folder.

mod cache;
mod copies;

use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::{DynamicImage, ImageFormat, Rgb, RgbImage};

use super::*;
use crate::Diagnostic;

/// A photo-like image: smooth gradients, so that JPEG sizes and filters behave as on photos.
fn picture(width: u32, height: u32) -> DynamicImage {
    DynamicImage::ImageRgb8(RgbImage::from_fn(width, height, |x, y| {
        Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, ((x + y) % 256) as u8])
    }))
}

fn encoded(image: &DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut bytes = Vec::new();
    image.write_to(&mut Cursor::new(&mut bytes), format).unwrap();
    bytes
}

fn settings(widths: &[u32]) -> Images {
    Images { widths: widths.to_vec(), quality: 82, ..Images::default() }
}

/// A site folder with a cache, and photos written into it.
struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    fn new() -> Site {
        Site { dir: tempfile::tempdir().unwrap() }
    }

    fn cache(&self) -> PathBuf {
        self.dir.path().join(".gazette/cache/images")
    }

    fn photos(&self, widths: &[u32]) -> Photos {
        Photos::new(self.cache(), &settings(widths))
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// Processes the photo `name`, published as `notices/{name}`.
    fn process(&self, photos: &Photos, name: &str) -> Result<Processed, Diagnostic> {
        photos.process(&self.dir.path().join(name), Path::new(name), &format!("notices/{name}"))
    }

    /// The names of the files in the cache, sorted.
    fn cached(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.cache())
            .map(|dir| dir.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect())
            .unwrap_or_default();
        names.sort();
        names
    }
}

/// Each copy decoded: its format and size, checked against what `processed` says of it.
fn decoded_copies(processed: &Processed) -> Vec<(ImageFormat, u32, u32)> {
    assert_eq!(processed.files.len(), processed.photo.variants.len());
    processed
        .files
        .iter()
        .zip(&processed.photo.variants)
        .map(|((file, content), variant)| {
            assert_eq!(file, &variant.file);
            let bytes = content.bytes().unwrap();
            let format = image::guess_format(&bytes).unwrap();
            let image = image::load_from_memory(&bytes).unwrap();
            assert_eq!((image.width(), image.height()), (variant.width, variant.height), "{file}");
            (format, image.width(), image.height())
        })
        .collect()
}

#[test]
fn copies_are_named_after_the_original() {
    for (rel, width, want) in [
        ("a/photo.jpg", 480, "a/photo-480w.jpg"),
        ("photo.JPG", 480, "photo-480w.JPG"),
        ("a.b/c.png", 480, "a.b/c-480w.png"),
        ("meetings/conf/photo.jpeg", 1600, "meetings/conf/photo-1600w.jpeg"),
        ("photo.final.jpg", 960, "photo.final-960w.jpg"),
        ("a.b/photo", 480, "a.b/photo-480w"),
    ] {
        assert_eq!(variant_file(rel, width), want, "{rel}");
    }
}

#[test]
fn file_kinds_are_told_by_extension() {
    for (rel, resized, measured) in [
        ("a/p.jpg", true, true),
        ("p.JPEG", true, true),
        ("p.png", true, true),
        ("p.gif", false, true),
        ("p.WebP", false, true),
        ("p.svg", false, false),
        ("p.pdf", false, false),
        ("a.jpg/p", false, false),
        (".jpg", false, false),
    ] {
        assert_eq!((resizable(rel), raster(rel)), (resized, measured), "{rel}");
    }
}

#[test]
fn copy_sizes_keep_the_shape() {
    for (size, widths, want) in [
        ((2000, 1000), &[480, 960, 1600][..], &[(480, 240), (960, 480), (1600, 800)][..]),
        // 333 × 480 / 1000 = 159.84
        ((1000, 333), &[480], &[(480, 160)]),
        ((4000, 3000), &[480], &[(480, 360)]),
        ((3000, 4000), &[480], &[(480, 640)]),
        // A panorama keeps at least a pixel of height.
        ((10000, 10), &[16], &[(16, 1)]),
        // Never as wide as the original, nor wider.
        ((480, 100), &[480, 960], &[]),
        ((2000, 1000), &[], &[]),
    ] {
        assert_eq!(copy_sizes(size.0, size.1, widths), want, "{size:?} {widths:?}");
    }
}
