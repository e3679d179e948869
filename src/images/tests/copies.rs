//! The copies themselves: their sizes, formats, orientation and edges; and photos that cannot
//! be read.

use image::{Rgba, RgbaImage};

use super::*;

#[test]
fn copies_are_made_at_each_narrower_width_in_the_original_format() {
    let jpeg = |w, h| encoded(&picture(w, h), ImageFormat::Jpeg);
    let png = |w, h| encoded(&picture(w, h), ImageFormat::Png);
    let gif = |w, h| encoded(&picture(w, h), ImageFormat::Gif);
    let webp = |w, h| encoded(&picture(w, h), ImageFormat::WebP);
    use ImageFormat::{Jpeg, Png};
    for (name, bytes, widths, size, copies) in [
        (
            "wide.jpg",
            jpeg(2000, 1000),
            &[480, 960, 1600][..],
            (2000, 1000),
            vec![(Jpeg, 480, 240), (Jpeg, 960, 480), (Jpeg, 1600, 800)],
        ),
        // Never enlarged: only the copy narrower than the original.
        ("small.jpg", jpeg(600, 400), &[480, 960, 1600], (600, 400), vec![(Jpeg, 480, 320)]),
        ("exact.jpeg", jpeg(480, 300), &[480, 960], (480, 300), vec![]),
        ("tiny.JPG", jpeg(100, 100), &[480, 960, 1600], (100, 100), vec![]),
        ("odd.png", png(1000, 333), &[480], (1000, 333), vec![(Png, 480, 160)]),
        ("chart.png", png(1200, 800), &[480, 960, 1600], (1200, 800), vec![(Png, 480, 320), (Png, 960, 640)]),
        ("none.jpg", jpeg(2000, 1000), &[], (2000, 1000), vec![]),
        // Only their size: a GIF may be animated, and WebP is already small.
        ("anim.gif", gif(360, 120), &[160], (360, 120), vec![]),
        ("modern.webp", webp(300, 200), &[160], (300, 200), vec![]),
        // The content decides how a file is read; the extension, what its copies are.
        ("really-a-png.jpg", png(800, 400), &[400], (800, 400), vec![(Jpeg, 400, 200)]),
    ] {
        let site = Site::new();
        site.write(name, &bytes);
        let processed = site.process(&site.photos(widths), name).unwrap();
        assert_eq!((processed.photo.width, processed.photo.height), size, "{name}");
        assert_eq!(decoded_copies(&processed), copies, "{name}");
        let (stem, ext) = name.rsplit_once('.').unwrap();
        let files: Vec<&str> = processed.photo.variants.iter().map(|v| v.file.as_str()).collect();
        let want: Vec<String> = copies.iter().map(|c| format!("notices/{stem}-{}w.{ext}", c.1)).collect();
        assert_eq!(files, want, "{name}");
    }
}

/// `jpeg` with an EXIF block saying how to turn it for display.
fn with_orientation(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let mut exif = b"Exif\0\0MM\0\x2a\0\0\0\x08".to_vec();
    exif.extend_from_slice(&1u16.to_be_bytes()); // one entry
    exif.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1]); // Orientation, SHORT, 1 value
    exif.extend_from_slice(&orientation.to_be_bytes());
    exif.extend_from_slice(&[0, 0, 0, 0, 0, 0]); // padding, no next IFD
    // Cameras write much more; this stands for the GPS position that must not be published.
    exif.extend_from_slice(b"GPS 51.5007N 0.1246W");
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&(exif.len() as u16 + 2).to_be_bytes());
    out.extend_from_slice(&exif);
    out.extend_from_slice(&jpeg[2..]);
    out
}

#[test]
fn turned_photos_are_measured_and_resized_as_displayed() {
    // Stored 800 × 400, left half red and right half blue; orientation 6 turns it a quarter
    // clockwise for display, so the left half becomes the top.
    let stored = DynamicImage::ImageRgb8(RgbImage::from_fn(800, 400, |x, _| {
        if x < 400 { Rgb([220, 20, 20]) } else { Rgb([20, 20, 220]) }
    }));
    let site = Site::new();
    site.write("phone.jpg", &with_orientation(&encoded(&stored, ImageFormat::Jpeg), 6));
    let processed = site.process(&site.photos(&[200]), "phone.jpg").unwrap();
    assert_eq!((processed.photo.width, processed.photo.height), (400, 800));
    assert_eq!(decoded_copies(&processed), [(ImageFormat::Jpeg, 200, 400)]);

    let bytes = processed.files[0].1.bytes().unwrap();
    assert!(!bytes.windows(4).any(|w| w == b"Exif" || w == b"GPS "), "the copy carries EXIF");
    let copy = image::load_from_memory(&bytes).unwrap().to_rgb8();
    let (top, bottom) = (copy.get_pixel(100, 50), copy.get_pixel(100, 350));
    assert!(top[0] > 150 && top[2] < 100, "top {top:?}");
    assert!(bottom[2] > 150 && bottom[0] < 100, "bottom {bottom:?}");

    // Not resized, still measured as displayed.
    let processed = site.process(&site.photos(&[]), "phone.jpg").unwrap();
    assert_eq!((processed.photo.width, processed.photo.height), (400, 800));
}

#[test]
fn transparent_edges_keep_their_colour() {
    // White on the left, fully transparent black on the right: resized as straight colours,
    // the edge would turn grey.
    let logo = DynamicImage::ImageRgba8(RgbaImage::from_fn(301, 100, |x, _| {
        if x < 150 { Rgba([255, 255, 255, 255]) } else { Rgba([0, 0, 0, 0]) }
    }));
    let site = Site::new();
    site.write("logo.png", &encoded(&logo, ImageFormat::Png));
    let processed = site.process(&site.photos(&[64, 128]), "logo.png").unwrap();
    assert_eq!(decoded_copies(&processed), [(ImageFormat::Png, 64, 21), (ImageFormat::Png, 128, 43)]);
    for (file, content) in &processed.files {
        let copy = image::load_from_memory(&content.bytes().unwrap()).unwrap();
        assert!(copy.color().has_alpha(), "{file}");
        let copy = copy.to_rgba8();
        assert!(copy.pixels().any(|p| p[3] > 0 && p[3] < 255), "{file}: no soft edge");
        for p in copy.pixels().filter(|p| p[3] > 8) {
            assert!(p[0] > 245 && p[1] > 245 && p[2] > 245, "{file}: {p:?}");
        }
    }
}

#[test]
fn photos_that_cannot_be_read_name_the_file() {
    // A PNG claiming 10001 × 10001 pixels, with hardly any data behind them.
    let mut bomb = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8], data: &[u8]| {
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        bomb.extend_from_slice(&(data.len() as u32).to_be_bytes());
        bomb.extend_from_slice(kind);
        bomb.extend_from_slice(data);
        bomb.extend_from_slice(&crc.sum().to_be_bytes());
    };
    let side = 10_001u32.to_be_bytes();
    chunk(b"IHDR", &[&side[..], &side, &[8, 2, 0, 0, 0]].concat());
    chunk(b"IDAT", &[0x78, 0x9c, 0x03, 0x00]);
    chunk(b"IEND", &[]);

    let mut cut = encoded(&picture(600, 400), ImageFormat::Jpeg);
    cut.truncate(300);
    for (name, bytes, message) in [
        (
            "notes.jpg",
            b"These are my notes, not a photo.\n".to_vec(),
            "the image could not be read: it is not a JPEG, PNG, GIF or WebP file",
        ),
        ("empty.png", Vec::new(), "the image could not be read: it is not a JPEG, PNG, GIF or WebP file"),
        ("text.gif", b"GIF? no".to_vec(), "the image could not be read: it is not a JPEG, PNG, GIF or WebP file"),
        ("bitmap.png", b"BM\x36\0\0\0\0\0\0\0\x36\0\0\0".to_vec(), "the image could not be read: it is a BMP file"),
        ("cut.jpg", cut, "the image could not be read: "),
        ("bomb.png", bomb, "the image is 10001 × 10001 pixels, more than the 100 megapixels Gazette reads"),
        ("missing.jpg", Vec::new(), "could not read the file: no such file or folder"),
    ] {
        let site = Site::new();
        if name != "missing.jpg" {
            site.write(name, &bytes);
        }
        let err = site.process(&site.photos(&[480]), name).unwrap_err();
        assert_eq!(err.path, Path::new(name));
        assert!(err.message.starts_with(message), "{name}: {}", err.message);
        assert!(err.hint.is_some() || name == "missing.jpg", "{name}: {err}");
    }
}
